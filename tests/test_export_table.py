"""The ranking table (table = ... in article.toml) in DOCX, Markdown and HTML."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from markdown_it import MarkdownIt

from bantin.article import Role
from bantin.compose.article import compose_article
from bantin.errors import DataError
from bantin.export.docx import render_docx
from bantin.export.html import render_html_fragment
from bantin.export.markdown import render_markdown
from bantin.load import load_dataset
from bantin.rank import rank_all
from bantin.vi import format_number

from .helpers import CREATED, needs
from .test_export_html import parse_strict

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOCUS = "Sở Thông tin và Truyền thông"


def opt_in(data_copy: Path, lines: str) -> Path:
    """The sample data with extra top-level lines in 2019's article.toml."""
    settings = data_copy / "2019" / "article.toml"
    text = settings.read_text("utf-8")
    settings.write_text(text.replace("keywords =", f"{lines}\nkeywords =", 1), "utf-8")
    return data_copy


def expected_rows(data: Path, evaluation: str) -> list[list[str]]:
    """Every unit's cells straight from the ranking engine, formatted as the article does."""
    dataset = load_dataset(data)
    decimals = dataset.evaluations[evaluation].decimals
    ranking = rank_all(dataset)[evaluation][2019]
    return [
        [str(u.rank), str(u.position), u.unit, format_number(u.score, decimals), u.band]
        for u in ranking.units
    ]


def test_no_table_unless_asked(data_copy):
    article = compose_article(load_dataset(data_copy), 2019)
    assert not [b for b in article.blocks if b.role in (Role.TABLE, Role.CHART)]


def test_table_true_puts_one_after_each_section_body(data_copy):
    article = compose_article(load_dataset(opt_in(data_copy, "table = true")), 2019)
    roles = [b.role for b in article.blocks]
    tables = [b for b in article.blocks if b.role is Role.TABLE]
    assert [b.text.split(":")[0] for b in tables] == ["Bảng 1", "Bảng 2"]
    assert tables[0].text == (
        "Bảng 1: Kết quả xếp hạng Chỉ số cải cách hành chính năm 2019 – "
        "Khối sở, ban, ngành thành phố"
    )
    # Right after the section's prose, before its photo.
    assert roles[roles.index(Role.TABLE) + 1] is Role.PHOTO


def test_table_for_listed_evaluations_only(data_copy):
    article = compose_article(load_dataset(opt_in(data_copy, 'table = ["vtlt"]')), 2019)
    tables = [b for b in article.blocks if b.role is Role.TABLE]
    assert len(tables) == 1 and "văn thư lưu trữ" in tables[0].text
    assert len(tables[0].table.rows) == 32


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            'table = ["xyz"]',
            'table: "xyz" không phải là bộ chỉ số của bài (cchc, vtlt); ghi table = true cho '
            'mọi phần, hoặc danh sách mã, ví dụ table = ["cchc"]',
        ),
        (
            'chart = "cchc"',
            'khoá "chart" phải là true, false hoặc danh sách mã bộ chỉ số, ví dụ chart = ["cchc"]',
        ),
    ],
)
def test_a_bad_opt_in_names_file_row_and_column(data_copy, line, message):
    opt_in(data_copy, line)
    with pytest.raises(DataError) as raised:
        load_dataset(data_copy)
    path = data_copy / "2019" / "article.toml"
    row = path.read_text("utf-8").splitlines().index(line) + 1
    column = line.index("=") + 3
    assert str(raised.value) == f"{path}:{row}:{column}: {message}"


@pytest.fixture
def tabled(data_copy) -> tuple[Path, object]:
    data = opt_in(data_copy, "table = true")
    return data, compose_article(load_dataset(data), 2019)


def test_docx_table_is_a_real_word_table_of_the_rankings_values(tabled):
    data, article = tabled
    document = docx.Document(io.BytesIO(render_docx(article, CREATED)))
    assert len(document.tables) == 2
    for table, evaluation in zip(document.tables, ("cchc", "vtlt"), strict=True):
        assert table.style.name == "Ranking Table"
        cells = [[c.text for c in row.cells] for row in table.rows]
        assert cells[0] == ["Hạng", "Vị trí", "Đơn vị", cells[0][3], "Xếp loại"]
        assert cells[1:] == expected_rows(data, evaluation)
        header = table.rows[0]._tr
        assert header.find(f"{W}trPr/{W}tblHeader") is not None  # repeats on every page
        assert [r._tr.find(f"{W}trPr/{W}tblHeader") for r in table.rows[1:]] == [None] * (
            len(table.rows) - 1
        )
        for row in table.rows[1:]:
            bold = {run.bold for c in row.cells for p in c.paragraphs for run in p.runs}
            assert bold == ({True} if row.cells[2].text == FOCUS else {None})
    assert document.tables[0].rows[0].cells[3].text == "Điểm quy đổi"


def test_table_caption_keeps_with_its_table(tabled):
    _, article = tabled
    document = docx.Document(io.BytesIO(render_docx(article, CREATED)))
    body = list(document.element.body)
    table = body.index(document.tables[0]._tbl)
    caption = docx.text.paragraph.Paragraph(body[table - 1], document)
    assert caption.style.name == "Caption" and caption.text.startswith("Bảng 1: ")
    assert caption.paragraph_format.keep_with_next is True


def test_the_reference_defines_the_table_style_staff_restyle(tabled, tmp_path):
    from bantin.export.reference import BUILTIN_REFERENCE

    _, article = tabled
    reference = docx.Document(str(BUILTIN_REFERENCE))
    style = reference.styles["Ranking Table"]
    assert style.type == docx.enum.style.WD_STYLE_TYPE.TABLE
    assert reference.styles["Table Text"].font.size == docx.shared.Pt(12)
    # Staff change the header's shading in Word: drafts follow.
    xml = style.element
    shd = xml.find(f"{W}tblStylePr/{W}tcPr/{W}shd")
    shd.set(f"{W}fill", "FFE599")
    path = tmp_path / "reference.docx"
    reference.save(str(path))
    draft = docx.Document(io.BytesIO(render_docx(article, CREATED, path)))
    fills = draft.styles["Ranking Table"].element.findall(f".//{W}shd")
    assert [f.get(f"{W}fill") for f in fills] == ["FFE599"]


def test_a_reference_without_the_table_styles_gets_them(tabled, tmp_path):
    _, article = tabled
    path = tmp_path / "reference.docx"
    docx.Document().save(str(path))  # python-docx's own template: no bantin styles
    draft = docx.Document(io.BytesIO(render_docx(article, CREATED, path)))
    assert draft.tables[0].style.name == "Ranking Table"


def test_markdown_pipe_table_reads_as_the_rankings_values(tabled):
    data, article = tabled
    md = render_markdown(article)
    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(md)
    rows: list[list[str]] = []
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            rows[-1].append("".join(c.content for c in token.children if c.type == "text"))
    headers = [r for r in rows if r[0] == "Hạng"]
    assert len(headers) == 2
    cchc = rows[1 : 1 + len(expected_rows(data, "cchc"))]
    assert cchc == expected_rows(data, "cchc")
    focus_line = next(line for line in md.splitlines() if FOCUS in line and line.startswith("|"))
    assert f"**{FOCUS}**" in focus_line and "**99,84**" in focus_line
    # Columns padded: every line of a table as long as its header line.
    table_lines = [line for line in md.splitlines() if line.startswith("|")]
    assert len({len(line) for line in table_lines[: len(cchc) + 2]}) == 1


@needs("pandoc is not installed", shutil.which("pandoc"))
def test_pandoc_reads_the_pipe_table_as_a_table(tabled):
    _, article = tabled
    out = subprocess.run(
        ["pandoc", "-f", "gfm", "-t", "html"],
        input=render_markdown(article).encode("utf-8"),
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode("utf-8")
    assert out.count("<table>") == 2
    assert f"<td><strong>{FOCUS}</strong></td>" in out


def test_html_table_has_header_cells_and_the_focus_row_marked(tabled):
    data, article = tabled
    root = parse_strict(render_html_fragment(article), fragment=True)
    tables = root.findall(".//table")
    assert len(tables) == 2
    assert tables[0].find("caption").text.startswith("Bảng 1: ")
    assert [th.text for th in tables[0].findall("thead/tr/th")][:3] == ["Hạng", "Vị trí", "Đơn vị"]
    rows = [["".join(td.itertext()) for td in tr.findall("td")] for tr in tables[0].iter("tr")]
    assert rows[1:] == expected_rows(data, "cchc")
    focus = tables[0].findall(".//tr[@class='don-vi-chinh']")
    assert len(focus) == 1 and focus[0].find("td/strong").text == "1"


def test_html_fragment_stays_one_line_per_block_for_the_desk(tabled):
    _, article = tabled
    fragment = render_html_fragment(article)
    assert sum(line.startswith("<table") for line in fragment.splitlines()) == 2
