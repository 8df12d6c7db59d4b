"""Vietnamese numbers written in words, read as the digits an editor could have typed.

"tăng bảy điểm", "hai mươi mốt", "sáu phẩy năm", "bốn trên 21": a draft's numbers in
words are rewritten as digits (7, 21, 6,5, 4 trên 21) before the rules read it, and
every rewritten stretch remembers where it came from, so a finding quotes the words.

num2words writes Vietnamese number words but does not read them; vn-numberwords
reads whole numbers from a string that is only a number, not decimals, nor where a
number starts and ends in running text, which is the job here. So this is a small
parser over the standard reading and its common variants: mốt, tư, lăm/nhăm,
linh/lẻ, mươi/mười, nghìn/ngàn, the spoken "hai mốt" (21). Words that are
numbers only sometimes ("năm" is also "year", "một" also "a", "không" also "not") are
read as a number only where a count or score follows, or as part of a longer number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_DIGITS = {
    "không": 0,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
# The units digit after "mươi"/"mười" (or a spoken "hai mốt"): "năm" there means years.
_AFTER_TENS = {**{k: v for k, v in _DIGITS.items() if k not in ("không", "năm")}}
_AFTER_TENS |= {"mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}
_SPOKEN_UNITS = {"mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}
_TENS = ("mươi", "mười")
_ODD = ("linh", "lẻ")
_SCALES = {"tỷ": 10**9, "tỉ": 10**9, "triệu": 10**6, "nghìn": 10**3, "ngàn": 10**3}
_COMMA = ("phẩy",)
_FRACTION_DIGITS = {**_DIGITS, "mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}
_WORD_RE = re.compile(r"\w+")
_STARTS = set(_DIGITS) | set(_TENS)  # the words a number in words can begin with


@dataclass(frozen=True)
class Reading:
    """A number read from words: its value as the draft would write it, and words used."""

    text: str
    words: int


def read_number(words: list[str]) -> Reading | None:
    """The longest number that the (casefolded) words at the start of `words` spell."""
    whole = _cardinal(words, 0)
    if whole is None:
        if words[:2] and words[0] == "không" and words[1:2] == ["phẩy"]:
            whole = (0, 1)
        else:
            return None
    value, end = whole
    if end < len(words) and words[end] in _COMMA:
        fraction = _fraction(words, end + 1)
        if fraction is not None:
            digits, after = fraction
            return Reading(f"{value},{digits}", after)
    if value == 0:
        return None
    return Reading(str(value), end)


def _cardinal(words: list[str], i: int) -> tuple[int, int] | None:
    total, scale_above = 0, None
    start = i
    while True:
        group = _group(words, i, leading=i == start)
        if group is None:
            break
        value, after = group
        scale_word = words[after] if after < len(words) else None
        scale = _SCALES.get(scale_word or "")
        if scale is not None and (scale_above is None or scale < scale_above) and value:
            total += value * scale
            scale_above, i = scale, after + 1
            continue
        total += value
        i = after
        break
    if i == start:
        return None
    return total, i


def _group(words: list[str], i: int, leading: bool) -> tuple[int, int] | None:
    """A number below 1000 from words[i]: hundreds, then tens and units."""
    n = len(words)
    value, start = 0, i
    hundreds = False
    if i + 1 < n and words[i] in _DIGITS and words[i + 1] == "trăm":
        if words[i] == "không" and leading:
            return None
        value, i, hundreds = 100 * _DIGITS[words[i]], i + 2, True
    word = words[i] if i < n else None
    following = words[i + 1] if i + 1 < n else None
    if word in _ODD and (hundreds or not leading) and following in _DIGITS:
        if following != "không":
            return value + _DIGITS[following], i + 2
    elif word == "mười":
        value += 10
        i += 1
        if following in _AFTER_TENS:
            value, i = value + _AFTER_TENS[following], i + 1
        return value, i
    elif word in _DIGITS and following in _TENS and _DIGITS[word] >= 2:
        value += 10 * _DIGITS[word]
        i += 2
        after = words[i] if i < n else None
        if after in _AFTER_TENS:
            value, i = value + _AFTER_TENS[after], i + 1
        return value, i
    elif word in _DIGITS and following in _SPOKEN_UNITS and _DIGITS[word] >= 2:
        return value + 10 * _DIGITS[word] + _SPOKEN_UNITS[following], i + 2
    elif word in _DIGITS and leading and not hundreds and word != "không":
        return _DIGITS[word], i + 1
    return (value, i) if i > start else None


def _fraction(words: list[str], i: int) -> tuple[str, int] | None:
    """The digits after "phẩy": a number with its leading zeros, or digit by digit."""
    zeros = 0
    while i + zeros < len(words) and words[i + zeros] == "không":
        zeros += 1
    cardinal = _cardinal(words, i + zeros)
    if cardinal is not None and cardinal[1] - (i + zeros) > 1:
        value, end = cardinal
        return "0" * zeros + str(value), end
    digits: list[str] = []
    end = i
    while end < len(words) and words[end] in _FRACTION_DIGITS and len(digits) < 4:
        digits.append(str(_FRACTION_DIGITS[words[end]]))
        end += 1
    return ("".join(digits), end) if digits else None


# What may follow a number of one word for it to be read as a number: a count or a score.
_COUNTERS = re.compile(
    r"\s*(?:điểm|bậc|hạng|đơn\s+vị|cơ\s+quan|sở\b|năm\s+liên\s+tiếp|trên\s+\w|phẩy|phần\s+trăm|%|/)",
    re.IGNORECASE,
)
_CHANGE_BEFORE = re.compile(r"(?:tăng|giảm|thêm|trên)\s*$", re.IGNORECASE)
# A rank word, not a number: "thứ Năm", "hạng Ba".
_RANK_BEFORE = re.compile(r"(?:thứ|hạng)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Spelled:
    """A paragraph with its numbers in words written as digits, and the way back."""

    original: str
    text: str
    # (start, end) in text, (start, end) in original, of each rewritten stretch.
    edits: tuple[tuple[int, int, int, int], ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The stretch of the original that a stretch of the rewritten text came from."""
        return self._map(start, True), self._map(end, False)

    def _map(self, at: int, is_start: bool) -> int:
        shift = 0
        for new_start, new_end, old_start, old_end in self.edits:
            if at < new_start or (at == new_start and not is_start):
                break
            if at < new_end or (at == new_end and not is_start):
                return old_start if is_start else old_end
            shift = old_end - new_end
        return at + shift


def spell_digits(
    text: str, names: Callable[[str], Sequence[tuple[int, int]]] | None = None
) -> Spelled:
    """The text with each number written in words rewritten as digits (see module doc).

    `names` tells where the text names a unit or an evaluation ("Sở Tư pháp"): asked
    only when the text holds a number in words, since it is the slower part.
    """
    protected: Sequence[tuple[int, int]] | None = None
    tokens = [(m.start(), m.end(), m.group(0).casefold()) for m in _WORD_RE.finditer(text)]
    if not any(t[2] in _STARTS for t in tokens):
        return Spelled(text, text, ())
    pieces: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    done, length, k = 0, 0, 0
    while k < len(tokens):
        start, word = tokens[k][0], tokens[k][2]
        reading = read_number([t[2] for t in tokens[k : k + 16]]) if word in _STARTS else None
        end = tokens[k + reading.words - 1][1] if reading else start
        if (
            reading is None
            or not _stands_alone(text, start, end, reading.words)
            or _RANK_BEFORE.search(text, max(0, start - 8), start)
        ):
            k += 1
            continue
        if protected is None:
            protected = names(text) if names else ()
        if any(a <= start < b for a, b in protected):
            k += 1
            continue
        pieces.append(text[done:start])
        length += start - done
        pieces.append(reading.text)
        edits.append((length, length + len(reading.text), start, end))
        length += len(reading.text)
        done = end
        k += reading.words
    pieces.append(text[done:])
    return Spelled(text, "".join(pieces), tuple(edits))


def _stands_alone(text: str, start: int, end: int, words: int) -> bool:
    """Whether a number in words reads as a number where it stands (see module doc)."""
    if words > 1:
        return True
    return bool(_COUNTERS.match(text, end) or _CHANGE_BEFORE.search(text[:start]))
