"""A score file as the grid of cells its user sees: rows and columns, texts and numbers.

CSV text is decoded here (UTF-8 or UTF-16; legacy Vietnamese encodings refused with
advice); XLSX is read with openpyxl, numbers kept as the sheet shows them. bantin.scores
then finds the header row and reads the scores.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Grid:
    """A score file read into rows of cells."""

    path: Path
    rows: tuple[tuple[Cell, ...], ...]


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
    """The sheet of an .xlsx file (`sheet`, else the first) as cells; formulas give the
    values Excel saved."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
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
            worksheet = workbook.worksheets[0]
        rows = []
        for row_number, values in enumerate(worksheet.iter_rows(), start=1):
            cells = []
            for cell in values:
                value = getattr(cell, "value", None)
                column = getattr(cell, "column", None)
                if value is None or column is None:
                    continue
                letter = get_column_letter(column)
                number_format = getattr(cell, "number_format", "General") or "General"
                cells.append(_xlsx_cell(row_number, letter, value, number_format))
            rows.append(tuple(cells))
    finally:
        workbook.close()
    return Grid(path=path, rows=tuple(rows))


def _xlsx_cell(row: int, column: str, value: object, number_format: str) -> Cell:
    if isinstance(value, bool):
        return Cell(row, column, str(value))
    if isinstance(value, int):
        return Cell(row, column, format_number(Decimal(value)), Decimal(value))
    if isinstance(value, float):
        number = Decimal(repr(value))
        places = _format_places(number_format)
        if places is not None:
            number = number.quantize(Decimal(1).scaleb(-places))
        elif -number.as_tuple().exponent > 6:  # type: ignore[operator]
            # Binary floating point noise from a formula: keep what a person would see.
            number = number.quantize(Decimal("0.000001")).normalize()
        return Cell(row, column, format_number(number), number)
    return Cell(row, column, unicodedata.normalize("NFC", str(value)))


def _format_places(number_format: str) -> int | None:
    """Decimal places an Excel number format shows ("0.00" -> 2), or None for General."""
    match = re.search(r"0\.(0+)", number_format)
    if match:
        return len(match.group(1))
    if re.fullmatch(r"[#,]*0", number_format.strip()):
        return 0
    return None
