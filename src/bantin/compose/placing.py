"""Which photos an article shows, and after which section: worked out once the sections
kept are known (facts.py builds them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bantin.model import ALL_UNITS, ArticleSettings, Dataset

if TYPE_CHECKING:  # facts.py imports this module: its records are named, not imported
    from bantin.compose.facts import Section


def place_photos(
    dataset: Dataset,
    settings: ArticleSettings,
    sections: Sequence[Section],
    own: bool = True,
    focus: str | None = None,
) -> tuple[tuple[Section, ...], tuple[int, ...], tuple[int, ...]]:
    """The sections with their photos' numbers, the photos shown, and the closing photos'.

    A photo of article.toml is of the publisher's own unit (its award, its people) unless
    it says whose articles show it (`units`: every article, or the units named): by
    default an article about another unit (`own` false) shows none. A photo follows the last
    section of its evaluation (`after`); when the article has no section of that
    evaluation, the photo is left out, and the others are numbered from 1 in the
    settings' order with no gap. Photos without `after` close the article.
    """
    last_of = {dataset.base_id(s.evaluation.id): i for i, s in enumerate(sections)}
    shown = tuple(
        i
        for i, p in enumerate(settings.photos)
        if _shows(p.units, own, focus) and (p.after is None or p.after in last_of)
    )
    numbers: dict[str | None, list[int]] = {}
    for number, i in enumerate(shown, start=1):
        numbers.setdefault(settings.photos[i].after, []).append(number)
    placed = tuple(
        s._replace(photos=tuple(numbers.get(base, ())))
        if (base := dataset.base_id(s.evaluation.id)) in numbers and last_of[base] == s.index
        else s
        for s in sections
    )
    return placed, shown, tuple(numbers.get(None, ()))


def _shows(units: tuple[str, ...] | None, own: bool, focus: str | None) -> bool:
    """Whether an article shows a photo given to `units` (Photo.units says how)."""
    if units is None:
        return own
    return units == ALL_UNITS or focus in units
