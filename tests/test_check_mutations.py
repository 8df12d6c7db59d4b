"""The edits editors make in Word, on every article of `render --all`: each wrong one caught.

Every article of the sample data and of every scenario data set is rendered as DOCX;
each kind of edit below is made in its document.xml as Word would write it, with a
wrong value (must give a finding) and with the right value (must give none):
numbers and fractions in words, a percent sign, a tracked change, a paragraph moved
into a table, a smart tag, a streak in words. On the sample data every article gets
every kind; on the scenario data sets each article gets one kind in turn, so every
kind meets every scenario. With ranking tables on, a cell of each column of a table of
every sample article is made wrong, and rewritten to its own value by a tracked change.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from bantin.check import Prepared, check_draft, prepare, read_draft
from bantin.render import render_all

from .scenarios import SCENARIOS
from .test_check_ties import CLAUSE, hide_tie, tie_groups
from .test_check_word import BREAK, edit_docx, in_table, plain_run, smart_tag, tracked
from .test_scenarios import make_data

YEAR = 2019
UNITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
NUMBER = re.compile(r"(?<![\d/,.\-–])\d+(?:,\d+)?(?![\d/,.]|\s*[-–/]\s*\d)")
YEARLIKE = re.compile(r"(?:19|20)\d\d")
COUNT = re.compile(r"(?<![\d,.])(\d+)/(\d+)(?=\s+(?:\w+\s+){0,3}?(?:xếp loại|loại|đạt)\s)")
STREAK = re.compile(r"(?<![\d,.])(\d+)(?= năm liên tiếp)")


def say(number: str) -> str:
    """A number as a Vietnamese reader writes it in words: "hai mươi mốt", "sáu phẩy năm"."""
    whole, _, decimals = number.partition(",")
    words = _whole(int(whole)) if int(whole) else "không"
    if decimals:
        words += " phẩy " + " ".join(UNITS[int(d)] for d in decimals)
    return words


def _whole(n: int) -> str:
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = [UNITS[hundreds], "trăm"] if hundreds else []
    if tens == 0 and units:
        words += (["linh"] if hundreds else []) + [UNITS[units]]
    elif tens == 1:
        words += ["mười"] + (["lăm"] if units == 5 else [UNITS[units]] if units else [])
    elif tens:
        last = {0: [], 1: ["mốt"], 4: ["tư"], 5: ["lăm"]}.get(units, [UNITS[units]])
        words += [UNITS[tens], "mươi", *last]
    return " ".join(words)


def wrong(number: str) -> str:
    """Another value written the same way: one more, in the last digit for a decimal."""
    if "," in number:
        return number[:-1] + str((int(number[-1]) + 1) % 10)
    return str(int(number) + 1).zfill(len(number))


def numbers(text: str) -> list[re.Match[str]]:
    """The claim numbers of a paragraph: not years, not in fractions or spans."""
    return [
        m
        for m in NUMBER.finditer(text)
        if not YEARLIKE.fullmatch(m.group(0)) and not text[: m.start()].endswith("năm ")
    ]


# A place in an article: (paragraph text, offset, length) and the text there.
Place = tuple[str, int, int]
Edit = Callable[[str], str]


def at(place: Place, fragment: str) -> Edit:
    """An edit putting an XML fragment in place of the text at `place`."""
    text, offset, length = place

    def edit(xml: str) -> str:
        needle = f">{escape(text)}</w:t>"
        assert xml.count(needle) == 1, text
        new = (
            f' xml:space="preserve">{escape(text[:offset])}'
            + BREAK.format(fragment)
            + f"{escape(text[offset + length :])}</w:t>"
        )
        return xml.replace(needle, new)

    return edit


def kinds(
    paragraphs: list[str], groups: Sequence[tuple[str, ...]] = ()
) -> dict[str, list[tuple[Edit, Edit]]]:
    """For each kind of edit, the (wrong, right) edits it can make in this article
    (`groups`: the units sharing a rank, for the edits that hide a tie)."""
    found: dict[str, list[tuple[Edit, Edit]]] = {}
    claims = [p for p in paragraphs if p and not p.startswith(("Ảnh ", "[Chèn ảnh"))]

    def add(kind: str, wrong_edit: Edit, right_edit: Edit) -> None:
        found.setdefault(kind, []).append((wrong_edit, right_edit))

    for text in claims:
        for m in numbers(text):
            place, n = (text, m.start(), len(m.group(0))), m.group(0)
            if not text[: m.start()].endswith("thứ "):
                add(
                    "number words",
                    at(place, plain_run(say(wrong(n)))),
                    at(place, plain_run(say(n))),
                )
            add("tracked change", at(place, tracked(n, wrong(n))), at(place, tracked(wrong(n), n)))
            add("smart tag", at(place, smart_tag(wrong(n))), at(place, smart_tag(n)))

            def moved(xml: str, place: Place = place, new: str = wrong(n)) -> str:
                return at(place, plain_run(new))(in_table(xml, place[0]))

            add("table", moved, lambda xml, text=text: in_table(xml, text))
            unit = re.match(r" điểm", text[m.end() :])
            if unit or re.search(r"(?:với|quy đổi|\()\s*$", text[: m.start()]):
                span = (text, m.start(), len(n) + (unit.end() if unit else 0))
                add(
                    "percent",
                    at(span, plain_run(n + "%")),
                    at(span, plain_run(text[m.start() : m.start() + span[2]])),
                )
        for m in COUNT.finditer(text):
            place = (text, m.start(), len(m.group(0)))
            count, total = m.group(1), m.group(2)
            add(
                "fraction words",
                at(place, plain_run(f"{say(wrong(count))} trên {total}")),
                at(place, plain_run(f"{say(count)} trên {say(total)}")),
            )
        for clause in CLAUSE.finditer(text):
            tied = re.search(r"(?<!\w)đồng (?=xếp|hạng)", clause.group(0))
            if tied is None or not groups:
                continue
            place = (text, clause.start(), len(clause.group(0)))
            hidden = hide_tie(clause.group(0), tied.start(), groups)
            # Right: the same clause rewritten by a tracked change that keeps its words.
            add(
                "hidden tie",
                at(place, plain_run(hidden)),
                at(place, tracked(clause.group(0), clause.group(0))),
            )
        for m in STREAK.finditer(text):
            place = (text, m.start(), len(m.group(1)))
            add(
                "streak words",
                at(place, plain_run(say(wrong(m.group(1))))),
                at(place, plain_run(say(m.group(1)))),
            )
    return found


KINDS = (
    "number words",
    "fraction words",
    "percent",
    "tracked change",
    "table",
    "smart tag",
    "streak words",
    "hidden tie",
)


def mutate_articles(
    data: Path, out: Path, kinds_per_article: int | None, tally: Counter[str], missed: list[str]
) -> None:
    """Render every article, make its edits, and note any wrong edit not caught or right one flagged."""
    result = render_all(data, out, YEAR, ("docx",), jobs=1)
    assert result.skipped == ()
    prepared: Prepared = prepare(data)
    articles = sorted((out / str(YEAR)).glob("*.docx"))
    assert articles
    for number, article in enumerate(articles):
        unit = article.stem
        report = check_draft(article, data, prepared=prepared)
        if report.findings:
            missed.append(f"{article.name} unedited: {[str(f) for f in report.findings]}")
        available = kinds(read_draft(article), tie_groups(prepared, YEAR))
        chosen = [k for k in KINDS if k in available]
        if kinds_per_article is not None:
            turn = [
                chosen[(number * kinds_per_article + i) % len(chosen)]
                for i in range(kinds_per_article)
            ]
            # Few articles state a streak or a tie: each that does gets that kind too.
            rare = ("streak words", "hidden tie")
            chosen = list(dict.fromkeys(turn + [k for k in chosen if k in rare]))
        for kind in chosen:
            edits = available[kind]
            wrong_edit, right_edit = edits[number % len(edits)]
            target = out / "edited.docx"
            for edit, must_find in ((wrong_edit, True), (right_edit, False)):
                edit_docx(article, target, edit)
                found = check_draft(target, data, YEAR, unit, prepared=prepared).findings
                tally[f"{kind} {'wrong' if must_find else 'right'}"] += 1
                if bool(found) != must_find:
                    said = [str(f) for f in found] or read_draft(target)
                    missed.append(f"{data.parent.name}/{article.name} {kind} {must_find}: {said}")


def test_every_kind_of_edit_on_every_sample_article(tmp_path, capsys):
    from .conftest import SAMPLE_DATA

    started = time.perf_counter()
    tally: Counter[str] = Counter()
    missed: list[str] = []
    mutate_articles(SAMPLE_DATA, tmp_path, None, tally, missed)
    with capsys.disabled():
        print(
            f"\nsample --all: {sum(tally.values())} edited drafts, {time.perf_counter() - started:.1f}s"
        )
    assert missed == []
    # One sample article only says "N năm liên tiếp"; the scenarios say it often. An article
    # about a unit outside the leaders may count its band as "nhóm 11 cơ quan", no fraction.
    least = {"streak words": 1, "fraction words": 16, "hidden tie": 32}
    for kind in KINDS:
        assert tally[f"{kind} wrong"] >= least.get(kind, 32), (kind, tally)


def test_every_kind_of_edit_on_every_scenario_article(tmp_path, capsys):
    started = time.perf_counter()
    tally: Counter[str] = Counter()
    missed: list[str] = []
    for name in sorted(SCENARIOS):
        root = tmp_path / name
        root.mkdir()
        mutate_articles(make_data(root, SCENARIOS[name]), root / "output", 1, tally, missed)
    with capsys.disabled():
        print(
            f"\nscenarios --all: {sum(tally.values())} edited drafts, {time.perf_counter() - started:.1f}s"
        )
    assert missed == []
    for kind in KINDS:
        assert tally[f"{kind} wrong"] >= 10, (kind, tally)
    assert tally["hidden tie wrong"] >= 30, tally


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("21", "hai mươi mốt"),
        ("105", "một trăm linh năm"),
        ("96,05", "chín mươi sáu phẩy không năm"),
        ("03", "ba"),
    ],
)
def test_the_words_writer_of_these_tests(number, words):
    assert say(number) == words


# Ranking tables: in every sample article with tables, a cell of each column made wrong
# (must give a finding) or rewritten as a tracked change back to its own value (none).

TABLE_COLUMNS = {"rank": 0, "position": 1, "score": 3, "band": 4}
T_RE = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")


def table_cell_edits(xml: str, turn: int) -> dict[str, tuple[Edit, Edit]]:
    """For each column, a (wrong, right) edit of one cell of the article's tables."""
    tables = list(re.finditer(r"<w:tbl>.*?</w:tbl>", xml, re.S))
    found: dict[str, tuple[Edit, Edit]] = {}
    for kind, column in TABLE_COLUMNS.items():
        table = tables[turn % len(tables)]
        rows = list(re.finditer(r"<w:tr[ >].*?</w:tr>", table.group(0), re.S))[1:]
        cells = [list(re.finditer(r"<w:tc>.*?</w:tc>", r.group(0), re.S)) for r in rows]
        texts = [["".join(t[1] for t in T_RE.findall(c.group(0))) for c in row] for row in cells]
        index = (turn * 7 + column) % len(rows)
        value = texts[index][column]
        if kind == "band":
            others = [t[column] for t in texts if t[column] != value]
            if not others:
                continue
            new = others[0]
        else:
            new = wrong(value)
        # Where the cell's text stands in the document.
        base = table.start() + rows[index].start() + cells[index][column].start()
        text = T_RE.search(xml, base)
        assert text is not None and text.group(2) == value

        def edit(xml: str, fragment: str, text: re.Match[str] = text) -> str:
            return (
                xml[: text.start()]
                + text.group(1)
                + BREAK.format(fragment)
                + "</w:t>"
                + (xml[text.end() :])
            )

        found[f"table {kind}"] = (
            lambda xml, new=new, edit=edit: edit(xml, plain_run(new)),
            lambda xml, new=new, value=value, edit=edit: edit(xml, tracked(new, value)),
        )
    return found


def test_every_table_column_wrong_on_every_sample_article(tmp_path, capsys):
    import shutil

    from .conftest import SAMPLE_DATA

    started = time.perf_counter()
    data = Path(shutil.copytree(SAMPLE_DATA, tmp_path / "data"))
    toml = data / str(YEAR) / "article.toml"
    toml.write_text("table = true\n" + toml.read_text("utf-8"), "utf-8")
    out = tmp_path / "out"
    assert render_all(data, out, YEAR, ("docx",), jobs=1).skipped == ()
    prepared = prepare(data)
    tally: Counter[str] = Counter()
    missed: list[str] = []
    articles = sorted((out / str(YEAR)).glob("*.docx"))
    for number, article in enumerate(articles):
        report = check_draft(article, data, prepared=prepared)
        if report.findings:
            missed.append(f"{article.name} unedited: {[str(f) for f in report.findings]}")
        import zipfile

        with zipfile.ZipFile(article) as package:
            xml = package.read("word/document.xml").decode("utf-8")
        for kind, (wrong_edit, right_edit) in table_cell_edits(xml, number).items():
            target = out / "edited.docx"
            for edit, must_find in ((wrong_edit, True), (right_edit, False)):
                edit_docx(article, target, edit)
                found = check_draft(target, data, YEAR, article.stem, prepared=prepared).findings
                tally[f"{kind} {'wrong' if must_find else 'right'}"] += 1
                if bool(found) != must_find:
                    missed.append(f"{article.name} {kind} {must_find}: {[str(f) for f in found]}")
    with capsys.disabled():
        print(
            f"\nsample tables: {sum(tally.values())} edited drafts, "
            f"{time.perf_counter() - started:.1f}s"
        )
    assert missed == []
    for kind in TABLE_COLUMNS:
        assert tally[f"table {kind} wrong"] >= 30, tally
