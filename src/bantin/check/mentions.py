"""Finding what a draft's text mentions: claims, years, evaluations and units, clause by clause.

A paragraph is cut into clauses at ";" and at sentence ends. The patterns below
find the claims a rule checks (a count, a rank, a band, any other number); a
clause knows where it names an evaluation, a unit or a year, so a claim is tied
to the nearest of each, else to what earlier clauses spoke of.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from bantin import vi
from bantin.compose.facts import section_ids
from bantin.model import Dataset, Evaluation
from bantin.rank import Ranking

_T = TypeVar("_T")

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
NUM = r"\d+(?:[.,]\d+)*"
TOKEN_RE = re.compile(
    r"(?P<date>(?<![\d,.])\d{1,2}/\d{1,2}/\d{2,4}(?![\d,.]))"
    rf"|(?P<span>(?<![\d,.]){NUM}\s*[-–]\s*{NUM}(?![\d]))"
    rf"|(?P<fraction>(?<![\d,.]){NUM}\s*(?:/|\btrên\b)\s*{NUM}(?![\d]))"
    rf"|(?P<number>(?<![\w,.])(?:{_NUMBER})(?![\w]|[.,]\d))"
)
PERCENT_RE = re.compile(r"\s*(?:%|phần\s+trăm)", re.I)
YEAR_MENTION_RE = re.compile(rf"(?<!\w)năm\s+(?P<year>{NUM})(?!\s*điểm)(?!\d)", re.I)
RANK_WORDS = {vi.rank_word(n).casefold(): n for n in range(1, 100)}
_RANK_WORD_RE = "|".join(
    sorted((re.escape(w) for w in (vi.rank_word(n) for n in range(1, 100))), key=len, reverse=True)
)
# The capitals of Vietnamese beyond ASCII: a name starts with one ("Sở Nội vụ"), a verb
# does not ("Sở đứng thứ 5"), which the range À-Ỹ (lower case letters too) cannot tell.
_UPPER = "".join(c for c in map(chr, range(0xC0, 0x1EF9)) if c.isupper())
# "xếp hạng Nhất", "xếp vị thứ Năm", "đứng thứ 3", "thứ 10/21": a rank word says the rank,
# a number the place.
RANK_RE = re.compile(
    r"(?<!\w)(?<!lần )(?<!năm )(?P<tied>đồng\s+)?"
    r"(?:(?:xếp|đứng)\s+(?:ở\s+)?(?:vị\s+)?(?:hạng|thứ)|vị\s+thứ|hạng|thứ)\s+"
    rf"(?P<rank>(?i:{_RANK_WORD_RE})|\d+(?:\s*/\s*\d+)?)(?!\w)"
)
COUNT_RE = re.compile(
    rf"(?:(?<![\d,.])(?P<count>{NUM})\s*(?:/|trên)\s*(?P<total>{NUM})"
    rf"|(?:nhóm\s+|(?<=có ))(?P<group>{NUM}))"
    r"\s+(?:[\w,]+\s+){0,4}?(?:xếp loại|loại|đạt)\s+(?=(?P<band>[^,;.()]+))"
)
# "là cơ quan duy nhất xếp loại Rất tốt", "đơn vị duy nhất xếp hạng Nhất".
SOLE_RE = re.compile(
    r"duy\s+nhất\s+(?:được\s+)?(?:(?:xếp\s+loại|đạt\s+mức|thuộc\s+nhóm)\s+(?P<band>[^,;.()]+)"
    r"|(?P<first>xếp\s+hạng\s+Nhất|đứng\s+đầu|dẫn\s+đầu))",
    re.I,
)
# "năm thứ hai liên tiếp", "lần thứ 3 liên tiếp": a streak said with an ordinal.
ORDINAL_STREAK_RE = re.compile(
    r"(?<!\w)(?:năm|lần)\s+thứ\s+(?P<n>\d+|[^\W\d]+(?:\s+[^\W\d]+)?)\s+liên\s+tiếp", re.I
)
NONE_RE = re.compile(r"không có\s+(?:[\w,]+\s+){0,4}?xếp loại\s+(?P<bands>[^;.()]+)")
BAND_DELTA_RE = re.compile(
    rf"số\s+(?:[\w,]+\s+){{0,4}}?xếp loại\s+(?P<band>.+?)\s+(?P<verb>tăng|giảm)\s+"
    rf"(?P<n>{NUM})(?!\d)"
)
MOVE_RE = re.compile(r"từ mức\s+(?P<old>[^,;.()]+?)\s+(?:lên|xuống)\s+mức\s+(?P<new>[^,;.()]+)")
BAND_RE = re.compile(r"(?:xếp loại|thuộc nhóm|nhóm)\s+(?P<band>[^,;.()]+)")
_CLAUSE_RE = re.compile(r";|(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])")


@dataclass
class Context:
    """What the text has spoken of so far: carried from clause to clause."""

    evaluation: str | None = None
    unit: str | None = None

    def carry(self, clause: Clause) -> None:
        """Remember the last evaluation and unit a clause named, for the clauses after it."""
        if clause.evaluations:
            self.evaluation = clause.evaluations[-1][1]
        if clause.units:
            self.unit = clause.units[-1][1]


@dataclass
class Clause:
    """One clause of a paragraph, with what it mentions and where."""

    paragraph: int
    text: str
    evaluations: list[tuple[int, str]]
    units: list[tuple[int, str]]
    context: Context
    only_evaluation: str | None
    offset: int = 0  # where the clause starts in its paragraph
    claimed: list[tuple[int, int]] = field(default_factory=list)
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, unit)

    def evaluation_id(self, position: int) -> str | None:
        """The evaluation a claim at `position` speaks of."""
        return (
            nearest(self.evaluations, position) or self.context.evaluation or self.only_evaluation
        )

    def unit(self, position: int) -> str | None:
        """The unit a claim at `position` speaks of."""
        return nearest(self.units, position) or self.context.unit

    def year(self, position: int, default: int, after: bool = True) -> int:
        """The year of a claim: the nearest "năm YYYY" before it, else after, else the draft's."""
        years = [(m.start(), as_year(m.group("year"))) for m in YEAR_MENTION_RE.finditer(self.text)]
        if not after:
            years = [(at, y) for at, y in years if at < position]
        found = nearest(years, position)
        return default if found is None else found

    def is_claimed(self, position: int) -> bool:
        """Whether an earlier rule already read the text at `position`."""
        return any(a <= position < b for a, b in self.claimed)


def nearest(mentions: Sequence[tuple[int, _T]], position: int) -> _T | None:
    """The mention closest before `position`, else the first after it."""
    before = [value for at, value in mentions if at < position]
    if before:
        return before[-1]
    after = [value for at, value in mentions if at > position]
    return after[0] if after else None


class Vocabulary:
    """The names a draft may use for the units and evaluations of its year and agency."""

    def __init__(
        self,
        dataset: Dataset,
        rankings: Mapping[str, Mapping[int, Ranking]],
        year: int,
        focus: str,
    ) -> None:
        self.focus = focus
        names = {u.unit for by in rankings.values() for r in by.values() for u in r.units}
        # Every spelling an editor may use: the name, and the registry's short forms and aliases.
        spellings = {n.casefold(): n for n in names}
        for unit in dataset.registry.units:
            if unit.name in names:
                for other in (unit.short, *unit.aliases):
                    if other:
                        spellings.setdefault(
                            unicodedata.normalize("NFC", other).casefold(), unit.name
                        )
        # One pair of word-boundary checks around the whole alternation: the same matches
        # (a failed lookahead backtracks into the next alternative) at a third less work.
        alternatives = "|".join(re.escape(n) for n in sorted(spellings, key=len, reverse=True))
        self.unit_re = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        self.canonical = spellings
        # "của Sở tăng 6 điểm": the agency's own noun, not followed by a proper name.
        noun = vi.agency_noun(focus)
        # Only where the templates use it ("của Sở", "để Sở", "toàn Sở", "2018-2019, Sở",
        # "lần đầu tiên Sở", "cho thấy, Sở", a clause's start), so "tăng 5 đơn vị" or
        # "Khối quận, huyện" are not read as the agency.
        self.noun_re = re.compile(
            rf"(?:(?<=của )|(?<=để )|(?<=toàn )|(?<=\d{{4}}, )|(?<=tiên )|(?<=cho thấy, )|^\s*)"
            rf"(?:{re.escape(noun)}|{re.escape(noun[:1].upper() + noun[1:])})"
            rf"(?!\w)(?!\s+[A-Z&{_UPPER}])"
        )
        # The evaluations the draft can speak of: for one ranked in blocks, every block, and
        # its names (not a block's) speak of the focus's block, as an article of one block
        # does; an article of every block names each block before its results.
        bases = sorted(set(map(dataset.base_id, dataset.evaluations)))
        self.speaks_of = [
            dataset.evaluations[part]
            for base in bases
            for part in section_ids(dataset, rankings, year, base, focus, True)
        ]
        self.named_by_names = {
            parts[0]
            for base in bases
            if (parts := section_ids(dataset, rankings, year, base, focus, False))
        }
        self.blocks = [e for e in self.speaks_of if "@" in e.id]
        # A draft about a single evaluation speaks of it wherever it names none.
        only = sorted(self.named_by_names)
        self.only_evaluation = only[0] if len(only) == 1 else None
        self._names_re: re.Pattern[str] | None = None

    def clauses(self, paragraph: int, text: str, context: Context) -> list[Clause]:
        """A paragraph's clauses, each with the evaluations and units it names."""
        starts = [0] + [m.end() for m in _CLAUSE_RE.finditer(text)]
        ends = [m.start() for m in _CLAUSE_RE.finditer(text)] + [len(text)]
        clauses = []
        for start, end in zip(starts, ends, strict=True):
            spans = self.unit_spans(text[start:end])
            clauses.append(
                Clause(
                    paragraph=paragraph,
                    text=text[start:end],
                    evaluations=self.evaluation_mentions(text[start:end], context.evaluation),
                    units=[(a, name) for a, _, name in spans],
                    context=context,
                    only_evaluation=self.only_evaluation,
                    offset=start,
                    spans=spans,
                )
            )
        return clauses

    def names(self, text: str) -> list[tuple[int, int]]:
        """Where the text names a unit, an evaluation or a band: no number words there."""
        if self._names_re is None:
            needles = {
                needle
                for e in self.speaks_of
                for needle in (e.short_name, e.name, e.topic, e.group, *e.band_names)
                if needle
            }
            alternatives = "|".join(map(re.escape, sorted(needles, key=len, reverse=True)))
            self._names_re = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)
        spans = [(m.start(), m.end()) for m in self.unit_re.finditer(text)]
        return spans + [(m.start(), m.end()) for m in self._names_re.finditer(text)]

    def evaluation_mentions(self, text: str, before: str | None = None) -> list[tuple[int, str]]:
        """Where the text names an evaluation (short name, name or topic), and which."""
        mentions = []
        for e in self.speaks_of:
            if e.id not in self.named_by_names:
                continue
            for needle, flags in ((e.short_name, 0), (e.name, re.I), (e.topic, re.I)):
                for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text, flags):
                    mentions.append((m.start(), e.id))
        mentions.sort()
        return sorted(mentions + self.block_mentions(text, mentions, before))

    def block_mentions(
        self, text: str, named: list[tuple[int, str]], before: str | None = None
    ) -> list[tuple[int, str]]:
        """Where the text names a block ("Khối quận, huyện") and which evaluation's it is.

        Several evaluations may have a block of one name, and an evaluation without blocks
        a group whose name starts with one ("Khối sở, ban, ngành thành phố"): the block is
        of the evaluation the text last named before it, and none if that one has no such
        block; a clause naming no evaluation before it goes by the one the text spoke of
        last (`before`: a paragraph giving the group's picture after the unit's own), or
        takes the first.
        """
        found: dict[int, list[Evaluation]] = {}
        taken: list[tuple[int, int]] = []
        for e in sorted(self.blocks, key=lambda e: len(e.group), reverse=True):
            for m in re.finditer(rf"(?<!\w){re.escape(e.group)}(?!\w)", text, re.I):
                if all(m.start() == a or m.end() <= a or m.start() >= b for a, b in taken):
                    taken.append((m.start(), m.end()))
                    found.setdefault(m.start(), []).append(e)
        mentions = []
        for at, candidates in found.items():
            last = nearest([(p, i) for p, i in named if p < at], at) or before
            base = last.split("@", 1)[0] if last else None
            chosen = next(
                (e for e in candidates if last is None or e.id.split("@", 1)[0] == base), None
            )
            if chosen is not None:
                mentions.append((at, chosen.id))
        return mentions

    def unit_mentions(self, text: str) -> list[tuple[int, str]]:
        """Where the text names a unit (any spelling, or the focus's own noun), and which."""
        return [(start, name) for start, _, name in self.unit_spans(text)]

    def unit_spans(self, text: str) -> list[tuple[int, int, str]]:
        """Where the text names a unit, start and end, and which (the name in the data)."""
        matches = list(self.unit_re.finditer(text))
        spans = [(m.start(), m.end(), self.canonical[m.group(0).casefold()]) for m in matches]
        for m in self.noun_re.finditer(text):
            if not any(n.start() <= m.start() < n.end() for n in matches):
                spans.append((m.start(), m.end(), self.focus))
        return sorted(spans)


def as_year(text: str) -> int:
    """A year as written; anything that is not a whole number is no year (-1)."""
    return int(text) if text.isdigit() else -1


def band_named(evaluation: Evaluation, text: str) -> str | None:
    """The band whose name starts `text` (longest name first), if any."""
    words = text.strip()
    for name in sorted(evaluation.band_names, key=len, reverse=True):
        if re.match(rf"{re.escape(name)}(?!\w)", words, re.IGNORECASE):
            return name
    return None


def parse_number(text: str) -> Decimal:
    """A number as the draft writes it (1.234,5 or 99,84) as a Decimal."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    return Decimal(text.replace(",", "."))
