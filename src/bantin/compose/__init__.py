"""Compose the article: the facts from the rankings, then the templates that word them.

Where each part lives:

- facts.py: what is true of the focus unit (sections, rank groups, the headline,
  photo numbers), worked out without Jinja;
- context.py: those facts as the plain, CommonMark-escaped data templates see;
- filters.py: the Vietnamese filters (number, pick, short...);
- sandbox.py: the Jinja environment (the sandbox), and Jinja's errors told in Vietnamese;
- article.py: compose_article, each template's paragraphs made blocks.

The names below are importable from here. The Jinja side is imported on first use,
so that `import bantin.compose.facts` (bantin check, for one) never loads jinja2.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from bantin.compose.context import template_context
from bantin.compose.facts import (
    BIG_RISE,
    Composition,
    RankGroup,
    Section,
    article_settings,
    build_composition,
    section_ids,
)
from bantin.rank import rank_all

if TYPE_CHECKING:
    from bantin.compose.article import compose_article, tidy
    from bantin.compose.filters import FILTERS
    from bantin.compose.sandbox import (
        BUILTIN_TEMPLATES,
        environment,
        render_template,
        template_attributes,
    )

# Name -> the module that defines it, imported when the name is first asked for.
_JINJA_SIDE = {
    "compose_article": "bantin.compose.article",
    "tidy": "bantin.compose.article",
    "BUILTIN_TEMPLATES": "bantin.compose.sandbox",
    "environment": "bantin.compose.sandbox",
    "render_template": "bantin.compose.sandbox",
    "template_attributes": "bantin.compose.sandbox",
    "FILTERS": "bantin.compose.filters",
}

__all__ = [
    "BIG_RISE",
    "BUILTIN_TEMPLATES",
    "FILTERS",
    "Composition",
    "RankGroup",
    "Section",
    "article_settings",
    "build_composition",
    "compose_article",
    "environment",
    "rank_all",
    "render_template",
    "section_ids",
    "template_attributes",
    "template_context",
    "tidy",
]


def __getattr__(name: str) -> Any:
    module = _JINJA_SIDE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
