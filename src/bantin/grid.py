"""A score file as the grid of cells its user sees: rows and columns, texts and numbers.

CSV text is decoded here (UTF-8 or UTF-16; legacy Vietnamese encodings refused with
advice); XLSX is read with openpyxl, numbers kept as the sheet shows them. bantin.scores
then finds the header row and reads the scores.
"""

from __future__ import annotations

import codecs
import datetime
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from bantin.errors import DataError
from bantin.vi import format_number

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_RESAVE = (
    "mở tệp bằng Excel rồi chọn Tệp > Lưu thành > CSV UTF-8 (hoặc lưu thành .xlsx), "
    "hoặc chuyển mã sang Unicode bằng Unikey"
)


@dataclass(frozen=True)
class Cell:
    """One cell: its text, or the number a spreadsheet stored; where the user sees it."""

    row: int
    column: int | str
    text: str
    number: Decimal | None = None
    # An XLSX number Excel shows as something else ("phần trăm", "ngày giờ"), not as a number.
    shown_as: str | None = None
    # The row of the merged range's top-left cell, when this cell shows that cell's value.
    merged_from: int | None = None


@dataclass(frozen=True)
class Grid:
    """A score file read into rows of cells."""

    path: Path
    rows: tuple[tuple[Cell, ...], ...]
    sheet: str | None = None  # the XLSX sheet read
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[str] = frozenset()


def decode_text(raw: bytes, path: Path) -> str:
    """Text of a CSV file in UTF-8 (BOM or not) or UTF-16; legacy encodings are refused."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as e:
            raise DataError("tệp UTF-16 bị hỏng", path=path) from e
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        row = raw[: e.start].count(b"\n") + 1
        raise DataError(
            f"tệp dùng bảng mã cũ {_legacy_encoding(raw)}, không phải Unicode (UTF-8); {_RESAVE}",
            path=path,
            row=row,
        ) from e


def _legacy_encoding(raw: bytes) -> str:
    """Name the legacy Vietnamese encoding a file most likely uses."""
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        return "TCVN3 (ABC) hoặc VNI"
    if any(ch in _TONE_MARKS for ch in text):
        return "Windows-1258"
    return "TCVN3 (ABC) hoặc VNI"


def read_xlsx(path: Path, sheet: str | None) -> Grid:
    """The sheet of an .xlsx file (`sheet`, else the one Excel opens on) as cells; formulas
    give the values Excel saved, merged cells their top-left value on every cell."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    try:
        # Not read_only: only a full load exposes hidden rows, hidden columns and merges.
        workbook = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise DataError(
            "không mở được tệp Excel (.xlsx hỏng hoặc không phải .xlsx)", path=path
        ) from e
    try:
        if sheet is not None:
            if sheet not in workbook.sheetnames:
                raise DataError(
                    f'không có trang tính "{sheet}" (các trang: {", ".join(workbook.sheetnames)})',
                    path=path,
                )
            worksheet = workbook[sheet]
        else:
            worksheet = workbook.active
        if not isinstance(worksheet, Worksheet):
            raise DataError(
                f'trang tính "{getattr(worksheet, "title", "")}" không phải bảng tính '
                f"(các trang: {', '.join(workbook.sheetnames)}); hãy mở tệp bằng Excel, chọn "
                'trang có bảng điểm rồi lưu, hoặc ghi sheet = "<tên trang>" vào định nghĩa bộ '
                "chỉ số",
                path=path,
            )
        # Only the cells the file stores: ws.max_row and iter_rows() count formatted empty
        # cells, and one at XFD1048576 would make them walk seventeen billion cells.
        by_position: dict[tuple[int, int], Cell] = {}
        for cell in worksheet._cells.values():
            if cell.value is None:
                continue
            letter = get_column_letter(cell.column)
            number_format = cell.number_format or "General"
            by_position[(cell.row, cell.column)] = _xlsx_cell(
                cell.row, letter, cell.value, number_format
            )
        if by_position:
            last_row = max(r for r, _ in by_position)
            last_column = max(c for _, c in by_position)
            for merged in worksheet.merged_cells.ranges:
                top_left = by_position.get((merged.min_row, merged.min_col))
                if top_left is None:
                    continue
                # Clipped to the cells holding data, for a merge over whole rows or columns.
                for r in range(merged.min_row, min(merged.max_row, last_row) + 1):
                    for c in range(merged.min_col, min(merged.max_col, last_column) + 1):
                        if (r, c) != (merged.min_row, merged.min_col):
                            by_position[(r, c)] = replace(
                                top_left,
                                row=r,
                                column=get_column_letter(c),
                                merged_from=merged.min_row,
                            )
        hidden_rows = frozenset(r for r, d in worksheet.row_dimensions.items() if d.hidden)
        hidden_columns = frozenset(
            get_column_letter(c)
            for d in worksheet.column_dimensions.values()
            if d.hidden and d.min is not None and d.max is not None
            for c in range(d.min, min(d.max, 16384) + 1)
        )
        title = worksheet.title
    finally:
        workbook.close()
    rows: dict[int, list[tuple[int, Cell]]] = {}
    for (r, c), cell in by_position.items():
        rows.setdefault(r, []).append((c, cell))
    return Grid(
        path=path,
        rows=tuple(
            tuple(cell for _, cell in sorted(rows[r], key=lambda item: item[0]))
            for r in sorted(rows)
        ),
        sheet=title,
        hidden_rows=hidden_rows,
        hidden_columns=hidden_columns,
    )


def _xlsx_cell(row: int, column: str, value: object, number_format: str) -> Cell:
    if isinstance(value, bool):
        return Cell(row, column, str(value))
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)):
        return Cell(row, column, _date_text(value), shown_as="ngày giờ")
    if isinstance(value, (int, float)):
        number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
        if "%" in number_format.replace("\\%", "").replace('"%"', ""):
            shown_places = _format_places(number_format) or 0
            shown = (number * 100).quantize(Decimal(1).scaleb(-shown_places))
            return Cell(row, column, format_number(shown) + "%", number, shown_as="phần trăm")
        if isinstance(value, int):
            return Cell(row, column, format_number(number), number)
        places = _format_places(number_format)
        if places is not None:
            number = number.quantize(Decimal(1).scaleb(-places))
        elif -number.as_tuple().exponent > 6:  # type: ignore[operator]
            # Binary floating point noise from a formula: keep what a person would see.
            number = number.quantize(Decimal("0.000001")).normalize()
        return Cell(row, column, format_number(number), number)
    return Cell(row, column, unicodedata.normalize("NFC", str(value)))


def _date_text(value: object) -> str:
    """A date or time as a Vietnamese reader writes it (05/03/2019, 05/03/2019 08:30)."""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def formula_at(path: Path, sheet: str | None, row: int, column: str) -> str | None:
    """The formula of an XLSX cell, read again only to explain an empty value."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        worksheet = workbook[sheet] if sheet is not None else workbook.active
        value = worksheet[f"{column}{row}"].value
    finally:
        workbook.close()
    return value if isinstance(value, str) and value.startswith("=") else None


def _format_places(number_format: str) -> int | None:
    """Decimal places an Excel number format shows ("0.00" -> 2), or None for General."""
    match = re.search(r"0\.(0+)", number_format)
    if match:
        return len(match.group(1))
    if re.fullmatch(r"[#,]*0", number_format.strip()):
        return 0
    return None
