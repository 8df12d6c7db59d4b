"""What one article's templates may spend: time, call depth, text; the same on every OS.

Templates come from other offices and may loop forever, recurse or build huge strings.
No signal or thread stops them (signal.alarm does not exist on Windows): the sandbox
checks the budget at every call, attribute, operator, loop step and output instead,
and raises Overrun, which compose reports naming the template.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from bantin import vi

# An article is a few thousand characters; no value or output of a template comes near.
MAX_TEXT = 100_000
MAX_ITEMS = 100_000
MAX_OUTPUT = 1_000_000
# Macro, caller() and loop() calls nested at once. Each costs a dozen Python frames, so
# this stays well inside Python's own limit (1,000 frames) wherever bantin is called from.
MAX_DEPTH = 40
# Digits of an integer a template may compute (2 ** 10000 has 3,011).
MAX_INT_BITS = 10_000
DEFAULT_SECONDS = 5


class Overrun(Exception):
    """A template went past its budget; `detail` says which, in Vietnamese."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass
class Budget:
    """The running article's allowance: a deadline, the calls open, the text written."""

    seconds: int
    deadline: float  # on the wall clock: cheap to read, checked at every step
    cpu_start: float = 0.0  # what counts in the end is this process's CPU time
    depth: int = 0
    output: int = 0
    grace: float = 0.0  # time compiling templates may still add to the deadline
    excluded: float = 0.0  # time compiling templates added so far


# Per thread and task, so that articles composed side by side keep their own budgets.
_CURRENT: ContextVar[Budget | None] = ContextVar("bantin_template_budget", default=None)


@contextmanager
def budget(seconds: int = DEFAULT_SECONDS) -> Iterator[Budget]:
    """Run the templates inside with `seconds` to finish; an enclosing budget is kept."""
    current = _CURRENT.get()
    if current is not None:
        yield current
        return
    started = Budget(
        seconds=seconds,
        deadline=time.monotonic() + seconds,
        cpu_start=time.process_time(),
        grace=seconds,
    )
    token = _CURRENT.set(started)
    try:
        yield started
    finally:
        _CURRENT.reset(token)


def not_counted(seconds: float) -> None:
    """Give the running article back time it spent compiling a template.

    At most the budget once more: a template that makes bantin compile templates without
    end (include of ever other names) still stops.
    """
    current = _CURRENT.get()
    if current is not None:
        given = min(seconds, current.grace)
        current.grace -= given
        current.deadline += given
        current.excluded += given


def tick() -> None:
    """Stop the template when the article's time is up."""
    current = _CURRENT.get()
    if current is not None and time.monotonic() > current.deadline:
        _time_is_up(current)


def _time_is_up(current: Budget) -> None:
    """Past the deadline on the wall clock: stop, if the CPU time spent says so too.

    A PC busy with other work (another program, an antivirus scan, five people on two
    cores) stretches the wall clock, not the work the template did: the deadline moves
    by what the CPU time leaves. The CPU time is read only here, as reading it costs a
    system call where the wall clock costs none.
    """
    used = time.process_time() - current.cpu_start - current.excluded
    if used < current.seconds:
        current.deadline = time.monotonic() + current.seconds - used
        return
    raise Overrun(
        f"mẫu chạy quá {current.seconds} giây (template_seconds trong publisher.toml): "
        "có vòng lặp quá lớn hoặc không dừng; sửa mẫu, hoặc tăng template_seconds nếu "
        "mẫu đúng"
    )


def enter_call() -> Budget | None:
    """One more call open (a macro, caller(), loop()...), once the time and depth allow it.

    Too many calls open at once is a runaway recursion. The caller closes the call with
    `budget.depth -= 1` on the budget returned (None outside any budget).
    """
    current = _CURRENT.get()
    if current is None:
        return None
    if time.monotonic() > current.deadline:
        tick()
    if current.depth >= MAX_DEPTH:
        raise Overrun(
            f"mẫu gọi lồng nhau quá {MAX_DEPTH} tầng (macro, caller() hoặc loop() gọi lại chính "
            "nó không có điểm dừng?); sửa mẫu để lời gọi dừng lại"
        )
    current.depth += 1
    return current


def wrote(text: str) -> None:
    """Count text the article's templates output, and check the time; past MAX_OUTPUT or
    the deadline the template stops."""
    current = _CURRENT.get()
    if current is None:
        return
    current.output += len(text)
    if time.monotonic() > current.deadline:
        tick()
    if current.output > MAX_OUTPUT:
        raise too_much_output()


def too_much_output() -> Overrun:
    """The error for an article longer than any article is."""
    return Overrun(
        f"mẫu viết ra quá {vi.format_number(MAX_OUTPUT)} ký tự cho một bài; sửa mẫu "
        "(vòng lặp quá lớn?)"
    )


def check_size(value: object) -> None:
    """Refuse a text, list or number too big for any article (before or after it is made)."""
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise too_long()
    elif isinstance(value, (list, tuple, dict, set, frozenset)):
        if len(value) > MAX_ITEMS:
            raise too_many()
    elif isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise too_big()


def too_long() -> Overrun:
    """The error for a text longer than any article needs."""
    return Overrun(f"mẫu tạo chuỗi dài quá {vi.format_number(MAX_TEXT)} ký tự; sửa mẫu")


def too_many() -> Overrun:
    """The error for a list longer than any article needs."""
    return Overrun(f"mẫu tạo danh sách quá {vi.format_number(MAX_ITEMS)} phần tử; sửa mẫu")


def too_big() -> Overrun:
    """The error for a number bigger than any article needs."""
    return Overrun("mẫu tính ra số quá lớn; sửa mẫu")
