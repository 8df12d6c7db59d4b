"""Drafts as a reader sees them: page 1 rendered by LibreOffice to PNG, boxes measured."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from bantin.compose.article import compose_article
from bantin.export.docx import render_docx
from bantin.export.reference import MARGINS_MM, PAGE_MM
from bantin.load import load_dataset

from .helpers import CREATED, needs
from .test_clients import SOFFICE, to_pdf

PDFTOPPM = shutil.which("pdftoppm")
pytestmark = needs("LibreOffice and poppler-utils are not installed", SOFFICE, PDFTOPPM)

DPI = 100
MM_PER_PIXEL = 25.4 / DPI
PHOTO_RGB = (0, 0, 255)


def page_png(pdf: Path, page: int = 1) -> Path:
    """One page of a PDF as a PNG, as poppler draws it."""
    stem = pdf.with_name(f"{pdf.stem}-page")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(DPI),
            "-f",
            str(page),
            "-l",
            str(page),
            "-png",
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return stem.with_suffix(".png")


def box_mm(
    png: Path, near: tuple[int, int, int], tolerance: int = 60, least: int = 1
) -> tuple[float, float, float, float] | None:
    """The box (left, top, right, bottom, in mm from the page's corner) of pixels near a colour.

    Only rows with at least `least` such pixels count (a filled band, not the grey edges
    of letters), and the columns where those rows have one.
    """
    from PIL import Image

    image = Image.open(png).convert("RGB")
    pixels = image.load()
    width, height = image.size
    by_x: dict[int, int] = {}
    by_y: dict[int, int] = {}
    for y in range(height):
        for x in range(width):
            if all(abs(a - b) < tolerance for a, b in zip(pixels[x, y], near, strict=True)):
                by_x[x] = by_x.get(x, 0) + 1
                by_y[y] = by_y.get(y, 0) + 1
    ys = [y for y, n in by_y.items() if n >= least]
    if not ys:
        return None
    xs = [
        x
        for x in by_x
        if any(
            all(abs(a - b) < tolerance for a, b in zip(pixels[x, y], near, strict=True)) for y in ys
        )
    ]
    return (
        min(xs) * MM_PER_PIXEL,
        min(ys) * MM_PER_PIXEL,
        (max(xs) + 1) * MM_PER_PIXEL,
        (max(ys) + 1) * MM_PER_PIXEL,
    )


def with_photo(data_copy: Path, width: int, height: int) -> Path:
    """The sample data with photo 1 a plain blue picture of that size."""
    from PIL import Image

    Image.new("RGB", (width, height), PHOTO_RGB).save(data_copy / "2019" / "anh.png")
    settings = data_copy / "2019" / "article.toml"
    settings.write_text(
        settings.read_text("utf-8").replace('# file = "images/anh-1.jpg"', 'file = "anh.png"'),
        "utf-8",
    )
    return data_copy


@pytest.mark.parametrize(("width", "height"), [(1600, 1000), (400, 300)])
def test_photo_sits_inside_the_text_column_on_page_one(data_copy, tmp_path, width, height):
    article = compose_article(load_dataset(with_photo(data_copy, width, height)), 2019)
    path = tmp_path / "anh.docx"
    path.write_bytes(render_docx(article, CREATED))
    box = box_mm(page_png(to_pdf(path, tmp_path)), PHOTO_RGB)
    assert box is not None, "the photo is not on page 1"
    left, top, right, bottom = box
    pixel = MM_PER_PIXEL + 0.1  # a pixel of rounding either side
    column_left = MARGINS_MM["left"]
    column_right = PAGE_MM[0] - MARGINS_MM["right"]
    assert left >= column_left - pixel and right <= column_right + pixel, box
    assert top >= MARGINS_MM["top"] and bottom <= PAGE_MM[1] - MARGINS_MM["bottom"], box
    if width == 1600:  # a wide photo fills the column exactly
        assert abs(left - column_left) <= pixel and abs(right - column_right) <= pixel, box
    else:  # a small one keeps its size, centred in the column
        middle = (column_left + column_right) / 2
        assert abs((left + right) / 2 - middle) <= pixel, box


def test_every_inline_picture_has_no_wrap_distance(data_copy):
    import docx

    article = compose_article(load_dataset(with_photo(data_copy, 800, 500)), 2019)
    document = docx.Document(io.BytesIO(render_docx(article, CREATED)))
    inlines = document.element.body.findall(".//{*}inline")
    assert inlines
    for inline in inlines:
        assert [inline.get(s) for s in ("distT", "distB", "distL", "distR")] == ["0"] * 4


def pages(pdf: Path) -> list[str]:
    """Each page's text, as poppler reads it."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    )
    return out.stdout.decode("utf-8").split("\f")


def opted(data_copy: Path, lines: str) -> Path:
    settings = data_copy / "2019" / "article.toml"
    text = settings.read_text("utf-8")
    settings.write_text(text.replace("keywords =", f"{lines}\nkeywords =", 1), "utf-8")
    return data_copy


def inside_column(box: tuple[float, float, float, float]) -> bool:
    pixel = MM_PER_PIXEL + 0.1
    left, top, right, bottom = box
    return (
        left >= MARGINS_MM["left"] - pixel
        and right <= PAGE_MM[0] - MARGINS_MM["right"] + pixel
        and top >= MARGINS_MM["top"] - pixel
        and bottom <= PAGE_MM[1] - MARGINS_MM["bottom"] + pixel
    )


def test_ranking_table_fits_the_column_and_repeats_its_header(data_copy, tmp_path):
    article = compose_article(load_dataset(opted(data_copy, 'table = ["vtlt"]')), 2019)
    path = tmp_path / "bang.docx"
    path.write_bytes(render_docx(article, CREATED))
    pdf = to_pdf(path, tmp_path)
    texts = [" ".join(t.split()) for t in pages(pdf)]
    with_table = [i for i, t in enumerate(texts) if "Sở Khoa học và Công nghệ 98 Xuất sắc" in t]
    assert with_table, texts
    first = with_table[0]
    # 32 rows run over a page: the next page starts with the header row again.
    assert "Hạng Vị trí Đơn vị Điểm Xếp loại" in texts[first]
    assert texts[first + 1].startswith("Hạng Vị trí Đơn vị Điểm Xếp loại"), texts[first + 1][:80]
    header = box_mm(
        page_png(pdf, first + 1), (0xD9, 0xD9, 0xD9), 8, least=300
    )  # the header row's shading
    assert header is not None and inside_column(header), header
    column = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
    assert header[2] - header[0] > column * 0.95  # the table spans the column


def test_chart_fits_the_column(data_copy, tmp_path):
    pytest.importorskip("matplotlib")
    article = compose_article(load_dataset(opted(data_copy, 'chart = ["cchc"]')), 2019)
    path = tmp_path / "bieu-do.docx"
    path.write_bytes(render_docx(article, CREATED))
    pdf = to_pdf(path, tmp_path)
    texts = pages(pdf)
    page = next(i for i, t in enumerate(texts) if "Biểu đồ 1: " in t) + 1
    red = box_mm(page_png(pdf, page), (0xC6, 0x28, 0x28))  # the focus unit's bar
    assert red is not None and inside_column(red), red
