"""A file to read: its bytes, and the path every message about it names.

The CLI reads its files from disk; the desk has them as bytes a browser sent, and
validates them before anything is written. Both go through the same readers, which take
a Source: a path on disk is read into one first (`source_of`), so there is one code path,
and an error names the file as its user knows it ("data/2019/cchc.xlsx", "bài.docx"),
never a temporary.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Source:
    """A file's content, and the path its messages name (never opened)."""

    data: bytes
    shown: Path

    @classmethod
    def read(cls, path: Path) -> Source:
        """The file at `path`, read whole; OSError as open() raises it."""
        return cls(path.read_bytes(), path)


def source_of(file: Path | Source) -> Source:
    """A Source as given, or the file at a path read into one (OSError as open() raises it)."""
    return file if isinstance(file, Source) else Source.read(file)
