"""Reading a draft: its paragraphs as the reader sees them, and the year and agency it is about."""

from __future__ import annotations

import io
import posixpath
import unicodedata
import zipfile
import zlib
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bantin.errors import DataError
from bantin.source import Source

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 (.doc) and other OLE files
_ZIP = b"PK\x03\x04"
_MARKDOWN = (".md", ".markdown", ".txt")
_RESAVE = "mở tệp bằng Word rồi Lưu thành (Save As) Word Document (.docx) và kiểm tra lại"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE_DOCUMENT = f"{_RELATIONSHIPS}/officeDocument"
# The parts of a document outside its body that an editor may write a number in, by the
# relationship type the main part names them with, and what the report calls the place.
SIDE_PARTS = {
    f"{_RELATIONSHIPS}/header": "đầu trang",
    f"{_RELATIONSHIPS}/footer": "chân trang",
    f"{_RELATIONSHIPS}/footnotes": "chú thích",
    f"{_RELATIONSHIPS}/endnotes": "chú thích cuối văn bản",
}


@dataclass(frozen=True)
class DraftParagraph:
    """One paragraph as shown, where in it a tracked change is still pending, its cell, and
    its place when it is not in the document's body (a header, footer or note).

    `cell` is (table, row, column), each from 0 in reading order, for a paragraph standing
    directly in a table's cell (not in a text box or a table inside it); the column is the
    grid column, so a cell spanning two columns does not shift the cells after it.
    """

    text: str
    pending: tuple[tuple[int, int], ...] = ()
    cell: tuple[int, int, int] | None = None
    place: str = ""  # outside the body: "đầu trang", "chân trang", "chú thích"


def read_draft(path: Path | Source) -> list[str]:
    """The draft's paragraphs as plain text, in order (picture paragraphs as empty text)."""
    return [p.text for p in read_paragraphs(path)]


def open_draft(draft: Path | Source) -> Source:
    """A draft's bytes: read from disk, or as given; one clear error when it cannot be read."""
    if isinstance(draft, Source):
        return draft
    try:
        return Source.read(draft)
    except FileNotFoundError:
        raise DataError("không tìm thấy tệp bản thảo", path=draft) from None
    except OSError as e:
        raise DataError(f"không đọc được tệp bản thảo ({e.strerror})", path=draft) from None


def draft_kind(source: Source, kind: str | None = None) -> str:
    """The draft's kind: `kind` (".docx", ".md") when the caller knows it, else its name's."""
    return kind or source.shown.suffix.lower()


def read_paragraphs(draft: Path | Source, kind: str | None = None) -> list[DraftParagraph]:
    """The draft's paragraphs as shown (tracked changes accepted), each with its pending
    changes; a DOCX or Markdown draft by `kind` (".docx", ".md"), by default by its name."""
    source = open_draft(draft)
    path, data = source.shown, source.data
    suffix = draft_kind(source, kind)
    if suffix not in (".docx", *_MARKDOWN):
        if suffix == ".doc" or data.startswith(_OLE):
            raise DataError(f"tệp Word 97-2003 (.doc) không kiểm tra được; {_RESAVE}", path=path)
        raise DataError("chỉ kiểm tra được tệp .docx hoặc .md", path=path)
    if not data.strip():
        raise DataError("tệp trống, không có gì để kiểm tra", path=path)
    read = _docx_paragraphs if suffix == ".docx" else _markdown_text
    paragraphs = read(data, path)
    if not any(p.text for p in paragraphs):
        raise DataError("bản thảo không có chữ nào để kiểm tra", path=path)
    return paragraphs


def _markdown_text(data: bytes, path: Path) -> list[DraftParagraph]:
    if data.startswith((_ZIP, _OLE)) or b"\0" in data:
        raise DataError(
            "tệp không phải văn bản Markdown (có thể là tệp Word hoặc tệp nén bị đổi đuôi); "
            "kiểm tra tệp .docx gốc",
            path=path,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(
            "tệp Markdown không phải UTF-8; lưu lại với bảng mã UTF-8", path=path
        ) from None
    return markdown_blocks(text)


# A news article's document.xml is some tens of kilobytes; a book's a few megabytes.
MAX_DOCUMENT_PART = 50_000_000


def document_xml(data: bytes, path: Path) -> tuple[str, bytes]:
    """The name and bytes of a DOCX's main document part, or one clear error."""
    if data.startswith(_OLE):
        raise DataError(f"tệp Word 97-2003 (.doc) mang đuôi .docx; {_RESAVE}", path=path)
    if not data.startswith(_ZIP):
        raise DataError(
            f"tệp không phải DOCX (có thể là tệp khác bị đổi đuôi thành .docx); {_RESAVE}",
            path=path,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            name = _main_part(package)
            if name is None:
                raise DataError(
                    "tệp nén không phải DOCX (không có phần văn bản word/document.xml); " + _RESAVE,
                    path=path,
                )
            if package.getinfo(name).file_size > MAX_DOCUMENT_PART:
                # zipfile stops at the declared size, so this bounds what is unpacked.
                raise DataError(
                    "phần văn bản của tệp DOCX quá lớn khi giải nén (hơn "
                    f"{MAX_DOCUMENT_PART // 1_000_000} MB), không phải một bản tin; kiểm tra "
                    "lại tệp",
                    path=path,
                )
            return name, package.read(name)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, SyntaxError):
        raise DataError(
            "tệp DOCX bị hỏng hoặc chưa chép hết; mở tệp bằng Word để kiểm tra, lưu lại rồi "
            "kiểm tra lại",
            path=path,
        ) from None


def _main_part(package: zipfile.ZipFile) -> str | None:
    names = set(package.namelist())
    if "_rels/.rels" in names:
        related = _related(package, "", {_OFFICE_DOCUMENT})
        return related[0][1] if related else None
    return "word/document.xml" if "word/document.xml" in names else None


def _related(package: zipfile.ZipFile, source: str, kinds: Container[str]) -> list[tuple[str, str]]:
    """The parts that part `source` ("" for the package) names by a relationship of one of
    `kinds`, as (kind, part name), those inside the package only; a .rels that does not
    parse raises ElementTree.ParseError (a SyntaxError)."""
    from xml.etree import ElementTree

    folder, _, base = source.rpartition("/")
    rels = posixpath.join(folder, "_rels", f"{base}.rels")
    names = set(package.namelist())
    if rels not in names:
        return []
    found = []
    for rel in ElementTree.fromstring(package.read(rels)):
        kind = rel.get("Type", "")
        if kind not in kinds or rel.get("TargetMode") == "External":
            continue
        # A target is relative to the source part's folder, or absolute in the package.
        target = rel.get("Target", "")
        joined = target if target.startswith("/") else posixpath.join("/", folder, target)
        part = posixpath.normpath(joined).lstrip("/")
        if part in names:
            found.append((kind, part))
    return found


def parse_document(data: bytes, path: Path) -> Any:
    """The document part's root element, parsed as python-docx parses it, or one clear error."""
    from docx.oxml import parse_xml

    _, xml = document_xml(data, path)
    try:
        # python-docx's parser: no entities resolved, and the same tree the annotator walks.
        return parse_xml(xml)
    except SyntaxError:  # lxml's XMLSyntaxError
        raise DataError(
            "tệp DOCX bị hỏng (phần văn bản không đọc được); mở tệp bằng Word, lưu lại rồi "
            "kiểm tra lại",
            path=path,
        ) from None


def _docx_paragraphs(data: bytes, path: Path) -> list[DraftParagraph]:
    from bantin.check.wordxml import body_paragraphs, cell_of, w

    root = parse_document(data, path)
    body = root.find(w("body"))
    if body is None:
        raise DataError("tệp DOCX không có phần thân văn bản; " + _RESAVE, path=path)
    tables: dict[Any, int] = {}
    rows: dict[Any, dict[Any, int]] = {}
    paragraphs = []
    for p in body_paragraphs(body):
        found = cell_of(p.element, rows)
        cell = None
        if found is not None:
            table, row, column = found
            cell = (tables.setdefault(table, len(tables)), row, column)
        paragraphs.append(DraftParagraph(p.text, tuple(p.pending), cell))
    # After the body, so that a body paragraph's number is the same as Word's and the desk's.
    for place, part in side_parts(data, path):
        for p in side_paragraphs(part):
            paragraphs.append(DraftParagraph(p.text, tuple(p.pending), place=place))
    return paragraphs


def side_parts(data: bytes, path: Path) -> list[tuple[str, Any]]:
    """The headers, footers and notes of a DOCX (each part once), in that order, each with
    its place, parsed; a part that is missing or does not parse is left out, as Word does."""
    from xml.etree import ElementTree

    from docx.oxml import parse_xml

    kinds = list(SIDE_PARTS)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        main = _main_part(package)
        try:
            related = _related(package, main, SIDE_PARTS) if main else []
        except ElementTree.ParseError:
            return []
        found = {
            (kinds.index(kind), part, SIDE_PARTS[kind])
            for kind, part in related
            if package.getinfo(part).file_size <= MAX_DOCUMENT_PART
        }
        parts = []
        for _, part, place in sorted(found, key=lambda f: (f[0], _natural(f[1]))):
            try:
                parts.append((place, parse_xml(package.read(part))))
            except SyntaxError:  # lxml's XMLSyntaxError: Word leaves such a part out too
                continue
        return parts


def _natural(name: str) -> tuple[str, int]:
    """header2.xml before header10.xml."""
    stem = name.removesuffix(".xml")
    digits = len(stem) - len(stem.rstrip("0123456789"))
    return stem[: len(stem) - digits], int(stem[len(stem) - digits :] or 0)


def side_paragraphs(part: Any) -> list[Any]:
    """A header's, footer's or notes part's paragraphs as Word shows them, in order; of the
    notes, those an editor writes (not the separator lines Word draws)."""
    from bantin.check.wordxml import body_paragraphs, w

    if part.tag in (w("footnotes"), w("endnotes")):
        notes = [n for n in part if n.tag in (w("footnote"), w("endnote"))]
        written = [n for n in notes if n.get(w("type"), "normal") == "normal"]
        return [p for note in written for p in body_paragraphs(note)]
    return body_paragraphs(part)


def markdown_paragraphs(text: str) -> list[str]:
    """Plain text of each block of a Markdown document (images as empty text, a table by cell)."""
    return [p.text for p in markdown_blocks(text)]


def markdown_blocks(text: str) -> list[DraftParagraph]:
    """Each block of a CommonMark document with pipe tables, a table's non-empty cells each one.

    Pipe tables (GitHub Flavored Markdown) are read as tables: bantin writes its ranking
    table as one, and the editors and viewers staff open a .md with draw it as a table.
    """
    from markdown_it import MarkdownIt

    paragraphs = []
    table, row, column = -1, -1, -1
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type == "table_open":
            table, row = table + 1, -1
        elif token.type == "tr_open":
            row, column = row + 1, -1
        elif token.type in ("th_open", "td_open"):
            column += 1
        elif token.type == "table_close":
            row = -1
        if token.type != "inline":
            continue
        words = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        shown = unicodedata.normalize("NFC", " ".join("".join(words).split()))
        if row < 0:
            paragraphs.append(DraftParagraph(shown))
        elif shown:  # an empty cell is no paragraph, as in a Word table
            paragraphs.append(DraftParagraph(shown, cell=(table, row, column)))
    return paragraphs


def draft_subject(
    source: Source, folder: Path | None = None, kind: str | None = None
) -> tuple[int | None, str | None]:
    """The year and focus agency a draft is about: a DOCX's properties, or the entry of
    bantin's manifest in `folder`, the draft's folder on disk (None for bytes a browser
    sent, which have none)."""
    if draft_kind(source, kind) == ".docx":
        from bantin.ooxml import read_custom_properties

        props = read_custom_properties(source.data)
        year = props.get("BantinYear")
        return (int(year) if year and year.isdigit() else None), props.get("BantinAgency")
    if folder is None:
        return None, None
    from bantin.output import read_manifest_articles

    about = read_manifest_articles(folder).get(source.shown.name, {})
    year = about.get("year")
    return (int(year) if year and year.isdigit() else None), about.get("agency")
