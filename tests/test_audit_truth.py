"""Truth audit: articles on data shaped like other provinces' announcements say only what
the data proves (tests/audit_data.py builds the data folders)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bantin.compose.article import compose_article
from bantin.export.markdown import render_markdown
from bantin.load import load_dataset
from bantin.rank import rank_all

from .audit_data import BUILDERS, build
from .oracle import load_truth, read_article


def article(name: str, root: Path, agency: str | None = None) -> tuple[str, str]:
    """The title and the text (title, sapo, body, one paragraph a line) of an audit article."""
    year = build(name, root / name)
    composed = compose_article(load_dataset(root / name), year, agency)
    texts = [b.text for b in composed.blocks]
    return texts[0], "\n".join(texts)


def test_a_commune_new_this_year_is_not_compared_with_a_namesake_of_last_year(tmp_path):
    # 2022 ranked "Xã Tân Thành" (91, first), 2023 ranks "Xã Tân Thạnh" (78), never ranked
    # before: two communes whose names differ only in a tone mark.
    _, text = article("commune-letters", tmp_path, "Xã Tân Thạnh")
    assert "so với năm 2022" not in text
    assert "bậc" not in text and "từ mức" not in text


def test_the_namesake_left_out_this_year_is_not_found_in_it(tmp_path):
    build("commune-letters", tmp_path / "d")
    rankings = rank_all(load_dataset(tmp_path / "d"))["cchc"]
    assert rankings[2023].find("Xã Tân Thành") is None
    assert rankings[2022].find("Xã Tân Thạnh") is None
    assert rankings[2023].find("Xa Tan Thanh").unit == "Xã Tân Thạnh"  # typed without accents


@pytest.mark.parametrize("agency", ["Sở Tài chính", "Sở Công Thương", "Sở Du lịch"])
def test_last_years_band_from_an_assumed_threshold_is_no_band_move(tmp_path, agency):
    # VTLT 2022 has no band column and its thresholds are assumed: no band that year is
    # published, so no article says a unit moved from one.
    title, text = article("vtlt-new-units", tmp_path, agency)
    assert "từ mức" not in text
    assert "nâng xếp loại" not in title


def test_band_counts_against_assumed_counts_are_not_compared(tmp_path):
    _, text = article("vtlt-new-units", tmp_path)
    assert "So với năm 2022, số" not in text


def test_published_bands_of_last_year_are_still_compared(tmp_path):
    # DDCI thresholds are published: Sở Tư pháp's 84,20 was Tốt in 2022, 87,25 Rất tốt now.
    _, text = article("ddci", tmp_path, "Sở Tư pháp")
    assert "Xếp loại của Sở được nâng từ mức Tốt lên mức Rất tốt." in text
    assert "So với năm 2022, số đơn vị xếp loại Rất tốt tăng 3 đơn vị" in text


def test_sample_data_says_no_band_move_from_2018s_assumed_thresholds(tmp_path):
    composed = compose_article(load_dataset(Path(__file__).parents[1] / "data"), 2019, "Sở Y tế")
    text = "\n".join(b.text for b in composed.blocks)
    assert "từ mức" not in text and "nâng xếp loại" not in text


@pytest.mark.parametrize(
    ("agency", "block"),
    [
        ("Sở Tư pháp", "Khối sở, ban, ngành"),
        ("Cục Thuế tỉnh", "Khối cơ quan Trung ương"),
        ("Thành phố Hạ Long", "Khối địa phương"),
    ],
)
def test_a_first_place_in_a_block_is_headlined_with_the_block(tmp_path, agency, block):
    # Districts scored 89,30 and the departments' first 87,25: "xếp hạng Nhất về DDCI"
    # without the block would say the department led the province.
    title, _ = article("ddci", tmp_path, agency)
    assert title.endswith(block)


def test_every_audit_data_set_renders(tmp_path):
    for name in BUILDERS:
        title, text = article(name, tmp_path)
        assert title and text


@pytest.mark.parametrize(
    ("name", "agency"),
    [
        # Last of 8 in 2024, last of 7 in 2025: Long Điền and Đất Đỏ, both ahead of it,
        # merged into Long Đất. It passed no one.
        ("cchc-district", "Huyện Côn Đảo"),
        # 5th in 2024, 3rd in 2025: one of the two places is Đất Đỏ's, gone with the merger.
        ("cchc-district", "Huyện Châu Đức"),
        # 10th of 15 in 2022 and 10th among the same 15 in 2023; seven units new in 2023,
        # three of them ahead: "giảm 3 bậc" would say it fell behind units it did not.
        ("vtlt-new-units", "Sở Tài chính"),
    ],
)
def test_a_move_made_by_units_joining_or_leaving_the_ranking_is_not_said(tmp_path, name, agency):
    _, text = article(name, tmp_path, agency)
    assert "bậc" not in text and "như năm" not in text


def test_a_move_among_the_same_units_is_still_said(tmp_path):
    # The ICT table ranks the same fifteen departments both years.
    _, text = article("ict-two-decimals", tmp_path, "Sở Tài chính")
    assert "Thứ hạng của Sở giảm 4 bậc (năm 2022 xếp hạng Tư)." in text


def test_a_tie_for_first_across_bands_is_said_whole(tmp_path):
    # Sở Tài chính, the only unit rated Xuất sắc, ties Sở Tư pháp (rated Tốt) at 91,0.
    for agency in ("Sở Tài chính", "Sở Tư pháp", "Sở Y tế"):
        _, text = article("par-tie", tmp_path / agency, agency)
        assert "xếp loại Xuất sắc, xếp hạng Nhất" not in text
        assert "đồng xếp hạng Nhất cùng Sở Tư pháp (xếp loại Tốt) với 91,0 điểm" in text


@pytest.mark.parametrize("name", ["par-tie", "par-fall", "ict-two-decimals"])
def test_the_oracle_proves_every_claim_of_the_audit_articles(name, tmp_path):
    root = tmp_path / name
    year = build(name, root)
    dataset = load_dataset(root)
    truth = load_truth(root)
    out = tmp_path / "out"
    out.mkdir()
    for unit in sorted(
        {u.unit for r in rank_all(dataset).values() if year in r for u in r[year].units}
    ):
        path = out / f"{unit}.md"
        path.write_text(render_markdown(compose_article(dataset, year, unit)), "utf-8")
        claims = read_article(path, truth, year)
        assert [str(c) for c in claims if not c.true] == []
        assert len(claims) >= 15
