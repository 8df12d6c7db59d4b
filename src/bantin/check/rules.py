"""The rules of `bantin check`: each kind of claim compared with the rankings.

A rule reads one claim of a clause (a count, a rank, a band, a change, a streak,
a score...), works out the evaluation, unit and year it speaks of, and tells the
checker whether the data agrees; a number that is not score data is set aside as
unverified, never counted as an error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bantin import vi
from bantin.check.checker import Checker, Source, subject
from bantin.check.draft import DraftParagraph
from bantin.check.mentions import (
    BAND_DELTA_RE,
    BAND_RE,
    COUNT_RE,
    MOVE_RE,
    NONE_RE,
    ORDINAL_STREAK_RE,
    RANK_RE,
    RANK_WORDS,
    SOLE_RE,
    TOKEN_RE,
    YEAR_MENTION_RE,
    Clause,
    Context,
    Vocabulary,
    as_year,
    band_named,
    nearest,
    parse_number,
)
from bantin.check.numbers import check_number, check_ordinal_streak
from bantin.check.numwords import spell_digits
from bantin.check.ties import LEAD_RE, check_lead, check_shared_rank
from bantin.rank import band_changes, first_time_first


def check_paragraphs(
    checker: Checker, vocabulary: Vocabulary, paragraphs: Sequence[DraftParagraph | str]
) -> None:
    """Check every clause of a draft's paragraphs, in order (plain text: none pending)."""
    context = Context()
    for index, given in enumerate(paragraphs):
        paragraph = DraftParagraph(given) if isinstance(given, str) else given
        number = index + 1  # clauses count paragraphs from 1, as the desk marks them
        shown = paragraph.text
        if re.fullmatch(r"\[Chèn ảnh \d+\]", shown):
            continue
        spelled = spell_digits(shown, vocabulary.names)
        checker.source = Source(paragraph, spelled, vocabulary)
        text = spelled.text
        caption = re.match(r"^Ảnh\s+\d+\s*:", text)
        if caption:
            whole = vocabulary.clauses(number, text, context)[0]
            whole.text, whole.offset = text, 0
            for m in TOKEN_RE.finditer(text, caption.end()):
                checker.skip(whole, m.group(0), "chú thích ảnh", m.span())
            continue
        context.unit = None
        if paragraph.place:  # a header, footer or note speaks of what it names, not the body
            context = Context()
        for clause in vocabulary.clauses(number, text, context):
            check_clause(checker, clause)
            context.carry(clause)


def check_clause(checker: Checker, clause: Clause) -> None:
    """Every rule over a clause, in order; the last two skip text an earlier rule claimed."""
    for m in YEAR_MENTION_RE.finditer(clause.text):
        check_year(checker, clause, m)
    for m in COUNT_RE.finditer(clause.text):
        check_count(checker, clause, m)
    for m in NONE_RE.finditer(clause.text):
        check_empty_bands(checker, clause, m)
    for m in SOLE_RE.finditer(clause.text):
        check_sole(checker, clause, m)
    for m in ORDINAL_STREAK_RE.finditer(clause.text):
        check_ordinal_streak(checker, clause, m)
    for m in RANK_RE.finditer(clause.text):
        check_rank(checker, clause, m)
    for m in LEAD_RE.finditer(clause.text):
        check_lead(checker, clause, m)
    check_blocks(checker, clause)
    for m in BAND_DELTA_RE.finditer(clause.text):
        check_band_delta(checker, clause, m)
    for m in MOVE_RE.finditer(clause.text):
        check_band_move(checker, clause, m)
    if "lần đầu tiên" in clause.text:
        check_first_time(checker, clause)
    for m in BAND_RE.finditer(clause.text):
        if not clause.is_claimed(m.start()):
            check_band(checker, clause, m)
    for m in TOKEN_RE.finditer(clause.text):
        if not clause.is_claimed(m.start()):
            check_number(checker, clause, m)


def check_year(checker: Checker, clause: Clause, m: re.Match[str]) -> None:
    """ "năm 2019" sets the year of the claims around it, and that year must have data."""
    clause.claimed.append((m.start("year"), m.end("year")))
    evaluation = checker.evaluation(clause, m.start())
    if evaluation is None or not re.search(r"\d|xếp|hạng|loại", clause.text[m.end() :]):
        return
    year = as_year(m.group("year"))
    checker.verify(
        clause,
        f"năm {m.group('year')}",
        checker.ranking(evaluation, year) is not None,
        f"không có kết quả năm {m.group('year')}",
        evaluation.short_name,
        m.span(),
    )


def check_count(checker: Checker, clause: Clause, m: re.Match[str]) -> None:
    """ "03/21 cơ quan xếp loại Rất tốt", "Trong nhóm 03 cơ quan xếp loại Rất tốt"."""
    evaluation = checker.evaluation(clause, m.start())
    if evaluation is None:
        return
    clause.claimed.append((m.start(), m.end()))
    year = clause.year(m.start(), checker.year)
    ranking = checker.ranking(evaluation, year)
    total = m.group("total")
    text = f"{m.group('count')}/{total}" if total is not None else m.group("group")
    band = band_named(evaluation, m.group("band"))
    at = (m.start("count"), m.end("total")) if total is not None else m.span("group")
    if ranking is None:
        checker.no_data(clause, text, evaluation, year, at)
        return
    if band is None:
        checker.skip(clause, text, "không nhận ra tên mức xếp loại", at)
        return
    count = next(b.count for b in ranking.band_counts if b.band == band)
    padding = checker.dataset.publisher.count_padding
    if total is not None:
        ok = parse_number(m.group("count")) == count and parse_number(total) == ranking.size
        expected = vi.fraction(count, ranking.size, padding)
    else:
        ok = parse_number(m.group("group")) == count
        expected = vi.pad_count(count, padding, ranking.size)
    checker.verify(clause, text, ok, expected, subject(evaluation, year, band), at)


def check_sole(checker: Checker, clause: Clause, m: re.Match[str]) -> None:
    """ "cơ quan duy nhất xếp loại Rất tốt", "duy nhất xếp hạng Nhất": one unit, no other."""
    evaluation = checker.evaluation(clause, m.start())
    if evaluation is None:
        return
    year = clause.year(m.start(), checker.year)
    ranking = checker.ranking(evaluation, year)
    at = (m.start(), m.start() + len("duy nhất"))
    if ranking is None:
        checker.no_data(clause, "duy nhất", evaluation, year, at)
        return
    if m.group("first"):
        count = sum(1 for u in ranking.units if u.rank == 1)
        expected = f"{count} đơn vị xếp hạng Nhất"
    else:
        band = band_named(evaluation, m.group("band"))
        if band is None:
            return
        count = next(b.count for b in ranking.band_counts if b.band == band)
        expected = f"{count} đơn vị xếp loại {band}"
    checker.verify(clause, "duy nhất", count == 1, expected, subject(evaluation, year), at)


def check_empty_bands(checker: Checker, clause: Clause, m: re.Match[str]) -> None:
    """ "không có cơ quan xếp loại Trung bình và Yếu"."""
    evaluation = checker.evaluation(clause, m.start())
    if evaluation is None:
        return
    clause.claimed.append((m.start(), m.end()))
    year = clause.year(m.start(), checker.year)
    ranking = checker.ranking(evaluation, year)
    if ranking is None:
        return
    # Longer names first, each taken out once found: "Tốt" is not read inside "Rất tốt".
    text, named = m.group("bands"), set()
    for band in sorted(ranking.band_counts, key=lambda b: -len(b.band)):
        pattern = rf"(?<!\w){re.escape(band.band)}(?!\w)"
        if re.search(pattern, text, re.I):
            named.add(band.band)
            text = re.sub(pattern, " ", text, flags=re.I)
    for band in ranking.band_counts:
        if band.band in named:
            checker.verify(
                clause,
                f"không có {band.band}",
                band.count == 0,
                f"{band.count}/{ranking.size} xếp loại {band.band}",
                subject(evaluation, year),
                m.span(),
            )


def check_rank(checker: Checker, clause: Clause, m: re.Match[str]) -> None:
    """ "đồng xếp hạng Nhất", "xếp vị thứ Năm", "xếp thứ 12/32"."""
    evaluation = checker.evaluation(clause, m.start())
    if evaluation is None:
        return
    clause.claimed.append((m.start("rank"), m.end("rank")))
    year = clause.year(m.start(), checker.year)
    ranking = checker.ranking(evaluation, year)
    text = m.group("rank")
    at = m.span("rank")
    if ranking is None:
        checker.no_data(clause, text, evaluation, year, at)
        return
    numeric = text[0].isdigit()
    if numeric:
        rank_part, _, total = text.partition("/")
        claimed = int(rank_part)
        if total:
            checker.verify(
                clause,
                text,
                int(total) == ranking.size,
                f"{ranking.size} đơn vị",
                subject(evaluation, year),
                at,
            )
    else:
        claimed = RANK_WORDS[text.casefold()]
    named = clause.unit(m.start())
    unit = checker.find(evaluation, year, named)
    if unit is None:
        in_block = named is not None and "@" in evaluation.id
        block = checker.block_of(evaluation, year, named) if named and in_block else None
        if block is None:
            checker.skip(clause, text, "không xác định được đơn vị", at)
        else:  # "Trong Khối địa phương, Cục Thuế tỉnh xếp hạng Nhất": ranked in another block
            about = subject(evaluation, year, named)
            checker.verify(clause, text, False, f"thuộc {block.group}", about, at)
        return
    about = subject(evaluation, year, unit.unit)
    # A rank word says the rank under the tie rule; a number ("14/16") a place: the
    # position, 1 + the units strictly ahead.
    if numeric:
        right = unit.position == claimed
        expected = f"{unit.position}/{ranking.size}" if total else str(unit.position)
    else:
        right = unit.rank == claimed
        expected = vi.rank_word(unit.rank)
    checker.verify(clause, text, right, expected, about, at)
    if not right:
        return
    if m.group("tied"):
        tied = (m.start("tied"), m.end("rank"))
        checker.verify(clause, m.group(0).strip(), unit.tied, "không đồng hạng", about, tied)
    check_shared_rank(checker, clause, m, unit, ranking, evaluation, numeric)


def check_band_delta(checker: Checker, clause: Clause, m: re.Match[str]) -> None:
    """ "số cơ quan xếp loại Tốt tăng 2 đơn vị" (against the year before)."""
    clause.claimed.append((m.start(), m.end()))
    evaluation = checker.evaluation(clause, m.start())
    band = band_named(evaluation, m.group("band")) if evaluation else None
    if evaluation is None or band is None:
        return
    now, then = (
        checker.ranking(evaluation, checker.year),
        checker.ranking(evaluation, checker.year - 1),
    )
    text = m.group("n")
    about = subject(evaluation, checker.year, band)
    if now is None or then is None:
        missing = f"không có kết quả năm {checker.year - 1}"
        checker.verify(clause, text, False, missing, about, m.span("n"))
        return
    if not band_changes(now, then):  # a year's counts hold bands from assumed thresholds
        guessed = "số năm trước hoặc năm nay có mức suy ra từ ngưỡng giả định, không được công bố"
        checker.verify(clause, text, False, guessed, about, m.span("n"))
        return
    count = {b.band: b.count for b in now.band_counts}[band]
    previous = {b.band: b.count for b in then.band_counts}[band]
    delta = count - previous
    up = m.group("verb") == "tăng"
    ok = parse_number(text) == abs(delta) and delta != 0 and up == (delta > 0)
    expected = f"{'tăng' if delta > 0 else 'giảm'} {abs(delta)}" if delta else "không đổi"
    checker.verify(clause, text, ok, f"{expected} ({previous} → {count})", about, m.span("n"))


def check_band_move(checker: Checker, clause: Clause, m: re.Match[str]) -> None:
    """ "được nâng từ mức Tốt lên mức Xuất sắc": last year's band and this year's."""
    clause.claimed.append((m.start(), m.end()))
    evaluation = checker.evaluation(clause, m.start())
    if evaluation is None:
        return
    unit_name = clause.unit(m.start())
    for group, year in (("old", checker.year - 1), ("new", checker.year)):
        band = band_named(evaluation, m.group(group))
        unit = checker.find(evaluation, year, unit_name)
        if band is None or unit is None:
            continue
        about = subject(evaluation, year, unit.unit)
        at = (m.start(group), m.start(group) + len(band))
        if unit.band_is_assumed:  # no band was published: none to move from or to
            guessed = (
                f"mức {unit.band} năm {year} chỉ suy ra từ ngưỡng giả định, không được công bố"
            )
            checker.verify(clause, band, False, guessed, about, at)
            continue
        checker.verify(clause, band, unit.band == band, unit.band, about, at)


def check_first_time(checker: Checker, clause: Clause) -> None:
    """ "lần đầu tiên ... xếp hạng Nhất": never first in an earlier year of the data."""
    evaluation = checker.evaluation(clause, 0)
    unit_name = clause.unit(len(clause.text))
    if evaluation is None or unit_name is None or "Nhất" not in clause.text:
        return
    by_year = checker.rankings.get(evaluation.id, {})
    where = clause.text.index("lần đầu tiên")
    at = (where, where + len("lần đầu tiên"))
    earlier = [
        y
        for y in sorted(by_year)
        if y < checker.year and (u := by_year[y].find(unit_name)) is not None and u.rank == 1
    ]
    about = subject(evaluation, checker.year, unit_name)
    if not earlier and not first_time_first(
        by_year, unit_name, checker.year, evaluation.first_year
    ):
        # Not contradicted, not proven: the data starts late or skips a year.
        checker.skip(
            clause,
            "lần đầu tiên",
            "dữ liệu không có đủ các năm từ khi bắt đầu đánh giá (first_year)",
            at,
        )
        return
    expected = f"đã xếp hạng Nhất năm {', '.join(map(str, earlier))}" if earlier else ""
    checker.verify(clause, "lần đầu tiên", not earlier, expected, about, at)


def check_band(checker: Checker, clause: Clause, m: re.Match[str]) -> None:
    """ "được xếp loại Xuất sắc", "thuộc nhóm Tốt"."""
    evaluation = checker.evaluation(clause, m.start())
    band = band_named(evaluation, m.group("band")) if evaluation else None
    if evaluation is None or band is None:
        return
    year = clause.year(m.start(), checker.year)
    unit = checker.find(evaluation, year, clause.unit(m.start()))
    if unit is not None:
        about = subject(evaluation, year, unit.unit)
        at = (m.start("band"), m.start("band") + len(band))
        checker.verify(clause, band, unit.band == band, unit.band, about, at)


def check_blocks(checker: Checker, clause: Clause) -> None:
    """ "xếp hạng Nhất ... trong Khối cơ quan Trung ương": the unit is ranked in that block."""
    for at, evaluation_id in clause.evaluations:
        evaluation = checker.dataset.evaluations[evaluation_id]
        before = clause.text[:at]
        # A block said of a unit's own place, after its rank: not "Khối địa phương có ...".
        if "@" not in evaluation_id or not re.search(r"(?:trong|thuộc)\s+$", before, re.I):
            continue
        if not (RANK_RE.search(before) or LEAD_RE.search(before) or SOLE_RE.search(before)):
            continue
        name = nearest([u for u in clause.units if u[0] < at], at)
        if name is None:
            continue
        year = clause.year(at, checker.year)
        ranking = checker.ranking(evaluation, year)
        if ranking is None:
            continue
        block = checker.block_of(evaluation, year, name)
        if block is None:  # in no block that year: what its rank claim says is checked there
            continue
        where = (at, at + len(evaluation.group))
        about = subject(evaluation, year, name)
        ok = block.id == evaluation.id
        checker.verify(clause, evaluation.group, ok, f"thuộc {block.group}", about, where)
