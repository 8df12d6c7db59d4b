"""`bantin check` lets no hidden tie, false lead or false "duy nhất" through.

Drafts are rendered, then edited as an editor would: "đồng" and the units sharing a rank
deleted ("Sở A đồng xếp hạng Nhất cùng Sở B" → "Sở A xếp hạng Nhất"), the unit said to
lead replaced by one that does not, "là cơ quan duy nhất xếp loại X" added where the band
holds others. The edits find their places by the data (who is tied, who is first), not by
the templates' sentences, so they keep working when the wording changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from bantin.check import Prepared, check_draft, prepare
from bantin.render import render_all

from .audit_data import build
from .scenarios import SCENARIOS
from .test_check_word import edit_docx, in_table
from .test_scenarios import make_data

TIE_SCENARIOS = ("tied-first-with-one", "tied-first-three-ways", "tie-above-keeps-the-place")
JOIN = r"(?:,\s*|\s+và\s+|\s+cùng\s+)"
PARTNER_BAND = r"(?:\s*\([^()]*\))?"
CLAUSE = re.compile(r"[^;.\n]+(?:\.(?=\d)[^;.\n]*)*")


def data_sets(root: Path) -> Iterator[tuple[str, Path, int]]:
    """The sample, the scenarios with ties, and the audit data with a three-way tie at the top."""
    from .conftest import SAMPLE_DATA

    yield "sample", SAMPLE_DATA, 2019
    for name in TIE_SCENARIOS:
        (root / name).mkdir()
        yield name, make_data(root / name, SCENARIOS[name]), 2019
    yield "ict", root / "ict", build("ict-two-decimals", root / "ict")


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Path, int, Prepared]]:
    """Every article (Markdown) of every data set, with its data prepared for check."""
    root = tmp_path_factory.mktemp("ties")
    found = []
    for name, data, year in data_sets(root):
        out = root / f"{name}-out"
        assert render_all(data, out, year, ("md",), jobs=1).skipped == ()
        prepared = prepare(data)
        for article in sorted((out / str(year)).glob("*.md")):
            found.append((name, article, year, prepared))
    return found


def tie_groups(prepared: Prepared, year: int) -> list[tuple[str, ...]]:
    """Every group of units sharing a rank, this year and the year before, any evaluation."""
    return [
        tuple(u.unit for u in group)
        for by_year in prepared.rankings.values()
        for y in (year, year - 1)
        if y in by_year
        for group in by_year[y].tie_groups()
    ]


def first_units(prepared: Prepared, year: int) -> set[str]:
    """The units ranked first in some evaluation that year."""
    return {
        u.unit
        for by_year in prepared.rankings.values()
        if year in by_year
        for u in by_year[year].units
        if u.rank == 1
    }


def check(path: Path, text: str, year: int, agency: str, prepared: Prepared) -> list:
    edited = path.parent / "edited.md"
    edited.write_text(text, "utf-8")
    return list(check_draft(edited, Path("."), year, agency, prepared=prepared).findings)


def hide_tie(clause: str, start: int, groups: Sequence[tuple[str, ...]]) -> str:
    """The clause with "đồng" at `start` deleted, and every unit sharing a rank it names
    deleted too but the first one named before the claim (the subject kept)."""
    tied = {n for g in groups for n in g}
    named = sorted(
        (m.start(), n) for n in tied for m in re.finditer(re.escape(n) + r"(?!\w)", clause)
    )
    kept = next((n for at, n in named if at < start), None)
    text = clause[:start] + clause[start + len("đồng ") :]
    for _, name in named:
        if name == kept:
            continue
        n = re.escape(name)
        text, done = re.subn(rf"{JOIN}{n}{PARTNER_BAND}(?!\w)", "", text, count=1)
        if not done:
            text = re.sub(rf"{n}{PARTNER_BAND}{JOIN}", "", text, count=1)
    return text


def test_a_rank_said_without_dong_of_a_tied_unit_is_a_finding(articles):
    tally: dict[str, int] = {}
    missed = []
    for name, article, year, prepared in articles:
        text = article.read_text("utf-8")
        agency = article.stem
        assert check(article, text, year, agency, prepared) == [], article.name
        groups = tie_groups(prepared, year)
        for clause in CLAUSE.finditer(text):
            for m in re.finditer(r"(?<!\w)đồng (?=xếp|hạng)", clause.group(0)):
                edited_clause = hide_tie(clause.group(0), m.start(), groups)
                edited = text[: clause.start()] + edited_clause + text[clause.end() :]
                found = check(article, edited, year, agency, prepared)
                tally[name] = tally.get(name, 0) + 1
                if not any(f.expected.startswith("đồng ") for f in found):
                    missed.append((name, agency, edited_clause.strip(), [str(f) for f in found]))
    assert missed == []
    # Every data set has ties said in its articles: headlines, sapos and bodies.
    assert set(tally) == {"sample", "ict", *TIE_SCENARIOS}, tally
    assert min(tally.values()) >= 10, tally


def test_the_lead_given_to_a_unit_that_is_not_first_is_a_finding(articles):
    tally = 0
    missed = []
    for name, article, year, prepared in articles:
        text = article.read_text("utf-8")
        firsts = first_units(prepared, year)
        ranking = next(iter(prepared.rankings.values()))[year]
        last = ranking.units[-1].unit
        assert last not in firsts
        for clause in CLAUSE.finditer(text):
            lead = re.search(r"(?i:dẫn) đầu(?! nhóm)", clause.group(0))
            leaders = [n for n in firsts if n in clause.group(0)]
            if lead is None or not leaders:
                continue
            leader = min(leaders, key=clause.group(0).index)
            edited_clause = clause.group(0).replace(leader, last, 1)
            edited = text[: clause.start()] + edited_clause + text[clause.end() :]
            found = check(article, edited, year, article.stem, prepared)
            tally += 1
            if not any(f.text.casefold() == "dẫn đầu" for f in found):
                missed.append((name, article.stem, edited_clause.strip(), [str(f) for f in found]))
    assert missed == []
    assert tally >= 30


def test_the_lead_of_a_band_given_to_another_unit_of_it_is_a_finding(articles):
    tally = 0
    missed = []
    for name, article, year, prepared in articles:
        text = article.read_text("utf-8")
        for clause in CLAUSE.finditer(text):
            lead = re.search(r"dẫn đầu nhóm", clause.group(0))
            if lead is None:
                continue
            for by_year in prepared.rankings.values():
                ranking = by_year.get(year)
                unit = ranking.find(article.stem) if ranking else None
                if unit is None or unit.unit not in clause.group(0)[: lead.start()]:
                    continue
                others = [
                    u for u in ranking.units if u.band == unit.band and u.position > unit.position
                ]
                if not others:
                    continue
                edited_clause = clause.group(0).replace(unit.unit, others[-1].unit, 1)
                edited = text[: clause.start()] + edited_clause + text[clause.end() :]
                found = check(article, edited, year, article.stem, prepared)
                tally += 1
                if not any(f.text == "dẫn đầu" and "dẫn đầu nhóm" in f.expected for f in found):
                    missed.append((name, article.stem, edited_clause, [str(f) for f in found]))
    assert missed == []
    assert tally >= 3


def test_the_only_unit_of_a_band_is_said_only_of_a_band_of_one(articles):
    tally = {True: 0, False: 0}
    missed = []
    for name, article, year, prepared in articles:
        if name == "sample":
            continue  # two evaluations: the inserted band would need its evaluation named
        text = article.read_text("utf-8")
        (by_year,) = prepared.rankings.values()
        ranking = by_year[year]
        unit = ranking.find(article.stem)
        if unit is None:
            continue
        count = next(b.count for b in ranking.band_counts if b.band == unit.band)
        # The body's first sentence naming the unit by its full name, past the headline.
        at = text.find(unit.unit, text.find("\n\n"))
        if at < 0:
            continue
        at += len(unit.unit)
        edited = text[:at] + f" là đơn vị duy nhất xếp loại {unit.band}," + text[at:]
        found = check(article, edited, year, article.stem, prepared)
        wrong = count > 1
        tally[wrong] += 1
        sole = [f for f in found if f.text == "duy nhất"]
        if bool(sole) != wrong or (not wrong and found):
            missed.append((name, article.stem, count, [str(f) for f in found]))
    assert missed == []
    assert tally[True] >= 20, tally


def test_a_hidden_tie_in_a_docx_headline_and_table_cell_is_a_finding(tmp_path):
    from xml.sax.saxutils import escape

    from bantin.check import read_draft

    data = make_data(tmp_path, SCENARIOS["tied-first-three-ways"])
    out = tmp_path / "out"
    assert render_all(data, out, 2019, ("docx",), jobs=1).skipped == ()
    prepared = prepare(data)
    (by_year,) = prepared.rankings.values()
    top = by_year[2019].at_rank(1)
    unit = top[0].unit
    source = out / "2019" / f"{unit}.docx"
    paragraphs = read_draft(source)
    headline = paragraphs[0]
    assert headline.startswith(f"{unit} đồng xếp")
    # The body's sentence naming the three, with the other two and "đồng" deleted.
    body = next(p for p in paragraphs[1:] if all(u.unit in p for u in top) and "đồng" in p)
    clause = next(c for c in CLAUSE.finditer(body) if "đồng xếp" in c.group(0))
    start = clause.group(0).index("đồng xếp")
    hidden_body = (
        body[: clause.start()]
        + hide_tie(clause.group(0), start, tie_groups(prepared, 2019))
        + body[clause.end() :]
    )

    def edit(xml: str) -> str:
        xml = xml.replace(escape(headline), escape(headline.replace("đồng ", "", 1)), 1)
        xml = xml.replace(escape(body), escape(hidden_body), 1)
        return in_table(xml, hidden_body)

    edited = edit_docx(source, tmp_path / "edited.docx", edit)
    assert read_draft(edited)[0] != headline
    found = check_draft(edited, data, 2019, unit, prepared=prepared).findings
    hidden = [f for f in found if f.expected.startswith("đồng ")]
    others = ", ".join(u.unit for u in top[1:])
    assert [f.expected for f in hidden] == [f"đồng xếp hạng Nhất cùng {others}"] * 2, [
        str(f) for f in found
    ]
    assert all(str(f).endswith(f"({unit}, CCHC 2019)") for f in hidden)


def test_a_wrong_block_next_to_a_units_rank_is_a_finding(tmp_path):
    data = tmp_path / "ddci"
    year = build("ddci", data)
    out = tmp_path / "out"
    assert render_all(data, out, year, ("md",), jobs=1).skipped == ()
    prepared = prepare(data)
    blocks = {e.group: e.id for e in prepared.dataset.evaluations.values() if "@" in e.id}
    assert len(blocks) == 3
    said = re.compile(
        r"(?:xếp|dẫn đầu)[^;.\n]*? trong (" + "|".join(map(re.escape, blocks)) + r")(?!\w)"
    )
    tally = 0
    missed = []
    for article in sorted((out / str(year)).glob("*.md")):
        text = article.read_text("utf-8")
        assert check(article, text, year, article.stem, prepared) == [], article.name
        for m in said.finditer(text):
            right = m.group(1)
            for wrong in sorted(set(blocks) - {right}):
                edited = text[: m.start(1)] + wrong + text[m.end(1) :]
                found = check(article, edited, year, article.stem, prepared)
                tally += 1
                if not any(f.expected == f"thuộc {right}" and f.text == wrong for f in found):
                    missed.append((article.stem, wrong, [str(f) for f in found]))
    assert missed == []
    assert tally >= 30


def test_a_unit_said_first_in_a_block_it_is_not_in_is_a_finding(tmp_path):
    data = tmp_path / "ddci"
    year = build("ddci", data)
    prepared = prepare(data)
    (top, *_) = prepared.rankings["ddci@Khối cơ quan Trung ương"][year].units
    path = tmp_path / "bai.md"
    for block, found in (("Khối địa phương", 1), ("Khối cơ quan Trung ương", 0)):
        path.write_text(f"Trong {block}, {top.unit} đồng xếp hạng Nhất năm {year}.\n", "utf-8")
        report = check_draft(path, data, year, top.unit, prepared=prepared)
        assert [f.expected for f in report.findings] == ["thuộc Khối cơ quan Trung ương"] * found


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # Partners named anywhere in the clause, in any order: no tie hidden.
        ("Sở Nội vụ xếp hạng Nhất về CCHC năm 2019 cùng với Sở Thông tin và Truyền thông.", []),
        ("Sở Thông tin và Truyền thông và Sở Nội vụ cùng xếp hạng Nhất về CCHC năm 2019.", []),
        (
            "Sở Nội vụ xếp hạng Nhất về CCHC năm 2019.",
            ["đồng xếp hạng Nhất cùng Sở Thông tin và Truyền thông"],
        ),
        # A lead in something the rankings do not hold is not checked against them.
        ("Sở Du lịch dẫn đầu về tỷ lệ hồ sơ trực tuyến.", []),
        ("Sở Du lịch dẫn đầu về CCHC năm 2019.", ["xếp thứ 12/21"]),
        ("Sở Du lịch không còn dẫn đầu về CCHC năm 2019.", []),
    ],
)
def test_editor_sentences_about_ties_and_leads(tmp_path, sentence, found):
    from .conftest import SAMPLE_DATA

    path = tmp_path / "bai.md"
    path.write_text(sentence + "\n", "utf-8")
    report = check_draft(path, SAMPLE_DATA, 2019, "Sở Du lịch")
    assert [f.expected for f in report.findings] == found
