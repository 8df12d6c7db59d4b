"""Forked workers: a single render's output stage, and a batch's articles.

A single render's outputs are prepared in a second process while this one composes.

Importing python-docx and loading the reference document is about a third of
`bantin render`, and writing the files another part. On Linux with more than
one CPU, the render forks a child first thing (the console script, bantin.console,
does it before click is even imported): the child imports python-docx, is told which
reference document to load once the command line is parsed, and loads it while the
parent imports Jinja and Babel, reads the data and composes; the parent then hands
over the article, and the child renders every format and writes the files (checks for
edited drafts included) exactly as the parent would, reporting back what it wrote or
the error it met. Elsewhere, and whenever the child fails for a reason of its own, the
parent does it itself.

A batch's articles are made by several forked processes (`ordered_map`).

This module imports nothing heavy (not even the bantin.export package): it is loaded
before the rest of the render.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
from collections.abc import Callable, Generator, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from bantin.article import Article

# What a write did, as plain paths (files written, backups of edited drafts kept): plain
# so that reading the child's answer does not import the export package here.
Written = tuple[tuple[Path, ...], tuple[Path, ...]]


REFERENCE_NAME = "reference.docx"


def reference_document(templates: Path | None) -> Path | None:
    """The working folder's templates/reference.docx, when there is one."""
    reference = templates / REFERENCE_NAME if templates is not None else None
    return reference if reference is not None and reference.is_file() else None


def can_fork() -> bool:
    """Whether a forked process can share this one's work: Linux (cheap, safe fork), 2+ CPUs."""
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1


class OutputWorker:
    """A forked child that writes one article's outputs; see the module's text."""

    def __init__(self, pid: int, to_child: int, from_child: int, reference: Path | None) -> None:
        self.pid = pid
        self.to_child = to_child
        self.from_child = from_child
        self.reference = reference
        self.told = False  # whether the child knows which reference document to load
        self.done = False

    @classmethod
    def start(cls) -> OutputWorker | None:
        """Fork the child, or None where a child would not make the render faster.

        The child starts importing python-docx at once and waits for `use_reference`
        (the console script forks before the command line is even parsed: the import
        is the longer of the two processes' paths).
        """
        if not can_fork():
            return None
        child_in, parent_out = os.pipe()
        parent_in, child_out = os.pipe()
        try:
            pid = _fork(lambda: _serve(child_in, child_out), (parent_out, parent_in))
        except OSError:
            for fd in (child_in, parent_out, parent_in, child_out):
                os.close(fd)
            return None
        os.close(child_in)
        os.close(child_out)
        return cls(pid, parent_out, parent_in, None)

    def use_reference(self, reference: Path | None) -> None:
        """Tell the child which reference document to load (None: bantin's own)."""
        self.reference, self.told = reference, True
        with contextlib.suppress(OSError):  # a dead child: write() does the work here
            _write_all(self.to_child, _framed(reference))

    def write(
        self,
        article: Article,
        folder: Path,
        formats: Sequence[str],
        created: datetime | None = None,
        force: bool = False,
    ) -> Written:
        """Write the article's files (in the child, or here if it failed); what was written."""
        if not self.told:
            self.use_reference(self.reference)
        job = (article, folder, tuple(formats), created, force)
        result: Any = None
        try:
            _write_all(self.to_child, pickle.dumps(job))
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
        if result is not None:
            return result  # type: ignore[no-any-return]
        from bantin.export import write_article  # the child died: do it here

        report = write_article(article, folder, formats, created, self.reference, force)
        return report.written, report.backups

    def close(self) -> None:
        """Stop the child if it is still waiting, and collect it."""
        if self.done:
            return
        self.done = True
        for fd in (self.to_child, self.from_child):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        _stop(self.pid)


def _fork(work: Callable[[], object], inherited: Sequence[int]) -> int:
    """Fork a child that runs `work` and exits (status 1 if it raised); its pid, here.

    The child first closes `inherited` (this process's ends of its pipes), asks to die
    with this process, and leaves Ctrl+C to it: the parent stops its children and
    removes what they had begun.
    """
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        status = 0
        try:
            for fd in inherited:
                os.close(fd)
            _die_with(parent)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            work()
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    return pid


def _stop(pid: int) -> None:
    """Kill a child if it is still running, and collect it."""
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)  # harmless once it has exited by itself
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _die_with(parent: int) -> None:
    """Have the kernel stop this child when the parent dies (killed, power button...).

    A render killed mid-write must leave what any killed write leaves: the old
    files, and temporaries of a dead process that the next run removes.
    """
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _serve(inbox: int, outbox: int) -> None:
    from bantin.export import write_article
    from bantin.export.docx import DocxWriter

    with os.fdopen(inbox, "rb") as pipe:
        told = _read_frame(pipe)
        if told is None:
            return  # the parent ended before it needed a child (an error, --help...)
        reference: Path | None = told[0]
        writer: DocxWriter | None = None
        failure: Exception | None = None
        try:
            writer = DocxWriter(reference)
        except Exception as e:  # reported only if the article asks for DOCX
            failure = e
        payload = pipe.read()  # the job: everything until the parent closes its end
    if not payload:
        return  # the parent stopped before composing an article
    article, folder, formats, created, force = pickle.loads(payload)
    result: Any
    try:
        if "docx" in formats and failure is not None:
            raise failure
        report = write_article(article, folder, formats, created, reference, force, writer)
        result = (report.written, report.backups)
    except Exception as e:
        result = e
    try:
        data = pickle.dumps(result)
    except Exception:  # an exception that cannot travel: the parent redoes the work
        return
    _write_all(outbox, data)


def _framed(value: Any) -> bytes:
    """`value` pickled, after its length: one message down a pipe that carries several."""
    data = pickle.dumps(value)
    return _FRAME.pack(len(data)) + data


def _read_frame(pipe: IO[bytes]) -> tuple[Any] | None:
    """The next `_framed` value from a pipe, as a 1-tuple; None when the pipe ended first
    (the other process stopped before, or while, sending it)."""
    header = pipe.read(_FRAME.size)
    if len(header) < _FRAME.size:
        return None
    length = _FRAME.unpack(header)[0]
    payload = pipe.read(length)
    return (pickle.loads(payload),) if len(payload) == length else None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


Item = TypeVar("Item")
Result = TypeVar("Result")

_FRAME = struct.Struct("<Q")  # the length of a pickled message (a chunk's answers), before it


def ordered_map(
    function: Callable[[Item], Result], items: Sequence[Item], workers: int, chunk: int
) -> Generator[Result, None, None]:
    """function(item) for every item, in the items' order, computed by forked processes.

    Chunks of items are dealt round-robin: chunk c goes to worker c % workers, which
    sends its answers down a pipe of its own. Reading them in order needs no shared
    queue, lock or thread, so stopping early cannot hang on a lock that a killed worker
    held (as multiprocessing.Pool.terminate can): closing the generator, or an error,
    kills every worker at once. An exception raised by `function` reaches the caller
    as it is; a worker that dies is reported as a BantinError.
    """
    chunks = [items[i : i + chunk] for i in range(0, len(items), chunk)]
    workers = max(1, min(workers, len(chunks)))
    children: list[tuple[int, IO[bytes]]] = []
    try:
        for index in range(workers):
            inbox, outbox = os.pipe()
            _widen(outbox)
            mine = chunks[index::workers]
            inherited = [inbox, *(pipe.fileno() for _, pipe in children)]
            pid = _fork(partial(_answer, function, mine, outbox), inherited)
            os.close(outbox)
            children.append((pid, os.fdopen(inbox, "rb")))
        for number in range(len(chunks)):
            yield from _receive(children[number % workers][1])
    finally:
        for pid, pipe in children:
            _stop(pid)
            pipe.close()


def _widen(pipe: int) -> None:
    """Let a worker run ahead of the batch's process by up to a megabyte of answers
    (thousands of articles) where Linux allows it, instead of 64 KB: while the batch
    syncs a slice to disk, workers keep composing rather than wait."""
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):  # not Linux, or a smaller limit: 64 KB
        pass


def _answer(function: Callable[[Item], Any], chunks: Sequence[Sequence[Item]], outbox: int) -> None:
    """In a worker: the answers of each chunk, pickled down the pipe in one frame.

    An answer is (True, result) or (False, exception); a chunk's answers stop at its
    first exception, and so does the worker. One frame a chunk, not one an item: the
    batch's process then wakes once for a few dozen articles.
    """
    for items in chunks:
        answers: list[tuple[bool, Any]] = []
        for item in items:
            try:
                answers.append((True, function(item)))
            except Exception as e:
                answers.append((False, e))
                break
        _write_all(outbox, _chunk_frame(answers))
        if not answers[-1][0]:
            return


def _chunk_frame(answers: list[tuple[bool, Any]]) -> bytes:
    try:
        return _framed(answers)
    except Exception:  # an answer that cannot travel: its text does, in its place
        from bantin.errors import BantinError

        travelling: list[tuple[bool, Any]] = []
        for answer in answers:
            try:
                pickle.dumps(answer)
            except Exception as e:
                answer = (False, BantinError(f"lỗi ngoài dự kiến ({e})"))
            travelling.append(answer)
            if not answer[0]:
                break
        return _framed(travelling)


def _receive(pipe: IO[bytes]) -> Generator[Any, None, None]:
    """The answers of a worker's next chunk; an exception among them raised here."""
    answers = _read_frame(pipe)
    if answers is None:
        from bantin.errors import BantinError  # the worker died, before or while answering

        raise BantinError("một tiến trình soạn bài dừng đột ngột; chạy lại với --jobs 1")
    for ok, value in answers[0]:
        if not ok:
            raise value
        yield value
