"""The `bantin` console script.

A single render's slowest path is its second process (bantin.worker): importing
python-docx and loading the reference document, then writing the files. That process
is forked here, before the command line is parsed and before click is imported, so
that its imports overlap with this process's; the command later tells it which
reference document to load. Anything but `render` without --all gets no such child.
"""

from __future__ import annotations

import gc
import sys
from typing import NoReturn


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point of the `bantin` console script."""
    # A command's objects live until it ends, so the cycle collector's passes over them
    # (the imports of Jinja, Babel and python-docx above all) are wasted: about a tenth
    # of a render. `render --all`, which runs long, turns it back on.
    gc.disable()
    args = sys.argv[1:] if argv is None else argv
    worker = None
    if args[:1] == ["render"] and not {"--all", "--help", "-h"} & set(args):
        from bantin.worker import OutputWorker

        worker = OutputWorker.start()
    from bantin import cli

    cli.main(argv, worker)
