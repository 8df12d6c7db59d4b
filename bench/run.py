"""bantin's benchmarks: prints the figures bench/README.md records.

    python bench/run.py [--quick]

Runs on whatever machine it is started on; nothing here is a test and nothing
asserts a time. Synthetic data goes to a temporary folder and is removed.
--quick skips the 3,321-unit batches (a few minutes on a small machine).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402


def median_wall(command: list[str], runs: int, cwd: Path | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=cwd)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def batch(data: Path, out: Path, formats: tuple[str, ...]) -> tuple[int, float]:
    """(articles, seconds) of render --all in this process, after loading bantin."""
    from bantin.render import render_all

    start = time.perf_counter()
    result = render_all(data, out, 2019, formats)
    elapsed = time.perf_counter() - start
    assert not result.skipped, result.skipped
    return len(result.written), elapsed


def peak_rss_of_batch(data: Path, out: Path) -> float:
    """Peak resident memory (MB) of a separate process writing the whole batch as DOCX and MD."""
    code = (
        "import resource, sys; from pathlib import Path; from bantin.render import render_all;"
        f"render_all(Path({str(data)!r}), Path({str(out)!r}), 2019, ('docx', 'md'));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    proc = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(proc.stdout.strip().splitlines()[-1]) / 1024  # Linux reports KiB


def rank_100k() -> float:
    from bantin.model import Band, Evaluation, ScoreRow, ScoreTable
    from bantin.rank import rank_table

    rng = random.Random(7)
    rows = tuple(
        ScoreRow(unit=f"Đơn vị số {i}", score=Decimal(rng.randint(0, 10000)) / 100)
        for i in range(100_000)
    )
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
    times = []
    for _ in range(3):
        start = time.perf_counter()
        rank_table(ScoreTable("x", 2019, rows), evaluation)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
    args = parser.parse_args()
    bantin = shutil.which("bantin") or sys.exit("bantin is not installed (pip install -e .)")
    print(
        f"Máy: {platform.machine()}, {os.cpu_count()} lõi, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)

        t = median_wall(
            [
                bantin,
                "render",
                "2019",
                "--data",
                str(ROOT / "data"),
                "--out",
                str(work / "o1"),
                "--force",
            ],
            5,
        )
        print(f"bantin render 2019 (DOCX + Markdown), trung vị 5 lần: {t * 1000:.0f} ms")

        bare = median_wall([sys.executable, "-c", "pass"], 10)
        helps = median_wall([bantin, "--help"], 10)
        print(
            f"bantin --help: {helps * 1000:.0f} ms; python -c pass: {bare * 1000:.0f} ms; "
            f"tỉ lệ {helps / bare:.1f}×"
        )

        import bantin.export.docx
        from bantin.compose import rank_all  # noqa: F401  (start-up paid before timing batches)

        n, md = batch(ROOT / "data", work / "md32", ("md",))
        print(f"--all, {n} bài, chỉ Markdown: {md / n * 1000:.2f} ms/bài")
        n, dx = batch(ROOT / "data", work / "docx32", ("docx",))
        print(f"--all, {n} bài, chỉ DOCX: {dx / n * 1000:.2f} ms/bài")

        md_files = sorted((work / "md32" / "2019").glob("*.md"))
        (work / "pandoc").mkdir()
        pd = pandoc_batch(md_files, work / "pandoc")
        if pd is None:
            print("pandoc: không cài, bỏ qua so sánh")
        else:
            print(
                f"pandoc chuyển {len(md_files)} bài Markdown sang DOCX từng bài: "
                f"{pd / len(md_files) * 1000:.1f} ms/bài; bantin DOCX bằng "
                f"{dx / pd:.2f} lần thời gian của pandoc"
            )

        print(f"Xếp hạng 100.000 đơn vị: {rank_100k():.2f} s")

        if not args.quick:
            big = generate(work / "big", units=3321, years=10)
            n, md = batch(big, work / "mdbig", ("md",))
            print(f"--all, {n} bài, chỉ Markdown: {md / n * 1000:.2f} ms/bài ({md:.1f} s)")
            n, dx = batch(big, work / "docxbig", ("docx",))
            print(f"--all, {n} bài, chỉ DOCX: {dx / n * 1000:.2f} ms/bài ({dx:.1f} s)")
            rss = peak_rss_of_batch(big, work / "rss")
            print(f"Bộ nhớ đỉnh (RSS) khi ghi {n} bài DOCX + Markdown: {rss:.0f} MB")


if __name__ == "__main__":
    main()
