"""`bantin check --annotate`: a copy of the draft with a Word comment on each wrong claim."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from bantin.cli import cli

from .helpers import SOFFICE, libreoffice_convert, needs
from .test_check_word import (
    DOCX,
    GTVT,
    edit_docx,
    in_table,
    in_text_box,
    plain_run,
    replace_in_run,
    smart_tag,
    tracked,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def wrong(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A draft with four wrong claims: in a smart tag in a text box, in words, in a tracked
    change in a table, in a hyperlink."""
    from .conftest import SAMPLE_DATA

    out = tmp_path_factory.mktemp("annotate")
    result = CliRunner().invoke(
        cli, ["render", "2019", "--data", str(SAMPLE_DATA), "--out", str(out)], prog_name="bantin"
    )
    assert result.exit_code == 0, result.output
    source = out / "2019" / DOCX
    folder = out / "nháp"
    folder.mkdir()

    def edit(xml: str) -> str:
        xml = replace_in_run(xml, "90,65", smart_tag("80,65"), "quy đổi ")
        xml = in_text_box(xml, "Trong nhóm 03 cơ quan xếp loại Rất tốt")
        link = f'<w:hyperlink w:anchor="vtlt">{plain_run("96,2")}</w:hyperlink>'
        xml = replace_in_run(xml, "96,3", link, "Năm với ")
        xml = xml.replace("của Sở tăng 6 điểm", "của Sở tăng bảy điểm")
        xml = in_table(xml, "Sở Nội vụ xếp hạng Ba với 96,8 điểm")
        return replace_in_run(xml, "96,8", tracked("96,8", "95,8") + plain_run(""), "Ba với ")

    return SAMPLE_DATA, edit_docx(source, folder / "bài sửa.docx", edit)


def annotate(data: Path, path: Path) -> list[str]:
    result = CliRunner().invoke(
        cli, ["check", str(path), "--data", str(data), "--annotate"], prog_name="bantin"
    )
    assert result.exit_code == 1, result.output
    return result.stdout.splitlines()


def commented_text(xml: str) -> dict[str, str]:
    """Comment id -> the document text between its range start and end."""
    found = {}
    for m in re.finditer(
        r'<w:commentRangeStart w:id="(\d+)"/>(.*?)<w:commentRangeEnd w:id="\1"/>', xml, re.S
    ):
        inner = re.sub(r"<w:delText[^>]*>.*?</w:delText>", "", m.group(2), flags=re.S)
        found[m.group(1)] = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", inner))
    return found


def test_annotated_copy_comments_each_wrong_claim_and_leaves_the_draft_untouched(wrong):
    data, path = wrong
    before = path.read_bytes()
    lines = annotate(data, path)
    copy = path.with_name("bài sửa (đã kiểm tra).docx")
    assert lines[-1] == f"Đã ghi bản có nhận xét: {copy}"
    assert path.read_bytes() == before
    comments = docx.Document(str(copy)).comments
    texts = [c.text for c in comments]
    assert texts == [
        '"80,65" không khớp với dữ liệu: 90,65 (Sở Giao thông vận tải, CCHC 2019).',
        '"96,2" không khớp với dữ liệu: 96,3 (Sở Thông tin và Truyền thông, VTLT 2019).',
        '"bảy" không khớp với dữ liệu: tăng 6 điểm (Sở Thông tin và Truyền thông, VTLT 2019).',
        '"95,8" không khớp với dữ liệu: 96,8 (Sở Nội vụ, VTLT 2019). '
        "Thay đổi ở đây chưa được chấp nhận.",
    ]
    assert all(c.author == "bantin" for c in comments)
    xml = zipfile.ZipFile(copy).read("word/document.xml").decode()
    assert sorted(commented_text(xml).values()) == ["80,65", "95,8", "96,2", "bảy"]
    # The copy still reads as the draft did: splitting runs changed no text.
    from bantin.check import read_draft

    assert read_draft(copy) == read_draft(path)


def test_annotating_again_never_writes_over_a_file(wrong):
    data, path = wrong
    taken = path.with_name("bài sửa (đã kiểm tra).docx")
    if not taken.exists():
        annotate(data, path)
    kept = taken.read_bytes()
    lines = annotate(data, path)
    assert (
        lines[-1] == f"Đã ghi bản có nhận xét: {path.with_name('bài sửa (đã kiểm tra) (2).docx')}"
    )
    assert taken.read_bytes() == kept


def test_a_clean_draft_gets_no_copy(tmp_path):
    from .conftest import SAMPLE_DATA

    result = CliRunner().invoke(
        cli,
        ["render", "2019", "--data", str(SAMPLE_DATA), "--out", str(tmp_path)],
        prog_name="bantin",
    )
    assert result.exit_code == 0
    path = tmp_path / "2019" / DOCX
    result = CliRunner().invoke(
        cli, ["check", str(path), "--data", str(SAMPLE_DATA), "--annotate"], prog_name="bantin"
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "Không có chỗ sai: không ghi bản có nhận xét."
    assert sorted(p.name for p in path.parent.iterdir() if p.suffix == ".docx") == [DOCX]


def test_annotate_needs_a_docx(tmp_path):
    from .conftest import SAMPLE_DATA

    path = tmp_path / "bai.md"
    path.write_text("Sở Nội vụ đạt 99,84 điểm.\n", "utf-8")
    result = CliRunner().invoke(
        cli, ["check", str(path), "--data", str(SAMPLE_DATA), "--annotate"], prog_name="bantin"
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Lỗi: --annotate chỉ dùng với tệp .docx"


@needs("LibreOffice (soffice) is not installed", SOFFICE)
def test_libreoffice_reads_the_comments_back(wrong, tmp_path):
    data, path = wrong
    copy = path.with_name("bài sửa (đã kiểm tra).docx")
    if not copy.exists():
        annotate(data, path)
    odt = libreoffice_convert(copy, "odt", tmp_path, tmp_path / "lo-profile")
    content = zipfile.ZipFile(odt).read("content.xml").decode()
    anchored = {}
    for m in re.finditer(
        r'<office:annotation office:name="([^"]+)"[^>]*>(.*?)</office:annotation>(.*?)'
        r'<office:annotation-end office:name="\1"/>',
        content,
        re.S,
    ):
        body = " ".join(re.findall(r"<text:p[^>]*>(.*?)</text:p>", m.group(2)))
        anchored[re.sub(r"<[^>]+>", "", m.group(3))] = re.sub(r"<[^>]+>", "", body)
    assert sorted(anchored) == ["80,65", "95,8", "96,2", "bảy"]
    assert anchored["bảy"].startswith("&quot;bảy&quot; không khớp với dữ liệu: tăng 6 điểm")
    shown = re.sub(r"<[^>]+>", "", content)
    # The text box's paragraph, read by LibreOffice, with its claim commented.
    assert GTVT.replace("90,65", "") in shown
