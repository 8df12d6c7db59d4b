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
    outputs = build_outputs(article, folder, formats, created)
    about = {"year": str(year), "agency": article.focus}
    report = write_outputs(folder, outputs, force=force, about=about)
    return RenderResult(
        article=article,
        written=report.written,
        backups=report.backups,
        warnings=article.warnings,
    )


def build_outputs(
    article: Article, folder: Path, formats: Sequence[str], created: datetime | None = None
) -> dict[Path, bytes]:
    """Render every requested format to bytes, keyed by the path it belongs at."""
    base = safe_filename(article.focus)
    outputs: dict[Path, bytes] = {}
    if "docx" in formats:
        from bantin.export.docx import render_docx

        outputs[folder / f"{base}.docx"] = render_docx(article, created)
    if "md" in formats:
        from bantin.export.markdown import render_markdown

        image_names: dict[int, str] = {}
        for index, block in enumerate(article.blocks):
            if block.role is Role.PHOTO and block.image is not None:
                name = f"images/{safe_filename(block.image.name)}"
                image_names[index] = name
                outputs[folder / name] = block.image.read_bytes()
        text = render_markdown(article, image_names)
        outputs[folder / f"{base}.md"] = text.encode("utf-8")
    return outputs
