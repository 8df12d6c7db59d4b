from __future__ import annotations

import pytest
from lxml import etree

from bantin.compose.article import compose_article
from bantin.export.html import render_html_fragment, render_html_page
from bantin.export.markdown import render_markdown
from bantin.load import load_dataset

from .conftest import SAMPLE_DATA
from .helpers import FACTS_2019, markdown_paragraphs


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
