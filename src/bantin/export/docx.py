"""DOCX export: an A4 article in named styles, Times New Roman in every font slot, vi-VN.

python-docx is imported here only, so `bantin --help` never pays for it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bantin import __version__
from bantin.article import Article, Block, Role, inline_spans
from bantin.ooxml import CUSTOM_CONTENT_TYPE, CUSTOM_PART, custom_properties_xml, seal

FONT = "Times New Roman"
LANGUAGE = "vi-VN"


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

# A4 and margins within Nghị định 30/2020/NĐ-CP (top/bottom 20-25, left 30-35, right 15-20 mm).
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 20}


def render_docx(article: Article, created: datetime | None = None) -> bytes:
    """The article as DOCX bytes."""
    from docx import Document

    document = Document()
    _setup_page(document)
    _setup_styles(document)
    body = document.element.body
    for paragraph in list(document.paragraphs):  # the default template's empty paragraph
        body.remove(paragraph._p)
    for block in article.blocks:
        _add_block(document, block)
    _set_properties(document, article, created)
    custom = custom_properties(article)
    _add_custom_part(document, custom)
    buffer = io.BytesIO()
    document.save(buffer)
    return seal(buffer.getvalue(), custom)


def custom_properties(article: Article) -> dict[str, str]:
    """What ties a draft to its data: year, focus agency, bantin version, data fingerprint."""
    return {
        "BantinYear": str(article.year),
        "BantinAgency": article.focus,
        "BantinVersion": __version__,
        "BantinDataFingerprint": article.data_fingerprint,
    }


def _add_custom_part(document: Any, properties: dict[str, str]) -> None:
    """python-docx has no API for custom properties: add /docProps/custom.xml ourselves."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    part = Part(
        PackURI("/" + CUSTOM_PART), CUSTOM_CONTENT_TYPE, custom_properties_xml(properties), package
    )
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


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
    _set_language(r_pr)
    # Every style an editor may pick in Word (Heading 1, Quote...) keeps Times New Roman too.
    for fonts in styles.element.iter(_qn("w:rFonts")):
        _set_fonts(fonts.getparent())
    normal = styles["Normal"]
    normal.font.size = Pt(14)
    _set_fonts(normal.element.get_or_add_rPr())
    _set_language(normal.element.get_or_add_rPr())
    normal.paragraph_format.line_spacing = 1.15
    for spec in STYLES.values():
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
    _set_language(r_pr)
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


def _set_language(r_pr: Any) -> None:
    lang = r_pr.find(_qn("w:lang"))
    if lang is None:
        lang = r_pr.makeelement(_qn("w:lang"), {})
        r_pr.append(lang)
    for attribute in ("val", "eastAsia", "bidi"):
        lang.set(_qn(f"w:{attribute}"), LANGUAGE)


def _add_block(document: Any, block: Block) -> None:
    spec = STYLES[block.role]
    paragraph = document.add_paragraph(style=spec.name)
    if block.role is Role.PHOTO and block.image is not None:
        _add_picture(document, paragraph, block)
        return
    for text, bold, italic in inline_spans(block.text):
        run = paragraph.add_run(text)
        # Emphasis from the template only; style-level bold/italic stay inherited.
        if bold and not spec.bold:
            run.bold = True
        if italic and not spec.italic:
            run.italic = True
        if block.role is Role.PHOTO:
            from docx.enum.text import WD_COLOR_INDEX

            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        _set_language(run._r.get_or_add_rPr())


def _add_picture(document: Any, paragraph: Any, block: Block) -> None:
    from docx.image.image import Image

    section = document.sections[0]
    column = section.page_width - section.left_margin - section.right_margin
    native = Image.from_file(str(block.image)).width
    paragraph.add_run().add_picture(str(block.image), width=min(native, column))


def _set_properties(document: Any, article: Article, created: datetime | None) -> None:
    props = document.core_properties
    props.title = article.title
    props.subject = article.subject
    props.author = article.author
    props.keywords = ", ".join(article.keywords)
    props.language = LANGUAGE
    props.comments = f"Bản nháp do bantin {__version__} soạn từ dữ liệu năm {article.year}."
    props.last_modified_by = "bantin"
    props.created = created or datetime.now().replace(microsecond=0)
    props.modified = props.created
    props.revision = 1


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    result: str = qn(tag)
    return result
