"""Suggestions for a unit name that matches none: the closest names, or those its
initials spell ("SNV": Sở Nội vụ). Used where a name typed by a person is not found."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bantin.model import Registry
from bantin.vi import match_key, sort_names


def unit_suggestion(wanted: str, names: Iterable[str], registry: Registry | None = None) -> str:
    """ "; có phải: A, B?" with the units whose name (or short name, or alias) is close to
    `wanted`, or whose initials an abbreviation spells ("SNV": Sở Nội vụ), or nothing."""
    names = sort_names(list(dict.fromkeys(names)))
    spelt: dict[str, str] = {name: name for name in names}
    if registry is not None:
        known = set(names)
        for unit in registry.units:
            if unit.name in known:
                for other in (unit.short, *unit.aliases):
                    if other:
                        spelt.setdefault(other, unit.name)
    close = [spelt[s] for s in _close(wanted, list(spelt))]
    abbreviation = _initials(wanted) if _abbreviated(wanted) else None
    if abbreviation is not None:
        close += [n for n in names if _initials(n) == abbreviation]
    found = list(dict.fromkeys(close))[:3]
    return "; có phải: " + ", ".join(found) + "?" if found else ""


def _close(wanted: str, spellings: list[str]) -> list[str]:
    import difflib

    by_key = {match_key(s): s for s in spellings}
    return [by_key[k] for k in difflib.get_close_matches(match_key(wanted), by_key, 3, 0.8)]


def _abbreviated(text: str) -> bool:
    """Whether a name holds an abbreviation: a word of two or more capitals ("TT&TT")."""
    return any(len(w) > 1 and w.isupper() for w in re.split(r"[\s&/.-]+", text))


def _initials(text: str) -> str:
    """The letters an abbreviation keeps: each word's first, all of a word in capitals
    ("Sở TT&TT" and "Sở Thông tin và Truyền thông" both give "STTTT"); "và" is dropped."""
    letters = []
    for word in re.split(r"[\s&/.,()-]+", text):
        if not word or match_key(word) == "va":
            continue
        letters.append(word if len(word) > 1 and word.isupper() else word[0])
    return match_key("".join(letters)).upper()
