"""`bantin check` reads a DOCX's headers, footers and footnotes: a number there is a claim too.

The draft is rendered, then a header and a footer are added with python-docx and a
footnote as Word writes one (a footnotes part, its relationship, its content type and a
reference in the body); each carries a wrong claim, or the right one. A round trip
through LibreOffice shows the parts are read as a real word processor writes them.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from bantin.check import annotate_report, check_draft, prepare, read_draft
from bantin.render import render_all

from .conftest import SAMPLE_DATA
from .helpers import SOFFICE, libreoffice_convert, needs

AGENCY = "Sở Nội vụ"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# (right, wrong) of each place: the data says Sở Nội vụ is first (tied) in CCHC 2019 with
# 99,84 and that 03/21 units are rated Rất tốt.
HEADER = (
    "Sở Nội vụ đạt điểm quy đổi 99,84 về CCHC năm 2019",
    "Sở Nội vụ đạt điểm quy đổi 98,84 về CCHC năm 2019",
)
FOOTER = (
    "Sở Nội vụ đồng xếp hạng Nhất về CCHC năm 2019",
    "Sở Nội vụ xếp hạng Ba về CCHC năm 2019",
)
NOTE = (
    "Khối sở, ban, ngành thành phố có 03/21 cơ quan xếp loại Rất tốt về CCHC năm 2019.",
    "Khối sở, ban, ngành thành phố có 05/21 cơ quan xếp loại Rất tốt về CCHC năm 2019.",
)


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("side")
    assert render_all(SAMPLE_DATA, out, 2019, ("docx",), jobs=1).skipped == ()
    return out / "2019" / f"{AGENCY}.docx"


def with_side_parts(source: Path, target: Path, header: str, footer: str, note: str) -> Path:
    """The draft with a header, a footer (python-docx) and a footnote on its first paragraph."""
    document = docx.Document(str(source))
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = footer
    buffer = io.BytesIO()
    document.save(buffer)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(buffer) as package, zipfile.ZipFile(target, "w") as copy:
        for info in package.infolist():
            data = package.read(info.filename).decode("utf-8", "surrogateescape")
            if info.filename == "word/_rels/document.xml.rels":
                rel = f'<Relationship Id="rIdNote" Type="{FOOTNOTES}" Target="footnotes.xml"/>'
                data = data.replace("</Relationships>", rel + "</Relationships>")
            elif info.filename == "[Content_Types].xml":
                override = (
                    f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_TYPE}"/>'
                )
                data = data.replace("</Types>", override + "</Types>")
            elif info.filename == "word/document.xml":
                reference = '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
                data = data.replace("</w:p>", reference, 1)
            copy.writestr(info, data.encode("utf-8", "surrogateescape"), zipfile.ZIP_DEFLATED)
        copy.writestr(
            "word/footnotes.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            "<w:continuationSeparator/></w:r></w:p></w:footnote>"
            f'<w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote>'
            "</w:footnotes>",
        )
    return target


def test_the_parts_around_the_body_are_read_after_it(article, tmp_path):
    body = read_draft(article)
    draft = with_side_parts(article, tmp_path / "d.docx", HEADER[0], FOOTER[0], NOTE[0])
    # Body paragraphs keep their numbers; the header, footer and note follow them.
    assert read_draft(draft) == [*body, HEADER[0], FOOTER[0], NOTE[0]]


def test_a_wrong_claim_in_a_header_footer_or_footnote_is_a_finding(article, tmp_path):
    prepared = prepare(SAMPLE_DATA)
    right = with_side_parts(article, tmp_path / "right.docx", HEADER[0], FOOTER[0], NOTE[0])
    report = check_draft(right, SAMPLE_DATA, prepared=prepared)
    assert report.findings == ()
    wrong = with_side_parts(article, tmp_path / "wrong.docx", HEADER[1], FOOTER[1], NOTE[1])
    report = check_draft(wrong, SAMPLE_DATA, prepared=prepared)
    assert [str(f) for f in report.findings] == [
        'Ở đầu trang: "Sở Nội vụ đạt điểm quy đổi 98,84 về CCHC năm 2019" — dữ liệu: 99,84 '
        "(Sở Nội vụ, CCHC 2019)",
        'Ở chân trang: "Sở Nội vụ xếp hạng Ba về CCHC năm 2019" — dữ liệu: Nhất '
        "(Sở Nội vụ, CCHC 2019)",
        'Ở chú thích: "Khối sở, ban, ngành thành phố có 05/21 cơ quan xếp loại Rất tốt ..." — '
        "dữ liệu: 03/21 (Rất tốt, CCHC 2019)",
    ]
    assert [f.place for f in report.findings] == ["đầu trang", "chân trang", "chú thích"]
    # The commented copy says where each one stands, on the body's first words.
    line = annotate_report(wrong, report)
    assert line.startswith("Đã ghi bản có nhận xét: ")
    copy = Path(line.removeprefix("Đã ghi bản có nhận xét: "))
    with zipfile.ZipFile(copy) as package:
        comments = package.read("word/comments.xml").decode("utf-8")
    for place in ("Ở đầu trang: ", "Ở chân trang: ", "Ở chú thích: "):
        assert place in comments


@needs("LibreOffice (soffice) is not installed", SOFFICE)
def test_header_footer_and_footnote_as_libreoffice_writes_them(article, tmp_path):
    wrong = with_side_parts(article, tmp_path / "in" / "d.docx", HEADER[1], FOOTER[1], NOTE[1])
    saved = libreoffice_convert(wrong, "docx:MS Word 2007 XML", tmp_path / "out", tmp_path / "lo")
    report = check_draft(saved, SAMPLE_DATA, 2019, AGENCY)
    assert [f.place for f in report.findings] == ["đầu trang", "chân trang", "chú thích"]
