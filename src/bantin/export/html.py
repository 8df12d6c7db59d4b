"""HTML export: a fragment to paste into a web portal's editor, and a print-friendly preview page.

Both come from the same composed article as the DOCX and Markdown; inline
markup is rendered by markdown-it-py, so emphasis means the same everywhere.
"""

from __future__ import annotations

from html import escape

from bantin.article import Article, Block, Role, commonmark, plain_text

_PAGE_STYLE = """
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt;
       line-height: 1.5; max-width: 42em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { font-size: 1.4em; text-align: center; }
p { text-align: justify; text-indent: 1cm; margin: 0 0 0.5em; }
p.sapo, p.tac-gia { text-indent: 0; }
p.tac-gia { text-align: right; }
figure { margin: 1em 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
figcaption { font-style: italic; font-size: 0.93em; }
.cho-anh { background: #ffeb3b; padding: 0 0.3em; }
@media print { body { margin: 0; max-width: none; } }
""".strip()


def render_html_fragment(article: Article, image_names: dict[int, str] | None = None) -> str:
    """The article as an HTML fragment: h1, paragraphs, figures; no page chrome."""
    names = image_names or {}
    parts: list[str] = []
    blocks = list(article.blocks)
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.role is Role.PHOTO:
            caption = None
            if index + 1 < len(blocks) and blocks[index + 1].role is Role.CAPTION:
                caption = blocks[index + 1]
                index += 1
            parts.append(_figure(block, caption, names.get(index - (1 if caption else 0))))
        else:
            parts.append(_block(block))
        index += 1
    return "\n".join(parts) + "\n"


def render_html_page(article: Article, fragment: str) -> str:
    """A standalone preview page around the fragment, simple and print-friendly."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(article.title)}</title>\n"
        f"<style>\n{_PAGE_STYLE}\n</style>\n"
        "</head>\n"
        "<body>\n"
        "<article>\n"
        f"{fragment}"
        "</article>\n"
        "</body>\n"
        "</html>\n"
    )


def _inline(text: str) -> str:
    html: str = commonmark().renderInline(text)
    return html


def _block(block: Block) -> str:
    html = _inline(block.text)
    if block.role is Role.TITLE:
        return f"<h1>{html}</h1>"
    if block.role is Role.LEAD:
        return f'<p class="sapo"><strong>{html}</strong></p>'
    if block.role is Role.BYLINE:
        return f'<p class="tac-gia"><strong>{html}</strong></p>'
    if block.role is Role.CAPTION:
        return f"<p><em>{html}</em></p>"
    return f"<p>{html}</p>"


def _figure(photo: Block, caption: Block | None, image: str | None) -> str:
    caption_html = f"<figcaption>{_inline(caption.text)}</figcaption>" if caption else ""
    alt = escape(plain_text(caption.text) if caption else plain_text(photo.text), quote=True)
    if image is not None:
        picture = f'<img src="{escape(image, quote=True)}" alt="{alt}">'
    else:
        picture = f'<p class="cho-anh">{_inline(photo.text)}</p>'
    return f"<figure>{picture}{caption_html}</figure>"
