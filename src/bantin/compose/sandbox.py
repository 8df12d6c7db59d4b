"""The Jinja sandbox templates run in, and every Jinja error told in Vietnamese.

Templates are looked up in the working folder's templates/ first, then in bantin's
built-in ones; they run sandboxed (guard.py) with StrictUndefined, so a typo is an
error, never a silently empty phrase. Only compose's Jinja side (this module, guard.py,
filters.py and article.py) imports jinja2.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

from bantin import vi
from bantin.compose import guard
from bantin.compose.budget import MAX_OUTPUT, Overrun, budget, too_much_output
from bantin.compose.context import record_fields
from bantin.compose.facts import BandGroup, RankGroup, Section
from bantin.compose.filters import FILTERS
from bantin.errors import TemplateError
from bantin.resources import builtin_templates

BUILTIN_TEMPLATES = builtin_templates()


def environment(templates: Path | None = None) -> jinja2.Environment:
    """The Jinja sandbox: the working folder's templates over the built-in ones."""
    paths = [str(templates)] if templates is not None and templates.is_dir() else []
    paths.append(str(BUILTIN_TEMPLATES))
    env = guard.TemplateSandbox(
        loader=guard.ConfinedLoader(paths, encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        finalize=guard.finalize,
        extensions=[guard.LoopBudget],
    )
    # Jinja's own filters can be asked to build anything (center(10**9)); bantin's build
    # phrases from the data, and run unguarded.
    env.filters = {name: guard.guarded(name, f) for name, f in env.filters.items()}
    env.filters.update(FILTERS)
    env.filters[guard.LOOP_FILTER] = guard.each
    env.globals["range"] = guard.bounded_range
    env.globals["namespace"] = guard.BoundedNamespace
    del env.globals["lipsum"]  # paragraphs of any number and length, and no use to an article
    return env


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template, turning every Jinja error into a located Vietnamese TemplateError.

    It runs within the budget of the article being composed, or a budget of its own.
    """
    line: int | None
    try:
        with budget() as allowed:
            template = env.get_template(name)
            pieces = []
            total = 0
            for piece in template.generate(context):
                # The template's own text counts too (values are counted as they are output).
                total += len(piece)
                if allowed.output + total > MAX_OUTPUT:
                    raise TemplateError(too_much_output().detail, path=template.filename or name)
                pieces.append(piece)
            allowed.output += total
            return "".join(pieces)
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
            f"mẫu không được truy cập thuộc tính{what} (mẫu chạy trong sandbox: chỉ đọc được "
            "dữ liệu của bài)",
            path=path,
            row=line,
        ) from e
    except Overrun as e:
        path, line = _template_location(e, name)
        raise TemplateError(e.detail, path=path, row=line) from e
    except RecursionError as e:  # include or import of itself: no call the budget counts
        path, line = _template_location(e, name)
        raise TemplateError(
            "mẫu gọi lồng nhau quá nhiều tầng (include, import hoặc macro gọi lại chính nó?); "
            "sửa mẫu để lời gọi dừng lại",
            path=path,
            row=line,
        ) from e
    except MemoryError as e:  # whatever the limits above did not foresee
        path, line = _template_location(e, name)
        raise TemplateError(
            "mẫu dùng quá nhiều bộ nhớ (vòng lặp hoặc chuỗi quá lớn?); sửa mẫu", path=path, row=line
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
        names.update(record_fields(kind) or ())
    return names


@lru_cache(maxsize=1)
def _template_types() -> tuple[type, ...]:
    """bantin's own frozen records that templates read: plain data and properties."""
    from bantin import model, rank

    return (
        Section,
        RankGroup,
        BandGroup,
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
