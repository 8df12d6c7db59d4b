"""Reading a draft: its paragraphs as plain text, and the year and agency it is about."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from bantin.errors import DataError


def read_draft(path: Path) -> list[str]:
    """The draft's paragraphs as plain text, in order (picture paragraphs as empty text)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError("không tìm thấy tệp bản thảo", path=path) from None
    if path.suffix.lower() == ".docx":
        return _docx_paragraphs(data, path)
    if path.suffix.lower() in (".md", ".markdown", ".txt"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise DataError("bản thảo không phải UTF-8", path=path) from e
        return markdown_paragraphs(text)
    raise DataError("chỉ kiểm tra được tệp .docx hoặc .md", path=path)


def _docx_paragraphs(data: bytes, path: Path) -> list[str]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as e:
        raise DataError("không mở được tệp DOCX (tệp hỏng hoặc không phải DOCX)", path=path) from e
    paragraphs = []
    for paragraph in document.paragraphs:
        has_picture = bool(paragraph._p.findall(".//{*}drawing"))
        if paragraph.text.strip() or has_picture:
            paragraphs.append(unicodedata.normalize("NFC", paragraph.text.strip()))
    return paragraphs


def markdown_paragraphs(text: str) -> list[str]:
    """Plain text of each block of a CommonMark document (images as empty text)."""
    from markdown_it import MarkdownIt

    paragraphs = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type != "inline":
            continue
        words = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        paragraphs.append(unicodedata.normalize("NFC", " ".join("".join(words).split())))
    return paragraphs


def draft_subject(path: Path) -> tuple[int | None, str | None]:
    """The year and focus agency a draft is about, from its properties or bantin's manifest."""
    if path.suffix.lower() == ".docx":
        from bantin.ooxml import read_custom_properties

        props = read_custom_properties(path.read_bytes())
        year = props.get("BantinYear")
        return (int(year) if year and year.isdigit() else None), props.get("BantinAgency")
    from bantin.output import read_manifest_articles

    about = read_manifest_articles(path.parent).get(path.name, {})
    year = about.get("year")
    return (int(year) if year and year.isdigit() else None), about.get("agency")
