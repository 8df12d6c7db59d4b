"""DOCX export: an A4 article in named styles, Times New Roman in every font slot, vi-VN.

python-docx is imported here only, so `bantin --help` never pays for it.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from bantin import __version__
from bantin.article import Article, Block, Role, inline_spans
from bantin.errors import DataError, TemplateError
from bantin.export.reference import (
    LANGUAGE,
    STYLES,
    TABLE_TEXT,
    builtin_reference,
    ensure_styles,
    set_language,
)
from bantin.ooxml import (
    CUSTOM_CONTENT_TYPE,
    CUSTOM_PART,
    FINGERPRINT,
    ZipMember,
    custom_properties_xml,
    fingerprint_digests,
    zip_members,
)


def render_docx(
    article: Article, created: datetime | None = None, reference: Path | None = None
) -> bytes:
    """The article as DOCX bytes, in the styles and page setup of a reference document.

    `reference` is the working folder's templates/reference.docx when there is one;
    bantin's built-in reference otherwise. Staff restyle that file in Word and every
    draft follows, as with pandoc's --reference-doc.
    """
    return DocxWriter(reference).render(article, created)


class DocxWriter:
    """Builds DOCX drafts on one loaded reference document, reused article after article.

    Loading and restyling the reference is the slow part of a draft, so a batch
    keeps one writer: each article clears the body, adds its paragraphs with
    python-docx, and is written out; the pictures it related are then dropped.
    """

    def __init__(self, reference: Path | None = None) -> None:
        self.document = _load_reference(reference) if reference is not None else builtin_reference()
        self.body = self.document.element.body
        self._clear_body()
        ensure_styles(self.document)
        styles = self.document.styles
        self.style_ids = {role: styles[spec.name].style_id for role, spec in STYLES.items()}
        self.table_text_id = styles[TABLE_TEXT.name].style_id
        self.custom = _add_custom_part(self.document, {})
        self.package = self.document.part.package
        self.base_rels = set(self.document.part.rels)
        _drop_thumbnail(self.package)
        # Styles, theme, settings... never change between articles: serialise them once.
        from docx.opc.parts.coreprops import CorePropertiesPart

        self.static = {
            part.partname: ZipMember.deflate(part.partname.membername, part.blob)
            for part in self.package.iter_parts()
            if part is not self.document.part
            and part is not self.custom
            and not isinstance(part, CorePropertiesPart)
        }
        # Members that come out the same article after article (relationships, content
        # types): compressed once, looked up by their bytes.
        self._packed: dict[tuple[str, bytes], ZipMember] = {}

    def _clear_body(self) -> None:
        for child in list(self.body):
            if not child.tag.endswith("}sectPr"):  # keep the page setup, drop any text
                self.body.remove(child)

    def render(self, article: Article, created: datetime | None = None) -> bytes:
        """One article as DOCX bytes; the writer is ready for the next one afterwards."""
        self._clear_body()
        try:
            for block in article.blocks:
                if block.table is not None:
                    _add_extra(self.document, block, self.style_ids, self.table_text_id)
                else:
                    _add_block(self.document, block, self.style_ids[block.role])
            _set_properties(self.document, article, created)
            members = self._members()
            # Seal: the fingerprint covers every member but the custom properties holding it.
            digests = {m.name: m.sha256 for m in members if m.name != CUSTOM_PART}
            sealed = {**custom_properties(article), FINGERPRINT: fingerprint_digests(digests)}
            custom = ZipMember.deflate(CUSTOM_PART, custom_properties_xml(sealed))
            return zip_members([custom if m.name == CUSTOM_PART else m for m in members])
        finally:
            for r_id in set(self.document.part.rels) - self.base_rels:  # this article's pictures
                self.document.part.rels.pop(r_id)

    def _members(self) -> list[ZipMember]:
        """Every member of the package, as python-docx's writer lays it out, compressed."""
        from docx.opc.pkgwriter import _ContentTypesItem

        parts = list(self.package.iter_parts())
        members = [
            self._pack("[Content_Types].xml", _ContentTypesItem.from_parts(parts).blob),  # type: ignore[no-untyped-call]
            self._pack("_rels/.rels", self.package.rels.xml),
        ]
        for part in parts:
            static = self.static.get(part.partname)
            if static is not None:
                members.append(static)
            elif part is self.custom:
                members.append(ZipMember(CUSTOM_PART, b"", 0, 0, b""))  # sealed afterwards
            else:
                members.append(ZipMember.deflate(part.partname.membername, part.blob))
            if len(part.rels):
                members.append(self._pack(part.partname.rels_uri.membername, part.rels.xml))
        return members

    def _pack(self, name: str, data: bytes) -> ZipMember:
        key = (name, data)
        member = self._packed.get(key)
        if member is None:
            if len(self._packed) > 256:  # a batch of articles with pictures: stay small
                self._packed.clear()
            member = self._packed[key] = ZipMember.deflate(name, data)
        return member


def _load_reference(reference: Path) -> Any:
    """The working folder's reference document, or a TemplateError saying why it is unusable."""
    from docx import Document

    try:
        return Document(str(reference))
    except Exception as e:  # python-docx raises zip, package and XML errors alike
        raise TemplateError(
            "không mở được tài liệu mẫu: tệp không phải DOCX hoặc đã hỏng; "
            "lưu lại bằng Word dưới dạng .docx, hoặc xoá tệp để dùng mẫu có sẵn",
            path=reference,
        ) from e


def _drop_thumbnail(package: Any) -> None:
    """python-docx's default template carries a thumbnail of its own sample page: drop it."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            package.rels.pop(r_id)


def custom_properties(article: Article) -> dict[str, str]:
    """What ties a draft to its data: year, focus agency, bantin version, data fingerprint."""
    return {
        "BantinYear": str(article.year),
        "BantinAgency": article.focus,
        "BantinVersion": __version__,
        "BantinDataFingerprint": article.data_fingerprint,
    }


def _add_custom_part(document: Any, properties: dict[str, str]) -> Any:
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
    return part


_CONTROL = re.compile(r"[\t\n\r]")


def _add_block(document: Any, block: Block, style_id: str) -> None:
    from docx.text.run import Run

    spec = STYLES[block.role]
    paragraph = document.add_paragraph()
    paragraph._p.style = style_id  # by id: looking a style up by name scans them all
    if block.role is Role.PHOTO and block.image is not None:
        _add_picture(document, paragraph, block)
        return
    for text, bold, italic in inline_spans(block.text):
        if _CONTROL.search(text) is None:
            # What add_run(text) builds, without its character-by-character scan
            # for tabs and line breaks (a paragraph has none).
            run = Run(paragraph._p.add_r(), paragraph)
            run._r.add_t(text)
        else:
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
    import io

    from docx.image.image import Image

    assert block.image is not None
    section = document.sections[0]
    column = section.page_width - section.left_margin - section.right_margin
    # Read once: load checked this file is an image inside the data folder; what is
    # placed is what was measured, even if the file changes meanwhile.
    try:
        blob = block.image.read_bytes()
        native = Image.from_blob(blob).width
    except Exception as e:  # gone, or no longer an image, since the data was read
        raise DataError(
            f"không đọc được ảnh cho {block.text}: tệp đã bị xoá hoặc thay đổi trong lúc soạn "
            "bài; chạy lại lệnh",
            path=block.image,
        ) from e
    paragraph.add_run().add_picture(io.BytesIO(blob), width=min(native, column))
    flush_with_text(paragraph._p)


def flush_with_text(element: Any) -> None:
    """No wrap distance around the inline pictures under `element`.

    python-docx writes no distT/distB/distL/distR, and LibreOffice then puts 3,2 mm
    (its 0,125 inch default) left of a picture, pushing a full-width one past the right
    margin; Word reads a missing distance as zero, so zero is what both agree on.
    """
    from docx.oxml.ns import qn

    for inline in element.iter(qn("wp:inline")):
        for side in ("distT", "distB", "distL", "distR"):
            inline.set(side, "0")


def _add_extra(document: Any, block: Block, style_ids: dict[Role, str], text_id: str) -> None:
    """A ranking table under its caption, or a chart above its caption, as a photo is."""
    import io

    from bantin.export.table import add_docx_table

    assert block.table is not None, "only TABLE and CHART blocks carry a table"
    caption = Block(Role.CAPTION, block.text)
    if block.role is Role.TABLE:
        _add_block(document, caption, style_ids[Role.CAPTION])
        document.paragraphs[-1].paragraph_format.keep_with_next = True  # not alone at a page end
        add_docx_table(document, block.table, text_id)
        return
    from bantin.export.chart import chart_png

    section = document.sections[0]
    column = section.page_width - section.left_margin - section.right_margin
    paragraph = document.add_paragraph()
    paragraph._p.style = style_ids[Role.PHOTO]
    paragraph.add_run().add_picture(io.BytesIO(chart_png(block.table)), width=column)
    flush_with_text(paragraph._p)
    _add_block(document, caption, style_ids[Role.CAPTION])


def _set_properties(document: Any, article: Article, created: datetime | None) -> None:
    props = document.core_properties
    props.title = article.title
    props.subject = article.subject
    props.author = article.author
    props.keywords = ", ".join(article.keywords)
    props.language = LANGUAGE
    props.comments = f"Bản nháp do bantin {__version__} soạn từ dữ liệu năm {article.year}."
    props.last_modified_by = "bantin"
    stamp = created or datetime.now().replace(microsecond=0)
    props.created = stamp
    props.modified = stamp  # not props.created: reading it back parses the text (strptime)
    props.revision = 1
