"""A ranking table in each format: a real Word table, a pipe table, an HTML table.

The DOCX table takes the "Ranking Table" table style and the "Table Text" paragraph
style of the reference document (staff restyle both in Word); its header row repeats
on every page a long table runs over, and the focus unit's row is bold.

Markdown: CommonMark has no tables. The pipe table (GitHub Flavored Markdown) is what
pandoc, GitHub, VS Code and most Markdown editors draw as a table, and its text, columns
padded, still reads as a table to anyone who opens the .md in Notepad; a strict
CommonMark viewer shows the same lines as a paragraph, every cell still in it. An HTML
<table> inside the Markdown would draw in CommonMark viewers but read as markup in a
text editor, and many viewers strip raw HTML.
"""

from __future__ import annotations

from html import escape
from typing import Any

from bantin.article import RankingTable, TableRow

# Each column's share of the text column, in thousandths: rank, position, unit, score, band.
WIDTHS = (90, 90, 470, 160, 190)
# Cells of numbers are centred; names left aligned.
CENTRED = (True, True, False, True, False)


def cells(row: TableRow) -> tuple[str, str, str, str, str]:
    """A row's cells, in the header's order."""
    return (row.rank, row.position, row.unit, row.score, row.band)


# DOCX


def add_docx_table(document: Any, table: RankingTable, text_style_id: str) -> None:
    """The ranking as a Word table at the end of the document body."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    from bantin.export.reference import TABLE_PADDING, TABLE_STYLE, set_language

    section = document.sections[0]
    column = section.page_width - section.left_margin - section.right_margin
    word = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    word.style = document.styles[TABLE_STYLE]
    word.autofit = False
    # Word 2010's layout (the reference's compatibility mode, which LibreOffice follows)
    # hangs a table's border into the margin by the cells' left padding: indent it back.
    tbl_pr = word._tbl.tblPr
    tbl_pr.append(
        tbl_pr.makeelement(qn("w:tblInd"), {qn("w:w"): str(TABLE_PADDING), qn("w:type"): "dxa"})
    )
    widths = [column * share // 1000 for share in WIDTHS]
    for index, width in enumerate(widths):
        word.columns[index].width = width
    rows: list[tuple[tuple[str, ...], bool]] = [(table.header, True)]
    rows += [(cells(r), r.focus) for r in table.rows]
    for (texts, bold), row in zip(rows, word.rows, strict=True):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {}))  # a row stays on one page
        for index, (text, cell) in enumerate(zip(texts, row.cells, strict=True)):
            cell.width = widths[index]
            paragraph = cell.paragraphs[0]
            paragraph._p.style = text_style_id
            if CENTRED[index]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(text)
            if bold and row is not word.rows[0]:  # the header is bold by the table style
                run.bold = True
            set_language(run._r.get_or_add_rPr())
    header = word.rows[0]._tr.get_or_add_trPr()
    header.append(header.makeelement(qn("w:tblHeader"), {}))  # repeated on every page


# Markdown


def markdown_table(table: RankingTable) -> str:
    """The ranking as a pipe table, columns padded so that its text reads as a table."""
    rows = [tuple(_pipe_cell(c) for c in table.header)]
    rows += [tuple(_pipe_cell(c, r.focus) for c in cells(r)) for r in table.rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(table.header))]
    lines = [_pipe_line(rows[0], widths)]
    lines.append(
        "| "
        + " | ".join(
            (":" + "-" * max(w - 2, 1) + ":") if CENTRED[i] else "-" * max(w, 3)
            for i, w in enumerate(widths)
        )
        + " |"
    )
    lines += [_pipe_line(row, widths) for row in rows[1:]]
    return "\n".join(lines)


def _pipe_cell(text: str, bold: bool = False) -> str:
    from bantin.article import md_escape

    cell = md_escape(text).replace("|", "\\|")
    return f"**{cell}**" if bold and cell else cell


def _pipe_line(row: tuple[str, ...], widths: list[int]) -> str:
    return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"


# HTML


def html_table(table: RankingTable, caption_html: str) -> str:
    """The ranking as an HTML table on one line (the desk marks a fragment line by line)."""
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in table.header)
    body = []
    for row in table.rows:
        tds = []
        for index, text in enumerate(cells(row)):
            content = f"<strong>{escape(text)}</strong>" if row.focus else escape(text)
            kind = ' class="giua"' if CENTRED[index] else ""
            tds.append(f"<td{kind}>{content}</td>")
        focus = ' class="don-vi-chinh"' if row.focus else ""
        body.append(f"<tr{focus}>{''.join(tds)}</tr>")
    return (
        f'<table class="xep-hang"><caption>{caption_html}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
