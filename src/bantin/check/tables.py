"""Ranking tables in a draft: each row a set of claims about one unit, checked against a ranking.

A table is a ranking table when its first row heads a unit column and at least one of
rank, position, score and band (the headers bantin writes, or an editor's usual
rewording); its columns may be reordered, dropped or renamed that way, and a column
an editor adds ("Ghi chú") is read as text. The evaluation
and year come from its caption ("Bảng 1: Kết quả xếp hạng <tên> năm <năm> – <khối>"),
else from the paragraph before it, the score column's header and the units it lists.
Each row's unit is found as elsewhere in check (names, short forms, aliases), and each
of its cells compared with that unit's place in the ranking. A row or a column left out
is no finding (editors shorten tables); a unit the ranking does not hold is. Any other
table is read as text, as before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from bantin import vi
from bantin.check.checker import Checker, subject
from bantin.check.draft import DraftParagraph
from bantin.check.mentions import RANK_WORDS, YEAR_MENTION_RE, Vocabulary, as_year, parse_number
from bantin.check.report import Finding, Unverified
from bantin.model import Evaluation
from bantin.rank import RankedUnit, Ranking

# How editors head each column (casefolded); bantin writes the first of each.
_HEADERS = {
    "rank": ("hạng", "thứ hạng", "xếp hạng"),
    "position": ("vị trí", "vị thứ", "thứ tự xếp hạng"),
    "unit": (
        "đơn vị",
        "cơ quan",
        "tên đơn vị",
        "tên cơ quan",
        "cơ quan, đơn vị",
        "đơn vị, cơ quan",
    ),
    "band": ("xếp loại", "mức xếp loại", "loại", "mức"),
    # Row numbers an editor adds: no claim about the data.
    "row": ("stt", "tt", "số thứ tự"),
}
_VALUES = ("rank", "position", "score", "band")
CAPTION_RE = re.compile(r"^Bảng\s+\d+\s*[:.–-]?\s*", re.I)
_UNKNOWN_TABLE = (
    "không xác định được bảng xếp hạng của bộ chỉ số nào; các số trong bảng chưa kiểm tra"
)
# A number as Vietnamese text writes it: "99,84", "1.234,5".
_VN_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


@dataclass
class Table:
    """One table of the draft: its cells' paragraph indexes by row and column, in order."""

    rows: dict[int, dict[int, list[int]]] = field(default_factory=dict)

    @property
    def indexes(self) -> list[int]:
        """Every paragraph of the table, in reading order."""
        return sorted(i for row in self.rows.values() for cell in row.values() for i in cell)


def draft_tables(paragraphs: Sequence[DraftParagraph]) -> list[Table]:
    """The draft's tables (only their paragraphs' places), in reading order."""
    tables: dict[int, Table] = {}
    for index, paragraph in enumerate(paragraphs):
        if paragraph.cell is not None:
            number, row, column = paragraph.cell
            cells = tables.setdefault(number, Table()).rows.setdefault(row, {})
            cells.setdefault(column, []).append(index)
    return list(tables.values())


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().strip(" :*").split())


class TableChecker:
    """Checks the ranking tables of one draft, with the checker the text's rules use."""

    def __init__(
        self, checker: Checker, vocabulary: Vocabulary, paragraphs: Sequence[DraftParagraph]
    ) -> None:
        self.checker = checker
        self.vocabulary = vocabulary
        self.paragraphs = paragraphs
        self.labels = {_key(e.score_label) for e in checker.dataset.evaluations.values()}

    def check(self) -> set[int]:
        """Check every ranking table; the paragraph indexes read here, not as text."""
        read: set[int] = set()
        for table in draft_tables(self.paragraphs):
            read |= self._table(table)
        return read

    def text(self, index: int) -> str:
        """The text of paragraph `index` (from 0)."""
        return self.paragraphs[index].text

    def columns(self, table: Table) -> dict[str, int] | None:
        """Which column holds what, from the header row, if it heads a ranking table."""
        header = table.rows[min(table.rows)]
        found: dict[str, int] = {}
        for column, cell in header.items():
            key = _key(" ".join(self.text(i) for i in cell))
            kind = next((k for k, names in _HEADERS.items() if key in names), None)
            if kind is None and (key in self.labels or "điểm" in key.split()):
                kind = "score"
            if kind is None:
                continue  # a column an editor added ("Ghi chú"): its cells are read as text
            if kind in found:
                return None  # two score columns: not a table bantin can read as one ranking
            found[kind] = column
        if "unit" not in found or not any(k in found for k in _VALUES):
            return None
        return found

    def _table(self, table: Table) -> set[int]:
        columns = self.columns(table)
        if columns is None:
            return set()
        first = table.indexes[0]
        before = first - 1
        while before >= 0 and not self.text(before):
            before -= 1
        context = self.text(before) if before >= 0 and self.paragraphs[before].cell is None else ""
        caption = CAPTION_RE.match(context) is not None
        header_row = min(table.rows)
        score_header = ""
        if "score" in columns:
            score_header = _key(self.text(table.rows[header_row][columns["score"]][0]))
        rows = [table.rows[r] for r in sorted(table.rows) if r != header_row]
        units = [
            self.text(row[columns["unit"]][0])
            for row in rows
            if len(row.get(columns["unit"], [])) == 1
        ]
        year = self.checker.year
        if caption:
            years = [as_year(m.group("year")) for m in YEAR_MENTION_RE.finditer(context)]
            year = years[0] if years else year
        evaluation = self.evaluation(context, score_header, units, year)
        known = set(columns.values())
        read = {
            i for row in table.rows.values() for c, cell in row.items() if c in known for i in cell
        }
        if caption:
            read.add(before)
        if evaluation is None:
            header = table.rows[header_row]
            shown = " | ".join(self.text(header[c][0]) for c in sorted(known))
            why = _UNKNOWN_TABLE
            self.checker.unverified.append(Unverified(shown, why, shown, first + 1))
            return read
        ranking = self.checker.ranking(evaluation, year)
        if caption:
            m = YEAR_MENTION_RE.search(context)
            self.checker.checked += 1
            if ranking is None and m is not None:
                said = f"năm {m.group('year')}"
                self.finding(
                    before,
                    m.start(),
                    m.end(),
                    said,
                    said,
                    f"không có kết quả năm {year}",
                    subject(evaluation, year),
                )
        if ranking is None:
            return read
        rows_of: dict[str, tuple[int, str]] = {}
        for row in rows:
            if any(len(cell) != 1 for c, cell in row.items() if c in known):
                read -= {i for cell in row.values() for i in cell}  # read as text
                continue
            found = self.row(row, columns, evaluation, ranking)
            if found is not None:
                rows_of.setdefault(found[0], found[1:])
        self.hidden_ties(rows_of, evaluation, ranking)
        return read

    def hidden_ties(
        self, shown: dict[str, tuple[int, str]], evaluation: Evaluation, ranking: Ranking
    ) -> None:
        """A table showing a unit of a tie and the rows after the tie, but not the other units
        of it, says that unit holds the place alone: a row of a tie deleted, not a table cut
        short."""
        places = [u.position for u in ranking.units if u.unit in shown]
        said: set[str] = set()
        for unit in ranking.units:
            if unit.unit not in shown or not unit.tied or unit.unit in said:
                continue
            said.update(unit.tie_group)
            missing = [name for name in unit.tied_with if name not in shown]
            after = any(p > unit.position for p in places)
            if not missing or not after:
                continue
            index, quote = shown[unit.unit]
            text = self.text(index)
            expected = f"đồng hạng {unit.rank} cùng {', '.join(missing)} (không có trong bảng)"
            about = subject(evaluation, ranking.year, unit.unit)
            self.checker.checked += 1
            self.finding(index, 0, len(text), text, quote, expected, about)

    def evaluation(
        self, context: str, score_header: str, units: list[str], year: int
    ) -> Evaluation | None:
        """The evaluation a table ranks: named before it, headed by its score, holding its units."""
        ranked = []
        for e in self.checker.dataset.evaluations.values():
            ranking = self.checker.ranking(e, year)
            named = max(
                (
                    len(needle)
                    for needle, flags in ((e.name, re.I), (e.short_name, 0), (e.topic, re.I))
                    if needle and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", context, flags)
                ),
                default=0,
            )
            group = len(e.group) if e.group and _key(e.group) in _key(context) else 0
            held = sum(1 for u in units if ranking is not None and self._unit(u, ranking))
            label = score_header == _key(e.score_label)
            if named or held:
                ranked.append(((named, group, held, label), e))
        if not ranked:
            return None
        ranked.sort(key=lambda pair: pair[0], reverse=True)
        best = [e for score, e in ranked if score == ranked[0][0]]
        # Never a guess between two evaluations the table fits as well.
        return best[0] if len(best) == 1 else None

    def _unit(self, text: str, ranking: Ranking) -> RankedUnit | None:
        # The whole cell names the unit: "Sở Nội vụ cũ" is no spelling of "Sở Nội vụ".
        name = self.vocabulary.canonical.get(_key(text))
        return ranking.find(name) if name is not None else None

    def row(
        self,
        row: dict[int, list[int]],
        columns: dict[str, int],
        evaluation: Evaluation,
        ranking: Ranking,
    ) -> tuple[str, int, str] | None:
        """One row's cells against its unit's place in the ranking; when it is in the ranking,
        the unit, the cell that says its place (rank, else position, else name) and how a
        finding quotes that cell."""
        values = {k: row[c][0] for k, c in columns.items() if k in _VALUES and c in row}
        if not values:
            return None
        where = row.get(columns["unit"])
        about = subject(evaluation, ranking.year)
        if where is None:
            for index in values.values():
                shown = self.text(index)
                why = "không xác định được đơn vị của hàng trong bảng"
                self.checker.unverified.append(Unverified(shown, why, shown, index + 1))
            return None
        named = self.text(where[0])
        unit = self._unit(named, ranking)
        self.checker.checked += 1
        if unit is None:
            self.finding(
                where[0], 0, len(named), named, named, "không có trong kết quả xếp hạng", about
            )
            return None
        about = subject(evaluation, ranking.year, unit.unit)
        for kind, index in values.items():
            said = self.text(index)
            ok, expected = _compare(kind, said, unit, evaluation)
            quote = f"{named} | {said}"
            self.checker.checked += 1
            if ok:
                if self.paragraphs[index].pending:
                    self.checker.pending.append(quote)
                continue
            self.finding(index, 0, len(said), said, quote, expected, about)
        place = values.get("rank", values.get("position", where[0]))
        return unit.unit, place, f"{named} | {self.text(place)}" if place != where[0] else named

    def finding(
        self, index: int, start: int, end: int, text: str, quote: str, expected: str, about: str
    ) -> None:
        """A claim the data contradicts, at paragraph `index` (from 0)."""
        pending = any(a <= end and start <= b for a, b in self.paragraphs[index].pending)
        self.checker.findings.append(
            Finding(text, expected, about, quote, index + 1, start, end, pending)
        )


def _compare(kind: str, said: str, unit: RankedUnit, evaluation: Evaluation) -> tuple[bool, str]:
    """Whether a cell says what the data holds, and what it holds, as the table writes it."""
    if kind == "score":
        expected = vi.format_number(unit.score, evaluation.decimals)
        number = _VN_NUMBER.fullmatch(said) is not None and parse_number(said) == unit.score
        return said == expected or number, expected
    if kind == "band":
        return _key(said) == _key(unit.band), unit.band
    value = unit.rank if kind == "rank" else unit.position
    word = "hạng" if kind == "rank" else "vị trí"
    written = int(said) if said.isdigit() else RANK_WORDS.get(said.casefold())
    # A rank word ("Nhất") says the rank; the place is a number only.
    if kind == "position" and not said.isdigit():
        written = None
    return written == value, f"{word} {value}"


def check_tables(
    checker: Checker, vocabulary: Vocabulary, paragraphs: Sequence[DraftParagraph]
) -> set[int]:
    """Check the draft's ranking tables; the paragraph indexes (from 0) they took."""
    return TableChecker(checker, vocabulary, paragraphs).check()
