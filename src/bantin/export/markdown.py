"""Markdown (CommonMark) export of a composed article."""

from __future__ import annotations

from bantin.article import Article, Block, Role


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
        return f"**{text}**"
    if block.role is Role.CAPTION:
        return f"*{text}*"
    if block.role is Role.PHOTO:
        if index in names:
            return f"![{text}](<{names[index]}>)"
        return f"*{text}*"
    return text
