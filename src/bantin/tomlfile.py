"""Read a TOML settings file as staff write it in Notepad: errors in Vietnamese, located.

A backslash typed as a Windows folder separator in a double-quoted string is the usual
mistake: TOML refuses "images\\anh.jpg" and quietly reads "images\\new.jpg" as holding a
line break. Both are found here, with the row, the column and the fix.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any, NamedTuple

from bantin.errors import DataError


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, with its errors in Vietnamese and located."""
    try:
        raw = path.read_bytes()
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
        raise DataError(
            "cú pháp TOML không hợp lệ (kiểm tra dấu ngoặc kép và dấu =)",
            path=path,
            row=row,
            column=col,
        ) from e
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
