"""`bantin check`: compare every factual claim of a draft (DOCX or Markdown) with the data.

A draft is read as paragraphs of plain text, each cut into clauses at ";" and at
sentence ends. In a clause, every number, rank word and band name is classified
by the words around it (a score, a change, a count, a rank, a streak...), tied
to the unit the clause speaks of and to the evaluation and year in context, and
compared with the ranking engine's result. Numbers that are not score data
(dates, "10 tập thể", photo captions) are listed as unverified, never as errors.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from bantin import vi
from bantin.compose import section_ids
from bantin.errors import DataError
from bantin.load import load_dataset
from bantin.model import Dataset, Evaluation
from bantin.rank import (
    RankedUnit,
    Ranking,
    Streak,
    first_place_streak,
    rank_all,
    resolve_focus,
    top_band_streak,
)

_T = TypeVar("_T")


@dataclass(frozen=True)
class Finding:
    """A claim of the draft that the data contradicts."""

    paragraph: int
    text: str
    expected: str
    subject: str

    def __str__(self) -> str:
        return f'đoạn {self.paragraph}: "{self.text}" — dữ liệu: {self.expected} ({self.subject})'


@dataclass(frozen=True)
class Unverified:
    """A number of the draft that is not score data and so was not checked."""

    paragraph: int
    text: str
    context: str

    def __str__(self) -> str:
        return f'đoạn {self.paragraph}: "{self.text}" — {self.context}'


@dataclass(frozen=True)
class CheckReport:
    """The outcome of checking one draft."""

    path: Path
    year: int
    agency: str
    checked: int
    findings: tuple[Finding, ...]
    unverified: tuple[Unverified, ...]

    @property
    def ok(self) -> bool:
        """Whether every checked claim agrees with the data."""
        return not self.findings


# --- reading drafts -----------------------------------------------------------------


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
    from bantin.export import read_manifest_articles

    about = read_manifest_articles(path.parent).get(path.name, {})
    year = about.get("year")
    return (int(year) if year and year.isdigit() else None), about.get("agency")


# --- checking -----------------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_NUM = r"\d+(?:[.,]\d+)*"
_TOKEN_RE = re.compile(
    r"(?P<date>(?<![\d,.])\d{1,2}/\d{1,2}/\d{2,4}(?![\d,.]))"
    rf"|(?P<span>(?<![\d,.]){_NUM}\s*[-–]\s*{_NUM}(?![\d]))"
    rf"|(?P<fraction>(?<![\d,.]){_NUM}\s*/\s*{_NUM}(?![\d]))"
    rf"|(?P<number>(?<![\w,.])(?:{_NUMBER})(?![\w]|[.,]\d))"
)
_YEAR_MENTION_RE = re.compile(rf"(?<!\w)năm\s+(?P<year>{_NUM})(?!\s*điểm)(?!\d)", re.I)
_RANK_WORDS = {vi.rank_word(n).casefold(): n for n in range(1, 100)}
_RANK_WORD_RE = "|".join(
    sorted((re.escape(w) for w in (vi.rank_word(n) for n in range(1, 100))), key=len, reverse=True)
)
_RANK_RE = re.compile(
    rf"(?P<tied>đồng\s+)?(?:xếp\s+hạng|xếp\s+vị\s+thứ|vị\s+thứ|xếp\s+thứ|hạng)\s+"
    rf"(?P<rank>{_RANK_WORD_RE}|\d+(?:\s*/\s*\d+)?)(?!\w)"
)
_COUNT_RE = re.compile(
    rf"(?:(?<![\d,.])(?P<count>{_NUM})\s*/\s*(?P<total>{_NUM})|nhóm\s+(?P<group>{_NUM}))"
    r"\s+(?:\w+\s+){0,3}?(?:xếp loại|loại|đạt)\s+(?=(?P<band>[^,;.()]+))"
)
_NONE_RE = re.compile(r"không có\s+(?:\w+\s+){0,3}?xếp loại\s+(?P<bands>[^;.()]+)")
_BAND_DELTA_RE = re.compile(
    rf"số\s+(?:\w+\s+){{0,2}}?xếp loại\s+(?P<band>.+?)\s+(?P<verb>tăng|giảm)\s+"
    rf"(?P<n>{_NUM})\s+đơn vị"
)
_MOVE_RE = re.compile(r"từ mức\s+(?P<old>[^,;.()]+?)\s+(?:lên|xuống)\s+mức\s+(?P<new>[^,;.()]+)")
_BAND_RE = re.compile(r"(?:xếp loại|thuộc nhóm|nhóm)\s+(?P<band>[^,;.()]+)")
_CLAUSE_RE = re.compile(r";|(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])")


@dataclass
class _Context:
    """What the text has spoken of so far: carried from clause to clause."""

    evaluation: str | None = None
    unit: str | None = None


@dataclass
class _Clause:
    """One clause of a paragraph, with what it mentions and where."""

    paragraph: int
    text: str
    evaluations: list[tuple[int, str]]
    units: list[tuple[int, str]]
    context: _Context
    only_evaluation: str | None
    claimed: list[tuple[int, int]] = field(default_factory=list)

    def evaluation_id(self, position: int) -> str | None:
        """The evaluation a claim at `position` speaks of."""
        return (
            _nearest(self.evaluations, position) or self.context.evaluation or self.only_evaluation
        )

    def unit(self, position: int) -> str | None:
        """The unit a claim at `position` speaks of."""
        return _nearest(self.units, position) or self.context.unit

    def year(self, position: int, default: int, after: bool = True) -> int:
        """The year of a claim: the nearest "năm YYYY" before it, else after, else the draft's."""
        years = [
            (m.start(), _as_year(m.group("year"))) for m in _YEAR_MENTION_RE.finditer(self.text)
        ]
        if not after:
            years = [(at, y) for at, y in years if at < position]
        found = _nearest(years, position)
        return default if found is None else found

    def is_claimed(self, position: int) -> bool:
        """Whether an earlier rule already read the text at `position`."""
        return any(a <= position < b for a, b in self.claimed)


def _nearest(mentions: Sequence[tuple[int, _T]], position: int) -> _T | None:
    """The mention closest before `position`, else the first after it."""
    before = [value for at, value in mentions if at < position]
    if before:
        return before[-1]
    after = [value for at, value in mentions if at > position]
    return after[0] if after else None


class _Checker:
    """Walks a draft's paragraphs and compares each claim with the rankings."""

    def __init__(
        self,
        dataset: Dataset,
        rankings: Mapping[str, Mapping[int, Ranking]],
        year: int,
        focus: str,
    ) -> None:
        self.dataset = dataset
        self.year = year
        self.focus = focus
        self.rankings = rankings
        names = {u.unit for by in self.rankings.values() for r in by.values() for u in r.units}
        # Every spelling an editor may use: the name, and the registry's short forms and aliases.
        spellings = {n.casefold(): n for n in names}
        for unit in dataset.registry.units:
            if unit.name in names:
                for other in (unit.short, *unit.aliases):
                    if other:
                        spellings.setdefault(
                            unicodedata.normalize("NFC", other).casefold(), unit.name
                        )
        alternatives = "|".join(
            rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(spellings, key=len, reverse=True)
        )
        self.unit_re = re.compile(alternatives, re.IGNORECASE)
        self.canonical = spellings
        # "của Sở tăng 6 điểm": the agency's own noun, not followed by a proper name.
        noun = vi.agency_noun(focus)
        # Only where the templates use it ("của Sở", "để Sở", "toàn Sở", a clause's start),
        # so "tăng 5 đơn vị" or "Khối quận, huyện" are not read as the agency.
        self.noun_re = re.compile(
            rf"(?:(?<=của )|(?<=để )|(?<=toàn )|^\s*){re.escape(noun)}(?!\w)(?!\s+[A-ZĐÀ-Ỹ&])"
        )
        self.findings: list[Finding] = []
        self.unverified: list[Unverified] = []
        self.checked = 0
        # The evaluations the draft can speak of: for one ranked in blocks, the focus's block.
        self.speaks_of = [
            dataset.evaluations[part]
            for base in sorted(set(map(dataset.base_id, dataset.evaluations)))
            for part in section_ids(dataset, self.rankings, year, base, focus, False)
        ]

    # -- looking things up

    def ranking(self, evaluation: Evaluation, year: int) -> Ranking | None:
        return self.rankings.get(evaluation.id, {}).get(year)

    def find(self, evaluation: Evaluation, year: int, unit: str | None) -> RankedUnit | None:
        ranking = self.ranking(evaluation, year)
        return ranking.find(unit) if ranking is not None and unit else None

    def evaluation(self, clause: _Clause, position: int) -> Evaluation | None:
        chosen = clause.evaluation_id(position)
        return self.dataset.evaluations.get(chosen) if chosen else None

    def evaluation_mentions(self, text: str) -> list[tuple[int, str]]:
        mentions = []
        for e in self.speaks_of:
            for needle, flags in ((e.short_name, 0), (e.name, re.I), (e.topic, re.I)):
                for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text, flags):
                    mentions.append((m.start(), e.id))
        return sorted(mentions)

    def unit_mentions(self, text: str) -> list[tuple[int, str]]:
        matches = list(self.unit_re.finditer(text))
        mentions = [(m.start(), self.canonical[m.group(0).casefold()]) for m in matches]
        for m in self.noun_re.finditer(text):
            if not any(n.start() <= m.start() < n.end() for n in matches):
                mentions.append((m.start(), self.focus))
        return sorted(mentions)

    # -- reporting

    def verify(
        self,
        clause: _Clause,
        text: str,
        ok: bool,
        expected: str,
        subject: str,
    ) -> None:
        self.checked += 1
        if not ok:
            self.findings.append(Finding(clause.paragraph, text, expected, subject))

    def skip(self, clause: _Clause, text: str, why: str) -> None:
        self.unverified.append(Unverified(clause.paragraph, text, why))

    def no_data(
        self, clause: _Clause, text: str, evaluation: Evaluation, year: int, who: str | None = None
    ) -> None:
        about = self.about(evaluation, year, who)
        self.verify(clause, text, False, f"không có kết quả năm {year}", about)

    @staticmethod
    def about(evaluation: Evaluation, year: int, who: str | None = None) -> str:
        where = f"{evaluation.short_name} {year}"
        return f"{who}, {where}" if who else where

    # -- the walk

    def check(self, paragraphs: Sequence[str]) -> None:
        context = _Context()
        only = self.speaks_of[0].id if len(self.speaks_of) == 1 else None
        for number, paragraph in enumerate(paragraphs, start=1):
            if re.fullmatch(r"\[Chèn ảnh \d+\]", paragraph):
                continue
            caption = re.match(r"^Ảnh\s+\d+\s*:", paragraph)
            if caption:
                for m in _TOKEN_RE.finditer(paragraph, caption.end()):
                    self.unverified.append(Unverified(number, m.group(0), "chú thích ảnh"))
                continue
            context.unit = None
            for text in _CLAUSE_RE.split(paragraph):
                clause = _Clause(
                    paragraph=number,
                    text=text,
                    evaluations=self.evaluation_mentions(text),
                    units=self.unit_mentions(text),
                    context=context,
                    only_evaluation=only,
                )
                self.check_clause(clause)
                if clause.evaluations:
                    context.evaluation = clause.evaluations[-1][1]
                if clause.units:
                    context.unit = clause.units[-1][1]

    def check_clause(self, clause: _Clause) -> None:
        for m in _YEAR_MENTION_RE.finditer(clause.text):
            self.check_year(clause, m)
        for m in _COUNT_RE.finditer(clause.text):
            self.check_count(clause, m)
        for m in _NONE_RE.finditer(clause.text):
            self.check_empty_bands(clause, m)
        for m in _RANK_RE.finditer(clause.text):
            self.check_rank(clause, m)
        for m in _BAND_DELTA_RE.finditer(clause.text):
            self.check_band_delta(clause, m)
        for m in _MOVE_RE.finditer(clause.text):
            self.check_band_move(clause, m)
        if "lần đầu tiên" in clause.text:
            self.check_first_time(clause)
        for m in _BAND_RE.finditer(clause.text):
            if not clause.is_claimed(m.start()):
                self.check_band(clause, m)
        for m in _TOKEN_RE.finditer(clause.text):
            if not clause.is_claimed(m.start()):
                self.check_number(clause, m)

    # -- one rule each

    def check_year(self, clause: _Clause, m: re.Match[str]) -> None:
        """ "năm 2019" sets the year of the claims around it, and that year must have data."""
        clause.claimed.append((m.start("year"), m.end("year")))
        evaluation = self.evaluation(clause, m.start())
        if evaluation is None or not re.search(r"\d|xếp|hạng|loại", clause.text[m.end() :]):
            return
        year = _as_year(m.group("year"))
        self.verify(
            clause,
            f"năm {m.group('year')}",
            self.ranking(evaluation, year) is not None,
            f"không có kết quả năm {m.group('year')}",
            evaluation.short_name,
        )

    def check_count(self, clause: _Clause, m: re.Match[str]) -> None:
        """ "03/21 cơ quan xếp loại Rất tốt", "Trong nhóm 03 cơ quan xếp loại Rất tốt"."""
        evaluation = self.evaluation(clause, m.start())
        if evaluation is None:
            return
        clause.claimed.append((m.start(), m.end()))
        year = clause.year(m.start(), self.year)
        ranking = self.ranking(evaluation, year)
        total = m.group("total")
        text = f"{m.group('count')}/{total}" if total is not None else m.group("group")
        band = _band_named(evaluation, m.group("band"))
        if ranking is None:
            self.verify(
                clause, text, False, f"không có kết quả năm {year}", self.about(evaluation, year)
            )
            return
        if band is None:
            self.skip(clause, text, "không nhận ra tên mức xếp loại")
            return
        count = next(b.count for b in ranking.band_counts if b.band == band)
        padding = self.dataset.publisher.count_padding
        if total is not None:
            ok = _parse_number(m.group("count")) == count and _parse_number(total) == ranking.size
            expected = vi.fraction(count, ranking.size, padding)
        else:
            ok = _parse_number(m.group("group")) == count
            expected = vi.pad_count(count, padding)
        self.verify(clause, text, ok, expected, self.about(evaluation, year, band))

    def check_empty_bands(self, clause: _Clause, m: re.Match[str]) -> None:
        """ "không có cơ quan xếp loại Trung bình và Yếu"."""
        evaluation = self.evaluation(clause, m.start())
        if evaluation is None:
            return
        clause.claimed.append((m.start(), m.end()))
        year = clause.year(m.start(), self.year)
        ranking = self.ranking(evaluation, year)
        if ranking is None:
            return
        for band in ranking.band_counts:
            if re.search(rf"(?<!\w){re.escape(band.band)}(?!\w)", m.group("bands"), re.I):
                self.verify(
                    clause,
                    f"không có {band.band}",
                    band.count == 0,
                    f"{band.count}/{ranking.size} xếp loại {band.band}",
                    self.about(evaluation, year),
                )

    def check_rank(self, clause: _Clause, m: re.Match[str]) -> None:
        """ "đồng xếp hạng Nhất", "xếp vị thứ Năm", "xếp thứ 12/32"."""
        evaluation = self.evaluation(clause, m.start())
        if evaluation is None:
            return
        clause.claimed.append((m.start("rank"), m.end("rank")))
        year = clause.year(m.start(), self.year)
        ranking = self.ranking(evaluation, year)
        text = m.group("rank")
        if ranking is None:
            self.verify(
                clause, text, False, f"không có kết quả năm {year}", self.about(evaluation, year)
            )
            return
        if text[0].isdigit():
            rank_part, _, total = text.partition("/")
            rank = int(rank_part)
            if total:
                self.verify(
                    clause,
                    text,
                    int(total) == ranking.size,
                    f"{ranking.size} đơn vị",
                    self.about(evaluation, year),
                )
        else:
            rank = _RANK_WORDS[text.casefold()]
        unit = self.find(evaluation, year, clause.unit(m.start()))
        if unit is None:
            self.skip(clause, text, "không xác định được đơn vị")
            return
        about = self.about(evaluation, year, unit.unit)
        self.verify(clause, text, unit.rank == rank, vi.rank_word(unit.rank), about)
        if m.group("tied") and unit.rank == rank:
            self.verify(clause, m.group(0).strip(), unit.tied, "không đồng hạng", about)

    def check_band_delta(self, clause: _Clause, m: re.Match[str]) -> None:
        """ "số cơ quan xếp loại Tốt tăng 2 đơn vị" (against the year before)."""
        clause.claimed.append((m.start(), m.end()))
        evaluation = self.evaluation(clause, m.start())
        band = _band_named(evaluation, m.group("band")) if evaluation else None
        if evaluation is None or band is None:
            return
        now, then = self.ranking(evaluation, self.year), self.ranking(evaluation, self.year - 1)
        text = m.group("n")
        about = self.about(evaluation, self.year, band)
        if now is None or then is None:
            self.verify(clause, text, False, f"không có kết quả năm {self.year - 1}", about)
            return
        count = {b.band: b.count for b in now.band_counts}[band]
        previous = {b.band: b.count for b in then.band_counts}[band]
        delta = count - previous
        up = m.group("verb") == "tăng"
        ok = _parse_number(text) == abs(delta) and delta != 0 and up == (delta > 0)
        expected = f"{'tăng' if delta > 0 else 'giảm'} {abs(delta)}" if delta else "không đổi"
        self.verify(clause, text, ok, f"{expected} ({previous} → {count})", about)

    def check_band_move(self, clause: _Clause, m: re.Match[str]) -> None:
        """ "được nâng từ mức Tốt lên mức Xuất sắc": last year's band and this year's."""
        clause.claimed.append((m.start(), m.end()))
        evaluation = self.evaluation(clause, m.start())
        if evaluation is None:
            return
        unit_name = clause.unit(m.start())
        for group, year in (("old", self.year - 1), ("new", self.year)):
            band = _band_named(evaluation, m.group(group))
            unit = self.find(evaluation, year, unit_name)
            if band is None or unit is None:
                continue
            about = self.about(evaluation, year, unit.unit)
            self.verify(clause, band, unit.band == band, unit.band, about)

    def check_first_time(self, clause: _Clause) -> None:
        """ "lần đầu tiên ... xếp hạng Nhất": never first in an earlier year of the data."""
        evaluation = self.evaluation(clause, 0)
        unit_name = clause.unit(len(clause.text))
        if evaluation is None or unit_name is None or "Nhất" not in clause.text:
            return
        by_year = self.rankings.get(evaluation.id, {})
        earlier = [
            y
            for y in sorted(by_year)
            if y < self.year and (u := by_year[y].find(unit_name)) is not None and u.rank == 1
        ]
        about = self.about(evaluation, self.year, unit_name)
        expected = f"đã xếp hạng Nhất năm {', '.join(map(str, earlier))}" if earlier else ""
        self.verify(clause, "lần đầu tiên", not earlier, expected, about)

    def check_band(self, clause: _Clause, m: re.Match[str]) -> None:
        """ "được xếp loại Xuất sắc", "thuộc nhóm Tốt"."""
        evaluation = self.evaluation(clause, m.start())
        band = _band_named(evaluation, m.group("band")) if evaluation else None
        if evaluation is None or band is None:
            return
        year = clause.year(m.start(), self.year)
        unit = self.find(evaluation, year, clause.unit(m.start()))
        if unit is not None:
            about = self.about(evaluation, year, unit.unit)
            self.verify(clause, band, unit.band == band, unit.band, about)

    def check_number(self, clause: _Clause, m: re.Match[str]) -> None:
        """Any other number: a streak, a change, last year's score, a score, or unverified."""
        text, start = m.group(0), m.start()
        if m.group("date"):
            self.skip(clause, text, "ngày tháng")
            return
        if m.group("fraction"):
            self.skip(clause, text, "phân số không gắn với mức xếp loại")
            return
        evaluation = self.evaluation(clause, start)
        if evaluation is None:
            self.skip(clause, text, "không xác định được bộ chỉ số")
            return
        unit_name = clause.unit(start)
        year = clause.year(start, self.year)
        if m.group("span"):
            self.check_span(clause, text, evaluation, unit_name)
            return
        value = _parse_number(text)
        before = clause.text[max(0, start - 40) : start]
        after = clause.text[m.end() : m.end() + 30]
        if re.match(r"\s*năm\s+liên\s+tiếp", after):
            self.check_streak(clause, text, value, evaluation, unit_name, year)
            return
        verb = re.search(r"(tăng|giảm)(?:\s+thêm)?\s*$", before)
        if verb:
            year = clause.year(start, self.year, after=False)
            ranks = re.match(r"\s*bậc", after) is not None
            up = verb.group(1) == "tăng"
            self.check_change(clause, text, value, up, evaluation, unit_name, year, ranks)
            return
        previous = re.search(rf"năm\s+({_NUM})\s*(?:\(|đạt|là|:)\s*(?:đạt\s*)?$", before, re.I)
        label = re.search(rf"{re.escape(evaluation.score_label)}\s*(?:là|đạt)?\s*$", before, re.I)
        if previous:
            year = _as_year(previous.group(1))
        elif not (re.match(r"\s*điểm", after) or label):
            self.skip(clause, text, "không phải số liệu điểm")
            return
        if self.ranking(evaluation, year) is None:
            self.no_data(clause, text, evaluation, year, unit_name)
            return
        unit = self.find(evaluation, year, unit_name)
        if unit is None:
            self.skip(clause, text, "không xác định được đơn vị")
            return
        expected = vi.format_number(unit.score, evaluation.decimals)
        self.verify(
            clause, text, value == unit.score, expected, self.about(evaluation, year, unit.unit)
        )

    def check_change(
        self,
        clause: _Clause,
        text: str,
        value: Decimal,
        up: bool,
        evaluation: Evaluation,
        unit_name: str | None,
        year: int,
        ranks: bool,
    ) -> None:
        """ "tăng 6 điểm" or "tăng 3 bậc": the change since the year before, and its direction."""
        now = self.find(evaluation, year, unit_name)
        then = self.find(evaluation, year - 1, unit_name)
        about = self.about(evaluation, year, unit_name)
        if now is None or then is None:
            what = "hạng" if ranks else "điểm"
            self.verify(clause, text, False, f"không có {what} của năm {year - 1} và {year}", about)
            return
        if ranks:
            change = Decimal(then.rank - now.rank)  # a rise in rank is a smaller number
            expected = vi.rank_change_phrase(then.rank, now.rank)
        else:
            change = now.score - then.score
            expected = vi.change_phrase(change, "điểm", evaluation.decimals)
        # A change stated with a number is never zero ("giữ nguyên" has no number).
        ok = value == abs(change) and (up == (change > 0) if change else not ranks)
        self.verify(clause, text, ok, expected, about)

    def streak_for(
        self, clause: _Clause, evaluation: Evaluation, unit: str, year: int
    ) -> Streak | None:
        by_year = self.rankings.get(evaluation.id, {})
        if re.search(r"Nhất|dẫn đầu", clause.text, re.I):
            return first_place_streak(by_year, unit, year)
        return top_band_streak(by_year, unit, year)

    def check_streak(
        self,
        clause: _Clause,
        text: str,
        length: Decimal,
        evaluation: Evaluation,
        unit_name: str | None,
        year: int,
    ) -> None:
        """ "2 năm liên tiếp": consecutive years first (or in the top band)."""
        if unit_name is None:
            self.skip(clause, text, "không xác định được đơn vị")
            return
        streak = self.streak_for(clause, evaluation, unit_name, year)
        actual = streak.length if streak else 0
        about = self.about(evaluation, year, unit_name)
        self.verify(clause, text, length == actual, f"{actual} năm liên tiếp", about)

    def check_span(
        self, clause: _Clause, text: str, evaluation: Evaluation, unit_name: str | None
    ) -> None:
        """ "2018-2019": the years of the streak the clause speaks of."""
        if unit_name is None:
            self.skip(clause, text, "không xác định được đơn vị")
            return
        first, last = (_as_year(y.strip()) for y in re.split(r"[-–]", text))
        streak = self.streak_for(clause, evaluation, unit_name, self.year)
        expected = (
            f"{streak.first_year}-{streak.last_year}" if streak else "không có chuỗi năm liên tiếp"
        )
        ok = streak is not None and (streak.first_year, streak.last_year) == (first, last)
        self.verify(clause, text, ok, expected, self.about(evaluation, self.year, unit_name))


def _as_year(text: str) -> int:
    """A year as written; anything that is not a whole number is no year (-1)."""
    return int(text) if text.isdigit() else -1


def _band_named(evaluation: Evaluation, text: str) -> str | None:
    """The band whose name starts `text` (longest name first), if any."""
    words = text.strip()
    for name in sorted(evaluation.band_names, key=len, reverse=True):
        if re.match(rf"{re.escape(name)}(?!\w)", words, re.IGNORECASE):
            return name
    return None


def _parse_number(text: str) -> Decimal:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    return Decimal(text.replace(",", "."))


def check_draft(
    path: Path,
    data_dir: Path,
    year: int | None = None,
    agency: str | None = None,
) -> CheckReport:
    """Check a draft against the data; year and agency come from the draft unless given."""
    paragraphs = read_draft(path)
    found_year, found_agency = draft_subject(path)
    year = year or found_year
    if year is None:
        raise DataError("không biết bản thảo viết về năm nào; thêm --year NĂM", path=path)
    dataset = load_dataset(data_dir)
    checker_focus = agency or found_agency or dataset.publisher.focus_agency
    rankings = rank_all(dataset)
    focus = resolve_focus(
        checker_focus, [r for by in rankings.values() for y, r in by.items() if y == year]
    )
    if focus is None:
        raise DataError(
            f'không tìm thấy đơn vị "{checker_focus}" trong dữ liệu năm {year}', path=data_dir
        )
    checker = _Checker(dataset, rankings, year, focus)
    checker.check(paragraphs)
    return CheckReport(
        path=path,
        year=year,
        agency=focus,
        checked=checker.checked,
        findings=tuple(checker.findings),
        unverified=tuple(checker.unverified),
    )


def format_report(report: CheckReport) -> list[str]:
    """The report as lines for the terminal, in Vietnamese."""
    lines = [str(f) for f in report.findings]
    if report.unverified:
        lines.append("Chưa kiểm chứng (không phải số liệu điểm):")
        lines.extend(f"  {u}" for u in report.unverified)
    if report.ok:
        lines.append(
            f"Đã kiểm tra {report.checked} số liệu của {report.agency} năm {report.year}: "
            "khớp với dữ liệu."
        )
    else:
        lines.append(
            f"Đã kiểm tra {report.checked} số liệu của {report.agency} năm {report.year}: "
            f"{len(report.findings)} chỗ không khớp với dữ liệu."
        )
    return lines
