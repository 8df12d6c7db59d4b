from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from bantin.article import Article, Block, Role, inline_spans, parsed_spans
from bantin.compose.article import compose_article
from bantin.export import build_outputs
from bantin.export.markdown import render_markdown
from bantin.load import load_dataset

from .conftest import SAMPLE_DATA
from .helpers import FACTS_2019, SLIPS, markdown_paragraphs, needs


def sample_markdown() -> str:
    return render_markdown(compose_article(load_dataset(SAMPLE_DATA), 2019))


def test_2019_markdown_matches_golden(golden):
    golden("2019.md", sample_markdown())


def test_markdown_is_commonmark_with_the_expected_blocks():
    blocks = markdown_paragraphs(sample_markdown())
    kinds = [k for k, _ in blocks]
    assert kinds[0] == "h1"
    assert kinds.count("h1") == 1
    assert all(k == "p" for k in kinds[1:])
    tokens = MarkdownIt("commonmark").parse(sample_markdown())
    wholly_strong = []
    for token in tokens:
        if token.type == "inline":
            kids = [c.type for c in token.children if c.type != "text" or c.content]
            if kids[0] == "strong_open" and kids[-1] == "strong_close":
                wholly_strong.append(token.content)
    assert len(wholly_strong) == 2  # the sapo and the byline
    assert wholly_strong[1] == "**Thu Trang, VPS**"


def test_markdown_states_every_fact_and_no_slip():
    text = "\n".join(t for _, t in markdown_paragraphs(sample_markdown()))
    assert [f for f in FACTS_2019 if f not in text] == []
    assert [s for s in SLIPS if s in text] == []


def test_markdown_is_deterministic():
    assert sample_markdown() == sample_markdown()


def test_photo_with_an_image_links_to_a_copy_beside_the_article(tmp_path):
    image = tmp_path / "anh.png"
    image.write_bytes(b"\x89PNG fake")
    article = Article(
        year=2019,
        focus="Sở A",
        title="T",
        author="X",
        subject="S",
        keywords=(),
        blocks=(Block(Role.PHOTO, "Ảnh 1", image=image), Block(Role.CAPTION, "Ảnh 1: chú thích")),
    )
    outputs = build_outputs(article, tmp_path / "out", ["md"])
    assert outputs[tmp_path / "out" / "images" / "anh.png"] == b"\x89PNG fake"
    md = outputs[tmp_path / "out" / "Sở A.md"].decode()
    assert markdown_paragraphs(md) == [("p", "<image images/anh.png>"), ("p", "Ảnh 1: chú thích")]


def test_missing_photo_leaves_a_visible_placeholder():
    blocks = markdown_paragraphs(sample_markdown())
    assert ("p", "[Chèn ảnh 1]") in blocks
    assert ("p", "[Chèn ảnh 2]") in blocks


def test_output_is_utf8_nfc(tmp_path: Path):
    import unicodedata

    text = sample_markdown()
    assert unicodedata.is_normalized("NFC", text)


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list('aăâđếởỹ Sở TT&T;#1x*_`[]()<>!\\-.,:{}~"/\t\n')),
        max_size=40,
    )
)
def test_plain_sentences_skip_the_parser_with_the_parsers_result(text):
    # The fast path must give exactly what markdown-it gives, whenever it is taken.
    assert inline_spans(text) == parsed_spans(text)


def test_markup_and_references_still_go_through_the_parser():
    assert inline_spans("Sở **TT&TT** nhất") == [
        ("Sở ", False, False),
        ("TT&TT", True, False),
        (" nhất", False, False),
    ]
    assert inline_spans("A &amp; B") == [("A & B", False, False)]
    assert inline_spans("Sở TT&TT") == [("Sở TT&TT", False, False)]


def test_placeholders_read_right_in_any_viewer_without_backslashes():
    md = sample_markdown()
    assert "\\[" not in md and "\\]" not in md
    assert "\n*[Chèn ảnh 1]*\n" in md
    html = MarkdownIt("commonmark").render(md)
    assert "<p><em>[Chèn ảnh 1]</em></p>" in html


@given(st.text(alphabet="ab []()!:*_\\<>", min_size=1, max_size=14))
@settings(max_examples=400, deadline=None)
def test_unescaped_brackets_never_change_what_commonmark_reads(words):
    from bantin.article import md_escape
    from bantin.export.markdown import readable

    for paragraph in (md_escape(words), f"*{md_escape(words)}*", f"Ảnh 1: {md_escape(words)}"):
        parser = MarkdownIt("commonmark")
        assert parser.render(readable(paragraph)) == parser.render(paragraph)


@needs("pandoc is not installed", shutil.which("pandoc"))
@pytest.mark.parametrize("reader", ["commonmark", "markdown", "gfm"])
def test_pandoc_reads_placeholders_and_captions_literally(reader):
    import subprocess

    out = subprocess.run(
        ["pandoc", "-f", reader, "-t", "plain", "--wrap=none"],
        input=sample_markdown().encode("utf-8"),
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode("utf-8")
    lines = out.splitlines()
    assert "[Chèn ảnh 1]" in lines and "[Chèn ảnh 2]" in lines
    assert any(line.startswith("Ảnh 1: Ông Lê Trung Chinh") for line in lines)
    assert "\\" not in out
