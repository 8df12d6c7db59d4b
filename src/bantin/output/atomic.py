"""Atomic writes: temporary files beside their targets, synced, then renamed into place.

A reader of the output folder sees an old file or a complete new one, never part of
one. A batch stages its files (`Staging`): each temporary is written and synced where
it is made (in the batch's worker processes, side by side), and moved into place when
the batch commits a slice.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from bantin.errors import OutputError

# Every temporary's name ends so. Only a holder of the folder's lock (bantin.output.lock)
# removes them, so a name needs no owner in it, only a part that makes it unique.
TEMP_SUFFIX = ".bantin-tmp"


class StagedFile(NamedTuple):
    """New content for a path, already written to a temporary beside it (not yet in place).

    Batch workers write their articles so, in parallel; the batch's own process then
    checks each target and moves the temporaries into place with its `Staging`. A named
    tuple: it crosses the workers' pipe for every article, and pickles at half the cost
    of a dataclass.
    """

    temporary: str
    digest: str


def stage_file(path: Path, data: bytes) -> StagedFile:
    """Write and sync `data` to a new temporary beside `path`, to be moved into place later."""
    try:
        tmp = _write_temporary(path, data)
    except OSError as e:
        raise OutputError(f"không ghi được tệp: {e.strerror}", path=path) from e
    return StagedFile(tmp, sha256(data))


def discard_staged(outputs: Mapping[Any, bytes | StagedFile]) -> None:
    """Remove the temporaries of staged files that will not be used."""
    for value in outputs.values():
        if isinstance(value, StagedFile):
            unlink(value.temporary)


class Staging:
    """Files of a batch written to temporaries and moved into place together.

    `commit` syncs once (the whole file system where the platform can, each file
    otherwise), then renames every temporary over its target: a reader sees old
    files or complete new ones, as with single writes. What is not committed is
    removed by `discard`, or, after a crash, by the next run's `prepare_folder`.
    """

    def __init__(self) -> None:
        self._pending: dict[Path, tuple[str, str]] = {}

    def __contains__(self, path: Path) -> bool:
        return path in self._pending

    def __len__(self) -> int:
        return len(self._pending)

    def add(self, path: Path, data: bytes | StagedFile) -> str:
        """Stage new content for `path` (replacing what was staged before); its sha256.

        Bytes are written to a temporary here; a StagedFile's temporary is taken over.
        """
        digest = data.digest if isinstance(data, StagedFile) else sha256(data)
        earlier = self._pending.get(path)
        if earlier is not None:
            if earlier[1] == digest:  # a photo every article links to: written once
                if isinstance(data, StagedFile):
                    unlink(data.temporary)
                return digest
            unlink(earlier[0])
        staged = data if isinstance(data, StagedFile) else stage_file(path, data)
        self._pending[path] = (staged.temporary, digest)
        return digest

    def commit(self) -> None:
        """Move every staged file (each already synced) into place."""
        if not self._pending:
            return
        folders = {path.parent for path in self._pending}
        try:
            for path, (tmp, _digest) in list(self._pending.items()):
                os.replace(tmp, path)
                del self._pending[path]
        except OSError as e:
            raise OutputError(f"không ghi được tệp: {e.strerror}", path=e.filename) from e
        for folder in folders:
            _fsync_dir(folder)

    def discard(self) -> None:
        """Remove the temporaries not committed."""
        for tmp, _digest in self._pending.values():
            unlink(tmp)
        self._pending.clear()


def write_file(path: Path, data: bytes) -> None:
    """`write_atomic`, its failure told as an OutputError in Vietnamese."""
    try:
        write_atomic(path, data)
    except OSError as e:
        raise OutputError(f"không ghi được tệp: {e.strerror}", path=path) from e


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes so that a reader sees the old file or the new one, never a partial one."""
    tmp = _write_temporary(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _write_temporary(path: Path, data: bytes) -> str:
    """A new temporary file beside `path` holding `data`, synced; removed if writing fails.

    Named ".<name>.<random>.bantin-tmp": unique without asking anyone (batch workers
    write side by side, each a process of its own, so no counter);
    it gets the mode any new file gets here (0o666 less the umask), as the file it
    replaces would have.
    """
    folder, name = os.path.split(path)
    prefix = os.path.join(folder, f".{name}.")
    made_folder = False
    while True:
        tmp = f"{prefix}{os.urandom(5).hex()}{TEMP_SUFFIX}"
        try:
            fd = os.open(tmp, _TEMP_FLAGS, 0o666)
            break
        except FileExistsError:  # drawn twice: draw again
            continue
        except FileNotFoundError:  # the first file of a new folder
            if made_folder:
                raise
            path.parent.mkdir(parents=True, exist_ok=True)
            made_folder = True
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        unlink(tmp)
        raise
    return tmp


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def sha256(data: bytes) -> str:
    """The hex sha256 of `data`, as the manifest records it."""
    return hashlib.sha256(data).hexdigest()


def unlink(path: str | Path) -> None:
    """Remove a file if it is still there."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
