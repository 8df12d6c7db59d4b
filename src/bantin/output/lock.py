"""The output folder's lock: while one bantin writes into a folder, no other does.

A run holds an exclusive lock of the OS on `<folder>/.bantin-lock` while it writes
there. The OS lets go of the lock when the process holding it ends, however it ends,
so the holder knows that no other bantin is writing in the folder and that every
temporary there is a killed run's leftover (`bantin.output.prepare_folder` removes
them). Nobody has to ask the OS whether the process that made a temporary still runs,
a question with no portable answer (Windows has no signal that only probes).

The lock file stays in the folder once made: removing a lock file that another run may
have open, waiting for it, is the classic race (that run would then hold a lock on a file
nobody else sees, while a third locks a new one). Only a run that made the folder, and
wrote nothing in it in the end, removes it with its lock file; a run waiting on that file
notices it was removed and locks the new one (`_still_named`).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from bantin.errors import OutputError
from bantin.output.atomic import write_error

LOCK_NAME = ".bantin-lock"

# How long a write waits for another run to be done with the folder, in seconds: long
# enough for a single render or a batch's last slice, short enough that a person
# starting a second batch is told to come back instead of being left staring.
LOCK_WAIT = 10.0
_POLL = 0.05
# Windows refuses to open a file that another run is removing; elsewhere a refusal
# means the folder cannot be written, which should be told soon.
_DENIED_WAIT = 0.5

_BUSY = "thư mục kết quả đang được một lượt bantin khác ghi; đợi lượt đó xong rồi chạy lại"
_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)


class _Hold(NamedTuple):
    thread: int
    fd: int
    made: tuple[Path, ...]  # folders made for the lock file, removed again if left empty


# The folders whose lock this process holds, by real path. Taking one again in the same
# thread (a batch's writes, inside the batch's lock) must not wait for itself, as the OS
# would have it: a second open file of the same lock is another holder.
_HELD: dict[str, _Hold] = {}


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold `folder`'s lock (made if need be): meanwhile no other bantin writes there."""
    key = os.path.realpath(folder)
    held = _HELD.get(key)
    if held is not None and held.thread == threading.get_ident():
        yield  # taken further out, and let go there
        return
    fd, made = _acquire(folder)
    _HELD[key] = _Hold(threading.get_ident(), fd, made)
    try:
        yield
    finally:
        del _HELD[key]
        _release(folder, fd, made)


def _acquire(folder: Path) -> tuple[int, tuple[Path, ...]]:
    """The lock file, open and locked; waits up to LOCK_WAIT for another holder to let go."""
    path = os.path.join(folder, LOCK_NAME)
    made: tuple[Path, ...] = ()
    start = time.monotonic()
    while True:
        try:
            fd = os.open(path, _FLAGS, 0o666)
        except FileNotFoundError as e:  # a new folder, or an empty one a run just removed
            if time.monotonic() - start >= LOCK_WAIT:
                raise write_error(e, path, folder) from e
            made += _make_folders(folder)
            continue
        except PermissionError as e:  # see _DENIED_WAIT
            if time.monotonic() - start >= _DENIED_WAIT:
                raise write_error(e, path, folder) from e
        except OSError as e:
            raise write_error(e, path, folder) from e
        else:
            try:
                taken = _lock_file(fd, take=True)
            except OSError as e:  # a file system that has no locks
                os.close(fd)
                raise OutputError(f"không khoá được thư mục: {e.strerror}", path=folder) from e
            if taken:
                if _still_named(fd, path):
                    return fd, made
                os.close(fd)  # a file its holder removed on letting go: lock the new one
                continue
            os.close(fd)
            if time.monotonic() - start >= LOCK_WAIT:
                raise OutputError(_BUSY, path=folder)
        time.sleep(_POLL)


def _release(folder: Path, fd: int, made: tuple[Path, ...]) -> None:
    """Let go of the lock; remove the folders made for it, with the lock file, if still empty."""
    path = os.path.join(folder, LOCK_NAME)
    empty = bool(made) and _only_the_lock(folder)
    removed = not empty
    if empty:
        try:
            os.unlink(path)  # while still held: whoever opens the name after this makes a new file
            removed = True
        except OSError:  # Windows removes no file that is open, this one included
            pass
    with contextlib.suppress(OSError):  # closing lets go as well
        _lock_file(fd, take=False)
    with contextlib.suppress(OSError):  # the descriptor is let go even when close fails
        os.close(fd)
    if not removed:
        with contextlib.suppress(OSError):  # refused while a waiting run has it open
            os.unlink(path)
    if empty:
        for made_folder in reversed(made):
            try:
                os.rmdir(made_folder)  # only if empty: nothing was written in the end
            except OSError:
                break


def _only_the_lock(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return all(e.name == LOCK_NAME for e in entries)
    except OSError:
        return False


def _lock_file(fd: int, take: bool) -> bool:
    """Take (without waiting) or give back the OS's exclusive lock on an open file; whether done.

    The one place where bantin differs by OS. Either lock also ends when the file is
    closed, or its process ends.
    """
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)  # locking() locks bytes from the current position
            msvcrt.locking(fd, msvcrt.LK_NBLCK if take else msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB if take else fcntl.LOCK_UN)
    except (BlockingIOError, PermissionError):  # held by another (EWOULDBLOCK, EACCES)
        return False
    return True


def _still_named(fd: int, path: str) -> bool:
    """Whether the locked file is still the one at `path`, not one removed by its last holder."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _make_folders(folder: Path) -> tuple[Path, ...]:
    """Make `folder` and its missing parents; the folders made, outermost first."""
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, FileNotFoundError):
        pass  # another run made or removed one of them meanwhile: the caller tries again
    except OSError as e:
        raise write_error(e, folder, folder.parent) from e
    return tuple(reversed(missing))
