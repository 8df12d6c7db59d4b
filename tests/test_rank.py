from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bantin.load import load_dataset
from bantin.model import Band, Evaluation, ScoreRow, ScoreTable, TieRule
from bantin.rank import (
    band_changes,
    band_for,
    compare,
    first_place_streak,
    first_time_first,
    last_first_before,
    named_units,
    rank_table,
    resolve_focus,
    top_band_streak,
)
from bantin.vi import collation_key

from .conftest import SAMPLE_DATA

BANDS = (
    Band("Rất tốt", Decimal(90)),
    Band("Tốt", Decimal(80)),
    Band("Khá", Decimal(70)),
    Band("Trung bình", Decimal(50)),
    Band("Yếu", Decimal(0)),
)


def evaluation(rule: TieRule = TieRule.DENSE, min_named: int = 2, max_named: int = 6) -> Evaluation:
    return Evaluation(
        id="x",
        name="Chỉ số X",
        short_name="X",
        topic="x",
        group="Khối X",
        score_label="điểm",
        unit_noun="cơ quan",
        bands=BANDS,
        tie_rule=rule,
        min_named_ranks=min_named,
        max_named_ranks=max_named,
    )


def table(scores: dict[str, str], year: int = 2019, official: dict[str, str] | None = None):
    official = official or {}
    rows = tuple(
        ScoreRow(unit=u, score=Decimal(s), official_band=official.get(u)) for u, s in scores.items()
    )
    return ScoreTable(evaluation_id="x", year=year, rows=rows)


def test_dense_ranking_of_the_2019_vtlt_sample():
    dataset = load_dataset(SAMPLE_DATA)
    ranking = rank_table(dataset.scores[("vtlt", 2019)], dataset.evaluations["vtlt"])
    top = [(u.unit, u.rank) for u in ranking.units[:6]]
    assert top == [
        ("Sở Khoa học và Công nghệ", 1),
        ("Sở Tài chính", 1),
        ("Sở Văn hóa và Thể thao", 2),
        ("Sở Nội vụ", 3),
        ("Sở Nông nghiệp và Phát triển nông thôn", 4),
        ("Sở Thông tin và Truyền thông", 5),
    ]
    assert [(b.band, b.count) for b in ranking.band_counts] == [
        ("Xuất sắc", 10),
        ("Tốt", 3),
        ("Khá", 5),
        ("Trung bình", 3),
        ("Chưa đạt", 11),
    ]


def test_band_counts_include_empty_bands_in_definition_order():
    dataset = load_dataset(SAMPLE_DATA)
    ranking = rank_table(dataset.scores[("cchc", 2019)], dataset.evaluations["cchc"])
    assert [(b.band, b.count) for b in ranking.band_counts] == [
        ("Rất tốt", 3),
        ("Tốt", 11),
        ("Khá", 7),
        ("Trung bình", 0),
        ("Yếu", 0),
    ]


def test_competition_ranking_skips_ranks_after_a_tie():
    scores = {"A": "98", "B": "98", "C": "97", "D": "96", "E": "96", "F": "95"}
    ranks = [u.rank for u in rank_table(table(scores), evaluation(TieRule.COMPETITION)).units]
    assert ranks == [1, 1, 3, 4, 4, 6]
    dense = [u.rank for u in rank_table(table(scores), evaluation(TieRule.DENSE)).units]
    assert dense == [1, 1, 2, 3, 3, 4]


def test_equal_scores_tie_whatever_their_written_precision():
    ranking = rank_table(table({"A": "96.80", "B": "96.8", "C": "96"}), evaluation())
    assert [u.rank for u in ranking.units] == [1, 1, 2]
    assert ranking.find("A").tied_with == ("B",)


def test_official_band_wins_over_thresholds():
    ranking = rank_table(table({"A": "89", "B": "89"}, official={"A": "Rất tốt"}), evaluation())
    a, b = ranking.find("A"), ranking.find("B")
    assert (a.band, a.band_is_official) == ("Rất tốt", True)
    assert (b.band, b.band_is_official) == ("Tốt", False)


@pytest.mark.parametrize(
    ("score", "band"),
    [("100", 0), ("90", 0), ("89.99", 1), ("80", 1), ("70", 2), ("50", 3), ("49.9", 4), ("0", 4)],
)
def test_band_thresholds_are_lower_bounds(score, band):
    assert band_for(Decimal(score), BANDS) == band


def test_tie_groups_and_collation_order_within_a_rank():
    ranking = rank_table(
        table({"Sở Y tế": "90", "Sở Đà": "90", "Sở Du": "90", "B": "80"}), evaluation()
    )
    assert [[u.unit for u in g] for g in ranking.tie_groups()] == [["Sở Du", "Sở Đà", "Sở Y tế"]]


def test_find_ignores_case_and_normalisation():
    import unicodedata

    ranking = rank_table(table({"Sở Nội vụ": "90"}), evaluation())
    assert ranking.find(unicodedata.normalize("NFD", "sở nội  VỤ")) is not None
    assert ranking.find("Sở Ngoại vụ") is None


def test_the_focus_is_named_as_the_first_ranking_that_finds_it_spells_it():
    first = rank_table(table({"Sở Nội vụ": "90"}), evaluation())
    second = rank_table(table({"Sở Y tế": "90", "Sở Nội Vụ": "80"}), evaluation())
    assert resolve_focus("so noi vu", [first, second]) == "Sở Nội vụ"
    assert resolve_focus("so noi vu", [second, first]) == "Sở Nội Vụ"
    assert resolve_focus("sở y tế", [first, second]) == "Sở Y tế"
    assert resolve_focus("Sở Ngoại vụ", [first, second]) is None
    assert resolve_focus("Sở Nội vụ", []) is None


def test_the_focus_is_found_through_a_short_name_or_alias_of_the_registry():
    from bantin.model import Registry, UnitName

    registry = Registry(
        (UnitName("Sở Thông tin và Truyền thông", "Sở TT&TT", ("Sở TTTT",)), UnitName("Sở Nội vụ"))
    )
    ranking = rank_table(
        table({"Sở Thông tin và Truyền thông": "90", "Sở Nội vụ": "80"}), evaluation()
    )
    for spelling in ("Sở TT&TT", "sở tttt", "Sở Thông tin và Truyền thông"):
        assert resolve_focus(spelling, [ranking], registry) == "Sở Thông tin và Truyền thông"
    assert resolve_focus("Sở TT&TT", [ranking]) is None  # no registry: no guess


@pytest.mark.parametrize(
    ("wanted", "hint"),
    [
        ("SNV", "; có phải: Sở Ngoại vụ, Sở Nội vụ?"),  # initials, never a guess between two
        ("Sở TT&TT", "; có phải: Sở Thông tin và Truyền thông?"),
        ("Sở NN&PTNT", "; có phải: Sở Nông nghiệp và Phát triển nông thôn?"),
        ("Sở Thông tin và Truyền thôn", "; có phải: Sở Thông tin và Truyền thông?"),
        ("Sở TTTT", "; có phải: Sở Thông tin và Truyền thông?"),  # an alias, close
        ("Công ty ABC", ""),
        ("Sở Nội Vu", "; có phải: Sở Nội vụ, Sở Ngoại vụ?"),
    ],
)
def test_a_unit_named_wrong_gets_the_closest_names(wanted, hint):
    from bantin.model import Registry, UnitName
    from bantin.rank import unit_suggestion

    names = [
        "Sở Nội vụ",
        "Sở Ngoại vụ",
        "Sở Thông tin và Truyền thông",
        "Sở Nông nghiệp và Phát triển nông thôn",
    ]
    registry = Registry((UnitName("Sở Thông tin và Truyền thông", None, ("Sở TTTT",)),))
    assert unit_suggestion(wanted, names, registry) == hint


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Sở Văn hóa và Thể thao", "Sở Văn hoá và Thể thao"),
        ("Phòng Thủy lợi", "Phòng Thuỷ lợi"),
        ("Xã Hòa Vang", "Xã Hoà Vang"),
        ("Ủy ban nhân dân", "Uỷ ban nhân dân"),
        ("Trạm Y tế Khỏe", "Trạm Y tế Khoẻ"),
    ],
)
def test_names_differing_only_in_tone_placement_are_one_unit_across_years(old, new):
    before = rank_table(table({old: "90", "Sở Y tế": "80"}, year=2018), evaluation())
    now = rank_table(table({new: "85", "Sở Y tế": "95"}), evaluation())
    found = before.find(new)
    assert found is not None and found.unit == old
    assert compare(now, before, new) is not None


_TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


@given(
    onset=st.sampled_from(["", "h", "th", "t", "kh", "x", "Th", "H"]),
    nucleus=st.sampled_from(["oa", "oe", "uy", "OA", "Uy"]),
    tone=st.sampled_from(_TONES),
    coda=st.sampled_from(["", " lợi", " Vang", " và Thể thao"]),
)
def test_a_tone_on_either_vowel_of_oa_oe_uy_is_one_name(onset, nucleus, tone, coda):
    import unicodedata

    from bantin.vi import name_key

    old = unicodedata.normalize("NFC", onset + nucleus[0] + tone + nucleus[1] + coda)
    new = unicodedata.normalize("NFC", onset + nucleus + tone + coda)
    assert name_key(old) == name_key(new)
    other = _TONES[(_TONES.index(tone) + 1) % len(_TONES)]
    assert name_key(old) != name_key(unicodedata.normalize("NFC", onset + nucleus + other + coda))


def test_tone_placement_keeps_other_names_apart():
    from bantin.vi import name_key

    # A vowel with its own mark (ô, ơ, ư) or a tone elsewhere is a different syllable.
    for a, b in [("Thuở", "Thủo"), ("Hòa", "Hóa"), ("Sở Nội vụ", "Sở Ngoại vụ"), ("Thủy", "Thùy")]:
        assert name_key(a) != name_key(b)


def test_comparison_with_previous_year():
    before = rank_table(table({"A": "90.3", "B": "95", "C": "70"}, year=2018), evaluation())
    now = rank_table(table({"A": "96.3", "B": "95", "C": "60"}), evaluation())
    a = compare(now, before, "A")
    assert (a.score_delta, a.previous_rank, a.position_gain, a.previous_band, a.band_gain) == (
        Decimal("6.0"),
        2,
        1,
        "Rất tốt",
        0,
    )
    c = compare(now, before, "C")
    assert (c.score_delta, c.band_gain) == (Decimal(-10), -1)
    assert compare(now, None, "A") is None
    assert compare(now, before, "Z") is None


def test_streaks_count_consecutive_years_ending_now():
    years = {
        2016: {"A": "99", "B": "98"},
        2017: {"A": "90", "B": "98"},
        2018: {"A": "99", "B": "98"},
        2019: {"A": "99", "B": "91"},
    }
    rankings = {y: rank_table(table(s, year=y), evaluation()) for y, s in years.items()}
    first = first_place_streak(rankings, "A", 2019)
    assert (first.length, first.first_year, first.last_year) == (2, 2018, 2019)
    top = top_band_streak(rankings, "A", 2019)
    assert (top.length, top.first_year) == (4, 2016)
    assert first_place_streak(rankings, "B", 2019) is None
    assert first_place_streak(rankings, "A", 2017) is None


def test_a_missing_year_breaks_a_streak():
    rankings = {y: rank_table(table({"A": "99"}, year=y), evaluation()) for y in (2016, 2017, 2019)}
    assert first_place_streak(rankings, "A", 2019).length == 1
    assert top_band_streak(rankings, "A", 2019).length == 1
    assert first_place_streak(rankings, "A", 2017).length == 2


def _by_year(years: dict[int, dict[str, str]]):
    return {y: rank_table(table(s, year=y), evaluation()) for y, s in years.items()}


def test_first_time_first_needs_the_start_year_and_every_year_since():
    rankings = _by_year(
        {2017: {"A": "80", "B": "90"}, 2018: {"A": "85", "B": "90"}, 2019: {"A": "95", "B": "90"}}
    )
    assert first_time_first(rankings, "A", 2019, 2017) is True
    assert first_time_first(rankings, "A", 2019, None) is False  # since when: unknown
    assert first_time_first(rankings, "A", 2019, 2015) is False  # 2015-2016 not in the data
    assert first_time_first(rankings, "B", 2019, 2017) is False  # not first this year
    assert first_time_first(rankings, "A", 2019, 2019) is False  # nothing before to compare
    del rankings[2018]
    assert first_time_first(rankings, "A", 2019, 2017) is False  # 2018 could have been first


def test_first_time_first_is_false_for_a_unit_first_before():
    rankings = _by_year(
        {2017: {"A": "95", "B": "90"}, 2018: {"A": "85", "B": "90"}, 2019: {"A": "95", "B": "90"}}
    )
    assert first_time_first(rankings, "A", 2019, 2017) is False


def test_last_first_before_needs_every_year_since_then():
    years = {
        2016: {"A": "95", "B": "90"},
        2017: {"A": "85", "B": "90"},
        2019: {"A": "95", "B": "90"},
    }
    assert last_first_before(_by_year(years), "A", 2019) is None  # 2018 is missing
    years[2018] = {"A": "85", "B": "90"}
    assert last_first_before(_by_year(years), "A", 2019) == 2016


def test_named_units_run_from_the_top_band_down_to_the_focus():
    dataset = load_dataset(SAMPLE_DATA)
    vtlt = dataset.evaluations["vtlt"]
    ranking = rank_table(dataset.scores[("vtlt", 2019)], vtlt)
    named = named_units(ranking, vtlt, "Sở Thông tin và Truyền thông")
    assert [u.rank for u in named] == [1, 1, 2, 3, 4, 5]
    cchc = dataset.evaluations["cchc"]
    ranking = rank_table(dataset.scores[("cchc", 2019)], cchc)
    named = named_units(ranking, cchc, "Sở Thông tin và Truyền thông")
    assert [u.unit for u in named] == [
        "Sở Nội vụ",
        "Sở Thông tin và Truyền thông",
        "Sở Giao thông vận tải",
    ]


def test_named_units_are_capped_and_stay_in_the_top_band():
    scores = {chr(65 + i): str(99 - i) for i in range(10)}  # A..J, 99..90, all top band
    scores["K"] = "80"
    ranking = rank_table(table(scores), evaluation(max_named=4))
    assert [u.unit for u in named_units(ranking, evaluation(max_named=4), "I")] == list("ABCD")
    assert [u.unit for u in named_units(ranking, evaluation(max_named=4), "K")] == list("AB")


scores_strategy = st.dictionaries(
    keys=st.text(alphabet="abcdđeêghiklmnoơ ", min_size=1, max_size=6).map(str.strip).filter(bool),
    values=st.decimals(min_value=0, max_value=100, places=1, allow_nan=False),
    min_size=1,
    max_size=30,
)


def _ranking(scores, rule):
    rows = tuple(ScoreRow(unit=u, score=s) for u, s in scores.items())
    return rank_table(ScoreTable("x", 2019, rows), evaluation(rule))


@given(scores_strategy, st.sampled_from(list(TieRule)), st.randoms())
def test_shuffling_input_changes_nothing(scores, rule, rnd):
    items = list(scores.items())
    rnd.shuffle(items)
    assert _ranking(dict(items), rule) == _ranking(scores, rule)


@given(scores_strategy, st.sampled_from(list(TieRule)))
def test_band_counts_sum_to_group_size(scores, rule):
    ranking = _ranking(scores, rule)
    assert sum(b.count for b in ranking.band_counts) == ranking.size == len(scores)
    assert [b.band for b in ranking.band_counts] == [b.name for b in BANDS]


@given(scores_strategy, st.sampled_from(list(TieRule)))
def test_tied_scores_share_a_rank_and_ranks_never_decrease(scores, rule):
    units = _ranking(scores, rule).units
    assert units[0].rank == 1
    for a, b in itertools.pairwise(units):
        assert a.score >= b.score
        assert b.rank >= a.rank
        assert (a.score == b.score) == (a.rank == b.rank)
        if rule is TieRule.DENSE:
            assert b.rank - a.rank in (0, 1)


@given(scores_strategy)
def test_competition_rank_is_one_plus_the_number_ahead(scores):
    for unit in _ranking(scores, TieRule.COMPETITION).units:
        assert unit.rank == 1 + sum(1 for s in scores.values() if s > unit.score)


@given(scores_strategy, st.sampled_from(list(TieRule)))
def test_position_is_one_plus_the_number_ahead_under_either_rule(scores, rule):
    ranking = _ranking(scores, rule)
    for unit in ranking.units:
        assert unit.position == 1 + sum(1 for s in scores.values() if s > unit.score)
    last = ranking.units[-1]
    assert last.position == ranking.size - len(last.tie_group) + 1


@given(scores_strategy, scores_strategy, st.sampled_from(list(TieRule)))
def test_a_move_between_years_is_the_change_of_position(before, now, rule):
    earlier = rank_table(
        ScoreTable("x", 2018, tuple(ScoreRow(unit=u, score=s) for u, s in before.items())),
        evaluation(rule),
    )
    later = _ranking(now, rule)
    both = set(before) & set(now)
    for unit in both:
        ahead_then = sum(1 for s in before.values() if s > before[unit])
        ahead_now = sum(1 for s in now.values() if s > now[unit])
        # The move among the units ranked both years: a move said must be that one.
        own = sum(1 for u in both if before[u] > before[unit]) - sum(
            1 for u in both if now[u] > now[unit]
        )
        change = compare(later, earlier, unit)
        assert change is not None
        assert change.positions_compared == (ahead_then - ahead_now == own)
        assert change.position_gain == (own if change.positions_compared else 0)
        assert change.previous_position == 1 + ahead_then
        if set(before) == set(now):
            assert change.positions_compared


def test_a_tie_at_the_top_moves_no_one_below_it():
    # Dense ranks compress under a tie (C is "Nhì" in 2019 as in 2018, D "Ba" then "Nhì"...):
    # places do not move, so no one "rose a rank".
    before = rank_table(
        table({"A": "95", "B": "94", "C": "90", "D": "80"}, year=2018), evaluation()
    )
    now = rank_table(table({"A": "95", "B": "95", "C": "90", "D": "80"}), evaluation())
    assert [u.rank for u in now.units] == [1, 1, 2, 3]
    assert [u.position for u in now.units] == [1, 1, 3, 4]
    for name in "CD":
        change = compare(now, before, name)
        assert change is not None and change.position_gain == 0
    b = compare(now, before, "B")
    assert b is not None and b.position_gain == 1


@given(scores_strategy)
def test_bands_never_get_worse_as_scores_rise(scores):
    units = _ranking(scores, TieRule.DENSE).units
    for a, b in itertools.pairwise(units):
        assert a.band_index <= b.band_index


@given(scores_strategy)
def test_tie_groups_cover_exactly_the_shared_scores(scores):
    ranking = _ranking(scores, TieRule.DENSE)
    values = list(scores.values())
    shared = sum(1 for v in values if values.count(v) > 1)
    assert sum(len(g) for g in ranking.tie_groups()) == shared
    for group in ranking.tie_groups():
        assert len({u.score for u in group}) == 1


def test_names_that_differ_only_in_accents_are_different_units():
    ranking = rank_table(
        table({"Xã Thạnh Lộc": "91", "Xã Thành Lộc": "85", "Xã Tân Phú": "70"}), evaluation()
    )
    assert ranking.find("Xã Thạnh Lộc").score == Decimal(91)
    assert ranking.find("Xã Thành Lộc").score == Decimal(85)
    assert ranking.find("  xã  THÀNH lộc ").score == Decimal(85)
    # Typed without accents: found when the letters name one unit, never guessed otherwise.
    assert ranking.find("Xa Tan Phu").unit == "Xã Tân Phú"
    assert ranking.find("Xa Thanh Loc") is None


def test_comparisons_follow_the_accented_name_across_years():
    before = rank_table(table({"Xã Thạnh Lộc": "80", "Xã Thành Lộc": "95"}, 2018), evaluation())
    now = rank_table(table({"Xã Thạnh Lộc": "91", "Xã Thành Lộc": "85"}), evaluation())
    assert compare(now, before, "Xã Thạnh Lộc").previous_score == Decimal(80)
    assert compare(now, before, "Xã Thành Lộc").previous_score == Decimal(95)


NAME_LETTERS = list("aAăâbdđĐeêgiIoôơuưyàáảãạằẳẵặầấẩẫậ 0123456789-.,\u0301\u0300\0")


@given(
    st.lists(
        st.lists(st.text(alphabet=NAME_LETTERS, min_size=1, max_size=8), min_size=2, max_size=6),
        min_size=1,
        max_size=5,
    )
)
def test_tied_names_are_ordered_as_full_collation_orders_them(groups):
    # Within each group of equal scores, order is collation order (letters, tones, case),
    # however many names share a prefix, differ only in tone or case, or hold odd marks.
    rows = tuple(
        ScoreRow(unit=name, score=Decimal(90 - i))
        for i, group in enumerate(groups)
        for name in dict.fromkeys(group)
    )
    ranking = rank_table(ScoreTable("x", 2019, rows), evaluation())
    for i, group in enumerate(groups):
        names = [u.unit for u in ranking.units if u.score == Decimal(90 - i)]
        expected = sorted(dict.fromkeys(group), key=collation_key)
        assert [collation_key(n) for n in names] == [collation_key(n) for n in expected]
        for unit in (u for u in ranking.units if u.score == Decimal(90 - i)):
            assert unit.tie_group == tuple(names)
            assert unit.tied_with == tuple(n for n in names if n != unit.unit)


@pytest.mark.parametrize("frozen", [False, True])
@pytest.mark.parametrize("enabled", [False, True])
def test_ranking_leaves_the_interpreter_as_it_found_it(enabled, frozen):
    import gc

    rows = tuple(ScoreRow(unit=f"Đơn vị {i}", score=Decimal(i % 7)) for i in range(2000))
    was_enabled, was_frozen = gc.isenabled(), gc.get_freeze_count()
    try:
        gc.unfreeze()  # whatever an earlier test froze (render --all freezes its imports)
        (gc.enable if enabled else gc.disable)()
        if frozen:
            gc.freeze()
        before = gc.get_freeze_count()
        ranking = rank_table(ScoreTable("x", 2019, rows), evaluation())
        assert gc.isenabled() is enabled
        assert gc.get_freeze_count() == before
        assert len(ranking.units) == len(rows)
    finally:
        gc.unfreeze()
        if was_frozen:
            gc.freeze()
        (gc.enable if was_enabled else gc.disable)()


def _assumed_evaluation() -> Evaluation:
    bands = tuple(Band(b.name, b.minimum, assumed=True) for b in BANDS)
    return evaluation()._replace(bands=bands)


def test_a_band_from_an_assumed_threshold_is_no_band_move():
    # 2018 without a band column, thresholds assumed; 2019 published: 79 was "Khá" by a
    # guess, so "nâng từ mức Khá lên mức Tốt" would state a band nobody published.
    ev = _assumed_evaluation()
    before = rank_table(table({"A": "79", "B": "92"}, 2018), ev)
    now = rank_table(table({"A": "81", "B": "93"}, official={"A": "Tốt", "B": "Rất tốt"}), ev)
    moved = compare(now, before, "A")
    assert moved.band_gain == 0 and not moved.bands_compared
    assert moved.score_delta == Decimal(2) and moved.position_gain == 0
    assert band_changes(now, before) == ()
    published = rank_table(
        table({"A": "79", "B": "92"}, 2018, official={"A": "Khá", "B": "Rất tốt"}), ev
    )
    assert compare(now, published, "A").band_gain == 1
    assert [c.delta for c in band_changes(now, published)] == [0, 1, -1, 0, 0]


@given(st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(0, 100), min_size=1))
def test_band_moves_and_count_changes_need_published_bands_both_years(scores):
    ev = _assumed_evaluation()
    text = {u: str(s) for u, s in scores.items()}
    guessed = rank_table(table(text, 2018), ev)
    published = rank_table(
        table(text, official={u: BANDS[band_for(Decimal(s), BANDS)].name for u, s in text.items()}),
        ev,
    )
    assert band_changes(published, guessed) == () and band_changes(guessed, published) == ()
    for unit in scores:
        assert compare(published, guessed, unit).band_gain == 0
        assert compare(guessed, published, unit).band_gain == 0
        assert compare(published, published, unit).bands_compared


def test_names_with_accents_are_never_matched_by_their_letters_alone():
    # A year that ranked "Xã Tân Thành" only: "Xã Tân Thạnh" (new this year) is not in it.
    before = rank_table(table({"Xã Tân Thành": "91", "Xã Tân Hòa": "80"}, 2018), evaluation())
    now = rank_table(table({"Xã Tân Thạnh": "78", "Xã Tân Hòa": "82"}), evaluation())
    assert before.find("Xã Tân Thạnh") is None
    assert compare(now, before, "Xã Tân Thạnh") is None
    assert first_place_streak({2018: before, 2019: now}, "Xã Tân Thạnh", 2019) is None
    # Without accents on either side, the one unit of those letters is still found.
    assert before.find("Xa Tan Thanh").unit == "Xã Tân Thành"
    unaccented = rank_table(table({"Xa Tan Thanh": "91"}, 2018), evaluation())
    assert compare(now, unaccented, "Xã Tân Thạnh").previous_score == Decimal(91)
