"""The `bantin` console script.

A single render's slowest path is its second process (bantin.worker): importing
python-docx and loading the reference document, then writing the files. That process
is forked here, before the command line is parsed and before click is imported, so
that its imports overlap with this process's; the command later tells it which
reference document to load. Anything but `render` without --all gets no such child.

`bantin --help` and `bantin LỆNH --help` are answered from the pages kept by
bantin.helppages when they are still current, without importing click at all.
"""

from __future__ import annotations

import gc
import os
import sys

from bantin import helppages

# typing is not imported at run time: `bantin --help` answered from a kept page imports
# nothing that a bare Python start does not.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point of the `bantin` console script."""
    # A command's objects live until it ends, so the cycle collector's passes over them
    # (the imports of Jinja, Babel and python-docx above all) are wasted: about a tenth
    # of a render. `render --all`, which runs long, turns it back on.
    gc.disable()
    args = sys.argv[1:] if argv is None else argv
    command = helppages.requested_command(args)
    if command is not None and _writes_utf8(sys.stdout):
        page = helppages.page_for(command, helppages.help_width())
        if page is not None:
            sys.stdout.write(page)
            leave(0)
    worker = None
    if args[:1] == ["render"] and not {"--all", "--help", "-h"} & set(args):
        from bantin.worker import OutputWorker

        worker = OutputWorker.start()
    from bantin import cli

    cli.main(argv, worker)


def leave(code: Any) -> NoReturn:
    """End the process without tearing the interpreter down.

    Every file bantin writes is closed and synced by now, and nothing is registered to
    run at exit; dismantling the modules of Jinja, Babel and click one by one is about a
    tenth of a render for nothing. Only the standard streams still hold output.
    """
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # sys.exit("message"), as Python would print it
        code = 1
    status = code or 0
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (bantin rank | head): nothing to keep
            status = status or 1
    os._exit(status)


def _writes_utf8(stream: Any) -> bool:
    """Whether a page can go to `stream` as it is: click would re-encode for anything else."""
    encoding = getattr(stream, "encoding", None) or ""
    return encoding.lower().replace("-", "").replace("_", "") == "utf8"
