"""Vietnamese language helpers: numbers, counts, rank words, lists, change phrasing, collation.

Pure and small. Numbers are formatted by Babel with its "vi" locale data, loaded once
per process; nothing here calls locale.setlocale, so results never depend on the
machine.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

_VI = Locale.parse("vi")

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


# The most decimals a score is printed with (an evaluation's `decimals` has the same bound).
MAX_DECIMALS = 6


def format_number(value: Decimal | int, decimals: int | None = None) -> str:
    """Format with decimal comma and thousands dot, keeping the precision given.

    `Decimal("96.8")` gives "96,8" and `Decimal("98")` gives "98"; with
    `decimals=2`, `Decimal("68")` gives "68,00".
    """
    if decimals is not None and not 0 <= decimals <= MAX_DECIMALS:
        # A template may pass any number here: refuse before building a pattern of it.
        raise ValueError(f"số chữ số thập phân phải từ 0 đến {MAX_DECIMALS}, không phải {decimals}")
    value = Decimal(value)
    if decimals is None:
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    else:
        places = decimals
    # Exactly `places` decimals (Babel rounds half-even, as Decimal.quantize does).
    pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(value, format=pattern, locale=_VI)


def format_delta(value: Decimal, decimals: int | None = None) -> str:
    """Format the size of a change: trailing zeros of a subtraction dropped ("6", "1,25")."""
    magnitude = abs(value)
    if decimals is None:
        magnitude = _drop_trailing_zeros(magnitude)
    return format_number(magnitude, decimals)


def _drop_trailing_zeros(value: Decimal) -> Decimal:
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def pad_count(count: int, width: int, total: int | None = None) -> str:
    """Zero-pad a small count as publishers do ("03"); width 0 or 1 leaves it alone; a
    count out of `total` no wider than the total: "03/21" but "3/7"."""
    if total is not None:
        width = min(width, len(str(total)))
    return str(count).zfill(width) if width > 1 else str(count)


def fraction(count: int, total: int, width: int) -> str:
    """A count out of a total, as "03/21" (and "3/7": no wider than the total)."""
    return f"{pad_count(count, width, total)}/{total}"


def number_words(n: int) -> str:
    """Vietnamese words for a whole number 0..999 999 ("hai mươi mốt", "một trăm linh năm")."""
    if n < 0:
        raise ValueError("number_words needs a number >= 0")
    if n < 1000:
        return _below_thousand(n, full=False)
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        head = _below_thousand(thousands, full=False) + " nghìn"
        if rest == 0:
            return head
        return head + " " + _below_thousand(rest, full=True)
    raise ValueError("number_words supports numbers below one million")


def _below_thousand(n: int, *, full: bool) -> str:
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
        if rest == 0:
            return " ".join(words)
        if tens == 0:
            words += ["linh", _DIGITS[units]]
            return " ".join(words)
    if tens == 0:
        words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, _DIGITS[units]))
    return " ".join(words)


def rank_word(rank: int) -> str:
    """The rank as press articles write it after "xếp hạng": Nhất, Nhì, Ba, Tư, Năm..."""
    if rank < 1:
        raise ValueError("ranks start at 1")
    special = {1: "Nhất", 2: "Nhì", 4: "Tư"}
    if rank in special:
        return special[rank]
    words = number_words(rank)
    return words[0].upper() + words[1:]


def ordinal(rank: int) -> str:
    """The ordinal "thứ nhất", "thứ hai", "thứ tư", "thứ mười một"..."""
    if rank < 1:
        raise ValueError("ordinals start at 1")
    special = {1: "nhất", 4: "tư"}
    return "thứ " + special.get(rank, number_words(rank))


def join_list(items: Iterable[str], conjunction: str = "và") -> str:
    """Join as "A, B và C"; when a name itself contains "và", use "cùng" before the last.

    "Sở Khoa học và Công nghệ và Sở Tài chính" reads as three agencies; "Sở Khoa
    học và Công nghệ cùng Sở Tài chính" does not.
    """
    if type(items) is tuple:  # the same named units for most articles of a batch
        return _join_tuple(items, conjunction)
    return _join(list(items), conjunction)


@lru_cache(maxsize=1024)
def _join_tuple(names: tuple[str, ...], conjunction: str) -> str:
    return _join(names, conjunction)


def join_all(items: Iterable[str]) -> str:
    """Join tied units: "A, B và C" from three on (commas part names holding "và"); two
    as `join_list` does."""
    names = list(items)
    if len(names) >= 3:
        return ", ".join(names[:-1]) + " và " + names[-1]
    return _join(names, "và")


def _join(names: Sequence[str], conjunction: str) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    last_word = conjunction
    if conjunction == "và" and any(_contains_va(n) for n in names):
        last_word = "cùng"
    return ", ".join(names[:-1]) + f" {last_word} " + names[-1]


_VA = re.compile(r"(?<!\w)và(?!\w)")


@lru_cache(maxsize=65536)
def _contains_va(text: str) -> bool:
    return _VA.search(unicodedata.normalize("NFC", text)) is not None


def change_phrase(delta: Decimal, unit: str = "điểm", decimals: int | None = None) -> str:
    """Phrase a score change: "tăng 6 điểm", "giảm 1,25 điểm", "giữ nguyên số điểm"."""
    if delta == 0:
        return f"giữ nguyên số {unit}" if unit else "giữ nguyên"
    verb = "tăng" if delta > 0 else "giảm"
    amount = format_delta(delta, decimals)
    return f"{verb} {amount} {unit}".rstrip()


def rank_change_phrase(previous: int, current: int) -> str:
    """Phrase a rank change: "tăng 3 bậc", "giảm 2 bậc", "giữ vững vị trí"."""
    if current == previous:
        return "giữ vững vị trí"
    if current < previous:
        return f"tăng {previous - current} bậc"
    return f"giảm {current - previous} bậc"


# Vietnamese alphabetical order; f, j, w, z only occur in loan words and sit where
# Latin puts them.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_INDEX = {ch: i for i, ch in enumerate(_ALPHABET)}
# Combining marks that make a different letter (a primary difference).
_MODIFIED = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# Tones in ICU's Vietnamese order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


CollationKey = tuple[str, str, str]

# Per-character weights as str.translate tables, filled as characters are met:
# letter (two code points: group, index), tone (one), case (one). Comparing the
# three strings compares the weights level by level, at C speed.
_PRIMARY: dict[int, str] = {}
_TONE: dict[int, str] = {}
_CASE: dict[int, str] = {}
_UNKNOWN = re.compile(r"[\s\S]")  # characters without weights yet; every one at first


def collation_key(text: str) -> CollationKey:
    """Sort key in Vietnamese order: letters first (Đ after D, Ă after A), then tones, then case."""
    nfc = _nfc(text)
    if not _weigh(nfc):
        return _encode(_cluster_key(nfc))  # a mark with no precomposed letter
    return nfc.translate(_PRIMARY), nfc.translate(_TONE), nfc.translate(_CASE)


def primary_key(text: str) -> str:
    """The letters level of collation_key alone: names that differ in letters sort by it."""
    nfc = _nfc(text)
    if not _weigh(nfc):
        return _encode(_cluster_key(nfc))[0]
    return nfc.translate(_PRIMARY)


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def primary_keys(texts: Sequence[str]) -> list[str]:
    """primary_key of every text, for many texts at once (letter_keys' way for a ranking's
    names when some character keeps them from its faster one).

    One check that the whole lot is NFC and has weights for every character, then
    one translation per text at C speed.
    """
    joined = "\n".join(texts)
    if not (unicodedata.is_normalized("NFC", joined) and _weigh(joined)):
        return [primary_key(t) for t in texts]
    table = _PRIMARY
    return [t.translate(table) for t in texts]


def letter_keys(texts: Sequence[str]) -> list[str] | list[bytes]:
    """Keys that sort, and are equal, exactly as the texts' primary_key do.

    For names written with Vietnamese letters (any case and tone), digits, spaces and
    the punctuation ! " # $ % & ' ( ) * + , - . / — which is every unit name seen so
    far — the keys are made for the whole lot at once at C speed: letters and marks
    split apart (NFD), lower case, tone marks dropped, the marks that make another letter
    (ă â ê ô ơ ư) and đ written as bytes that sort after every ASCII letter, in the
    alphabet's order. Anything else gets primary_keys. A ranking of 100,000 names
    spends a third of its time making keys one character at a time otherwise.
    """
    data = unicodedata.normalize("NFD", "\n".join(texts)).encode("utf-8").translate(_LOWER)
    if data[:1] == b"\xcc" or b"\n\xcc" in data:
        return primary_keys(texts)  # a name starting with a mark: it has no letter to drop it from
    for mark in _TONE_BYTES:
        data = data.replace(mark, b"")
    for letter, key in _LETTER_BYTES:
        data = data.replace(letter, key)
    keys = data.split(b"\n")
    if data.translate(None, _KEY_BYTES) or len(keys) != len(texts):
        return primary_keys(texts)  # another character, or a line break in a name
    return keys


# Tone marks, as UTF-8 after NFD: grave, acute, tilde, hook above, dot below.
_TONE_BYTES = tuple(m.encode("utf-8") for m in _TONES)
# Letters made by a mark, and đ: the base letter, then a byte above ASCII in the order
# ă < â (a), ê (e), ô < ơ (o), ư (u), đ (d): each sorts right after its base letter's words.
_LETTER_BYTES = (
    (b"a\xcc\x86", b"a\xf1"),
    (b"a\xcc\x82", b"a\xf2"),
    (b"e\xcc\x82", b"e\xf2"),
    (b"o\xcc\x82", b"o\xf2"),
    (b"o\xcc\x9b", b"o\xf3"),
    (b"u\xcc\x9b", b"u\xf3"),
    ("đ".encode(), b"d\xf4"),
    ("Đ".encode(), b"d\xf4"),
)
# Upper case, once letters and marks are apart: A-Z are the only capitals left in ASCII.
_LOWER = bytes.maketrans(bytes(range(0x41, 0x5B)), bytes(range(0x61, 0x7B)))
# What a key may hold: ASCII sorting as primary_key does (space, then ! to /, then
# digits, then letters), the bytes above, and the line breaks between names.
_KEY_BYTES = bytes(range(0x20, 0x3A)) + bytes(range(0x61, 0x7B)) + b"\xf1\xf2\xf3\xf4\n"


def _weigh(nfc: str) -> bool:
    """Give every character of `nfc` its weights; False when one is a lone combining mark."""
    global _UNKNOWN
    if _UNKNOWN.search(nfc):
        for ch in set(nfc):
            if ord(ch) not in _PRIMARY:
                if unicodedata.combining(ch):
                    return False
                (group, index), tone, case = _char_weights(ch)
                _PRIMARY[ord(ch)] = chr(group) + chr(index)
                _TONE[ord(ch)] = chr(tone)
                _CASE[ord(ch)] = chr(case)
        _UNKNOWN = re.compile("[^" + "".join(re.escape(chr(c)) for c in _PRIMARY) + "]")
    return True


def _encode(
    key: tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...]],
) -> CollationKey:
    primary, tones, cases = key
    return (
        "".join(chr(g) + chr(i) for g, i in primary),
        "".join(map(chr, tones)),
        "".join(map(chr, cases)),
    )


def _char_weights(ch: str) -> tuple[tuple[int, int], int, int]:
    """(letter, tone, case) weights of one precomposed character."""
    primary, tones, cases = _cluster_key(ch)
    return primary[0], tones[0], cases[0]


def _cluster_key(
    text: str,
) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...]]:
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    for base, marks in _clusters(text):
        lower = base.lower()
        for mark in marks:
            lower = _MODIFIED.get((lower, mark), lower)
        tone = next((_TONES[m] for m in marks if m in _TONES), 0)
        if lower in _LETTER_INDEX:
            primary.append((3, _LETTER_INDEX[lower]))
        elif lower.isdigit():
            primary.append((2, int(lower) if lower.isdecimal() else ord(lower)))
        elif lower.isspace() or unicodedata.category(lower).startswith(("P", "S", "Z")):
            primary.append((1, 0 if lower.isspace() else ord(lower)))
        else:
            primary.append((4, ord(lower)))
        tones.append(tone)
        cases.append(0 if base == base.lower() else 1)
    return tuple(primary), tuple(tones), tuple(cases)


def _clusters(text: str) -> list[tuple[str, tuple[str, ...]]]:
    clusters: list[tuple[str, list[str]]] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and clusters:
            clusters[-1][1].append(ch)
        else:
            clusters.append((ch, []))
    return [(base, tuple(marks)) for base, marks in clusters]


def sort_names(names: Sequence[str]) -> list[str]:
    """Names sorted in Vietnamese alphabetical order."""
    return sorted(names, key=collation_key)


# A tone mark on the first vowel of "oa", "oe", "uy" (the old placement: "hóa", "thủy",
# "òa") and on the second (the new one: "hoá", "thuỷ", "oà") spells the same syllable.
# Pairs of NFC characters, old placement -> new; a vowel with its own mark (ô, ư, â) is
# another character and never matches.
_TONE_MARKS_ORDER = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_NEW_PLACEMENT = {
    unicodedata.normalize("NFC", first + tone + second): unicodedata.normalize(
        "NFC", first + second + tone
    )
    for first, second in (("o", "a"), ("o", "e"), ("u", "y"))
    for tone in _TONE_MARKS_ORDER
}
_OLD_PLACEMENT = re.compile("(?:" + "|".join(_NEW_PLACEMENT) + ")(?![\u0300-\u036f])")


def tone_placement(text: str) -> str:
    """Lower-case NFC text with every tone mark of "oa", "oe", "uy" on the second vowel
    ("hóa" -> "hoá", "thủy" -> "thuỷ"): one spelling of each syllable."""
    text = unicodedata.normalize("NFC", text).casefold()
    return _OLD_PLACEMENT.sub(lambda m: _NEW_PLACEMENT[m.group()], text)


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Key for telling units apart: NFC, no case, single spaces, one kind of dash, one tone
    placement ("hóa" is "hoá"); accents kept."""
    text = tone_placement(text)
    text = re.sub(r"\s*[-–—]\s*", " - ", text)
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    """Key for matching names and headers: no diacritics, no case, single spaces, đ as d."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return " ".join(stripped.casefold().split())


def did_you_mean(name: str, candidates: Iterable[str], cutoff: float = 0.8) -> str:
    """ "; có phải: A, B?" with up to three close names, or nothing."""
    import difflib

    by_key = {match_key(n): n for n in candidates}
    close = difflib.get_close_matches(match_key(name), list(by_key), n=3, cutoff=cutoff)
    if not close:
        return ""
    return "; có phải: " + ", ".join(by_key[k] for k in close) + "?"


_AGENCY_NOUNS = (
    ("UBND quận", "quận"),
    ("UBND huyện", "huyện"),
    ("UBND thị xã", "thị xã"),
    ("UBND phường", "phường"),
    ("UBND xã", "xã"),
    ("UBND thị trấn", "thị trấn"),
    ("Quận", "quận"),
    ("Huyện", "huyện"),
    ("Thị xã", "thị xã"),
    ("Thành phố", "thành phố"),
    ("Phường", "phường"),
    ("Xã", "xã"),
    ("Thị trấn", "thị trấn"),
    ("Sở", "Sở"),
    ("Ban", "Ban"),
    ("Văn phòng", "Văn phòng"),
    ("Đài", "Đài"),
    ("Trường", "Trường"),
    ("Viện", "Viện"),
    ("Quỹ", "Quỹ"),
)


@lru_cache(maxsize=4096)
def agency_noun(name: str) -> str:
    """How an agency refers to itself after the first mention: "Sở", "Ban", "quận", "đơn vị".

    A noun that would name another body ("Thanh tra" is also the inspectorate as a
    function, or the province's) is not one: such a unit is "đơn vị".
    """
    for prefix, noun in _AGENCY_NOUNS:
        if name == prefix or name.startswith(prefix + " "):
            return noun
    return "đơn vị"


# Topics that open with a verb ("nâng cao năng lực cạnh tranh") are aims, not fields of
# work: "công tác nâng cao..." and "nâng cao chất lượng công tác nâng cao..." misread.
_VERBS = (
    "nâng cao",
    "cải thiện",
    "đẩy mạnh",
    "thúc đẩy",
    "tăng cường",
    "xây dựng",
    "hoàn thiện",
    "thực hiện",
    "phát triển",
)


def verb_led(topic: str) -> bool:
    """Whether an evaluation's topic starts with a verb ("nâng cao năng lực cạnh tranh")."""
    words = unicodedata.normalize("NFC", topic).casefold()
    return any(words == v or words.startswith(v + " ") for v in _VERBS)


def abbreviates(short: str, topic: str) -> bool:
    """Whether a short name is its topic's initials ("CCHC"): only then "công tác CCHC"
    names a piece of work ("công tác DDCI" would call an index one)."""
    words = re.findall(r"\w+", unicodedata.normalize("NFC", topic))
    initials = "".join(unicodedata.normalize("NFD", w[0])[0] for w in words)
    initials = initials.replace("đ", "d").replace("Đ", "D")
    return bool(initials) and initials.casefold() == short.replace(" ", "").casefold()


def index_name(short: str) -> str:
    """An index named by its short name: "Chỉ số DDCI" ("Chỉ số CCHC" stays as it is)."""
    head = unicodedata.normalize("NFC", short).casefold()
    if head.startswith(("chỉ số", "bộ chỉ số")) or "index" in head:
        return short
    return f"Chỉ số {short}"
