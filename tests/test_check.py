"""`bantin check`: every mistyped number is caught, correct drafts give no finding."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from bantin.check import check_draft
from bantin.cli import cli

DOCX = "Sở Thông tin và Truyền thông.docx"
MD = "Sở Thông tin và Truyền thông.md"
NUMBER = re.compile(r"\d+(?:,\d+)?")
CAPTION_NUMBERS = [("10", "chú thích ảnh"), ("2019", "chú thích ảnh")] * 2


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    from .conftest import SAMPLE_DATA

    out = tmp_path_factory.mktemp("check")
    result = CliRunner().invoke(
        cli, ["render", "2019", "--data", str(SAMPLE_DATA), "--out", str(out)], prog_name="bantin"
    )
    assert result.exit_code == 0, result.output
    return SAMPLE_DATA, out / "2019"


def mutations(number: str) -> list[str]:
    """The edits a tired editor makes to a number."""
    digits = number.replace(",", "")
    results = set()
    for i in range(len(number) - 1):  # two neighbouring digits swapped
        a, b = number[i], number[i + 1]
        if a.isdigit() and b.isdigit() and a != b:
            results.add(number[:i] + b + a + number[i + 2 :])
            break
    last = int(number[-1])
    for d in ((last + 1) % 10, (last - 1) % 10):  # ±1 in the last digit
        results.add(number[:-1] + str(d))
    if "," in number:  # the decimal comma moved one place either way
        at = number.index(",")
        if at > 1:
            results.add(digits[: at - 1] + "," + digits[at - 1 :])
        if at < len(digits) - 1:
            results.add(digits[: at + 1] + "," + digits[at + 1 :])
    elif len(number) >= 2:
        results.add(number[:-1] + "," + number[-1])
    results.discard(number)
    return sorted(results)


def claim_numbers(paragraphs: list[str]) -> list[tuple[int, int, str]]:
    """(paragraph index, offset, text) of every number outside photo captions and placeholders."""
    found = []
    for index, text in enumerate(paragraphs):
        if text.startswith("Ảnh ") or text.startswith("[Chèn ảnh"):
            continue
        for m in NUMBER.finditer(text):
            found.append((index, m.start(), m.group(0)))
    return found


def md_blocks(path: Path) -> list[str]:
    return path.read_text("utf-8").split("\n\n")


def write_md(path: Path, blocks: list[str]) -> None:
    path.write_text("\n\n".join(blocks), "utf-8")


def mutate_docx(
    source: Path, target: Path, paragraph: int, offset: int, old: str, new: str
) -> bool:
    document = docx.Document(str(source))
    paragraphs = [p for p in document.paragraphs if p.text.strip() or p._p.findall(".//{*}drawing")]
    position = 0
    for run in paragraphs[paragraph].runs:
        if position <= offset and offset + len(old) <= position + len(run.text):
            local = offset - position
            assert run.text[local : local + len(old)] == old
            run.text = run.text[:local] + new + run.text[local + len(old) :]
            document.save(str(target))
            return True
        position += len(run.text)
    return False


def test_unedited_drafts_are_consistent(drafts):
    data, folder = drafts
    for name in (DOCX, MD):
        report = check_draft(folder / name, data)
        assert report.findings == ()
        assert report.year == 2019 and report.agency == "Sở Thông tin và Truyền thông"
        assert [
            (u.text, u.context) for u in report.unverified
        ] == CAPTION_NUMBERS  # every other number was checked
        assert report.checked >= 40


def test_every_mutation_of_every_number_is_caught(drafts, tmp_path, capsys):
    data, folder = drafts
    md_path = folder / MD
    blocks = md_blocks(md_path)
    from bantin.check import read_draft

    plain = read_draft(md_path)
    numbers = claim_numbers(plain)
    values = [n for _, _, n in numbers]
    total = caught = 0
    missed = []
    for index, offset, number in numbers:
        edits = mutations(number)
        # The number moved to another unit's sentence: another claim's value put in its place.
        edits += [v for v in values if v != number and v.replace(",", ".") != number][:1]
        for new in edits:
            for kind in ("md", "docx"):
                total += 1
                if kind == "md":
                    target = tmp_path / MD
                    source_text = plain[index]
                    mutated_text = source_text[:offset] + new + source_text[offset + len(number) :]
                    changed = [
                        b
                        if not _same_block(b, source_text)
                        else _replace_in_block(b, source_text, mutated_text)
                        for b in blocks
                    ]
                    assert changed != blocks
                    write_md(target, changed)
                    report = check_draft(
                        target, data, year=2019, agency="Sở Thông tin và Truyền thông"
                    )
                else:
                    target = tmp_path / DOCX
                    assert mutate_docx(folder / DOCX, target, index, offset, number, new)
                    report = check_draft(target, data)
                if report.findings:
                    caught += 1
                else:
                    missed.append(
                        (
                            kind,
                            index + 1,
                            number,
                            new,
                            plain[index][max(0, offset - 40) : offset + 20],
                        )
                    )
    with capsys.disabled():
        print(f"\nbantin check: {caught}/{total} mutations caught ({100 * caught / total:.1f}%)")
    assert missed == []
    assert total >= 300


def _same_block(block: str, plain: str) -> bool:
    from bantin.check import markdown_paragraphs

    return markdown_paragraphs(block) == [plain]


def _replace_in_block(block: str, old: str, new: str) -> str:
    prefix = block[: len(block) - len(block.lstrip("#* "))]
    suffix = block[len(block.rstrip("* ")) :]
    return prefix + new + suffix


REWORDINGS = [
    ("với điểm quy đổi 99,84", "đạt 99,84 điểm quy đổi"),
    (
        "Sở Giao thông vận tải xếp hạng Nhì với điểm quy đổi 90,65",
        "xếp hạng Nhì là Sở Giao thông vận tải (90,65 điểm)",
    ),
    ("xếp loại Rất tốt, 11/21", "xếp loại rất tốt, 11/21"),
    (
        "Điểm VTLT năm 2019 của Sở tăng 6 điểm",
        "Năm 2019, Sở Thông tin và Truyền thông tăng thêm 6 điểm",
    ),
    ("Sở Nội vụ xếp hạng Ba với 96,8 điểm", "Sở Nội vụ xếp hạng Ba (96,80 điểm)"),
    ("Sở Văn hóa và Thể thao xếp hạng Nhì", "Sở VH&TT xếp hạng Nhì"),
    ("Trong nhóm 10 cơ quan xếp loại Xuất sắc, ", ""),
]


def test_reworded_drafts_without_changed_facts_give_no_finding(drafts, tmp_path):
    data, folder = drafts
    text = (folder / MD).read_text("utf-8")
    for old, new in REWORDINGS:
        assert old in text
        text = text.replace(old, new)
    # Two paragraphs merged into one.
    text = text.replace("(94,82 điểm).\n\n", "(94,82 điểm). ", 1)
    target = tmp_path / MD
    target.write_text(text, "utf-8")
    report = check_draft(target, data, year=2019, agency="Sở Thông tin và Truyền thông")
    assert [str(f) for f in report.findings] == []


@pytest.mark.parametrize(
    ("old", "new", "finding"),
    [
        (
            "cùng Sở Nội vụ với điểm quy đổi 99,84",
            "cùng Sở Nội vụ với điểm quy đổi 99,48",
            '"... Sở Nội vụ với điểm quy đổi 99,48" — dữ liệu: 99,84 (Sở Nội vụ, CCHC 2019)',
        ),
        (
            "Sở Văn hóa và Thể thao xếp hạng Nhì",
            "Sở Văn hóa và Thể thao xếp hạng Ba",
            '"Sở Văn hóa và Thể thao xếp hạng Ba với 97 điểm" — dữ liệu: Nhì '
            "(Sở Văn hóa và Thể thao, VTLT 2019)",
        ),
        (
            "03/21 cơ quan xếp loại Rất tốt",
            "04/21 cơ quan xếp loại Rất tốt",
            '"... Khối sở, ban, ngành thành phố có 04/21 cơ quan xếp loại Rất tốt ..." — '
            "dữ liệu: 03/21 (Rất tốt, CCHC 2019)",
        ),
        (
            "Sở Nội vụ xếp hạng Ba với 96,8 điểm",
            "Sở Nội vụ xếp hạng Ba với 96,5 điểm",
            '"Sở Nội vụ xếp hạng Ba với 96,5 điểm" — dữ liệu: 96,8 (Sở Nội vụ, VTLT 2019)',
        ),
        (
            "của Sở tăng 6 điểm",
            "của Sở giảm 6 điểm",
            '"... VTLT năm 2019 của Sở giảm 6 điểm so với năm 2018 ..." — dữ liệu: tăng 6 điểm '
            "(Sở Thông tin và Truyền thông, VTLT 2019)",
        ),
        (
            "của Sở tăng 6 điểm",
            "của Sở tăng bảy điểm",
            '"... VTLT năm 2019 của Sở tăng bảy điểm so với năm 2018 ..." — dữ liệu: tăng 6 điểm '
            "(Sở Thông tin và Truyền thông, VTLT 2019)",
        ),
        (
            "Sở Văn hóa và Thể thao xếp hạng Nhì với 97 điểm",
            "Sở VH&TT xếp hạng Nhì với 96,8 điểm",
            '"Sở VH&TT xếp hạng Nhì với 96,8 điểm" — dữ liệu: 97 (Sở Văn hóa và Thể thao, VTLT 2019)',
        ),
        (
            "2 năm liên tiếp 2018-2019",
            "3 năm liên tiếp 2017-2019",
            '"Như vậy, 3 năm liên tiếp 2017-2019, Sở ..." — dữ liệu: '
            "2 năm liên tiếp (Sở Thông tin và Truyền thông, CCHC 2019)",
        ),
        (
            "Như vậy, 2 năm liên tiếp",
            "Như vậy, ba năm liên tiếp",
            '"Như vậy, ba năm liên tiếp 2018-2019, Sở ..." — dữ liệu: '
            "2 năm liên tiếp (Sở Thông tin và Truyền thông, CCHC 2019)",
        ),
        (
            "03/21 cơ quan xếp loại Rất tốt",
            "bốn trên 21 cơ quan xếp loại Rất tốt",
            '"... Khối sở, ban, ngành thành phố có bốn trên 21 cơ quan xếp loại Rất tốt ..." — '
            "dữ liệu: 03/21 (Rất tốt, CCHC 2019)",
        ),
        (
            "Nhì với điểm quy đổi 90,65",
            "Nhì với điểm quy đổi 90,65%",
            '"... hạng Nhì với điểm quy đổi 90,65%" — dữ liệu: 90,65 điểm, không phải % '
            "(Sở Giao thông vận tải, CCHC 2019)",
        ),
        (
            "Sở Nội vụ xếp hạng Ba với 96,8 điểm",
            "Sở Nội vụ xếp hạng Ba với chín mươi sáu phẩy năm điểm",
            '"Sở Nội vụ xếp hạng Ba với chín mươi sáu phẩy năm điểm" — dữ liệu: 96,8 '
            "(Sở Nội vụ, VTLT 2019)",
        ),
        (
            "96,3 điểm, thuộc nhóm Xuất sắc",
            "96,3 điểm, thuộc nhóm Tốt",
            '"... Năm với 96,3 điểm, thuộc nhóm Tốt" — dữ liệu: '
            "Xuất sắc (Sở Thông tin và Truyền thông, VTLT 2019)",
        ),
    ],
)
def test_findings_quote_the_sentence_then_the_data_and_unit(drafts, tmp_path, old, new, finding):
    data, folder = drafts
    text = (folder / MD).read_text("utf-8")
    assert old in text
    target = tmp_path / MD
    target.write_text(text.replace(old, new, 1), "utf-8")
    report = check_draft(target, data, year=2019, agency="Sở Thông tin và Truyền thông")
    assert [str(f) for f in report.findings][:1] == [finding]


def test_cli_check_exit_codes_and_output(drafts, tmp_path):
    data, folder = drafts
    result = CliRunner().invoke(
        cli, ["check", str(folder / DOCX), "--data", str(data)], prog_name="bantin"
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "Đã kiểm tra 54 số liệu của Sở Thông tin và Truyền thông năm 2019: khớp với dữ liệu."
    )
    text = (folder / MD).read_text("utf-8").replace("96,3 điểm", "96,2 điểm")
    edited = tmp_path / "2019" / MD
    edited.parent.mkdir()
    edited.write_text(text, "utf-8")
    result = CliRunner().invoke(
        cli, ["check", str(edited), "--data", str(data), "--year", "2019"], prog_name="bantin"
    )
    assert result.exit_code == 1
    assert (
        result.stdout.splitlines()[0]
        == '"Sở xếp hạng Năm với 96,2 điểm, thuộc nhóm Xuất sắc" — dữ liệu: 96,3 '
        "(Sở Thông tin và Truyền thông, VTLT 2019)"
    )


def test_check_needs_a_year_for_a_foreign_markdown_file(tmp_path):
    from .conftest import SAMPLE_DATA

    path = tmp_path / "bai.md"
    path.write_text("Sở Nội vụ đạt 99,84 điểm.\n", "utf-8")
    result = CliRunner().invoke(
        cli, ["check", str(path), "--data", str(SAMPLE_DATA)], prog_name="bantin"
    )
    assert result.exit_code == 1
    assert result.stderr == f"Lỗi: {path}: không biết bản thảo viết về năm nào; thêm --year NĂM\n"
    result = CliRunner().invoke(
        cli, ["check", str(path), "--data", str(SAMPLE_DATA), "--year", "2019"], prog_name="bantin"
    )
    # Nothing says which evaluation the score belongs to: listed, not judged.
    assert result.exit_code == 0
    assert (
        '  "Sở Nội vụ đạt 99,84 điểm" — không xác định được bộ chỉ số' in result.stdout.splitlines()
    )


def test_every_agency_view_of_2019_checks_clean(tmp_path):
    from bantin.compose.article import compose_article
    from bantin.export.markdown import render_markdown
    from bantin.load import load_dataset
    from bantin.rank import rank_all

    from .conftest import SAMPLE_DATA

    dataset = load_dataset(SAMPLE_DATA)
    units = sorted({u.unit for by in rank_all(dataset).values() for u in by[2019].units})
    assert len(units) == 32
    problems = {}
    for unit in units:
        path = tmp_path / "bai.md"
        path.write_text(render_markdown(compose_article(dataset, 2019, agency=unit)), "utf-8")
        report = check_draft(path, SAMPLE_DATA, year=2019, agency=unit)
        odd = [str(u) for u in report.unverified if u.context != "chú thích ảnh"]
        if report.findings or odd:
            problems[unit] = [str(f) for f in report.findings] + odd
    assert problems == {}


FIRST_TIME_CLAIM = "Đây là lần đầu tiên {unit} xếp hạng Nhất về công tác CCHC."


def _draft_claiming_first_time(data, tmp_path, unit):
    from bantin.compose.article import compose_article
    from bantin.export.markdown import render_markdown
    from bantin.load import load_dataset

    markdown = render_markdown(compose_article(load_dataset(data), 2019, agency=unit))
    anchor = "với điểm quy đổi 90,65."
    assert anchor in markdown
    path = tmp_path / "bai.md"
    claim = FIRST_TIME_CLAIM.format(unit=unit)
    path.write_text(markdown.replace(anchor, f"{anchor} {claim}", 1), "utf-8")
    return check_draft(path, data, year=2019, agency=unit)


def test_first_time_is_unverified_when_the_data_starts_late(tmp_path):
    from .conftest import SAMPLE_DATA

    report = _draft_claiming_first_time(SAMPLE_DATA, tmp_path, "Sở Nội vụ")
    assert [str(f) for f in report.findings] == []
    assert [(u.text, u.context) for u in report.unverified if u.context != "chú thích ảnh"] == [
        ("lần đầu tiên", "dữ liệu không có đủ các năm từ khi bắt đầu đánh giá (first_year)")
    ]


def test_first_time_is_checked_when_the_evaluation_says_since_when(data_copy, tmp_path):
    path = data_copy / "evaluations" / "cchc.toml"
    path.write_text("first_year = 2018\n" + path.read_text("utf-8"), "utf-8")
    report = _draft_claiming_first_time(data_copy, tmp_path, "Sở Nội vụ")
    assert [str(f) for f in report.findings] == []
    assert [u for u in report.unverified if u.context != "chú thích ảnh"] == []
    report = _draft_claiming_first_time(data_copy, tmp_path, "Sở Thông tin và Truyền thông")
    assert [(f.text, f.expected) for f in report.findings] == [
        ("lần đầu tiên", "đã xếp hạng Nhất năm 2018")
    ]


def test_a_band_named_inside_another_is_not_read_as_said(data_copy, tmp_path):
    # "không có cơ quan xếp loại Rất tốt, Khá và Yếu" says nothing about "Tốt".
    from bantin.check import check_draft

    draft = tmp_path / "nháp.md"
    draft.write_text(
        "Kết quả đánh giá, xếp hạng Chỉ số cải cách hành chính (CCHC) năm 2019 cho thấy, Khối sở, "
        "ban, ngành thành phố có 03/21 cơ quan xếp loại Rất tốt, 11/21 cơ quan xếp loại Tốt và "
        "07/21 cơ quan xếp loại Khá; không có cơ quan xếp loại Trung bình và Yếu.\n",
        "utf-8",
    )
    assert check_draft(draft, data_copy, 2019, "Sở Nội vụ").findings == ()
    draft.write_text(
        "Chỉ số cải cách hành chính (CCHC) năm 2019: không có cơ quan xếp loại Rất tốt và Yếu.\n",
        "utf-8",
    )
    findings = check_draft(draft, data_copy, 2019, "Sở Nội vụ").findings
    assert [f.text for f in findings] == ["không có Rất tốt"]


@pytest.mark.parametrize(
    ("old", "new", "found"),
    [
        (
            "Sở Giao thông vận tải xếp hạng Nhì với điểm quy đổi 90,65",
            "Sở Giao thông vận tải là cơ quan duy nhất xếp loại Rất tốt",
            [("duy nhất", "3 đơn vị xếp loại Rất tốt")],
        ),
        (
            "đồng xếp hạng Nhất cùng Sở Nội vụ với điểm quy đổi 99,84",
            "là đơn vị duy nhất xếp hạng Nhất",
            [("duy nhất", "2 đơn vị xếp hạng Nhất")],
        ),
        (
            "xếp loại Khá; không có",
            "xếp loại Khá, tức là có ba cơ quan xếp loại Rất tốt; không có",
            [],
        ),
        (
            "xếp loại Khá; không có",
            "xếp loại Khá, tức là có bốn cơ quan xếp loại Rất tốt; không có",
            [("bốn", "03")],
        ),
        ("Sở Nội vụ xếp hạng Ba", "Sở Nội vụ xếp thứ 4", []),
        ("Sở Nội vụ xếp hạng Ba", "Sở Nội vụ xếp thứ 4/32", []),
        ("Sở Nội vụ xếp hạng Ba", "Sở Nội vụ đứng thứ 3/32", [("3/32", "4/32")]),
    ],
)
def test_other_wordings_of_the_same_facts_are_read(drafts, tmp_path, old, new, found):
    # Sentences a template may say tomorrow: read by pattern, not by today's wording.
    data, folder = drafts
    text = (folder / MD).read_text("utf-8")
    assert old in text
    target = tmp_path / MD
    target.write_text(text.replace(old, new, 1), "utf-8")
    report = check_draft(target, data, year=2019, agency="Sở Thông tin và Truyền thông")
    assert [(f.text, f.expected) for f in report.findings] == found


@pytest.mark.parametrize(
    ("new", "found"),
    [
        ("năm thứ hai liên tiếp giữ vị trí dẫn đầu", []),
        ("năm thứ 2 liên tiếp giữ vị trí dẫn đầu", []),
        ("năm thứ ba liên tiếp giữ vị trí dẫn đầu", [("ba", "2 năm liên tiếp")]),
        ("năm thứ tư liên tiếp giữ vị trí dẫn đầu", [("tư", "2 năm liên tiếp")]),
    ],
)
def test_a_streak_said_with_an_ordinal_is_read(drafts, tmp_path, new, found):
    data, folder = drafts
    text = (folder / MD).read_text("utf-8")
    old = "2 năm liên tiếp giữ vị trí dẫn đầu"
    assert old in text
    target = tmp_path / MD
    target.write_text(text.replace(old, new, 1), "utf-8")
    report = check_draft(target, data, year=2019, agency="Sở Thông tin và Truyền thông")
    assert [(f.text, f.expected) for f in report.findings] == found
