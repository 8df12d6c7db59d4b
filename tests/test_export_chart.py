"""The ranking chart (chart = ... in article.toml): numbers, font, size, and the missing extra."""

from __future__ import annotations

import io
import sys

import docx
import pytest

from bantin.article import Role
from bantin.cli import cli
from bantin.compose.article import compose_article
from bantin.errors import BantinError
from bantin.export import build_outputs
from bantin.export.docx import render_docx
from bantin.load import load_dataset

from .helpers import CREATED
from .test_export_table import FOCUS, expected_rows, opt_in

pytest.importorskip("matplotlib")


@pytest.fixture
def charted(data_copy):
    data = opt_in(data_copy, 'chart = ["cchc"]')
    return data, compose_article(load_dataset(data), 2019)


def chart_block(article):
    (block,) = [b for b in article.blocks if b.role is Role.CHART]
    return block


def test_one_chart_for_the_listed_evaluation_with_its_caption(charted):
    _, article = charted
    block = chart_block(article)
    assert block.text == (
        "Biểu đồ 1: Kết quả xếp hạng Chỉ số cải cách hành chính năm 2019 – "
        "Khối sở, ban, ngành thành phố"
    )


def test_every_bar_is_a_unit_of_the_group_with_the_rankings_score(charted):
    from bantin.export.chart import FOCUS_COLOUR, chart_figure

    data, article = charted
    figure = chart_figure(chart_block(article).table)
    (axes,) = figure.axes
    expected = expected_rows(data, "cchc")
    names = [t.get_text().replace("\n", " ") for t in axes.get_yticklabels()]
    assert names == [row[2] for row in expected]
    assert [t.get_text().strip() for t in axes.texts] == [row[3] for row in expected]
    bars = axes.patches
    assert [round(b.get_width(), 2) for b in bars] == [
        float(row[3].replace(",", ".")) for row in expected
    ]
    from matplotlib.colors import to_hex

    red = [names[i] for i, b in enumerate(bars) if to_hex(b.get_facecolor()) == FOCUS_COLOUR]
    assert red == [FOCUS]
    bold = [t.get_text() for t in axes.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == [FOCUS]


def test_axis_numbers_use_the_decimal_comma(data_copy):
    from decimal import Decimal

    from bantin.article import RankingTable, TableRow
    from bantin.export.chart import chart_figure

    rows = (TableRow("1", "1", "A", "2,5", "Tốt", True, Decimal("2.5")),)
    figure = chart_figure(RankingTable(("a", "b", "c", "d", "e"), rows, "điểm", Decimal(3)))
    figure.canvas.draw()
    ticks = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert "0,5" in ticks and not any("." in t for t in ticks)


def test_labels_are_drawn_in_a_font_with_every_vietnamese_letter(charted):
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    from bantin.export.chart import FONT, chart_figure

    _, article = charted
    table = chart_block(article).table
    figure = chart_figure(table)
    labels = figure.axes[0].get_yticklabels()
    assert {t.get_fontfamily()[0] for t in labels} == {FONT}
    path = font_manager.findfont(
        font_manager.FontProperties(family=FONT), fallback_to_default=False
    )
    charmap = FT2Font(path).get_charmap()
    letters = (
        "".join(row.unit for row in table.rows)
        + "ăâđêôơưẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
    )
    missing = {ch for ch in letters if ch != " " and ord(ch) not in charmap}
    assert missing == set()


def test_docx_chart_is_a_picture_as_wide_as_the_text_column_above_its_caption(charted):
    _, article = charted
    document = docx.Document(io.BytesIO(render_docx(article, CREATED)))
    section = document.sections[0]
    column = section.page_width - section.left_margin - section.right_margin
    pictures = [p for p in document.paragraphs if p._p.findall(".//{*}drawing")]
    assert len(pictures) == 1
    (shape,) = document.inline_shapes
    assert abs(shape.width - column) <= 1
    paragraphs = document.paragraphs
    after = paragraphs[paragraphs.index(next(p for p in paragraphs if p._p is pictures[0]._p)) + 1]
    assert after.style.name == "Caption" and after.text.startswith("Biểu đồ 1: ")


def test_markdown_and_html_show_the_same_chart(charted, tmp_path):
    _, article = charted
    outputs = build_outputs(article, tmp_path, ("md", "html"), base="bai")
    png = outputs[tmp_path / "images" / "bai (biểu đồ 1).png"]
    assert png.startswith(b"\x89PNG")
    md = outputs[tmp_path / "bai.md"].decode("utf-8")
    assert "](<images/bai (biểu đồ 1).png>)\n\n*Biểu đồ 1: " in md
    html = outputs[tmp_path / "bai.html"].decode("utf-8")
    assert "data:image/png;base64," in html and "<figcaption>Biểu đồ 1: " in html


def test_chart_is_the_same_picture_every_time(charted):
    from bantin.export.chart import chart_png

    _, article = charted
    table = chart_block(article).table
    first = chart_png(table)
    chart_png.cache_clear()
    assert chart_png(table) == first


def test_without_matplotlib_a_message_says_how_to_add_it(charted, monkeypatch, tmp_path):
    from click.testing import CliRunner

    from bantin.export.chart import chart_png

    data, article = charted
    chart_png.cache_clear()
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)  # as if not installed
    with pytest.raises(BantinError) as raised:
        build_outputs(article, tmp_path, ("docx",), base="bai")
    message = (
        "bài có biểu đồ (chart trong article.toml) nhưng chưa cài thư viện vẽ biểu đồ "
        'matplotlib; cài bằng lệnh: pip install "bantin[charts]", hoặc bỏ khoá chart '
        "khỏi article.toml"
    )
    assert str(raised.value) == message
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "2019", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 1
    assert result.output == f"Lỗi: {message}\n"
    assert not out.exists()
