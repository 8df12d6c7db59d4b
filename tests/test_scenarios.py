"""A scenario matrix: each situation renders a reviewed golden section, and checks clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from bantin.article import Role
from bantin.check import check_draft
from bantin.compose.article import compose_article
from bantin.export.markdown import render_markdown
from bantin.load import load_dataset

from .scenarios import FIVE_BANDS, FOCUS, NAMES, SCENARIOS


def make_data(root: Path, spec: dict) -> Path:
    data = root / "data"
    (data / "evaluations").mkdir(parents=True)
    (data / "publisher.toml").write_text(
        f'focus_agency = "{FOCUS}"\nauthor = "Thu Trang"\nunit_abbreviation = "VPS"\n'
        'city = "Đà Nẵng"\n',
        "utf-8",
    )
    bands = spec.get("bands", FIVE_BANDS)
    lines = [
        f'name = "{spec.get("name", "Chỉ số cải cách hành chính")}"',
        f'short_name = "{spec.get("short_name", "CCHC")}"',
        f'topic = "{spec.get("topic", "cải cách hành chính")}"',
        f'group = "{spec.get("group", "Khối sở, ban, ngành thành phố")}"',
        f'unit_noun = "{spec.get("unit_noun", "cơ quan")}"',
        f'score_label = "{spec.get("score_label", "điểm quy đổi")}"',
        f'tie_rule = "{spec.get("tie_rule", "dense")}"',
        f"compare_bands = {'true' if spec.get('compare_bands') else 'false'}",
    ]
    if "decimals" in spec:
        lines.append(f"decimals = {spec['decimals']}")
    if "first_year" in spec:
        lines.append(f"first_year = {spec['first_year']}")
    if "audience" in spec:
        lines.append("audience = [" + ", ".join(f'"{a}"' for a in spec["audience"]) + "]")
    for name, minimum in bands:
        lines += ["", "[[bands]]", f'name = "{name}"', f'minimum = "{minimum}"']
    (data / "evaluations" / "cchc.toml").write_text("\n".join(lines) + "\n", "utf-8")
    sections = ["cchc"]
    if spec.get("extra_section"):
        (data / "evaluations" / "vtlt.toml").write_text(
            (data / "evaluations" / "cchc.toml")
            .read_text("utf-8")
            .replace(spec.get("name", "Chỉ số cải cách hành chính"), "công tác văn thư lưu trữ")
            .replace(f'"{spec.get("short_name", "CCHC")}"', '"VTLT"')
            .replace(f'"{spec.get("topic", "cải cách hành chính")}"', '"văn thư lưu trữ"'),
            "utf-8",
        )
        sections.append("vtlt")
    for year, scores in spec["years"].items():
        folder = data / str(year)
        folder.mkdir()
        body = "Đơn vị;Điểm\n" + "".join(f"{unit};{score}\n" for unit, score in scores.items())
        (folder / "cchc.csv").write_text(body, "utf-8")
        if spec.get("extra_section"):
            full = {**scores, FOCUS: "93,5"} if year == 2019 else scores
            if spec.get("never_in_extra"):
                full = {u: s for u, s in scores.items() if u != FOCUS}
            body = "Đơn vị;Điểm\n" + "".join(f"{u};{s}\n" for u, s in full.items())
            (folder / "vtlt.csv").write_text(body, "utf-8")
        (folder / "article.toml").write_text(
            f'sections = {sections!r}\nabsent = "{spec.get("absent", "mention")}"\n'.replace(
                "'", '"'
            ),
            "utf-8",
        )
    return data


def section_text(markdown: str) -> str:
    """The article without its byline and closing: title, sapo and the evaluation sections."""
    blocks = markdown.rstrip("\n").split("\n\n")
    return "\n\n".join(blocks[:-2]) + "\n"


def test_the_matrix_covers_fifteen_situations_or_more():
    assert len(SCENARIOS) >= 15
    assert len(NAMES) >= 20


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenario_section_matches_golden(name, tmp_path, golden):
    data = make_data(tmp_path, SCENARIOS[name])
    markdown = render_markdown(compose_article(load_dataset(data), 2019))
    golden(f"scenarios/{name}.md", section_text(markdown))


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_number_in_a_scenario_is_traced_to_the_data(name, tmp_path):
    data = make_data(tmp_path, SCENARIOS[name])
    path = tmp_path / "bai.md"
    path.write_text(render_markdown(compose_article(load_dataset(data), 2019)), "utf-8")
    report = check_draft(path, data, year=2019, agency=FOCUS)
    assert [str(f) for f in report.findings] == []
    assert [str(u) for u in report.unverified] == []
    assert report.checked >= 5


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenarios_are_deterministic(name, tmp_path):
    data = make_data(tmp_path, SCENARIOS[name])
    once = render_markdown(compose_article(load_dataset(data), 2019))
    again = render_markdown(compose_article(load_dataset(data), 2019))
    assert once == again


def test_absent_omitted_leaves_the_section_out(tmp_path):
    data = make_data(tmp_path, SCENARIOS["absent-this-year-omitted"])
    article = compose_article(load_dataset(data), 2019)
    text = "\n".join(b.text for b in article.blocks if b.role is Role.BODY)
    assert "CCHC" not in text and "VTLT" in text


def body(name: str, root: Path) -> str:
    """The scenario article's paragraphs (title and closing included), one per line."""
    article = compose_article(load_dataset(make_data(root, SCENARIOS[name])), 2019)
    return "\n".join(b.text for b in article.blocks)


FIRST_TIME = "Đây là lần đầu tiên Sở xếp hạng Nhất về công tác CCHC."


def test_first_time_is_said_when_the_data_covers_every_year_since_the_first(tmp_path):
    assert FIRST_TIME in body("sole-first-for-the-first-time", tmp_path)


@pytest.mark.parametrize(
    "name", ["first-but-the-data-starts-late", "tied-first-with-one", "absent-this-year-mentioned"]
)
def test_first_time_is_not_said_when_the_data_cannot_tell(name, tmp_path):
    assert "lần đầu tiên" not in body(name, tmp_path)


def test_a_year_missing_from_the_data_breaks_a_streak_and_hides_a_return(tmp_path):
    text = body("first-again-after-a-year-missing-from-the-data", tmp_path)
    assert "Sở Thông tin và Truyền thông xếp hạng Nhất với điểm quy đổi 96;" in text
    for unproven in ("liên tiếp", "trở lại", "lần gần nhất", "lần đầu tiên", "năm 2018"):
        assert unproven not in text


def test_a_return_to_first_is_said_when_every_year_since_is_in_the_data(tmp_path):
    assert "Sở trở lại vị trí xếp hạng Nhất về công tác CCHC (lần gần nhất là năm 2017)." in body(
        "back-to-first-after-a-gap", tmp_path
    )


def test_a_unit_absent_this_year_only_is_still_mentioned(tmp_path):
    assert "Năm 2019, Sở không có tên trong kết quả đánh giá CCHC." in (
        body("absent-this-year-mentioned", tmp_path)
    )


def test_a_unit_never_in_an_evaluation_gets_no_section_of_it(tmp_path):
    text = body("never-in-the-second-evaluation", tmp_path)
    assert "Chỉ số cải cách hành chính (CCHC) năm 2019" in text
    assert "VTLT" not in text and "văn thư lưu trữ" not in text
    assert "không có tên" not in text


def test_a_competitiveness_index_serves_the_audience_its_definition_names(tmp_path):
    closing = body("competitiveness-index", tmp_path).splitlines()[-2]
    assert closing.endswith("phục vụ doanh nghiệp và nhà đầu tư ngày càng tốt hơn.")
    assert "tổ chức và công dân" not in closing
