"""What the text of a score table's cell says beyond its letters: a summary row's label
("Điểm trung bình", "Tổng cộng") that is no unit, or a character no reader can see."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from bantin.errors import DataError
from bantin.grid import Cell
from bantin.vi import match_key

# Labels of the rows offices put under a table (compared without case or diacritics),
# and the words that may follow one ("Trung bình chung", "Tổng cộng toàn khối").
_SUMMARY_LABELS = frozenset(
    {
        "trung binh",
        "diem trung binh",
        "trung binh cong",
        "binh quan",
        "diem binh quan",
        "tong",
        "tong cong",
        "cong",
        "tong so",
        "tong diem",
        "tong so diem",
    }
)
_SUMMARY_TAILS = frozenset({"chung", "toan", "cac", "khoi", "cua", "ca", "nhom"})


def summary_label(text: str) -> bool:
    """Whether a cell's text labels a summary row (an average or a total), not a unit.

    "Tổng công ty ..." is a unit: a label must stand alone, or be followed by a word
    that only a summary uses ("Trung bình chung", "Tổng cộng toàn khối").
    """
    words = re.sub(r"[^\w\s]", " ", match_key(text)).split()
    for size in range(len(words), 0, -1):
        if " ".join(words[:size]) in _SUMMARY_LABELS:
            return size == len(words) or words[size] in _SUMMARY_TAILS
    return False


def summary_row(cell: Cell, path: Path) -> DataError:
    """The error for a summary row in the table: bantin ranks units, never an average."""
    label = " ".join(cell.text.split())
    return DataError(
        f'dòng "{label}" là dòng tổng hợp của bảng (trung bình hoặc tổng), không phải một đơn '
        f"vị; bantin không xếp hạng dòng này và không tự bỏ qua nó: hãy xoá dòng {cell.row} "
        "rồi lưu tệp",
        path=path,
        row=cell.row,
        column=cell.column,
    )


def _hidden_kind(ch: str) -> str | None:
    """What kind of character a reader cannot see `ch` is, or None for a visible one.

    Whitespace of any kind (tab, line break, U+2028) is a space to the reader and
    bantin reads it so; control, format (zero-width) and unassigned characters are not.
    """
    if ch.isspace():
        return None
    category = unicodedata.category(ch)
    if category == "Cc":
        return "ký tự điều khiển"
    if category == "Cf":
        return "ký tự định dạng"
    if category in ("Cs", "Co", "Cn"):
        return "ký tự không hợp lệ"
    return None


def invisible(cell: Cell, what: str, path: Path) -> DataError | None:
    """The error for a cell holding a character its reader cannot see (a control or
    zero-width character), which would make the name differ from what they read."""
    for index, ch in enumerate(cell.text):
        kind = _hidden_kind(ch)
        if kind is None:
            continue
        shown = "".join(c for c in cell.text if _hidden_kind(c) is None)
        before = " ".join(cell.text[:index].split())
        where = f'sau "{before}"' if before else "ở đầu ô"
        return DataError(
            f'{what} "{" ".join(shown.split())}" có một ký tự không nhìn thấy ({kind} '
            f"U+{ord(ch):04X}, {where}); hãy xoá nội dung ô, gõ lại rồi lưu tệp",
            path=path,
            row=cell.row,
            column=cell.column,
        )
    return None
