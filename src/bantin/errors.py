"""One exception base for every error a user can fix, shown as one Vietnamese line."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from pathlib import Path


class BantinError(click.ClickException):
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
        super().__init__(_locate(message, self.path, row, column))

    def __reduce__(self) -> tuple[Any, ...]:
        # Picklable with its location, so an error raised in a batch worker reaches the user.
        return (_rebuild, (type(self), self.detail, self.path, self.row, self.column))

    def show(self, file: IO[Any] | None = None) -> None:
        """Print `Lỗi: <file>:<row>:<column>: <message>` to stderr."""
        click.echo(f"Lỗi: {self.format_message()}", err=True, file=file)


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
