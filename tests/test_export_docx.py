from __future__ import annotations

import io
import struct
import zlib
from datetime import UTC
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from bantin.compose.article import compose_article
from bantin.export.docx import render_docx
from bantin.load import load_dataset

from .conftest import SAMPLE_DATA
from .helpers import CREATED, FACTS_2019, SLIPS, docx_dump, docx_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def article():
    return compose_article(load_dataset(SAMPLE_DATA), 2019)


@pytest.fixture(scope="module")
def data(article) -> bytes:
    return render_docx(article, CREATED)


def test_2019_docx_matches_golden_dump(data, golden):
    golden("2019.docx.txt", docx_dump(data))


def test_docx_states_every_fact_and_no_slip(data):
    text = docx_text(data)
    assert [f for f in FACTS_2019 if f not in text] == []
    assert [s for s in SLIPS if s in text] == []


def test_docx_text_equals_markdown_text(article, data):
    from bantin.export.markdown import render_markdown

    from .helpers import markdown_paragraphs

    md = [t for _, t in markdown_paragraphs(render_markdown(article))]
    assert docx_text(data).splitlines() == md


def test_page_is_a4_with_administrative_margins(data):
    section = docx.Document(io.BytesIO(data)).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20


def test_times_new_roman_in_every_font_slot_and_vietnamese_language(data):
    document = docx.Document(io.BytesIO(data))
    styles = document.styles.element
    for r_pr in styles.iter(f"{W}rPr"):
        fonts = r_pr.find(f"{W}rFonts")
        if fonts is None:
            continue
        assert not [a for a in fonts.attrib if a.lower().endswith("theme")]
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    fonts = defaults.find(f"{W}rFonts")
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        assert fonts.get(f"{W}{slot}") == "Times New Roman"
    assert defaults.find(f"{W}lang").get(f"{W}val") == "vi-VN"
    for paragraph in document.paragraphs:
        style = paragraph.style
        fonts = style.element.find(f"{W}rPr/{W}rFonts")
        assert all(
            fonts.get(f"{W}{s}") == "Times New Roman" for s in ("ascii", "hAnsi", "cs", "eastAsia")
        )
        for run in paragraph.runs:
            assert run._r.find(f"{W}rPr/{W}lang").get(f"{W}val") == "vi-VN"


def test_named_styles_and_body_layout(data):
    document = docx.Document(io.BytesIO(data))
    names = [p.style.name for p in document.paragraphs]
    assert names[0] == "Title" and names[1] == "Lead" and names[-1] == "Byline"
    assert {"Body Text", "Photo", "Caption"} <= set(names)
    body = document.styles["Body Text"]
    assert body.font.size.pt == 14
    assert body.paragraph_format.alignment == 3  # justified
    assert body.paragraph_format.first_line_indent > 0
    assert not any(p.text.strip() == "" for p in document.paragraphs)


def test_core_properties(data):
    props = docx.Document(io.BytesIO(data)).core_properties
    assert (
        props.title == "Sở Thông tin và Truyền thông 2 năm liên tiếp dẫn đầu về cải cách hành chính"
    )
    assert props.author == "Thu Trang"
    assert props.created == CREATED.replace(tzinfo=UTC)
    assert props.language == "vi-VN"
    assert "văn thư lưu trữ" in props.keywords


def test_missing_photo_is_a_highlighted_placeholder(data):
    document = docx.Document(io.BytesIO(data))
    photos = [p for p in document.paragraphs if p.style.name == "Photo"]
    assert [p.text for p in photos] == ["[Chèn ảnh 1]", "[Chèn ảnh 2]"]
    assert all(r.font.highlight_color is not None for p in photos for r in p.runs)


def png(path: Path, width: int, height: int) -> Path:
    """A real PNG file of the given pixel size (72 dpi by default)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    raw = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


@pytest.mark.parametrize(("width", "height", "expected_mm"), [(2000, 1000, 160), (144, 72, None)])
def test_photo_fits_the_text_column_and_is_never_inflated(data_copy, width, height, expected_mm):
    png(data_copy / "2019" / "anh-1.png", width, height)
    settings = data_copy / "2019" / "article.toml"
    settings.write_text(
        settings.read_text("utf-8").replace('# file = "images/anh-1.jpg"', 'file = "anh-1.png"'),
        "utf-8",
    )
    article = compose_article(load_dataset(data_copy), 2019)
    document = docx.Document(io.BytesIO(render_docx(article, CREATED)))
    shapes = document.inline_shapes
    assert len(shapes) == 1
    shape = shapes[0]
    if expected_mm is None:  # 144 px at 72 dpi = 2 inches, smaller than the column: kept
        assert shape.width == Mm(50.8)
    else:
        assert abs(shape.width - Mm(expected_mm)) < Mm(0.1)
    assert abs(shape.height / shape.width - height / width) < 0.01
    assert article.warnings == ()


def test_a_named_photo_file_that_is_missing_warns(data_copy):
    settings = data_copy / "2019" / "article.toml"
    settings.write_text(
        settings.read_text("utf-8").replace(
            '# file = "images/anh-1.jpg"', 'file = "images/anh-1.jpg"'
        ),
        "utf-8",
    )
    article = compose_article(load_dataset(data_copy), 2019)
    assert article.warnings == (
        f"không tìm thấy ảnh 1: {data_copy / '2019' / 'images' / 'anh-1.jpg'}; "
        "đã để chỗ trống để chèn ảnh",
    )
    text = docx_text(render_docx(article, CREATED))
    assert "[Chèn ảnh 1]" in text and "Ảnh 1: Ông Lê Trung Chinh" in text


def test_docx_package_is_sound(data):
    from .helpers import ooxml_problems

    assert ooxml_problems(data) == []


def test_runs_carry_no_direct_formatting_that_fights_the_styles(data):
    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        assert paragraph.paragraph_format.alignment is None
        assert paragraph.paragraph_format.first_line_indent is None
        for run in paragraph.runs:
            assert run.font.size is None and run.font.name is None
            if paragraph.style.name != "Photo":
                assert run.font.highlight_color is None


def test_shipped_reference_document_has_every_style_as_defined():
    from bantin.export.reference import BUILTIN_REFERENCE, STYLES

    document = docx.Document(str(BUILTIN_REFERENCE))
    for spec in STYLES.values():
        style = document.styles[spec.name]
        assert style.font.size.pt == spec.size, spec.name
        assert bool(style.font.bold) == spec.bold, spec.name
        assert bool(style.font.italic) == spec.italic, spec.name
        fonts = style.element.find(f"{W}rPr/{W}rFonts")
        assert all(
            fonts.get(f"{W}{s}") == "Times New Roman" for s in ("ascii", "hAnsi", "cs", "eastAsia")
        )
    section = document.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 20


def test_drafts_carry_one_copy_of_the_styles(data):
    # Word 2010's stylesWithEffects.xml (python-docx's template has one) is not shipped:
    # it doubled every draft for readers that ignore it.
    import zipfile

    from bantin.export.reference import BUILTIN_REFERENCE

    for package in (BUILTIN_REFERENCE.read_bytes(), data):
        names = zipfile.ZipFile(io.BytesIO(package)).namelist()
        assert "word/styles.xml" in names
        assert not [n for n in names if "stylesWithEffects" in n]


def restyled_reference(path: Path) -> Path:
    from docx.shared import Mm, Pt

    from bantin.export.reference import build_reference

    document = build_reference()
    document.styles["Body Text"].font.size = Pt(13)
    document.styles["Body Text"].paragraph_format.first_line_indent = Mm(15)
    document.sections[0].left_margin = Mm(35)
    document.save(str(path))
    return path


def test_staff_restyle_the_reference_and_bantin_follows(article, tmp_path):
    reference = restyled_reference(tmp_path / "reference.docx")
    document = docx.Document(io.BytesIO(render_docx(article, CREATED, reference)))
    body = document.styles["Body Text"]
    assert body.font.size.pt == 13
    assert round(body.paragraph_format.first_line_indent.mm) == 15
    assert round(document.sections[0].left_margin.mm) == 35
    # The reference's sample paragraphs never reach the draft.
    assert not any("kiểu Body Text" in p.text for p in document.paragraphs)
    assert docx_dump(render_docx(article, CREATED, reference)) == docx_dump(
        render_docx(article, CREATED)
    )


def test_a_reference_without_bantin_styles_gets_them(article, tmp_path):
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    document = docx.Document(io.BytesIO(render_docx(article, CREATED, plain)))
    assert {"Lead", "Photo", "Byline"} <= {s.name for s in document.styles}
    assert document.paragraphs[1].style.name == "Lead"


def test_an_old_draft_used_as_reference_keeps_one_set_of_custom_properties(article, tmp_path, data):
    from .helpers import ooxml_problems

    old = tmp_path / "old.docx"
    old.write_bytes(data)
    new = render_docx(article, CREATED, old)
    assert ooxml_problems(new) == []
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(new)).namelist()
    assert names.count("docProps/custom.xml") == 1


def test_jpeg_photo_keeps_its_aspect_ratio(data_copy):
    from PIL import Image

    Image.new("RGB", (1200, 900), (200, 30, 30)).save(data_copy / "2019" / "anh.jpg", dpi=(96, 96))
    settings = data_copy / "2019" / "article.toml"
    settings.write_text(
        settings.read_text("utf-8").replace('# file = "images/anh-1.jpg"', 'file = "anh.jpg"'),
        "utf-8",
    )
    article = compose_article(load_dataset(data_copy), 2019)
    data = render_docx(article, CREATED)
    shape = docx.Document(io.BytesIO(data)).inline_shapes[0]
    assert abs(shape.width - Mm(160)) < Mm(0.1)
    assert abs(shape.height / shape.width - 0.75) < 0.01
    from .helpers import ooxml_problems

    assert ooxml_problems(data) == []


def test_zip_of_precompressed_members_reads_back_with_zipfile():
    import zipfile

    from bantin.ooxml import ZipMember, zip_members

    contents = {
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": "<w:t>Sở Thông tin và Truyền thông</w:t>".encode() * 50,
        "media/ảnh 1.png": bytes(range(256)) * 4,
        "empty.xml": b"",
    }
    data = zip_members([ZipMember.deflate(n, d) for n, d in contents.items()])
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        assert package.namelist() == list(contents)
        assert {n: package.read(n) for n in package.namelist()} == contents
    # The same members give the same bytes: drafts are reproducible.
    assert data == zip_members([ZipMember.deflate(n, d) for n, d in contents.items()])
