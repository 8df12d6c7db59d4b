"""Exporters, one module per format: each turns a composed Article into bytes.

What is done with the bytes (safe, atomic writes into the output folder, the manifest,
the folder's lock) is bantin.output's.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
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


PREVIEW_SUFFIX = " (xem trước)"


# Among the formats: HTML that links to photo files in images/ instead of carrying them.
HTML_IMAGE_FILES = "html-images=files"


def article_file_names(base: str) -> tuple[str, ...]:
    """Every file an article named `base` may have, in any format, its preview page included."""
    return (
        f"{base}.docx",
        f"{base}.md",
        f"{base}.html",
        f"{base}{PREVIEW_SUFFIX}.html",
        f"{base}.pdf",
    )


def file_key(name: str) -> str:
    """What a file system that ignores case (Windows, macOS) sees of a name: NFC, casefolded."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


@dataclass(frozen=True)
class Renamed:
    """A unit whose articles got another name: its natural name was another unit's."""

    unit: str
    natural: str  # the name its files would have had
    base: str  # the name they have
    other: str  # the unit that keeps the natural name's files

    def message(self) -> str:
        """The Vietnamese line that tells the user."""
        return (
            f'Trùng tên tệp: bài của "{self.unit}" được ghi thành "{self.base}", '
            f'vì tên "{self.natural}" trùng với tệp của "{self.other}".'
        )


def article_bases(units: Sequence[str]) -> tuple[dict[str, str], tuple[Renamed, ...]]:
    """Each unit's file name (without extension), no two sharing a file, and the renamed.

    Names are compared as a case-insensitive file system does, over every format (a
    unit's Markdown today must not be the name another unit's HTML takes tomorrow).
    `units` come in their sorted order: the first unit keeps its natural name; a later one
    that would share a file gets " (2)", " (3)"... A unit whose own name is free keeps it
    even when a renamed unit could have taken it, and the same units always give the same
    names, so a re-render writes over its own files.
    """
    owners: dict[str, str] = {}  # file key -> unit
    bases: dict[str, str] = {}
    clashing: list[tuple[str, str, str]] = []  # (unit, natural, other)
    for unit in units:
        natural = safe_filename(unit)
        keys = [file_key(n) for n in article_file_names(natural)]
        taken = [owners[k] for k in keys if k in owners]
        if taken:
            clashing.append((unit, natural, taken[0]))
            continue
        bases[unit] = natural
        owners.update(dict.fromkeys(keys, unit))
    renamed: list[Renamed] = []
    for unit, natural, other in clashing:
        counter = 2
        while True:
            base = f"{natural} ({counter})"
            keys = [file_key(n) for n in article_file_names(base)]
            if not any(k in owners for k in keys):
                break
            counter += 1
        bases[unit] = base
        owners.update(dict.fromkeys(keys, unit))
        renamed.append(Renamed(unit, natural, base, other))
    return bases, tuple(renamed)


def photo_names(files: Iterable[Path]) -> dict[Path, str]:
    """Each photo file's name in images/, no two different files sharing one.

    The same file (however its path is written) keeps one name and one copy; a different
    file whose name is taken (a/anh.png, then b/anh.png, or ANH.png) gets "anh (2).png".
    """
    names: dict[Path, str] = {}
    by_file: dict[Path, str] = {}
    used: set[str] = set()
    for path in files:
        if path in names:
            continue
        same = path.resolve()
        if same in by_file:
            names[path] = by_file[same]
            continue
        natural = safe_filename(path.name)
        stem, ext = os.path.splitext(natural)
        name, counter = natural, 2
        while file_key(name) in used:
            name = f"{stem} ({counter}){ext}"
            counter += 1
        used.add(file_key(name))
        names[path] = by_file[same] = name
    return names


def build_outputs(
    article: Article,
    folder: Path,
    formats: Sequence[str],
    created: datetime | None = None,
    reference: Path | None = None,
    docx_writer: DocxWriter | None = None,
    base: str | None = None,
    photos: Mapping[Path, str] | None = None,
) -> dict[Path, bytes]:
    """Render every requested format to bytes, keyed by the path it belongs at.

    A batch passes one `docx_writer`, so the reference document is loaded once. `base`
    (the files' name) and `photos` (each photo's name in images/) come from
    `article_bases` and `photo_names` over the year's units and photos, so that no two
    articles or photos share a file; by default they are worked out from this article.
    HTML carries its photos inside it unless `formats` holds HTML_IMAGE_FILES; "pdf"
    is the DOCX converted by LibreOffice.
    """
    if base is None:
        base = safe_filename(article.focus)
    outputs: dict[Path, bytes] = {}
    if "docx" in formats or "pdf" in formats:
        from bantin.export.docx import DocxWriter

        writer = docx_writer or DocxWriter(reference)
        docx = writer.render(article, created)
        if "docx" in formats:
            outputs[folder / f"{base}.docx"] = docx
        if "pdf" in formats:
            from bantin.export.pdf import docx_to_pdf

            outputs[folder / f"{base}.pdf"] = docx_to_pdf(docx, folder)
    # Markdown and HTML link to copies of the photos beside them.
    image_names: dict[int, str] = {}
    if "md" in formats or "html" in formats:
        images = [b.image for b in article.blocks if b.role is Role.PHOTO and b.image]
        if photos is None or not all(image in photos for image in images):
            photos = photo_names(images)
        for index, block in enumerate(article.blocks):
            if block.role is Role.PHOTO and block.image is not None:
                name = f"images/{photos[block.image]}"
                image_names[index] = name
                outputs[folder / name] = block.image.read_bytes()
        _add_charts(article, folder, base, image_names, outputs)
    if "md" in formats:
        from bantin.export.markdown import render_markdown

        text = render_markdown(article, image_names)
        outputs[folder / f"{base}.md"] = text.encode("utf-8")
    if "html" in formats:
        from bantin.export.html import render_html_fragment, render_html_page

        embedded = _embedded_photos(outputs, folder, image_names, formats)
        fragment = render_html_fragment(article, image_names, embedded)
        outputs[folder / f"{base}.html"] = fragment.encode("utf-8")
        page = render_html_page(article, fragment)
        outputs[folder / f"{base}{PREVIEW_SUFFIX}.html"] = page.encode("utf-8")
    return outputs


def _embedded_photos(
    outputs: dict[Path, bytes], folder: Path, image_names: dict[int, str], formats: Sequence[str]
) -> dict[int, bytes]:
    """The photos HTML carries as data URIs (all, unless asked for files), by block index.

    Their copies in images/ stay only when the Markdown (or HTML asked for files) links
    to them.
    """
    if HTML_IMAGE_FILES in formats:
        return {}
    embedded = {index: outputs[folder / name] for index, name in image_names.items()}
    if "md" not in formats:
        for name in image_names.values():
            outputs.pop(folder / name, None)
    return embedded


def _add_charts(
    article: Article,
    folder: Path,
    base: str,
    image_names: dict[int, str],
    outputs: dict[Path, bytes],
) -> None:
    """Each chart's PNG in images/, named after the article's files, for Markdown and HTML."""
    number = 0
    for index, block in enumerate(article.blocks):
        if block.role is Role.CHART and block.table is not None:
            from bantin.export.chart import chart_png

            number += 1
            name = f"images/{safe_filename(f'{base} (biểu đồ {number}).png')}"
            image_names[index] = name
            outputs[folder / name] = chart_png(block.table)
