"""A Word document's paragraphs as Word shows them, read from its XML.

Tracked changes are read as accepted (inserted text kept, deleted text dropped), and
where a change is still pending is remembered, so a claim it touches can say so.
Paragraphs inside tables, content controls and text boxes are read in document order
(a text box once: mc:AlternateContent carries a VML copy in its Fallback); smart
tags, hyperlinks, simple fields and field results are read through, field codes
(w:instrText) and hidden text are not text. Each piece of text keeps the element it
came from, so a claim can be found again in the XML to comment on it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(name: str) -> str:
    """The Clark name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{name}"


# Inline containers whose content is text as shown.
_READ_THROUGH = {
    w(n) for n in ("hyperlink", "smartTag", "fldSimple", "customXml", "dir", "bdo", "sdtContent")
}
# Inline containers whose content is shown once the change they carry is accepted.
_INSERTED = {w("ins"), w("moveTo")}
_DELETED = {w("del"), w("moveFrom")}
# Text that stands for a space, or for a hyphen Word shows.
_SPACES = {w("tab"), w("br"), w("cr"), w("ptab")}
_BLOCK_THROUGH = {w("sdtContent"), w("customXml"), w("ins"), w("moveTo")}


@dataclass
class Piece:
    """Text of one element of a run: where it is in the paragraph's text, and the element."""

    start: int
    end: int
    element: Any  # w:t (or w:tab, w:br...) whose parent is the w:r


@dataclass
class WordParagraph:
    """One paragraph's text as shown, its pieces and where tracked changes are pending."""

    element: Any
    text: str = ""
    pieces: list[Piece] = field(default_factory=list)
    pending: list[tuple[int, int]] = field(default_factory=list)
    picture: bool = False


def body_paragraphs(body: Any) -> list[WordParagraph]:
    """Every paragraph of a document body as Word shows it, in reading order."""
    return list(_blocks(body))


def _blocks(parent: Any) -> Iterator[WordParagraph]:
    for child in parent:
        tag = child.tag
        if tag == w("p"):
            yield from _paragraph(child)
        elif tag == w("tbl"):
            for row in child.iter(w("tr")):
                if _owner_table(row) is child:
                    for cell in row.findall(w("tc")):
                        yield from _blocks(cell)
        elif tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _blocks(content)
        elif tag in _BLOCK_THROUGH:
            yield from _blocks(child)
        elif tag == f"{{{MC}}}AlternateContent":
            choice = child.find(f"{{{MC}}}Choice")
            if choice is not None:
                yield from _blocks(choice)


def cell_of(
    p: Any, rows_of: dict[Any, dict[Any, int]] | None = None
) -> tuple[Any, int, int] | None:
    """The table, row (from 0) and grid column (from 0) a w:p stands in directly, if any.

    `rows_of` keeps each table's rows once found, so a long table is walked once.
    """
    cell = p.getparent()
    while cell is not None and cell.tag in _BLOCK_THROUGH | {w("sdt")}:
        cell = cell.getparent()
    if cell is None or cell.tag != w("tc"):
        return None  # in the body, a text box or a comment
    row = cell.getparent()
    while row is not None and row.tag != w("tr"):
        row = row.getparent()
    table = _owner_table(row) if row is not None else None
    if table is None:
        return None
    rows_of = {} if rows_of is None else rows_of
    if table not in rows_of:
        owned = (r for r in table.iter(w("tr")) if _owner_table(r) is table)
        rows_of[table] = {r: i for i, r in enumerate(owned)}
    column = 0
    for other in row.iter(w("tc")):
        if other is cell:
            break
        if _owner_row(other) is row:
            column += _span(other)
    return table, rows_of[table][row], column


def _owner_row(cell: Any) -> Any:
    parent = cell.getparent()
    while parent is not None and parent.tag != w("tr"):
        parent = parent.getparent()
    return parent


def _span(cell: Any) -> int:
    properties = cell.find(w("tcPr"))
    span = properties.find(w("gridSpan")) if properties is not None else None
    value = span.get(w("val"), "1") if span is not None else "1"
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _owner_table(row: Any) -> Any:
    parent = row.getparent()
    while parent is not None and parent.tag != w("tbl"):
        parent = parent.getparent()
    return parent


def _paragraph(p: Any) -> Iterator[WordParagraph]:
    paragraph, boxes = _read(p)
    if paragraph.text or paragraph.picture:
        yield paragraph
    for box in boxes:
        yield from _blocks(box)


def paragraph_text(p: Any) -> WordParagraph:
    """One w:p's text as shown and its pieces (text boxes it holds left out)."""
    return _read(p)[0]


def _read(p: Any) -> tuple[WordParagraph, list[Any]]:
    paragraph = WordParagraph(element=p)
    boxes: list[Any] = []
    chunks: list[str] = []
    _inline(p, paragraph, chunks, boxes)
    raw = "".join(chunks)
    # Offsets count from the first character shown, as the stripped text does.
    lead = len(raw) - len(raw.lstrip())
    paragraph.text = raw.strip()
    for piece in paragraph.pieces:
        piece.start, piece.end = piece.start - lead, piece.end - lead
    paragraph.pending = [(a - lead, b - lead) for a, b in paragraph.pending]
    return paragraph, boxes


def _inline(parent: Any, paragraph: WordParagraph, chunks: list[str], boxes: list[Any]) -> None:
    for child in parent:
        tag = child.tag
        if tag == w("r"):
            if not _hidden(child):
                _run(child, paragraph, chunks, boxes)
        elif tag in _READ_THROUGH:
            _inline(child, paragraph, chunks, boxes)
        elif tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                _inline(content, paragraph, chunks, boxes)
        elif tag in _INSERTED:
            start = _length(chunks)
            _inline(child, paragraph, chunks, boxes)
            paragraph.pending.append((start, _length(chunks)))
        elif tag in _DELETED:
            # Not shown once accepted; where it was is still a pending change.
            at = _length(chunks)
            paragraph.pending.append((at, at))
        elif tag == f"{{{MC}}}AlternateContent":
            choice = child.find(f"{{{MC}}}Choice")
            if choice is not None:
                _inline(choice, paragraph, chunks, boxes)


def _run(run: Any, paragraph: WordParagraph, chunks: list[str], boxes: list[Any]) -> None:
    for child in run:
        tag = child.tag
        if tag == w("t"):
            text = unicodedata.normalize("NFC", child.text or "")
        elif tag in _SPACES:
            text = " "
        elif tag == w("noBreakHyphen"):
            text = "-"
        elif tag in (w("drawing"), w("pict")) or tag == f"{{{MC}}}AlternateContent":
            paragraph.picture = paragraph.picture or tag != f"{{{MC}}}AlternateContent"
            boxes.extend(_text_boxes(child))
            continue
        else:
            continue
        start = _length(chunks)
        chunks.append(text)
        paragraph.pieces.append(Piece(start, start + len(text), child))


def _text_boxes(element: Any) -> list[Any]:
    """The outermost w:txbxContent under an element, the Fallback of a choice left out."""
    if element.tag == f"{{{MC}}}AlternateContent":
        choice = element.find(f"{{{MC}}}Choice")
        return [] if choice is None else [b for c in choice for b in _text_boxes(c)]
    found = []
    for box in element.iter(w("txbxContent")):
        outer = box.getparent()
        while outer is not None and outer is not element and outer.tag != w("txbxContent"):
            outer = outer.getparent()
        if outer is None or outer is element:
            found.append(box)
    return found


def _hidden(run: Any) -> bool:
    properties = run.find(w("rPr"))
    vanish = properties.find(w("vanish")) if properties is not None else None
    return vanish is not None and vanish.get(w("val"), "true") not in ("0", "false", "off")


def _length(chunks: list[str]) -> int:
    return sum(map(len, chunks))
