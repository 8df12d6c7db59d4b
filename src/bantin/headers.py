"""The headers a score file's columns may carry, and the header row of a grid.

Headers are compared by header_key (no case, no diacritics, no punctuation, single
spaces); an evaluation may name its score and band columns (`score_column`,
`band_column`). The header row is found below any title rows, on one row or on two
(a merged or grouped header), and when none is found the error lists the headers
found and those bantin accepts.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from bantin.errors import DataError
from bantin.grid import Cell
from bantin.model import Evaluation
from bantin.vi import match_key

HEADER_SEARCH_ROWS = 30

# Header names each column may carry, as staff write them (the error lists them so).
UNIT_HEADERS = (
    "Đơn vị",
    "Tên đơn vị",
    "Cơ quan",
    "Tên cơ quan",
    "Cơ quan, đơn vị",
    "Tên cơ quan, đơn vị",
    "Đơn vị đánh giá",
    "Đơn vị được đánh giá",
)
SCORE_HEADERS = ("Điểm", "Điểm quy đổi", "Tổng điểm", "Điểm số", "Điểm đạt", "Điểm thẩm định")
BAND_HEADERS = ("Xếp loại", "Xếp loại chính thức", "Kết quả xếp loại")
BLOCK_HEADERS = ("Khối", "Khối đánh giá", "Khối xếp hạng")


def header_key(text: str) -> str:
    """Key for comparing headers: match_key with punctuation as spaces, so "Cơ quan/đơn vị"
    and "Cơ quan, đơn vị" are one header."""
    return " ".join(re.sub(r"[^\w\s]", " ", match_key(text)).split())


class HeaderNames(NamedTuple):
    """The headers each column may carry, as header_key gives them."""

    unit: frozenset[str]
    score: frozenset[str]
    band: frozenset[str]
    block: frozenset[str]
    # As written, for the message when no header row is found.
    shown_unit: tuple[str, ...] = UNIT_HEADERS
    shown_score: tuple[str, ...] = SCORE_HEADERS


def _keys(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(header_key(n) for n in names)


DEFAULT_HEADERS = HeaderNames(
    _keys(UNIT_HEADERS), _keys(SCORE_HEADERS), _keys(BAND_HEADERS), _keys(BLOCK_HEADERS)
)


def header_names(evaluation: Evaluation) -> HeaderNames:
    """The headers of an evaluation's files: its score_column and band_column, if it names them."""
    names = DEFAULT_HEADERS
    if evaluation.score_column is not None:
        names = names._replace(
            score=_keys((evaluation.score_column,)), shown_score=(evaluation.score_column,)
        )
    if evaluation.band_column is not None:
        names = names._replace(band=_keys((evaluation.band_column,)))
    return names


class Columns(NamedTuple):
    """Indexes of the cells of a row whose header may be each column's."""

    unit: tuple[int, ...]
    score: tuple[int, ...]
    band: tuple[int, ...]
    block: tuple[int, ...]

    @property
    def is_header(self) -> bool:
        return bool(self.unit and self.score)


def header_columns(cells: list[str], names: HeaderNames) -> Columns:
    """Indexes of the cells that may head the unit, score, official band and block columns."""
    keys = [header_key(c) for c in cells]

    def find(wanted: frozenset[str]) -> tuple[int, ...]:
        return tuple(i for i, k in enumerate(keys) if k in wanted)

    return Columns(find(names.unit), find(names.score), find(names.band), find(names.block))


# --- the header row of a grid ---------------------------------------------------------


class Header(NamedTuple):
    """The header row found: its index in the rows read, its cells, its columns, and the
    problem that stops reading, if any."""

    at: int
    cells: tuple[Cell, ...]
    columns: Columns
    problem: DataError | None = None


def find_header(
    content: list[tuple[Cell, ...]], names: HeaderNames, evaluation: Evaluation, path: Path
) -> Header:
    """The header row within the first rows: on one row (merged cells spanning the rows
    above or below), or on two rows where the upper one heads the columns the lower one
    leaves blank ("Đơn vị" over nothing, "Kết quả" over "Điểm" and "Xếp loại")."""
    search = content[:HEADER_SEARCH_ROWS]
    for index, row in enumerate(search):
        if header_columns([c.text for c in row], names).is_header:
            return header_block(content, index, names, evaluation, path)
        if index + 1 < len(content):
            combined = _stacked(row, content[index + 1], names)
            if combined is not None:
                return Header(index + 1, *combined)
    problem = missing_header(search, path, evaluation, names)
    return Header(0, search[0], Columns((), (), (), ()), problem)


def _stacked(
    top: tuple[Cell, ...], bottom: tuple[Cell, ...], names: HeaderNames
) -> tuple[tuple[Cell, ...], Columns] | None:
    """Two rows read as one header (each column's lower text, else its upper one), when
    neither row is a header alone and the lower row has no unit name (so is no data row)."""
    if header_columns([c.text for c in bottom], names).is_header:
        return None
    texts = {column_index(c.column): c for c in top if c.text.strip()}
    texts.update({column_index(c.column): c for c in bottom if c.text.strip()})
    row = bottom[0].row
    combined = tuple(
        Cell(row, c.column, " ".join(c.text.split())) for _, c in sorted(texts.items())
    )
    columns = header_columns([c.text for c in combined], names)
    if not columns.is_header:
        return None
    unit_column = combined[columns.unit[0]].column
    if any(c.column == unit_column and c.text.strip() for c in bottom):
        return None
    return combined, columns


def header_block(
    content: list[tuple[Cell, ...]],
    header_at: int,
    names: HeaderNames,
    evaluation: Evaluation,
    path: Path,
) -> Header:
    """The header, its last row's index and its columns, when merged cells make it span
    rows: each column's texts top-down ("Xếp loại" over "Chính thức"), else its lowest row."""
    header = content[header_at]
    first = last = header_at
    tops = [c.merged_from for c in header if c.merged_from is not None]
    while tops and first > 0 and content[first - 1][0].row >= min(tops):
        first -= 1
    while last + 1 < len(content) and any(
        c.merged_from is not None and content[first][0].row <= c.merged_from <= content[last][0].row
        for c in content[last + 1]
    ):
        last += 1
    if first == last:
        return Header(header_at, header, header_columns([c.text for c in header], names))
    texts: dict[int, list[str]] = {}
    for row in content[first : last + 1]:
        for c in row:
            parts = texts.setdefault(column_index(c.column), [])
            text = " ".join(c.text.split())
            if text and (not parts or parts[-1] != text):
                parts.append(text)
    bottom = content[last]
    combined = tuple(
        Cell(bottom[0].row, column_letter(i), " ".join(parts))
        for i, parts in sorted(texts.items())
        if parts
    )
    for candidate in (combined, bottom):
        columns = header_columns([c.text for c in candidate], names)
        if columns.is_header:
            return Header(last, candidate, columns)
    top_row, bottom_row = content[first][0].row, bottom[0].row
    found = ", ".join(f'"{c.text}" (cột {c.column})' for c in combined)
    example = combined[-1].text
    unclear = (
        "cột điểm"
        if header_columns([c.text for c in combined], names).unit
        else ("cột đơn vị và cột điểm")
    )
    problem = DataError(
        f"tiêu đề bảng nằm trên các dòng {top_row}–{bottom_row} (ô gộp) nên không rõ đâu là "
        f"{unclear}; các cột: {found}; hãy bỏ gộp ô để mỗi cột có tiêu đề "
        f"trên một dòng, hoặc ghi tên cột điểm vào evaluations/{evaluation.id}.toml, ví dụ "
        f'score_column = "{example}"',
        path=path,
        row=top_row,
    )
    return Header(last, bottom, header_columns([c.text for c in bottom], names), problem)


def missing_header(
    rows: list[tuple[Cell, ...]], path: Path, evaluation: Evaluation, names: HeaderNames
) -> DataError:
    """Say which header is missing, on the row that looks like the header: the headers
    found there, and those bantin accepts."""
    units = _listed(names.shown_unit)
    scores = _listed(names.shown_score)
    for row in rows:
        columns = header_columns([c.text for c in row], names)
        if columns.score:
            return DataError(
                f"không có cột tên đơn vị: dòng tiêu đề có {_found(row)}; bantin nhận tiêu đề "
                f'cột tên đơn vị là {units}; hãy sửa tiêu đề cột tên đơn vị thành "Đơn vị"',
                path=path,
                row=row[0].row,
            )
        if columns.unit:
            if evaluation.score_column is not None:
                problem = not_found(row, evaluation.score_column, "score_column", evaluation)
                return DataError(problem, path=path, row=row[0].row)
            return DataError(
                f"không có cột điểm: dòng tiêu đề có {_found(row)}; bantin nhận tiêu đề cột "
                f'điểm là {scores}; hãy sửa tiêu đề cột điểm thành "Điểm", hoặc ghi tiêu đề của '
                f"nó vào evaluations/{evaluation.id}.toml: "
                'score_column = "<tiêu đề cột điểm>"',
                path=path,
                row=row[0].row,
            )
    # The row with the most cells filled is the likeliest header (titles fill one cell).
    widest = max(rows, key=lambda r: sum(1 for c in r if c.text.strip()))
    return DataError(
        f"không tìm thấy dòng tiêu đề có cột tên đơn vị và cột điểm trong {HEADER_SEARCH_ROWS} "
        f"dòng đầu (dòng {widest[0].row} có {_found(widest)}); bantin nhận tiêu đề cột tên đơn "
        f"vị là {units}, cột điểm là {scores}; hãy thêm hoặc sửa dòng tiêu đề ngay trên bảng",
        path=path,
        row=widest[0].row,
    )


def _listed(names: tuple[str, ...]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _found(row: tuple[Cell, ...]) -> str:
    """The texts of a row, as a message quotes them (at most eight, none very long)."""
    texts = [header_text(c) for c in row if c.text.strip()]
    shown = [t if len(t) <= 40 else t[:39] + "…" for t in texts[:8]]
    return ", ".join(f'"{t}"' for t in shown) + (", …" if len(texts) > 8 else "")


def header_text(cell: Cell) -> str:
    return " ".join(cell.text.split())


def ambiguous(
    header: tuple[Cell, ...], indexes: tuple[int, ...], what: str, key: str, evaluation: Evaluation
) -> str:
    """Why a header row with several columns that could be the score (or band) is refused."""
    cells = [header[i] for i in indexes]
    where = ", ".join(str(c.column) for c in cells)
    if len({match_key(c.text) for c in cells}) == 1:
        return (
            f'có {len(cells)} cột cùng tiêu đề "{header_text(cells[0])}" (cột {where}); '
            f"hãy đổi tên hoặc xoá bớt để chỉ còn một cột {what}"
        )
    listed = ", ".join(f'"{header_text(c)}" (cột {c.column})' for c in cells)
    return (
        f"có {len(cells)} cột có thể là {what}: {listed}; bantin không tự chọn: hãy ghi tên "
        f"cột đúng vào evaluations/{evaluation.id}.toml, ví dụ "
        f'{key} = "{header_text(cells[-1])}"'
    )


def not_found(header: tuple[Cell, ...], wanted: str, key: str, evaluation: Evaluation) -> str:
    """Why a header row without the column a definition names is refused."""
    found = ", ".join(f'"{header_text(c)}"' for c in header if c.text.strip())
    return (
        f'không có cột "{wanted}" ({key} trong evaluations/{evaluation.id}.toml); '
        f"các cột của dòng tiêu đề: {found}"
    )


def column_index(column: int | str) -> int:
    if isinstance(column, int):
        return column
    index = 0
    for ch in column:
        index = index * 26 + (ord(ch.upper()) - 64)
    return index


def column_letter(index: int) -> str:
    """Excel's name of column `index` (1 is A, 27 is AA)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
