"""Read a TOML settings file as staff write it in Notepad: errors in Vietnamese, located.

A backslash typed as a Windows folder separator in a double-quoted string is the usual
mistake: TOML refuses "images\\anh.jpg" and quietly reads "images\\new.jpg" as holding a
line break. Both are found here, with the row, the column and the fix.

Table then holds the parsed file to its schema (model.*_SCHEMA): a key the schema does not
have is refused with the closest known key, every value is checked for type and range, and
since tomllib gives no positions, the key's row is found by scanning the text.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from bantin.errors import DataError
from bantin.model import Key
from bantin.scores import parse_score_text
from bantin.source import Source, source_of


def read_toml(file: Path | Source) -> dict[str, Any]:
    """Parse a TOML file (read from disk, or given as a Source), with its errors in
    Vietnamese and located."""
    path = file.shown if isinstance(file, Source) else file
    try:
        raw = source_of(file).data
    except FileNotFoundError:
        raise DataError("không tìm thấy tệp", path=path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DataError("tệp không được lưu dưới dạng UTF-8", path=path) from e
    backslash = first_backslash_problem(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        row, col = (int(where.group(1)), int(where.group(2))) if where else (None, None)
        # tomllib points past the backslash it choked on, so an escape at or before its
        # position is the cause; a syntax error earlier in the file is reported first.
        if backslash is not None and (
            row is None or (backslash.row, backslash.column) <= (row, col)
        ):
            raise backslash.error(path) from e
        message = "cú pháp TOML không hợp lệ (kiểm tra dấu ngoặc kép và dấu =)"
        if row is not None and col is not None:
            lines = text.split("\n")  # as TOML counts them (splitlines also splits at \v)
            line = lines[row - 1] if row <= len(lines) else ""
            bad = _UNPRINTABLE.search(line[col - 1 : col]) or _UNPRINTABLE.search(line)
            if bad is not None:  # pasted from another program: invisible, so say which
                message = (
                    f"dòng có ký tự điều khiển U+{ord(bad.group()):04X} không nhìn thấy; hãy "
                    "xoá ký tự này (hoặc gõ lại dòng)"
                )
        raise DataError(message, path=path, row=row, column=col) from e
    if backslash is not None and backslash.silent:
        raise backslash.error(path)  # valid TOML, but a path with a line break or tab in it
    result: dict[str, Any] = _nfc_tree(data)
    return result


# Keys whose values are file paths. Typed on Windows, their folders are separated by "\",
# which a double-quoted TOML string reads as the start of an escape: "images\anh.jpg" is
# refused, and "images\new.jpg" silently holds a line break.
PATH_KEYS = frozenset({"file"})

# Escapes TOML accepts that never belong in a path, and what they become.
_CONTROL_ESCAPES = {
    "b": "ký tự xoá lùi",
    "t": "dấu tab",
    "n": "ký tự xuống dòng",
    "f": "ký tự sang trang",
    "r": "ký tự về đầu dòng",
}
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_KEY_BEFORE = re.compile(r"""([A-Za-z0-9_-]+|"[^"\\\n]*"|'[^'\n]*')[ \t]*=[ \t]*$""")
_ONE_LINE_BODY = re.compile(r'(?:[^"\\\n]|\\[^\n]|\\$)*', re.MULTILINE)


class Backslash(NamedTuple):
    """A backslash in a double-quoted TOML string that does not mean what the user meant."""

    row: int
    column: int
    message: str
    silent: bool  # TOML accepts it: the value quietly holds a control character

    def error(self, path: Path) -> DataError:
        """The located error, in the file it was found in."""
        return DataError(self.message, path=path, row=self.row, column=self.column)


def first_backslash_problem(text: str) -> Backslash | None:
    """The first backslash in TOML text that TOML refuses, or that changes a path.

    Double-quoted strings are scanned; comments and single-quoted strings are skipped.
    An escape TOML refuses is a problem in any string; \\b \\t \\n \\f \\r only in the
    value of a path key (PATH_KEYS), where the user meant a folder separator.
    """
    if "\\" not in text:
        return None
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char == "#":
            i = _find(text, "\n", i)
        elif text.startswith("'''", i):
            i = _find(text, "'''", i + 3) + 3
        elif char == "'":
            i = min(_find(text, "'", i + 1), _find(text, "\n", i + 1)) + 1
        elif char == '"':
            found = _basic_string(text, i)
            if isinstance(found, Backslash):
                return found
            i = found
        else:
            i += 1
    return None


def _find(text: str, sub: str, start: int) -> int:
    found = text.find(sub, start)
    return len(text) if found < 0 else found


def _basic_string(text: str, opening: int) -> int | Backslash:
    """Where the double-quoted string opened at `opening` ends, or its first bad backslash."""
    closing = '"""' if text.startswith('"""', opening) else '"'
    multiline = len(closing) == 3
    line_start = text.rfind("\n", 0, opening) + 1
    key_match = _KEY_BEFORE.search(text, line_start, opening)
    key = key_match.group(1).strip("\"'") if key_match else None
    is_path = key in PATH_KEYS and not multiline
    i = start = opening + len(closing)
    while i < len(text):
        if text.startswith(closing, i):
            return i + len(closing)
        char = text[i]
        if char == "\n" and not multiline:
            return i
        if char != "\\":
            i += 1
            continue
        following = text[i + 1 : i + 2]
        control = following in _CONTROL_ESCAPES
        if (control and is_path) or not (control or _accepted_escape(text, i, multiline)):
            body = _ONE_LINE_BODY.match(text, start)
            raw = body.group() if body else ""
            return _backslash(text, i, key, is_path, raw)
        i += 2
    return i


def _accepted_escape(text: str, i: int, multiline: bool) -> bool:
    """Whether TOML accepts the escape at i (\\b \\t \\n \\f \\r aside)."""
    following = text[i + 1 : i + 2]
    if following in ('"', "\\"):
        return True
    digits = {"u": 4, "U": 8}.get(following)
    if digits is not None:
        hex_part = text[i + 2 : i + 2 + digits]
        return len(hex_part) == digits and set(hex_part) <= _HEX_DIGITS
    if multiline:  # a backslash that ends a line, spaces allowed before the line break
        return text[i + 1 :].lstrip(" \t").startswith(("\n", "\r\n"))
    return False


def _backslash(text: str, at: int, key: str | None, is_path: bool, raw: str) -> Backslash:
    """The problem of the backslash at `at`, in the value `raw` of `key` (None: unknown)."""
    row = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at)
    following = text[at + 1 : at + 2]
    silent = following in _CONTROL_ESCAPES
    if silent:
        what = f"TOML đọc \\{following} thành {_CONTROL_ESCAPES[following]}"
    elif following.strip() and following.isprintable():
        what = f"TOML không chấp nhận \\{following}"
    else:
        what = "TOML không chấp nhận dấu \\ ở cuối dòng hay trước khoảng trắng"
    if not is_path:
        example = f"{key} = '...'" if key else "'...'"
        return Backslash(
            row,
            column,
            f"dấu \\ trong chuỗi: trong dấu ngoặc kép, {what}; viết \\\\ thay cho mỗi dấu \\ "
            f"hoặc đặt cả chuỗi trong dấu nháy đơn ({example}); đường dẫn thì dùng dấu /",
            silent,
        )
    slashes = re.sub(r"\\+", "/", raw)
    fix = f'dùng dấu / ({key} = "{slashes}")'
    if "'" not in raw:
        fix += f" hoặc dấu nháy đơn ({key} = '{raw}')"
    return Backslash(
        row, column, f"dấu \\ trong đường dẫn: trong dấu ngoặc kép, {what}; hãy {fix}", silent
    )


def _nfc_tree(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {unicodedata.normalize("NFC", k): _nfc_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc_tree(v) for v in value]
    return value


class KeyPlace(NamedTuple):
    """Where a key is written: its row, the column of the key and of its value."""

    row: int
    column: int
    value_column: int


_HEADER = re.compile(r"""^[ \t]*(\[\[?)[ \t]*("[^"\n]*"|'[^'\n]*'|[^\]\n]*?)[ \t]*\]""")


def find_key(path: Path | Source, table: tuple[str, int] | None, key: str) -> KeyPlace | None:
    """Where `key = ...` is first written at the top of a TOML file, or in one of its tables.

    tomllib gives no positions, so the text is scanned line by line: `table` is an array
    of tables and the index of one of them ("bands", 0 for the first [[bands]]), None for
    the top of the file. A small scan: the files are short and written one key a line.
    """
    lines = _lines(path)
    wanted = re.compile(
        rf"""^([ \t]*)({re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')[ \t]*=[ \t]*"""
    )
    current: tuple[str, int] | None = None
    seen: dict[str, int] = {}
    for row, line in enumerate(lines, start=1):
        header = _HEADER.match(line)
        if header:
            name = header.group(2).strip("\"'")
            index = seen.get(name, -1) + 1 if header.group(1) == "[[" else 0
            seen[name] = index
            current = (name, index)
            continue
        if current != table:
            continue
        match = wanted.match(line)
        if match:
            return KeyPlace(row, len(match.group(1)) + 1, match.end() + 1)
    return None


def find_table(path: Path | Source, name: str) -> int | None:
    """The row of the first [name] or [[name]] header in a TOML file."""
    for row, line in enumerate(_lines(path), start=1):
        header = _HEADER.match(line)
        if header and header.group(2).strip("\"'") == name:
            return row
    return None


def _lines(path: Path | Source) -> list[str]:
    try:
        return source_of(path).data.decode("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


class Table:
    """Typed access to one TOML table, held to its schema, with located Vietnamese errors.

    Made, it refuses any key its schema does not have: a misspelt key must stop the run,
    not be ignored (the setting it meant would silently keep its default).
    """

    def __init__(
        self,
        data: Mapping[str, Any],
        path: Path | Source,
        schema: Mapping[str, Key],
        where: tuple[str, int] | None = None,
        top: Mapping[str, Key] | None = None,
    ) -> None:
        self.data = data
        # Keys are found in the file's text (`file`); messages name `path`.
        self.file = path
        self.path = path.shown if isinstance(path, Source) else path
        self.schema = schema
        self.where = where  # ("bands", 0) for the first [[bands]]; None: the top of the file
        self.top = top if top is not None else schema
        self.prefix = f"{where[0]}[{where[1] + 1}]." if where else ""
        for key, value in data.items():
            if key not in schema:
                raise self._unknown(key, value)

    def _name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def error(self, message: str, key: str, at_value: bool = True) -> DataError:
        """An error about a key of this table, at its row (and its value's column)."""
        place = find_key(self.file, self.where, key)
        if place is None:
            return DataError(message, path=self.path)
        column = place.value_column if at_value else place.column
        return DataError(message, path=self.path, row=place.row, column=column)

    def _unknown(self, key: str, value: Any) -> DataError:
        if self.where is not None and key in self.top:
            first = self.where[0]
            return self.error(
                f'khoá "{key}" viết sau [[{first}]] nên TOML đọc nó là khoá của bảng '
                f"[[{first}]] đứng trên; chuyển dòng này lên đầu tệp, trước [[{first}]] đầu tiên",
                key,
                at_value=False,
            )
        if self.where is None:
            for name, spec in self.schema.items():
                if spec.table is not None and key in spec.table:
                    return self.error(
                        f'khoá "{key}" phải nằm trong một bảng [[{name}]] '
                        f"(viết dưới dòng [[{name}]])",
                        key,
                        at_value=False,
                    )
        is_table = isinstance(value, dict) or (
            isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
        )
        if is_table:
            brackets = "[[{}]]" if isinstance(value, list) else "[{}]"
            tables = [n for n, spec in self.schema.items() if spec.kind == "tables"]
            close = _closest(key, tables)
            hint = f"có phải: [[{close}]]?" if close else "tệp này không có bảng nào như vậy"
            message = f"bảng lạ {brackets.format(key)}; {hint}"
            row = find_table(self.file, key)
            return DataError(message, path=self.path, row=row)
        inside = f" trong [[{self.where[0]}]]" if self.where else ""
        close = _closest(key, self.schema)
        hint = f"có phải: {close}?" if close else "các khoá dùng được: " + ", ".join(self.schema)
        return self.error(f'khoá lạ "{key}"{inside}; {hint}', key, at_value=False)

    def _value_error(self, key: str, what: str) -> DataError:
        value = self.data[key]
        return self.error(
            f'khoá "{self._name(key)}" phải là {what}, không phải {_toml_value(value)}', key
        )

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            raise DataError(f'thiếu khoá "{self._name(key)}"', path=self.path)
        if not isinstance(value, str) or not value.strip():
            raise self.error(f'khoá "{self._name(key)}" phải là một chuỗi khác rỗng', key)
        self._printable(key, value)
        return value.strip()

    def _printable(self, key: str, value: str) -> None:
        """Refuse a character no document can hold (a control character, written \u0007 or
        pasted): it would stop DOCX and HTML output far from this file."""
        bad = _UNPRINTABLE.search(value)
        if bad is not None:
            raise self.error(
                f'khoá "{self._name(key)}" có ký tự điều khiển U+{ord(bad.group()):04X} không '
                "in được; hãy xoá ký tự này (hoặc gõ lại chuỗi)",
                key,
            )

    def choice(self, key: str, default: str) -> str:
        """One of the schema's allowed values; each explained if wrong."""
        value = self.text(key, default)
        allowed = dict(self.schema[key].choices)
        if value not in allowed:
            options = " hoặc ".join(f'"{k}" ({why})' for k, why in allowed.items())
            raise self.error(f'{self._name(key)} = "{value}" không hợp lệ; dùng {options}', key)
        return value

    def optional_text(self, key: str) -> str | None:
        if key not in self.data:
            return None
        return self.text(key)

    def integer(self, key: str, default: int) -> int:
        """An integer within the schema's range."""
        spec = self.schema[key]
        value = self.data.get(key, default)
        low, high = spec.low, spec.high
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            if high is None:
                what = f"số nguyên từ {low} trở lên"
            else:
                what = f"số nguyên từ {low} đến {high}"
            raise self._value_error(key, what)
        return value

    def optional_integer(self, key: str) -> int | None:
        if key not in self.data:
            return None
        return self.integer(key, 0)

    def decimal(self, key: str, default: Decimal | None = None) -> Decimal:
        value = self.data.get(key)
        if value is None:
            if default is None:
                raise DataError(f'thiếu khoá "{self._name(key)}"', path=self.path)
            return default
        # Floats are read back from their shortest repr, which is what the user typed.
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self._value_error(key, "một số")
        try:
            return parse_score_text(str(value))
        except ValueError:
            raise self.error(f'khoá "{self._name(key)}": "{value}" không phải là số', key) from None

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self._value_error(key, "true hoặc false")
        return value

    def tables(self, key: str) -> list[Table]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            place = find_key(self.file, None, key)
            row = find_table(self.file, key) or (place.row if place else None)
            raise DataError(
                f'khoá "{self._name(key)}" phải là danh sách bảng [[{key}]]',
                path=self.path,
                row=row,
            )
        schema = self.schema[key].table
        assert schema is not None, f"{key} is not an array of tables in the schema"
        return [Table(v, self.file, schema, (key, i), self.top) for i, v in enumerate(value)]

    def strings(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(f'khoá "{self._name(key)}" phải là danh sách chuỗi', key)
        for v in value:
            self._printable(key, v)
        return [v.strip() for v in value]


# What XML 1.0 (so DOCX and HTML) cannot hold: tab and line breaks are fine.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _closest(key: str, known: Iterable[str]) -> str | None:
    """The known key closest to a misspelt one, if any is close."""
    import difflib

    close = difflib.get_close_matches(key.casefold(), list(known), n=1, cutoff=0.75)
    return close[0] if close else None


def _toml_value(value: Any) -> str:
    """A value as it is written in TOML, to quote it back to the user."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một bảng"
    return str(value)
