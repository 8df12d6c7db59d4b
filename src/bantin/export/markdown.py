"""Markdown (CommonMark) export of a composed article."""

from __future__ import annotations

from bantin.article import Article, Block, Role, inline_spans, md_escape


def render_markdown(article: Article, image_names: dict[int, str] | None = None) -> str:
    """The article as CommonMark: title as a heading, sapo and byline bold, captions italic.

    `image_names` maps a PHOTO block's index to the file name the Markdown links to.
    """
    names = image_names or {}
    parts = [_block(i, b, names) for i, b in enumerate(article.blocks)]
    return "\n\n".join(parts) + "\n"


def _block(index: int, block: Block, names: dict[int, str]) -> str:
    text = block.text
    if block.role is Role.TITLE:
        return f"# {text}"
    if block.role in (Role.LEAD, Role.BYLINE):
        return f"**{_without(text, bold=True)}**"
    if block.role is Role.CAPTION:
        return f"*{_without(text, italic=True)}*"
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
