"""Exporters, one module per format: each turns a composed Article into bytes.

What is done with the bytes (safe, atomic writes into the output folder, the manifest,
the folder's lock) is bantin.output's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bantin.article import Article, Role

if TYPE_CHECKING:
    from bantin.export.docx import DocxWriter

# Characters Windows refuses in file names, and names it reserves.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)}


def safe_filename(name: str) -> str:
    """A file name safe on Windows shares and inside one folder; Vietnamese letters kept."""
    cleaned = _UNSAFE.sub("-", unicodedata.normalize("NFC", name))
    cleaned = " ".join(cleaned.split()).strip(" .")
    if not cleaned:
        cleaned = "bantin"
    if cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = "_" + cleaned
    return cleaned[:150].rstrip(" .")


def build_outputs(
    article: Article,
    folder: Path,
    formats: Sequence[str],
    created: datetime | None = None,
    reference: Path | None = None,
    docx_writer: DocxWriter | None = None,
) -> dict[Path, bytes]:
    """Render every requested format to bytes, keyed by the path it belongs at.

    A batch passes one `docx_writer`, so the reference document is loaded once.
    """
    base = safe_filename(article.focus)
    outputs: dict[Path, bytes] = {}
    if "docx" in formats:
        from bantin.export.docx import DocxWriter

        writer = docx_writer or DocxWriter(reference)
        outputs[folder / f"{base}.docx"] = writer.render(article, created)
    # Markdown and HTML link to copies of the photos beside them.
    image_names: dict[int, str] = {}
    if "md" in formats or "html" in formats:
        for index, block in enumerate(article.blocks):
            if block.role is Role.PHOTO and block.image is not None:
                name = f"images/{safe_filename(block.image.name)}"
                image_names[index] = name
                outputs[folder / name] = block.image.read_bytes()
    if "md" in formats:
        from bantin.export.markdown import render_markdown

        text = render_markdown(article, image_names)
        outputs[folder / f"{base}.md"] = text.encode("utf-8")
    if "html" in formats:
        from bantin.export.html import render_html_fragment, render_html_page

        fragment = render_html_fragment(article, image_names)
        outputs[folder / f"{base}.html"] = fragment.encode("utf-8")
        page = render_html_page(article, fragment)
        outputs[folder / f"{base} (xem trước).html"] = page.encode("utf-8")
    return outputs
