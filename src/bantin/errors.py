"""One exception base for every error a user can fix, shown as one Vietnamese line.

MkDocs' base exception subclasses click.ClickException so that its CLI needs no
catch-list; bantin's does not, and the CLI catches it in one place instead (clikit.Group):
the library and its output worker then never import click, which was a tenth of the
worker's path in a single render (the worker writes the files while the command
composes, and is the longer of the two).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path


class BantinError(Exception):
    """An error in the user's data, templates or settings (exit code 1)."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        row: int | None = None,
        column: int | str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.row = row
        self.column = column
        self.detail = message
        self.message = _locate(message, self.path, row, column)
        super().__init__(self.message)

    def format_message(self) -> str:
        """The message as shown after "Lỗi: ": `<file>:<row>:<column>: <what is wrong>`."""
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # Picklable with its location, so an error raised in a batch worker reaches the user.
        return (_rebuild, (type(self), self.detail, self.path, self.row, self.column))


class DataError(BantinError):
    """Bad input data: scores, settings or evaluation definitions."""


class TemplateError(BantinError):
    """A template that cannot be loaded or rendered."""


class OutputError(BantinError):
    """The output folder cannot be written."""


def _locate(message: str, path: str | None, row: int | None, column: int | str | None) -> str:
    parts = [p for p in (path, row, column) if p is not None]
    if not parts:
        return message
    return ":".join(str(p) for p in parts) + ": " + message


def _rebuild(
    kind: type[BantinError],
    message: str,
    path: str | None,
    row: int | None,
    column: int | str | None,
) -> BantinError:
    return kind(message, path=path, row=row, column=column)
