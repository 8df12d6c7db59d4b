"""Numbers written in words: read as the digits an editor could have typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bantin.check.numwords import read_number, spell_digits

UNITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def group_words(n: int, full: bool, choice: st.DrawFn) -> list[str]:
    """A number below 1000 in words; `full` when a larger group stands before it."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [UNITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words += [choice(st.sampled_from(["linh", "lẻ"])), UNITS[units]]
        elif units:
            words.append(UNITS[units])
        return words
    if tens == 1:
        words.append("mười")
        if units == 5:
            words.append(choice(st.sampled_from(["lăm", "nhăm"])))
        elif units == 4:
            words.append(choice(st.sampled_from(["bốn", "tư"])))
        elif units:
            words.append(UNITS[units])
        return words
    spoken = units in (1, 4, 5) and not words and choice(st.booleans())
    if not spoken:
        words += [UNITS[tens], "mươi"]
    else:
        words.append(UNITS[tens])
    if units == 1:
        words.append("mốt")
    elif units == 4:
        words.append(choice(st.sampled_from(["bốn", "tư"])) if not spoken else "tư")
    elif units == 5:
        words.append(choice(st.sampled_from(["lăm", "nhăm"])))
    elif units:
        words.append(UNITS[units])
    return words


def number_words(n: int, choice: st.DrawFn) -> list[str]:
    """A whole number in words, as a Vietnamese reader says it (with the common variants)."""
    words: list[str] = []
    for scale, names in ((10**9, ["tỷ"]), (10**6, ["triệu"]), (10**3, ["nghìn", "ngàn"])):
        part = n // scale % 1000
        if part:
            words += [*group_words(part, bool(words), choice), choice(st.sampled_from(names))]
    rest = n % 1000
    if rest:
        words += group_words(rest, bool(words), choice)
    return words


@st.composite
def spoken_numbers(draw: st.DrawFn, top: int = 10**12 - 1) -> tuple[int, str]:
    n = draw(st.integers(1, top))
    return n, " ".join(number_words(n, draw))


@given(spoken_numbers())
def test_every_whole_number_reads_back(case: tuple[int, str]) -> None:
    n, words = case
    reading = read_number(words.split())
    assert reading is not None and reading.text == str(n), words
    assert reading.words == len(words.split())


@given(spoken_numbers(999_999))
def test_case_does_not_matter(case: tuple[int, str]) -> None:
    n, words = case
    spelled = spell_digits(f"tăng {words.upper()} điểm")
    assert spelled.text == f"tăng {n} điểm"


@st.composite
def spoken_decimals(draw: st.DrawFn) -> tuple[str, str]:
    whole = draw(st.integers(0, 100))
    digits = draw(st.text("0123456789", min_size=1, max_size=2).filter(lambda d: d[-1] != "0"))
    head = number_words(whole, draw) if whole else ["không"]
    if draw(st.booleans()) or len(digits) == 1:
        tail = [UNITS[int(d)] for d in digits]  # digit by digit: "tám bốn"
    else:
        zeros = len(digits) - len(digits.lstrip("0"))
        tail = ["không"] * zeros + number_words(int(digits), draw)
    return f"{whole},{digits}", " ".join([*head, "phẩy", *tail])


@given(spoken_decimals())
def test_every_decimal_reads_back(case: tuple[str, str]) -> None:
    value, words = case
    spelled = spell_digits(f"với {words} điểm")
    assert spelled.text == f"với {value} điểm", words


@pytest.mark.parametrize(
    ("words", "digits"),
    [
        ("sáu", "6"),
        ("mười hai", "12"),
        ("hai mươi mốt", "21"),
        ("hai mốt", "21"),
        ("mười lăm", "15"),
        ("ba mươi tư", "34"),
        ("một trăm linh năm", "105"),
        ("một trăm lẻ năm", "105"),
        ("hai nghìn không trăm mười chín", "2019"),
        ("hai ngàn lẻ năm", "2005"),
        ("một triệu hai trăm nghìn", "1200000"),
        ("sáu phẩy năm", "6,5"),
        ("chín mươi phẩy sáu mươi lăm", "90,65"),
        ("chín mươi chín phẩy tám tư", "99,84"),
        ("không phẩy không năm", "0,05"),
    ],
)
def test_numbers_in_words(words: str, digits: str) -> None:
    assert spell_digits(f"đạt {words} điểm").text == f"đạt {digits} điểm"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Numbers as claims.
        ("tăng bảy điểm so với năm 2018", "tăng 7 điểm so với năm 2018"),
        ("có bốn trên 21 cơ quan", "có 4 trên 21 cơ quan"),
        ("ba năm liên tiếp", "3 năm liên tiếp"),
        ("tăng hai bậc", "tăng 2 bậc"),
        ("Hai năm liên tiếp", "2 năm liên tiếp"),
        ("mười hai cơ quan", "12 cơ quan"),
        ("đạt 90,65 phần trăm", "đạt 90,65 phần trăm"),
        ("đạt chín mươi phần trăm", "đạt 90 phần trăm"),
        # Words that are numbers only sometimes stay words.
        ("năm 2019", "năm 2019"),
        ("xếp vị thứ Ba, thứ Năm", "xếp vị thứ Ba, thứ Năm"),
        ("đồng xếp hạng Nhất; hạng Tư", "đồng xếp hạng Nhất; hạng Tư"),
        ("không có cơ quan xếp loại Yếu", "không có cơ quan xếp loại Yếu"),
        ("một số cơ quan", "một số cơ quan"),
        ("Sở Tư pháp và Sở Kế hoạch và Đầu tư", "Sở Tư pháp và Sở Kế hoạch và Đầu tư"),
        ("mười năm qua", "mười năm qua"),
        ("hai mươi năm", "20 năm"),
        ("tập thể", "tập thể"),
    ],
)
def test_only_numbers_are_read_as_numbers(text: str, expected: str) -> None:
    assert spell_digits(text).text == expected


def test_names_are_never_read_as_numbers() -> None:
    text = "Trường Hai Bà Trưng tăng ba điểm"
    assert spell_digits(text, lambda _: [(0, 19)]).text == "Trường Hai Bà Trưng tăng 3 điểm"


@pytest.mark.parametrize(
    ("text", "stretch", "original"),
    [
        ("tăng bảy điểm so với năm 2018", "7", "bảy"),
        ("có bốn trên hai mươi mốt cơ quan", "4 trên 21", "bốn trên hai mươi mốt"),
        ("có bốn trên hai mươi mốt cơ quan", "cơ quan", "cơ quan"),
        ("đạt chín mươi phẩy sáu lăm điểm", "90,65 điểm", "chín mươi phẩy sáu lăm điểm"),
    ],
)
def test_a_stretch_of_digits_maps_back_to_its_words(text, stretch, original) -> None:
    spelled = spell_digits(text)
    at = spelled.text.index(stretch)
    start, end = spelled.to_original(at, at + len(stretch))
    assert text[start:end] == original
