"""Truth audit: `bantin check` refuses in an edited draft what the articles no longer say
(band moves from assumed thresholds, moves made by units joining or leaving a ranking)."""

from __future__ import annotations

from pathlib import Path

from bantin.check import check_draft
from bantin.compose.article import compose_article
from bantin.export.markdown import render_markdown
from bantin.load import load_dataset

from .audit_data import build


def draft(tmp_path: Path, name: str, agency: str, section: str, added: str) -> list[str]:
    """The findings of check on the article with `added` at the end of the paragraph that
    opens the section of the evaluation called `section` ("(VTLT)")."""
    data = tmp_path / name
    year = build(name, data)
    text = render_markdown(compose_article(load_dataset(data), year, agency))
    paragraphs = text.split("\n\n")
    at = next(i for i, p in enumerate(paragraphs) if section in p and not p.startswith("**"))
    paragraphs[at] = (paragraphs[at] + " " + added).strip()
    path = tmp_path / "bai.md"
    path.write_text("\n\n".join(paragraphs), "utf-8")
    report = check_draft(path, data, year=year, agency=agency)
    return [str(f) for f in report.findings]


def test_the_unedited_audit_drafts_check_clean(tmp_path):
    for name, agency in (("vtlt-new-units", "Sở Tài chính"), ("cchc-district", "Huyện Côn Đảo")):
        assert draft(tmp_path / name, name, agency, "năm", "") == []


def test_a_band_move_from_an_assumed_threshold_is_a_finding(tmp_path):
    found = draft(
        tmp_path,
        "vtlt-new-units",
        "Sở Tài chính",
        "(VTLT)",
        "Xếp loại của Sở được nâng từ mức Khá lên mức Tốt.",
    )
    assert len(found) == 1 and "Khá" in found[0] and "giả định" in found[0]


def test_band_counts_against_assumed_counts_are_a_finding(tmp_path):
    found = draft(
        tmp_path,
        "vtlt-new-units",
        "Sở Tài chính",
        "(VTLT)",
        "So với năm 2022, số cơ quan, đơn vị xếp loại Xuất sắc tăng 4 đơn vị.",
    )
    assert len(found) == 1 and "giả định" in found[0]


def test_a_move_made_by_units_joining_the_ranking_is_a_finding(tmp_path):
    # 10th of 15 in 2022, 13th of 22 in 2023, still 10th among the same 15 units.
    found = draft(
        tmp_path,
        "vtlt-new-units",
        "Sở Tài chính",
        "(VTLT)",
        "Thứ hạng của Sở giảm 3 bậc (năm 2022 xếp thứ 10/15).",
    )
    assert len(found) == 1 and "giảm 3" in found[0] and "vào hoặc rời" in found[0]


def test_a_move_made_by_a_merger_is_a_finding(tmp_path):
    found = draft(
        tmp_path,
        "cchc-district",
        "Huyện Côn Đảo",
        "(Chỉ số CCHC)",
        "Thứ hạng của huyện tăng 1 bậc (năm 2024 xếp thứ 8/8).",
    )
    assert len(found) == 1 and "vào hoặc rời" in found[0]
