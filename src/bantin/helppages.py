"""Help pages kept between runs, so that `bantin --help` need not import click.

Importing click is most of `bantin --help` (about 70 of 90 ms on the project's machine,
three times a bare Python start), and a help page changes only when bantin, click or
Python does, or the terminal's width. The first time a page is shown, click writes it
(bantin.cli) and `keep` stores it through bantin.kept, which gives it back (`page_for`)
only while bantin and click are the same files in the same folders. Only the plain forms
`bantin --help` and `bantin LỆNH --help` (or -h) are looked up, each width on its own.
This module imports nothing but os, sys and bantin.kept: it runs before anything else.
"""

from __future__ import annotations

import os
import sys

from bantin import kept

_HELP_FLAGS = ("-h", "--help")
_COMMAND_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")


def help_width() -> int:
    """The width click gives help text, found without importing shutil (a tenth of
    `bantin --help` when click writes it): COLUMNS, else the terminal's, else 80 columns
    (shutil's get_terminal_size), then click's rule: 80 at most, less two, 50 at least."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return max(min(columns, 80) - 2, 50)


def requested_command(args: list[str]) -> str | None:
    """The command whose help `args` plainly ask for ("" for bantin's own), else None."""
    if not 1 <= len(args) <= 2 or args[-1] not in _HELP_FLAGS:
        return None
    if len(args) == 1:
        return ""
    command = args[0]
    if not command or command[0] == "-" or not set(command) <= _COMMAND_LETTERS:
        return None
    return command


def page_for(command: str, width: int) -> str | None:
    """The kept help page of `command` at `width`, if bantin and click are as they were."""
    return kept.lookup(_name(command, width))


def keep(command: str, width: int, page: str) -> None:
    """Keep the help page `page` that click just wrote for `command` at `width`."""
    kept.keep(_name(command, width), page, ("bantin", "click"))


def _name(command: str, width: int) -> str:
    return f"help/{command or 'bantin'}-{width}.txt"
