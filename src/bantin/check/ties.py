"""Who a rank is said of, and whether the text hides a tie or gives the lead to the wrong unit.

A rank may be said of several units at once: "A, B và C đồng xếp hạng Nhất", "Dẫn đầu
Khối ... là A cùng B, đồng xếp hạng Nhất", "A đồng xếp hạng Nhất cùng B (xếp loại Tốt)".
Every unit so named must hold the rank. A rank said without "đồng" of a unit that shares
it claims the place alone unless the text names every unit sharing it; "dẫn đầu" is said
of a unit ranked first, and "dẫn đầu nhóm ... xếp loại Khá" of the best of that band.
"""

from __future__ import annotations

import re

from bantin import vi
from bantin.check.checker import Checker, subject
from bantin.check.mentions import NUM, Clause, band_named
from bantin.model import Evaluation
from bantin.rank import RankedUnit, Ranking

Span = tuple[int, int, str]

# Between the last two units of a list before a claim: "A và B", "A cùng B", "A, và B".
_LAST_JOIN = re.compile(r"\s*,?\s*(?:và|cùng)\s+")
# Between earlier units of it: "A, B và C".
_LIST_JOIN = re.compile(r"\s*(?:,|,?\s*và|cùng)\s*")
# Between the claim and the units after it: "đồng xếp hạng Nhất cùng B".
_AFTER_CLAIM = re.compile(r"\s+cùng\s+(?:với\s+)?")
# Between units after the claim, each perhaps with its band: "cùng B (xếp loại Tốt) và C".
_AFTER_JOIN = re.compile(r"\s*(?:\([^()]*\))?\s*(?:,|,?\s*và|cùng)\s*")
# After these a rank hides no tie: a place kept, regained or first reached ("giữ vững vị
# trí", "tiếp tục", "lần đầu tiên"), or claimed alone ("duy nhất", which that rule checks).
_TIE_NOT_HIDDEN = re.compile(
    r"vị\s+trí\s*$|tiếp\s+tục\s*$|lần\s+đầu\s+tiên\s|duy\s+nhất\s+(?:được\s+)?$"
)
# Words that put a "dẫn đầu" among the rankings when the clause names no evaluation.
_RANKING_WORDS = re.compile(r"(?<!\w)(?:xếp|hạng|vị\s+trí|liên\s+tiếp|Khối|nhóm|điểm)(?!\w)")
LEAD_RE = re.compile(r"(?<!\w)(?i:dẫn)\s+đầu(?!\w)")
# "dẫn đầu nhóm 07 cơ quan xếp loại Khá": the best of a band.
_LEADS_BAND = re.compile(
    rf"\s+nhóm\s+(?:{NUM}\s+)?(?:[\w,]+\s+){{0,4}}?(?:xếp\s+loại|loại)\s+(?P<band>[^,;.()]+)"
)
# "Dẫn đầu Khối sở, ban, ngành là A cùng B": the units after "là".
_LEADER_IS = re.compile(r"[^;]*?\slà\s+")
# Words that make "dẫn đầu" no claim of the lead now: "không còn dẫn đầu", "mất vị trí dẫn đầu".
_NOT_LEADING = re.compile(r"(?:không|chưa|mất|nhường|từng)\s+(?:\w+\s+){0,2}$", re.I)


def named_before(clause: Clause, start: int) -> list[Span]:
    """The units named right before `start` as its subject: "A, B và C", else the last one."""
    text = clause.text
    before = [s for s in clause.spans if s[1] <= start]
    if not before or text[before[-1][1] : start].strip(" ,"):
        return []
    chain = [before[-1]]
    for earlier in reversed(before[:-1]):
        gap = text[earlier[1] : chain[0][0]]
        # "So với A, B xếp hạng Nhì": a list ends with "và" or "cùng", not a comma alone.
        join = _LAST_JOIN if len(chain) == 1 else _LIST_JOIN
        if not join.fullmatch(gap):
            break
        chain.insert(0, earlier)
    return chain


def named_after(clause: Clause, end: int, first: re.Pattern[str] = _AFTER_CLAIM) -> list[Span]:
    """The units named right after `end`: "cùng B (xếp loại Tốt) và C"."""
    text = clause.text
    chain: list[Span] = []
    at = end
    for span in (s for s in clause.spans if s[0] >= end):
        join = first if not chain else _AFTER_JOIN
        if not join.fullmatch(text[at : span[0]]):
            break
        chain.append(span)
        at = span[1]
    return chain


def place_words(unit: RankedUnit, size: int) -> str:
    """A unit's place as the articles say it: "xếp hạng Nhì" near the top, else "xếp thứ 12/32"."""
    if unit.rank <= 5:
        return f"xếp hạng {vi.rank_word(unit.rank)}"
    return f"xếp thứ {unit.position}/{size}"


def _names(names: list[str], noun: str) -> str:
    if len(names) > 3:
        return f"{len(names)} {noun} khác"
    return ", ".join(names)


def check_shared_rank(
    checker: Checker,
    clause: Clause,
    m: re.Match[str],
    unit: RankedUnit,
    ranking: Ranking,
    evaluation: Evaluation,
    numeric: bool,
) -> None:
    """Every unit a rank is said of holds it; a rank said without "đồng" hides no tie."""
    year = ranking.year
    claimed = unit.position if numeric else unit.rank
    named = named_before(clause, m.start()) + named_after(clause, m.end())
    held = {unit.unit}
    for start, end, name in named:
        other = ranking.find(name)
        if other is None or other.unit == unit.unit:
            continue
        held.add(other.unit)
        right = (other.position if numeric else other.rank) == claimed
        about = subject(evaluation, year, other.unit)
        checker.verify(clause, name, right, place_words(other, ranking.size), about, (start, end))
    # "giữ vững vị trí xếp thứ 7/13", "tiếp tục xếp thứ 20/20", "trở lại vị trí xếp hạng
    # Nhất", "lần đầu tiên Sở xếp hạng Nhất": the place kept, regained or first reached,
    # which the units tied there share; the move, not the place alone, is said.
    if m.group("tied") or not unit.tied or _TIE_NOT_HIDDEN.search(clause.text[: m.start()]):
        return
    # Partners named anywhere in the clause leave nothing hidden, whatever the word order
    # ("xếp hạng Nhất về công tác CCHC cùng với Sở B").
    for _, _, name in clause.spans:
        other = ranking.find(name)
        if other is not None:
            held.add(other.unit)
    hidden = [name for name in unit.tied_with if name not in held]
    said = m.group(0).strip()
    expected = f"đồng {said} cùng {_names(list(unit.tied_with), evaluation.unit_noun)}"
    about = subject(evaluation, year, unit.unit)
    checker.verify(clause, said, not hidden, expected, about, (m.start(), m.end()))


def check_lead(checker: Checker, clause: Clause, m: re.Match[str]) -> None:
    """ "dẫn đầu": the unit is ranked first (a tie included); "dẫn đầu nhóm ... xếp loại
    Khá": it is the best of that band."""
    if _NOT_LEADING.search(clause.text[: m.start()]):
        return
    evaluation = checker.evaluation(clause, m.start())
    if evaluation is None:
        return
    if not (clause.evaluations or _RANKING_WORDS.search(clause.text)):
        # "dẫn đầu về tỷ lệ hồ sơ trực tuyến": a lead in something the data does not hold.
        checker.skip(clause, m.group(0), "không rõ dẫn đầu về bộ chỉ số nào", m.span())
        return
    year = clause.year(m.start(), checker.year)
    ranking = checker.ranking(evaluation, year)
    at = m.span()
    if ranking is None:
        checker.no_data(clause, m.group(0), evaluation, year, at)
        return
    band_match = _LEADS_BAND.match(clause.text, m.end())
    leader = _LEADER_IS.match(clause.text, m.end())
    if band_match is None and leader is not None:
        named = named_after(clause, leader.end(), re.compile(r""))
    else:
        named = named_before(clause, m.start())
    subject_unit = clause.unit(m.start())
    names = [name for _, _, name in named] or ([subject_unit] if subject_unit else [])
    for name in names:
        unit = checker.find(evaluation, year, name)
        if unit is None:
            continue
        about = subject(evaluation, year, unit.unit)
        if band_match is not None:
            band = band_named(evaluation, band_match.group("band"))
            if band is None:
                continue
            members = [u for u in ranking.units if u.band == band]
            best = [u.unit for u in members if u.position == min(v.position for v in members)]
            expected = f"{_names(best, evaluation.unit_noun)} dẫn đầu nhóm {band}"
            checker.verify(clause, m.group(0), unit.unit in best, expected, about, at)
        else:
            expected = place_words(unit, ranking.size)
            checker.verify(clause, m.group(0), unit.rank == 1, expected, about, at)
