"""A single render's DOCX, prepared in a second process while this one composes.

Importing python-docx and loading the reference document is about a third of
`bantin render`. On Linux with more than one CPU, the render forks a child
first thing: the child imports python-docx and loads the reference while the
parent imports Jinja and Babel, reads the data and composes; the parent then
hands it the article and gets the DOCX bytes back. The bytes are exactly what
DocxWriter makes in-process, which is also what happens elsewhere, and whenever
the child fails for a reason of its own.

This module imports nothing heavy: it is loaded before the rest of the render.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bantin.article import Article


class DocxWorker:
    """A forked child that renders one article as DOCX; see the module's text."""

    def __init__(self, pid: int, to_child: int, from_child: int, reference: Path | None) -> None:
        self.pid = pid
        self.to_child = to_child
        self.from_child = from_child
        self.reference = reference
        self.done = False

    @classmethod
    def start(cls, reference: Path | None) -> DocxWorker | None:
        """Fork the child, or None where a child would not make the render faster."""
        if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
            return None
        child_in, parent_out = os.pipe()
        parent_in, child_out = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (child_in, parent_out, parent_in, child_out):
                os.close(fd)
            return None
        if pid == 0:  # the child: never returns into the caller's code
            status = 0
            try:
                os.close(parent_out)
                os.close(parent_in)
                _serve(reference, child_in, child_out)
            except BaseException:
                status = 1
            finally:
                os._exit(status)
        os.close(child_in)
        os.close(child_out)
        return cls(pid, parent_out, parent_in, reference)

    def render(self, article: Article, created: datetime | None = None) -> bytes:
        """The article as DOCX bytes, from the child (or in this process if it failed)."""
        result: Any = None
        try:
            _write_all(self.to_child, pickle.dumps((article, created)))
            os.close(self.to_child)
            self.to_child = -1
            payload = _read_all(self.from_child)
            result = pickle.loads(payload) if payload else None
        except (OSError, pickle.PickleError, EOFError):
            result = None
        finally:
            self.close()
        if isinstance(result, BaseException):
            raise result
        if isinstance(result, bytes):
            return result
        from bantin.export.docx import DocxWriter  # the child died: do it here

        return DocxWriter(self.reference).render(article, created)

    def close(self) -> None:
        """Stop the child if it is still waiting, and collect it."""
        if self.done:
            return
        self.done = True
        for fd in (self.to_child, self.from_child):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)  # harmless once it has exited by itself
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _serve(reference: Path | None, inbox: int, outbox: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    from bantin.export.docx import DocxWriter

    writer: DocxWriter | None = None
    result: Any
    try:
        writer = DocxWriter(reference)
    except Exception as e:
        result = e
    payload = _read_all(inbox)
    if not payload:
        return  # the parent stopped before composing an article
    article, created = pickle.loads(payload)
    if writer is not None:
        try:
            result = writer.render(article, created)
        except Exception as e:
            result = e
    try:
        data = pickle.dumps(result)
    except Exception:  # an exception that cannot travel: the parent redoes the work
        return
    _write_all(outbox, data)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)
