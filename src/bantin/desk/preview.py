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
    """The unit's article and its HTML, built by the function `bantin render YEAR --agency
    UNIT --format html` builds them with (bantin.render.build_article); `unit` as find_unit
    gives it."""
    from bantin.desk.provenance import article_marks, marked_html
    from bantin.export import HTML_IMAGE_FILES
    from bantin.render import build_article

    dataset, rankings = loaded.dataset, loaded.rankings
    folder = workspace.out_dir / str(year)
    # The desk serves images/ itself: its page links to them, light to send on every edit.
    formats = ("html", HTML_IMAGE_FILES)
    env = workspace.environment()
    built = build_article(
        dataset, rankings, year, unit, folder, formats, workspace.templates, env=env
    )
    article = built.article
    fragment = built.outputs[folder / f"{built.base}.html"].decode("utf-8")
    marks = article_marks(dataset, rankings, article)
    html = marked_html(article, fragment.rstrip("\n").split("\n"), marks)
    return Preview(unit, article, html, built.base, html.count('class="so '))
