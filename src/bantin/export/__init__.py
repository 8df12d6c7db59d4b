"""Exporters: one module per format, all walking the same composed Article.

Only this package writes to the output folder, and it writes atomically.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from bantin.errors import OutputError

# Characters Windows refuses in file names, and names it reserves.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)}


def safe_filename(name: str) -> str:
    """A file name safe on Windows shares and inside one folder; Vietnamese letters kept."""
    cleaned = _UNSAFE.sub("-", unicodedata.normalize("NFC", name))
    cleaned = " ".join(cleaned.split()).strip(" .")
    if not cleaned or cleaned in (".", ".."):
        cleaned = "bantin"
    if cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = "_" + cleaned
    return cleaned[:150]


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes so that a reader sees the old file or the new one, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_outputs(outputs: dict[Path, bytes]) -> list[Path]:
    """Write every rendered file; each write atomic, all of them rendered beforehand."""
    written = []
    for path, data in outputs.items():
        try:
            write_atomic(path, data)
        except OSError as e:
            raise OutputError(f"không ghi được tệp: {e.strerror}", path=path) from e
        written.append(path)
    return written
