"""An evaluation ranked in blocks: its results over every block, and a unit's past in it
(ranked at all, or in another block than this year's)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from bantin.model import Dataset
from bantin.rank import BandCount, Ranking


def ever_ranked(
    dataset: Dataset, rankings: Mapping[str, Mapping[int, Ranking]], base: str, unit: str
) -> bool:
    """Whether the unit is in any year's results of an evaluation, in any of its blocks.

    A unit never in an evaluation's group gets no section of it: "not named in the
    results" would be true, and no news.
    """
    return any(
        ranking.find(unit) is not None
        for part in dataset.parts(base)
        for ranking in rankings.get(part, {}).values()
    )


class Whole(NamedTuple):
    """An evaluation's results that year over all its blocks (itself, without blocks)."""

    blocks: tuple[str, ...]
    size: int
    band_counts: tuple[BandCount, ...]


def whole_evaluation(
    rankings: Mapping[str, Mapping[int, Ranking]], parts: Sequence[str], year: int
) -> Whole:
    """The size and band counts of an evaluation that year, every block counted.

    The blocks of an evaluation share its definition, hence its bands in one order.
    """
    counted = [rankings[p][year] for p in parts]
    if len(counted) == 1:  # no blocks: the evaluation's own counts, no copies
        return Whole(blocks=(), size=counted[0].size, band_counts=counted[0].band_counts)
    band_counts = tuple(
        dataclasses.replace(
            same[0],
            count=sum(b.count for b in same),
            assumed=any(b.assumed for b in same),
        )
        for same in zip(*(r.band_counts for r in counted), strict=True)
    )
    blocks = tuple(p.split("@", 1)[1] for p in parts if "@" in p)
    return Whole(blocks=blocks, size=sum(r.size for r in counted), band_counts=band_counts)


def moved_block(
    dataset: Dataset,
    rankings: Mapping[str, Mapping[int, Ranking]],
    evaluation_id: str,
    unit: str,
    year: int,
) -> bool:
    """Whether the unit was ranked, in a year before `year`, in another block of the evaluation."""
    return any(
        ranking.find(unit) is not None
        for part in dataset.parts(dataset.base_id(evaluation_id))
        if part != evaluation_id
        for y, ranking in rankings.get(part, {}).items()
        if y < year
    )
