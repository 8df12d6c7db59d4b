"""The article assembled: each template rendered in turn, its paragraphs made blocks."""

from __future__ import annotations

import re
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2

from bantin.article import Article, Block, Role, md_escape, plain_text
from bantin.compose.budget import budget
from bantin.compose.context import template_context
from bantin.compose.extras import extra_blocks, wanted
from bantin.compose.facts import Composition, build_composition
from bantin.compose.sandbox import environment, render_template
from bantin.model import Dataset, Photo
from bantin.rank import Ranking


def compose_article(
    dataset: Dataset,
    year: int,
    agency: str | None = None,
    templates: Path | None = None,
    rankings: Mapping[str, Mapping[int, Ranking]] | None = None,
    env: jinja2.Environment | None = None,
) -> Article:
    """Compose the year's article from data and templates, from the focus agency's view.

    A batch passes the `rankings` it computed once, so every article reuses them, and
    the template environment it looked up once (`environment(templates)` reads the
    templates folder's state, which a batch need not do for every article).
    """
    composition = build_composition(dataset, year, agency, rankings)
    env = env if env is not None else environment(templates)
    # Every template of the article shares one budget (publisher.toml's template_seconds).
    with budget(dataset.publisher.template_seconds):
        return _compose(dataset, composition, env)


def _compose(dataset: Dataset, composition: Composition, env: jinja2.Environment) -> Article:
    """The article's templates rendered in order, each paragraph a block."""
    settings = composition.settings
    year = composition.year
    context = template_context(dataset, composition)
    author = settings.author or dataset.publisher.author
    blocks: list[Block] = []
    blocks += _blocks(env, "title.md.j2", context, Role.TITLE)
    blocks += _blocks(env, "lead.md.j2", context, Role.LEAD)
    warnings: list[str] = []
    counters: dict[Role, int] = {}  # tables and charts, numbered through the article
    for section, raw in zip(context["sections"], composition.sections, strict=True):
        # A block's section is worded by its evaluation's template (evaluation_cchc.md.j2).
        evaluation_id = raw.evaluation.id
        names = (
            f"evaluation_{evaluation_id}.md.j2",
            f"evaluation_{dataset.base_id(evaluation_id)}.md.j2",
        )
        template = next((n for n in names if _exists(env, n)), "evaluation.md.j2")
        blocks += _blocks(env, template, {**context, "section": section}, Role.BODY)
        base_id = dataset.base_id(evaluation_id)
        table, chart = (wanted(s, evaluation_id, base_id) for s in (settings.table, settings.chart))
        blocks += extra_blocks(raw, composition.focus, table, chart, counters)
        for number in section.photos:
            photo = settings.photos[composition.photos[number - 1]]
            blocks += _photo_blocks(env, context, photo, number, warnings)
    for number in composition.closing_photos:
        photo = settings.photos[composition.photos[number - 1]]
        blocks += _photo_blocks(env, context, photo, number, warnings)
    blocks += _blocks(env, "closing.md.j2", context, Role.BODY)
    blocks += _blocks(env, "byline.md.j2", context, Role.BYLINE)
    title = plain_text(" ".join(b.text for b in blocks if b.role is Role.TITLE))
    subject = ", ".join(f"{s.evaluation.name} năm {year}" for s in composition.sections)
    keywords = settings.keywords or tuple(
        [s.evaluation.short_name for s in composition.sections] + [composition.focus, str(year)]
    )
    return Article(
        year=year,
        focus=composition.focus,
        title=title,
        author=author,
        subject=subject,
        keywords=keywords,
        blocks=tuple(blocks),
        warnings=tuple(warnings),
        data_fingerprint=dataset.fingerprint(),
    )


def _photo_blocks(
    env: jinja2.Environment,
    context: dict[str, Any],
    photo: Photo,
    number: int,
    warnings: list[str],
) -> list[Block]:
    """A photo (or the place to insert it) and its caption, as "Ảnh <number>"."""
    if photo.file is not None and not photo.file.is_file():
        warnings.append(f"không tìm thấy ảnh {number}: {photo.file}; đã để chỗ trống để chèn ảnh")
    image = photo.file if photo.file is not None and photo.file.is_file() else None
    caption_ctx = {**context, "photo": {"number": number, "caption": md_escape(photo.caption)}}
    captions = _blocks(env, "caption.md.j2", caption_ctx, Role.CAPTION)
    text = f"Ảnh {number}" if image is not None else md_escape(f"[Chèn ảnh {number}]")
    return [Block(Role.PHOTO, text, image=image), *captions]


# Per environment: which optional templates (evaluation_<id>.md.j2) the folders hold.
_EXISTS: weakref.WeakKeyDictionary[jinja2.Environment, dict[str, bool]] = (
    weakref.WeakKeyDictionary()
)


def _exists(env: jinja2.Environment, name: str) -> bool:
    known = _EXISTS.setdefault(env, {})
    found = known.get(name)
    if found is None:
        try:
            env.get_template(name)
        except jinja2.TemplateNotFound:
            found = False
        else:
            found = True
        known[name] = found
    return found


_BLANK_LINES = re.compile(r"\n\s*\n")


def _blocks(env: jinja2.Environment, name: str, context: dict[str, Any], role: Role) -> list[Block]:
    """Render a template; each blank-line-separated paragraph becomes one block."""
    text = render_template(env, name, context)
    return [Block(role, p) for p in map(tidy, _BLANK_LINES.split(text)) if p]


def tidy(paragraph: str) -> str:
    """Join a template's lines into one paragraph: single spaces, none before punctuation.

    Templates can then put each phrase on its own line without minding Jinja's
    whitespace rules; Vietnamese, like English, puts no space before , . ; : ) .
    """
    text = _single_spaced(paragraph)
    for mark in _NO_SPACE_BEFORE:
        if mark in text:
            text = text.replace(mark, mark[1])
    return text.replace("( ", "(") if "( " in text else text


def _single_spaced(paragraph: str) -> str:
    """`" ".join(paragraph.split())`, without making a string of every word.

    A template's paragraph is a few lines of single-spaced words: joining its stripped
    lines does the same for a third less (for Vietnamese text each word would be a
    string of its own to build, then to widen again when joined; counted with
    callgrind). Whatever is left inside a line (a tab, a no-break space, two spaces)
    goes the long way.
    """
    text = " ".join(filter(None, map(str.strip, paragraph.splitlines())))
    if "  " in text or not text.isprintable():  # every other whitespace is unprintable
        text = " ".join(text.split())
    return text


_NO_SPACE_BEFORE = (" ,", " .", " ;", " :", " !", " ?", " )")
