"""Where each number of a composed article comes from: file, row and column of the data.

The composed article carries no provenance (its blocks are words). Rather than a second
way of tying words to data, the article's paragraphs go through `bantin check`'s own
rules, which find every number and look up the ranked unit it speaks of; a Checker that
remembers those look-ups turns each checked number into its sources: the score file's
row and column for a score, the file counted for a band count.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from bantin.article import Article, Role, plain_text
from bantin.check.checker import Checker
from bantin.check.mentions import Clause, Vocabulary
from bantin.check.rules import check_paragraphs
from bantin.headers import column_letter
from bantin.model import Dataset, Evaluation, ScoreRow
from bantin.rank import RankedUnit, Ranking


@dataclass(frozen=True)
class Mark:
    """A number of paragraph `paragraph` (from 1) and what hovering it says."""

    paragraph: int
    text: str
    note: str
    kind: str  # "du-lieu" (from a score file), "sai" (contradicts it), "khac" (not score data)


class _Recorder(Checker):
    """A Checker that remembers which rankings and units each claim was compared with."""

    def __init__(
        self, dataset: Dataset, rankings: Mapping[str, Mapping[int, Ranking]], year: int
    ) -> None:
        super().__init__(dataset, rankings, year)
        self.touched: list[tuple[Evaluation, int, str | None]] = []
        self.marks: list[Mark] = []

    def ranking(self, evaluation: Evaluation, year: int) -> Ranking | None:
        """As Checker.ranking, remembering the look-up."""
        self.touched.append((evaluation, year, None))
        return super().ranking(evaluation, year)

    def find(self, evaluation: Evaluation, year: int, unit: str | None) -> RankedUnit | None:
        """As Checker.find, remembering the unit looked up."""
        found = super().find(evaluation, year, unit)
        if found is not None:
            self.touched.append((evaluation, year, found.unit))
        return found

    def verify(
        self,
        clause: Clause,
        text: str,
        ok: bool,
        expected: str,
        subject: str,
        at: tuple[int, int] = (0, 0),
    ) -> None:
        """As Checker.verify; the claim's sources become its mark."""
        super().verify(clause, text, ok, expected, subject, at)
        sources = self._sources()
        self.touched = []
        where = f"{subject}. {sources}" if sources else f"Tính từ bảng xếp hạng: {subject}."
        if ok:
            self.marks.append(Mark(clause.paragraph, text, where, "du-lieu"))
        else:
            note = f"Không khớp dữ liệu: {expected}. {where}"
            self.marks.append(Mark(clause.paragraph, text, note, "sai"))

    def _sources(self) -> str:
        rows: list[str] = []
        for evaluation, year, unit in dict.fromkeys(self.touched):
            table = self.dataset.scores.get((evaluation.id, year))
            if table is None or table.source is None:
                continue
            if unit is None:
                if not any((e, y) == (evaluation, year) and n for e, y, n in self.touched):
                    rows.append(f"đếm trên {len(table.rows)} dòng của {table.source}")
                continue
            row = next((r for r in table.rows if r.unit == unit), None)
            if row is not None:
                rows.append(f"{unit}, {evaluation.short_name} {year}: {cell(table.source, row)}")
        return "Nguồn: " + "; ".join(rows) + "." if rows else ""


def cell(source: Path, row: ScoreRow) -> str:
    """Where a score is: `cchc.xlsx!C7` in Excel's words, or file, row and column of a CSV."""
    if source.suffix.lower() == ".xlsx" and row.column:
        return f"{source}!{column_letter(row.column)}{row.line}"
    return f"{source}, dòng {row.line}, cột {row.column}"


def paragraphs(article: Article) -> list[str]:
    """The article's paragraphs as `bantin check` reads them from the DOCX."""
    return [
        plain_text(b.text) if b.role is not Role.PHOTO or b.image is None else ""
        for b in article.blocks
    ]


def article_marks(
    dataset: Dataset, rankings: Mapping[str, Mapping[int, Ranking]], article: Article
) -> list[Mark]:
    """Every number of the article with where it comes from, in reading order."""
    recorder = _Recorder(dataset, rankings, article.year)
    vocabulary = Vocabulary(dataset, rankings, article.year, article.focus)
    check_paragraphs(recorder, vocabulary, paragraphs(article))
    marks = list(recorder.marks)
    for u in recorder.unverified:
        note = f"Không đối chiếu với tệp điểm ({u.context})."
        marks.append(Mark(u.paragraph, u.text, note, "khac"))
    for number, paragraph in enumerate(paragraphs(article), start=1):
        photo = _PHOTO_NUMBER.match(paragraph)
        if photo is not None:
            note = "Số thứ tự của ảnh trong bài (data/NĂM/article.toml)."
            marks.append(Mark(number, photo.group(0), note, "khac"))
    return marks


# "Ảnh 1: ..." (a caption) and "[Chèn ảnh 2]" (the place of a missing photo).
_PHOTO_NUMBER = re.compile(r"^(?:\[Chèn ảnh \d+(?=\])|Ảnh \d+(?=:|$))")


def marked_html(article: Article, fragment_parts: Sequence[str], marks: Sequence[Mark]) -> str:
    """The HTML export's parts with each marked number wrapped in a span that has its note.

    `fragment_parts` are the export's lines, one per block (a photo and its caption share
    one); numbers are looked for in the text between tags, in order.
    """
    by_paragraph: dict[int, list[Mark]] = {}
    for mark in marks:
        by_paragraph.setdefault(mark.paragraph, []).append(mark)
    out: list[str] = []
    index = 0
    blocks = article.blocks
    for part in fragment_parts:
        numbers = [index + 1]
        photo = blocks[index].role is Role.PHOTO
        if photo and index + 1 < len(blocks) and blocks[index + 1].role is Role.CAPTION:
            numbers.append(index + 2)
            index += 1
        index += 1
        wanted = [m for n in numbers for m in by_paragraph.get(n, [])]
        out.append(_wrap(part, wanted))
    return "\n".join(out) + "\n"


def _wrap(html: str, marks: Sequence[Mark]) -> str:
    """Wrap each mark's text where it first appears outside a tag and outside another mark."""
    taken: list[tuple[int, int, Mark]] = []
    for mark in marks:
        needle = escape(mark.text, quote=False)
        position = _find_in_text(html, needle, 0)
        while position >= 0 and any(
            s < position + len(needle) and position < e for s, e, _ in taken
        ):
            position = _find_in_text(html, needle, position + 1)
        if position >= 0:
            taken.append((position, position + len(needle), mark))
    pieces: list[str] = []
    at = 0
    for start, end, mark in sorted(taken, key=lambda t: t[0]):
        note = escape(mark.note, quote=True)
        pieces.append(html[at:start])
        pieces.append(
            f'<span class="so {mark.kind}" title="{note}" tabindex="0">{html[start:end]}</span>'
        )
        at = end
    pieces.append(html[at:])
    return "".join(pieces)


def _find_in_text(html: str, needle: str, start: int) -> int:
    """The first place of `needle` at or after `start` that is not inside a tag or a number."""
    position = html.find(needle, start)
    while position >= 0:
        opened, closed = html.rfind("<", 0, position), html.rfind(">", 0, position)
        before = html[position - 1 : position]
        after = html[position + len(needle) : position + len(needle) + 1]
        inside_tag = opened > closed
        inside_number = before.isdigit() or after.isdigit() or (before in ",." and before != "")
        if not inside_tag and not (inside_number and needle[:1].isdigit()):
            return position
        position = html.find(needle, position + 1)
    return -1
