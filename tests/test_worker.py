"""The forked output worker of a single render writes exactly what the render writes alone."""

from __future__ import annotations

import os
import signal
from datetime import datetime

import pytest

from bantin.compose import compose_article
from bantin.errors import BantinError, OutputError
from bantin.load import load_dataset
from bantin.output import write_article
from bantin.worker import OutputWorker, can_fork, ordered_map

from .conftest import SAMPLE_DATA

pytestmark = pytest.mark.skipif(
    not can_fork(),
    reason="the worker runs on Linux with two CPUs or more",
)

CREATED = datetime(2020, 1, 15, 9, 30)
FORMATS = ("docx", "md")


@pytest.fixture(scope="module")
def article():
    return compose_article(load_dataset(SAMPLE_DATA), 2019)


def _collected(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def started(reference):
    """A worker told its reference document, as a single render's command tells it."""
    worker = OutputWorker.start()
    assert worker is not None
    worker.use_reference(reference)
    return worker


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_worker_writes_what_this_process_writes(article, tmp_path):
    worker = started(None)
    assert worker is not None
    written, backups = worker.write(article, tmp_path / "a", FORMATS, CREATED)
    alone = write_article(article, tmp_path / "b", FORMATS, CREATED)
    assert [p.name for p in written] == [p.name for p in alone.written]
    assert backups == ()
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _collected(worker.pid)


def test_a_worker_not_needed_is_stopped_and_collected():
    worker = started(None)
    worker.close()
    assert _collected(worker.pid)


def test_a_worker_that_died_is_replaced_by_this_process(article, tmp_path):
    worker = started(None)
    os.kill(worker.pid, signal.SIGKILL)
    os.waitpid(worker.pid, 0)
    worker.write(article, tmp_path / "a", FORMATS, CREATED)
    write_article(article, tmp_path / "b", FORMATS, CREATED)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_an_error_in_the_worker_is_the_error_met_here(article, tmp_path):
    broken = tmp_path / "reference.docx"
    broken.write_bytes(b"not a docx")
    with pytest.raises(BantinError) as here:
        write_article(article, tmp_path / "a", FORMATS, CREATED, broken)
    worker = started(broken)
    with pytest.raises(BantinError) as from_worker:
        worker.write(article, tmp_path / "b", FORMATS, CREATED)
    assert type(from_worker.value) is type(here.value)
    assert from_worker.value.format_message() == here.value.format_message()
    # Markdown alone does not need the reference: the worker writes it.
    worker = started(broken)
    written, _backups = worker.write(article, tmp_path / "c", ("md",), CREATED)
    assert [p.suffix for p in written] == [".md"]


def test_an_edited_draft_is_refused_by_the_worker_too(article, tmp_path):
    folder = tmp_path / "o"
    write_article(article, folder, FORMATS, CREATED)
    md = next(folder.glob("*.md"))
    md.write_text(md.read_text("utf-8") + "\nSửa tay.\n", "utf-8")
    worker = started(None)
    with pytest.raises(OutputError, match="đã được sửa sau lần bantin ghi trước"):
        worker.write(article, folder, FORMATS, CREATED)
    assert md.read_text("utf-8").endswith("Sửa tay.\n")


# ordered_map: the batch's worker processes.


def _square_or_fail(n: int) -> int:
    if n == 13:
        raise OutputError("không ghi được tệp: Hết chỗ", path="x.md")
    if n == 17:
        os._exit(3)  # a worker killed mid-batch (out of memory, say)
    return n * n


@pytest.mark.parametrize(("workers", "chunk"), [(1, 1), (2, 1), (2, 3), (3, 4), (8, 2)])
def test_ordered_map_answers_in_the_items_order(workers, chunk):
    items = [n for n in range(40) if n not in (13, 17)]
    assert list(ordered_map(_square_or_fail, items, workers, chunk)) == [n * n for n in items]


def test_ordered_map_raises_the_workers_exception_as_it_is():
    answers = []
    with pytest.raises(OutputError) as excinfo:
        answers.extend(ordered_map(_square_or_fail, list(range(12, 30)), 2, 2))
    assert excinfo.value.format_message() == "x.md: không ghi được tệp: Hết chỗ"
    assert answers == [144]


def test_ordered_map_reports_a_worker_that_died():
    with pytest.raises(BantinError) as excinfo:
        list(ordered_map(_square_or_fail, [15, 16, 17, 18], 2, 1))
    assert excinfo.value.detail == "một tiến trình soạn bài dừng đột ngột; chạy lại với --jobs 1"


def test_ordered_map_reports_a_worker_that_died_mid_answer(monkeypatch):
    import bantin.worker

    def half_then_die(fd: int, data: bytes) -> None:  # killed while writing its answer
        os.write(fd, data[: len(data) // 2])
        os._exit(3)

    monkeypatch.setattr(bantin.worker, "_write_all", half_then_die)
    with pytest.raises(BantinError) as excinfo:
        list(ordered_map(_square_or_fail, [1, 2, 3, 4], 2, 1))
    assert excinfo.value.detail == "một tiến trình soạn bài dừng đột ngột; chạy lại với --jobs 1"


def test_ordered_map_stopped_early_leaves_no_worker_behind():
    def own_pid(_n: int) -> int:
        return os.getpid()

    answers = ordered_map(own_pid, list(range(200)), 2, 1)
    pids = {next(answers), next(answers)}
    answers.close()  # what a Ctrl+C in the middle of a batch does
    assert len(pids) == 2 and os.getpid() not in pids
    assert all(_collected(pid) for pid in pids)


def _unpicklable_at_5(n: int) -> object:
    return (lambda: n) if n == 5 else n


def test_ordered_map_reports_an_answer_that_cannot_travel():
    # A chunk travels in one frame: the answers before the bad one still arrive, in order.
    answers = []
    with pytest.raises(BantinError) as excinfo:
        answers.extend(ordered_map(_unpicklable_at_5, list(range(12)), 2, 4))
    assert answers == [0, 1, 2, 3, 4]
    assert excinfo.value.detail.startswith("lỗi ngoài dự kiến (")
