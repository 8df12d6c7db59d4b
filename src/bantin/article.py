"""The composed article: a typed list of blocks that every exporter walks.

Block text is inline CommonMark (emphasis only), so DOCX, Markdown and HTML are
all made from the same words and can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import field
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple


class Role(StrEnum):
    """What a block is; each exporter maps a role to a style."""

    TITLE = "title"
    LEAD = "lead"
    BODY = "body"
    PHOTO = "photo"
    CAPTION = "caption"
    BYLINE = "byline"
    TABLE = "table"  # a ranking table; the block's text is its caption
    CHART = "chart"  # a bar chart of the same ranking; the block's text is its caption


class TableRow(NamedTuple):
    """One unit's line of a ranking table, every cell as the article prints it."""

    rank: str  # under the evaluation's tie rule, as rank words say it
    position: str  # 1 + the units strictly ahead
    unit: str
    score: str  # Vietnamese formatting, the evaluation's decimals
    band: str
    focus: bool  # the article's focus unit: emphasised
    value: Decimal  # the score itself, for a chart's bar


class RankingTable(NamedTuple):
    """A section's ranking as a table (and a chart): plain text cells, best first."""

    header: tuple[str, str, str, str, str]
    rows: tuple[TableRow, ...]
    score_label: str  # the score's name, for a chart's axis
    max_score: Decimal | None = None


class Block(NamedTuple):
    """One paragraph of the article."""

    role: Role
    text: str
    image: Path | None = None
    table: RankingTable | None = None  # a TABLE or CHART block's ranking


class Article(NamedTuple):
    """A composed article, ready for export."""

    year: int
    focus: str
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = field(default=())
    data_fingerprint: str = ""


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_MAY_NEED_ESCAPE = re.compile(r"[\\`*_\[\]<>&]")


def md_escape(text: str) -> str:
    """Escape data text so CommonMark shows it literally (a name with "*" stays a name)."""
    if _MAY_NEED_ESCAPE.search(text) is None:
        return text  # most names: nothing to escape, the same string back
    return _ENTITY_LIKE.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", text))


@lru_cache(maxsize=1)
def commonmark() -> Any:
    """One CommonMark parser for the process: building one costs more than parsing."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def md_unescape(text: str) -> str:
    """Undo md_escape."""
    return re.sub(r"\\([\\`*_\[\]<>&])", r"\1", text)


# What can start inline markup in a one-line paragraph: emphasis, code, links, autolinks
# and HTML, backslashes, and character references (a superset of CommonMark's).
_INLINE_MARKUP = re.compile(r"[\\`*_\[\]<>]|&#?\w+;")
# A backslash before ASCII punctuation: that character, literally (CommonMark 2.4).
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def inline_spans(text: str) -> list[tuple[str, bool, bool]]:
    """Split inline CommonMark into (text, bold, italic) spans with markdown-it-py.

    A paragraph with nothing that could start markup is its own text: most sentences
    are, and they skip the parser (and, for a single article, importing it).
    """
    one_line = "\n" not in text and text == text.strip()
    if one_line and _INLINE_MARKUP.search(_BACKSLASH_ESCAPE.sub("x", text)) is None:
        literal = _BACKSLASH_ESCAPE.sub(r"\1", text) if "\\" in text else text
        return [(literal, False, False)] if literal else []
    return parsed_spans(text)


def parsed_spans(text: str) -> list[tuple[str, bool, bool]]:
    """inline_spans, always through the parser."""
    tokens = commonmark().parseInline(text)
    spans: list[tuple[str, bool, bool]] = []
    bold = italic = 0
    children = tokens[0].children if tokens else None
    for token in children or []:
        if token.type == "strong_open":
            bold += 1
        elif token.type == "strong_close":
            bold -= 1
        elif token.type == "em_open":
            italic += 1
        elif token.type == "em_close":
            italic -= 1
        elif token.type in ("text", "code_inline", "html_inline"):
            spans.append((token.content, bold > 0, italic > 0))
        elif token.type in ("softbreak", "hardbreak"):
            spans.append((" ", bold > 0, italic > 0))
    merged: list[tuple[str, bool, bool]] = []
    for span in spans:
        if merged and merged[-1][1:] == span[1:]:
            merged[-1] = (merged[-1][0] + span[0], *span[1:])
        else:
            merged.append(span)
    return merged


def plain_text(text: str) -> str:
    """The words of inline CommonMark without its markup."""
    return "".join(s for s, _, _ in inline_spans(text))
