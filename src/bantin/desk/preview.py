"""A unit's article as the HTML export writes it, each number marked with its source."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from bantin.article import Article
from bantin.desk.workspace import Loaded, Workspace


@dataclass(frozen=True)
class Preview:
    """What the unit's page shows."""

    focus: str
    article: Article
    html: str  # the HTML export's fragment, numbers wrapped with their sources
    base: str  # the name of the unit's files in output/<year>/
    marked: int  # how many numbers carry a source


def find_unit(units: list[str], name: str) -> str | None:
    """The unit a page's address names (exactly, once NFC: addresses may arrive as NFD)."""
    wanted = unicodedata.normalize("NFC", name)
    return wanted if wanted in units else None


def preview(workspace: Workspace, loaded: Loaded, year: int, name: str) -> Preview | None:
    """Compose the unit's article (bantin.compose) and export its HTML (bantin.export), as
    `bantin render YEAR --agency UNIT --format html` does; None for an unknown unit."""
    from bantin.compose.article import compose_article
    from bantin.compose.facts import article_settings
    from bantin.desk.provenance import article_marks, marked_html
    from bantin.export import HTML_IMAGE_FILES, article_bases, build_outputs, photo_names
    from bantin.render import photo_files, year_units

    dataset, rankings = loaded.dataset, loaded.rankings
    units = year_units(dataset, rankings, year)
    unit = find_unit(units, name)
    if unit is None:
        return None
    env = workspace.environment()
    article = compose_article(dataset, year, unit, workspace.templates, rankings, env)
    bases, _ = article_bases(units)
    folder = workspace.out_dir / str(year)
    photos = photo_names(photo_files(article_settings(dataset, year)))
    # The desk serves images/ itself: its page links to them, light to send on every edit.
    formats = ("html", HTML_IMAGE_FILES)
    outputs = build_outputs(article, folder, formats, None, None, None, bases[unit], photos)
    fragment = outputs[folder / f"{bases[unit]}.html"].decode("utf-8")
    marks = article_marks(dataset, rankings, article)
    html = marked_html(article, fragment.rstrip("\n").split("\n"), marks)
    return Preview(unit, article, html, bases[unit], html.count('class="so '))
