"""DOCX export: an A4 article in named styles, Times New Roman in every font slot, vi-VN.

python-docx is imported here only, so `bantin --help` never pays for it.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

from bantin import __version__
from bantin.article import Article, Block, Role, inline_spans
from bantin.export.reference import (
    LANGUAGE,
    STYLES,
    builtin_reference,
    ensure_styles,
    set_language,
)
from bantin.ooxml import CUSTOM_CONTENT_TYPE, CUSTOM_PART, custom_properties_xml, seal


def render_docx(
    article: Article, created: datetime | None = None, reference: Path | None = None
) -> bytes:
    """The article as DOCX bytes, in the styles and page setup of a reference document.

    `reference` is the working folder's templates/reference.docx when there is one;
    bantin's built-in reference otherwise. Staff restyle that file in Word and every
    draft follows, as with pandoc's --reference-doc.
    """
    from docx import Document

    document = Document(str(reference)) if reference is not None else builtin_reference()
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):  # keep the page setup, drop any sample text
            body.remove(child)
    ensure_styles(document)
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
    for r_id, rel in list(package.rels.items()):  # a reference made from an older draft
        if rel.reltype == RELATIONSHIP_TYPE.CUSTOM_PROPERTIES:
            package.rels.pop(r_id)
    part = Part(
        PackURI("/" + CUSTOM_PART), CUSTOM_CONTENT_TYPE, custom_properties_xml(properties), package
    )
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


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
        set_language(run._r.get_or_add_rPr())


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
