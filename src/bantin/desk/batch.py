"""`render --all` from the desk: the batch runs in a thread, the page follows its progress."""

from __future__ import annotations

import io
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bantin.errors import BantinError
from bantin.output import FORCE_ADVICE


def page_words(message: str, advice: str) -> str:
    """A library message with its command-line advice (--force) put in the page's words."""
    return message.replace(FORCE_ADVICE, advice)


@dataclass
class Job:
    """One year's batch: how far it is, and what it wrote."""

    year: int
    done: int = 0
    total: int = 0
    state: str = "running"  # running, finished, failed
    message: str = ""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    folder: Path | None = None

    def progress(self) -> dict[str, Any]:
        """What the page's progress bar shows."""
        return {
            "done": self.done,
            "total": self.total,
            "state": self.state,
            "message": self.message,
            "skipped": [f"{unit}: {why}" for unit, why in self.skipped],
        }


class Batches:
    """The batches started from the desk, one per year at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[int, Job] = {}

    def get(self, year: int) -> Job | None:
        """The year's latest batch, if one was started."""
        with self._lock:
            return self._jobs.get(year)

    def start(self, workspace: Any, year: int, force: bool) -> Job:
        """Start `bantin render YEAR --all` (DOCX, Markdown) unless one is running."""
        with self._lock:
            job = self._jobs.get(year)
            if job is not None and job.state == "running":
                return job
            job = self._jobs[year] = Job(year)
        thread = threading.Thread(
            target=self._run, args=(workspace, job, force), name=f"bantin-all-{year}", daemon=True
        )
        thread.start()
        return job

    def _run(self, workspace: Any, job: Job, force: bool) -> None:
        from bantin.render import FORMATS, render_all

        def progress(done: int, total: int, _unit: str) -> None:
            job.done, job.total = done, total

        try:
            with workspace.write_lock:
                result = render_all(
                    workspace.data_dir,
                    workspace.out_dir,
                    job.year,
                    FORMATS,
                    workspace.templates,
                    force,
                    progress,
                )
        except BantinError as e:
            job.message = e.format_message()
            job.state = "failed"
            return
        except Exception as e:  # shown on the page: the server goes on serving
            job.message = f"lỗi ngoài dự kiến ({type(e).__name__}: {e})"
            job.state = "failed"
            return
        # Written for the command line ("thêm --force"): the page has a box for that.
        advice = (
            "đánh dấu ô “Ghi cả khi bản cũ đã được sửa” ở trang năm rồi bấm Soạn tất cả để cất "
            "bản đã sửa thành bản sao có ngày giờ rồi ghi bản mới"
        )
        job.skipped = [(unit, page_words(why, advice)) for unit, why in result.skipped]
        job.files = [path for _, paths in result.written for path in paths]
        job.folder = result.folder
        files = len(job.files)
        job.message = (
            f"Đã ghi {len(result.written)} bài ({files} tệp) vào {result.folder}; "
            f"bỏ qua {len(result.skipped)}."
        )
        job.state = "finished"


def zip_bytes(job: Job) -> bytes:
    """The batch's files (and the photos its Markdown links to) in one ZIP."""
    assert job.folder is not None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        names = set()
        for path in job.files:
            name = path.relative_to(job.folder).as_posix()
            names.add(name)
            archive.write(path, name)
        images = job.folder / "images"
        if images.is_dir():
            for path in sorted(images.iterdir()):
                name = f"images/{path.name}"
                if path.is_file() and name not in names:
                    archive.write(path, name)
    return buffer.getvalue()
