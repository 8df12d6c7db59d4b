"""`bantin check --annotate`: a copy of the draft with a Word comment on each wrong claim.

The copy is the draft's own package, opened with python-docx; only the runs a claim
starts or ends inside are split, so the comment's range is the claim's text, and a
comment is added per finding. The draft itself is read, never written.
"""

from __future__ import annotations

import copy
import io
import unicodedata
from pathlib import Path
from typing import Any

from bantin.check.draft import draft_kind, open_draft
from bantin.check.report import CheckReport, Finding
from bantin.check.wordxml import Piece, WordParagraph, body_paragraphs, paragraph_text, w
from bantin.errors import DataError, OutputError
from bantin.source import Source

AUTHOR = "bantin"
SUFFIX = " (đã kiểm tra)"


def annotated_name(path: Path, taken: int = 1) -> Path:
    """`<tên> (đã kiểm tra).docx` next to the draft; " (2)", " (3)"... when taken."""
    base = path.stem + SUFFIX
    return path.with_name(f"{base}.docx" if taken == 1 else f"{base} ({taken}).docx")


def annotate_report(path: Path, report: CheckReport) -> str:
    """Annotate a copy of the draft when the check found something; the line to tell."""
    if not report.findings:
        return "Không có chỗ sai: không ghi bản có nhận xét."
    return f"Đã ghi bản có nhận xét: {annotate(path, report)}"


def annotate(path: Path, report: CheckReport) -> Path:
    """Write the annotated copy of a checked DOCX draft, never over a file; its path."""
    return _write_new(path, annotated_copy(path, report))


def annotated_copy(draft: Path | Source, report: CheckReport, *, kind: str | None = None) -> bytes:
    """The bytes of the annotated copy of a checked DOCX draft (on disk, or a Source),
    written nowhere; `kind` says it is a DOCX when its name does not."""
    import docx

    source = open_draft(draft)
    path = source.shown
    if draft_kind(source, kind) != ".docx":
        raise DataError("chỉ ghi được nhận xét vào tệp .docx", path=path)
    document = docx.Document(io.BytesIO(source.data))
    paragraphs = body_paragraphs(document.element.body)
    for finding in report.findings:
        if finding.place:
            # Word keeps no comment in a header or footer: the note goes on the body's first
            # words, saying where the claim stands.
            _comment_at_start(document, paragraphs, finding, path)
            continue
        if not 0 < finding.paragraph <= len(paragraphs):
            raise DataError("không tìm lại được đoạn có chỗ sai để ghi nhận xét", path=path)
        element = paragraphs[finding.paragraph - 1].element
        first, last = _claim_runs(element, finding)
        if first is None or last is None:
            raise DataError(
                f'không gắn được nhận xét vào "{finding.text}" (chữ nằm ở chỗ Word không cho '
                "nhận xét); bản sao không được ghi",
                path=path,
            )
        from docx.text.run import Run

        document.add_comment(
            [Run(first, document), Run(last, document)],
            text=_comment(finding),
            author=AUTHOR,
            initials="BT",
        )
        _lift_range(first, last)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _comment_at_start(
    document: Any, paragraphs: list[WordParagraph], finding: Finding, path: Path
) -> None:
    from docx.text.run import Run

    runs = [
        piece.element.getparent()
        for p in paragraphs
        for piece in p.pieces
        if piece.element.getparent().tag == w("r")
    ]
    if not runs:
        raise DataError("không có chữ nào trong thân văn bản để ghi nhận xét", path=path)
    first = runs[0]
    document.add_comment(
        [Run(first, document), Run(first, document)],
        text=f"Ở {finding.place}: {_comment(finding)}",
        author=AUTHOR,
        initials="BT",
    )
    _lift_range(first, first)


# Inline wrappers a comment's range is taken out of: LibreOffice drops a range that
# starts inside a smart tag, and a field or content control may be rewritten by Word.
_WRAPPERS = {w(n) for n in ("smartTag", "customXml", "fldSimple", "sdt", "sdtContent", "hyperlink")}


def _lift_range(first: Any, last: Any) -> None:
    """Move the markers python-docx put around the runs out of the wrappers holding them."""
    start, end = first.getprevious(), last.getnext()
    reference = end.getnext()
    outer = _outermost(first)
    if outer is not first:
        outer.addprevious(start)
    outer = _outermost(last)
    if outer is not last:
        outer.addnext(reference)
        outer.addnext(end)


def _outermost(run: Any) -> Any:
    node = run
    while node.getparent() is not None and node.getparent().tag in _WRAPPERS:
        node = node.getparent()
    return node


def _comment(finding: Finding) -> str:
    note = " Thay đổi ở đây chưa được chấp nhận." if finding.pending else ""
    return f'"{finding.text}" không khớp với dữ liệu: {finding.expected} ({finding.subject}).{note}'


def _write_new(path: Path, data: bytes) -> Path:
    taken = 1
    while True:
        target = annotated_name(path, taken)
        try:
            # "x": created here or not at all, so no file is ever written over.
            with open(target, "xb") as handle:
                handle.write(data)
            return target
        except FileExistsError:
            taken += 1
        except OSError as e:
            raise OutputError(f"không ghi được bản có nhận xét ({e.strerror})", path=target) from e


def _claim_runs(p: Any, finding: Finding) -> tuple[Any, Any]:
    """The first and last w:r of the claim, runs split so that they hold just its text."""
    for offset in (finding.end, finding.start):
        _split_at(_walk(p), offset)
    pieces = [
        piece
        for piece in _walk(p).pieces
        if piece.start < finding.end and finding.start < piece.end
    ]
    if not pieces:
        return None, None
    first, last = pieces[0].element.getparent(), pieces[-1].element.getparent()
    if first.tag != w("r") or last.tag != w("r"):
        return None, None
    return first, last


def _walk(p: Any) -> WordParagraph:
    return paragraph_text(p)


def _split_at(paragraph: WordParagraph, offset: int) -> None:
    """Make `offset` of the paragraph's text fall between two runs."""
    for piece in paragraph.pieces:
        if piece.start < offset < piece.end or (piece.start == offset and not _first_in_run(piece)):
            _split_run(piece, offset - piece.start)
            return


def _first_in_run(piece: Piece) -> bool:
    run = piece.element.getparent()
    content = [c for c in run if c.tag != w("rPr")]
    return bool(content) and content[0] is piece.element


def _split_run(piece: Piece, local: int) -> None:
    element = piece.element
    run = element.getparent()
    content = [c for c in run if c.tag != w("rPr")]
    index = content.index(element)
    twin = copy.deepcopy(run)
    twin_content = [c for c in twin if c.tag != w("rPr")]
    if element.tag == w("t") and local > 0:
        raw = element.text or ""
        cut = _raw_offset(raw, local)
        element.text, twin_content[index].text = raw[:cut], raw[cut:]
        for t in (element, twin_content[index]):
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        keep_here, keep_there = index + 1, index
    else:
        keep_here, keep_there = index, index
    for child in content[keep_here:]:
        run.remove(child)
    for child in twin_content[:keep_there]:
        twin.remove(child)
    run.addnext(twin)


def _raw_offset(raw: str, local: int) -> int:
    """Where in the element's own text (maybe not NFC) the NFC offset `local` falls."""
    if unicodedata.normalize("NFC", raw) == raw:
        return local
    for cut in range(len(raw) + 1):
        if len(unicodedata.normalize("NFC", raw[:cut])) >= local:
            return cut
    return len(raw)
