"""What templates see: the composition's facts as plain data, every data text escaped.

Templates render CommonMark, so a unit named "Phường *1*" must reach them as
"Phường \\*1\\*": every string from the data is escaped here, once, before any
template runs.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from bantin.article import md_escape
from bantin.compose.facts import BIG_RISE, Composition, headline
from bantin.model import Dataset


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
    chosen = headline(composition.sections)
    context["headline"] = context["sections"][chosen.index] if chosen is not None else None
    # The registry can hold thousands of names: it stays raw, and `short` escapes its answer.
    context["registry"] = dataset.registry
    return context


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
    return _escape_record(value)


def _escape_record(value: Any) -> Any:
    """A record with its fields escaped; itself when nothing changes (or not a record)."""
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


@cache
def _text_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a record (a dataclass or a named tuple) that may hold text, or None
    for any other type."""
    if issubclass(kind, Enum):
        return None
    return record_fields(kind)


def record_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a dataclass or a named tuple, or None for any other type."""
    if is_dataclass(kind):
        return tuple(f.name for f in fields(kind) if f.init)
    if issubclass(kind, tuple) and hasattr(kind, "_fields"):
        return tuple(kind._fields)
    return None
