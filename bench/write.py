"""`render --all` into a new folder and again over its own drafts, this code against another.

    python bench/write.py --against OTHER/src [--work /var/tmp] [--rounds 3]

Each run is a fresh Python importing bantin from one `src` folder (PYTHONPATH), timed from
the call of `render_all` (bantin already imported): "first" writes into an empty folder,
"again" re-renders every draft over the first's (each replaced file's old version kept
until the commit is done, in the code that does so). The two codes are run alternately,
so that both share the machine's minutes. Nothing is asserted; figures go to
bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

CHILD = """
import json, sys, time
from pathlib import Path
import bantin
from bantin.render import render_all
data, out, formats = Path(sys.argv[1]), Path(sys.argv[2]), tuple(sys.argv[3].split(","))
start = time.perf_counter()
first = render_all(data, out, 2019, formats)
middle = time.perf_counter()
again = render_all(data, out, 2019, formats)
end = time.perf_counter()
assert not first.skipped and not again.skipped
print(json.dumps({"first": middle - start, "again": end - middle,
                  "articles": len(first.written), "bantin": bantin.__file__}))
"""


def run(src: Path, data: Path, out: Path, formats: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), str(out), formats],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    result: dict[str, float] = json.loads(done.stdout)
    assert str(result["bantin"]).startswith(str(src)), result["bantin"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--against", type=Path, required=True, help="the other code's src/")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sources = {"this": ROOT / "src", "against": args.against.resolve()}
    with tempfile.TemporaryDirectory(dir=args.work, prefix="bantin-write-") as tmp:
        work = Path(tmp)
        big = generate(work / "big", units=3321, years=2)
        cases = [("sample, 32 units, docx+md", ROOT / "data", "docx,md"),
                 ("3,321 units, md", big, "md")]  # fmt: skip
        times: dict[tuple[str, str, str], list[float]] = {}
        for round_ in range(args.rounds):
            for label, data, formats in cases:
                for name, src in sources.items():
                    out = work / f"out-{name}-{round_}-{formats}-{len(str(data))}"
                    result = run(src, data, out, formats)
                    for phase in ("first", "again"):
                        times.setdefault((label, name, phase), []).append(result[phase])
                        per = result[phase] / result["articles"] * 1000
                        print(f"{label}, {name}, {phase}: {result[phase]:.2f} s ({per:.2f} ms/bài)")
        print("median of", args.rounds)
        for (label, name, phase), values in times.items():
            print(f"  {label:28} {name:8} {phase:6} {statistics.median(values):.2f} s")


if __name__ == "__main__":
    main()
