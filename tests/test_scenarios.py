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
        'name = "Chỉ số cải cách hành chính"',
        'short_name = "CCHC"',
        'topic = "cải cách hành chính"',
        'group = "Khối sở, ban, ngành thành phố"',
        f'score_label = "{spec.get("score_label", "điểm quy đổi")}"',
        f'tie_rule = "{spec.get("tie_rule", "dense")}"',
        f"compare_bands = {'true' if spec.get('compare_bands') else 'false'}",
    ]
    if "decimals" in spec:
        lines.append(f"decimals = {spec['decimals']}")
    for name, minimum in bands:
        lines += ["", "[[bands]]", f'name = "{name}"', f'minimum = "{minimum}"']
    (data / "evaluations" / "cchc.toml").write_text("\n".join(lines) + "\n", "utf-8")
    sections = ["cchc"]
    if spec.get("extra_section"):
        (data / "evaluations" / "vtlt.toml").write_text(
            (data / "evaluations" / "cchc.toml")
            .read_text("utf-8")
            .replace("Chỉ số cải cách hành chính", "công tác văn thư lưu trữ")
            .replace('"CCHC"', '"VTLT"')
            .replace('"cải cách hành chính"', '"văn thư lưu trữ"'),
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
