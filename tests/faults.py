"""Fault injection for the durability tests: the Nth call to the OS fails, or kills the run.

Only the calls that create, write, sync, rename or remove are counted and failed; reading
is left alone. While armed, every such call of the process goes through here: bantin's
output code calls them as `os.<name>` when it runs, so patching the `os` module reaches it.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WRAPPED = (
    "open",
    "write",
    "fsync",
    "close",
    "replace",
    "rename",
    "link",
    "unlink",
    "mkdir",
    "rmdir",
)


class Crash(BaseException):
    """The run was killed here: no cleanup of bantin's may touch the disk any more."""


@dataclass
class Fault:
    """What happens at the armed call: an OSError once (`transient`), an OSError at that
    call and every one after (a disk that stays full), or the process killed (`crash`)."""

    at: int
    kind: str  # "transient", "persistent" or "crash"
    code: int = errno.EIO
    only: tuple[str, ...] = ()  # count only calls to these (default: all of WRAPPED)

    def __str__(self) -> str:
        what = self.kind if self.kind == "crash" else f"{self.kind} {errno.errorcode[self.code]}"
        return f"{what} at call {self.at}" + (f" of {'/'.join(self.only)}" if self.only else "")


@dataclass
class Injector:
    """Counts (and fails) the calls made while armed; `calls` names each call counted."""

    fault: Fault | None = None
    calls: list[str] = field(default_factory=list)
    fired: str | None = None  # the call that failed or crashed
    dead: bool = False
    fds: set[int] = field(default_factory=set)

    @contextlib.contextmanager
    def armed(self) -> Iterator[Injector]:
        """Route the OS calls through the injector meanwhile; after a crash, close what the
        killed run held open, as the OS does when a process ends."""
        real = {name: getattr(os, name) for name in WRAPPED}
        for name in WRAPPED:
            setattr(os, name, self._wrap(name, real[name]))
        try:
            yield self
        finally:
            for name, function in real.items():
                setattr(os, name, function)
            for fd in self.fds:
                with contextlib.suppress(OSError):
                    os.close(fd)
            self.fds.clear()

    def _wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            if self.dead:
                raise Crash
            fault = self.fault
            counted = fault is None or not fault.only or name in fault.only
            if counted:
                self.calls.append(f"{name} {_describe(args)}")
            n = len(self.calls)
            if (
                fault is not None
                and counted
                and (n == fault.at or (fault.kind == "persistent" and n > fault.at))
            ):
                self.fired = self.fired or self.calls[-1]
                if fault.kind == "crash":
                    self.dead = True
                    raise Crash
                if name == "close":  # close(2) lets go of the descriptor even when it fails
                    real(*args, **kwargs)
                    self.fds.discard(args[0])
                raise OSError(fault.code, os.strerror(fault.code))
            result = real(*args, **kwargs)
            if name == "open":
                self.fds.add(result)
            elif name == "close":
                self.fds.discard(args[0])
            return result

        return call


def _describe(args: tuple[Any, ...]) -> str:
    return " ".join(
        os.path.basename(a) if isinstance(a, str | Path) else type(a).__name__ for a in args
    )


def state(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (but the lock file) and its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".bantin-lock"
    }


def visible(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files a person sees: not bantin's hidden temporaries and old versions."""
    return {k: v for k, v in files.items() if not Path(k).name.startswith(".")}
