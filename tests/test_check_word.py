"""`bantin check` reads a DOCX as Word shows it: tracked changes, tables, text boxes,
smart tags, fields, hyperlinks and content controls; and refuses what is no draft.

The drafts are bantin's own DOCX with its document.xml edited as Word would write it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from bantin.check import check_draft, read_draft
from bantin.cli import cli

AGENCY = "Sở Thông tin và Truyền thông"
DOCX = f"{AGENCY}.docx"
CHANGE = 'w:id="{}" w:author="Biên tập" w:date="2020-01-02T03:04:00Z"'
BREAK = '</w:t></w:r>{}<w:r><w:t xml:space="preserve">'


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from .conftest import SAMPLE_DATA

    out = tmp_path_factory.mktemp("word")
    result = CliRunner().invoke(
        cli, ["render", "2019", "--data", str(SAMPLE_DATA), "--out", str(out)], prog_name="bantin"
    )
    assert result.exit_code == 0, result.output
    return SAMPLE_DATA, out / "2019" / DOCX


def edit_docx(source: Path, target: Path, edit: Callable[[str], str]) -> Path:
    """A copy of a DOCX whose word/document.xml went through `edit` (members in order)."""
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w") as copy:
        for info in package.infolist():
            data = package.read(info.filename)
            if info.filename == "word/document.xml":
                changed = edit(data.decode("utf-8"))
                assert changed != data.decode("utf-8"), "the edit changed nothing"
                data = changed.encode("utf-8")
            copy.writestr(info, data, zipfile.ZIP_DEFLATED)
    return target


def run_text(xml: str, text: str) -> tuple[int, int]:
    """Where the w:t holding `text` (XML-escaped) starts its content and ends it."""
    needle = escape(text)
    at = xml.find(needle)
    assert at >= 0, f"{text!r} is not in one run of the document"
    assert xml.find(needle, at + 1) < 0, f"{text!r} is in the document twice"
    return at, at + len(needle)


def replace_in_run(xml: str, old: str, fragment: str, before: str = "") -> str:
    """Put an XML fragment where `old` stands in its run: the run is closed, then reopened.

    `before` is text just before `old` that makes the place unique ("quy đổi 90,65").
    """
    start, end = run_text(xml, before + old)
    start += len(escape(before))
    # Every w:t keeps its spaces once a run is cut next to them.
    return (xml[:start] + BREAK.format(fragment) + xml[end:]).replace(
        "<w:t>", '<w:t xml:space="preserve">'
    )


def plain_run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def tracked(old: str, new: str, ids: tuple[int, int] = (901, 902)) -> str:
    """A tracked replacement as Word writes it: the old text deleted, the new inserted."""
    deleted = f'<w:r><w:delText xml:space="preserve">{escape(old)}</w:delText></w:r>'
    return (
        f"<w:del {CHANGE.format(ids[0])}>{deleted}</w:del>"
        f"<w:ins {CHANGE.format(ids[1])}>{plain_run(new)}</w:ins>"
    )


def smart_tag(text: str) -> str:
    return (
        '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="metricconverter">'
        f'<w:smartTagPr><w:attr w:name="ProductID" w:val="{escape(text)}"/></w:smartTagPr>'
        f"{plain_run(text)}</w:smartTag>"
    )


def paragraph_bounds(xml: str, text: str) -> tuple[int, int]:
    """Where the whole w:p holding `text` starts and ends."""
    at, _ = run_text(xml, text)
    start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
    end = xml.index("</w:p>", at) + len("</w:p>")
    return start, end


def in_table(xml: str, text: str) -> str:
    """The paragraph holding `text` moved into the one cell of a table, where it stood."""
    start, end = paragraph_bounds(xml, text)
    table = (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
        '<w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc>'
        f'<w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>{xml[start:end]}</w:tc></w:tr></w:tbl>'
    )
    return xml[:start] + table + xml[end:]


def in_text_box(xml: str, text: str) -> str:
    """The paragraph holding `text` moved into a text box, with Word's VML copy as Fallback."""
    start, end = paragraph_bounds(xml, text)
    inner = xml[start:end]
    drawing = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
        '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
        '</wp:posOffset></wp:positionV><wp:extent cx="5000000" cy="1000000"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        '<wp:docPr id="77" name="Hộp văn bản 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="5000000" cy="1000000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        f"</a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx>"
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    fallback = (
        '<w:pict><v:shape id="box1" style="width:400pt;height:80pt" type="#_x0000_t202">'
        f"<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict>"
    )
    box = (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        f"{drawing}</mc:Choice><mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>"
        "</w:r></w:p>"
    )
    return xml[:start] + box + xml[end:]


GTVT = "Sở Giao thông vận tải xếp hạng Nhì với điểm quy đổi 90,65"


def findings(data: Path, path: Path) -> list[str]:
    return [str(f) for f in check_draft(path, data).findings]


WRONG_GTVT = (
    '"... hạng Nhì với điểm quy đổi 80,65" — dữ liệu: 90,65 (Sở Giao thông vận tải, CCHC 2019)'
)


def test_a_tracked_change_is_read_as_accepted_and_said_to_be_pending(draft, tmp_path):
    data, source = draft
    path = edit_docx(
        source,
        tmp_path / DOCX,
        lambda x: replace_in_run(x, "90,65", tracked("9", "8") + plain_run("0,65"), "quy đổi "),
    )
    assert findings(data, path) == [
        '"... hạng Nhì với điểm quy đổi 80,65" (chưa chấp nhận thay đổi) — dữ liệu: 90,65 '
        "(Sở Giao thông vận tải, CCHC 2019)"
    ]
    # The editor's fix, not yet accepted: read as accepted, so right, and listed as pending.
    path = edit_docx(
        source,
        tmp_path / DOCX,
        lambda x: replace_in_run(x, "90,65", tracked("80,65", "90,65"), "quy đổi "),
    )
    report = check_draft(path, data)
    assert report.findings == ()
    assert report.pending == ("... hạng Nhì với điểm quy đổi 90,65",)
    result = CliRunner().invoke(cli, ["check", str(path), "--data", str(data)], prog_name="bantin")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "Có thay đổi chưa chấp nhận (đã đọc như khi chấp nhận mọi thay đổi):",
        '  "... hạng Nhì với điểm quy đổi 90,65"',
    ]


def test_moved_text_is_read_where_it_was_moved_to(draft, tmp_path):
    data, source = draft
    moved = (
        f"<w:moveFrom {CHANGE.format(1)}><w:r><w:delText>90,65</w:delText></w:r></w:moveFrom>"
        f"<w:moveTo {CHANGE.format(2)}>{plain_run('80,65')}</w:moveTo>"
    )
    path = edit_docx(
        source, tmp_path / DOCX, lambda x: replace_in_run(x, "90,65", moved, "quy đổi ")
    )
    assert [f.pending for f in check_draft(path, data).findings] == [True]


@pytest.mark.parametrize(
    ("name", "wrap"),
    [
        ("smart tag", smart_tag),
        ("hyperlink", lambda t: f'<w:hyperlink w:anchor="diem">{plain_run(t)}</w:hyperlink>'),
        (
            "simple field",
            lambda t: f'<w:fldSimple w:instr=" QUOTE 90,65 ">{plain_run(t)}</w:fldSimple>',
        ),
        (
            "field result",
            lambda t: (
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                '<w:r><w:instrText xml:space="preserve"> QUOTE "90,65" </w:instrText></w:r>'
                f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{plain_run(t)}'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            ),
        ),
        (
            "content control",
            lambda t: (
                f'<w:sdt><w:sdtPr><w:alias w:val="Điểm"/></w:sdtPr><w:sdtContent>{plain_run(t)}'
                "</w:sdtContent></w:sdt>"
            ),
        ),
        (
            "hidden text beside it",
            lambda t: f"<w:r><w:rPr><w:vanish/></w:rPr><w:t>90,65</w:t></w:r>{plain_run(t)}",
        ),
    ],
)
def test_a_number_inside_inline_markup_is_read_through(draft, tmp_path, name, wrap):
    data, source = draft
    path = edit_docx(
        source, tmp_path / DOCX, lambda x: replace_in_run(x, "90,65", wrap("80,65"), "quy đổi ")
    )
    assert findings(data, path) == [WRONG_GTVT], name
    path = edit_docx(
        source, tmp_path / DOCX, lambda x: replace_in_run(x, "90,65", wrap("90,65"), "quy đổi ")
    )
    assert findings(data, path) == [], name


def test_a_paragraph_in_a_table_is_read_in_its_place(draft, tmp_path):
    data, source = draft
    path = edit_docx(source, tmp_path / DOCX, lambda x: in_table(x, GTVT))
    assert findings(data, path) == []
    path = edit_docx(
        source,
        tmp_path / DOCX,
        lambda x: in_table(x, GTVT).replace("quy đổi 90,65", "quy đổi 80,65"),
    )
    assert findings(data, path) == [WRONG_GTVT]


def test_a_text_box_is_read_once(draft, tmp_path):
    data, source = draft
    path = edit_docx(source, tmp_path / DOCX, lambda x: in_text_box(x, GTVT))
    plain = read_draft(path)
    assert sum(GTVT in p for p in plain) == 1
    assert findings(data, path) == []
    path = edit_docx(
        source,
        tmp_path / DOCX,
        lambda x: in_text_box(x, GTVT).replace("quy đổi 90,65", "quy đổi 80,65"),
    )
    assert findings(data, path) == [WRONG_GTVT]


def test_the_draft_reads_as_word_shows_it(draft, tmp_path):
    _, source = draft
    path = edit_docx(
        source,
        tmp_path / DOCX,
        lambda x: replace_in_run(
            in_table(x, "Kết quả đạt được"),
            "90,65",
            tracked("90,64", "90,6") + smart_tag("5"),
            "quy đổi ",
        ),
    )
    plain = read_draft(path)
    assert any(
        p.endswith(
            "với điểm quy đổi 90,65. Như vậy, 2 năm liên tiếp 2018-2019, Sở giữ vị trí dẫn đầu về công tác CCHC. Điểm quy đổi năm 2019 của Sở tăng 5,02 điểm so với năm 2018 (94,82 điểm)."
        )
        for p in plain
    )
    assert plain[-2].startswith("Kết quả đạt được là sự ghi nhận")
    assert "90,64" not in " ".join(plain)


def _bad_file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bai.docx", b"", "tệp trống, không có gì để kiểm tra"),
        (
            "bai.docx",
            "Đơn vị;Điểm\nSở Nội vụ;99,84\n".encode(),
            "tệp không phải DOCX (có thể là tệp khác bị đổi đuôi thành .docx); mở tệp bằng Word "
            "rồi Lưu thành (Save As) Word Document (.docx) và kiểm tra lại",
        ),
        (
            "bai.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "tệp Word 97-2003 (.doc) không kiểm tra được; mở tệp bằng Word rồi Lưu thành "
            "(Save As) Word Document (.docx) và kiểm tra lại",
        ),
        (
            "bai.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "tệp Word 97-2003 (.doc) mang đuôi .docx; mở tệp bằng Word rồi Lưu thành "
            "(Save As) Word Document (.docx) và kiểm tra lại",
        ),
        (
            "bai.md",
            b"PK\x03\x04rest",
            "tệp không phải văn bản Markdown (có thể là tệp Word hoặc tệp nén bị đổi đuôi); kiểm tra tệp .docx gốc",
        ),
        (
            "bai.md",
            "Sở Nội vụ".encode("utf-16"),
            "tệp không phải văn bản Markdown (có thể là tệp Word hoặc tệp nén bị đổi đuôi); kiểm tra tệp .docx gốc",
        ),
        (
            "bai.md",
            b"So Noi vu \xe9\xe8 99,84",
            "tệp Markdown không phải UTF-8; lưu lại với bảng mã UTF-8",
        ),
        ("bai.md", b"  \n\n", "tệp trống, không có gì để kiểm tra"),
        ("bai.xlsx", b"PK\x03\x04", "chỉ kiểm tra được tệp .docx hoặc .md"),
    ],
)
def test_a_file_that_is_no_draft_gets_one_clear_line(tmp_path, name, content, message):
    from .conftest import SAMPLE_DATA

    path = _bad_file(tmp_path, name, content)
    result = CliRunner().invoke(
        cli, ["check", str(path), "--data", str(SAMPLE_DATA), "--year", "2019"], prog_name="bantin"
    )
    assert result.exit_code == 1
    assert result.stderr == f"Lỗi: {path}: {message}\n"
    assert result.stdout == ""


def test_a_truncated_or_foreign_zip_gets_one_clear_line(draft, tmp_path):
    data, source = draft
    whole = source.read_bytes()
    cases = {
        "cut.docx": whole[: len(whole) // 2],
        "cut-end.docx": whole[:-30],
        "sheet.docx": _zip_bytes(tmp_path, {"xl/workbook.xml": "<workbook/>"}),
        "broken-xml.docx": _zip_bytes(tmp_path, {"word/document.xml": "<w:document"}),
        # 20 MB sent to the desk could unpack to gigabytes: 60 MB of one letter packs to 60 KB.
        "bomb.docx": _zip_bytes(
            tmp_path, {"word/document.xml": "<w:document>" + "a" * 60_000_000}, zipfile.ZIP_DEFLATED
        ),
    }
    messages = {}
    for name, content in cases.items():
        path = _bad_file(tmp_path, name, content)
        result = CliRunner().invoke(
            cli, ["check", str(path), "--data", str(data), "--year", "2019"], prog_name="bantin"
        )
        assert result.exit_code == 1, name
        assert len(result.stderr.splitlines()) == 1 and result.stdout == "", name
        messages[name] = result.stderr.removeprefix(f"Lỗi: {path}: ").strip()
    damaged = "tệp DOCX bị hỏng hoặc chưa chép hết; mở tệp bằng Word để kiểm tra, lưu lại rồi kiểm tra lại"
    assert messages == {
        "cut.docx": damaged,
        "cut-end.docx": damaged,
        "sheet.docx": "tệp nén không phải DOCX (không có phần văn bản word/document.xml); mở tệp "
        "bằng Word rồi Lưu thành (Save As) Word Document (.docx) và kiểm tra lại",
        "broken-xml.docx": "tệp DOCX bị hỏng (phần văn bản không đọc được); mở tệp bằng Word, "
        "lưu lại rồi kiểm tra lại",
        "bomb.docx": "phần văn bản của tệp DOCX quá lớn khi giải nén (hơn 50 MB), không phải một "
        "bản tin; kiểm tra lại tệp",
    }


def _zip_bytes(
    tmp_path: Path, members: dict[str, str], compression: int = zipfile.ZIP_STORED
) -> bytes:
    path = tmp_path / "package.zip"
    with zipfile.ZipFile(path, "w", compression) as package:
        for name, text in members.items():
            package.writestr(name, text)
    return path.read_bytes()


@pytest.mark.parametrize(
    ("old", "new", "found"),
    [
        # Two units tie first: rank word Năm (dense), place 6 (five units ahead).
        ("xếp hạng Năm với 96,3", "xếp thứ 6 với 96,3", []),
        ("xếp hạng Năm với 96,3", "đứng thứ 6/32 với 96,3", []),
        ("xếp hạng Năm với 96,3", "đứng thứ 5/32 với 96,3", [("5/32", "6/32")]),
        ("xếp hạng Năm với 96,3", "xếp thứ 5 với 96,3", [("5", "6")]),
        ("xếp hạng Năm với 96,3", "xếp vị thứ năm với 96,3", []),
        ("xếp hạng Năm với 96,3", "xếp hạng Sáu với 96,3", [("Sáu", "Năm")]),
    ],
)
def test_rank_and_place_in_other_wordings_are_read(draft, tmp_path, old, new, found):
    data, source = draft
    path = edit_docx(source, tmp_path / DOCX, lambda x: x.replace(old, new))
    assert [(f.text, f.expected) for f in check_draft(path, data).findings] == found
