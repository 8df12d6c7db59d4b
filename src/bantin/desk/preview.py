"""A unit's article as the HTML export writes it, each number marked with its source."""

from __future__ import annotations

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


def find_unit(loaded: Loaded, year: int, name: str) -> str | None:
    """The unit of the year a page's address or form names, as the data spells it; found as
    `bantin render --agency` finds it (bantin.rank.resolve_focus: any Unicode form or tone
    placement, a short name or an alias from data/units.toml); None for no unit."""
    from bantin.rank import resolve_focus
    from bantin.render import year_units

    rankings = [by_year[year] for by_year in loaded.rankings.values() if year in by_year]
    found = resolve_focus(name, rankings, loaded.dataset.registry)
    # Only a unit `render --all` writes: the others have no file name in output/<year>/.
    return found if found in year_units(loaded.dataset, loaded.rankings, year) else None


def preview(workspace: Workspace, loaded: Loaded, year: int, unit: str) -> Preview:
    """Compose the unit's article (bantin.compose) and export its HTML (bantin.export), as
    `bantin render YEAR --agency UNIT --format html` does; `unit` as find_unit gives it."""
    from bantin.compose.article import compose_article
    from bantin.compose.facts import article_settings
    from bantin.desk.provenance import article_marks, marked_html
    from bantin.export import HTML_IMAGE_FILES, article_bases, build_outputs, photo_names
    from bantin.render import photo_files, year_units

    dataset, rankings = loaded.dataset, loaded.rankings
    units = year_units(dataset, rankings, year)
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
