"""What templates see: the composition's facts as plain data, every data text escaped.

Templates render CommonMark, so a unit named "Phường *1*" must reach them as
"Phường \\*1\\*": every string from the data is escaped here, once, before any
template runs.

Templates come from other offices and may be hostile: they see plain data only (str,
int, Decimal, bool, None, and tuples, lists, dicts and records of those). A file path
reaches them as its text, an enum as its value, and any other object stops here, since
its methods could reach the system (a Path's read_text, write_text, unlink).
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from decimal import Decimal
from enum import Enum
from functools import cache, lru_cache
from pathlib import PurePath
from typing import Any

from bantin.article import md_escape
from bantin.compose.facts import Composition
from bantin.compose.news import BIG_RISE, headline
from bantin.model import Dataset, Evaluation


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
    if _names_are_plain(dataset):
        # Only an evaluation holds a non-plain value (its source file, its tie rule).
        sections = tuple(
            s._replace(evaluation=plain_evaluation(s.evaluation)) for s in composition.sections
        )
    else:
        sections = _escape_tree(composition.sections)
    context["sections"] = sections
    chosen = headline(composition.sections)
    context["headline"] = context["sections"][chosen.index] if chosen is not None else None
    # The registry can hold thousands of names: it stays raw (a record of plain names),
    # and `short` escapes its answer.
    context["registry"] = dataset.registry
    return context


@lru_cache(maxsize=256)
def plain_evaluation(evaluation: Evaluation) -> Evaluation:
    """The evaluation as templates see it: text escaped, its source file and tie rule as text.

    Every article of a batch shares its dataset's evaluations, so each is made plain once.
    """
    plain: Evaluation = _escape_record(evaluation)
    return plain


def _names_are_plain(dataset: Dataset) -> bool:
    """Whether no unit, band or evaluation text of the data changes when escaped.

    With thousands of units over many years, reading every name takes many times as long
    as composing an article, and a batch composes all its articles from one dataset: the
    answer for the last dataset asked about is kept.
    """
    global _last_plain
    last, plain = _last_plain
    if last is dataset:
        return plain
    texts = [row.unit for table in dataset.scores.values() for row in table.rows]
    for evaluation in dataset.evaluations.values():
        texts += [b.name for b in evaluation.bands]
        texts += [v for v in evaluation if isinstance(v, str)]  # every text field
    plain = all(md_escape(t) is t for t in texts)
    _last_plain = (dataset, plain)
    return plain


_last_plain: tuple[Dataset | None, bool] = (None, False)


def _escape_tree(value: Any) -> Any:
    """Escape every data string for CommonMark, once, before any template sees it.

    An object with nothing to escape comes back as itself, so the common case (names
    without * _ [ ] < > & \\ or `) costs a walk and no copies.
    """
    kind: type = type(value)
    if kind is str:
        return md_escape(value)
    if kind in _ATOMS:
        return value
    if kind is Evaluation:
        return plain_evaluation(value)
    if isinstance(value, str):  # an enum's value (TieRule.DENSE) as a plain "dense"
        return md_escape(str.__str__(value))
    if isinstance(value, PurePath):  # a file as its name, never an object that opens it
        return md_escape(str(value))
    if kind is tuple:
        items = tuple(_escape_tree(v) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if kind is list:
        return [_escape_tree(v) for v in value]
    if kind is dict:
        return {k: _escape_tree(v) for k, v in value.items()}
    return _escape_record(value)


def _escape_record(value: Any) -> Any:
    """A record with its fields escaped and made plain; itself when nothing changes.

    Anything that is not a record of plain data is refused: a new kind of value reaches
    templates only once it is made plain here.
    """
    kind: type = type(value)
    names = _text_fields(kind)
    if names is None:
        raise TypeError(f"{kind.__qualname__} is not plain data for templates")
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
_ATOMS = frozenset({int, bool, Decimal, type(None)})


@cache
def _text_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a record (a frozen dataclass or a named tuple) that may hold text, or
    None for any other type."""
    if issubclass(kind, Enum):
        return None
    return record_fields(kind)


def record_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a frozen dataclass or a named tuple, or None for any other type."""
    if is_dataclass(kind):
        if not kind.__dataclass_params__.frozen:  # type: ignore[attr-defined]
            return None
        return tuple(f.name for f in fields(kind) if f.init)
    if issubclass(kind, tuple) and hasattr(kind, "_fields"):
        return tuple(kind._fields)
    return None
