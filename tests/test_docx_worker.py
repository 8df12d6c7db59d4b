"""The forked DOCX worker of a single render gives exactly what DocxWriter gives."""

from __future__ import annotations

import os
import signal
import sys
from datetime import datetime

import pytest

from bantin.compose import compose_article
from bantin.errors import BantinError
from bantin.export.docx import DocxWriter
from bantin.export.docx_worker import DocxWorker
from bantin.load import load_dataset

from .conftest import SAMPLE_DATA

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="the worker runs on Linux with two CPUs or more",
)

CREATED = datetime(2020, 1, 15, 9, 30)


@pytest.fixture(scope="module")
def article():
    return compose_article(load_dataset(SAMPLE_DATA), 2019)


def _collected(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_worker_gives_the_bytes_of_an_in_process_writer(article):
    worker = DocxWorker.start(None)
    assert worker is not None
    assert worker.render(article, CREATED) == DocxWriter(None).render(article, CREATED)
    assert _collected(worker.pid)


def test_a_worker_not_needed_is_stopped_and_collected():
    worker = DocxWorker.start(None)
    worker.close()
    assert _collected(worker.pid)


def test_a_worker_that_died_is_replaced_by_an_in_process_writer(article):
    worker = DocxWorker.start(None)
    os.kill(worker.pid, signal.SIGKILL)
    os.waitpid(worker.pid, 0)
    assert worker.render(article, CREATED) == DocxWriter(None).render(article, CREATED)


def test_an_error_in_the_worker_is_the_error_the_writer_raises(article, tmp_path):
    broken = tmp_path / "reference.docx"
    broken.write_bytes(b"not a docx")
    with pytest.raises(BantinError) as in_process:
        DocxWriter(broken).render(article, CREATED)
    worker = DocxWorker.start(broken)
    with pytest.raises(BantinError) as from_worker:
        worker.render(article, CREATED)
    assert type(from_worker.value) is type(in_process.value)
    assert from_worker.value.format_message() == in_process.value.format_message()
