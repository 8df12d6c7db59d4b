"""A real client: LibreOffice opens every DOCX we ship and lays it out as expected."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bantin.compose.article import compose_article
from bantin.export.docx import render_docx
from bantin.load import load_dataset

from .conftest import SAMPLE_DATA
from .helpers import CREATED, SOFFICE, libreoffice_convert, needs

POPPLER = shutil.which("pdftotext")

# CI installs LibreOffice and poppler (see .ci/run); elsewhere the test may skip.
pytestmark = needs("LibreOffice (soffice) and poppler-utils are not installed", SOFFICE, POPPLER)


def to_pdf(docx_path: Path, tmp_path: Path) -> Path:
    return libreoffice_convert(docx_path, "pdf", tmp_path / "pdf", tmp_path / "lo-profile")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    tmp_path = tmp_path_factory.mktemp("lo")
    article = compose_article(load_dataset(SAMPLE_DATA), 2019)
    docx_path = tmp_path / "Sở Thông tin và Truyền thông.docx"
    docx_path.write_bytes(render_docx(article, CREATED))
    return to_pdf(docx_path, tmp_path)


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    )
    return " ".join(out.stdout.decode("utf-8").split())


@pytest.mark.parametrize(
    "sentence",
    [
        "Sở Thông tin và Truyền thông 2 năm liên tiếp dẫn đầu về cải cách hành chính",
        "03/21 cơ quan xếp loại Rất tốt",
        "Sở Thông tin và Truyền thông đồng xếp hạng Nhất cùng Sở Nội vụ với điểm quy đổi 99,84",
        "Sở Giao thông vận tải xếp hạng Nhì với điểm quy đổi 90,65",
        "11/32 cơ quan xếp loại Chưa đạt",
        "Sở Khoa học và Công nghệ cùng Sở Tài chính đồng xếp hạng Nhất với 98 điểm",
        "Sở xếp hạng Năm với 96,3 điểm, thuộc nhóm Xuất sắc",
        "tăng 6 điểm so với năm 2018 (90,3 điểm)",
        "[Chèn ảnh 1]",
        "Thu Trang, VPS",
    ],
)
def test_libreoffice_renders_the_key_sentences(pdf, sentence):
    assert sentence in pdf_text(pdf)


def test_article_fits_two_pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert 1 <= pages <= 2


def test_every_glyph_comes_from_times_new_roman_or_its_metric_twin(pdf):
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    fonts = {line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()}
    assert fonts, out
    assert all(re.match(r"(TimesNewRoman|LiberationSerif)", f) for f in fonts), fonts


PANDOC = shutil.which("pandoc")


@needs("pandoc is not installed", PANDOC)
def test_pandoc_reads_the_docx_back_to_the_markdown_text(tmp_path):
    from bantin.export.markdown import render_markdown

    from .helpers import markdown_paragraphs

    assert PANDOC, "pandoc not found: install the Debian package pandoc"
    article = compose_article(load_dataset(SAMPLE_DATA), 2019)
    path = tmp_path / "bai.docx"
    path.write_bytes(render_docx(article, CREATED))
    out = subprocess.run(
        [PANDOC, "--standalone", "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pandoc_text = " ".join(out.stdout.decode("utf-8").split())
    md_text = " ".join(
        " ".join(t for _, t in markdown_paragraphs(render_markdown(article))).split()
    )
    # --standalone: pandoc reads the Title paragraph as the document title and prints it first.
    assert pandoc_text == md_text


def test_libreoffice_opens_a_draft_with_a_photo(data_copy, tmp_path):
    from PIL import Image

    Image.new("RGB", (1600, 1000), (20, 90, 160)).save(data_copy / "2019" / "anh.jpg")
    settings = data_copy / "2019" / "article.toml"
    settings.write_text(
        settings.read_text("utf-8").replace('# file = "images/anh-1.jpg"', 'file = "anh.jpg"'),
        "utf-8",
    )
    article = compose_article(load_dataset(data_copy), 2019)
    path = tmp_path / "anh.docx"
    path.write_bytes(render_docx(article, CREATED))
    text = pdf_text(to_pdf(path, tmp_path))
    assert "Ảnh 1: Ông Lê Trung Chinh" in text
    assert "[Chèn ảnh 1]" not in text
    assert "[Chèn ảnh 2]" in text
