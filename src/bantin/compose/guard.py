"""The closed sandbox templates run in: what they may read, call and build, and for how long.

Templates are passed between offices, so one may be hostile or simply wrong. Jinja's
SandboxedEnvironment already hides private attributes; on top of it, through its public
hooks only, a template here

- reads only the fields and properties of bantin's records, a few methods of str, dict,
  list and tuple, and Jinja's own loop, namespace, cycler, joiner and macro objects;
  nothing else of any object (str.format and format_map included);
- runs within the article's budget (bantin.compose.budget): every call, operator,
  loop step and output checks the deadline (nothing else repeats), calls nest at most
  MAX_DEPTH deep, and no text, list or number grows past what an article could need;
- loads only templates whose real path lies inside the template folders.
"""

from __future__ import annotations

import functools
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from dataclasses import fields, is_dataclass
from typing import Any

import jinja2
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace

from bantin import vi
from bantin.compose.budget import (
    MAX_INT_BITS,
    MAX_ITEMS,
    MAX_TEXT,
    Overrun,
    check_size,
    enter_call,
    not_counted,
    tick,
    too_big,
    too_long,
    too_many,
    wrote,
)
from bantin.errors import TemplateError
from bantin.paths import inside

# What a template may call on text, dicts and sequences: reading only. Nothing that
# pads, repeats or formats (center, zfill, format...), which could build text of any size.
_METHODS: dict[type, frozenset[str]] = {
    str: frozenset(
        {
            *("capitalize", "casefold", "count", "endswith", "find", "index", "isalnum"),
            *("isalpha", "isdecimal", "isdigit", "islower", "isnumeric", "isspace"),
            *("istitle", "isupper", "lower", "lstrip", "partition", "removeprefix"),
            *("removesuffix", "rfind", "rindex", "rpartition", "rsplit", "rstrip", "split"),
            *("splitlines", "startswith", "strip", "swapcase", "title", "upper"),
        }
    ),
    dict: frozenset({"get", "items", "keys", "values"}),
    list: frozenset({"count", "index"}),
    tuple: frozenset({"count", "index"}),
}

# Jinja's own objects, which a template makes or gets by itself: their public attributes
# (loop.index, ns.groups, m.rank...) are what templates are written with.
_JINJA_OBJECTS = (
    LoopContext,
    Namespace,
    Cycler,
    Joiner,
    Macro,
    TemplateReference,
    BlockReference,
    jinja2.environment.TemplateModule,
)


# What each type of object lets templates read (None: nothing, unless Jinja's own), worked
# out once per type: templates read attributes by the hundred thousand in a batch.
_UNKNOWN = frozenset({"?"})
_ALLOWED: dict[type, frozenset[str] | None] = {}


class TemplateSandbox(SandboxedEnvironment):
    """Jinja's sandbox closed further: plain data only, a budget, no format strings."""

    # Operators that can build text, lists or numbers of any size from small ones.
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Fields and properties of records, reading methods of plain values, Jinja's objects."""
        kind = type(obj)
        allowed = _ALLOWED.get(kind, _UNKNOWN)
        if allowed is _UNKNOWN:
            allowed = _ALLOWED[kind] = _METHODS.get(kind) or _readable(kind)
        if allowed is not None:  # no name in it starts with _ or reaches Python's internals
            return attr in allowed
        return isinstance(obj, _JINJA_OBJECTS) and super().is_safe_attribute(obj, attr, value)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """No str.format or format_map at all: is_safe_attribute refuses them."""
        return None

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """A call (function, method, macro, loop()), within the budget and the depth limit."""
        for value in (*args, *kwargs.values()):
            check_size(value)
        current = enter_call()
        try:
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            if current is not None:
                current.depth -= 1
        check_size(result)
        return result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """`*`, `**`, `%` and `+`, refused before they build something too big."""
        tick()
        _check_binop(operator, left, right)
        result = super().call_binop(context, operator, left, right)
        check_size(result)
        return result


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for times, value in ((left, right), (right, left)):
            if isinstance(times, int) and isinstance(value, (str, list, tuple)):
                if len(value) * times > (MAX_TEXT if isinstance(value, str) else MAX_ITEMS):
                    raise too_long() if isinstance(value, str) else too_many()
                _check_weight(value, times)
        ints = isinstance(left, int) and isinstance(right, int)
        if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise too_big()
    elif operator == "**":
        ints = isinstance(left, int) and isinstance(right, int)
        if ints and right > 0 and abs(left) > 1 and left.bit_length() * right > MAX_INT_BITS:
            raise too_big()
    elif operator == "%":
        if isinstance(left, str):
            check_printf(left)
            _check_weight(right)
    elif operator == "+":
        if isinstance(left, str) and isinstance(right, str):
            if len(left) + len(right) > MAX_TEXT:
                raise too_long()
        elif isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):  # noqa: SIM102
            if len(left) + len(right) > MAX_ITEMS:
                raise too_many()


_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_printf(text: str) -> None:
    """Refuse a %-format whose width or precision could make text of any size ("%099999d")."""
    for match in _PRINTF.finditer(text):
        for number in match.groups():
            if number is not None and (number == "*" or int(number) > 1000):
                raise too_long()


def _check_weight(value: Any, times: int = 1) -> None:
    """Refuse text that printing or joining `value` (repeated `times`) would make too long."""
    total = 0
    for text in _texts(value):
        total += len(text) * times
        if total > MAX_TEXT:
            raise too_long()


def _texts(value: Any) -> Iterator[str]:
    """The texts a value holds, as far down as lists, tuples and dicts go.

    An undefined value among them raises its error, as it does printed by itself (a list
    of attributes the sandbox refused prints no "[Undefined, ...]").
    """
    if isinstance(value, str):
        yield value
    elif isinstance(value, jinja2.Undefined):
        str(value)  # StrictUndefined: raises what is undefined or refused
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, (list, tuple)) and _readable(type(value)) is None:
        for item in value:
            yield from _texts(item)


def _readable(kind: type) -> frozenset[str] | None:
    """The fields and public properties of a record (frozen dataclass or named tuple), or
    None for any other type."""
    if is_dataclass(kind):
        names = {f.name for f in fields(kind)}
    elif issubclass(kind, tuple) and hasattr(kind, "_fields"):
        names = set(kind._fields)
    else:
        return None
    for klass in kind.__mro__:
        properties = (property, functools.cached_property)
        names |= {n for n, v in vars(klass).items() if isinstance(v, properties)}
    return frozenset(n for n in names if not n.startswith("_"))


class BoundedNamespace(Namespace):
    """Jinja's namespace(), refusing values too big (text doubled in a loop, say)."""

    def __setitem__(self, name: str, value: Any) -> None:
        tick()
        check_size(value)
        _check_weight(value)
        super().__setitem__(name, value)


MAX_RANGE = 100_000


def bounded_range(*args: int) -> range:
    """Jinja's range(), at most MAX_RANGE numbers (loops over it check the budget)."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise Overrun(f"range(...) quá {vi.format_number(MAX_RANGE)} số; sửa mẫu")
    return numbers


@jinja2.pass_context  # so that no output is finalized once, at compile time
def finalize(context: Any, value: Any) -> Any:
    """Every {{ value }} a template outputs (its text too, see LoopBudget): counted against
    the article's output."""
    kind = type(value)
    if kind is str:
        wrote(value)  # and checks the time
    elif kind in (list, tuple, dict):
        tick()
        _check_weight(value)
    return value


# Filters whose parameters say how much to build, checked before they run.
def _before_join(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    eval_ctx, value, *rest = args
    items = list(value) if not isinstance(value, (list, tuple)) else value
    check_size(items)
    sep = rest[0] if rest else kwargs.get("d", "")
    if isinstance(sep, str) and len(sep) * len(items) > MAX_TEXT:
        raise too_long()
    _check_weight(items)
    return (eval_ctx, items, *rest)


def _before_replace(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    _, text, old, new, *_ = (*args, None, None)
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return args
    if len(text) + (text.count(old) if old else len(text) + 1) * len(new) > MAX_TEXT:
        raise too_long()
    return args


def _before_indent(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    text, *rest = args
    width = rest[0] if rest else kwargs.get("width", 4)
    size = len(width) if isinstance(width, str) else width
    if not (isinstance(text, str) and isinstance(size, int)):
        return args
    if len(text) + (text.count("\n") + 1) * size > MAX_TEXT:
        raise too_long()
    return args


def _before_format(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    if args and isinstance(args[0], str):
        check_printf(args[0])
    _check_weight(args[1:])
    return args


_BEFORE: dict[str, Callable[[tuple[Any, ...], dict[str, Any]], tuple[Any, ...]]] = {
    "join": _before_join,
    "replace": _before_replace,
    "indent": _before_indent,
    "format": _before_format,
}


# What Jinja passes a filter marked pass_context, pass_eval_context or pass_environment.
_PASSED = (jinja2.runtime.Context, jinja2.nodes.EvalContext, jinja2.Environment)


def guarded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter run within the budget: parameters and result checked for size."""
    before = _BEFORE.get(name)

    @functools.wraps(function)  # keeps Jinja's pass_context marks
    def run(*args: Any, **kwargs: Any) -> Any:
        tick()
        passed = 1 if args and isinstance(args[0], _PASSED) else 0
        for value in args[passed:]:
            check_size(value)
        for value in (*args[passed + 1 :], *kwargs.values()):  # how much to build
            if isinstance(value, int) and value > MAX_ITEMS:
                raise too_big()
        if before is not None:
            args = before(args, kwargs)
        result = function(*args, **kwargs)
        check_size(result)
        return result

    return run


class Budgeted:
    """A loop's items, checking the budget at every step; its length, when it has one."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items

    def __iter__(self) -> Iterator[Any]:
        for item in self.items:
            tick()
            yield item

    def __len__(self) -> int:
        return len(self.items)  # type: ignore[arg-type]  # TypeError tells Jinja it has none


LOOP_FILTER = "bantin_loop"


def each(items: Any) -> Any:
    """The filter every {% for %} runs its items through (LoopBudget adds it)."""
    tick()
    if isinstance(items, jinja2.Undefined):
        return items  # iterating it says what is undefined
    return Budgeted(items)


class LoopBudget(Extension):
    """Rewrites `{% for x in items %}` to `{% for x in (items) | bantin_loop %}`, and text
    to `{{ "text" }}`.

    A loop over data, a list or a string runs without any other hook of the sandbox;
    this way every one of its steps checks the budget (two nested loops over
    range(100000) are ten billion steps), and all it writes is counted.
    """

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        """The template's tokens, every for-loop's items wrapped."""
        state = "text"
        depth = 0
        for token in stream:
            if token.type == "data":
                # Text written in the template becomes an output expression, so that it is
                # counted like any other: a loop in a macro repeating it adds it to a list
                # that no hook sees until Jinja joins it, all at once.
                yield Token(token.lineno, "variable_begin", "{{")
                yield Token(token.lineno, "string", token.value)
                yield Token(token.lineno, "variable_end", "}}")
                continue
            if state == "items":
                if token.type in ("lparen", "lbracket", "lbrace"):
                    depth += 1
                elif token.type in ("rparen", "rbracket", "rbrace"):
                    depth -= 1
                elif depth == 0 and (
                    token.type == "block_end" or token.test_any("name:if", "name:recursive")
                ):
                    yield Token(token.lineno, "rparen", ")")
                    yield Token(token.lineno, "pipe", "|")
                    yield Token(token.lineno, "name", LOOP_FILTER)
                    state = "text"
            yield token
            if state == "text" and token.type == "block_begin":
                state = "tag"
            elif state == "tag":
                state = "target" if token.test("name:for") else "text"
            elif state == "target" and token.test("name:in"):
                yield Token(token.lineno, "lparen", "(")
                state, depth = "items", 0


class ConfinedLoader(jinja2.FileSystemLoader):
    """Templates from the template folders only: a symbolic link out of them is refused."""

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,  # Jinja's name
    ) -> jinja2.Template:
        """The template compiled; the time that takes is not the article's (a slow PC's
        first article compiles every template)."""
        started = time.monotonic()
        template = super().load(environment, name, globals)
        not_counted(time.monotonic() - started)  # a template not found is the article's time
        return template

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """The template's text, once its real path is known to lie inside a template folder."""
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.normcase(os.path.realpath(filename))
        roots = [os.path.normcase(os.path.realpath(p)) for p in self.searchpath]
        if not any(inside(real, root) for root in roots):
            raise TemplateError(
                f'mẫu "{template}" là liên kết tới tệp ngoài thư mục mẫu ({real}); chép tệp '
                "mẫu vào thư mục templates/ thay cho liên kết",
                path=filename,
            )
        return source, filename, uptodate
