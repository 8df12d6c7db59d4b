"""docs/templates.md documents exactly the variables, attributes and filters templates get."""

from __future__ import annotations

import dataclasses
import re

import pytest

from bantin import model, rank
from bantin.compose.context import template_context
from bantin.compose.facts import BandGroup, RankGroup, Section, build_composition
from bantin.compose.filters import FILTERS
from bantin.load import load_dataset

from .conftest import ROOT, SAMPLE_DATA

DOC = (ROOT / "docs" / "templates.md").read_text("utf-8")

TYPES = {
    "section": Section,
    "group": RankGroup,
    "band group": BandGroup,
    "unit": rank.RankedUnit,
    "band count": rank.BandCount,
    "band change": rank.BandChange,
    "comparison": rank.Comparison,
    "streak": rank.Streak,
    "evaluation": model.Evaluation,
    "band": model.Band,
    "publisher": model.Publisher,
    "article": model.ArticleSettings,
    "photo setting": model.Photo,
}


def table_names(heading: str) -> set[str]:
    """The `names` in the first column of the first table after a heading."""
    match = re.search(rf"^#+ {re.escape(heading)}\n(.*?)(?=^#+ |\Z)", DOC, re.M | re.S)
    assert match, f"no section {heading!r} in docs/templates.md"
    table = re.search(r"(?:^\|.*\n)+", match.group(1), re.M)
    assert table, f"no table under {heading!r}"
    return set(re.findall(r"^\| `([^`]+)` \|", table.group(0), re.M))


def readable(kind: type) -> set[str]:
    if issubclass(kind, tuple):  # a named tuple (RankedUnit)
        names = set(kind._fields)
    else:
        names = {f.name for f in dataclasses.fields(kind)}
    names |= {n for n, v in vars(kind).items() if isinstance(v, property)}
    return {n for n in names if not n.startswith("_")}


def test_every_variable_is_documented():
    dataset = load_dataset(SAMPLE_DATA)
    context = template_context(dataset, build_composition(dataset, 2019))
    assert table_names("Biến dùng được trong mọi mẫu") == set(context)
    # The evaluation and caption templates get one variable more each.
    assert "| `section` |" in DOC and "| `photo` |" in DOC


@pytest.mark.parametrize("heading", sorted(TYPES))
def test_every_attribute_is_documented(heading):
    assert table_names(heading) == readable(TYPES[heading])


def test_every_filter_is_documented():
    assert table_names("Bộ lọc") == set(FILTERS)


def test_documented_examples_of_filters_hold():
    from decimal import Decimal

    from bantin import vi

    assert vi.format_number(Decimal("1234.5")) == "1.234,5"
    assert vi.format_number(Decimal(68), 2) == "68,00"
    assert vi.rank_word(4) == "Tư" and vi.ordinal(4) == "thứ tư"
    assert vi.change_phrase(Decimal("-1.25")) == "giảm 1,25 điểm"
    assert vi.rank_change_phrase(5, 2) == "tăng 3 bậc"
    assert "`{{ 3 \\| fraction(21) }}` → 03/21" in DOC


def test_every_data_key_the_loader_reads_is_documented():
    source = (ROOT / "src" / "bantin" / "load.py").read_text("utf-8")
    keys = set(
        re.findall(
            r'\.(?:text|optional_text|choice|integer|decimal|boolean|tables|strings)\(\s*"(\w+)"',
            source,
        )
    )
    keys |= set(re.findall(r't\.data\.get\("(\w+)"', source))
    assert {"focus_agency", "bands", "minimum", "photos", "aliases", "absent"} <= keys
    data_doc = (ROOT / "docs" / "data.md").read_text("utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \|", data_doc, re.M))
    documented |= set(re.findall(r"`\[\[(\w+)\]\]`", data_doc))  # arrays of tables
    assert keys - documented == set()
