"""Articles of different units read differently: masked similarity over `render --all`.

tests/similarity.py measures it (scripts/similarity.py prints it for a folder); here every
data set is held to a ceiling. The sample's 32 units are the real case: two of their
articles share at most 53 % of their wording on average, and no two read alike. The
scenario data sets are ten or twenty invented units ranked once, most of them with a
result of the same shape (a middle band, no move): each is held to the issue's 60 %.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bantin.load import load_dataset
from bantin.render import render_all

from .conftest import SAMPLE_DATA
from .scenarios import SCENARIOS
from .similarity import masked, similarity
from .test_scenarios import make_data

YEAR = 2019
ROOT = Path(__file__).resolve().parents[1]
# The sample: the mean over every pair of its 32 articles, and the most alike pair.
SAMPLE_MEAN = 0.53
SAMPLE_TOP = 0.88
# A scenario data set's articles, ranked once among ten or twenty invented units.
SCENARIO_MEAN = 0.6


def articles(data: Path, out: Path) -> tuple[dict[str, str], list[str]]:
    """Every unit's article of the year (Markdown) and the data's band names."""
    render_all(data, out, YEAR, ("md",), jobs=1)
    texts = {p.stem: p.read_text("utf-8") for p in sorted((out / str(YEAR)).glob("*.md"))}
    bands = [b.name for e in load_dataset(data).evaluations.values() for b in e.bands]
    return texts, bands


def test_the_samples_articles_read_differently_unit_by_unit(tmp_path):
    texts, bands = articles(SAMPLE_DATA, tmp_path)
    found = similarity(texts, bands)
    assert found.articles == 32
    assert found.mean <= SAMPLE_MEAN, found
    assert found.top <= SAMPLE_TOP, found


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_a_scenarios_articles_read_differently_unit_by_unit(name, tmp_path):
    texts, bands = articles(make_data(tmp_path, SCENARIOS[name]), tmp_path / "out")
    assert len(texts) >= 5
    found = similarity(texts, bands)
    assert found.mean <= SCENARIO_MEAN, found
    assert found.top < 1, found


def test_names_numbers_ranks_and_bands_are_masked():
    text = "Sở Nội vụ xếp hạng Nhì với 90,65 điểm, thuộc nhóm Rất tốt, ngày càng tốt hơn."
    expected = "UNIT xếp hạng R với N điểm, thuộc nhóm BAND , ngày càng tốt hơn."
    assert masked(text, ["Sở Nội vụ"], ["Rất tốt", "Tốt"]) == expected.split(" ")


def test_the_same_article_twice_is_identical_and_different_words_are_not():
    same = similarity({"A": "A xếp loại Tốt.", "B": "B xếp loại Khá."}, ["Tốt", "Khá"])
    assert (same.mean, same.top, same.top_pair) == (1.0, 1.0, ("A", "B"))
    other = similarity({"A": "A xếp loại Tốt.", "B": "B giữ vững vị trí."}, ["Tốt"])
    assert other.top < 0.5


def test_the_script_prints_what_the_function_measures(tmp_path):
    texts, bands = articles(SAMPLE_DATA, tmp_path)
    found = similarity(texts, bands)
    script = ROOT / "scripts" / "similarity.py"
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path / str(YEAR)), str(SAMPLE_DATA)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert result.stdout.splitlines() == [
        f"32 bài, {found.pairs} cặp",
        f"trung bình: {found.mean:.2f}",
        f"cao nhất: {found.top:.2f} ({found.top_pair[0]} / {found.top_pair[1]})",
    ]
