"""The Vietnamese filters templates use: `{{ score | number }}`, `{{ options | pick(year, unit) }}`.

docs/templates.md describes each one; most are vi's helpers under a template's name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import jinja2

from bantin import vi
from bantin.article import md_escape, md_unescape
from bantin.model import Publisher, Registry
from bantin.rank import Streak


def _count(context: Any, value: int, total: int | None = None) -> str:
    return vi.pad_count(value, _publisher(context).count_padding, total)


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
    "join_all": vi.join_all,
    "change": vi.change_phrase,
    "rank_change": vi.rank_change_phrase,
    "capfirst": _capfirst,
    "pick": _pick,
    "short": jinja2.pass_context(_short),
    "agency_noun": vi.agency_noun,
    "verb_led": vi.verb_led,
    "abbreviates": vi.abbreviates,
    "index_name": vi.index_name,
    "year_span": _year_span,
    "sort_vi": vi.sort_names,
}
