"""The render job: load, rank and compose in memory, then write every output at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bantin.article import Article, Role
from bantin.compose import compose_article
from bantin.export import safe_filename, write_outputs
from bantin.load import load_dataset

FORMATS = ("docx", "md")
REFERENCE_NAME = "reference.docx"
ALL_FORMATS = ("docx", "md", "html")


@dataclass(frozen=True)
class RenderResult:
    """What a render wrote, and what the user should look at."""

    article: Article
    written: tuple[Path, ...]
    backups: tuple[Path, ...]
    warnings: tuple[str, ...]


def render(
    data_dir: Path,
    out_dir: Path,
    year: int,
    formats: Sequence[str] = FORMATS,
    agency: str | None = None,
    templates: Path | None = None,
    created: datetime | None = None,
    force: bool = False,
) -> RenderResult:
    """Write output/<year>/<agency>.docx and .md; nothing is written unless all of it renders.

    A file edited since bantin wrote it is refused, or with `force` kept as a backup.
    """
    dataset = load_dataset(data_dir)
    article = compose_article(dataset, year, agency, templates)
    folder = out_dir / str(year)
    reference = templates / REFERENCE_NAME if templates is not None else None
    if reference is not None and not reference.is_file():
        reference = None
    outputs = build_outputs(article, folder, formats, created, reference)
    about = {"year": str(year), "agency": article.focus}
    report = write_outputs(folder, outputs, force=force, about=about)
    return RenderResult(
        article=article,
        written=report.written,
        backups=report.backups,
        warnings=article.warnings,
    )


def build_outputs(
    article: Article,
    folder: Path,
    formats: Sequence[str],
    created: datetime | None = None,
    reference: Path | None = None,
) -> dict[Path, bytes]:
    """Render every requested format to bytes, keyed by the path it belongs at."""
    base = safe_filename(article.focus)
    outputs: dict[Path, bytes] = {}
    if "docx" in formats:
        from bantin.export.docx import render_docx

        outputs[folder / f"{base}.docx"] = render_docx(article, created, reference)
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
