"""The ranking engine: bands, ranks with ties, band counts, comparisons, streaks.

Pure functions over the model: no I/O, no Jinja, no locale. Units are the same
unit across years when their names have the same name_key (case, Unicode form and
spacing aside, accents count: "Xã Thạnh Lộc" is not "Xã Thành Lộc"); a name typed
without accents still finds its unit when no other unit has the same letters, but two
names that both carry accents are never the same unit by their letters alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from itertools import islice
from operator import attrgetter, eq
from typing import NamedTuple

from bantin.model import Band, Dataset, Evaluation, Registry, ScoreRow, ScoreTable, TieRule
from bantin.suggest import unit_suggestion as unit_suggestion  # where callers have found it
from bantin.vi import collation_key, letter_keys, match_key, name_key


class RankedUnit(NamedTuple):
    """One unit's place in a ranking.

    A named tuple rather than a dataclass: a ranking makes one per unit (100,000 take
    a third of the time of a frozen dataclass's to build, and are one object each for
    the cycle collector instead of two).
    """

    unit: str
    score: Decimal
    rank: int  # under the evaluation's tie rule: what rank words say ("Nhì")
    band: str
    band_index: int
    band_is_official: bool
    tie_group: tuple[str, ...] = ()  # every unit holding this rank, this one included
    band_is_assumed: bool = False  # placed by a threshold the definition marks as assumed
    position: int = 0  # 1 + the units strictly ahead: what "N/M" and moves between years say

    @property
    def tied(self) -> bool:
        """Whether another unit shares this rank."""
        return len(self.tie_group) > 1

    @property
    def tied_with(self) -> tuple[str, ...]:
        """The other units holding this rank, in Vietnamese order."""
        return tuple(name for name in self.tie_group if name != self.unit)


@dataclass(frozen=True)
class BandCount:
    """How many units a band holds (zero included)."""

    band: str
    count: int
    minimum: Decimal
    assumed: bool


@dataclass(frozen=True)
class Ranking:
    """An evaluation's ranking for one year, best first."""

    evaluation_id: str
    year: int
    units: tuple[RankedUnit, ...]
    band_counts: tuple[BandCount, ...]

    @property
    def size(self) -> int:
        """The number of units ranked."""
        return len(self.units)

    def find(self, name: str) -> RankedUnit | None:
        """The unit of that name (case, Unicode form and spacing aside; accents count).

        Without accents ("Xa Thanh Loc") a name finds the one unit those letters
        spell, and nothing when several units share them. A name written with accents
        finds a unit spelled otherwise only when that unit's name has no accents: "Xã Tân
        Thạnh" is not "Xã Tân Thành", even in a year that ranked only one of them (a
        comparison across years would otherwise put one commune's past on another).
        """
        exact, loose = self._index
        found = exact.get(name_key(name))
        if found is not None:
            return found
        found = loose.get(match_key(name))
        if found is None or _accentless(name) or _accentless(found.unit):
            return found
        return None

    # Answers that do not depend on the article asking: a batch asks them thousands of times.
    @cached_property
    def _named_by_limit(self) -> dict[int, tuple[RankedUnit, ...]]:
        return {}

    @cached_property
    def _keys(self) -> tuple[str, ...]:
        """Each unit's name_key, best first (what tells units apart across years)."""
        return tuple(map(name_key, map(attrgetter("unit"), self.units)))

    @cached_property
    def _key_set(self) -> frozenset[str]:
        return frozenset(self._keys)

    @cached_property
    def _ahead_in(self) -> dict[frozenset[str], list[int]]:
        """Per other year's units (its _key_set): how many of the first n units it ranks
        too, for every n. A batch compares each unit with the same year, once per article."""
        return {}

    @cached_property
    def _index(self) -> tuple[dict[str, RankedUnit], dict[str, RankedUnit]]:
        exact: dict[str, RankedUnit] = {}
        loose: dict[str, RankedUnit | None] = {}
        for unit, exact_key in zip(self.units, self._keys, strict=True):
            exact.setdefault(exact_key, unit)
            key = match_key(unit.unit)
            loose[key] = None if key in loose else unit  # ambiguous letters find nothing
        return exact, {k: u for k, u in loose.items() if u is not None}

    def ahead_also_in(self, other: Ranking, position: int) -> int:
        """How many of the units strictly ahead of `position` here `other` ranks too."""
        present = other._key_set  # a frozenset keeps its hash: the lookup below is O(1)
        counts = self._ahead_in.get(present)
        if counts is None:
            counts = [0]
            for key in self._keys:
                counts.append(counts[-1] + (key in present))
            self._ahead_in[present] = counts
        return counts[position - 1]

    def at_rank(self, rank: int) -> tuple[RankedUnit, ...]:
        """Units holding a rank, in Vietnamese alphabetical order."""
        return tuple(u for u in self.units if u.rank == rank)

    def tie_groups(self) -> tuple[tuple[RankedUnit, ...], ...]:
        """Groups of two or more units sharing a rank, best first."""
        groups: list[tuple[RankedUnit, ...]] = []
        for rank in sorted({u.rank for u in self.units}):
            group = self.at_rank(rank)
            if len(group) > 1:
                groups.append(group)
        return tuple(groups)


class Comparison(NamedTuple):
    """A unit's result against the previous year's."""

    previous_year: int
    previous_score: Decimal
    score_delta: Decimal
    previous_rank: int  # under the tie rule, for a rank word ("năm 2018 xếp hạng Nhì")
    previous_position: int
    # Places moved up (1 + units strictly ahead), negative when down; 0 when the move is
    # not the unit's own (`positions_compared` false): units that joined or left the
    # ranking account for it, and among the units ranked both years it moved otherwise.
    position_gain: int
    previous_band: str
    # Positive when the unit moved to a better band; 0 when either year's band came from
    # an assumed threshold (`bands_compared` false): a move from a band nobody published
    # is no fact.
    band_gain: int
    previous_size: int = 0
    bands_compared: bool = True
    positions_compared: bool = True


class Streak(NamedTuple):
    """Consecutive years, ending at `last_year`, in which a condition held."""

    length: int
    first_year: int
    last_year: int


def assumed_bands(bands: Sequence[Band]) -> list[bool]:
    """Whether each band is assumed: its own threshold, or the one above it (which bounds
    it from above), is marked `assumed = true`."""
    return [b.assumed or (i > 0 and bands[i - 1].assumed) for i, b in enumerate(bands)]


def band_for(score: Decimal, bands: Sequence[Band]) -> int:
    """Index of the band a score falls in by thresholds; below every threshold is the last band."""
    for index, band in enumerate(bands):
        if score >= band.minimum:
            return index
    return len(bands) - 1


def rank_all(dataset: Dataset) -> dict[str, dict[int, Ranking]]:
    """Rank every evaluation in every year that has scores."""
    rankings: dict[str, dict[int, Ranking]] = {}
    for (evaluation_id, year), table in sorted(dataset.scores.items()):
        evaluation = dataset.evaluations[evaluation_id]
        rankings.setdefault(evaluation_id, {})[year] = rank_table(table, evaluation)
    return rankings


def rank_table(table: ScoreTable, evaluation: Evaluation) -> Ranking:
    """Rank a year's scores: bands (official first), ranks with the evaluation's tie rule.

    Units are grouped by score, so thresholds are compared once per distinct score;
    inside a group of equal scores, names in Vietnamese order set the order of print.
    """
    rows = table.rows
    unit_names = list(map(attrgetter("unit"), rows))
    officials = list(map(attrgetter("official_band"), rows))
    scores, place = _score_places(rows)
    order = _print_order(unit_names, place)
    counts = Counter(place)
    sizes = [counts[i] for i in range(len(scores))]
    ranks = _ranks(sizes, evaluation.tie_rule)
    band_index = {b.name: i for i, b in enumerate(evaluation.bands)}
    bands = evaluation.bands
    band_names = [b.name for b in bands]
    assumed = assumed_bands(bands)
    per_band = [0] * len(bands)
    any_official = any(official is not None for official in officials)
    make = tuple.__new__
    units: list[RankedUnit] = []
    start = 0
    for score, size, rank in zip(scores, sizes, ranks, strict=True):
        members = order[start : start + size]
        position = start + 1  # whatever the tie rule: 1 + the units strictly ahead
        start += size
        names = tuple(map(unit_names.__getitem__, members))
        index = band_for(score, bands)
        band, band_assumed = band_names[index], assumed[index]
        if not any_official:  # every band by the thresholds (the usual case)
            per_band[index] += size
            units += [
                make(
                    RankedUnit,
                    (name, score, rank, band, index, False, names, band_assumed, position),
                )
                for name in names
            ]
            continue
        for row, name in zip(members, names, strict=True):
            official = officials[row]
            if official is None:
                per_band[index] += 1
                fields = (name, score, rank, band, index, False, names, band_assumed, position)
            else:  # the published band, not the thresholds'
                own = band_index[official]
                per_band[own] += 1
                fields = (name, score, rank, band_names[own], own, True, names, False, position)
            units.append(make(RankedUnit, fields))
    band_counts = tuple(
        BandCount(band=b.name, count=per_band[i], minimum=b.minimum, assumed=b.assumed)
        for i, b in enumerate(bands)
    )
    return Ranking(
        evaluation_id=evaluation.id, year=table.year, units=tuple(units), band_counts=band_counts
    )


def _score_places(rows: Sequence[ScoreRow]) -> tuple[list[Decimal], list[int]]:
    """The distinct scores, best first, and each row's place among them.

    Rows are told apart by the text of their score first, since hashing a Decimal
    costs several times more than writing it out; only one row per distinct text is
    then hashed by value ("96.8" and "96.80" are one score).
    """
    values = list(map(attrgetter("score"), rows))
    texts = list(map(str, values))
    value_of = dict(zip(texts, values, strict=True))
    scores = sorted(set(value_of.values()), reverse=True)
    place = {score: i for i, score in enumerate(scores)}
    place_of = {text: place[value] for text, value in value_of.items()}
    return scores, list(map(place_of.__getitem__, texts))


def _print_order(names: list[str], place: list[int]) -> list[int]:
    """Row indices by score (place), and by name in Vietnamese order within a score.

    Two stable sorts, by name then by place, instead of one sort per group of equal
    scores. Letters decide unless two names of a group have the same letters; only
    such a group is ordered again by full collation (tones, then case).
    """
    keys: Sequence[str | bytes] = letter_keys(names)
    order = sorted(range(len(names)), key=keys.__getitem__)
    # Equal keys sit side by side once sorted: comparing neighbours tells whether two
    # names share their letters (a set of 100,000 keys costs ten times more).
    in_order = list(map(keys.__getitem__, order))
    shared_letters = any(map(eq, in_order, islice(in_order, 1, None)))
    order.sort(key=place.__getitem__)
    if not shared_letters:
        return order  # every name spelled with letters of its own
    start = 0
    for end in range(1, len(order) + 1):
        if end == len(order) or place[order[end]] != place[order[start]]:
            group = order[start:end]
            if len({keys[i] for i in group}) < len(group):
                order[start:end] = sorted(group, key=lambda i: collation_key(names[i]))
            start = end
    return order


def _ranks(group_sizes: Sequence[int], rule: TieRule) -> list[int]:
    """The rank of each group of equal scores, best first: 1, 1, 2 (dense) or 1, 1, 3."""
    ranks: list[int] = []
    ahead = 0
    for size in group_sizes:
        ranks.append(len(ranks) + 1 if rule is TieRule.DENSE else ahead + 1)
        ahead += size
    return ranks


def compare(current: Ranking, previous: Ranking | None, unit: str) -> Comparison | None:
    """The unit's change since the previous ranking; None when either year lacks it."""
    if previous is None:
        return None
    now, before = current.find(unit), previous.find(unit)
    if now is None or before is None:
        return None
    bands_compared = not (now.band_is_assumed or before.band_is_assumed)
    gain = before.position - now.position
    # Among the units ranked both years, how many more were ahead last year: the move
    # that is the unit's own. A unit new this year above it, or one gone (merged, not
    # evaluated), moves its position without it passing or falling behind anyone.
    own_gain = previous.ahead_also_in(current, before.position) - current.ahead_also_in(
        previous, now.position
    )
    positions_compared = gain == own_gain
    return Comparison(
        previous_year=previous.year,
        previous_score=before.score,
        score_delta=now.score - before.score,
        previous_rank=before.rank,
        previous_position=before.position,
        position_gain=gain if positions_compared else 0,
        previous_band=before.band,
        band_gain=before.band_index - now.band_index if bands_compared else 0,
        previous_size=previous.size,
        bands_compared=bands_compared,
        positions_compared=positions_compared,
    )


def streak(
    rankings: Mapping[int, Ranking],
    unit: str,
    year: int,
    condition: Callable[[RankedUnit], bool],
) -> Streak | None:
    """Consecutive years up to `year` in which the unit met `condition`; None if not this year."""
    length = 0
    current = year
    while current in rankings:
        found = rankings[current].find(unit)
        if found is None or not condition(found):
            break
        length += 1
        current -= 1
    if length == 0:
        return None
    return Streak(length=length, first_year=year - length + 1, last_year=year)


def first_place_streak(rankings: Mapping[int, Ranking], unit: str, year: int) -> Streak | None:
    """Consecutive years at rank 1, ending at `year`."""
    return streak(rankings, unit, year, lambda u: u.rank == 1)


def top_band_streak(rankings: Mapping[int, Ranking], unit: str, year: int) -> Streak | None:
    """Consecutive years in the best band, ending at `year`.

    A year whose band came from an assumed threshold does not count: an article
    never states as fact a band nobody published.
    """
    return streak(rankings, unit, year, lambda u: u.band_index == 0 and not u.band_is_assumed)


def named_units(ranking: Ranking, evaluation: Evaluation, focus: str) -> tuple[RankedUnit, ...]:
    """Units an article names: the top band down to the focus agency, within the rank limits.

    At least the first `min_named_ranks` ranks of the top band are named, so a
    leader's article still says who came next; never beyond `max_named_ranks`.
    """
    has_top = ranking.band_counts[0].count > 0
    focus_unit = ranking.find(focus)
    in_top = focus_unit is not None and (focus_unit.band_index == 0 or not has_top)
    focus_rank = focus_unit.rank if focus_unit is not None and in_top else 0
    limit = min(evaluation.max_named_ranks, max(evaluation.min_named_ranks, focus_rank))
    # The same for every focus outside the named ranks: a batch asks once per limit.
    named = ranking._named_by_limit.get(limit)
    if named is None:
        found = []
        for unit in ranking.units:  # in rank order: stop at the first one past the limit
            if unit.rank > limit:
                break
            if unit.band_index == 0 or not has_top:
                found.append(unit)
        named = ranking._named_by_limit[limit] = tuple(found)
    return named


@dataclass(frozen=True)
class BandChange:
    """How a band's count moved since the previous year."""

    band: str
    count: int
    previous: int

    @property
    def delta(self) -> int:
        """Units gained (positive) or lost (negative)."""
        return self.count - self.previous


def band_changes(current: Ranking, previous: Ranking | None) -> tuple[BandChange, ...]:
    """Each band's count against last year's, in definition order; empty without last year,
    or when either year counted a unit in a band from an assumed threshold (such a count
    was never published, so no change from it is a fact)."""
    if previous is None or _counts_assumed(previous) or _counts_assumed(current):
        return ()
    before = {b.band: b.count for b in previous.band_counts}
    return tuple(BandChange(b.band, b.count, before.get(b.band, 0)) for b in current.band_counts)


def _counts_assumed(ranking: Ranking) -> bool:
    """Whether a ranking's band counts hold a unit placed by an assumed threshold."""
    return any(u.band_is_assumed for u in ranking.units)


def last_first_before(rankings: Mapping[int, Ranking], unit: str, year: int) -> int | None:
    """The latest year before `year` (and before any current streak) the unit was first.

    None unless the data has every year from then on: with a year missing, the unit
    may have been first in it, so "last first in ..." would be a guess.
    """
    streak = first_place_streak(rankings, unit, year)
    start = streak.first_year if streak else year
    for earlier in sorted((y for y in rankings if y < start), reverse=True):
        found = rankings[earlier].find(unit)
        if found is not None and found.rank == 1:
            return earlier if covers(rankings, earlier, year - 1) else None
    return None


def years_ranked_before(rankings: Mapping[int, Ranking], unit: str, year: int) -> tuple[int, ...]:
    """Earlier years in which the unit was ranked."""
    return tuple(y for y in sorted(rankings) if y < year and rankings[y].find(unit) is not None)


def covers(rankings: Mapping[int, Ranking], first: int, last: int) -> bool:
    """Whether every year from `first` to `last` has a ranking (a gap hides what happened)."""
    return all(y in rankings for y in range(first, last + 1))


def first_time_first(
    rankings: Mapping[int, Ranking], unit: str, year: int, first_year: int | None
) -> bool:
    """Whether the unit is first in `year` and the data proves it never was before.

    Proof needs the year the evaluation began (`first_year`, from its definition) and
    every year from then to the year before: data that starts later, or skips a year,
    cannot tell.
    """
    now = rankings[year].find(unit) if year in rankings else None
    if now is None or now.rank != 1 or first_year is None or first_year >= year:
        return False
    if not covers(rankings, first_year, year - 1):
        return False
    return all(
        (u := rankings[y].find(unit)) is None or u.rank != 1 for y in range(first_year, year)
    )


def resolve_focus(
    wanted: str, rankings: Iterable[Ranking], registry: Registry | None = None
) -> str | None:
    """The unit's name as the data spells it, from the first ranking that finds `wanted`:
    as written, or through data/units.toml (a short name or an alias: "Sở TT&TT", "SNV")."""
    rankings = tuple(rankings)
    spellings = [wanted]
    canonical = registry.canonical(wanted) if registry is not None and registry.units else None
    if canonical is not None:
        spellings.insert(0, canonical)
    for spelling in spellings:
        for ranking in rankings:
            found = ranking.find(spelling)
            if found is not None:
                return found.unit
    return None


def _accentless(name: str) -> bool:
    """Whether a name is written without Vietnamese accents (plain letters, no đ)."""
    return match_key(name) == " ".join(name.casefold().split())
