"""What is true of the focus unit, worked out from the rankings before any template runs.

No Jinja here (nor anything that imports it): the sections, the rank groups an
article names, the headline section, the photos' numbers. The templates only
word these facts.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from bantin.compose.blocks import ever_ranked, moved_block, whole_evaluation
from bantin.compose.news import rate_news
from bantin.compose.placing import place_photos
from bantin.errors import DataError
from bantin.model import ArticleSettings, Dataset, Evaluation
from bantin.rank import (
    BandChange,
    BandCount,
    Comparison,
    RankedUnit,
    Ranking,
    Streak,
    band_changes,
    compare,
    first_place_streak,
    first_time_first,
    last_first_before,
    named_units,
    rank_all,
    resolve_focus,
    top_band_streak,
    unit_suggestion,
    years_ranked_before,
)


class RankGroup(NamedTuple):
    """Units sharing one rank among those the article names; the focus agency first."""

    rank: int
    position: int  # 1 + the units strictly ahead
    score: Decimal
    units: tuple[str, ...]
    has_focus: bool
    # Units holding the same rank that the article does not name with these (a lower band
    # ties the score): a tie must be said whole, or "duy nhất ..., xếp hạng Nhất" hides it.
    also: tuple[str, ...] = ()
    also_bands: tuple[str, ...] = ()  # the band of each of `also`
    # Units named from outside the top band, each one's band (empty for the top band's):
    # who is first when an official band below the top holds rank 1.
    bands: tuple[str, ...] = ()

    @property
    def tied(self) -> bool:
        """Whether several units share the rank, named here or not."""
        return len(self.units) + len(self.also) > 1

    @property
    def others(self) -> tuple[str, ...]:
        """The units of the group other than the focus agency."""
        return self.units[1:] if self.has_focus else self.units


class Neighbour(NamedTuple):
    """The units holding the score next above or below the focus unit's, with that score."""

    units: tuple[str, ...]
    score: Decimal
    bands: tuple[str, ...]  # each unit's band (an official band may differ on one score)


@dataclass(frozen=True)
class BandGroup:
    """One band of a ranking with every unit it holds, best first (none for an empty band)."""

    band: str
    minimum: Decimal
    units: tuple[RankedUnit, ...]

    @property
    def count(self) -> int:
        """How many units the band holds."""
        return len(self.units)


class Section(NamedTuple):
    """Everything a template needs to write one evaluation's section.

    A named tuple like the other plain records (model.py says why), though its `index`
    field hides tuple.index: every article makes one per evaluation, and a frozen
    dataclass of sixteen fields took ~30 K instructions to build (callgrind), 2 % of
    composing an article.
    """

    index: int  # type: ignore[assignment]
    evaluation: Evaluation
    year: int
    size: int
    band_counts: tuple[BandCount, ...]
    top_band: BandCount
    named: tuple[RankGroup, ...]
    focus: RankedUnit | None
    focus_named: bool
    comparison: Comparison | None
    first_streak: Streak | None
    top_streak: Streak | None
    photos: tuple[int, ...]
    band_changes: tuple[BandChange, ...]
    first_before: int | None
    ranked_before: tuple[int, ...]
    first_ever: bool = False  # first this year, and the data proves never before
    # An evaluation ranked in blocks: the block this section is about (None without blocks),
    # and every block of the evaluation that year; a unit ranked in another block is not
    # absent, so only `absent` says it is in none of them (once, in the first section).
    block: str | None = None
    blocks: tuple[str, ...] = ()
    absent: bool = False
    # Another block of the evaluation, in the article of a unit ranked in its own block: a
    # press office writes about its own block, and says of the others only who leads them.
    brief: bool = False
    # The whole evaluation that year, every block counted (its own size without blocks).
    whole_size: int = 0
    whole_band_counts: tuple[BandCount, ...] = ()
    units: tuple[RankedUnit, ...] = ()  # every unit ranked, best first
    # What the focus unit's result here is, as news (NEWS says which kinds there are), and
    # how newsworthy next to the other sections (0 first): the headline and the sapo's
    # order. `weak`: a band no article says was "obtained" (Trung bình, Chưa đạt...).
    news: str = ""
    news_order: int = 0
    # Whether the focus unit shared its rank last year: "năm 2022 đồng xếp hạng Năm".
    previous_tied: bool = False
    weak: bool = False

    @property
    def band_groups(self) -> tuple[BandGroup, ...]:
        """Every band, best first, with the units it holds (an article listing them all)."""
        return tuple(
            BandGroup(b.band, b.minimum, tuple(u for u in self.units if u.band == b.band))
            for b in self.band_counts
        )

    @property
    def row(self) -> int:
        """The focus unit's row in the table (0 first; tied units in the table's order), or 0.

        Templates choose among equivalent phrasings by it: units next to each other in a
        table, alike in their results, then read differently, as units tied on one score do.
        """
        if self.focus is None:
            return 0
        return next(i for i, u in enumerate(self.units) if u.unit == self.focus.unit)

    @property
    def own_band(self) -> BandGroup | None:
        """The focus unit's band with every unit it holds, or None when it is not ranked."""
        if self.focus is None:
            return None
        return self.band_groups[self.focus.band_index]

    @property
    def leads_band(self) -> bool:
        """Whether the focus unit is first of its band, alone, among several units."""
        own = self.own_band
        return (
            own is not None
            and own.count > 1
            and own.units[0].unit == self.focus.unit  # type: ignore[union-attr]
            and not self.focus.tied  # type: ignore[union-attr]
        )

    @property
    def ahead(self) -> Neighbour | None:
        """The units just ahead of the focus unit (the lowest score above its own), or None."""
        if self.focus is None:
            return None
        above = [u for u in self.units if u.score > self.focus.score]
        return _neighbour([u for u in above if u.score == min(a.score for a in above)])

    @property
    def behind(self) -> Neighbour | None:
        """The units just behind the focus unit (the highest score below its own), or None."""
        if self.focus is None:
            return None
        below = [u for u in self.units if u.score < self.focus.score]
        return _neighbour([u for u in below if u.score == max(b.score for b in below)])

    @property
    def mates(self) -> tuple[RankedUnit, ...]:
        """The other units of the focus unit's band, best first (none when it is not ranked)."""
        own = self.own_band
        if own is None:
            return ()
        return tuple(u for u in own.units if u.unit != self.focus.unit)  # type: ignore[union-attr]

    @property
    def places_counted(self) -> bool:
        """Whether a move of places since last year can be counted ("tăng 1 bậc"): both years'
        places read as places, "thứ N/M" or a rank word no tie above compressed. "xếp hạng
        Nhì, tăng 1 bậc (năm 2018 xếp hạng Tư)" reads as two places."""
        f, c = self.focus, self.comparison
        if f is None or c is None:
            return False
        return (f.rank > 5 or f.rank == f.position) and (
            c.previous_rank > 5 or c.previous_rank == c.previous_position
        )

    @property
    def score_in_lead(self) -> bool:
        """Whether the sapo gives the focus unit's score here: in its first result (the most
        newsworthy) when not first place nor weak, in some articles as equivalent phrasings
        go (by the unit's row). The section then need not say it again."""
        return (
            self.focus is not None
            and self.news_order == 0
            and self.focus.rank != 1
            and not self.weak
            and (self.row // 2 + self.year) % 2 == 0
        )

    @property
    def rank_groups(self) -> tuple[RankGroup, ...]:
        """Every rank, best first, with the units holding it; `named` keeps the ones the
        article names."""
        return _rank_groups(self.units, self.focus)

    @property
    def changed_bands(self) -> tuple[BandChange, ...]:
        """Bands whose count moved since last year."""
        return tuple(b for b in self.band_changes if b.delta)

    @property
    def present_bands(self) -> tuple[BandCount, ...]:
        """Bands holding at least one unit, best first."""
        return tuple(b for b in self.band_counts if b.count)

    @property
    def empty_bands(self) -> tuple[BandCount, ...]:
        """Bands holding no unit, best first."""
        return tuple(b for b in self.band_counts if not b.count)


class Composition(NamedTuple):
    """The article's settings and the sections built from the rankings, before any template runs.

    Photos are numbered as printed: `photos[n - 1]` is the index in `settings.photos` of
    "Ảnh n", so a photo left out with its section leaves no gap in the numbers.
    """

    year: int
    focus: str
    settings: ArticleSettings
    sections: tuple[Section, ...]
    photos: tuple[int, ...] = ()
    closing_photos: tuple[int, ...] = ()  # numbers of the photos before the closing


def article_settings(dataset: Dataset, year: int) -> ArticleSettings:
    """The year's article settings, or defaults: every evaluation scored that year, no photos."""
    if year in dataset.articles:
        return dataset.articles[year]
    scored = {dataset.base_id(e) for (e, y) in dataset.scores if y == year}
    return ArticleSettings(year=year, event="", sections=tuple(sorted(scored)))


def section_ids(
    dataset: Dataset,
    rankings: Mapping[str, Mapping[int, Ranking]],
    year: int,
    evaluation_id: str,
    focus: str | None,
    every_block: bool,
) -> tuple[str, ...]:
    """The evaluations a section of the article stands for, that year.

    An evaluation ranked in blocks gives the focus agency's block (or, when it is in
    none, the first block), or every block when the article asks for all of them, the
    focus agency's first.
    """
    parts = tuple(p for p in dataset.parts(evaluation_id) if year in rankings.get(p, {}))
    if len(parts) <= 1 or focus is None:
        return parts if every_block or focus is None else parts[:1]
    own = [p for p in parts if rankings[p][year].find(focus) is not None]
    if every_block:  # the focus agency's own block first
        return (*own, *(p for p in parts if p not in own))
    return tuple(own[:1] or parts[:1])


def build_composition(
    dataset: Dataset,
    year: int,
    agency: str | None = None,
    rankings: Mapping[str, Mapping[int, Ranking]] | None = None,
) -> Composition:
    """Rank the data (unless given the rankings) and gather, per section, the facts stated."""
    settings = article_settings(dataset, year)
    rankings = rankings if rankings is not None else rank_all(dataset)
    every_block = settings.blocks == "all"
    available = {s: section_ids(dataset, rankings, year, s, None, True) for s in settings.sections}
    missing = [s for s, parts in available.items() if not parts]
    if missing:
        folder = dataset.root / str(year)
        files = ", ".join(f"{m}.csv hoặc {m}.xlsx" for m in missing)
        raise DataError(f"thiếu tệp điểm {files} cho năm {year}", path=folder)
    if not settings.sections:
        raise DataError(f"không có dữ liệu điểm nào cho năm {year}", path=dataset.root)
    wanted = agency or dataset.publisher.focus_agency
    every_part = [p for parts in available.values() for p in parts]
    focus = resolve_focus(wanted, [rankings[p][year] for p in every_part], dataset.registry)
    if focus is None:
        names = {u.unit for p in every_part for u in rankings[p][year].units}
        hint = unit_suggestion(wanted, names, dataset.registry)
        if agency is None:
            raise DataError(
                f'đơn vị chính "{wanted}" (focus_agency) không có trong dữ liệu năm {year}{hint}',
                path=dataset.root / "publisher.toml",
            )
        raise DataError(
            f'không tìm thấy đơn vị "{wanted}" trong dữ liệu năm {year}{hint}', path=dataset.root
        )
    sections: list[Section] = []
    for base in settings.sections:
        parts = section_ids(dataset, rankings, year, base, focus, every_block)
        whole = whole_evaluation(rankings, available[base], year)
        # In no block this year: said once, in the evaluation's first section (if at all).
        absent = all(rankings[p][year].find(focus) is None for p in available[base])
        if absent and (
            settings.absent == "omit" or not ever_ranked(dataset, rankings, base, focus)
        ):
            continue
        for evaluation_id in parts:
            evaluation = dataset.evaluations[evaluation_id]
            by_year = rankings[evaluation_id]
            ranking = by_year[year]
            focus_unit = ranking.find(focus)
            # A unit that changed block has no past to compare with in this one ("lần đầu
            # tiên", "lần gần nhất" would forget the other block): those are left unsaid.
            moved = moved_block(dataset, rankings, evaluation_id, focus, year)
            groups = _rank_groups(named_units(ranking, evaluation, focus), focus_unit, ranking.find)
            groups = _with_leaders(groups, ranking, focus_unit)
            sections.append(
                Section(
                    index=len(sections),
                    evaluation=evaluation,
                    year=year,
                    size=ranking.size,
                    band_counts=ranking.band_counts,
                    top_band=ranking.band_counts[0],
                    named=groups,
                    focus=focus_unit,
                    focus_named=any(g.has_focus for g in groups),
                    comparison=compare(ranking, by_year.get(year - 1), focus),
                    first_streak=first_place_streak(by_year, focus, year),
                    top_streak=top_band_streak(by_year, focus, year),
                    photos=(),  # placed below, once the sections kept are known
                    band_changes=band_changes(ranking, by_year.get(year - 1)),
                    first_before=None if moved else last_first_before(by_year, focus, year),
                    ranked_before=years_ranked_before(by_year, focus, year),
                    first_ever=not moved
                    and first_time_first(by_year, focus, year, evaluation.first_year),
                    block=evaluation.group if evaluation_id != base else None,
                    blocks=whole.blocks,
                    absent=absent and evaluation_id == parts[0],
                    brief=evaluation_id != base and focus_unit is None and not absent,
                    whole_size=whole.size,
                    whole_band_counts=whole.band_counts,
                    units=ranking.units,
                    previous_tied=_tied_in(by_year.get(year - 1), focus),
                )
            )
    sections = rate_news(sections)
    own_photos = focus == resolve_focus(
        dataset.publisher.focus_agency, [rankings[p][year] for p in every_part], dataset.registry
    )
    placed, shown, closing = place_photos(dataset, settings, sections, own_photos, focus)
    return Composition(
        year=year,
        focus=focus,
        settings=settings,
        sections=placed,
        photos=shown,
        closing_photos=closing,
    )


def _rank_groups(
    named: Sequence[RankedUnit],
    focus: RankedUnit | None,
    find: Callable[[str], RankedUnit | None] | None = None,
) -> tuple[RankGroup, ...]:
    """The named units grouped by rank, best first; the focus agency first in its group.
    With `find`, a group knows the units of its rank left unnamed (`also`)."""
    groups: list[RankGroup] = []
    for rank, same in itertools.groupby(sorted(named, key=_by_rank), key=_by_rank):
        members = list(same)
        has_focus = focus is not None and any(u is focus for u in members)  # same records
        if has_focus:
            members.sort(key=lambda u: u is not focus)  # stable: the rest keep their order
        names = {u.unit for u in members}
        left = [n for n in members[0].tie_group if n not in names] if find else []
        found = [u for n in left if (u := find(n)) is not None] if find else []
        groups.append(
            RankGroup(
                rank=rank,
                position=members[0].position,
                score=members[0].score,
                units=tuple(u.unit for u in members),
                has_focus=has_focus,
                also=tuple(u.unit for u in found),
                also_bands=tuple(u.band for u in found),
            )
        )
    return tuple(groups)


_by_rank = operator.attrgetter("rank")


def _with_leaders(
    groups: tuple[RankGroup, ...], ranking: Ranking, focus: RankedUnit | None
) -> tuple[RankGroup, ...]:
    """The named groups, led by the units at rank 1 when the top band's best is not first
    (an official band below it holds rank 1): "xếp hạng Nhì" alone would hide who is ahead.
    Not when the focus unit is first: its own sentences say so."""
    if not groups or groups[0].rank == 1:
        return groups
    first = [u for u in ranking.units if u.rank == 1]
    if not first or (focus is not None and focus.rank == 1):
        return groups
    leaders = RankGroup(
        rank=1,
        position=1,
        score=first[0].score,
        units=tuple(u.unit for u in first),
        has_focus=False,
        bands=tuple(u.band for u in first),
    )
    return (leaders, *groups)


def _neighbour(units: Sequence[RankedUnit]) -> Neighbour | None:
    """The units of one score as a Neighbour, or None when there are none."""
    if not units:
        return None
    return Neighbour(
        units=tuple(u.unit for u in units),
        score=units[0].score,
        bands=tuple(u.band for u in units),
    )


def _tied_in(ranking: Ranking | None, unit: str) -> bool:
    """Whether `unit` shared its rank in `ranking` (False when not ranked there)."""
    found = ranking.find(unit) if ranking is not None else None
    return found is not None and found.tied
