"""The headers a score file's columns may carry, and which cells of a row carry them.

Headers are compared by vi.match_key (no case, no diacritics, single spaces); an
evaluation may name its score and band columns (`score_column`, `band_column`).
"""

from __future__ import annotations

from typing import NamedTuple

from bantin.model import Evaluation
from bantin.vi import match_key

# Header names each column may carry, compared by match_key (no case, no diacritics).
UNIT_HEADERS = (
    "đơn vị",
    "tên đơn vị",
    "cơ quan",
    "tên cơ quan",
    "cơ quan, đơn vị",
    "cơ quan/đơn vị",
)
SCORE_HEADERS = ("điểm", "điểm quy đổi", "tổng điểm", "điểm số", "điểm đạt", "điểm thẩm định")
BAND_HEADERS = ("xếp loại", "xếp loại chính thức", "kết quả xếp loại")
BLOCK_HEADERS = ("khối", "khối đánh giá", "khối xếp hạng")


class HeaderNames(NamedTuple):
    """The headers each column may carry, as match_key gives them."""

    unit: frozenset[str]
    score: frozenset[str]
    band: frozenset[str]
    block: frozenset[str]


def _keys(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(match_key(n) for n in names)


DEFAULT_HEADERS = HeaderNames(
    _keys(UNIT_HEADERS), _keys(SCORE_HEADERS), _keys(BAND_HEADERS), _keys(BLOCK_HEADERS)
)


def header_names(evaluation: Evaluation) -> HeaderNames:
    """The headers of an evaluation's files: its score_column and band_column, if it names them."""
    names = DEFAULT_HEADERS
    if evaluation.score_column is not None:
        names = names._replace(score=_keys((evaluation.score_column,)))
    if evaluation.band_column is not None:
        names = names._replace(band=_keys((evaluation.band_column,)))
    return names


class Columns(NamedTuple):
    """Indexes of the cells of a row whose header may be each column's."""

    unit: tuple[int, ...]
    score: tuple[int, ...]
    band: tuple[int, ...]
    block: tuple[int, ...]

    @property
    def is_header(self) -> bool:
        return bool(self.unit and self.score)


def header_columns(cells: list[str], names: HeaderNames) -> Columns:
    """Indexes of the cells that may head the unit, score, official band and block columns."""
    keys = [match_key(c) for c in cells]

    def find(wanted: frozenset[str]) -> tuple[int, ...]:
        return tuple(i for i, k in enumerate(keys) if k in wanted)

    return Columns(find(names.unit), find(names.score), find(names.band), find(names.block))
