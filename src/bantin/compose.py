"""Compose the article: build the template context from the rankings, render the templates.

The only module that imports jinja2. Templates are looked up in the working
folder's templates/ first, then in bantin's built-in ones; they run sandboxed
with StrictUndefined, so a typo is an error, never a silently empty phrase.
"""

from __future__ import annotations

import hashlib
import itertools
import operator
import re
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields, is_dataclass, replace
from decimal import Decimal
from enum import Enum
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from bantin import vi
from bantin.article import Article, Block, Role, md_escape, md_unescape, plain_text
from bantin.errors import DataError, TemplateError
from bantin.model import ArticleSettings, Dataset, Evaluation, Publisher, Registry
from bantin.rank import (
    BandChange,
    BandCount,
    Comparison,
    RankedUnit,
    Ranking,
    Streak,
    band_changes,
    compare,
    first_place_streak,
    last_first_before,
    named_units,
    rank_all,
    top_band_streak,
    years_ranked_before,
)
from bantin.resources import builtin_templates

BUILTIN_TEMPLATES = builtin_templates()


class RankGroup(NamedTuple):
    """Units sharing one rank among those the article names; the focus agency first."""

    rank: int
    score: Decimal
    units: tuple[str, ...]
    has_focus: bool

    @property
    def tied(self) -> bool:
        """Whether several units share the rank."""
        return len(self.units) > 1

    @property
    def others(self) -> tuple[str, ...]:
        """The units of the group other than the focus agency."""
        return self.units[1:] if self.has_focus else self.units


class Section(NamedTuple):
    """Everything a template needs to write one evaluation's section.

    A named tuple like the other plain records (model.py says why), though its `index`
    field hides tuple.index: every article makes one per evaluation, and a frozen
    dataclass of sixteen fields took ~30 K instructions to build (callgrind), 2 % of
    composing an article.
    """

    index: int  # type: ignore[assignment]
    evaluation: Evaluation
    year: int
    size: int
    band_counts: tuple[BandCount, ...]
    top_band: BandCount
    named: tuple[RankGroup, ...]
    focus: RankedUnit | None
    focus_named: bool
    comparison: Comparison | None
    first_streak: Streak | None
    top_streak: Streak | None
    photos: tuple[int, ...]
    band_changes: tuple[BandChange, ...]
    first_before: int | None
    ranked_before: tuple[int, ...]

    @property
    def changed_bands(self) -> tuple[BandChange, ...]:
        """Bands whose count moved since last year."""
        return tuple(b for b in self.band_changes if b.delta)

    @property
    def present_bands(self) -> tuple[BandCount, ...]:
        """Bands holding at least one unit, best first."""
        return tuple(b for b in self.band_counts if b.count)

    @property
    def empty_bands(self) -> tuple[BandCount, ...]:
        """Bands holding no unit, best first."""
        return tuple(b for b in self.band_counts if not b.count)


class Composition(NamedTuple):
    """The article's settings and the sections built from the rankings, before any template runs."""

    year: int
    focus: str
    settings: ArticleSettings
    sections: tuple[Section, ...]


def article_settings(dataset: Dataset, year: int) -> ArticleSettings:
    """The year's article settings, or defaults: every evaluation scored that year, no photos."""
    if year in dataset.articles:
        return dataset.articles[year]
    scored = {dataset.base_id(e) for (e, y) in dataset.scores if y == year}
    return ArticleSettings(year=year, event="", sections=tuple(sorted(scored)))


def section_ids(
    dataset: Dataset,
    rankings: Mapping[str, Mapping[int, Ranking]],
    year: int,
    evaluation_id: str,
    focus: str | None,
    every_block: bool,
) -> tuple[str, ...]:
    """The evaluations a section of the article stands for, that year.

    An evaluation ranked in blocks gives the focus agency's block (or, when it is in
    none, the first block), or every block when the article asks for all of them.
    """
    parts = tuple(p for p in dataset.parts(evaluation_id) if year in rankings.get(p, {}))
    if every_block or len(parts) <= 1 or focus is None:
        return parts if every_block or focus is None else parts[:1]
    own = [p for p in parts if rankings[p][year].find(focus) is not None]
    return tuple(own[:1] or parts[:1])


def build_composition(
    dataset: Dataset,
    year: int,
    agency: str | None = None,
    rankings: Mapping[str, Mapping[int, Ranking]] | None = None,
) -> Composition:
    """Rank the data (unless given the rankings) and gather, per section, the facts stated."""
    settings = article_settings(dataset, year)
    rankings = rankings if rankings is not None else rank_all(dataset)
    every_block = settings.blocks == "all"
    available = {s: section_ids(dataset, rankings, year, s, None, True) for s in settings.sections}
    missing = [s for s, parts in available.items() if not parts]
    if missing:
        folder = dataset.root / str(year)
        files = ", ".join(f"{m}.csv hoặc {m}.xlsx" for m in missing)
        raise DataError(f"thiếu tệp điểm {files} cho năm {year}", path=folder)
    if not settings.sections:
        raise DataError(f"không có dữ liệu điểm nào cho năm {year}", path=dataset.root)
    wanted = agency or dataset.publisher.focus_agency
    every_part = [p for parts in available.values() for p in parts]
    focus = _resolve_focus(wanted, [rankings[p][year] for p in every_part])
    if focus is None:
        names = {u.unit for p in every_part for u in rankings[p][year].units}
        hint = vi.did_you_mean(wanted, names)
        if agency is None:
            raise DataError(
                f'đơn vị chính "{wanted}" (focus_agency) không có trong dữ liệu năm {year}{hint}',
                path=dataset.root / "publisher.toml",
            )
        raise DataError(
            f'không tìm thấy đơn vị "{wanted}" trong dữ liệu năm {year}{hint}', path=dataset.root
        )
    photo_numbers = _photo_numbers(settings)
    sections: list[Section] = []
    for base in settings.sections:
        parts = section_ids(dataset, rankings, year, base, focus, every_block)
        for part_number, evaluation_id in enumerate(parts, start=1):
            evaluation = dataset.evaluations[evaluation_id]
            by_year = rankings[evaluation_id]
            ranking = by_year[year]
            focus_unit = ranking.find(focus)
            if focus_unit is None and settings.absent == "omit":
                continue
            groups = _rank_groups(named_units(ranking, evaluation, focus), focus_unit)
            last_part = part_number == len(parts)
            sections.append(
                Section(
                    index=len(sections),
                    evaluation=evaluation,
                    year=year,
                    size=ranking.size,
                    band_counts=ranking.band_counts,
                    top_band=ranking.band_counts[0],
                    named=groups,
                    focus=focus_unit,
                    focus_named=any(g.has_focus for g in groups),
                    comparison=compare(ranking, by_year.get(year - 1), focus),
                    first_streak=first_place_streak(by_year, focus, year),
                    top_streak=top_band_streak(by_year, focus, year),
                    photos=photo_numbers.get(base, ()) if last_part else (),
                    band_changes=band_changes(ranking, by_year.get(year - 1)),
                    first_before=last_first_before(by_year, focus, year),
                    ranked_before=years_ranked_before(by_year, focus, year),
                )
            )
    return Composition(year=year, focus=focus, settings=settings, sections=tuple(sections))


def _resolve_focus(wanted: str, rankings: Sequence[Ranking]) -> str | None:
    for ranking in rankings:
        found = ranking.find(wanted)
        if found is not None:
            return found.unit
    return None


def _photo_numbers(settings: ArticleSettings) -> dict[str | None, tuple[int, ...]]:
    numbers: dict[str | None, list[int]] = {}
    for number, photo in enumerate(settings.photos, start=1):
        numbers.setdefault(photo.after, []).append(number)
    return {k: tuple(v) for k, v in numbers.items()}


def _rank_groups(named: Sequence[RankedUnit], focus: RankedUnit | None) -> tuple[RankGroup, ...]:
    if focus is None or not any(u is focus for u in named):
        # The groups of every article whose focus is not named: one per named tuple
        # (named_units gives the same tuple for them all).
        known = _GROUPS.get(id(named))
        if known is None or known[0] is not named:
            if len(_GROUPS) > 64:
                _GROUPS.clear()
            known = _GROUPS[id(named)] = (named, _group_by_rank(named, None))
        return known[1]
    return _group_by_rank(named, focus)


_GROUPS: dict[int, tuple[Sequence[RankedUnit], tuple[RankGroup, ...]]] = {}


def _group_by_rank(named: Sequence[RankedUnit], focus: RankedUnit | None) -> tuple[RankGroup, ...]:
    groups: list[RankGroup] = []
    for rank, same in itertools.groupby(sorted(named, key=_by_rank), key=_by_rank):
        members = list(same)
        has_focus = focus is not None and any(u is focus for u in members)  # same records
        if has_focus:
            members.sort(key=lambda u: u is not focus)  # stable: the rest keep their order
        groups.append(
            RankGroup(
                rank=rank,
                score=members[0].score,
                units=tuple(u.unit for u in members),
                has_focus=has_focus,
            )
        )
    return tuple(groups)


_by_rank = operator.attrgetter("rank")


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
    settings = composition.settings
    env = env if env is not None else environment(templates)
    context = template_context(dataset, composition)
    author = settings.author or dataset.publisher.author
    blocks: list[Block] = []
    blocks += _blocks(env, "title.md.j2", context, Role.TITLE)
    blocks += _blocks(env, "lead.md.j2", context, Role.LEAD)
    warnings: list[str] = []
    for section in context["sections"]:
        name = f"evaluation_{section.evaluation.id}.md.j2"
        template = name if _exists(env, name) else "evaluation.md.j2"
        blocks += _blocks(env, template, {**context, "section": section}, Role.BODY)
        for number in section.photos:
            blocks += _photo_blocks(env, context, settings, number, warnings)
    for number in _photo_numbers(settings).get(None, ()):
        blocks += _photo_blocks(env, context, settings, number, warnings)
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


def template_context(dataset: Dataset, composition: Composition) -> dict[str, Any]:
    """The variables every template sees (docs/templates.md lists them), data text escaped."""
    settings = composition.settings
    context: dict[str, Any] = _escape_tree(
        {
            "year": composition.year,
            "focus": composition.focus,
            "publisher": dataset.publisher,
            "article": settings,
            "author": settings.author or dataset.publisher.author,
            "big_rise": BIG_RISE,
        }
    )
    # Sections hold unit, band and evaluation names only: when no name in the data has
    # anything to escape (the usual case), they need no walk at all.
    plain = _names_are_plain(dataset)
    context["sections"] = composition.sections if plain else _escape_tree(composition.sections)
    headline = _headline(composition.sections)
    context["headline"] = context["sections"][headline.index] if headline is not None else None
    # The registry can hold thousands of names: it stays raw, and `short` escapes its answer.
    context["registry"] = dataset.registry
    return context


_PLAIN_NAMES: dict[int, tuple[Dataset, bool]] = {}


def _names_are_plain(dataset: Dataset) -> bool:
    """Whether no unit, band or evaluation text of the data changes when escaped."""
    known = _PLAIN_NAMES.get(id(dataset))
    if known is not None and known[0] is dataset:
        return known[1]
    texts = [row.unit for table in dataset.scores.values() for row in table.rows]
    for evaluation in dataset.evaluations.values():
        texts += [b.name for b in evaluation.bands]
        texts += [v for v in evaluation if isinstance(v, str)]  # every text field
    plain = all(md_escape(t) is t for t in texts)
    if len(_PLAIN_NAMES) > 8:
        _PLAIN_NAMES.clear()
    _PLAIN_NAMES[id(dataset)] = (dataset, plain)
    return plain


def _headline(sections: Sequence[Section]) -> Section | None:
    """The section most newsworthy for the focus agency, chosen deterministically.

    In order: first place (a longer streak first), then a rise of three ranks or
    more (the biggest first), then the top band, then the best rank; the earlier
    section wins a tie.
    """
    ranked = [s for s in sections if s.focus is not None]
    if not ranked:
        return None
    return min(ranked, key=_newsworthiness)


def _newsworthiness(section: Section) -> tuple[int, int, int, int, int]:
    focus = section.focus
    assert focus is not None
    streak = section.first_streak.length if section.first_streak else 0
    gain = section.comparison.rank_gain if section.comparison else 0
    big_rise = gain if gain >= BIG_RISE and section.evaluation.compare_ranks else 0
    if focus.rank == 1:
        return (0, -streak, 0, 0, section.index)
    if big_rise:
        return (1, -big_rise, 0, focus.rank, section.index)
    return (2, 0, focus.band_index, focus.rank, section.index)


# A rise of this many ranks is news in itself ("tăng 3 bậc").
BIG_RISE = 3


def _photo_blocks(
    env: jinja2.Environment,
    context: dict[str, Any],
    settings: ArticleSettings,
    number: int,
    warnings: list[str],
) -> list[Block]:
    photo = settings.photos[number - 1]
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


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template, turning every Jinja error into a located Vietnamese TemplateError."""
    line: int | None
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as e:
        path, line = e.filename or e.name or name, e.lineno
        missing = re.match(r"No (filter|test) named '([^']+)'", e.message or "")
        if missing:
            kind, word = missing.groups()
            known = env.filters if kind == "filter" else env.tests
            what = "bộ lọc" if kind == "filter" else "phép thử"
            hint = vi.did_you_mean(word, known, cutoff=0.6)
            raise TemplateError(f'không có {what} "{word}"{hint}', path=path, row=line) from e
        raise TemplateError(f"lỗi cú pháp mẫu: {e.message}", path=path, row=line) from e
    except jinja2.TemplateNotFound as e:
        raise TemplateError(f"không tìm thấy mẫu {e.name}", path=name) from e
    except SecurityError as e:
        path, line = _template_location(e, name)
        attribute = re.search(r"attribute '([^']+)'", str(e))
        what = f' "{attribute.group(1)}"' if attribute else ""
        raise TemplateError(
            f"mẫu không được truy cập thuộc tính nội bộ{what} (mẫu chạy trong sandbox)",
            path=path,
            row=line,
        ) from e
    except jinja2.UndefinedError as e:
        path, line = _template_location(e, name)
        raise TemplateError(
            _undefined_message(e.message or "", context), path=path, row=line
        ) from e
    except jinja2.TemplateError as e:
        path, line = _template_location(e, name)
        test = re.match(r"No test named '([^']+)'", e.message or "")
        if test:
            hint = vi.did_you_mean(test.group(1), env.tests, cutoff=0.6)
            message = f'không có phép thử "{test.group(1)}"{hint}'
            raise TemplateError(message, path=path, row=line) from e
        raise TemplateError(f"lỗi khi dựng mẫu: {e.message}", path=path, row=line) from e
    except (ValueError, TypeError, ArithmeticError) as e:
        path, line = _template_location(e, name)
        raise TemplateError(f"lỗi khi dựng mẫu: {e}", path=path, row=line) from e


def _undefined_message(message: str, context: Mapping[str, Any]) -> str:
    """ "biến "autor" không có; có phải: author?" from Jinja's English message."""
    variable = re.match(r"'([^']+)' is undefined", message)
    if variable:
        word = variable.group(1)
        return f'biến "{word}" không có{vi.did_you_mean(word, context, cutoff=0.6)}'
    attribute = re.match(r"'(.+?)(?: object)?' has no attribute '([^']+)'", message)
    if attribute:
        owner, word = attribute.groups()
        hint = vi.did_you_mean(word, template_attributes(), cutoff=0.6)
        return f'{owner.rsplit(".", 1)[-1]} không có thuộc tính "{word}"{hint}'
    return f"biến chưa được định nghĩa: {message}"


def template_attributes() -> set[str]:
    """Every attribute a template can read on the objects bantin gives it."""
    names: set[str] = set()
    for kind in _template_types():
        names.update(n for n in dir(kind) if not n.startswith("_"))
        names.update(_field_names(kind) or ())
    return names


@lru_cache(maxsize=1)
def _template_types() -> tuple[type, ...]:
    """bantin's own frozen records that templates read: plain data and properties."""
    from bantin import model, rank

    return (
        Section,
        RankGroup,
        rank.RankedUnit,
        rank.BandCount,
        rank.BandChange,
        rank.Comparison,
        rank.Streak,
        model.Evaluation,
        model.Publisher,
        model.ArticleSettings,
        model.Photo,
        model.Band,
    )


def _template_location(error: BaseException, name: str) -> tuple[str, int | None]:
    """The innermost template frame of a rendering error (Jinja rewrites tracebacks so)."""
    location: tuple[str, int | None] = (name, None)
    import traceback  # only on an error

    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(".j2"):
            location = (frame.filename, frame.lineno)
    return location


def _escape_tree(value: Any) -> Any:
    """Escape every data string for CommonMark, once, before any template sees it.

    An object with nothing to escape comes back as itself, so the common case (names
    without * _ [ ] < > & \\ or `) costs a walk and no copies.
    """
    if isinstance(value, str):
        return md_escape(value)
    kind: type = type(value)
    if kind in _ATOMS:
        return value
    if kind is tuple:
        items = tuple(_escape_tree(v) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if kind is dict:
        return {k: _escape_tree(v) for k, v in value.items()}
    if kind in _SETTINGS:
        return _escape_settings(value)  # the same for every article of a batch
    return _escape_record(value)


def _escape_record(value: Any) -> Any:
    """A dataclass record with its fields escaped; itself when nothing changes."""
    kind: type = type(value)
    names = _text_fields(kind)
    if names is None:
        return value
    changes = {}
    for name in names:
        old = getattr(value, name)
        new = _escape_tree(old)
        if new is not old:
            changes[name] = new
    if not changes:
        return value
    if isinstance(value, tuple):  # a named tuple
        return value._replace(**changes)  # type: ignore[attr-defined]
    return replace(value, **changes)


# Values a template may see that hold no text to escape.
_ATOMS = frozenset({int, bool, float, Decimal, type(None)})
_SETTINGS = frozenset({Evaluation, Publisher, ArticleSettings})


@cache
def _text_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a record (a dataclass or a named tuple) that may hold text, or None
    for any other type."""
    if issubclass(kind, Enum):
        return None
    return _field_names(kind)


def _field_names(kind: type) -> tuple[str, ...] | None:
    if is_dataclass(kind):
        return tuple(f.name for f in fields(kind) if f.init)
    if issubclass(kind, tuple) and hasattr(kind, "_fields"):
        return tuple(kind._fields)
    return None


def environment(templates: Path | None = None) -> jinja2.Environment:
    """The Jinja sandbox: the working folder's templates over the built-in ones."""
    paths = [str(templates)] if templates is not None and templates.is_dir() else []
    paths.append(str(BUILTIN_TEMPLATES))
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(paths, encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(FILTERS)
    return env


@lru_cache(maxsize=64, typed=True)  # records of two kinds may hold equal fields
def _escape_settings(value: Any) -> Any:
    return _escape_record(value)


def _count(context: Any, value: int) -> str:
    return vi.pad_count(value, _publisher(context).count_padding)


def _fraction(context: Any, value: int, total: int) -> str:
    return vi.fraction(value, total, _publisher(context).count_padding)


def _publisher(context: Any) -> Publisher:
    publisher = context["publisher"]
    assert isinstance(publisher, Publisher)
    return publisher


def _short(context: Any, name: str) -> str:
    """The unit's short form from data/units.toml ("Sở TT&TT"), or its name."""
    registry = context["registry"]
    assert isinstance(registry, Registry)
    # `name` comes from the escaped context; the registry holds names as written.
    return md_escape(registry.short(md_unescape(name)))


def _pick(options: Sequence[Any], year: int, *keys: Any) -> Any:
    """One of equivalent phrasings: fixed for the same year and keys, and never the same
    phrasing two years running (the year steps through the options from a keyed start)."""
    if not options:
        raise ValueError("pick cần ít nhất một lựa chọn")
    seed = hashlib.sha256("|".join(str(k) for k in keys).encode("utf-8")).digest()
    return options[(int.from_bytes(seed[:8], "big") + int(year)) % len(options)]


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def _year_span(streak: Streak) -> str:
    return f"{streak.first_year}-{streak.last_year}"


FILTERS: dict[str, Callable[..., Any]] = {
    "number": vi.format_number,
    "delta": vi.format_delta,
    "count": jinja2.pass_context(_count),
    "fraction": jinja2.pass_context(_fraction),
    "rank_word": vi.rank_word,
    "ordinal": vi.ordinal,
    "join_names": vi.join_list,
    "change": vi.change_phrase,
    "rank_change": vi.rank_change_phrase,
    "capfirst": _capfirst,
    "pick": _pick,
    "short": jinja2.pass_context(_short),
    "agency_noun": vi.agency_noun,
    "year_span": _year_span,
    "sort_vi": vi.sort_names,
}
