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


DATA_DOC = (ROOT / "docs" / "data.md").read_text("utf-8")

SCHEMAS = {
    "publisher.toml": model.PUBLISHER_SCHEMA,
    "units.toml": model.UNITS_SCHEMA,
    "evaluations/<mã>.toml": model.EVALUATION_SCHEMA,
    "<năm>/article.toml": model.ARTICLE_SCHEMA,
}


def data_section(file: str) -> str:
    match = re.search(rf"^## {re.escape(file)} .*?(?=^## |\Z)", DATA_DOC, re.M | re.S)
    assert match, f"no section for {file} in docs/data.md"
    return match.group(0)


def documented_tables(file: str) -> list[dict[str, str]]:
    """Each key table of a file's section: key -> its "bắt buộc" column."""
    tables = re.findall(r"(?:^\|.*\n)+", data_section(file), re.M)
    return [dict(re.findall(r"^\| `(\w+)` \| (có|không) \|", t, re.M)) for t in tables]


def schema_tables(schema: dict[str, model.Key]) -> list[dict[str, str]]:
    """The tables a schema should have in docs/data.md: its plain keys, then each [[table]]."""
    plain = {k: "có" if v.required else "không" for k, v in schema.items() if v.table is None}
    subtables = [schema_tables(v.table)[0] for v in schema.values() if v.table is not None]
    return ([plain] if plain else []) + subtables


@pytest.mark.parametrize("file", sorted(SCHEMAS))
def test_every_schema_key_is_documented_and_nothing_else(file):
    assert documented_tables(file) == schema_tables(SCHEMAS[file])
    for key, spec in SCHEMAS[file].items():
        if spec.table is not None:
            assert f"`[[{key}]]`" in data_section(file)


@pytest.mark.parametrize("file", sorted(SCHEMAS))
def test_documented_ranges_and_choices_are_the_schemas(file):
    section = data_section(file)
    every = dict(SCHEMAS[file])
    for spec in SCHEMAS[file].values():
        every |= spec.table or {}
    for key, spec in every.items():
        if spec.table is not None:
            continue
        row = re.search(rf"^\| `{key}` \|.*$", section, re.M)
        assert row, key
        if spec.kind == "integer":
            assert f"số nguyên từ {spec.low} đến {spec.high}" in row.group(0), key
        for value, _ in spec.choices:
            assert f'`"{value}"`' in row.group(0), (key, value)


def test_the_loader_reads_every_schema_key_and_nothing_else():
    source = (ROOT / "src" / "bantin" / "load.py").read_text("utf-8")
    read = set(
        re.findall(
            r"(?:\.(?:text|optional_text|choice|integer|optional_integer|decimal|boolean|tables"
            r'|strings)\(|opted_in\(t, )\s*"(\w+)"',
            source,
        )
    )
    keys: set[str] = set()
    for schema in SCHEMAS.values():
        for key, spec in schema.items():
            keys |= {key, *(spec.table or {})}
    assert read == keys
