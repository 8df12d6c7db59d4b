"""The year's ranking tables for the page: the cells `bantin rank` prints, and a position."""

from __future__ import annotations

from dataclasses import dataclass

from bantin.desk.workspace import Loaded


@dataclass(frozen=True)
class Row:
    """One unit's row: the CLI's cells, and what the page sorts by."""

    rank: str
    position: int
    unit: str
    score: str
    score_key: str  # the score as a plain decimal, for sorting
    band: str
    band_index: int
    change: str | None
    # From a threshold the definition marks as assumed: not published, never to be copied
    # into an article as the unit's band (the page says so beside it).
    band_assumed: bool = False


@dataclass(frozen=True)
class Table:
    """One evaluation's ranking in a year."""

    evaluation_id: str
    title: str
    previous_year: int | None
    rows: tuple[Row, ...]


def ranking_tables(loaded: Loaded, year: int) -> list[Table]:
    """One table per evaluation scored in `year`, in `bantin rank`'s order and words."""
    from bantin.table import ranking_row

    dataset, rankings = loaded.dataset, loaded.rankings
    tables = []
    for base in sorted(set(map(dataset.base_id, dataset.evaluations))):
        for eid in dataset.parts(base):
            ranking = rankings.get(eid, {}).get(year)
            if ranking is None:
                continue
            evaluation = dataset.evaluations[eid]
            previous = rankings.get(eid, {}).get(year - 1)
            block = f", {evaluation.group}" if "@" in eid else ""
            rows = []
            for unit in ranking.units:
                cells = ranking_row(ranking, previous, unit, evaluation)
                rows.append(
                    Row(
                        rank=cells[0],
                        position=unit.position,
                        unit=cells[1],
                        score=cells[2],
                        score_key=str(unit.score),
                        band=cells[3],
                        band_index=unit.band_index,
                        change=cells[4] if len(cells) > 4 else None,
                        band_assumed=unit.band_is_assumed and not unit.band_is_official,
                    )
                )
            title = (
                f"{evaluation.short_name} {year} — {evaluation.name}{block} ({ranking.size} đơn vị)"
            )
            tables.append(
                Table(eid, title, previous.year if previous is not None else None, tuple(rows))
            )
    return tables
