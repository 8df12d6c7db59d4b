"""Atomic writes: temporary files beside their targets, synced, then renamed into place.

A reader of the output folder sees an old file or a complete new one, never part of
one. A render stages its files (`stage_file`): each temporary is written and synced where
it is made (in a batch's worker processes, side by side), and moved into place only when
the render commits (bantin.output.commit).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from bantin.errors import OutputError

# Every temporary's name ends so. Only a holder of the folder's lock (bantin.output.lock)
# removes them, so a name needs no owner in it, only a part that makes it unique.
TEMP_SUFFIX = ".bantin-tmp"

_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class WriteError(OutputError):
    """The output folder could not be written (disk full, a file open in Word...).

    Unlike a refused draft, which skips one article of a batch, it stops the whole run.
    """


def write_error(
    e: OSError, path: str | Path, folder: str | Path, replacing: bool = False, undone: bool = True
) -> WriteError:
    """The Vietnamese one-line error for an OSError met writing `path` in `folder`.

    `replacing`: the error came while putting a file in the place of an existing one
    (Windows refuses that for a file open in Word). `undone`: nothing in the folder
    changed; otherwise a later run puts the old files back (bantin.output.commit).
    """
    name = os.path.basename(path)
    code = e.errno
    if code in _DISK_FULL:
        where = folder
        what = f'ổ đĩa đã đầy, không ghi được "{name}"; giải phóng chỗ trống rồi chạy lại'
    elif code == errno.EFBIG:  # a file system's (FAT32) or a process's limit on a file's size
        where = folder
        what = f'tệp "{name}" vượt quá cỡ tệp ổ đĩa này nhận; chọn thư mục khác bằng --out'
    elif code == errno.ENOTDIR:
        where, what = folder, "chỗ cần là thư mục lại là một tệp; chọn thư mục khác bằng --out"
    elif code == errno.EROFS:
        where, what = folder, "ổ đĩa chỉ cho đọc; chọn thư mục khác bằng --out"
    elif isinstance(e, PermissionError) and replacing:
        where = path
        what = (
            "tệp đang mở trong Word (hoặc chương trình khác) nên không thay được; "
            "đóng tệp trong Word rồi chạy lại"
        )
    elif isinstance(e, PermissionError):
        where = path
        what = (
            "không được phép ghi tệp này; xin quyền ghi thư mục hoặc chọn thư mục khác bằng --out"
        )
    elif code == errno.EIO:
        where = path
        what = "lỗi đọc ghi của ổ đĩa; kiểm tra ổ đĩa (hoặc kết nối mạng) rồi chạy lại"
    else:
        reason = e.strerror or (os.strerror(code) if code else type(e).__name__)
        where, what = path, f"không ghi được tệp ({reason}); kiểm tra ổ đĩa rồi chạy lại"
    after = (
        "chưa tệp nào trong thư mục bị thay đổi"
        if undone
        else "lần chạy sau bantin sẽ trả lại các tệp cũ"
    )
    return WriteError(f"{what} ({after})", path=where)


class StagedFile(NamedTuple):
    """New content for a path, already written to a temporary beside it (not yet in place).

    Batch workers write their articles so, in parallel; the batch's own process then
    checks each target and moves the temporaries into place when it commits. A named
    tuple: it crosses the workers' pipe for every article, and pickles at half the cost
    of a dataclass.
    """

    temporary: str
    digest: str


def stage_file(path: Path, data: bytes) -> StagedFile:
    """Write and sync `data` to a new temporary beside `path`, to be moved into place later."""
    try:
        tmp = write_temporary(path, data)
    except OSError as e:
        raise write_error(e, path, path.parent) from e
    return StagedFile(tmp, sha256(data))


def discard_staged(outputs: Mapping[Any, bytes | StagedFile]) -> None:
    """Remove the temporaries of staged files that will not be used."""
    for value in outputs.values():
        if isinstance(value, StagedFile):
            unlink(value.temporary)


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes so that a reader sees the old file or the new one, never a partial one."""
    tmp = write_temporary(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        unlink(tmp)
        raise
    fsync_dir(path.parent)


def write_temporary(path: str | Path, data: bytes) -> str:
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
            os.makedirs(folder, exist_ok=True)
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


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_TEMP_FLAGS |= getattr(os, "O_CLOEXEC", 0)


def sha256(data: bytes) -> str:
    """The hex sha256 of `data`, as the manifest records it."""
    return hashlib.sha256(data).hexdigest()


def unlink(path: str | Path) -> None:
    """Remove a temporary if it is still there; one that cannot be removed is left for the
    next run (`remove_leftovers`), never allowed to hide the error being told."""
    with contextlib.suppress(OSError):
        os.unlink(path)


def fsync_dir(folder: str | Path) -> None:
    """Make the renames and new names in `folder` durable, where the OS can (not Windows)."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
