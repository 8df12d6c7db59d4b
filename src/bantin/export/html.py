"""HTML export: a fragment to paste into a web portal's editor, and a print-friendly preview page.

Both come from the same composed article as the DOCX and Markdown; inline
markup is rendered by markdown-it-py, so emphasis means the same everywhere.
"""

from __future__ import annotations

from html import escape

from bantin.article import Article, Block, Role, commonmark, plain_text


def _page_style() -> str:
    """The preview page's CSS: on paper, A4 with the DOCX's margins and body text size."""
    from bantin.export.reference import MARGINS_MM

    top, right, bottom, left = (MARGINS_MM[s] for s in ("top", "right", "bottom", "left"))
    return f"""
@page {{ size: A4; margin: {top}mm {right}mm {bottom}mm {left}mm; }}
body {{ font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt;
       line-height: 1.5; max-width: 42em; margin: 2em auto; padding: 0 1em; color: #111; }}
h1 {{ font-size: 1.4em; text-align: center; }}
p {{ text-align: justify; text-indent: 1cm; margin: 0 0 0.5em; }}
p.sapo, p.tac-gia {{ text-indent: 0; }}
p.tac-gia {{ text-align: right; }}
figure {{ margin: 1em 0; text-align: center; break-inside: avoid; }}
figure img {{ max-width: 100%; height: auto; }}
figcaption, table.xep-hang caption {{ font-style: italic; font-size: 0.93em; }}
table.xep-hang {{ width: 100%; border-collapse: collapse; margin: 1em 0; font-size: 12pt;
       line-height: 1.3; }}
table.xep-hang caption {{ caption-side: top; margin-bottom: 0.3em; }}
table.xep-hang th, table.xep-hang td {{ border: 1px solid #000; padding: 0.15em 0.3em;
       text-align: left; }}
table.xep-hang th {{ background: #d9d9d9; }}
table.xep-hang td.giua, table.xep-hang th:nth-child(-n+2), table.xep-hang th:nth-child(4)
       {{ text-align: center; }}
table.xep-hang thead {{ display: table-header-group; }}
table.xep-hang tr {{ break-inside: avoid; }}
figure p.cho-anh {{ display: flex; align-items: center; justify-content: center;
       box-sizing: border-box; width: 60%; aspect-ratio: 3 / 2; margin: 0 auto 0.3em;
       text-indent: 0; text-align: center; border: 2px dashed #888; background: #f2f2f2;
       color: #555; }}
@media print {{ body {{ margin: 0; max-width: none; padding: 0; }} }}
""".strip()


def render_html_fragment(
    article: Article,
    image_names: dict[int, str] | None = None,
    image_data: dict[int, bytes] | None = None,
) -> str:
    """The article as an HTML fragment: h1, paragraphs, figures; no page chrome.

    A photo whose bytes are in `image_data` is carried inside the fragment as a data URI
    (a paste into the portal's editor keeps it); otherwise it links to `image_names`.
    Each says in a comment which file it came from.
    """
    names = dict(image_names or {})
    for index, data in (image_data or {}).items():
        names[index] = data_uri(data)
    parts: list[str] = []
    blocks = list(article.blocks)
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.role is Role.TABLE and block.table is not None:
            from bantin.export.table import html_table

            parts.append(html_table(block.table, _inline(block.text)))
        elif block.role is Role.CHART:
            chart = Block(Role.PHOTO, plain_text(block.text))
            parts.append(_figure(chart, Block(Role.CAPTION, block.text), names.get(index)))
        elif block.role is Role.PHOTO:
            caption = None
            if index + 1 < len(blocks) and blocks[index + 1].role is Role.CAPTION:
                caption = blocks[index + 1]
                index += 1
            photo = index - (1 if caption else 0)
            parts.append(_figure(block, caption, names.get(photo)))
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
        f"<style>\n{_page_style()}\n</style>\n"
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
        # One line per block (the desk marks the fragment line by line): the comment too.
        source = (
            f"<!-- {_comment(f'{photo.text}: tệp {photo.image.name}')} -->" if photo.image else ""
        )
        picture = f'{source}<img src="{escape(image, quote=True)}" alt="{alt}">'
    else:
        picture = f'<p class="cho-anh">{_inline(photo.text)}</p>'
    return f"<figure>{picture}{caption_html}</figure>"


def data_uri(data: bytes) -> str:
    """A photo's bytes as a data: URI, its type read from its first bytes (PNG or JPEG)."""
    import base64

    kind = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _comment(text: str) -> str:
    """Text safe inside an HTML comment: no "--", nothing that ends the comment early."""
    while "--" in text:
        text = text.replace("--", "- -")
    return text.replace(">", "&gt;")
