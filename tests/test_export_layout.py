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

from .helpers import CREATED
from .test_clients import SOFFICE, to_pdf

PDFTOPPM = shutil.which("pdftoppm")
pytestmark = pytest.mark.skipif(
    not (SOFFICE and PDFTOPPM), reason="LibreOffice and poppler-utils are not installed"
)

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


def box_mm(png: Path, near: tuple[int, int, int]) -> tuple[float, float, float, float] | None:
    """The box (left, top, right, bottom, in mm from the page's corner) of pixels near a colour."""
    from PIL import Image

    image = Image.open(png).convert("RGB")
    pixels = image.load()
    width, height = image.size
    xs: list[int] = []
    ys: list[int] = []
    for y in range(height):
        for x in range(width):
            if all(abs(a - b) < 60 for a, b in zip(pixels[x, y], near, strict=True)):
                xs.append(x)
                ys.append(y)
    if not xs:
        return None
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
