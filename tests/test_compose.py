from __future__ import annotations

import itertools
import re
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bantin.article import Role
from bantin.compose.article import compose_article, tidy
from bantin.errors import DataError, TemplateError
from bantin.load import load_dataset

from .conftest import SAMPLE_DATA
from .helpers import FACTS_2019, SLIPS


@pytest.fixture(scope="module")
def article():
    return compose_article(load_dataset(SAMPLE_DATA), 2019)


def plain(article) -> str:
    from bantin.article import plain_text

    return "\n".join(plain_text(b.text) for b in article.blocks)


def test_the_2019_article_states_every_published_fact(article):
    text = plain(article)
    missing = [fact for fact in FACTS_2019 if fact not in text]
    assert missing == []


def test_the_2019_article_does_not_copy_the_published_slips(article):
    text = plain(article)
    assert [slip for slip in SLIPS if slip in text] == []


def test_article_structure(article):
    roles = [b.role for b in article.blocks]
    assert roles[:2] == [Role.TITLE, Role.LEAD]
    assert roles[-1] is Role.BYLINE
    assert roles.count(Role.PHOTO) == roles.count(Role.CAPTION) == 2
    assert (
        article.title
        == "Sở Thông tin và Truyền thông 2 năm liên tiếp dẫn đầu về cải cách hành chính"
    )
    assert article.author == "Thu Trang"


def test_photos_follow_their_sections(article):
    texts = [b.text for b in article.blocks]
    photo_1 = texts.index("\\[Chèn ảnh 1\\]")
    vtlt = next(i for i, t in enumerate(texts) if "kết quả đánh giá công tác văn thư" in t)
    assert photo_1 < vtlt < texts.index("\\[Chèn ảnh 2\\]")


def test_data_drives_the_text(data_copy):
    path = data_copy / "2019" / "cchc.csv"
    path.write_text(
        path.read_text("utf-8").replace(
            ";Sở Thông tin và Truyền thông;99,84;", ";Sở Thông tin và Truyền thông;98,50;"
        ),
        "utf-8",
    )
    path = data_copy / "2018" / "vtlt.csv"
    path.write_text(path.read_text("utf-8").replace(";90,3;", ";91,3;"), "utf-8")
    text = plain(compose_article(load_dataset(data_copy), 2019))
    assert "Sở Nội vụ xếp hạng Nhất với điểm quy đổi 99,84" in text
    assert "Sở Thông tin và Truyền thông xếp hạng Nhì với điểm quy đổi 98,50" in text
    assert "năm liên tiếp" not in text
    assert "tăng 5 điểm so với năm 2018 (91,3 điểm)" in text
    assert "đồng xếp hạng Nhất cùng Sở Nội vụ" not in text


def test_another_agency_view(data_copy):
    article = compose_article(load_dataset(data_copy), 2019, agency="sở y tế")
    text = plain(article)
    assert article.focus == "Sở Y tế"
    # Far down a table a place is a number ("thứ 10/32"), never a spelled rank ("Mười").
    assert "xếp thứ 10/32 về công tác văn thư lưu trữ" in text
    # Not among the leaders, its own result opens each section, with how many share its
    # band: by its name in the first section, by its noun after that. The sapo gave its
    # place: the section gives its score and the units just ahead and behind it instead.
    assert (
        "(CCHC) năm 2019, Sở Y tế đạt điểm quy đổi 84,37, thuộc nhóm 11 cơ quan xếp loại Tốt."
        in text
    )
    assert "(VTLT) năm 2019, Sở đạt 91 điểm, thuộc nhóm 10 cơ quan xếp loại Xuất sắc." in text
    assert (
        "Xếp ngay trên Sở là Sở Khoa học và Công nghệ (85,12 điểm), ngay sau là Sở Du lịch"
        " (83,05 điểm)." in text
    )
    assert "xếp thứ 11/21" not in text.split("\n", 2)[2]  # the sapo's place, not said twice
    assert text.count("Sở Y tế") <= 3
    # Its noun in the closing.
    assert "viên chức Sở " in text or "viên chức toàn Sở." in text


def test_an_agency_never_in_an_evaluation_gets_no_section_photo_or_caption_of_it(data_copy):
    # The college is in VTLT (2018, 2019) and was never in the CCHC group.
    article = compose_article(load_dataset(data_copy), 2019, agency="Trường Cao đẳng nghề Đà Nẵng")
    text = plain(article)
    assert "CCHC" not in text and "cải cách hành chính" not in text
    assert "không có tên" not in text
    # The photos of article.toml are of the publisher's own unit: none here.
    assert "Ảnh " not in text and "Chèn ảnh" not in text
    assert "Kết quả đánh giá, xếp hạng công tác văn thư lưu trữ (VTLT) năm 2019 cho thấy" in text
    assert "công tác văn thư lưu trữ" in text.splitlines()[-2]  # the closing: its work only
    assert article.subject == "công tác văn thư lưu trữ năm 2019"


def test_agency_absent_this_year_from_an_evaluation_it_was_in(data_copy):
    # In CCHC 2018, not in CCHC 2019: the sentence saying so stays, with its photo.
    scores = data_copy / "2019" / "cchc.csv"
    lines = scores.read_text("utf-8").splitlines(keepends=True)
    scores.write_text("".join(line for line in lines if "Sở Tư pháp" not in line), "utf-8")
    text = plain(compose_article(load_dataset(data_copy), 2019, agency="Sở Tư pháp"))
    assert "Năm 2019, Sở không có tên trong kết quả đánh giá CCHC." in text
    publisher = data_copy / "publisher.toml"
    publisher.write_text(
        publisher.read_text("utf-8").replace('"Sở Thông tin và Truyền thông"', '"Sở Tư pháp"'),
        "utf-8",
    )
    text = plain(compose_article(load_dataset(data_copy), 2019))
    assert "Năm 2019, Sở không có tên trong kết quả đánh giá CCHC." in text
    assert "Ảnh 1: " in text and "Ảnh 2: " in text


def test_unknown_agency_is_an_error(data_copy):
    with pytest.raises(DataError) as excinfo:
        compose_article(load_dataset(data_copy), 2019, agency="Sở Không Có")
    assert excinfo.value.format_message() == (
        f'{data_copy}: không tìm thấy đơn vị "Sở Không Có" trong dữ liệu năm 2019'
    )


def test_a_year_without_scores_is_an_error(data_copy):
    with pytest.raises(DataError) as excinfo:
        compose_article(load_dataset(data_copy), 2017)
    assert excinfo.value.format_message() == f"{data_copy}: không có dữ liệu điểm nào cho năm 2017"


def test_a_year_without_article_settings_uses_every_evaluation(data_copy):
    shutil.copy(data_copy / "2019" / "cchc.csv", data_copy / "2018" / "cchc.csv")
    article = compose_article(load_dataset(data_copy), 2018)
    assert not any(b.role is Role.PHOTO for b in article.blocks)
    assert "Trong nhóm 03 cơ quan xếp loại Rất tốt" in plain(article)


def test_names_with_markdown_characters_stay_literal(data_copy):
    (data_copy / "units.toml").unlink()  # no registry: names are taken as written
    path = data_copy / "2019" / "vtlt.csv"
    path.write_text(path.read_text("utf-8").replace("Sở Tài chính", "Sở *Tài* chính_[1]"), "utf-8")
    text = plain(compose_article(load_dataset(data_copy), 2019))
    # Punctuation sorts before letters, as in ICU, so the odd name comes first.
    assert "Sở *Tài* chính_[1] cùng Sở Khoa học và Công nghệ đồng xếp hạng Nhất" in text


def test_a_working_folder_template_overrides_the_builtin(data_copy, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "byline.md.j2").write_text("{{ author }} ({{ publisher.city }})\n", "utf-8")
    article = compose_article(load_dataset(data_copy), 2019, templates=templates)
    assert article.blocks[-1].text == "Thu Trang (Đà Nẵng)"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ author }\n", "byline.md.j2:1: lỗi cú pháp mẫu: unexpected '}'"),
        ("{{ autor }}\n", 'byline.md.j2:1: biến "autor" không có; có phải: author?'),
        ("\n{{ author | nosuch }}\n", 'byline.md.j2:2: không có bộ lọc "nosuch"'),
        (
            "{{ author | capfrist }}\n",
            'byline.md.j2:1: không có bộ lọc "capfrist"; có phải: capfirst, first?',
        ),
        (
            "{{ headline.focus.rnak }}\n",
            'byline.md.j2:1: RankedUnit không có thuộc tính "rnak"; có phải: rank?',
        ),
        (
            "{% if 1 is evn %}{% endif %}\n",
            'byline.md.j2:1: không có phép thử "evn"; có phải: even?',
        ),
        (
            "{{ author.__class__ }}\n",
            'byline.md.j2:1: mẫu không được truy cập thuộc tính "__class__" (mẫu chạy trong '
            "sandbox: chỉ đọc được dữ liệu của bài)",
        ),
    ],
)
def test_template_errors_name_file_and_line(data_copy, tmp_path, source, message):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "byline.md.j2").write_text(source, "utf-8")
    with pytest.raises(TemplateError) as excinfo:
        compose_article(load_dataset(data_copy), 2019, templates=templates)
    assert excinfo.value.format_message() == f"{templates}/{message}"


@pytest.mark.parametrize(
    "source",
    [
        "{{ author.__class__.__mro__ }}",
        "{{ publisher.__init__.__globals__ }}",
        "{{ sections[0].evaluation.source.__class__ }}",
        "{{ ''.__class__.__base__.__subclasses__() }}",
        # through [] and filters' attribute= too, which read bantin's records directly
        "{{ headline.focus['__class__'] }}",
        "{{ [headline] | map(attribute='__class__') | first }}",
    ],
)
def test_templates_cannot_reach_python_internals(data_copy, tmp_path, source):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "byline.md.j2").write_text(source + "\n", "utf-8")
    with pytest.raises(TemplateError) as excinfo:
        compose_article(load_dataset(data_copy), 2019, templates=templates)
    assert "mẫu không được truy cập thuộc tính" in excinfo.value.detail


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\n  b ,\n c .", "a b, c."),
        ("( x )", "(x)"),
        ("03/21 cơ quan\n; không có", "03/21 cơ quan; không có"),
    ],
)
def test_tidy_joins_lines_without_space_before_punctuation(raw, expected):
    assert tidy(raw) == expected


# Every kind of whitespace Python knows (line breaks of all sorts, tabs, no-break and
# other wide spaces, the ASCII separators), some unprintable non-space, punctuation, and
# letters of both string widths.
_TEXT = st.text(
    alphabet=list(" \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u2003\u2028\u3000\u200b,.;:!?()ab\u1ea1Đ")
)


@given(_TEXT)
def test_tidy_is_the_rule_it_states(raw):
    # Single spaces, none before , . ; : ! ? ), none after (: written as regular expressions.
    text = " ".join(raw.split())
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    assert tidy(raw) == re.sub(r"\(\s+", "(", text)


@given(_TEXT)
def test_single_spacing_is_str_split_joined(raw):
    from bantin.compose.article import _single_spaced

    assert _single_spaced(raw) == " ".join(raw.split())


def test_an_evaluation_defined_only_in_data_gets_a_correct_section(data_copy):
    settings = data_copy / "2019" / "article.toml"
    settings.write_text(
        settings.read_text("utf-8").replace(
            'sections = ["cchc", "vtlt"]', 'sections = ["cchc", "vtlt", "ict"]'
        ),
        "utf-8",
    )
    text = plain(compose_article(load_dataset(data_copy), 2019))
    assert (
        "Chỉ số ứng dụng công nghệ thông tin (ICT) năm 2019, Khối sở, ban, ngành thành phố có "
        "03/21 cơ quan xếp loại Xuất sắc, 04/21 cơ quan xếp loại Tốt, 05/21 cơ quan xếp loại Khá, "
        "04/21 cơ quan xếp loại Trung bình khá, 03/21 cơ quan xếp loại Trung bình và "
        "02/21 cơ quan xếp loại Chưa đạt."
    ) in text
    # Competition ranking: one first, two tied second, the next would be fourth.
    assert (
        "Sở xếp hạng Nhất với 93,50 điểm, thuộc nhóm Xuất sắc. Trong nhóm 03 cơ quan xếp loại "
        "Xuất sắc, Sở Giao thông vận tải và Sở Nội vụ đồng xếp hạng Nhì với 91,25 điểm."
    ) in text
    # The sapo puts the results most newsworthy first: two first places, then the rest.
    assert (
        "2 năm liên tiếp giữ vị trí dẫn đầu; đồng thời xếp hạng Nhất về công tác ứng dụng "
        "công nghệ thông tin; bên cạnh đó, được xếp loại Xuất sắc, xếp hạng Năm về công tác "
        "văn thư lưu trữ"
    ) in text


def test_closing_tone_follows_the_results(data_copy):
    dataset = load_dataset(data_copy)
    low = plain(
        compose_article(
            dataset, 2019, agency="Ban Quản lý Bán đảo Sơn Trà và các bãi biển du lịch Đà Nẵng"
        )
    )
    assert "ghi nhận" not in low.splitlines()[-2]
    assert "hạn chế" in low.splitlines()[-2]
    high = plain(compose_article(dataset, 2019))
    assert "nỗ lực" in high.splitlines()[-2]


def test_pick_is_deterministic_and_varies_with_its_keys():
    from bantin.compose.filters import FILTERS

    pick = FILTERS["pick"]
    options = ["một", "hai", "ba"]
    assert pick(options, 2019, "Sở Y tế") == pick(options, 2019, "Sở Y tế")
    chosen = [pick(options, year, "Sở Y tế") for year in range(2000, 2030)]
    assert set(chosen) == set(options)
    # A person would not repeat last year's phrasing: consecutive years always differ.
    assert all(a != b for a, b in itertools.pairwise(chosen))


def blocked_data(root):
    """One evaluation ranked in two blocks in one file, over two years."""
    import shutil

    data = root / "data"
    shutil.copytree(SAMPLE_DATA, data)
    (data / "units.toml").unlink()
    for year in ("2018", "2019"):
        (data / year / "vtlt.csv").unlink()
        (data / year / "ict.csv").unlink(missing_ok=True)
    rows = {
        2018: [
            ("Sở Nội vụ", "90", "Khối sở, ban, ngành"),
            ("Sở Tư pháp", "85", "Khối sở, ban, ngành"),
            ("UBND quận Hải Châu", "88", "Khối quận, huyện"),
            ("UBND quận Sơn Trà", "91", "Khối quận, huyện"),
            ("UBND huyện Hòa Vang", "70", "Khối quận, huyện"),
        ],
        2019: [
            ("Sở Nội vụ", "95", "Khối sở, ban, ngành"),
            ("Sở Tư pháp", "85", "Khối sở, ban, ngành"),
            ("UBND quận Hải Châu", "93", "Khối quận, huyện"),
            ("UBND quận Sơn Trà", "89", "Khối quận, huyện"),
            ("UBND huyện Hòa Vang", "75,5", "Khối quận, huyện"),
        ],
    }
    for year, table in rows.items():
        body = "Đơn vị;Điểm;Khối\n" + "".join(f"{u};{s};{b}\n" for u, s, b in table)
        (data / str(year) / "cchc.csv").write_text(body, "utf-8")
    (data / "2019" / "article.toml").write_text('sections = ["cchc"]\n', "utf-8")
    # These files have no "Xếp loại" column: the thresholds are taken as published, since
    # the blocks are what these tests are about (an assumed band would stop the render).
    definition = data / "evaluations" / "cchc.toml"
    definition.write_text(definition.read_text("utf-8").replace("assumed = true", ""), "utf-8")
    publisher = data / "publisher.toml"
    publisher.write_text(
        publisher.read_text("utf-8").replace("Sở Thông tin và Truyền thông", "UBND quận Hải Châu"),
        "utf-8",
    )
    return data


def test_an_evaluation_ranked_in_blocks_speaks_of_the_focus_agencys_block(tmp_path):
    data = blocked_data(tmp_path)
    text = plain(compose_article(load_dataset(data), 2019))
    assert "Khối quận, huyện có 2/3 cơ quan xếp loại Rất tốt" not in text
    assert (
        "Khối quận, huyện có 1/3 cơ quan xếp loại Rất tốt, 1/3 cơ quan xếp loại Tốt và 1/3 cơ quan xếp loại Khá"
        in text
    )
    assert "UBND quận Hải Châu là cơ quan duy nhất xếp loại Rất tốt, xếp hạng Nhất" in text
    assert "Thứ hạng" not in text or "tăng 1 bậc (năm 2018 xếp hạng Nhì)" in text
    assert "Sở Nội vụ" not in text  # another block
    from bantin.check import check_draft
    from bantin.export.markdown import render_markdown

    path = tmp_path / "bai.md"
    path.write_text(render_markdown(compose_article(load_dataset(data), 2019)), "utf-8")
    report = check_draft(path, data, year=2019, agency="UBND quận Hải Châu")
    assert [str(f) for f in report.findings] == []


def test_every_block_on_request_and_in_validate_and_rank(tmp_path):
    from click.testing import CliRunner

    from bantin.cli import cli

    data = blocked_data(tmp_path)
    (data / "2019" / "article.toml").write_text('sections = ["cchc"]\nblocks = "all"\n', "utf-8")
    text = plain(compose_article(load_dataset(data), 2019))
    # The focus unit's block in full; of the other, who leads it (a press office writes
    # about its own block).
    assert "Khối quận, huyện có 1/3 cơ quan xếp loại Rất tốt" in text
    assert "Ở Khối sở, ban, ngành, Sở Nội vụ xếp hạng Nhất với 95 điểm." in text
    assert "Khối sở, ban, ngành có" not in text
    result = CliRunner().invoke(cli, ["validate", "2019", "--data", str(data)], prog_name="bantin")
    assert result.exit_code == 0, result.output
    assert "CCHC — Chỉ số cải cách hành chính, Khối quận, huyện (" in result.stdout
    result = CliRunner().invoke(
        cli, ["rank", "2019", "--evaluation", "cchc", "--data", str(data)], prog_name="bantin"
    )
    assert "CCHC 2019 — Chỉ số cải cách hành chính, Khối sở, ban, ngành (2 đơn vị)" in result.stdout
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["render", "2019", "--all", "--format", "md", "--data", str(data), "--out", str(out)],
        prog_name="bantin",
    )
    assert result.exit_code == 0, result.output
    assert len(list((out / "2019").glob("*.md"))) == 5


def test_templates_run_in_jinja_own_sandbox(data_copy):
    from jinja2.sandbox import SandboxedEnvironment

    from bantin.compose.sandbox import environment

    assert isinstance(environment(data_copy / "templates"), SandboxedEnvironment)


def test_blocks_count_as_one_evaluation_when_asking_whether_a_unit_was_ever_in_it(tmp_path):
    data = blocked_data(tmp_path)
    (data / "2019" / "article.toml").write_text('sections = ["cchc", "vtlt"]\n', "utf-8")
    scores = data / "2019" / "cchc.csv"
    lines = scores.read_text("utf-8").splitlines(keepends=True)
    scores.write_text("".join(line for line in lines if "Hòa Vang" not in line), "utf-8")
    (data / "2019" / "vtlt.csv").write_text("Đơn vị;Điểm\nUBND huyện Hòa Vang;80\n", "utf-8")
    dataset = load_dataset(data)
    # In a CCHC block in 2018, in none in 2019: said so, in the first block's section.
    text = plain(compose_article(dataset, 2019, agency="UBND huyện Hòa Vang"))
    assert "Năm 2019, huyện không có tên trong kết quả đánh giá CCHC." in text
    scores = data / "2018" / "cchc.csv"
    lines = scores.read_text("utf-8").splitlines(keepends=True)
    scores.write_text("".join(line for line in lines if "Hòa Vang" not in line), "utf-8")
    # In no block in any year: no CCHC section at all.
    text = plain(compose_article(load_dataset(data), 2019, agency="UBND huyện Hòa Vang"))
    assert "CCHC" not in text and "không có tên" not in text


LIST_EVERY_UNIT = """\
{%- for b in section.band_groups if b.count %}
{{ b.band }} ({{ b.count | fraction(section.size) }}): {% for u in b.units %}{{ u.unit }} {{ u.score | number }}{{ "; " if not loop.last }}{% endfor %}


{% endfor %}

{% for g in section.rank_groups if g.has_focus %}
{{ focus }} {{ "đồng " if g.tied }}xếp hạng {{ g.rank | rank_word }}{% if g.tied %} cùng {{ g.others | join_names }}{% endif %}.
{% endfor %}
"""


def test_a_template_can_name_every_unit_band_by_band(data_copy):
    # As a DDCI article lists all its units with their scores, group by group.
    from decimal import Decimal

    templates = data_copy.parent / "templates"
    templates.mkdir()
    (templates / "evaluation_cchc.md.j2").write_text(LIST_EVERY_UNIT, "utf-8")
    dataset = load_dataset(data_copy)
    text = plain(compose_article(dataset, 2019, "Sở Nội vụ", templates))
    lines = (data_copy / "2019" / "cchc.csv").read_text("utf-8").splitlines()[1:]
    rows = [line.split(";") for line in lines]
    for band in ("Rất tốt", "Tốt", "Khá"):
        expected = {r[1]: Decimal(r[2].replace(",", ".")) for r in rows if r[3] == band}
        line = next(t for t in text.splitlines() if t.startswith(f"{band} ("))
        head, listed = line.split(": ", 1)
        assert head == f"{band} ({len(expected):02d}/21)"
        pairs = [part.rsplit(" ", 1) for part in listed.split("; ")]
        assert {name: Decimal(score.replace(",", ".")) for name, score in pairs} == expected
        scores = [Decimal(score.replace(",", ".")) for _, score in pairs]
        assert scores == sorted(scores, reverse=True)
    assert "Sở Nội vụ đồng xếp hạng Nhất cùng Sở Thông tin và Truyền thông." in text


def every_block(data, agency=None, templates=None, sections='["cchc"]'):
    """The 2019 article over every block of CCHC, and its paragraphs' plain text."""
    from bantin.article import plain_text

    settings = f'sections = {sections}\nblocks = "all"\n'
    (data / "2019" / "article.toml").write_text(settings, "utf-8")
    article = compose_article(load_dataset(data), 2019, agency=agency, templates=templates)
    return article, [plain_text(b.text) for b in article.blocks]


def assert_checks_clean(article, data, agency, tmp_path):
    """`bantin check` finds nothing wrong, and sets nothing aside, in the article."""
    from bantin.check import check_draft
    from bantin.export.markdown import render_markdown

    path = tmp_path / "bai.md"
    path.write_text(render_markdown(article), "utf-8")
    report = check_draft(path, data, year=2019, agency=agency)
    assert [str(f) for f in report.findings] == []
    assert [str(u) for u in report.unverified] == []
    assert report.checked >= 10


def test_every_block_puts_the_focus_agencys_block_first_and_never_calls_it_absent(tmp_path):
    # Hải Châu is ranked in the second block of the file: in no way absent from CCHC.
    data = blocked_data(tmp_path)
    article, paragraphs = every_block(data)
    assert paragraphs[1] == (
        "UBND quận Hải Châu xếp hạng Nhất về công tác cải cách hành chính năm 2019 "
        "trong Khối quận, huyện."
    )
    assert paragraphs[2] == (
        "Kết quả đánh giá, xếp hạng Chỉ số cải cách hành chính (CCHC) năm 2019 cho thấy, "
        "Khối quận, huyện có 1/3 cơ quan xếp loại Rất tốt, 1/3 cơ quan xếp loại Tốt và "
        "1/3 cơ quan xếp loại Khá; không có cơ quan xếp loại Trung bình và Yếu."
    )
    assert paragraphs[3] == (
        "UBND quận Hải Châu là cơ quan duy nhất xếp loại Rất tốt, xếp hạng Nhất với điểm "
        "quy đổi 93. Điểm quy đổi CCHC năm 2019 của quận tăng 5 điểm so với năm 2018 "
        "(88 điểm). Xếp loại của quận được nâng từ mức Tốt lên mức Rất tốt."
    )
    # Of the other block, who leads it, in one sentence.
    assert paragraphs[4] == "Ở Khối sở, ban, ngành, Sở Nội vụ xếp hạng Nhất với 95 điểm."
    assert not any("không có tên" in p for p in paragraphs)
    assert_checks_clean(article, data, "UBND quận Hải Châu", tmp_path)


def test_every_block_sapo_names_the_block_of_a_unit_not_first(tmp_path):
    data = blocked_data(tmp_path)
    article, paragraphs = every_block(data, agency="UBND quận Sơn Trà")
    assert paragraphs[1] == (
        "UBND quận Sơn Trà được xếp loại Tốt, xếp hạng Nhì về công tác cải cách hành chính "
        "năm 2019 trong Khối quận, huyện."
    )
    assert paragraphs[3] == (
        "Quận xếp hạng Nhì với điểm quy đổi 89, thuộc nhóm Tốt. "
        "Điểm quy đổi CCHC năm 2019 của quận giảm 2 điểm so với năm 2018 (91 điểm). Thứ hạng "
        "của quận giảm 1 bậc (năm 2018 xếp hạng Nhất). Xếp loại của quận giảm từ mức Rất tốt "
        "xuống mức Tốt. UBND quận Hải Châu là cơ quan duy nhất xếp loại Rất tốt, xếp hạng "
        "Nhất với 93 điểm."
    )
    assert not any("không có tên" in p for p in paragraphs)
    assert_checks_clean(article, data, "UBND quận Sơn Trà", tmp_path)


def test_every_block_says_once_that_a_unit_in_no_block_this_year_is_absent(tmp_path):
    data = blocked_data(tmp_path)
    scores = data / "2019" / "cchc.csv"
    lines = scores.read_text("utf-8").splitlines(keepends=True)
    scores.write_text("".join(line for line in lines if "Hòa Vang" not in line), "utf-8")
    (data / "2019" / "vtlt.csv").write_text("Đơn vị;Điểm\nUBND huyện Hòa Vang;80\n", "utf-8")
    article, paragraphs = every_block(
        data, agency="UBND huyện Hòa Vang", sections='["cchc", "vtlt"]'
    )
    absent = "Năm 2019, huyện không có tên trong kết quả đánh giá CCHC."
    assert sum(p.count(absent) for p in paragraphs) == 1
    assert "Khối sở, ban, ngành có" in paragraphs[2]  # the first block, as data lists them
    assert paragraphs[3].startswith(absent)
    assert_checks_clean(article, data, "UBND huyện Hòa Vang", tmp_path)


def moved_block_data(root):
    """Hải Châu ranked in the other block in 2018: no like-for-like past in its 2019 block."""
    data = blocked_data(root)
    scores = data / "2018" / "cchc.csv"
    scores.write_text(
        scores.read_text("utf-8").replace(
            "UBND quận Hải Châu;88;Khối quận, huyện", "UBND quận Hải Châu;88;Khối sở, ban, ngành"
        ),
        "utf-8",
    )
    definition = data / "evaluations" / "cchc.toml"
    # At the top: written after the [[bands]] tables, it would belong to the last band.
    definition.write_text("first_year = 2018\n" + definition.read_text("utf-8"), "utf-8")
    return data


def test_a_unit_that_changed_block_is_not_compared_with_last_year(tmp_path):
    data = moved_block_data(tmp_path)
    article, paragraphs = every_block(data)
    assert paragraphs[1] == (
        "UBND quận Hải Châu xếp hạng Nhất về công tác cải cách hành chính năm 2019 "
        "trong Khối quận, huyện."
    )
    # Nothing against 2018: not its score, rank, band, nor "for the first time" (it was in
    # another block, whose ranks and criteria are not this one's).
    assert paragraphs[3] == (
        "UBND quận Hải Châu là cơ quan duy nhất xếp loại Rất tốt, xếp hạng Nhất với điểm "
        "quy đổi 93."
    )
    text = "\n".join(paragraphs)
    for unsaid in ("2018", "bậc", "tăng", "giảm", "lần đầu tiên", "không có tên"):
        assert unsaid not in text
    assert_checks_clean(article, data, "UBND quận Hải Châu", tmp_path)


def test_a_unit_that_changed_block_has_no_first_time_nor_last_time_first(tmp_path):
    from bantin.compose.facts import build_composition

    dataset = load_dataset(moved_block_data(tmp_path))
    (section,) = build_composition(dataset, 2019, agency="UBND quận Hải Châu").sections
    assert section.focus is not None and section.focus.rank == 1
    assert section.comparison is None and section.first_before is None
    assert section.first_ever is False  # first_year = 2018 would otherwise prove it
    # Its neighbour, in the same block both years, is compared as before.
    (section,) = build_composition(dataset, 2019, agency="UBND quận Sơn Trà").sections
    assert section.comparison is not None and section.comparison.previous_position == 1


def test_sections_know_the_whole_evaluation_across_blocks(tmp_path):
    from bantin.compose.facts import build_composition

    data = blocked_data(tmp_path)
    (data / "2019" / "article.toml").write_text('sections = ["cchc"]\nblocks = "all"\n', "utf-8")
    sections = build_composition(load_dataset(data), 2019).sections
    assert [(s.block, s.size, s.absent) for s in sections] == [
        ("Khối quận, huyện", 3, False),
        ("Khối sở, ban, ngành", 2, False),
    ]
    for s in sections:
        assert s.blocks == ("Khối sở, ban, ngành", "Khối quận, huyện")
        assert s.whole_size == 5
        assert [(b.band, b.count) for b in s.whole_band_counts] == [
            ("Rất tốt", 2),
            ("Tốt", 2),
            ("Khá", 1),
            ("Trung bình", 0),
            ("Yếu", 0),
        ]
    # Without blocks, the whole evaluation is the section's own.
    (plain_section, *_) = build_composition(load_dataset(SAMPLE_DATA), 2019).sections
    assert plain_section.block is None and plain_section.blocks == ()
    assert plain_section.whole_size == plain_section.size == 21
    assert plain_section.whole_band_counts == plain_section.band_counts


def test_a_template_can_count_the_whole_evaluation(tmp_path):
    data = blocked_data(tmp_path)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "evaluation_cchc.md.j2").write_text(
        "{% set w = section.whole_band_counts %}"
        "{% if section.index == 0 %}Năm {{ year }}, {{ section.whole_size }} cơ quan thuộc "
        "{{ section.blocks | length }} khối được đánh giá, {{ w[0].count | count }} cơ quan "
        "xếp loại {{ w[0].band }}.{% endif %}\n",
        "utf-8",
    )
    _, paragraphs = every_block(data, templates=templates)
    assert paragraphs[2] == (
        "Năm 2019, 5 cơ quan thuộc 2 khối được đánh giá, 02 cơ quan xếp loại Rất tốt."
    )


def test_photos_go_to_the_publishers_own_article_only(data_copy):
    dataset = load_dataset(data_copy)
    own = compose_article(dataset, 2019)
    other = compose_article(dataset, 2019, agency="Sở Nội vụ")
    assert sum(b.role is Role.PHOTO for b in own.blocks) == 2
    assert not any(b.role in (Role.PHOTO, Role.CAPTION) for b in other.blocks)


def _give_photos(data, first: str, second: str) -> None:
    """Set `units` of the sample's two photos (TOML values, "" to leave one unset)."""
    settings = data / "2019" / "article.toml"
    text = settings.read_text("utf-8")
    text = text.replace('after = "cchc"', f'after = "cchc"\n{first}' if first else 'after = "cchc"')
    text = text.replace(
        'after = "vtlt"', f'after = "vtlt"\n{second}' if second else 'after = "vtlt"'
    )
    settings.write_text(text, "utf-8")


def _captions(article) -> list[str]:
    return [b.text for b in article.blocks if b.role is Role.CAPTION]


def test_a_photo_can_go_to_every_article_or_to_named_units(data_copy):
    # The first photo to every article; the second to two units, one named by its
    # short form and one by an alias (units.toml), not to the publisher's own article.
    _give_photos(data_copy, 'units = "all"', 'units = ["SNV", "Sở Văn hoá và Thể thao"]')
    dataset = load_dataset(data_copy)
    assert dataset.articles[2019].photos[1].units == ("Sở Nội vụ", "Sở Văn hóa và Thể thao")
    cchc = "Ảnh 1: Ông Lê Trung Chinh - Phó Chủ tịch UBND TP trao tặng Bằng khen cho 10 tập thể có thành tích xuất sắc trong công tác CCHC năm 2019."
    vtlt_as_2 = "Ảnh 2: Ông Lê Trung Chinh - Phó Chủ tịch UBND TP trao tặng Bằng khen cho 10 tập thể có thành tích xuất sắc trong công tác VTLT năm 2019."
    assert _captions(compose_article(dataset, 2019)) == [cchc]
    assert _captions(compose_article(dataset, 2019, agency="Sở Y tế")) == [cchc]
    assert _captions(compose_article(dataset, 2019, agency="Sở Nội vụ")) == [cchc, vtlt_as_2]
    culture = compose_article(dataset, 2019, agency="Sở Văn hóa và Thể thao")
    assert _captions(culture) == [cchc, vtlt_as_2]


def test_a_photo_named_for_units_only_leaves_the_publishers_article_without_it(data_copy):
    _give_photos(data_copy, 'units = ["Sở Tư pháp"]', "")
    dataset = load_dataset(data_copy)
    own = _captions(compose_article(dataset, 2019))
    justice = _captions(compose_article(dataset, 2019, agency="Sở Tư pháp"))
    # Numbered from 1 in each article, with no gap.
    assert [c[:6] for c in own] == ["Ảnh 1:"] and "VTLT" in own[0]
    assert [c[:6] for c in justice] == ["Ảnh 1:"] and "CCHC" in justice[0]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            'units = ["Sở Nội vu"]',
            'ảnh 1: không có đơn vị "Sở Nội vu" trong units.toml; có phải: Sở Nội vụ, Sở Ngoại vụ?',
        ),
        (
            'units = "every"',
            'ảnh 1: units phải là "all" (mọi bài) hoặc danh sách tên đơn vị, '
            'ví dụ units = ["Sở Nội vụ"]',
        ),
        (
            "units = []",
            'ảnh 1: units phải là "all" (mọi bài) hoặc danh sách tên đơn vị, '
            'ví dụ units = ["Sở Nội vụ"]',
        ),
    ],
)
def test_a_photo_for_an_unknown_unit_is_refused_with_a_suggestion(data_copy, value, message):
    _give_photos(data_copy, value, "")
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    where = f"{data_copy / '2019' / 'article.toml'}:10:9: "
    assert str(caught.value) == where + message


def test_without_units_toml_a_photo_names_units_as_the_score_files_do(data_copy):
    (data_copy / "units.toml").unlink()
    _give_photos(data_copy, 'units = ["sở tư pháp"]', "")
    dataset = load_dataset(data_copy)
    assert dataset.articles[2019].photos[0].units == ("Sở Tư pháp",)
    assert len(_captions(compose_article(dataset, 2019, agency="Sở Tư pháp"))) == 1
    _give_photos(data_copy, "", 'units = ["Sở Tư phap"]')
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    assert caught.value.detail == (
        'ảnh 2: không có đơn vị "Sở Tư phap" trong các tệp điểm của năm; có phải: Sở Tư pháp?'
    )


@pytest.mark.parametrize(
    ("agency", "news", "title"),
    [
        (
            "Sở Thông tin và Truyền thông",
            ["streak", "top"],
            "Sở Thông tin và Truyền thông 2 năm liên tiếp dẫn đầu về cải cách hành chính",
        ),
        # Ninth in CCHC but first in VTLT: the first place makes the headline and leads.
        (
            "Sở Khoa học và Công nghệ",
            ["fair", "first"],
            "Sở Khoa học và Công nghệ đồng xếp hạng Nhất về văn thư lưu trữ năm 2019",
        ),
        # VTLT 2018's bands are by assumed thresholds: no band move from them is news.
        # Nhì under dense ranking is third place (two units tie for Nhất): a headline
        # "xếp hạng Nhì" would read as second of 21, so the band makes it.
        (
            "Sở Giao thông vận tải",
            ["top", "fair"],
            "Sở Giao thông vận tải đạt xếp loại Rất tốt về cải cách hành chính năm 2019",
        ),
        # Rated Chưa đạt with a better score: the headline says what improved.
        (
            "Công viên phần mềm Đà Nẵng",
            ["score_up"],
            "Điểm VTLT năm 2019 của Công viên phần mềm Đà Nẵng tăng 4 điểm",
        ),
        # Weak with a lower score: the headline names the evaluation, never the band.
        (
            "Đài Phát thanh - Truyền hình Đà Nẵng",
            ["weak"],
            "Kết quả đánh giá công tác văn thư lưu trữ năm 2019 của Đài Phát thanh - Truyền "
            "hình Đà Nẵng",
        ),
    ],
)
def test_the_headline_is_the_most_newsworthy_result(agency, news, title):
    from bantin.compose.facts import build_composition

    dataset = load_dataset(SAMPLE_DATA)
    sections = build_composition(dataset, 2019, agency=agency).sections
    assert [s.news for s in sections] == news
    assert compose_article(dataset, 2019, agency=agency).title == title


def test_the_sapo_leads_with_the_strongest_result():
    text = plain(
        compose_article(load_dataset(SAMPLE_DATA), 2019, agency="Sở Khoa học và Công nghệ")
    )
    sapo = text.split("\n")[1]
    assert sapo.index("văn thư lưu trữ") < sapo.index("cải cách hành chính")
    assert "đồng xếp hạng Nhất về công tác văn thư lưu trữ năm 2019" in sapo


def test_a_weak_band_is_stated_plainly():
    text = plain(compose_article(load_dataset(SAMPLE_DATA), 2019, agency="Thanh tra thành phố"))
    assert "xếp loại Trung bình, xếp thứ 19/32 về công tác văn thư lưu trữ" in text
    assert "được xếp loại Trung bình" not in text
    # The closing looks at the shortcomings; the unit is "đơn vị", never "Thanh tra".
    closing = text.splitlines()[-2]
    assert "đơn vị" in closing and "hạn chế" in closing and "ghi nhận" not in closing
    assert "của Thanh tra " not in text


def test_the_closing_serves_the_audiences_of_the_articles_evaluations_each_once(data_copy):
    vtlt = data_copy / "evaluations" / "vtlt.toml"
    text = vtlt.read_text("utf-8")
    vtlt.write_text(
        text.replace("[[bands]]", 'audience = ["công dân", "doanh nghiệp"]\n\n[[bands]]', 1),
        "utf-8",
    )
    closing = plain(compose_article(load_dataset(data_copy), 2019)).splitlines()[-2]
    assert closing.endswith("phục vụ tổ chức, công dân và doanh nghiệp ngày càng tốt hơn.")


LONG_NAME = "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông"


def test_a_long_name_gives_its_short_name_to_the_headline_and_stays_whole_in_the_sapo(
    data_copy,
):
    article = compose_article(load_dataset(data_copy), 2019, agency=LONG_NAME)
    assert (
        article.title
        == "Điểm VTLT năm 2019 của Ban QLDA ĐTXD các công trình giao thông tăng 0,5 điểm"
    )
    assert f"{LONG_NAME} xếp loại Chưa đạt" in plain(article).splitlines()[1]
    assert plain(article).count(LONG_NAME) == 2  # the sapo and the section
    # Without a short name in units.toml, the headline keeps the full name.
    units = data_copy / "units.toml"
    units.write_text(
        units.read_text("utf-8").replace('short = "Ban QLDA ĐTXD các công trình giao thông"\n', ""),
        "utf-8",
    )
    article = compose_article(load_dataset(data_copy), 2019, agency=LONG_NAME)
    assert article.title == f"Điểm VTLT năm 2019 của {LONG_NAME} tăng 0,5 điểm"


def test_a_short_name_stays_whole_in_the_headline():
    article = compose_article(load_dataset(SAMPLE_DATA), 2019, agency="Sở Nội vụ")
    assert article.title.startswith("Sở Nội vụ ")


def test_a_count_is_padded_only_as_wide_as_its_total(tmp_path):
    # "03/21" as the published article has it, but "2/2" and "3/7": a one-digit total
    # takes no zero ("02/2" reads as a typing slip).
    from bantin import vi

    from .audit_data import build

    assert vi.fraction(3, 21, 2) == "03/21"
    assert vi.fraction(2, 2, 2) == "2/2"
    assert vi.fraction(3, 7, 2) == "3/7"
    assert vi.pad_count(4, 2, total=7) == "4"
    assert vi.pad_count(4, 2, total=21) == "04"
    for name, agency in (("commune-letters", "Xã Tân Hòa"), ("cchc-district", "Huyện Châu Đức")):
        year = build(name, tmp_path / name)
        text = plain(compose_article(load_dataset(tmp_path / name), year, agency=agency))
        assert re.search(r"\b0\d/\d\b", text) is None, text
        assert re.search(r"nhóm 0\d ", text) is None, text


@pytest.mark.parametrize(
    ("name", "agency"),
    [
        ("ddci", "Sở Nội vụ"),
        ("ddci", "Ban Quản lý Khu kinh tế"),
        ("ddci", "Thành phố Hạ Long"),
        ("cchc-district", "Thành phố Phú Mỹ"),
        ("ict-two-decimals", "Sở Nội vụ"),
    ],
)
def test_an_index_is_named_never_called_a_piece_of_work(name, agency, tmp_path):
    # "công tác" goes before a piece of work ("công tác CCHC", "công tác văn thư lưu
    # trữ"), never before an index ("công tác DDCI", "công tác Chỉ số CCHC"); a unit
    # leads in an index, not "về nâng cao năng lực cạnh tranh".
    from bantin import vi

    from .audit_data import build

    year = build(name, tmp_path / name)
    text = plain(compose_article(load_dataset(tmp_path / name), year, agency=agency))
    assert re.search(r"công tác (?:DDCI|Chỉ số|chỉ số|ICT Index|nâng cao)", text) is None, text
    assert "về nâng cao" not in text, text
    assert vi.abbreviates("CCHC", "cải cách hành chính")
    assert vi.abbreviates("VTLT", "văn thư, lưu trữ")
    assert not vi.abbreviates("Chỉ số CCHC", "cải cách hành chính")
    assert not vi.abbreviates("DDCI", "nâng cao năng lực cạnh tranh")
    assert vi.index_name("DDCI") == "Chỉ số DDCI"
    assert vi.index_name("Chỉ số CCHC") == "Chỉ số CCHC"
