"""Score files as staff actually have them: CSV in any of Excel's flavours, or XLSX.

A file becomes a grid of cells (row and column as the user sees them), then one
parser finds the header row below any title rows, maps the columns and reads
each unit's score as an exact Decimal. Every problem names file, row and column.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from bantin.cells import invisible, summary_label, summary_row
from bantin.errors import DataError
from bantin.grid import (
    EXCEL_CELL_LIMIT,
    Cell,
    Grid,
    decode_text,
    formula_at,
    open_quote,
    oversized_cell,
    read_xlsx,
)
from bantin.headers import (
    DEFAULT_HEADERS,
    HEADER_SEARCH_ROWS,
    Columns,
    HeaderNames,
    ambiguous,
    column_index,
    find_header,
    header_columns,
    header_names,
    not_found,
)
from bantin.model import Evaluation, Registry, ScoreRow, ScoreTable
from bantin.source import Source, source_of
from bantin.vi import format_number, match_key

SCORE_EXTENSIONS = (".csv", ".xlsx")


Report = Callable[[DataError], None]


def raise_it(error: DataError) -> None:
    """The default way to report a problem: stop at the first one."""
    raise error


def read_grid(
    file: Path | Source, sheet: str | None = None, names: HeaderNames = DEFAULT_HEADERS
) -> Grid:
    """Read a CSV or XLSX score file (from disk, or given as a Source) into a grid of cells;
    its kind is its name's (`names` find a CSV's header row)."""
    shown = file.shown if isinstance(file, Source) else file
    if shown.suffix.lower() == ".xlsx":
        return read_xlsx(file, sheet)
    return _read_csv(source_of(file), names)


# --- CSV ----------------------------------------------------------------------------


def _read_csv(source: Source, names: HeaderNames) -> Grid:
    path = source.shown
    text = unicodedata.normalize("NFC", decode_text(source.data, path))
    # Rows end at a line break only: str.splitlines() would also end them at U+2028,
    # U+2029 and other separators, cutting a name in two.
    lines = io.StringIO(text, newline="").readlines()
    delimiter = _delimiter(lines, names)
    rows = []
    reader = csv.reader(lines, delimiter=delimiter)
    line = 0
    try:
        for cells in reader:
            rows.append(tuple(Cell(line + 1, i + 1, c) for i, c in enumerate(cells)))
            line = reader.line_num
    except csv.Error as e:
        if "field larger than field limit" in str(e):
            raise oversized_cell(lines, line, delimiter, path) from e
        raise DataError(f"dòng CSV không đọc được ({e})", path=path, row=reader.line_num) from e
    for row in rows:
        for cell in row:
            if len(cell.text) > EXCEL_CELL_LIMIT:
                raise oversized_cell(lines, cell.row - 1, delimiter, path)
    # A quote left open runs to the end of the file: the last cell then holds line breaks
    # although the file does not end with the closing quote.
    if rows and rows[-1] and "\n" in rows[-1][-1].text and not text.rstrip().endswith('"'):
        raise open_quote(path, rows[-1][-1].row, len(rows[-1]))
    return Grid(path=path, rows=tuple(rows))


def _delimiter(lines: list[str], names: HeaderNames) -> str:
    """The delimiter whose split first shows a header row; tab, then semicolon, then comma."""
    # Whole lines, cut short: only the header is looked for, and a cell too long for the
    # csv module must not stop the search (it is reported with its cell when read).
    head = [line[:1000] for line in lines[:HEADER_SEARCH_ROWS] if line.strip()]
    for candidate in ("\t", ";", ","):
        try:
            for cells in csv.reader(head, delimiter=candidate):
                if header_columns(cells, names).is_header:
                    return candidate
        except csv.Error:
            continue
    counts = {d: sum(line.count(d) for line in head) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


# --- parsing scores -----------------------------------------------------------------


def parse_scores(
    grid: Grid,
    evaluation: Evaluation,
    year: int,
    registry: Registry,
    report: Report = raise_it,
) -> ScoreTable:
    """Read the scores of a grid: header row found below titles, one row per unit.

    Problems go to `report`, which raises by default; `bantin validate` collects them.
    """
    path = grid.path
    content = [row for row in grid.rows if any(c.text.strip() for c in row)]
    if not content:
        report(DataError("tệp điểm trống", path=path))
        return ScoreTable(evaluation.id, year, (), path, sheet=grid.sheet)
    names = header_names(evaluation)
    found = find_header(content, names, evaluation, path)
    header_at, header, columns = found.at, found.cells, found.columns
    if found.problem is not None:
        report(found.problem)
        return ScoreTable(evaluation.id, year, (), path, header[0].row, sheet=grid.sheet)
    # Two columns that could each be the score (or the band): bantin does not pick one.
    problem = None
    if len(columns.score) > 1:
        problem = ambiguous(header, columns.score, "điểm", "score_column", evaluation)
    elif len(columns.band) > 1:
        problem = ambiguous(header, columns.band, "xếp loại", "band_column", evaluation)
    elif evaluation.band_column is not None and not columns.band:
        problem = not_found(header, evaluation.band_column, "band_column", evaluation)
    if problem is not None:
        report(DataError(problem, path=path, row=header[0].row))
        return ScoreTable(evaluation.id, year, (), path, header[0].row, sheet=grid.sheet)
    unit_col = header[columns.unit[0]].column
    score_col = header[columns.score[0]].column
    band_col = header[columns.band[0]].column if columns.band else None
    block_col = header[columns.block[0]].column if columns.block else None
    hidden = _hidden(grid, content, header_at, header, columns)
    if hidden is not None:
        report(hidden)
        return ScoreTable(evaluation.id, year, (), path, header[0].row, sheet=grid.sheet)
    last_header_col = column_index(header[-1].column)
    band_keys = {match_key(b.name): b.name for b in evaluation.bands}
    rows: list[ScoreRow] = []
    seen: dict[str, tuple[int, str]] = {}
    decimal_mark: tuple[str, int, str] | None = None
    for row in content[header_at + 1 :]:
        by_col = {c.column: c for c in row}
        line = row[0].row
        extra = [c for c in row if column_index(c.column) > last_header_col and c.text.strip()]
        if extra and isinstance(extra[0].column, int):
            report(
                DataError(
                    "dòng có nhiều ô hơn dòng tiêu đề: điểm có dấu phẩy thập phân phải nằm trong "
                    "ngoặc kép, hoặc lưu tệp CSV với dấu chấm phẩy",
                    path=path,
                    row=line,
                    column=extra[0].column,
                )
            )
            continue
        unit_cell = by_col.get(unit_col)
        raw_name = " ".join(unit_cell.text.split()) if unit_cell else ""
        # An average or total under the table, its label in the unit's cell or in one
        # before it (a merged "Tổng cộng" over STT and name, "Cộng" in the STT column).
        label = next(
            (
                c
                for c in row
                if column_index(c.column) <= column_index(unit_col) and summary_label(c.text)
            ),
            None,
        )
        if label is not None:
            report(summary_row(label, path))
            continue
        if not raw_name:
            report(_blank(grid, line, unit_col, "thiếu tên đơn vị"))
            continue
        assert unit_cell is not None
        hidden = invisible(unit_cell, "tên đơn vị", path)
        if hidden is not None:
            report(hidden)
            continue
        unit = registry.canonical(raw_name)
        if unit is None:
            report(
                DataError(
                    f'đơn vị "{raw_name}" không có trong danh sách đơn vị (data/units.toml)'
                    + registry.suggestion(raw_name),
                    path=path,
                    row=line,
                    column=unit_col,
                )
            )
            continue
        key = registry.key(unit)
        if key in seen:
            first_line, first_name = seen[key]
            # Spelt differently (an alias, a tone mark placed the other way: "hóa", "hoá"),
            # the first spelling is quoted, so the reader sees why the two are one unit.
            spelt = f'; dòng {first_line} viết "{first_name}"' if first_name != raw_name else ""
            report(
                DataError(
                    f'đơn vị "{raw_name}" xuất hiện hai lần (dòng {first_line} và dòng {line}'
                    f"{spelt})",
                    path=path,
                    row=line,
                    column=unit_col,
                )
            )
            continue
        seen[key] = (line, raw_name)
        score_cell = by_col.get(score_col)
        if score_cell is None or not score_cell.text.strip():
            report(_blank(grid, line, score_col, f'thiếu điểm của "{raw_name}"'))
            continue
        score, mark, problem = _score_of(score_cell, evaluation)
        if problem is not None:
            report(DataError(problem, path=path, row=line, column=score_col))
            continue
        assert score is not None
        if mark is not None:
            if decimal_mark is None:
                decimal_mark = (mark, line, score_cell.text.strip())
            elif mark != decimal_mark[0]:
                first_mark, first_line, first_text = decimal_mark
                report(
                    DataError(
                        f"tệp vừa dùng dấu {_MARK_NAMES[first_mark]} thập phân "
                        f'(dòng {first_line}: "{first_text}") vừa dùng dấu {_MARK_NAMES[mark]} '
                        f'("{score_cell.text.strip()}"); hãy dùng một kiểu cho cả tệp',
                        path=path,
                        row=line,
                        column=score_col,
                    )
                )
                continue
        official_band = None
        band_cell = by_col.get(band_col) if band_col is not None else None
        hidden = next(
            (
                e
                for c, what in ((band_cell, "xếp loại"), (by_col.get(block_col or ""), "khối"))
                if c is not None and (e := invisible(c, what, path)) is not None
            ),
            None,
        )
        if hidden is not None:
            report(hidden)
            continue
        if band_cell is not None and band_cell.text.strip():
            official_band = band_keys.get(match_key(band_cell.text))
            if official_band is None:
                report(
                    DataError(
                        f'xếp loại "{band_cell.text.strip()}" không có trong định nghĩa bộ chỉ số '
                        f'"{evaluation.id}" ({", ".join(evaluation.band_names)})',
                        path=path,
                        row=line,
                        column=band_col,
                    )
                )
                continue
        block = None
        if block_col is not None:
            block_cell = by_col.get(block_col)
            block = " ".join(block_cell.text.split()) if block_cell else ""
            if not block:
                report(_blank(grid, line, block_col, f'thiếu khối của "{raw_name}"'))
                continue
        rows.append(
            ScoreRow(
                unit=unit,
                score=score,
                official_band=official_band,
                line=line,
                column=column_index(score_col),
                block=block,
            )
        )
    if not rows and header_at == len(content) - 1:
        report(DataError("tệp điểm không có dòng dữ liệu nào", path=path))
    return ScoreTable(
        evaluation.id, year, tuple(rows), path, header[0].row, band_col, sheet=grid.sheet
    )


def _hidden(
    grid: Grid,
    content: list[tuple[Cell, ...]],
    header_at: int,
    header: tuple[Cell, ...],
    columns: Columns,
) -> DataError | None:
    """A hidden row or column bantin would read: refused, since the reader cannot see it."""
    if not grid.hidden_rows and not grid.hidden_columns:
        return None
    read = [header[i] for i in (*columns.unit[:1], *columns.score[:1], *columns.band[:1])]
    read += [header[i] for i in columns.block[:1]]
    for cell in read:
        if cell.column in grid.hidden_columns:
            return DataError(
                f'cột {cell.column} ("{" ".join(cell.text.split())}") bị ẩn trong Excel nhưng '
                "bantin phải đọc cột này; hãy bỏ ẩn cột (chọn hai cột hai bên, bấm chuột phải > "
                "Bỏ ẩn/Unhide) rồi lưu tệp",
                path=grid.path,
                row=cell.row,
                column=cell.column,
            )
    rows = [row[0].row for row in content[header_at:] if row[0].row in grid.hidden_rows]
    if rows:
        listed = ", ".join(str(r) for r in rows)
        return DataError(
            f"dòng {listed} của bảng điểm bị ẩn trong Excel (người đọc không thấy nhưng bantin "
            "sẽ đọc); hãy bỏ ẩn (chọn các dòng xung quanh, bấm chuột phải > Bỏ ẩn/Unhide, hoặc bỏ "
            "lọc), hoặc xoá các dòng này nếu chúng không thuộc kết quả, rồi lưu tệp",
            path=grid.path,
            row=rows[0],
        )
    return None


def _blank(grid: Grid, row: int, column: int | str, message: str) -> DataError:
    """Why a cell is empty: a formula whose result the file does not hold, or nothing at all."""
    if grid.sheet is not None and isinstance(column, str):
        formula = formula_at(grid.data, grid.sheet, row, column)
        if formula is not None:
            message = (
                f"ô {column}{row} có công thức {formula} nhưng tệp không lưu kết quả đã tính "
                "(tệp được tạo hoặc sửa bằng chương trình khác Excel); hãy mở tệp bằng Excel "
                "rồi lưu lại để Excel ghi kết quả"
            )
    return DataError(message, path=grid.path, row=row, column=column)


_MARK_NAMES = {",": "phẩy", ".": "chấm"}
_SCORE_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def _score_of(cell: Cell, evaluation: Evaluation) -> tuple[Decimal | None, str | None, str | None]:
    """(score, decimal mark used, problem) of a score cell."""
    text = cell.text.strip()
    if cell.shown_as == "phần trăm":
        assert cell.number is not None
        return (
            None,
            None,
            f'ô định dạng phần trăm: Excel hiện "{text}" (giá trị lưu là '
            f"{format_number(cell.number)}); bantin không đoán điểm: hãy nhập điểm như số thường "
            "và đổi định dạng ô thành Số (Number)",
        )
    if cell.shown_as is not None:
        return (
            None,
            None,
            f'ô định dạng {cell.shown_as}: Excel hiện "{text}", không phải điểm; hãy đổi định '
            "dạng ô thành Số (Number) rồi nhập lại điểm",
        )
    if cell.number is not None:
        score: Decimal = cell.number
        mark = None
    else:
        try:
            score = parse_score_text(text)
        except ValueError:
            return None, None, f'điểm "{text}" không phải là số'
        cleaned = text.replace("\u00a0", "").replace(" ", "")
        mark = "," if "," in cleaned else "." if "." in cleaned else None
        # With scores of 1000 or more, "1.234" might mean 1234: refuse to guess.
        thousands = re.fullmatch(r"\d{1,3}[.,]\d{3}", cleaned)
        if mark is not None and evaluation.max_score >= 1000 and thousands:
            return None, None, f'điểm "{text}" không rõ là số thập phân hay số có dấu hàng nghìn'
    if not Decimal(0) <= score <= evaluation.max_score:
        return None, None, f'điểm "{text}" nằm ngoài khoảng 0..{evaluation.max_score}'
    return score, mark, None


def parse_score_text(text: str) -> Decimal:
    """Parse a score as written in a cell ("99,84", "99.84", "98") into an exact Decimal."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _SCORE_RE.match(cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
        raise ValueError(text) from None
