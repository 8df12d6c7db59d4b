"""`bantin check` on drafts with a ranking table: each row read as claims about its unit."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from bantin.check import Unverified, check_draft, format_report, read_paragraphs
from bantin.cli import cli
from bantin.render import render_all

from .scenarios import SCENARIOS
from .test_check_annotate import commented_text
from .test_check_word import edit_docx
from .test_scenarios import make_data

YEAR = 2019
NAME = "Sở Thông tin và Truyền thông"


def with_tables(data: Path) -> Path:
    """Ask every article.toml of a data folder for ranking tables."""
    for toml in data.glob("*/article.toml"):
        toml.write_text("table = true\n" + toml.read_text("utf-8"), "utf-8")
    return data


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample data with tables, and the focus unit's 2019 article rendered (DOCX and .md)."""
    from .conftest import SAMPLE_DATA

    root = tmp_path_factory.mktemp("tables")
    data = with_tables(Path(shutil.copytree(SAMPLE_DATA, root / "data")))
    out = root / "out"
    result = CliRunner().invoke(
        cli, ["render", "2019", "--data", str(data), "--out", str(out)], prog_name="bantin"
    )
    assert result.exit_code == 0, result.output
    return data, out / "2019"


def table_cells(path: Path) -> set[str]:
    """The text of every table cell of a draft."""
    return {p.text for p in read_paragraphs(path) if p.cell is not None}


def in_tables(path: Path, unverified: Sequence[Unverified]) -> list[str]:
    """The unverified numbers of a table's cells or of its caption."""
    paragraphs = read_paragraphs(path)
    return [
        str(u)
        for u in unverified
        if paragraphs[u.paragraph - 1].cell is not None
        or paragraphs[u.paragraph - 1].text.startswith("Bảng")
    ]


def assert_clean(path: Path, data: Path) -> None:
    """No finding, and no table cell (nor the table's caption) listed as unverified."""
    report = check_draft(path, data)
    assert [str(f) for f in report.findings] == []
    assert len(table_cells(path)) > 10
    assert in_tables(path, report.unverified) == []
    assert all(u.context == "chú thích ảnh" for u in report.unverified), report.unverified


@pytest.mark.parametrize("suffix", [".docx", ".md"])
def test_an_unedited_draft_with_tables_agrees_and_lists_no_cell(sample, suffix):
    data, folder = sample
    path = folder / f"{NAME}{suffix}"
    assert_clean(path, data)
    # Every cell of the two tables is a checked claim: 4 per row and the caption.
    without = check_draft(folder / f"{NAME}{suffix}", data)
    rows = len([c for c in table_cells(path) if re.fullmatch(r"\d+,\d+|\d{2,3}", c)])
    assert without.checked > 4 * rows


@pytest.mark.parametrize(
    "scenario", ["six-bands-competition-two-decimals", "never-in-the-second-evaluation"]
)
def test_unedited_scenario_drafts_with_tables_agree(tmp_path, scenario):
    data = with_tables(make_data(tmp_path, SCENARIOS[scenario]))
    result = render_all(data, tmp_path / "out", YEAR, ("docx", "md"), jobs=1)
    assert result.skipped == ()
    drafts = sorted((tmp_path / "out" / str(YEAR)).glob("*.*"))
    drafts = [d for d in drafts if d.suffix in (".docx", ".md")]
    assert len(drafts) >= 4
    for draft in drafts:
        assert_clean(draft, data)


# Edits of a table row: in the Markdown a row is one line, in the DOCX one w:tr.

Cells = list[str]
RowEdit = Callable[[dict[str, Cells]], None]


def edit_markdown(source: Path, target: Path, edit: RowEdit) -> Path:
    """A copy of a Markdown draft whose first table's rows went through `edit` (by unit)."""
    lines = source.read_text("utf-8").split("\n")
    rows: dict[str, Cells] = {}
    where: dict[str, int] = {}
    for number, line in enumerate(lines):
        cells = (
            [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        )
        if len(cells) == 5 and not rows.get(cells[2].strip("*")):
            unit = cells[2].strip("*")
            rows[unit], where[unit] = cells, number
        if not line.startswith("|") and rows:
            break
    edit(rows)
    for unit, cells in rows.items():
        # An emptied row is deleted, as in edit_word.
        lines[where[unit]] = "| " + " | ".join(cells) + " |" if cells else "\0"
    lines = [line for line in lines if line != "\0"]
    shutil.copy(source.parent / "bantin-manifest.json", target.parent / "bantin-manifest.json")
    target.write_text("\n".join(lines), "utf-8")
    return target


def edit_word(source: Path, target: Path, edit: RowEdit) -> Path:
    """A copy of a DOCX draft whose first table's rows went through `edit` (by unit)."""

    def change(xml: str) -> str:
        table = re.search(r"<w:tbl>.*?</w:tbl>", xml, re.S)
        assert table is not None
        rows: dict[str, Cells] = {}
        spans: dict[str, tuple[int, int]] = {}
        for m in re.finditer(r"<w:tr[ >].*?</w:tr>", table.group(0), re.S):
            cells = [
                "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", c))
                for c in re.findall(r"<w:tc>.*?</w:tc>", m.group(0), re.S)
            ]
            rows[cells[2]] = cells
            spans[cells[2]] = (m.start(), m.end())
        original = {unit: list(cells) for unit, cells in rows.items()}
        edit(rows)
        new = table.group(0)
        for unit in sorted(spans, key=lambda u: -spans[u][0]):
            start, end = spans[unit]
            row = new[start:end]
            if not rows.get(unit):
                new = new[:start] + new[end:]
                continue
            cells = list(re.finditer(r"<w:tc>.*?</w:tc>", row, re.S))
            texts = zip(original[unit], rows[unit], strict=True)
            for cell, (old, text) in reversed(list(zip(cells, texts, strict=True))):
                if old != text:
                    changed = cell.group(0).replace(f">{old}</w:t>", f">{escape(text)}</w:t>")
                    row = row[: cell.start()] + changed + row[cell.end() :]
            new = new[:start] + row + new[end:]
        return xml[: table.start()] + new + xml[table.end() :]

    return edit_docx(source, target, change)


def score(rows: dict[str, Cells]) -> None:
    rows["Sở Nội vụ"][3] = "99,48"


def rank(rows: dict[str, Cells]) -> None:
    rows["Sở Nội vụ"][0] = "2"


def position(rows: dict[str, Cells]) -> None:
    rows["Sở Giao thông vận tải"][1] = "2"


def band(rows: dict[str, Cells]) -> None:
    rows["Sở Tư pháp"][4] = "Rất tốt"


def swap(rows: dict[str, Cells]) -> None:
    a, b = rows["Sở Giao thông vận tải"], rows["Sở Tư pháp"]
    a[2], b[2] = b[2], a[2]


def stranger(rows: dict[str, Cells]) -> None:
    rows["Sở Tư pháp"][2] = "Sở Ngoại vụ Trung ương"


GTVT = "Sở Giao thông vận tải, CCHC 2019"
TP = "Sở Tư pháp, CCHC 2019"
MUTATIONS = {
    "score": (score, ['"Sở Nội vụ | 99,48" — dữ liệu: 99,84 (Sở Nội vụ, CCHC 2019)']),
    "rank": (rank, ['"Sở Nội vụ | 2" — dữ liệu: hạng 1 (Sở Nội vụ, CCHC 2019)']),
    "position": (position, [f'"Sở Giao thông vận tải | 2" — dữ liệu: vị trí 3 ({GTVT})']),
    "band": (band, [f'"Sở Tư pháp | Rất tốt" — dữ liệu: Tốt ({TP})']),
    "swap": (
        swap,
        [
            f'"Sở Tư pháp | 2" — dữ liệu: hạng 3 ({TP})',
            f'"Sở Tư pháp | 3" — dữ liệu: vị trí 4 ({TP})',
            f'"Sở Tư pháp | 90,65" — dữ liệu: 89,72 ({TP})',
            f'"Sở Tư pháp | Rất tốt" — dữ liệu: Tốt ({TP})',
            f'"Sở Giao thông vận tải | 3" — dữ liệu: hạng 2 ({GTVT})',
            f'"Sở Giao thông vận tải | 4" — dữ liệu: vị trí 3 ({GTVT})',
            f'"Sở Giao thông vận tải | 89,72" — dữ liệu: 90,65 ({GTVT})',
            f'"Sở Giao thông vận tải | Tốt" — dữ liệu: Rất tốt ({GTVT})',
        ],
    ),
    "stranger": (
        stranger,
        ['"Sở Ngoại vụ Trung ương" — dữ liệu: không có trong kết quả xếp hạng (CCHC 2019)'],
    ),
}


@pytest.mark.parametrize("suffix", [".docx", ".md"])
@pytest.mark.parametrize("kind", sorted(MUTATIONS))
def test_a_wrong_cell_is_caught_with_its_row(sample, tmp_path, suffix, kind):
    data, folder = sample
    edit, expected = MUTATIONS[kind]
    writer = edit_word if suffix == ".docx" else edit_markdown
    draft = writer(folder / f"{NAME}{suffix}", tmp_path / f"{NAME}{suffix}", edit)
    report = check_draft(draft, data)
    assert [str(f) for f in report.findings] == expected
    assert format_report(report)[-1].endswith(f"{len(expected)} chỗ không khớp với dữ liệu.")


def reword(rows: dict[str, Cells]) -> None:
    """Rows left out, a unit by its short name and alias: still every claim true."""
    for unit in ("Sở Tư pháp", "Sở Tài chính", "Sở Công Thương"):
        rows[unit] = []
    rows["Sở Nội vụ"][2] = "SNV"
    rows[NAME][2] = "Sở TT&TT"


@pytest.mark.parametrize("suffix", [".docx", ".md"])
def test_a_shortened_reworded_table_is_no_finding(sample, tmp_path, suffix):
    data, folder = sample
    writer = edit_word if suffix == ".docx" else edit_markdown
    draft = writer(folder / f"{NAME}{suffix}", tmp_path / f"{NAME}{suffix}", reword)
    if suffix == ".md":  # the Markdown escapes "&" in a name; the caption reworded too
        text = draft.read_text("utf-8").replace("Sở TT&TT", "Sở TT\\&TT")
        text = re.sub(r"\*Bảng 1: [^*]*\*", "*Bảng 1. Xếp hạng CCHC năm 2019*", text)
        draft.write_text(text.replace("| Hạng  |", "| Thứ hạng |", 1), "utf-8")
    report = check_draft(draft, data)
    assert [str(f) for f in report.findings] == []
    assert "SNV" in table_cells(draft)
    assert in_tables(draft, report.unverified) == []


def test_the_annotated_copy_comments_the_wrong_cell(sample, tmp_path):
    data, folder = sample
    draft = edit_word(folder / f"{NAME}.docx", tmp_path / "bài.docx", score)
    result = CliRunner().invoke(
        cli, ["check", str(draft), "--data", str(data), "--annotate"], prog_name="bantin"
    )
    assert result.exit_code == 1, result.output
    assert '"Sở Nội vụ | 99,48" — dữ liệu: 99,84 (Sở Nội vụ, CCHC 2019)' in result.stdout
    import zipfile

    with zipfile.ZipFile(tmp_path / "bài (đã kiểm tra).docx") as package:
        xml = package.read("word/document.xml").decode("utf-8")
        comments = package.read("word/comments.xml").decode("utf-8")
    assert list(commented_text(xml).values()) == ["99,48"]
    # The comment stands inside the table, in the cell's own paragraph.
    table = re.search(r"<w:tbl>.*?</w:tbl>", xml, re.S)
    assert table is not None and "<w:commentRangeStart" in table.group(0)
    assert '"99,48" không khớp với dữ liệu: 99,84 (Sở Nội vụ, CCHC 2019).' in comments


def test_a_table_of_other_columns_is_read_as_text(sample, tmp_path):
    """A table an editor adds (no unit column) keeps being read as text."""
    data, folder = sample

    def other(rows: dict[str, Cells]) -> None:
        rows["Đơn vị"][2] = "Nội dung"

    draft = edit_markdown(folder / f"{NAME}.md", tmp_path / f"{NAME}.md", other)
    report = check_draft(draft, data)
    assert report.findings == ()
    assert any(u.text == "99,84" for u in report.unverified)


def test_a_column_an_editor_adds_is_read_as_text(sample, tmp_path):
    data, folder = sample

    def note(rows: dict[str, Cells]) -> None:
        rows["Đơn vị"][4] = "Ghi chú"
        rows["Sở Tư pháp"][4] = "tăng 5 bậc"
        rows["Sở Nội vụ"][3] = "99,48"

    draft = edit_markdown(folder / f"{NAME}.md", tmp_path / f"{NAME}.md", note)
    report = check_draft(draft, data)
    assert [str(f) for f in report.findings] == [
        '"Sở Nội vụ | 99,48" — dữ liệu: 99,84 (Sở Nội vụ, CCHC 2019)',
        '"tăng 5 bậc" — dữ liệu: không có hạng của năm 2018 và 2019 (CCHC 2019)',
    ]


def test_a_caption_year_without_data_is_a_finding(sample, tmp_path):
    data, folder = sample
    source = folder / f"{NAME}.md"
    shutil.copy(folder / "bantin-manifest.json", tmp_path / "bantin-manifest.json")
    draft = tmp_path / source.name
    text = source.read_text("utf-8")
    draft.write_text(text.replace("chính năm 2019 – Khối", "chính năm 2015 – Khối", 1), "utf-8")
    report = check_draft(draft, data)
    assert [str(f) for f in report.findings] == [
        '"năm 2015" — dữ liệu: không có kết quả năm 2015 (CCHC 2015)'
    ]


def drop(*units: str) -> RowEdit:
    """An edit deleting the rows of `units`."""

    def edit(rows: dict[str, Cells]) -> None:
        for unit in units:
            rows[unit] = []

    return edit


def cut_after(place: int) -> RowEdit:
    """An edit keeping the first `place` rows: a table cut short."""

    def edit(rows: dict[str, Cells]) -> None:
        for unit in list(rows)[place:]:
            rows[unit] = []

    return edit


HIDDEN_TIES = {
    # One of the two first deleted: the other holds the place alone in the table.
    "one of a tie": (
        drop("Sở Nội vụ"),
        [
            f'"{NAME} | 1" — dữ liệu: đồng hạng 1 cùng Sở Nội vụ (không có trong bảng) '
            f"({NAME}, CCHC 2019)"
        ],
    ),
    "both of a tie": (drop("Sở Nội vụ", NAME), []),
    # Cut inside the tie: no row after it, nothing said about the next place.
    "cut inside a tie": (cut_after(1), []),
    "cut short": (cut_after(5), []),
}


@pytest.mark.parametrize("suffix", [".docx", ".md"])
@pytest.mark.parametrize("kind", sorted(HIDDEN_TIES))
def test_a_tie_hidden_by_a_deleted_row_is_a_finding(sample, tmp_path, suffix, kind):
    data, folder = sample
    edit, expected = HIDDEN_TIES[kind]
    writer = edit_word if suffix == ".docx" else edit_markdown
    draft = writer(folder / f"{NAME}{suffix}", tmp_path / f"{NAME}{suffix}", edit)
    report = check_draft(draft, data)
    assert [str(f) for f in report.findings] == expected
