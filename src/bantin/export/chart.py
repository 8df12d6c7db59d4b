"""A ranking as a horizontal bar chart (PNG), the focus unit marked; opt-in `chart = true`.

Drawn by matplotlib, an optional extra (pip install "bantin[charts]"), through its
object API on the Agg canvas: no pyplot, no global figure state, the same picture on
every OS. Labels use DejaVu Sans, which matplotlib ships and which covers every
Vietnamese letter (the office's Times New Roman may not be installed where bantin runs).
"""

from __future__ import annotations

import io
import os
import tempfile
import textwrap
from functools import lru_cache
from typing import Any

from bantin.article import RankingTable
from bantin.errors import BantinError
from bantin.export.reference import MARGINS_MM, PAGE_MM
from bantin.vi import format_number

MISSING = (
    "bài có biểu đồ (chart trong article.toml) nhưng chưa cài thư viện vẽ biểu đồ matplotlib; "
    'cài bằng lệnh: pip install "bantin[charts]", hoặc bỏ khoá chart khỏi article.toml'
)
FONT = "DejaVu Sans"
DPI = 200
WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # the DOCX text column
BAR_MM = 6.5  # height of one unit's line
MAX_HEIGHT_MM = PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"] - 30  # and its caption
LABEL_CHARS = 42  # a unit's name wraps past this many characters
FOCUS_COLOUR = "#c62828"
OTHER_COLOUR = "#90a4ae"


@lru_cache(maxsize=32)
def chart_png(table: RankingTable) -> bytes:
    """The ranking's bar chart as PNG bytes, as wide as the DOCX text column."""
    figure = chart_figure(table)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


def chart_figure(table: RankingTable) -> Any:
    """The ranking's bar chart as a matplotlib Figure: one bar a unit, best at the top."""
    figure_class, canvas_class = _matplotlib()
    rows = table.rows
    width_in = WIDTH_MM / 25.4
    # At most a page's text height (a very large group gets thinner bars).
    height_in = min(len(rows) * BAR_MM + 16, MAX_HEIGHT_MM) / 25.4
    figure = figure_class(figsize=(width_in, height_in), dpi=DPI)
    canvas_class(figure)
    axes = figure.add_subplot()
    positions = range(len(rows))
    values = [float(r.value) for r in rows]  # drawing only: every printed number is r.score
    colours = [FOCUS_COLOUR if r.focus else OTHER_COLOUR for r in rows]
    axes.barh(positions, values, color=colours, height=0.7)
    names = [textwrap.fill(r.unit, LABEL_CHARS) for r in rows]  # long names on two lines
    axes.set_yticks(list(positions), names, fontsize=7.5, fontfamily=FONT)
    for tick, row in zip(axes.get_yticklabels(), rows, strict=True):
        if row.focus:
            tick.set_fontweight("bold")
            tick.set_color(FOCUS_COLOUR)
    axes.set_ylim(len(rows) - 0.5, -0.5)  # best first, at the top, as in the table
    top = max([*values, float(table.max_score or 0)])
    axes.set_xlim(0, top * 1.1 if top > 0 else 1)
    for position, row, value in zip(positions, rows, values, strict=True):
        axes.text(
            value,
            position,
            f" {row.score}",
            va="center",
            fontsize=7,
            fontfamily=FONT,
            fontweight="bold" if row.focus else "normal",
        )
    axes.xaxis.set_major_formatter(_vietnamese_numbers())
    axes.tick_params(axis="x", labelsize=7, labelfontfamily=FONT)
    label = table.score_label[:1].upper() + table.score_label[1:]
    axes.set_xlabel(label, fontsize=8, fontfamily=FONT)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    return figure


def _vietnamese_numbers() -> Any:
    """Axis numbers with a decimal comma, as the article writes them."""
    from decimal import Decimal

    from matplotlib.ticker import FuncFormatter

    def label(value: float, _position: int) -> str:
        return format_number(Decimal(repr(round(float(value), 6))).normalize())

    return FuncFormatter(label)


def _matplotlib() -> tuple[Any, Any]:
    """matplotlib's Figure and Agg canvas, or a BantinError saying how to install it."""
    # Importing matplotlib builds its font list and saves it in the user's profile unless
    # MPLCONFIGDIR says where; after the import it works from memory. So the import runs
    # with a folder of its own that is gone (and the environment as it was) right after:
    # nothing written in the profile, nothing left behind, whatever happens later.
    saved = os.environ.get("MPLCONFIGDIR")
    try:
        with tempfile.TemporaryDirectory(prefix="bantin-matplotlib-") as folder:
            if saved is None:
                os.environ["MPLCONFIGDIR"] = folder
            try:
                from matplotlib.backends.backend_agg import FigureCanvasAgg
                from matplotlib.figure import Figure
            finally:
                if saved is None:
                    del os.environ["MPLCONFIGDIR"]
    except ImportError as e:
        raise BantinError(MISSING) from e
    return Figure, FigureCanvasAgg
