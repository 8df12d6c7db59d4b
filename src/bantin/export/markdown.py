"""Markdown (CommonMark) export of a composed article."""

from __future__ import annotations

import re

from bantin.article import Article, Block, Role, inline_spans, md_escape


def render_markdown(article: Article, image_names: dict[int, str] | None = None) -> str:
    """The article as CommonMark: title as a heading, sapo and byline bold, captions italic.

    `image_names` maps a PHOTO block's index to the file name the Markdown links to.
    """
    names = image_names or {}
    parts = [readable(_block(i, b, names)) for i, b in enumerate(article.blocks)]
    return "\n\n".join(parts) + "\n"


def _block(index: int, block: Block, names: dict[int, str]) -> str:
    text = block.text
    if block.role is Role.TITLE:
        return f"# {text}"
    if block.role in (Role.LEAD, Role.BYLINE):
        return f"**{_without(text, bold=True)}**"
    if block.role is Role.CAPTION:
        return f"*{_without(text, italic=True)}*"
    if block.role is Role.TABLE and block.table is not None:
        from bantin.export.table import markdown_table

        return f"*{_without(text, italic=True)}*\n\n{markdown_table(block.table)}"
    if block.role is Role.CHART:
        caption = f"*{_without(text, italic=True)}*"
        if index in names:
            return f"![{text}](<{names[index]}>)\n\n{caption}"
        return caption
    if block.role is Role.PHOTO:
        if index in names:
            return f"![{text}](<{names[index]}>)"
        return f"*{text}*"
    return text


def _without(text: str, bold: bool = False, italic: bool = False) -> str:
    """Inline Markdown with the emphasis the whole paragraph already has removed.

    A byline template that writes "**Thu Trang** (VPS)" inside a bold paragraph
    would otherwise give "****Thu Trang** (VPS)**", which CommonMark misreads.
    """
    if "*" not in text and "_" not in text:
        return text
    pieces = []
    for words, is_bold, is_italic in inline_spans(text):
        piece = md_escape(words)
        if is_bold and not bold:
            piece = f"**{piece}**"
        if is_italic and not italic:
            piece = f"*{piece}*"
        pieces.append(piece)
    return "".join(pieces)


# A paragraph that starts like "[name]: ..." would be a link reference definition.
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]*\]:")


def readable(paragraph: str) -> str:
    """A paragraph without backslashes before brackets wherever CommonMark does not need them.

    "\\[Chèn ảnh 1\\]" shows its backslashes in any viewer that is not strict CommonMark
    (and to whoever reads the file as text); "[Chèn ảnh 1]" is the same text in
    CommonMark, since brackets make a link only when a URL or a definition follows,
    and bantin writes no definitions. Kept only when the parser reads the same words
    and emphasis both ways; otherwise the escaped text stays.
    """
    if "\\[" not in paragraph and "\\]" not in paragraph:
        return paragraph
    candidate = paragraph.replace("\\[", "[").replace("\\]", "]")
    if _DEFINITION.match(candidate):
        return paragraph
    # The whole paragraph as its spans, link and image targets included.
    if _tokens(candidate) != _tokens(paragraph):
        return paragraph
    return candidate


def _tokens(paragraph: str) -> list[tuple[str, str, object]]:
    from bantin.article import commonmark

    tokens = commonmark().parseInline(paragraph)
    children = tokens[0].children if tokens else None
    return [(t.type, t.content, t.attrs) for t in children or []]
