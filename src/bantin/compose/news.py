"""How newsworthy each section is for the focus unit: the headline, the sapo's order, tact.

The kinds of news (NEWS) and weak bands (WEAK_BANDS) are worked out from a section's
facts (facts.py), before any template runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bantin.model import Evaluation

if TYPE_CHECKING:  # facts.py imports this module to rate its sections
    from bantin.compose.facts import Section

# A rise of this many ranks is news in itself ("tăng 3 bậc").
BIG_RISE = 3


def headline(sections: Sequence[Section]) -> Section | None:
    """The section most newsworthy for the focus agency (`news_order` 0), or None."""
    ranked = [s for s in sections if s.focus is not None]
    if not ranked:
        return None
    return min(ranked, key=_newsworthiness)


# The kinds of news a section can be for the focus unit, most newsworthy first: first
# place for years running, first place, a rise of BIG_RISE places or more, second or
# third place (no tie above compressing the rank), a better band than last year, the
# top band, any other band that is not weak, a weak band with a better score than last
# year, a weak band.
NEWS = ("streak", "first", "rise", "podium", "band_up", "top", "fair", "score_up", "weak")

# Band names no press office says a unit "obtained" ("được xếp loại"): said plainly, and
# never in a headline. The lowest band of three or more is weak whatever its name.
WEAK_BANDS = ("trung bình", "yếu", "kém", "chưa đạt", "không đạt")


def is_weak(evaluation: Evaluation, band_index: int) -> bool:
    """Whether a band is a weak result: named so (WEAK_BANDS), or the lowest of three or more."""
    bands = evaluation.bands
    name = bands[band_index].name.casefold()
    lowest = band_index == len(bands) - 1 and len(bands) >= 3
    return lowest or any(w in name for w in WEAK_BANDS)


def news_of(section: Section) -> str:
    """What kind of news (one of NEWS) the focus unit's result in a section is."""
    focus, c = section.focus, section.comparison
    if focus is None:
        return ""
    gain = c.position_gain if c is not None and section.evaluation.compare_ranks else 0
    if focus.rank == 1:
        streak = section.first_streak
        return "streak" if streak is not None and streak.length >= 2 else "first"
    if gain >= BIG_RISE:
        return "rise"
    # A dense rank below a tie ("Ba" for the 4th of 4) reads in a headline as a place
    # among them all: only a rank that is also the unit's place is headline news.
    if focus.rank <= 3 and focus.rank == focus.position:
        return "podium"
    weak = is_weak(section.evaluation, focus.band_index)
    if c is not None and c.band_gain > 0 and not weak:
        return "band_up"
    if focus.band_index == 0:
        return "top"
    if not weak:
        return "fair"
    return "score_up" if c is not None and c.score_delta > 0 else "weak"


def rate_news(sections: Sequence[Section]) -> list[Section]:
    """The sections with their kind of news, weakness and order of newsworthiness."""
    rated = [
        s._replace(
            news=news_of(s),
            weak=s.focus is not None and is_weak(s.evaluation, s.focus.band_index),
        )
        for s in sections
    ]
    order = sorted(range(len(rated)), key=lambda i: _newsworthiness(rated[i]))
    return [s._replace(news_order=order.index(i)) for i, s in enumerate(rated)]


def _newsworthiness(section: Section) -> tuple[int, int, int, int]:
    focus = section.focus
    if focus is None:
        return (len(NEWS), 0, 0, section.index)
    kind = NEWS.index(section.news or news_of(section))
    streak = section.first_streak.length if section.first_streak else 0
    gain = section.comparison.position_gain if section.comparison else 0
    first = {"streak": -streak, "rise": -gain}.get(NEWS[kind], focus.band_index)
    return (kind, first, focus.rank, section.index)
