"""Proof that articles say only what the data says (issue 16, item 7).

Every data set below is rendered with `render_all`, one Markdown article per unit, and
every claim of every article is checked by the oracle in oracle.py, which reads the
score files itself. `bantin check` must find nothing wrong with the same articles.

TODO(blocks): data sets ranked in blocks (a "Khối" column) are next; blocks are being
reworked, so the oracle raises BlocksNotCovered for them and no block set is listed here.
"""

from __future__ import annotations

import random
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
    "Trường Cao đẳng Nghề Đà Nẵng",
    "Đài Phát thanh - Truyền hình Đà Nẵng",
]
ALL_NAMES = NAMES + MORE_NAMES


def write_data(
    root: Path,
    evaluations: dict[str, dict[str, object]],
    years: dict[int, dict[str, dict[str, str]]],
) -> Path:
    """A data folder: evaluations/<id>.toml from `evaluations`, <year>/<id>.csv from `years`
    ({year: {evaluation: {unit: score}}}), and a publisher."""
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
            body = "STT;Đơn vị;Điểm\n" + "".join(
                f"{i};{unit};{score}\n" for i, (unit, score) in enumerate(scores.items(), 1)
            )
            (folder / f"{id_}.csv").write_text(body, "utf-8")
        sections = [id_ for id_ in evaluations if id_ in files]
        (folder / "article.toml").write_text(
            "sections = [" + ", ".join(f'"{s}"' for s in sections) + "]\n", "utf-8"
        )
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
}

# Data sets on which bantin states something false: each one stays visible as a strict
# xfail until it is fixed (then the xfail fails and must be removed).
KNOWN_FALSE: dict[str, str] = {}


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


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FALSE[n]))
        if n in KNOWN_FALSE
        else n
        for n in DATA_SETS
    ],
)
def test_every_claim_of_every_article_is_true(name, tmp_path):
    claims, findings = render_and_read(DATA_SETS[name](tmp_path), tmp_path / "output")
    false = [str(c) for cs in claims.values() for c in cs if not c.true]
    assert false == [], f"{len(false)} false claims:\n" + "\n".join(false)
    assert findings == []
    thin = {a: len(cs) for a, cs in claims.items() if len(cs) < MIN_CLAIMS_PER_ARTICLE}
    assert thin == {}, "the oracle read too few claims in these articles"


# The oracle must catch a lie: each edit of a true sample article makes one claim false.
LIES = [
    ("xếp hạng Nhì với điểm quy đổi 90,65", "xếp hạng Ba với điểm quy đổi 90,65"),
    ("với điểm quy đổi 90,65", "với điểm quy đổi 90,66"),
    ("03/21 cơ quan xếp loại Rất tốt", "04/21 cơ quan xếp loại Rất tốt"),
    ("11/21 cơ quan", "11/22 cơ quan"),
    ("không có cơ quan xếp loại Trung bình và Yếu", "không có cơ quan xếp loại Yếu"),
    ("Trong nhóm 10 cơ quan", "Trong nhóm 9 cơ quan"),
    ("tăng 5,02 điểm", "tăng 5,2 điểm"),
    ("tăng 5,02 điểm", "giảm 5,02 điểm"),
    ("(94,82 điểm)", "(94,8 điểm)"),
    ("2 năm liên tiếp 2018-2019, Sở", "3 năm liên tiếp 2017-2019, Sở"),
    ("đồng xếp hạng Nhất cùng Sở Nội vụ", "đồng xếp hạng Nhất cùng Sở Tư pháp"),
    ("Sở Văn hóa và Thể thao xếp vị thứ Nhì", "Sở Văn hóa và Thể thao đồng xếp vị thứ Nhì"),
    ("Sở Văn hóa và Thể thao xếp vị thứ Nhì", "Sở Nội vụ xếp vị thứ Nhì"),
    ("xếp vị thứ Năm về công tác văn thư lưu trữ", "xếp vị thứ Tư về công tác văn thư lưu trữ"),
    ("được xếp loại Xuất sắc, xếp vị thứ", "được xếp loại Tốt, xếp vị thứ"),
    (
        "Sở Thông tin và Truyền thông xếp vị thứ Năm với 96,3",
        "Sở Thông tin và Truyền thông xếp vị thứ 5/32 với 96,3",
    ),
    (
        "Như vậy, 2 năm",
        "Đây là lần đầu tiên Sở Thông tin và Truyền thông xếp hạng Nhất về công tác CCHC. Như vậy, 2 năm",
    ),
    (
        "Sở Nội vụ xếp vị thứ Ba với 96,8 điểm",
        "Sở Nội vụ xếp vị thứ Ba với 96,8 điểm; Sở Y tế không có tên",
    ),
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
