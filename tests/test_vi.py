from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bantin import vi


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        ("99.84", None, "99,84"),
        ("98", None, "98"),
        ("96.8", None, "96,8"),
        ("96.80", None, "96,80"),
        ("68", 2, "68,00"),
        ("68.5", 2, "68,50"),
        ("1234567", None, "1.234.567"),
        ("1234.5", None, "1.234,5"),
        ("0", None, "0"),
    ],
)
def test_format_number_keeps_the_precision_given(value, decimals, expected):
    assert vi.format_number(Decimal(value), decimals) == expected


@given(
    st.one_of(
        st.decimals(min_value=-(10**7), max_value=10**7, allow_nan=False, places=3),
        st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, places=0),
        st.decimals(min_value=-1000, max_value=1000, allow_nan=False, places=6),
        st.sampled_from([Decimal("1E+2"), Decimal("-0"), Decimal("-0.00"), Decimal("0E-3")]),
    ),
    st.sampled_from([None, 0, 1, 2]),
)
def test_format_number_is_babels_vietnamese_format(value, decimals):
    # bantin formats with Python's grouping and the locale's symbols: the text must be
    # what Babel's format_decimal gives with the "vi" locale, whatever the value.
    from babel.numbers import format_decimal

    places = decimals
    if places is None:
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    else:
        value = value.quantize(Decimal(1).scaleb(-places))
    pattern = "#,##0" + ("." + "0" * places if places else "")
    expected = format_decimal(value, format=pattern, locale="vi", decimal_quantization=False)
    assert vi.format_number(value, decimals) == expected


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
def test_format_number_round_trips_through_vietnamese_notation(value):
    text = vi.format_number(value)
    back = Decimal(text.replace(".", "").replace(",", "."))
    assert back == value


@pytest.mark.parametrize(
    ("count", "width", "expected"),
    [(3, 2, "03"), (11, 2, "11"), (3, 0, "3"), (3, 1, "3"), (7, 3, "007"), (120, 2, "120")],
)
def test_pad_count(count, width, expected):
    assert vi.pad_count(count, width) == expected


def test_fraction():
    assert vi.fraction(3, 21, 2) == "03/21"
    assert vi.fraction(11, 32, 2) == "11/32"
    assert vi.fraction(3, 21, 0) == "3/21"


@pytest.mark.parametrize(
    ("rank", "word"),
    [
        (1, "Nhất"),
        (2, "Nhì"),
        (3, "Ba"),
        (4, "Tư"),
        (5, "Năm"),
        (6, "Sáu"),
        (7, "Bảy"),
        (8, "Tám"),
        (9, "Chín"),
        (10, "Mười"),
        (11, "Mười một"),
        (14, "Mười bốn"),
        (15, "Mười lăm"),
        (20, "Hai mươi"),
        (21, "Hai mươi mốt"),
        (24, "Hai mươi tư"),
        (25, "Hai mươi lăm"),
        (100, "Một trăm"),
        (105, "Một trăm linh năm"),
    ],
)
def test_rank_word(rank, word):
    assert vi.rank_word(rank) == word


@pytest.mark.parametrize(
    ("rank", "word"),
    [(1, "thứ nhất"), (2, "thứ hai"), (4, "thứ tư"), (5, "thứ năm"), (11, "thứ mười một")],
)
def test_ordinal_never_says_thu_mot_or_thu_bon(rank, word):
    assert vi.ordinal(rank) == word


def test_number_words_thousands():
    assert vi.number_words(3321) == "ba nghìn ba trăm hai mươi mốt"
    assert vi.number_words(1005) == "một nghìn không trăm linh năm"


@pytest.mark.parametrize("bad", [0, -1])
def test_rank_word_refuses_non_ranks(bad):
    with pytest.raises(ValueError):
        vi.rank_word(bad)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["Sở Nội vụ"], "Sở Nội vụ"),
        (["Sở Nội vụ", "Sở Tư pháp"], "Sở Nội vụ và Sở Tư pháp"),
        (["Rất tốt", "Tốt", "Khá"], "Rất tốt, Tốt và Khá"),
        (
            ["Sở Khoa học và Công nghệ", "Sở Tài chính"],
            "Sở Khoa học và Công nghệ cùng Sở Tài chính",
        ),
        (
            ["Sở Tài chính", "Sở Nội vụ", "Sở Văn hóa và Thể thao"],
            "Sở Tài chính, Sở Nội vụ cùng Sở Văn hóa và Thể thao",
        ),
    ],
)
def test_join_list_avoids_ambiguous_va(items, expected):
    assert vi.join_list(items) == expected


def test_join_list_does_not_mistake_words_containing_va():
    # "vàng" contains "và" as letters but not as a word.
    assert vi.join_list(["Hội Vàng", "Sở Y tế"]) == "Hội Vàng và Sở Y tế"


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        ("6.0", "tăng 6 điểm"),
        ("6", "tăng 6 điểm"),
        ("-1.25", "giảm 1,25 điểm"),
        ("0.50", "tăng 0,5 điểm"),
        ("0", "giữ nguyên số điểm"),
        ("0.00", "giữ nguyên số điểm"),
    ],
)
def test_change_phrase(delta, expected):
    assert vi.change_phrase(Decimal(delta)) == expected


def test_change_phrase_with_fixed_decimals():
    assert vi.change_phrase(Decimal("6"), decimals=2) == "tăng 6,00 điểm"


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [(5, 2, "tăng 3 bậc"), (1, 3, "giảm 2 bậc"), (1, 1, "giữ vững vị trí")],
)
def test_rank_change_phrase(previous, current, expected):
    assert vi.rank_change_phrase(previous, current) == expected


def test_collation_puts_d_stroke_after_d_and_breve_after_a():
    names = ["Đà Nẵng", "Dương", "Ăn", "An", "Ân", "Bình", "Zeta"]
    assert vi.sort_names(names) == ["An", "Ăn", "Ân", "Bình", "Dương", "Đà Nẵng", "Zeta"]


def test_collation_orders_tones_after_letters_as_icu_does():
    assert vi.sort_names(["ạ", "á", "ã", "ả", "à", "a"]) == ["a", "à", "ả", "ã", "á", "ạ"]
    # The letter decides before the tone: "ác" < "ba" though "á" carries a tone.
    assert vi.sort_names(["ba", "ác"]) == ["ác", "ba"]


def test_collation_orders_agency_names():
    names = ["Sở Y tế", "Sở Nội vụ", "Sở Ngoại vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Du lịch"]
    assert vi.sort_names(names) == [
        "Sở Du lịch",
        "Sở Ngoại vụ",
        "Sở Nội vụ",
        "Sở Tài chính",
        "Sở Tư pháp",
        "Sở Y tế",
    ]


def test_collation_ignores_normalisation_form():
    import unicodedata

    name = "Sở Thông tin và Truyền thông"
    assert vi.collation_key(name) == vi.collation_key(unicodedata.normalize("NFD", name))


@given(st.lists(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạ ", max_size=8), max_size=12))
def test_sort_names_is_a_stable_total_order(names):
    once = vi.sort_names(names)
    assert vi.sort_names(once) == once
    assert sorted(once) == sorted(names)


def test_match_key_ignores_case_diacritics_and_spacing():
    assert vi.match_key("  Đơn   VỊ ") == vi.match_key("don vi")
    assert vi.match_key("Sở Nội vụ") != vi.match_key("Sở Ngoại vụ")


@pytest.mark.parametrize(
    ("name", "noun"),
    [
        ("Sở Y tế", "Sở"),
        ("UBND quận Hải Châu", "quận"),
        ("UBND thị trấn Phước Long", "thị trấn"),
        ("Xã Hòa Bình", "xã"),
        ("Phường Đông Vĩnh", "phường"),
        ("Thị trấn Ái Nghĩa", "thị trấn"),
        ("Huyện Hòa Vang", "huyện"),
        ("Thị xã Điện Bàn", "thị xã"),
        ("Xãhội học", "đơn vị"),
        ("Công an thành phố", "đơn vị"),
        # "của Thanh tra" also reads as the inspection itself: the unit is "đơn vị".
        ("Thanh tra thành phố", "đơn vị"),
    ],
)
def test_agency_noun_refers_back_to_the_kind_of_unit(name, noun):
    assert vi.agency_noun(name) == noun


@given(
    st.lists(
        st.text(
            alphabet=list("aAăâbdđĐeêgiIoôơuưyàáảãạằẳẵặầấẩẫậ 0123456789-.\u0301\u0300\u0323\n\0")
        ),
        max_size=8,
    )
)
def test_primary_keys_of_many_texts_are_each_texts_own(texts):
    # Checked all at once (NFC, known characters), keyed one by one: the same keys, with
    # NFD text, lone marks or line breaks in the lot.
    assert vi.primary_keys(texts) == [vi.primary_key(t) for t in texts]


@given(st.lists(st.sampled_from(["Sở A", "Sở Khoa học và Công nghệ", "Xã Vạn", "B"]), max_size=5))
def test_join_list_of_a_tuple_is_that_of_a_list(names):
    # A tuple's joining is remembered (the same named units recur in every article).
    assert vi.join_list(tuple(names)) == vi.join_list(names) == vi.join_list(iter(names))


VIETNAMESE_NAME_CHARS = list(
    "aăâbcdđeêfghijklmnoôơpqrstuưvwxyzAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọ"
    "ồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÀẤỲ 0123456789!\"#$%&'()*+,-./"
)


def assert_same_order(keys, texts):
    primary = [vi.primary_key(t) for t in texts]
    for i in range(len(texts)):
        for j in range(len(texts)):
            assert (keys[i] < keys[j]) == (primary[i] < primary[j]), (texts[i], texts[j])
            assert (keys[i] == keys[j]) == (primary[i] == primary[j]), (texts[i], texts[j])


@given(st.lists(st.text(alphabet=VIETNAMESE_NAME_CHARS, max_size=6), min_size=1, max_size=8))
def test_letter_keys_order_names_as_their_primary_keys_do(texts):
    keys = vi.letter_keys(texts)
    assert all(isinstance(k, bytes) for k in keys)  # the whole lot at once
    assert_same_order(keys, texts)


@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(VIETNAMESE_NAME_CHARS)
            | st.sampled_from(list("\u0301\u0306\u0308\u00a0\tĕüçİß:;@[_~\n"))
            | st.characters(exclude_categories=("Cs",)),
            max_size=6,
        ),
        min_size=1,
        max_size=8,
    )
)
@example(["0", "\u0300"])  # a name that is a lone tone mark
@example(["\u0301a", "a"])
def test_letter_keys_of_other_characters_order_names_all_the_same(texts):
    # A mark that makes no Vietnamese letter, another space, a line break in a name...
    assert_same_order(vi.letter_keys(texts), texts)


@pytest.mark.parametrize(
    ("topic", "led"),
    [
        ("nâng cao năng lực cạnh tranh", True),
        ("Nâng cao năng lực cạnh tranh", True),
        ("cải thiện môi trường kinh doanh", True),
        ("cải cách hành chính", False),  # "cải" alone is no verb of the list
        ("văn thư lưu trữ", False),
        ("ứng dụng công nghệ thông tin", False),
        ("nâng", False),
    ],
)
def test_verb_led_topics_are_aims_not_fields_of_work(topic, led):
    assert vi.verb_led(topic) is led
