"""Proof that articles say only what the data says (issue 16, item 7).

Every data set below is rendered with `render_all`, one Markdown article per unit, and
every claim of every article is checked by the oracle in oracle.py, which reads the
score files itself. `bantin check` must find nothing wrong with the same articles.
Data sets ranked in blocks (a "Khối" column) are among them: each block is ranked on its
own, and the oracle checks each section against its block.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bantin.check import check_draft
from bantin.render import render_all

from .conftest import SAMPLE_DATA
from .oracle import Claim, load_truth, read_article
from .scenarios import FIVE_BANDS, NAMES, SCENARIOS, SIX_BANDS
from .test_scenarios import make_data

YEAR = 2019
# Fewer claims than this in one article means the oracle no longer reads it: the
# shortest article (one evaluation of ten units) states about twenty.
MIN_CLAIMS_PER_ARTICLE = 15

# Units beyond the scenarios' twenty, for larger fields; "đơn vị" is how most of these
# refer to themselves ("của đơn vị"), which the score sentence must be read with too.
MORE_NAMES = [
    "Ban Xúc tiến và Hỗ trợ đầu tư",
    "Trung tâm Hành chính thành phố",
    "Công viên phần mềm Đà Nẵng",
    "Quỹ Đầu tư phát triển thành phố Đà Nẵng",
    "Trường Cao đẳng nghề Đà Nẵng",
    "Đài Phát thanh - Truyền hình Đà Nẵng",
]
ALL_NAMES = NAMES + MORE_NAMES


Score = str | tuple[str, str]  # a score, or (score, block) in a file ranked in blocks


def write_data(
    root: Path,
    evaluations: dict[str, dict[str, object]],
    years: dict[int, dict[str, dict[str, Score]]],
    blocks: str | None = None,
) -> Path:
    """A data folder: evaluations/<id>.toml from `evaluations`, <year>/<id>.csv from `years`
    ({year: {evaluation: {unit: score or (score, block)}}}, a "Khối" column for the
    latter), article.toml with `blocks` if given, and a publisher."""
    data = root / "data"
    (data / "evaluations").mkdir(parents=True)
    (data / "publisher.toml").write_text(
        f'focus_agency = "{NAMES[0]}"\nauthor = "Thu Trang"\nunit_abbreviation = "VPS"\n'
        'city = "Đà Nẵng"\n',
        "utf-8",
    )
    for id_, spec in evaluations.items():
        lines = [
            f'name = "{spec["name"]}"',
            f'short_name = "{id_.upper()}"',
            f'topic = "{spec["topic"]}"',
            'group = "Khối sở, ban, ngành thành phố"',
            f'score_label = "{spec.get("score_label", "điểm")}"',
            f'tie_rule = "{spec.get("tie_rule", "dense")}"',
            f"compare_bands = {str(spec.get('compare_bands', False)).lower()}",
        ]
        lines += [
            f"{k} = {spec[k]}" for k in ("decimals", "first_year", "min_named_ranks") if k in spec
        ]
        for name, minimum in spec.get("bands", FIVE_BANDS):
            lines += ["", "[[bands]]", f'name = "{name}"', f'minimum = "{minimum}"']
        (data / "evaluations" / f"{id_}.toml").write_text("\n".join(lines) + "\n", "utf-8")
    for year, files in years.items():
        folder = data / str(year)
        folder.mkdir()
        for id_, scores in files.items():
            if any(isinstance(v, tuple) for v in scores.values()):
                body = "STT;Đơn vị;Điểm;Khối\n" + "".join(
                    f"{i};{unit};{score};{block}\n"
                    for i, (unit, (score, block)) in enumerate(scores.items(), 1)
                )
            else:
                body = "STT;Đơn vị;Điểm\n" + "".join(
                    f"{i};{unit};{score}\n" for i, (unit, score) in enumerate(scores.items(), 1)
                )
            (folder / f"{id_}.csv").write_text(body, "utf-8")
        sections = [id_ for id_ in evaluations if id_ in files]
        settings = "sections = [" + ", ".join(f'"{s}"' for s in sections) + "]\n"
        if blocks is not None:
            settings += f'blocks = "{blocks}"\n'
        (folder / "article.toml").write_text(settings, "utf-8")
    return data


CCHC = {
    "name": "Chỉ số cải cách hành chính",
    "topic": "cải cách hành chính",
    "score_label": "điểm quy đổi",
}
VTLT = {"name": "công tác văn thư lưu trữ", "topic": "văn thư lưu trữ"}


def tied_field(names: list[str], groups: list[tuple[str, int]]) -> dict[str, str]:
    """Scores for `names` in order: each (score, n) gives n units that score."""
    scores = [score for score, n in groups for _ in range(n)]
    return dict(zip(names, scores, strict=True))


def ties_everywhere(root: Path, tie_rule: str) -> Path:
    """Ties at the top, in the middle and at the bottom, over 26 units and two years;
    some units are new this year, some left, one left one evaluation only."""
    groups_2019 = [("97", 2), ("95,5", 1), ("93", 3), ("91", 1), ("88,25", 1), ("85", 4)]
    groups_2019 += [("84", 1), ("79,5", 2), ("75", 1), ("70", 3), ("66", 1), ("52", 1)]
    groups_2019 += [("48", 2), ("41", 3)]
    this_year = tied_field(ALL_NAMES, groups_2019)
    groups_2018 = [("96", 1), ("95,5", 2), ("90", 2), ("89", 1), ("85", 5), ("83,5", 2)]
    groups_2018 += [("79,5", 1), ("74", 3), ("70", 2), ("58", 1), ("50", 1), ("44", 2)]
    order = ALL_NAMES[3:] + ALL_NAMES[:3]  # last year the field was in another order
    last_year = tied_field(order[: sum(n for _, n in groups_2018)], groups_2018)
    for new in (ALL_NAMES[4], ALL_NAMES[12], ALL_NAMES[25]):
        last_year.pop(new, None)
    second_2019 = {u: s for u, s in this_year.items() if u not in (ALL_NAMES[1], ALL_NAMES[20])}
    evaluations = {
        "cchc": {**CCHC, "tie_rule": tie_rule},
        "vtlt": {**VTLT, "tie_rule": tie_rule, "min_named_ranks": 4},
    }
    years = {
        2018: {"cchc": last_year, "vtlt": last_year},
        2019: {"cchc": this_year, "vtlt": second_2019},
    }
    return write_data(root, evaluations, years)


def competition_two_decimals(root: Path) -> Path:
    """Six bands, competition ranks, two decimals, nobody in the top band last year."""
    this_year = tied_field(
        ALL_NAMES[:20],
        [
            *[("93", 3), ("90", 1), ("86,5", 2), ("80", 2), ("75,25", 1), ("68", 3)],
            *[("61", 2), ("55", 1), ("40", 3), ("12", 2)],
        ],
    )
    last_year = tied_field(
        ALL_NAMES[2:22],
        [
            *[("88", 2), ("87", 2), ("81", 1), ("79,5", 3), ("70", 2), ("69,75", 2)],
            *[("60", 4), ("51", 2), ("33", 2)],
        ],
    )
    spec = {**CCHC, "tie_rule": "competition", "decimals": 2, "bands": SIX_BANDS}
    return write_data(root, {"cchc": spec}, {2018: {"cchc": last_year}, 2019: {"cchc": this_year}})


def three_years(root: Path) -> Path:
    """Runs at rank 1 and in the top band, returns, first times (first_year given), and
    band counts compared with last year, over three years of seeded random scores."""
    rng = random.Random(16)
    years = {}
    for year in (2017, 2018, 2019):
        scores = {u: f"{rng.randrange(80, 200) / 2:g}".replace(".", ",") for u in ALL_NAMES}
        absent = rng.sample(ALL_NAMES[5:], 2)
        years[year] = {"cchc": {u: s for u, s in scores.items() if u not in absent}}
    years[2017]["cchc"][ALL_NAMES[0]] = "99,5"
    years[2018]["cchc"][ALL_NAMES[0]] = "99,5"
    years[2019]["cchc"][ALL_NAMES[0]] = "99,5"
    years[2019]["cchc"][ALL_NAMES[1]] = "99,5"
    spec = {**CCHC, "first_year": 2017, "compare_bands": True}
    return write_data(root, {"cchc": spec}, years)


def random_field(root: Path, seed: int) -> Path:
    """Two evaluations (dense, competition) of seeded random scores on a coarse grid, so
    ties fall anywhere; units missing here and there in both years."""
    rng = random.Random(seed)
    years: dict[int, dict[str, dict[str, str]]] = {}
    for year in (2018, 2019):
        years[year] = {}
        for id_ in ("cchc", "vtlt"):
            units = [u for u in ALL_NAMES if rng.random() > 0.15]
            years[year][id_] = {u: str(rng.randrange(30, 50) * 2) for u in units}
    evaluations = {
        "cchc": {**CCHC, "tie_rule": "dense"},
        "vtlt": {**VTLT, "tie_rule": "competition"},
    }
    return write_data(root, evaluations, years)


def larger_field_same_place(root: Path) -> Path:
    """The same place beyond ten (12th, no ties) both years, in a field that grew from 20
    to 23 units: 12/20 last year is not 12/23."""
    last_year = {u: str(99 - 2 * i) for i, u in enumerate(ALL_NAMES[:20])}
    this_year = {**last_year, **{u: str(40 - i) for i, u in enumerate(ALL_NAMES[20:23])}}
    return write_data(root, {"cchc": CCHC}, {2018: {"cchc": last_year}, 2019: {"cchc": this_year}})


BLOCK_A = "Khối sở, ban, ngành"
BLOCK_B = "Khối đơn vị sự nghiệp"
BLOCK_C = "Khối quận, huyện"


def in_block(block: str, scores: dict[str, str]) -> dict[str, Score]:
    return {unit: (score, block) for unit, score in scores.items()}


def two_blocks(root: Path, tie_rule: str, blocks: str) -> Path:
    """CCHC ranked in two blocks of 14 and 10 units, with a tie at the top of the first
    (a first time for one of the two, the second year running for the other) and ranks
    beyond Mười there ("12/14"); one unit moved from the second block to the first and one
    the other way (at rank 1 in its new block, which is no first time); one unit was in a
    block in 2018 and is in none in 2019, but ranked in VTLT, which has no blocks; one unit
    is new in 2019; band counts compared with 2018, block by block."""
    n = ALL_NAMES
    a_2019 = {n[1]: "97", n[2]: "97", n[0]: "95", n[3]: "93", n[4]: "93", n[5]: "90"}
    a_2019 |= {n[6]: "88,5", n[7]: "88,5", n[8]: "85", n[9]: "82", n[10]: "80"}
    a_2019 |= {n[11]: "78,25", n[12]: "70", n[15]: "91"}  # n[15]: from block B
    b_2019 = {n[13]: "96", n[16]: "94", n[17]: "89", n[18]: "89", n[19]: "75"}  # n[13]: from A
    b_2019 |= {n[20]: "72", n[21]: "66", n[22]: "60", n[23]: "55", n[24]: "50"}  # n[24]: new
    a_2018 = {n[1]: "96", n[0]: "94", n[2]: "92", n[3]: "92", n[4]: "90", n[5]: "89"}
    a_2018 |= {n[6]: "87", n[7]: "86", n[8]: "84", n[9]: "84", n[10]: "81", n[11]: "79"}
    a_2018 |= {n[12]: "71", n[13]: "88", n[14]: "77"}  # n[14]: in no block in 2019
    b_2018 = {n[15]: "93", n[16]: "95", n[17]: "85", n[18]: "88", n[19]: "78", n[20]: "70"}
    b_2018 |= {n[21]: "66", n[22]: "58", n[23]: "61"}
    vtlt_2019 = {u: str(98 - 2 * (i // 2)) for i, u in enumerate(n)}
    vtlt_2018 = {u: str(96 - 3 * (i // 3)) for i, u in enumerate(reversed(n[:24]))}
    evaluations = {
        "cchc": {**CCHC, "tie_rule": tie_rule, "first_year": 2018, "compare_bands": True},
        "vtlt": {**VTLT, "tie_rule": tie_rule},
    }
    years: dict[int, dict[str, dict[str, Score]]] = {
        2018: {"cchc": in_block(BLOCK_A, a_2018) | in_block(BLOCK_B, b_2018), "vtlt": vtlt_2018},
        2019: {"cchc": in_block(BLOCK_B, b_2019) | in_block(BLOCK_A, a_2019), "vtlt": vtlt_2019},
    }
    return write_data(root, evaluations, years, blocks)


def random_blocks(root: Path, seed: int, tie_rule: str, blocks: str) -> Path:
    """CCHC in three blocks of seeded random sizes over three years, scores on a coarse
    grid so ties fall anywhere; each year a unit may change block or be in none; VTLT
    (no blocks) ranks almost every unit, so units in no CCHC block get an article."""
    rng = random.Random(seed)
    home = {u: rng.choice((BLOCK_A, BLOCK_B, BLOCK_B, BLOCK_C)) for u in ALL_NAMES}
    years: dict[int, dict[str, dict[str, Score]]] = {}
    for year in (2017, 2018, 2019):
        cchc: dict[str, Score] = {}
        for unit in ALL_NAMES:
            if rng.random() < 0.15:
                home[unit] = rng.choice((BLOCK_A, BLOCK_B, BLOCK_C))
            if rng.random() > 0.1:
                cchc[unit] = (str(rng.randrange(30, 50) * 2), home[unit])
        vtlt = {u: str(rng.randrange(30, 50) * 2) for u in ALL_NAMES if rng.random() > 0.1}
        years[year] = {"cchc": cchc, "vtlt": vtlt}
    evaluations = {
        "cchc": {**CCHC, "tie_rule": tie_rule, "first_year": 2017, "compare_bands": True},
        "vtlt": {**VTLT, "tie_rule": tie_rule},
    }
    return write_data(root, evaluations, years, blocks)


def sample(root: Path) -> Path:
    target = root / "data"
    shutil.copytree(SAMPLE_DATA, target)
    return target


def scenario(name: str) -> Callable[[Path], Path]:
    return lambda root: make_data(root, SCENARIOS[name])


DATA_SETS: dict[str, Callable[[Path], Path]] = {
    "sample": sample,
    **{f"scenario-{name}": scenario(name) for name in sorted(SCENARIOS)},
    "generated-dense-ties-everywhere": lambda root: ties_everywhere(root, "dense"),
    "generated-competition-ties-everywhere": lambda root: ties_everywhere(root, "competition"),
    "generated-competition-two-decimals": competition_two_decimals,
    "generated-three-years": three_years,
    "generated-random-field-1": lambda root: random_field(root, 1),
    "generated-random-field-2": lambda root: random_field(root, 2),
    "generated-random-field-3": lambda root: random_field(root, 3),
    "generated-larger-field-same-place": larger_field_same_place,
    "generated-blocks-dense-all": lambda root: two_blocks(root, "dense", "all"),
    "generated-blocks-dense-focus": lambda root: two_blocks(root, "dense", "focus"),
    "generated-blocks-competition-all": lambda root: two_blocks(root, "competition", "all"),
    "generated-blocks-competition-focus": lambda root: two_blocks(root, "competition", "focus"),
    "generated-random-blocks-1": lambda root: random_blocks(root, 1, "dense", "all"),
    "generated-random-blocks-2": lambda root: random_blocks(root, 2, "competition", "focus"),
    "generated-random-blocks-3": lambda root: random_blocks(root, 3, "competition", "all"),
}

# Data sets on which bantin states something false: each one stays visible as a strict
# xfail until it is fixed (then the xfail fails and must be removed).
KNOWN_FALSE: dict[str, str] = {}

# Data sets whose true articles `bantin check` reports as wrong, kept apart from
# KNOWN_FALSE so that the claims of these data sets are still proven true.
KNOWN_CHECK_FINDINGS: dict[str, str] = {}

# Every article of a data set ranked in blocks speaks of two evaluations: fewer claims
# than this means a block section went unread.
MIN_CLAIMS_PER_BLOCK_ARTICLE = 30


def render_and_read(data: Path, out: Path) -> tuple[dict[str, list[Claim]], list[str]]:
    """Every article's claims, and what `bantin check` found wrong in each."""
    result = render_all(data, out, YEAR, ("md",), jobs=1)
    assert result.skipped == ()
    truth = load_truth(data)
    claims: dict[str, list[Claim]] = {}
    findings: list[str] = []
    articles = sorted((out / str(YEAR)).glob("*.md"))
    assert len(articles) == len(result.written) > 0
    for path in articles:
        claims[path.name] = read_article(path, truth, YEAR)
        report = check_draft(path, data, year=YEAR, agency=path.stem)
        findings += [f"{path.name}: {f}" for f in report.findings]
    return claims, findings


Rendered = Callable[[str], tuple[dict[str, list[Claim]], list[str]]]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """A data set's claims and check findings, rendered once for the tests that need them."""
    done: dict[str, tuple[dict[str, list[Claim]], list[str]]] = {}

    def get(name: str) -> tuple[dict[str, list[Claim]], list[str]]:
        if name not in done:
            root = tmp_path_factory.mktemp(name)
            done[name] = render_and_read(DATA_SETS[name](root), root / "output")
        return done[name]

    return get


def known(table: dict[str, str]) -> list[object]:
    return [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=table[n])) if n in table else n
        for n in DATA_SETS
    ]


@pytest.mark.parametrize("name", known(KNOWN_FALSE))
def test_every_claim_of_every_article_is_true(name, rendered):
    claims, _ = rendered(name)
    false = [str(c) for cs in claims.values() for c in cs if not c.true]
    assert false == [], f"{len(false)} false claims:\n" + "\n".join(false)
    least = MIN_CLAIMS_PER_BLOCK_ARTICLE if "blocks" in name else MIN_CLAIMS_PER_ARTICLE
    thin = {a: len(cs) for a, cs in claims.items() if len(cs) < least}
    assert thin == {}, "the oracle read too few claims in these articles"


@pytest.mark.parametrize("name", known(KNOWN_CHECK_FINDINGS))
def test_bantin_check_finds_nothing_wrong_in_true_articles(name, rendered):
    _, findings = rendered(name)
    assert findings == []


# The oracle must catch a lie: each edit of a true sample article makes one claim false.
LIES = [
    ("xếp hạng Nhì với điểm quy đổi 90,65", "xếp hạng Ba với điểm quy đổi 90,65"),
    ("với điểm quy đổi 90,65", "với điểm quy đổi 90,66"),
    ("với điểm quy đổi 99,84", "với điểm quy đổi 99,85"),
    ("03/21 cơ quan xếp loại Rất tốt", "04/21 cơ quan xếp loại Rất tốt"),
    ("11/21 cơ quan", "11/22 cơ quan"),
    ("không có cơ quan xếp loại Trung bình và Yếu", "không có cơ quan xếp loại Yếu"),
    ("Trong nhóm 10 cơ quan", "Trong nhóm 9 cơ quan"),
    ("tăng 5,02 điểm", "tăng 5,2 điểm"),
    ("tăng 5,02 điểm", "giảm 5,02 điểm"),
    ("(94,82 điểm)", "(94,8 điểm)"),
    ("2 năm liên tiếp 2018-2019, Sở", "3 năm liên tiếp 2017-2019, Sở"),
    ("đồng xếp hạng Nhất cùng Sở Nội vụ", "đồng xếp hạng Nhất cùng Sở Tư pháp"),
    ("Sở Văn hóa và Thể thao xếp hạng Nhì", "Sở Văn hóa và Thể thao đồng xếp hạng Nhì"),
    ("Sở Văn hóa và Thể thao xếp hạng Nhì", "Sở Nội vụ xếp hạng Nhì"),
    ("xếp hạng Năm về công tác văn thư lưu trữ", "xếp hạng Tư về công tác văn thư lưu trữ"),
    ("được xếp loại Xuất sắc, xếp hạng", "được xếp loại Tốt, xếp hạng"),
    (
        "văn thư lưu trữ, tăng 6 điểm so với năm trước",
        "văn thư lưu trữ, tăng 5 điểm so với năm trước",
    ),
    (
        "văn thư lưu trữ, tăng 6 điểm so với năm trước",
        "văn thư lưu trữ, tăng 2 bậc so với năm trước",
    ),
    (
        "Sở xếp hạng Năm với 96,3",
        "Sở xếp thứ 5/32 với 96,3",
    ),
    (
        "Sở xếp hạng Năm với 96,3",
        "Sở xếp thứ 7/32 với 96,3",
    ),
    # a rank word far down the table is no sentence the oracle reads
    (
        "Sở xếp hạng Năm với 96,3",
        "Sở xếp hạng Sáu với 96,3",
    ),
    # the other rank verb
    ("Sở Văn hóa và Thể thao xếp hạng Nhì", "Sở Văn hóa và Thể thao xếp vị thứ Nhì"),
    (
        "Như vậy, 2 năm",
        "Đây là lần đầu tiên Sở Thông tin và Truyền thông xếp hạng Nhất về công tác CCHC. Như vậy, 2 năm",
    ),
    (
        "Sở Nội vụ xếp hạng Ba với 96,8 điểm",
        "Sở Nội vụ xếp hạng Ba với 96,8 điểm; Sở Y tế không có tên",
    ),
    # a sentence about the focus unit whose subject is another unit
    ("2018-2019, Sở giữ", "2018-2019, Sở Nội vụ giữ"),
    ("Sở xếp hạng Năm với 96,3", "Sở Nội vụ xếp hạng Năm với 96,3"),
    # the focus unit's noun, said of a band it is not in
    ("96,3 điểm, thuộc nhóm Xuất sắc", "96,3 điểm, thuộc nhóm Tốt"),
    ("Điểm VTLT năm 2019 của Sở tăng", "Điểm VTLT năm 2019 của Sở Y tế tăng"),
    # a group of one said as a group
    ("Trong nhóm 03 cơ quan xếp loại Rất tốt, Sở", "Trong nhóm 01 cơ quan xếp loại Rất tốt, Sở"),
    # the second score of a paragraph with another label
    ("với điểm quy đổi 90,65", "với điểm 90,65"),
]


@pytest.fixture(scope="module")
def sample_article(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("lies")
    data = sample(root)
    render_all(data, root / "output", YEAR, ("md",), jobs=1)
    return data, (root / "output" / str(YEAR) / "Sở Thông tin và Truyền thông.md").read_text(
        "utf-8"
    )


@pytest.mark.parametrize(("true", "lie"), LIES)
def test_the_oracle_catches_a_lie(true, lie, sample_article, tmp_path):
    data, text = sample_article
    assert true in text
    path = tmp_path / "Sở Thông tin và Truyền thông.md"
    path.write_text(text.replace(true, lie, 1), "utf-8")
    truth = load_truth(data)
    assert [c for c in read_article(path, truth, YEAR) if not c.true] != []


# The same in articles of a data set ranked in blocks: (article, true text, lie).
BLOCK_LIES = [
    # a count among every block's units, not the block's
    ("Sở Tư pháp", "07/14 cơ quan xếp loại Rất tốt", "07/24 cơ quan xếp loại Rất tốt"),
    # the counts of one block under the other's name
    ("Sở Tư pháp", "cho thấy, Khối sở, ban, ngành có", "cho thấy, Khối đơn vị sự nghiệp có"),
    # the sapo's block is not the unit's
    (
        "Sở Tư pháp",
        "năm 2019 trong Khối sở, ban, ngành;",
        "năm 2019 trong Khối đơn vị sự nghiệp;",
    ),
    # N/M among the whole evaluation, not the block
    ("Sở Tài nguyên và Môi trường", "xếp thứ 14/14", "xếp thứ 14/24"),
    # who leads another block, said in one sentence: a unit that does not, its score, the
    # tie, and the unit's own block said in brief instead of the other
    (
        "Sở Tư pháp",
        "Ở Khối đơn vị sự nghiệp, Sở Giao thông vận tải xếp hạng Nhất với 96 điểm.",
        "Ở Khối đơn vị sự nghiệp, Sở Thông tin và Truyền thông xếp hạng Nhất với 96 điểm.",
    ),
    (
        "Sở Tư pháp",
        "Ở Khối đơn vị sự nghiệp, Sở Giao thông vận tải xếp hạng Nhất với 96 điểm.",
        "Ở Khối đơn vị sự nghiệp, Sở Giao thông vận tải xếp hạng Nhất với 95 điểm.",
    ),
    (
        "Sở Tư pháp",
        "Ở Khối đơn vị sự nghiệp, Sở Giao thông vận tải xếp hạng Nhất với 96 điểm.",
        "Ở Khối sở, ban, ngành, Sở Nội vụ và Sở Tư pháp đồng xếp hạng Nhất với 97 điểm.",
    ),
    (
        "Sở Giao thông vận tải",
        "Ở Khối sở, ban, ngành, Sở Nội vụ và Sở Tư pháp đồng xếp hạng Nhất với 97 điểm.",
        "Ở Khối sở, ban, ngành, Sở Nội vụ xếp hạng Nhất với 97 điểm.",
    ),
    # a unit ranked in the other block called absent
    (
        "Sở Giao thông vận tải",
        "Ở Khối sở, ban, ngành, Sở Nội vụ và Sở Tư pháp đồng xếp hạng Nhất với 97 điểm.",
        "Ở Khối sở, ban, ngành, Sở Nội vụ và Sở Tư pháp đồng xếp hạng Nhất với 97 điểm. "
        "Năm 2019, Sở Giao thông vận tải không có tên trong kết quả đánh giá CCHC.",
    ),
    # a first time at rank 1 for a unit that was in the other block last year
    (
        "Sở Giao thông vận tải",
        "Văn phòng UBND thành phố xếp hạng Nhì với điểm quy đổi 94.",
        "Văn phòng UBND thành phố xếp hạng Nhì với điểm quy đổi 94. Đây là lần đầu tiên Sở "
        "Giao thông vận tải xếp hạng Nhất về công tác CCHC.",
    ),
    # a score compared with last year's, in the other block
    (
        "Thanh tra thành phố",
        "Thanh tra thành phố xếp hạng Tư với 91 điểm.",
        "Thanh tra thành phố xếp hạng Tư với 91 điểm. Điểm quy đổi CCHC năm 2019 "
        "của đơn vị giảm 2 điểm so với năm 2018 (93 điểm).",
    ),
]


@pytest.fixture(scope="module")
def block_articles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("block-lies")
    data = two_blocks(root, "dense", "all")
    render_all(data, root / "output", YEAR, ("md",), jobs=1)
    return data, root / "output" / str(YEAR)


@pytest.mark.parametrize(("article", "true", "lie"), BLOCK_LIES)
def test_the_oracle_catches_a_lie_about_blocks(article, true, lie, block_articles, tmp_path):
    data, folder = block_articles
    text = (folder / f"{article}.md").read_text("utf-8")
    assert true in text
    path = tmp_path / f"{article}.md"
    path.write_text(text.replace(true, lie, 1), "utf-8")
    truth = load_truth(data)
    assert [c for c in read_article(path, truth, YEAR) if not c.true] != []


# The same in the sample's articles about other units, whose sections open with the unit's
# own result: (article, true text, lie).
OWN_LIES = [
    # how many share the unit's band
    ("Sở Du lịch", "thuộc nhóm 11 cơ quan xếp loại Tốt", "thuộc nhóm 10 cơ quan xếp loại Tốt"),
    # first of its band, said of a unit that is not
    ("Sở Du lịch", "thuộc nhóm 11 cơ quan xếp loại Tốt", "dẫn đầu nhóm 11 cơ quan xếp loại Tốt"),
    # the only one of its band
    ("Sở Du lịch", "thuộc nhóm 11 cơ quan xếp loại Tốt", "là cơ quan duy nhất xếp loại Tốt"),
    # "số điểm này": the change, and a sentence in between that makes "này" another score
    ("Sở Công Thương", "Số điểm này tăng 3,5 điểm", "Số điểm này tăng 4,5 điểm"),
    (
        "Sở Công Thương",
        "thuộc nhóm 03 cơ quan xếp loại Tốt. Số điểm này",
        "thuộc nhóm 03 cơ quan xếp loại Tốt. Sở Nội vụ xếp hạng Ba với 96,8 điểm. Số điểm này",
    ),
    # the group's picture in brief
    (
        "Quỹ Đầu tư phát triển thành phố Đà Nẵng",
        "có 10/32 cơ quan xếp loại Xuất sắc;",
        "có 09/32 cơ quan xếp loại Xuất sắc;",
    ),
    (
        "Quỹ Đầu tư phát triển thành phố Đà Nẵng",
        "có 10/32 cơ quan xếp loại Xuất sắc;",
        "có 10/32 cơ quan xếp loại Tốt;",
    ),
    # who leads, in a paragraph of its own: the group, the place
    (
        "Sở Du lịch",
        "Dẫn đầu Khối sở, ban, ngành thành phố là",
        "Dẫn đầu Khối sở, ban, ngành, đơn vị sự nghiệp, ban quản lý dự án trực thuộc UBND "
        "thành phố là",
    ),
    (
        "Sở Du lịch",
        "đồng xếp hạng Nhất với điểm quy đổi 99,84",
        "đồng xếp hạng Nhì với điểm quy đổi 99,84",
    ),
    ("Sở Du lịch", "là Sở Nội vụ cùng Sở Thông tin", "là Sở Tư pháp cùng Sở Thông tin"),
    # "trong nhóm này" after a band that is not the top one
    (
        "Sở Công Thương",
        "Trong nhóm 03 cơ quan xếp loại Rất tốt,",
        "Sở xếp thứ 7/21 với điểm quy đổi 87,46, thuộc nhóm 11 cơ quan xếp loại Tốt. "
        "Trong nhóm này,",
    ),
    # the score in the sapo
    ("Sở Giao thông vận tải", "đạt điểm quy đổi 90,65,", "đạt điểm quy đổi 90,66,"),
    # the unit's own score in its section, its place left to the sapo
    ("Sở Y tế", "Sở Y tế đạt điểm quy đổi 84,37, thuộc", "Sở Y tế đạt điểm quy đổi 84,38, thuộc"),
    ("Sở Y tế", "Sở đạt 91 điểm, thuộc nhóm 10", "Sở đạt 91 điểm, thuộc nhóm 11"),
    # the units just ahead and behind, and their scores
    ("Sở Y tế", "Sở Khoa học và Công nghệ (85,12 điểm)", "Sở Khoa học và Công nghệ (85,13 điểm)"),
    ("Sở Y tế", "ngay sau là Sở Du lịch (83,05 điểm)", "ngay sau là Sở Công Thương (83,05 điểm)"),
    (
        "Sở Công Thương",
        "Xếp ngay trên Sở là Sở Tài chính (88,10 điểm)",
        "Xếp ngay trên Sở là Sở Y tế (88,10 điểm)",
    ),
    # the other units of its band, and their scores
    ("Sở Công Thương", "Sở Xây dựng (88,5 điểm) và", "Sở Xây dựng (88 điểm) và"),
    (
        "Sở Công Thương",
        "Nhóm Tốt còn có Sở Xây dựng (88,5 điểm) và Sở Giao thông vận tải (83,5 điểm)",
        "Nhóm Tốt còn có Sở Xây dựng (88,5 điểm)",
    ),
    ("Sở Công Thương", "Nhóm Tốt còn có", "Nhóm Khá còn có"),
    # a name that says "đánh giá" is not preceded by it again
    (
        "Sở Công Thương",
        "Đối với kết quả đánh giá Chỉ số cải cách hành chính (CCHC)",
        "Đối với kết quả Chỉ số cải cách hành chính (CCHC)",
    ),
    # the sapo's place first, its band after it
    (
        "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp",
        "xếp thứ 23/32 về công tác văn thư lưu trữ năm 2019, xếp loại Chưa đạt.",
        "xếp thứ 22/32 về công tác văn thư lưu trữ năm 2019, xếp loại Chưa đạt.",
    ),
    (
        "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp",
        "xếp thứ 23/32 về công tác văn thư lưu trữ năm 2019, xếp loại Chưa đạt.",
        "xếp thứ 23/32 về công tác văn thư lưu trữ năm 2019, xếp loại Trung bình.",
    ),
    # the closing's tone: no praise where every result is weak, no "improved" where a
    # score fell
    (
        "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp",
        "Kết quả này cho thấy Ban còn nhiều việc phải làm.",
        "Những kết quả này thể hiện sự nỗ lực của tập thể lãnh đạo, công chức, viên chức Ban.",
    ),
    # no band lost said where none was
    (
        "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp",
        "Kết quả này cho thấy Ban còn nhiều việc phải làm.",
        "Kết quả năm nay chưa giữ được mức xếp loại của năm trước.",
    ),
    (
        "Ban Quản lý Khu công nghệ cao và các khu công nghiệp",
        "Kết quả trên chưa tương xứng với yêu cầu đặt ra đối với Ban.",
        "Điểm số được cải thiện so với năm trước là chuyển biến tích cực.",
    ),
    # a long name in the headline where units.toml gives a short one
    (
        "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông",
        "của Ban QLDA ĐTXD các công trình giao thông",
        "của Ban Quản lý dự án đầu tư xây dựng các công trình giao thông",
    ),
]


@pytest.fixture(scope="module")
def sample_articles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("own-lies")
    data = sample(root)
    render_all(data, root / "output", YEAR, ("md",), jobs=1)
    return data, root / "output" / str(YEAR)


@pytest.mark.parametrize(("article", "true", "lie"), OWN_LIES)
def test_the_oracle_catches_a_lie_about_a_units_own_result(
    article, true, lie, sample_articles, tmp_path
):
    data, folder = sample_articles
    text = (folder / f"{article}.md").read_text("utf-8")
    assert true in text
    truth = load_truth(data)
    path = tmp_path / f"{article}.md"
    path.write_text(text, "utf-8")
    assert [c for c in read_article(path, truth, YEAR) if not c.true] == []
    path.write_text(text.replace(true, lie, 1), "utf-8")
    assert [c for c in read_article(path, truth, YEAR) if not c.true] != []


# -- how articles read (issue 20): rules over every article of every data set -------------

WEAK_WORDS = ("Trung bình", "Yếu", "Kém", "Chưa đạt", "Không đạt")
SPELLED_PAST_NAM = re.compile(r"(?:xếp hạng|vị thứ|thứ) (?:Sáu|Bảy|Tám|Chín|Mười)")


def style_faults(name: str, text: str) -> list[str]:
    """What an editor would strike in an article, whatever the data."""
    title = text.split("\n", 1)[0]
    faults = []
    for weak in WEAK_WORDS:
        if f"được xếp loại {weak}" in text:
            faults.append(f"'được xếp loại {weak}'")
        if title.endswith(f"xếp loại {weak}") or f"xếp loại {weak} về" in title:
            faults.append(f"a weak band in the headline: {title}")
    if re.search(r"nhóm 0?1 ", text):
        faults.append("a group of one called 'nhóm 01'")
    if SPELLED_PAST_NAM.search(text):
        faults.append(f"a spelled rank past Năm: {SPELLED_PAST_NAM.search(text)[0]}")
    if "xếp vị thứ" in text and "xếp hạng" in text:
        faults.append("two rank verbs")
    if re.search(r"(?:tăng|giảm) \d+,\d*0 điểm", text):
        faults.append("a change with padded zeros")
    if (
        "đơn vị" in text
        and re.search(r"(?:tăng|giảm) \d+ đơn vị", text)
        and "cơ quan xếp loại" in text
    ):
        faults.append("a count of 'cơ quan' changed in 'đơn vị'")
    if re.search(r"[\w)]\.[A-ZĐ]|\w;\w|\s[,.;]", text):
        faults.append("a sentence or clause run into the next (no space) or a space before a mark")
    if re.search(r"cùng [^.;]+ cùng ", text):
        faults.append("'cùng A cùng B'")
    paragraphs = [p for p in text.split("\n\n") if p.strip() and not p.startswith("*")]
    if len(set(paragraphs)) < len(paragraphs):
        faults.append("a paragraph said twice")
    if re.search(r"phát huy, khắc phục", text):
        faults.append("'phát huy' without its object")
    # The full name at most 3 times (title, sapo, and once in the body where the list
    # of the top band names it among others); every other mention is the unit's noun
    # ("Sở", "đơn vị"), in a sentence that names no other unit before it.
    said = text.count(name.removesuffix(".md"))
    if said > 3:
        faults.append(f"the full name {said} times")
    return faults


@pytest.mark.parametrize("name", list(DATA_SETS))
def test_every_article_reads_as_a_press_office_writes(name, tmp_path):
    data = DATA_SETS[name](tmp_path)
    render_all(data, tmp_path / "out", YEAR, ("md",), jobs=1)
    faults = {}
    for path in sorted((tmp_path / "out" / str(YEAR)).glob("*.md")):
        found = style_faults(path.name, path.read_text("utf-8"))
        if found:
            faults[path.name] = found
    assert faults == {}


@pytest.mark.parametrize("name", ["sample", "scenario-lowest-band", "generated-three-years"])
def test_the_headline_carries_the_strongest_news(name, tmp_path):
    """A first place anywhere is the headline; a weak band never is."""
    data = DATA_SETS[name](tmp_path)
    render_all(data, tmp_path / "out", YEAR, ("md",), jobs=1)
    truth = load_truth(data)
    for path in sorted((tmp_path / "out" / str(YEAR)).glob("*.md")):
        focus = path.stem
        title = path.read_text("utf-8").split("\n", 1)[0]
        firsts = [
            t
            for (_, y, _), t in truth.tables.items()
            if y == YEAR and focus in t.entries and t.rank(focus) == 1
        ]
        if firsts:
            assert "Nhất" in title or "dẫn đầu" in title, title
