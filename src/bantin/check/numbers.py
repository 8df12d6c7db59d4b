"""The rules of `bantin check` for numbers not read by an earlier rule.

A score, a change since the year before ("tăng 6 điểm", "giảm 2 bậc"), last year's
score, a streak ("2 năm liên tiếp", "năm thứ hai liên tiếp", "2018-2019"), or a
number that is no score data and is set aside as unverified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bantin import vi
from bantin.check.checker import Checker, subject
from bantin.check.mentions import NUM, PERCENT_RE, Clause, as_year, parse_number
from bantin.check.numwords import read_number
from bantin.model import Evaluation
from bantin.rank import Streak, compare, first_place_streak, top_band_streak

# "với 96,3%", "đạt 96,3%": where a percent stands for the score.
SCORE_BEFORE = re.compile(r"(?:với|đạt|là|\()\s*$")


def check_number(checker: Checker, clause: Clause, m: re.Match[str]) -> None:
    """Any other number: a streak, a change, last year's score, a score, or unverified."""
    text, start = m.group(0), m.start()
    at = m.span()
    if m.group("date"):
        checker.skip(clause, text, "ngày tháng", at)
        return
    if m.group("fraction"):
        checker.skip(clause, text, "phân số không gắn với mức xếp loại", at)
        return
    evaluation = checker.evaluation(clause, start)
    if evaluation is None:
        checker.skip(clause, text, "không xác định được bộ chỉ số", at)
        return
    unit_name = clause.unit(start)
    year = clause.year(start, checker.year)
    if m.group("span"):
        check_span(checker, clause, text, evaluation, unit_name, at)
        return
    value = parse_number(text)
    before = clause.text[max(0, start - 40) : start]
    after = clause.text[m.end() : m.end() + 30]
    # Scores are points: a percent sign after one says something the data does not.
    percent = PERCENT_RE.match(clause.text, m.end())
    if percent:
        at = (start, percent.end())
    if re.match(r"\s*năm\s+liên\s+tiếp", after):
        check_streak(checker, clause, text, value, evaluation, unit_name, year, at)
        return
    verb = re.search(r"(tăng|giảm)(?:\s+thêm)?\s*$", before)
    if verb:
        year = clause.year(start, checker.year, after=False)
        ranks = re.match(r"\s*bậc", after) is not None
        up = verb.group(1) == "tăng"
        change = Change(value, up, ranks, percent is not None)
        check_change(checker, clause, text, change, evaluation, unit_name, year, at)
        return
    previous = re.search(rf"năm\s+({NUM})\s*(?:\(|đạt|là|:)\s*(?:đạt\s*)?$", before, re.I)
    label = re.search(rf"{re.escape(evaluation.score_label)}\s*(?:là|đạt)?\s*$", before, re.I)
    if previous:
        year = as_year(previous.group(1))
    elif not (re.match(r"\s*điểm", after) or label or (percent and SCORE_BEFORE.search(before))):
        checker.skip(clause, text, "không phải số liệu điểm", at)
        return
    if checker.ranking(evaluation, year) is None:
        checker.no_data(clause, text, evaluation, year, at, unit_name)
        return
    unit = checker.find(evaluation, year, unit_name)
    if unit is None:
        checker.skip(clause, text, "không xác định được đơn vị", at)
        return
    expected = vi.format_number(unit.score, evaluation.decimals)
    ok = value == unit.score and not percent
    if percent:
        expected += " điểm, không phải %"
    checker.verify(clause, text, ok, expected, subject(evaluation, year, unit.unit), at)


@dataclass(frozen=True)
class Change:
    """A change as the draft states it: "tăng 6 điểm", "giảm 2 bậc", "tăng 6%"."""

    value: Decimal
    up: bool
    ranks: bool
    percent: bool


def check_change(
    checker: Checker,
    clause: Clause,
    text: str,
    said: Change,
    evaluation: Evaluation,
    unit_name: str | None,
    year: int,
    at: tuple[int, int],
) -> None:
    """ "tăng 6 điểm" or "tăng 3 bậc": the change since the year before, and its direction."""
    now = checker.find(evaluation, year, unit_name)
    then = checker.find(evaluation, year - 1, unit_name)
    about = subject(evaluation, year, unit_name)
    if now is None or then is None:
        what = "hạng" if said.ranks else "điểm"
        missing = f"không có {what} của năm {year - 1} và {year}"
        checker.verify(clause, text, False, missing, about, at)
        return
    if said.ranks:  # moves are by position, which ties do not compress
        change = Decimal(then.position - now.position)  # a rise is a smaller number
        expected = vi.rank_change_phrase(then.position, now.position)
        moved = compare(
            checker.rankings[evaluation.id][year],
            checker.rankings[evaluation.id][year - 1],
            now.unit,
        )
        if moved is not None and not moved.positions_compared:
            # Units that joined or left the ranking moved the place, not the unit.
            expected += (
                " theo vị trí, nhưng vì có đơn vị vào hoặc rời bảng xếp hạng: không nói được"
            )
            checker.verify(clause, text, False, expected, about, at)
            return
    else:
        change = now.score - then.score
        expected = vi.change_phrase(change, "điểm", evaluation.decimals)
    # A change stated with a number is never zero ("giữ nguyên" has no number).
    ok = said.value == abs(change) and (said.up == (change > 0) if change else not said.ranks)
    checker.verify(clause, text, ok and not said.percent, expected, about, at)


def streak_for(
    checker: Checker, clause: Clause, evaluation: Evaluation, unit: str, year: int
) -> Streak | None:
    """The streak a clause speaks of: first place where it says so, else the top band."""
    by_year = checker.rankings.get(evaluation.id, {})
    if re.search(r"Nhất|dẫn đầu", clause.text, re.I):
        return first_place_streak(by_year, unit, year)
    return top_band_streak(by_year, unit, year)


def check_streak(
    checker: Checker,
    clause: Clause,
    text: str,
    length: Decimal,
    evaluation: Evaluation,
    unit_name: str | None,
    year: int,
    at: tuple[int, int],
) -> None:
    """ "2 năm liên tiếp": consecutive years first (or in the top band)."""
    if unit_name is None:
        checker.skip(clause, text, "không xác định được đơn vị", at)
        return
    streak = streak_for(checker, clause, evaluation, unit_name, year)
    actual = streak.length if streak else 0
    about = subject(evaluation, year, unit_name)
    checker.verify(clause, text, length == actual, f"{actual} năm liên tiếp", about, at)


def check_span(
    checker: Checker,
    clause: Clause,
    text: str,
    evaluation: Evaluation,
    unit_name: str | None,
    at: tuple[int, int],
) -> None:
    """ "2018-2019": the years of the streak the clause speaks of."""
    if unit_name is None:
        checker.skip(clause, text, "không xác định được đơn vị", at)
        return
    first, last = (as_year(y.strip()) for y in re.split(r"[-–]", text))
    streak = streak_for(checker, clause, evaluation, unit_name, checker.year)
    expected = (
        f"{streak.first_year}-{streak.last_year}" if streak else "không có chuỗi năm liên tiếp"
    )
    ok = streak is not None and (streak.first_year, streak.last_year) == (first, last)
    checker.verify(clause, text, ok, expected, subject(evaluation, checker.year, unit_name), at)


def check_ordinal_streak(checker: Checker, clause: Clause, m: re.Match[str]) -> None:
    """ "năm thứ hai liên tiếp": the streak this year ends, said with an ordinal."""
    words = m.group("n").casefold().split()
    # "thứ tư" is the ordinal of four; any other ordinal is the number's own words.
    reading = read_number(["bốn" if w == "tư" else w for w in words])
    if m.group("n").isdigit():
        length = Decimal(m.group("n"))
    elif reading is not None and reading.words == len(words) and "," not in reading.text:
        length = Decimal(reading.text)
    else:
        return
    clause.claimed.append(m.span())
    evaluation = checker.evaluation(clause, m.start())
    if evaluation is None:
        return
    year = clause.year(m.start(), checker.year)
    at = m.span("n")
    check_streak(
        checker, clause, m.group("n"), length, evaluation, clause.unit(m.start()), year, at
    )
