"""Bands an article would state for its own year must be published, never assumed.

A definition may mark thresholds `assumed = true`: they were not published, only
guessed. A band worked out from such a threshold is fine for looking back (rank
never counts it in a streak), but an article printing this year's band counts
would state it as fact. So rendering stops when a unit of the article's year has
no official band and its score falls in a band whose threshold, or the one above
it, is assumed (the rule of rank_table's band_is_assumed).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from bantin.compose.facts import article_settings
from bantin.errors import DataError
from bantin.model import Dataset, ScoreTable
from bantin.rank import assumed_bands, band_for
from bantin.vi import join_list

# Rows named in the message; the rest are counted ("và 16 dòng khác").
_ROWS_SHOWN = 5


def assumed_band_errors(dataset: Dataset, year: int) -> list[DataError]:
    """One error per score file of the year's article whose rows would get an assumed band."""
    errors = []
    for section in article_settings(dataset, year).sections:
        evaluation = dataset.evaluations.get(section)
        if evaluation is None:
            continue
        assumed = assumed_bands(evaluation.bands)
        if not any(assumed):
            continue
        # An evaluation ranked in blocks is one file split into several tables.
        by_file: dict[Path | None, tuple[ScoreTable, list[int]]] = {}
        for part in dataset.parts(section):
            table = dataset.scores.get((part, year))
            if table is None:
                continue
            lines = by_file.setdefault(table.source, (table, []))[1]
            bands: dict[Decimal, int] = {}
            for row in table.rows:
                if row.official_band is not None:
                    continue
                index = bands.get(row.score)
                if index is None:
                    index = bands[row.score] = band_for(row.score, evaluation.bands)
                if assumed[index]:
                    lines.append(row.line)
        for table, lines in by_file.values():
            if lines:
                errors.append(_error(table, sorted(lines), year, section))
    return errors


def refuse_assumed_bands(dataset: Dataset, year: int) -> None:
    """Raise the first assumed band the year's article would state, if any."""
    errors = assumed_band_errors(dataset, year)
    if errors:
        raise errors[0]


def _error(table: ScoreTable, lines: list[int], year: int, evaluation_id: str) -> DataError:
    shown = [str(line) for line in lines[:_ROWS_SHOWN]]
    if len(lines) > _ROWS_SHOWN:
        rows = ", ".join(shown) + f" và {len(lines) - _ROWS_SHOWN} dòng khác"
    else:
        rows = join_list(shown)
    these = "dòng này" if len(lines) == 1 else "các dòng này"
    why = (
        f"xếp loại năm {year} của {these} chỉ suy ra được từ ngưỡng điểm giả định "
        "(assumed = true), bantin không nêu như sự thật"
    )
    official = (
        f"hoặc bỏ assumed = true trong evaluations/{evaluation_id}.toml "
        "nếu các ngưỡng đã được công bố"
    )
    if table.band_column is None:
        return DataError(
            f'tệp không có cột "Xếp loại", thiếu xếp loại ở dòng {rows}: {why}; '
            f'hãy thêm cột "Xếp loại" ghi xếp loại chính thức, {official}',
            path=table.source,
            row=table.header_row or None,
        )
    return DataError(
        f'ô "Xếp loại" để trống ở dòng {rows}: {why}; hãy điền xếp loại chính thức, {official}',
        path=table.source,
        row=lines[0],
        column=table.band_column,
    )
