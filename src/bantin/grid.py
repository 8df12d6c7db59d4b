"""A score file as the grid of cells its user sees: rows and columns, texts and numbers.

CSV text is decoded here (UTF-8 or UTF-16; legacy Vietnamese encodings refused with
advice); XLSX is read with openpyxl, numbers kept as the sheet shows them. bantin.scores
then finds the header row and reads the scores.
"""

from __future__ import annotations

import codecs
import datetime
import io
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from bantin.errors import DataError
from bantin.source import Source, source_of
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
    # An XLSX file's bytes, to read a formula again when a cell shows no value.
    data: bytes = field(default=b"", repr=False)


def decode_text(raw: bytes, path: Path) -> str:
    """Text of a CSV file in UTF-8 (BOM or not), UTF-16 or UTF-32 (BOM or not); legacy
    encodings are refused."""
    encoding = _unicode_encoding(raw)
    if encoding is not None:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as e:
            name = encoding.split("-")[0].upper() + "-" + encoding.split("-")[1]
            row = raw[: e.start].decode(encoding, "replace").count("\n") + 1
            raise DataError(
                f"tệp {name} bị hỏng (có byte không đọc được); {_RESAVE}", path=path, row=row
            ) from e
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        row = raw[: e.start].count(b"\n") + 1
        raise DataError(
            f"tệp dùng bảng mã cũ {_legacy_encoding(raw)}, không phải Unicode (UTF-8); {_RESAVE}",
            path=path,
            row=row,
        ) from e
    if "\x00" in text:
        row = text[: text.index("\x00")].count("\n") + 1
        raise DataError(
            "tệp có ký tự rỗng (NUL), không phải tệp CSV văn bản; mở tệp bằng Excel rồi chọn "
            "Tệp > Lưu thành > CSV UTF-8 (hoặc lưu thành .xlsx)",
            path=path,
            row=row,
        )
    return text


def _unicode_encoding(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 (with their byte order), from the BOM or, without one, from where
    the zero bytes fall: text in a score file is mostly ASCII and Vietnamese letters, all
    below U+FFFF, so each character has zero bytes in fixed places."""
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" not in raw[:4096]:
        return None
    head = raw[: 4096 - 4096 % 4]
    zeros = [head[i::4].count(0) / max(1, len(head[i::4])) for i in range(4)]
    if len(raw) % 4 == 0 and zeros[2] == zeros[3] == 1 and zeros[0] < 0.5:
        return "utf-32-le"
    if len(raw) % 4 == 0 and zeros[0] == zeros[1] == 1 and zeros[3] < 0.5:
        return "utf-32-be"
    even, odd = (zeros[0] + zeros[2]) / 2, (zeros[1] + zeros[3]) / 2
    if len(raw) % 2 == 0 and odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if len(raw) % 2 == 0 and even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


# The most characters an Excel cell holds: a longer "cell" in a CSV file is not one the
# user ever saw, most often a quote left open that swallowed the lines after it.
EXCEL_CELL_LIMIT = 32767


def open_quote(path: Path, row: int, column: int) -> DataError:
    """The error for a CSV quote left open, which swallows the lines after it."""
    return DataError(
        'ô mở bằng dấu ngoặc kép (") nhưng không có dấu đóng, nên các dòng sau nó bị đọc '
        'thành một ô; hãy thêm dấu " đóng cuối ô hoặc xoá dấu " mở, rồi lưu tệp',
        path=path,
        row=row,
        column=column,
    )


def oversized_cell(lines: list[str], first: int, delimiter: str, path: Path) -> DataError:
    """The error for a CSV cell longer than any Excel cell, in the row starting at line
    `first` + 1 (0-based `first`): where it starts, and the quote left open if that is why."""
    column, length, spanned = 1, 0, 0
    quoted = just_closed = False
    at_start = True
    for ch in "".join(lines[first:]):
        if quoted:
            if ch == '"':
                quoted, just_closed = False, True
                continue
            spanned += ch == "\n"
        else:
            if ch == '"' and (at_start or just_closed):  # an opening or a doubled quote
                quoted, at_start, just_closed = True, False, False
                continue
            just_closed = False
            if ch == delimiter:
                column, length, at_start = column + 1, 0, True
                continue
            if ch in "\r\n":
                break
            at_start = False
        length += 1
        if length <= EXCEL_CELL_LIMIT:
            continue
        if spanned:
            return open_quote(path, first + 1, column)
        return DataError(
            f"ô dài hơn {format_number(EXCEL_CELL_LIMIT)} ký tự (giới hạn của một ô Excel) nên "
            "không phải ô của bảng điểm; hãy xem lại ô này (có thể dữ liệu bị dán nhầm) rồi "
            "lưu tệp",
            path=path,
            row=first + 1,
            column=column,
        )
    return DataError(
        f"có ô dài hơn {format_number(EXCEL_CELL_LIMIT)} ký tự (giới hạn của một ô Excel); "
        "hãy xem lại dòng này rồi lưu tệp",
        path=path,
        row=first + 1,
    )


def _legacy_encoding(raw: bytes) -> str:
    """Name the legacy Vietnamese encoding a file most likely uses."""
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        return "TCVN3 (ABC) hoặc VNI"
    if any(ch in _TONE_MARKS for ch in text):
        return "Windows-1258"
    return "TCVN3 (ABC) hoặc VNI"


def read_xlsx(file: Path | Source, sheet: str | None) -> Grid:
    """The sheet of an .xlsx file (`sheet`, else the one Excel opens on) as cells; formulas
    give the values Excel saved, merged cells their top-left value on every cell."""
    import zipfile
    import zlib

    path = file.shown if isinstance(file, Source) else file
    try:
        source = source_of(file)
    except OSError as e:
        raise DataError(_NOT_XLSX, path=path) from e
    try:
        return _read_xlsx(source, sheet)
    except (zipfile.BadZipFile, zlib.error, EOFError, SyntaxError, KeyError, OSError) as e:
        # A file cut short or damaged inside: the workbook opens, then a sheet's XML or a
        # compressed part ends early (SyntaxError covers ElementTree's and lxml's ParseError).
        raise DataError(
            "tệp Excel bị hỏng (thiếu hoặc sai một phần bên trong); mở tệp bằng Excel rồi lưu "
            "lại, hoặc xin lại tệp từ nơi gửi",
            path=path,
        ) from e


_NOT_XLSX = "không mở được tệp Excel (.xlsx hỏng hoặc không phải .xlsx)"


def _read_xlsx(source: Source, sheet: str | None) -> Grid:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    path = source.shown
    try:
        # Read-only: cells are streamed as the file stores them, so a formatted empty cell
        # far away (XFD1048576) costs nothing, and a merge over whole columns creates no
        # cells. What that mode does not read (hidden rows and columns, merged ranges) is
        # read from the sheet's XML by _sheet_layout.
        workbook = load_workbook(io.BytesIO(source.data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise DataError(_NOT_XLSX, path=path) from e
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
        if not hasattr(worksheet, "iter_rows"):  # a chart sheet
            raise DataError(
                f'trang tính "{getattr(worksheet, "title", "")}" không phải bảng tính '
                f"(các trang: {', '.join(workbook.sheetnames)}); hãy mở tệp bằng Excel, chọn "
                'trang có bảng điểm rồi lưu, hoặc ghi sheet = "<tên trang>" vào định nghĩa bộ '
                "chỉ số",
                path=path,
            )
        title = worksheet.title
        # The dimension the file declares counts formatted empty cells: forget it, and
        # rows come as stored, each as long as its last stored cell.
        worksheet.reset_dimensions()
        by_position: dict[tuple[int, int], Cell] = {}
        for values in worksheet.iter_rows():
            for cell in values:
                value = getattr(cell, "value", None)
                row, column = getattr(cell, "row", None), getattr(cell, "column", None)
                if value is None or row is None or column is None:
                    continue
                number_format = getattr(cell, "number_format", "General") or "General"
                by_position[(row, column)] = _xlsx_cell(
                    row, get_column_letter(column), value, number_format
                )
    finally:
        workbook.close()
    hidden_rows, hidden_columns, merges = _sheet_layout(source.data, title)
    if by_position:
        last_row = max(r for r, _ in by_position)
        last_column = max(c for _, c in by_position)
        for min_row, min_col, max_row, max_col in merges:
            top_left = by_position.get((min_row, min_col))
            if top_left is None:
                continue
            # Clipped to the cells holding data, for a merge over whole rows or columns.
            for r in range(min_row, min(max_row, last_row) + 1):
                for c in range(min_col, min(max_col, last_column) + 1):
                    if (r, c) != (min_row, min_col):
                        by_position[(r, c)] = replace(
                            top_left, row=r, column=get_column_letter(c), merged_from=min_row
                        )
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
        data=source.data,
    )


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _sheet_layout(
    data: bytes, title: str
) -> tuple[frozenset[int], frozenset[str], list[tuple[int, int, int, int]]]:
    """Hidden rows, hidden columns and merged ranges (min_row, min_col, max_row, max_col) of
    the sheet named `title`, read from the file's XML as the Office Open XML standard lays
    it out (the workbook names each sheet's part through its relationships)."""
    import posixpath
    import zipfile
    from xml.etree import ElementTree

    from openpyxl.utils import get_column_letter, range_boundaries

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
        targets = {
            r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PACKAGE_RELS}Relationship")
        }
        target = next(
            (
                targets.get(s.get(f"{_RELATIONSHIPS}id"), "")
                for s in workbook.iter(f"{_MAIN}sheet")
                if s.get("name") == title
            ),
            "",
        )
        name = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join("xl", target))
        )
        hidden_rows: set[int] = set()
        hidden_columns: set[str] = set()
        merges: list[tuple[int, int, int, int]] = []
        # Rows are hidden by default when the sheet says zeroHeight (Excel writes that when
        # most rows are hidden); a row or column of zero height or width is hidden too.
        zero_height = False
        with package.open(name) as part:
            for _event, element in ElementTree.iterparse(part):
                tag = element.tag
                if tag == f"{_MAIN}sheetFormatPr":
                    zero_height = element.get("zeroHeight") in ("1", "true")
                elif tag == f"{_MAIN}row":
                    if element.get("r") and _row_hidden(element.attrib, zero_height):
                        hidden_rows.add(int(element.get("r", "0")))
                    element.clear()  # its cells were read by openpyxl: keep memory flat
                elif tag == f"{_MAIN}col" and (
                    element.get("hidden") in ("1", "true") or _is_zero(element.get("width"))
                ):
                    first, last = int(element.get("min", "1")), int(element.get("max", "1"))
                    hidden_columns.update(
                        get_column_letter(c) for c in range(first, min(last, 16384) + 1)
                    )
                elif tag == f"{_MAIN}mergeCell" and element.get("ref"):
                    min_col, min_row, max_col, max_row = range_boundaries(element.get("ref", ""))
                    if None not in (min_col, min_row, max_col, max_row):
                        merges.append((min_row, min_col, max_row, max_col))
    return frozenset(hidden_rows), frozenset(hidden_columns), merges


def _is_zero(size: str | None) -> bool:
    """Whether a row height or column width attribute is zero."""
    try:
        return size is not None and float(size) == 0
    except ValueError:
        return False


def _row_hidden(attributes: dict[str, str], zero_height: bool) -> bool:
    """Whether Excel shows a row: not hidden, not zero high, not hidden by default."""
    if attributes.get("hidden") in ("1", "true") or _is_zero(attributes.get("ht")):
        return True
    custom = attributes.get("customHeight") in ("1", "true")
    return zero_height and not (custom and attributes.get("ht") is not None)


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


def formula_at(data: bytes, sheet: str | None, row: int, column: str) -> str | None:
    """The formula of a cell of an XLSX file's bytes, read again only to explain an empty
    value."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True)
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
