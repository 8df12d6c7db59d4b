"""`bantin rank`: an evaluation's ranking as an aligned table for the terminal."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from bantin import vi
from bantin.errors import DataError
from bantin.load import load_dataset
from bantin.model import Dataset, Evaluation
from bantin.rank import RankedUnit, Ranking, compare, rank_all


def ranking_tables(data_dir: Path, year: int, evaluation_id: str | None = None) -> list[str]:
    """Lines of one table per evaluation scored in `year` (or only `evaluation_id`)."""
    dataset = load_dataset(data_dir)
    rankings = rank_all(dataset)
    all_bases = sorted(set(map(dataset.base_id, dataset.evaluations)))
    if evaluation_id is not None and evaluation_id not in all_bases:
        known = ", ".join(all_bases)
        raise DataError(f'không có bộ chỉ số "{evaluation_id}" (các bộ chỉ số: {known})')
    bases = (
        [evaluation_id] if evaluation_id else sorted(set(map(dataset.base_id, dataset.evaluations)))
    )
    wanted = [part for base in bases for part in dataset.parts(base)]
    lines: list[str] = []
    for eid in wanted:
        ranking = rankings.get(eid, {}).get(year)
        if ranking is None:
            continue
        evaluation = dataset.evaluations[eid]
        previous = rankings.get(eid, {}).get(year - 1)
        if lines:
            lines.append("")
        block = f", {evaluation.group}" if eid in _block_ids(dataset) else ""
        lines.append(
            f"{evaluation.short_name} {year} — {evaluation.name}{block} ({ranking.size} đơn vị)"
        )
        header = ["Hạng", "Đơn vị", "Điểm", "Xếp loại"]
        if previous is not None:
            header.append(f"So với {previous.year}")
        rows = [
            header,
            *(ranking_row(ranking, previous, unit, evaluation) for unit in ranking.units),
        ]
        lines += _align(rows, right={0, 2})
    if not lines and evaluation_id:
        raise DataError(f"bộ chỉ số {evaluation_id} không có dữ liệu năm {year}", path=data_dir)
    if not lines:
        raise DataError(f"không có dữ liệu điểm nào cho năm {year}", path=data_dir)
    return lines


def ranking_row(
    ranking: Ranking, previous: Ranking | None, unit: RankedUnit, evaluation: Evaluation
) -> list[str]:
    """One unit's cells as `bantin rank` prints them: rank, unit, score, band[, change]."""
    row = [str(unit.rank), unit.unit, vi.format_number(unit.score, evaluation.decimals), unit.band]
    if previous is not None:
        change = compare(ranking, previous, unit.unit)
        if change is None:
            row.append("mới")
        else:
            row.append(
                vi.change_phrase(change.score_delta, "điểm", evaluation.decimals)
                + ", "
                + vi.rank_change_phrase(change.previous_position, unit.position)
            )
    return row


def _block_ids(dataset: Dataset) -> set[str]:
    return {part for parts in dataset.blocks.values() for part in parts}


def _width(text: str) -> int:
    """Columns a string takes in a terminal: combining marks take none."""
    return sum(0 if unicodedata.combining(ch) else 1 for ch in unicodedata.normalize("NFC", text))


def _align(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            cells.append(pad + cell if i in right else cell + pad)
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines
