"""bantin's benchmarks: prints the figures bench/README.md records.

    python bench/run.py [--quick] [--work DIR] [--against OTHER_BANTIN]

Runs on whatever machine it is started on; nothing here is a test and nothing
asserts a time. Synthetic data and outputs go to a temporary folder under --work
(default: the system's temporary folder) and are removed. --quick skips the
3,321-unit batches (a few minutes on a small machine). --against names another
install's `bantin` script (an older version, in a venv of its own): the single render
and `--help` are then timed for both, alternately, in the same minutes.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

# Installed programs run from compiled bytecode (pip compiles it); a development
# shell may forbid writing it (PYTHONDONTWRITEBYTECODE), which would time compiling.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def walls(
    command: list[str], runs: int, cwd: Path | None = None, env: dict[str, str] | None = None
) -> list[float]:
    """Wall times of `runs` runs, after one unmeasured run (bytecode, disk cache)."""
    env = ENV if env is None else env
    subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=env)
    return [_wall(command, cwd, env) for _ in range(runs)]


def alternately(commands: list[list[str]], runs: int, cwd: Path | None = None) -> list[list[float]]:
    """Wall times of each command, run in turn `runs` times (after one unmeasured run of
    each): commands compared so share the machine's phase, which moves within minutes."""
    for command in commands:
        subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=ENV)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, measured in zip(commands, times, strict=True):
            measured.append(_wall(command, cwd, ENV))
    return times


# What `bantin render` cannot do without: importing its libraries and formatting a number
# with Babel's vi locale data. The single render is compared with this.
LIBRARIES = (
    "import docx, jinja2, click, markdown_it; from babel.numbers import format_decimal; "
    "format_decimal(1.5, locale='vi')"
)


def _wall(command: list[str], cwd: Path | None, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=env)
    return time.perf_counter() - start


@dataclass
class Batch:
    """One `render --all`: articles, whole time, time per article once they flow, CPU."""

    processes: int  # that made articles (0: a bantin that does not tell)
    articles: int
    total: float
    first: float  # until the first article was done: loading, ranking, starting workers
    per_article: float  # from the first article done to the last, per article
    cpu_user: float  # all processes, per article
    cpu_system: float

    def line(self, what: str) -> str:
        return (
            f"--all, {self.articles} bài, {what}: {self.per_article * 1000:.2f} ms/bài sau khởi "
            f"động ({self.first:.2f} s đến bài đầu; cả lượt {self.total:.1f} s = "
            f"{self.total / self.articles * 1000:.2f} ms/bài); CPU mỗi bài: "
            f"{self.cpu_user * 1000:.2f} ms người dùng + {self.cpu_system * 1000:.2f} ms nhân; "
            f"{self.processes or '?'} tiến trình soạn bài"
        )


def batch(data: Path, out: Path, formats: tuple[str, ...], jobs: int | None = None) -> Batch:
    """render --all in this process (bantin already imported), timed from its call."""
    from bantin.render import render_all

    done: list[float] = []
    before = _cpu()
    start = time.perf_counter()
    result = render_all(
        data, out, 2019, formats, progress=lambda *_: done.append(time.perf_counter()), jobs=jobs
    )
    end = time.perf_counter()
    after = _cpu()
    assert not result.skipped, result.skipped
    n = len(result.written)
    return Batch(
        processes=getattr(result, "processes", 0),
        articles=n,
        total=end - start,
        first=done[0] - start,
        per_article=(done[-1] - done[0]) / max(1, n - 1),
        cpu_user=(after[0] - before[0]) / n,
        cpu_system=(after[1] - before[1]) / n,
    )


def _cpu() -> tuple[float, float]:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + workers.ru_utime, own.ru_stime + workers.ru_stime


def peak_rss_of_batch(data: Path, out: Path) -> tuple[float, float]:
    """Peak resident memory (MB) of a process writing the batch as DOCX and MD, and of its
    largest worker.

    The process's own peak is read from /proc/self/status (VmHWM) where there is one:
    Linux carries ru_maxrss over an exec, so a process started from this one (hundreds of
    MB after the batches above) would report this one's peak instead of its own.
    """
    code = (
        "import resource, sys; from pathlib import Path; from bantin.render import render_all;"
        f"render_all(Path({str(data)!r}), Path({str(out)!r}), 2019, ('docx', 'md'));"
        "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "    own = int(status.split()[0])\n"
        "except (OSError, IndexError):\n"
        "    pass\n"
        "print(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=ENV
    )
    own, worker = proc.stdout.strip().splitlines()[-1].split()
    return int(own) / 1024, int(worker) / 1024  # Linux reports KiB


def rank_100k() -> list[float]:
    from bantin.model import Band, Evaluation, ScoreRow, ScoreTable
    from bantin.rank import rank_table

    rng = random.Random(7)
    data = [(f"Đơn vị số {i}", str(Decimal(rng.randint(0, 10000)) / 100)) for i in range(100_000)]
    evaluation = Evaluation(
        id="x",
        name="X",
        short_name="X",
        topic="x",
        group="x",
        score_label="điểm",
        unit_noun="đơn vị",
        bands=tuple(Band(n, Decimal(m)) for n, m in (("A", 90), ("B", 80), ("C", 70), ("D", 0))),
    )
    # As a command ranks: under the collector thresholds bantin's entry point sets.
    from bantin.cli import COLLECTOR_THRESHOLDS

    thresholds = gc.get_threshold()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    times = []
    for _ in range(5):
        # Scores as loading makes them, each run: a Decimal keeps its hash once computed,
        # and a table is ranked once after it is read.
        rows = tuple(ScoreRow(unit=name, score=Decimal(text)) for name, text in data)
        start = time.perf_counter()
        rank_table(ScoreTable("x", 2019, rows), evaluation)
        times.append(time.perf_counter() - start)
    gc.set_threshold(*thresholds)
    return times


def file_creation_ms(folder: Path) -> float:
    """Median time to create, write and close one small file in `folder` (the disk's share)."""
    times = []
    for i in range(200):
        path = folder / f"probe-{i}.tmp"
        start = time.perf_counter()
        with open(path, "wb") as f:
            f.write(b"x" * 3000)
        times.append(time.perf_counter() - start)
    for i in range(200):
        (folder / f"probe-{i}.tmp").unlink()
    return statistics.median(times) * 1000


def machine_speed_ms() -> float:
    """Fastest of 5 runs of a fixed pure-Python loop: how fast the machine is right now.

    A shared virtual machine's speed moves by up to 2x within minutes; printed at the
    start and at the end, this tells which phase the figures between were taken in.
    """
    times = []
    for _ in range(5):
        start = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i * i
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def installed_editable() -> bool:
    """Whether bantin runs from an editable install (`pip install -e`), which every Python
    start pays for with an import hook."""
    from importlib.metadata import distribution

    direct = distribution("bantin").read_text("direct_url.json") or ""
    return '"editable": true' in direct


def pandoc_batch(markdown_files: list[Path], out: Path) -> float | None:
    pandoc = shutil.which("pandoc")
    if not pandoc:
        return None
    start = time.perf_counter()
    for path in markdown_files:
        subprocess.run(
            [
                pandoc,
                "-f",
                "commonmark",
                "-t",
                "docx",
                "-o",
                str(out / (path.stem + ".docx")),
                str(path),
            ],
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the 3,321-unit batches")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()),
        help="folder for the data and outputs (default: the system's temporary folder)",
    )
    parser.add_argument(
        "--against",
        metavar="BANTIN",
        help="another install's bantin script, timed alternately with this one",
    )
    args = parser.parse_args()
    bantin = shutil.which("bantin") or sys.exit("bantin is not installed (pip install .)")
    print(
        f"Máy: {platform.machine()}, {os.cpu_count()} lõi, Python {platform.python_version()}, "
        f"{platform.platform()}; tải: {', '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(f"Tốc độ máy lúc đầu: vòng lặp Python chuẩn mất {machine_speed_ms():.0f} ms")
    if installed_editable():
        print(
            "Lưu ý: bantin được cài kiểu -e (editable): mỗi lần Python khởi động phải nạp thêm "
            "bộ tìm mô-đun của pip; người dùng cài bằng pip install . không phải trả phần này"
        )
    with tempfile.TemporaryDirectory(dir=args.work, prefix="bantin-bench-") as tmp:
        work = Path(tmp)
        print(
            f"Thư mục làm việc {work}: tạo một tệp 3 KB mất {file_creation_ms(work):.3f} ms "
            "(phần của ổ đĩa trong mỗi bài của lượt --all)"
        )

        def render(program: str) -> list[str]:
            out = work / f"o{len(program)}-{abs(hash(program))}"
            return [program, "render", "2019", "--data", str(ROOT / "data"), "--out", str(out)]

        programs = [bantin, *([args.against] if args.against else [])]
        python = [sys.executable, "-c", LIBRARIES]
        times = alternately([python, *([*render(p), "--force"] for p in programs)], 15)
        libraries = statistics.median(times[0])
        print(f"python -c '{LIBRARIES}': trung vị {_ms(libraries)}")
        for program, t in zip(programs, times[1:], strict=True):
            print(
                f"{program} render 2019 (DOCX + Markdown), 15 lần xen kẽ: trung vị "
                f"{_ms(statistics.median(t))} = {statistics.median(t) / libraries:.2f}× thời "
                f"gian nạp thư viện; nhanh nhất {_ms(min(t))}, chậm nhất {_ms(max(t))}"
            )
        times = alternately(
            [[sys.executable, "-c", "pass"], *([p, "--help"] for p in programs)], 15
        )
        bare = statistics.median(times[0])
        for program, t in zip(programs, times[1:], strict=True):
            helps = statistics.median(t)
            print(
                f"{program} --help: {_ms(helps)}; python -c pass: {_ms(bare)}; "
                f"tỉ lệ {helps / bare:.1f}×"
            )

        # Start-up paid before timing batches.
        import bantin.export.docx
        import bantin.render

        md = batch(ROOT / "data", work / "md32", ("md",))
        print(md.line("chỉ Markdown"))
        dx = batch(ROOT / "data", work / "docx32", ("docx",))
        print(dx.line("chỉ DOCX"))

        md_files = sorted((work / "md32" / "2019").glob("*.md"))
        (work / "pandoc").mkdir()
        pd = pandoc_batch(md_files, work / "pandoc")
        if pd is None:
            print("pandoc: không cài, bỏ qua so sánh")
        else:
            print(
                f"pandoc chuyển {len(md_files)} bài Markdown sang DOCX từng bài: "
                f"{pd / len(md_files) * 1000:.1f} ms/bài; bantin ghi {dx.articles} bài DOCX "
                f"(cả lượt, kể cả đọc và xếp hạng dữ liệu) bằng {dx.total / pd:.2f} lần "
                "thời gian của pandoc"
            )

        r = rank_100k()
        print(
            f"Xếp hạng 100.000 đơn vị, 5 lần: nhanh nhất {min(r):.2f} s, "
            f"trung vị {statistics.median(r):.2f} s"
        )

        if not args.quick:
            big = generate(work / "big", units=3321, years=10)
            for jobs in (None, 1):
                label = "tự chọn số tiến trình" if jobs is None else "một tiến trình"
                md = batch(big, work / f"mdbig{jobs}", ("md",), jobs)
                print(md.line(f"chỉ Markdown, {label}"))
                dx = batch(big, work / f"docxbig{jobs}", ("docx",), jobs)
                print(dx.line(f"chỉ DOCX, {label}"))
            memory = Path("/dev/shm")
            if memory.is_dir():  # the same batch with no disk: bantin's own share
                with tempfile.TemporaryDirectory(dir=memory, prefix="bantin-bench-") as shm:
                    md = batch(big, Path(shm) / "md", ("md",))
                    print(md.line("chỉ Markdown, tự chọn số tiến trình, ghi vào bộ nhớ (tmpfs)"))
            own, worker = peak_rss_of_batch(big, work / "rss")
            print(
                f"Bộ nhớ đỉnh (RSS) khi ghi {dx.articles} bài DOCX + Markdown: tiến trình chính "
                f"{own:.0f} MB, tiến trình con lớn nhất {worker:.0f} MB"
            )
    print(f"Tốc độ máy lúc cuối: vòng lặp Python chuẩn mất {machine_speed_ms():.0f} ms")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    main()
