"""The reference document: named styles and page setup every DOCX draft takes.

bantin ships a default built to Vietnamese administrative conventions (Nghị định
30/2020/NĐ-CP: A4; margins top and bottom 20 mm, left 30 mm, right 20 mm; Times
New Roman 14 pt in every font slot; spacing between paragraphs, first-line
indent) adapted to a press article. Regenerate the shipped file with
`python -m bantin.export.reference`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bantin.article import Role
from bantin.resources import builtin_templates

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
BUILTIN_REFERENCE = builtin_templates() / "reference.docx"


@dataclass(frozen=True)
class StyleSpec:
    """How one named paragraph style looks."""

    name: str
    size: float = 14
    bold: bool = False
    italic: bool = False
    align: str = "justify"
    first_line_cm: float = 0.0
    before_pt: float = 0
    after_pt: float = 6
    keep_with_next: bool = False


# Role -> style. "Title", "Body Text" and "Caption" are Word's built-in names, so
# Word's navigation pane, captions and restyling work as staff expect.
STYLES: dict[Role, StyleSpec] = {
    Role.TITLE: StyleSpec("Title", size=16, bold=True, align="center", after_pt=12),
    Role.LEAD: StyleSpec("Lead", bold=True, first_line_cm=1.0, after_pt=6),
    Role.BODY: StyleSpec("Body Text", first_line_cm=1.0, after_pt=6),
    Role.PHOTO: StyleSpec("Photo", align="center", before_pt=6, after_pt=3, keep_with_next=True),
    Role.CAPTION: StyleSpec("Caption", size=13, italic=True, align="center", after_pt=9),
    Role.BYLINE: StyleSpec("Byline", bold=True, align="right", before_pt=6),
}

# Outside STYLES (no role has them): a ranking table's cells, and its table style.
TABLE_TEXT = StyleSpec("Table Text", size=12, align="left", after_pt=0)
TABLE_STYLE = "Ranking Table"
TABLE_PADDING = 85  # twips (1,5 mm): the table style's left and right cell margins
# Thin black borders, a grey bold header row: what a printed ranking looks like.
_TABLE_STYLE_XML = (
    '<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'w:type="table" w:customStyle="1" w:styleId="RankingTable">'
    '<w:name w:val="Ranking Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
    "<w:qFormat/><w:tblPr><w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + '</w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa"/>'
    f'<w:left w:w="{TABLE_PADDING}" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/>'
    f'<w:right w:w="{TABLE_PADDING}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr>'
    '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/></w:tcPr></w:tblStylePr>'
    "</w:style>"
)

PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 20}


def builtin_reference() -> Any:
    """A fresh python-docx Document of the shipped reference (built if it is missing)."""
    from docx import Document

    if BUILTIN_REFERENCE.is_file():
        return Document(str(BUILTIN_REFERENCE))
    return build_reference()


def build_reference() -> Any:
    """Build the default reference document from STYLES, page setup included."""
    from docx import Document

    document = Document()
    _setup_page(document)
    _setup_styles(document)
    _add_table_style(document)
    body = document.element.body
    for paragraph in list(document.paragraphs):
        body.remove(paragraph._p)
    for role, spec in STYLES.items():  # one sample paragraph per style, for people to restyle
        document.add_paragraph(_SAMPLES[role], style=spec.name)
    _sample_table(document)
    from docx.opc.constants import RELATIONSHIP_TYPE

    package = document.part.package
    for r_id, rel in list(package.rels.items()):  # python-docx's own sample-page thumbnail
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            package.rels.pop(r_id)
    # Word 2010's second copy of the styles (430 KB, half the package): Word 2013 and later
    # and LibreOffice read styles.xml only, and Word 2010 rebuilds it when it saves.
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(r_id)
    props = document.core_properties
    props.title = "Tài liệu mẫu kiểu dáng của bantin"
    props.author = "bantin"
    props.language = LANGUAGE
    return document


_SAMPLES = {
    Role.TITLE: "Tiêu đề bản tin (kiểu Title)",
    Role.LEAD: "Sapo in đậm tóm tắt bản tin (kiểu Lead).",
    Role.BODY: "Đoạn thân bài, căn đều hai bên, thụt đầu dòng (kiểu Body Text).",
    Role.PHOTO: "[Chèn ảnh] (kiểu Photo)",
    Role.CAPTION: "Ảnh 1: Chú thích ảnh (kiểu Caption)",
    Role.BYLINE: "Tác giả, đơn vị (kiểu Byline)",
}


def ensure_styles(document: Any) -> None:
    """Add any of bantin's styles a reference document lacks, as the default defines it."""
    from docx.enum.style import WD_STYLE_TYPE

    names = {s.name for s in document.styles}
    for spec in (*STYLES.values(), TABLE_TEXT):
        if spec.name not in names:
            style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = document.styles["Normal"]
            _apply(style, spec)
    if TABLE_STYLE not in names:
        _add_table_style(document)


def _add_table_style(document: Any) -> None:
    from docx.oxml import parse_xml

    document.styles.element.append(parse_xml(_TABLE_STYLE_XML))


def _sample_table(document: Any) -> None:
    """A two-row ranking table in the reference, for staff to restyle in Word's Table Design."""
    from decimal import Decimal

    from bantin.article import RankingTable, TableRow
    from bantin.export.table import add_docx_table

    rows = (
        TableRow(
            "1",
            "1",
            "Đơn vị A (hàng của đơn vị chính: in đậm)",
            "99,84",
            "Rất tốt",
            True,
            Decimal(0),
        ),
        TableRow("2", "2", "Đơn vị B", "90,65", "Tốt", False, Decimal(0)),
    )
    header = ("Hạng", "Vị trí", "Đơn vị (kiểu bảng Ranking Table)", "Điểm", "Xếp loại")
    table = RankingTable(header, rows, "điểm")
    add_docx_table(document, table, document.styles[TABLE_TEXT.name].style_id)


def _setup_page(document: Any) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])


def _setup_styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    styles = document.styles
    # Document defaults: theme font references would override explicit names, so drop them.
    defaults = styles.element.find(_qn("w:docDefaults"))
    r_pr = defaults.find(_qn("w:rPrDefault")).find(_qn("w:rPr"))
    _set_fonts(r_pr)
    set_language(r_pr)
    # Every style an editor may pick in Word (Heading 1, Quote...) keeps Times New Roman too.
    for fonts in styles.element.iter(_qn("w:rFonts")):
        _set_fonts(fonts.getparent())
    normal = styles["Normal"]
    normal.font.size = Pt(14)
    _set_fonts(normal.element.get_or_add_rPr())
    set_language(normal.element.get_or_add_rPr())
    normal.paragraph_format.line_spacing = 1.15
    for spec in (*STYLES.values(), TABLE_TEXT):
        if spec.name in [s.name for s in styles]:
            style = styles[spec.name]
            _clear_formatting(style.element)
        else:
            style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        _apply(style, spec)


def _apply(style: Any, spec: StyleSpec) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    font = style.font
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = spec.italic
    r_pr = style.element.get_or_add_rPr()
    _set_fonts(r_pr)
    set_language(r_pr)
    fmt = style.paragraph_format
    fmt.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
    }[spec.align]
    fmt.first_line_indent = Cm(spec.first_line_cm) if spec.first_line_cm else None
    fmt.space_before = Pt(spec.before_pt)
    fmt.space_after = Pt(spec.after_pt)
    fmt.line_spacing = 1.15
    fmt.keep_with_next = spec.keep_with_next or None
    fmt.widow_control = True


def _clear_formatting(style_element: Any) -> None:
    """Drop a built-in style's own look (the Title's border and colour) before restyling it."""
    for tag in ("w:pPr", "w:rPr", "w:link"):
        for child in style_element.findall(_qn(tag)):
            style_element.remove(child)


def _set_fonts(r_pr: Any) -> None:
    """Times New Roman in all four slots, so no diacritic ever falls back to another font."""
    fonts = r_pr.find(_qn("w:rFonts"))
    if fonts is None:
        fonts = r_pr.makeelement(_qn("w:rFonts"), {})
        r_pr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(_qn(f"w:{slot}"), FONT)


def set_language(r_pr: Any) -> None:
    lang = r_pr.find(_qn("w:lang"))
    if lang is None:
        lang = r_pr.makeelement(_qn("w:lang"), {})
        r_pr.append(lang)
    for attribute in ("val", "eastAsia", "bidi"):
        lang.set(_qn(f"w:{attribute}"), LANGUAGE)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    result: str = qn(tag)
    return result


def main(argv: list[str] | None = None) -> None:
    """Write the default reference document (to the shipped location by default)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else BUILTIN_REFERENCE
    build_reference().save(str(target))
    print(target)


if __name__ == "__main__":
    main()
