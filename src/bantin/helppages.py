"""Help pages kept between runs, so that `bantin --help` need not import click.

Importing click is most of `bantin --help` (about 70 of 90 ms on the project's machine,
three times a bare Python start), and a help page changes only when bantin, click or
Python does, or the terminal's width. The first time a page is shown, click writes it
(bantin.cli) and `keep` stores it with the inode, size and modification time of every
file of bantin and click that was loaded to write it. The console script shows a stored
page (`page_for`) only while each of those files is as it was, for the same Python and
the same width; anything else is a miss and click writes the page again. Only the plain
forms `bantin --help` and `bantin LỆNH --help` (or -h) are looked up.

Pages live in $XDG_CACHE_HOME/bantin/help, else ~/.cache/bantin/help. A folder that
cannot be written only means pages are not kept. This module imports nothing but os and
sys: it runs before anything else of bantin.
"""

from __future__ import annotations

import os
import sys

_MAGIC = "bantin help page 1"
_HELP_FLAGS = ("-h", "--help")
_COMMAND_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")
# The packages whose code writes a help page.
_SOURCES = ("bantin", "click")


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
    """The stored help page of `command` at `width`, if every file that wrote it is unchanged."""
    path = _page_path(command, width)
    if path is None:
        return None
    try:
        with open(path, "rb") as file:
            data = file.read().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    header, blank, page = data.partition("\n\n")
    lines = header.split("\n")
    if not blank or lines[:2] != [_MAGIC, sys.version] or len(lines) < 3:
        return None
    for line in lines[2:]:
        stamp, _, source = line.partition(" ")
        if stamp != _stamp(source):
            return None
    return page


def keep(command: str, width: int, page: str) -> None:
    """Store the help page `page` that click just wrote for `command` at `width`."""
    path = _page_path(command, width)
    if path is None:
        return
    sources = sorted(
        file
        for name, module in list(sys.modules.items())
        if name.partition(".")[0] in _SOURCES
        and isinstance(file := getattr(module, "__file__", None), str)
    )
    stamps = [f"{_stamp(source)} {source}" for source in sources]
    if not sources or any("\n" in line or line.startswith("- ") for line in stamps):
        return
    text = "\n".join([_MAGIC, sys.version, *stamps]) + "\n\n" + page
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as file:
            file.write(text.encode("utf-8"))
        os.replace(temporary, path)
    except OSError:
        import contextlib  # loaded with click already; not at start-up

        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _page_path(command: str, width: int) -> str | None:
    folder = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(folder):
        folder = os.path.join(os.path.expanduser("~"), ".cache")
        if not os.path.isabs(folder):
            return None
    return os.path.join(folder, "bantin", "help", f"{command or 'bantin'}-{width}.txt")


def _stamp(source: str) -> str:
    """Which version of a file this is: its inode, size and modification time."""
    try:
        status = os.stat(source)
    except (OSError, ValueError):
        return "-"
    return f"{status.st_ino}:{status.st_size}:{status.st_mtime_ns}"
