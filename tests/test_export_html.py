from __future__ import annotations

import shutil

import pytest
from lxml import etree

from bantin.compose.article import compose_article
from bantin.export.html import render_html_fragment, render_html_page
from bantin.export.markdown import render_markdown
from bantin.load import load_dataset

from .conftest import SAMPLE_DATA
from .helpers import FACTS_2019, markdown_paragraphs, needs


@pytest.fixture(scope="module")
def article():
    return compose_article(load_dataset(SAMPLE_DATA), 2019)


def parse_strict(html: str, fragment: bool) -> etree._Element:
    """Parse with libxml2's HTML parser and fail on any error it reports."""
    parser = etree.HTMLParser(recover=False, encoding="utf-8")
    source = f"<html><body>{html}</body></html>" if fragment else html
    root = etree.fromstring(source.encode("utf-8"), parser)
    assert not parser.error_log, [str(e) for e in parser.error_log]
    return root


def blocks_text(root: etree._Element) -> list[str]:
    texts = []
    for element in root.iter("h1", "p", "figcaption"):
        texts.append(" ".join("".join(element.itertext()).split()))
    return texts


def test_fragment_and_page_parse_without_errors(article):
    fragment = render_html_fragment(article)
    parse_strict(fragment, fragment=True)
    page = render_html_page(article, fragment)
    root = parse_strict(page, fragment=False)
    assert root.get("lang") == "vi"
    assert root.find(".//title").text == article.title
    assert root.find(".//meta").get("charset") == "utf-8"


def test_html_text_equals_markdown_text(article):
    html = blocks_text(parse_strict(render_html_fragment(article), fragment=True))
    md = [t for _, t in markdown_paragraphs(render_markdown(article))]
    assert html == md


def test_html_states_every_fact(article):
    text = "\n".join(blocks_text(parse_strict(render_html_fragment(article), fragment=True)))
    assert [f for f in FACTS_2019 if f not in text] == []


def test_html_structure(article):
    root = parse_strict(render_html_fragment(article), fragment=True)
    assert len(root.findall(".//h1")) == 1
    assert root.find(".//p[@class='sapo']/strong") is not None
    assert root.find(".//p[@class='tac-gia']/strong").text == "Thu Trang, VPS"
    figures = root.findall(".//figure")
    assert len(figures) == 2
    assert figures[0].find("figcaption").text.startswith("Ảnh 1: ")
    assert figures[0].find("p[@class='cho-anh']").text == "[Chèn ảnh 1]"


def test_html_escapes_data(data_copy):
    (data_copy / "units.toml").unlink()
    path = data_copy / "2019" / "vtlt.csv"
    path.write_text(path.read_text("utf-8").replace("Sở Tài chính", "Sở <Tài> & chính"), "utf-8")
    article = compose_article(load_dataset(data_copy), 2019)
    fragment = render_html_fragment(article)
    assert "Sở &lt;Tài&gt; &amp; chính" in fragment
    parse_strict(fragment, fragment=True)


def test_photo_is_an_image_in_a_figure(tmp_path):
    from pathlib import Path

    from bantin.article import Article, Block, Role

    article = Article(
        year=2019,
        focus="A",
        title="T",
        author="X",
        subject="S",
        keywords=(),
        blocks=(
            Block(Role.PHOTO, "Ảnh 1", image=Path("/x/a.jpg")),
            Block(Role.CAPTION, "Ảnh 1: lễ trao"),
        ),
    )
    root = parse_strict(render_html_fragment(article, {0: "images/a.jpg"}), fragment=True)
    img = root.find(".//figure/img")
    assert img.get("src") == "images/a.jpg"
    assert img.get("alt") == "Ảnh 1: lễ trao"


def with_photo(data_copy, name: str = "anh.png") -> bytes:
    """The sample data with photo 1 a small PNG file; its bytes."""
    from PIL import Image

    Image.new("RGB", (40, 30), (200, 30, 30)).save(data_copy / "2019" / name)
    settings = data_copy / "2019" / "article.toml"
    settings.write_text(
        settings.read_text("utf-8").replace('# file = "images/anh-1.jpg"', f'file = "{name}"'),
        "utf-8",
    )
    return (data_copy / "2019" / name).read_bytes()


def test_fragment_carries_its_photo_as_a_data_uri_and_names_its_file(data_copy, tmp_path):
    import base64

    from bantin.export import build_outputs

    photo = with_photo(data_copy, "lễ--trao.png")
    article = compose_article(load_dataset(data_copy), 2019)
    outputs = build_outputs(article, tmp_path, ("html",), base="bai")
    assert sorted(p.name for p in outputs) == ["bai (xem trước).html", "bai.html"]  # no images/
    fragment = outputs[tmp_path / "bai.html"].decode("utf-8")
    root = parse_strict(fragment, fragment=True)
    src = root.find(".//figure/img").get("src")
    assert src.startswith("data:image/png;base64,")
    assert base64.b64decode(src.split(",", 1)[1]) == photo
    assert "<!-- Ảnh 1: tệp lễ- -trao.png --><img" in fragment  # "--" cannot be in a comment
    page = outputs[tmp_path / "bai (xem trước).html"].decode("utf-8")
    assert src in page


def test_html_images_files_links_to_a_copy_in_images(data_copy, tmp_path):
    from bantin.export import HTML_IMAGE_FILES, build_outputs

    photo = with_photo(data_copy)
    article = compose_article(load_dataset(data_copy), 2019)
    outputs = build_outputs(article, tmp_path, ("html", HTML_IMAGE_FILES), base="bai")
    assert outputs[tmp_path / "images" / "anh.png"] == photo
    root = parse_strict(outputs[tmp_path / "bai.html"].decode("utf-8"), fragment=True)
    assert root.find(".//figure/img").get("src") == "images/anh.png"


def test_markdown_beside_inline_html_keeps_its_image_file(data_copy, tmp_path):
    from bantin.export import build_outputs

    with_photo(data_copy)
    article = compose_article(load_dataset(data_copy), 2019)
    outputs = build_outputs(article, tmp_path, ("md", "html"), base="bai")
    assert tmp_path / "images" / "anh.png" in outputs
    assert "](<images/anh.png>)" in outputs[tmp_path / "bai.md"].decode("utf-8")
    assert "data:image/png" in outputs[tmp_path / "bai.html"].decode("utf-8")


def test_preview_page_prints_on_a4_with_the_docx_margins(article):
    page = render_html_page(article, render_html_fragment(article))
    assert "@page { size: A4; margin: 20mm 20mm 20mm 30mm; }" in page


def test_placeholder_is_a_centred_dashed_box(article):
    page = render_html_page(article, render_html_fragment(article))
    rule = page[page.index("figure p.cho-anh {") : page.index("}", page.index("figure p.cho-anh"))]
    for declaration in ("justify-content: center", "text-indent: 0", "border: 2px dashed"):
        assert declaration in rule


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@needs("needs Debian's chromium", CHROMIUM)
def test_chromium_prints_the_preview_page_on_a4(article, tmp_path):
    import re
    import subprocess

    page = tmp_path / "xem.html"
    page.write_text(render_html_page(article, render_html_fragment(article)), "utf-8")
    pdf = tmp_path / "xem.pdf"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info.stdout).groups())
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    # Every word of page 1 inside the DOCX's margins: left 30 mm, right, top and bottom 20 mm.
    words = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    boxes = [
        [float(v) / 72 * 25.4 for v in box]
        for box in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', words
        )
    ]
    assert len(boxes) > 100
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    assert 29.5 <= left <= 31 and 189 <= right <= 190.5, (left, right)
    assert top >= 20 and bottom <= 277, (top, bottom)
