"""The desk's speed once the data is loaded: a unit's preview and its DOCX, median of runs.

    python bench/desk.py [--data data] [--runs 21]

Requests go through the real waitress server (HTTP on 127.0.0.1), as a browser sends them;
the output folder is a temporary one. Nothing asserts a time: this prints figures.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import statistics
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--unit", default="Sở Thông tin và Truyền thông")
    parser.add_argument("--year", type=int, default=2019)
    args = parser.parse_args()
    from bantin.desk.server import make_server

    with tempfile.TemporaryDirectory() as out:
        server = make_server(args.data, Path(out), None, 0)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.effective_port}"
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        page = f"{base}/{args.year}/{urllib.parse.quote(args.unit)}"
        started = time.perf_counter()
        body = opener.open(page).read().decode("utf-8")
        first = (time.perf_counter() - started) * 1000
        token = re.search(r'name="csrf_token" value="([^"]+)"', body)
        assert token is not None
        form = urllib.parse.urlencode(
            {"csrf_token": token.group(1), "don_vi": args.unit, "dinh_dang": "docx"}
        ).encode()
        download = f"{base}/{args.year}/tai-ve"
        opener.open(download, form).read()  # the DOCX writer's first document

        def median(url: str, data: bytes | None = None) -> float:
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                opener.open(url, data).read()
                times.append((time.perf_counter() - t) * 1000)
            return statistics.median(times)

        print(f"first preview (loads and ranks the data): {first:.0f} ms")
        print(f"preview, median of {args.runs}: {median(page):.1f} ms")
        units = _units(opener, f"{base}/{args.year}")[: args.runs]
        times = []
        for unit in units:  # each unit's first view: composed, not taken from the cache
            t = time.perf_counter()
            opener.open(f"{base}/{args.year}/{unit}").read()
            times.append((time.perf_counter() - t) * 1000)
        print(f"first view of {len(units)} other units, median: {statistics.median(times):.1f} ms")
        print(
            f"DOCX download (written to output/), median of {args.runs}: "
            f"{median(download, form):.1f} ms"
        )
        time.sleep(0.2)  # the last response's thread hands its channel back first
        server.close()
        _split(Path(out), args)


def _split(out: Path, args: argparse.Namespace) -> None:
    """Where a first view's time goes, in-process (no HTTP): composing and exporting the
    article, and marking its numbers' sources with check's rules. CPU time beside wall
    time, because on a shared machine the wall time also counts waiting for a core."""
    from bantin.compose.article import compose_article
    from bantin.desk.preview import preview
    from bantin.desk.provenance import article_marks
    from bantin.desk.workspace import Workspace
    from bantin.render import year_units

    workspace = Workspace(args.data, out, None)
    loaded = workspace.loaded()
    dataset, rankings = loaded.dataset, loaded.rankings
    units = year_units(dataset, rankings, args.year)
    env = workspace.environment()
    preview(workspace, loaded, args.year, units[0])  # the templates' first compile
    figures: dict[str, list[tuple[float, float]]] = {"preview": [], "marks": []}
    for unit in units:
        wall, cpu = time.perf_counter(), time.process_time()
        preview(workspace, loaded, args.year, unit)
        figures["preview"].append((time.perf_counter() - wall, time.process_time() - cpu))
        article = compose_article(dataset, args.year, unit, None, rankings, env)
        wall, cpu = time.perf_counter(), time.process_time()
        article_marks(dataset, rankings, article)
        figures["marks"].append((time.perf_counter() - wall, time.process_time() - cpu))
    for name, label in (("preview", "preview()"), ("marks", "of which article_marks()")):
        walls, cpus = zip(*figures[name], strict=True)
        print(
            f"in-process {label}, median of {len(units)} units: "
            f"{statistics.median(walls) * 1000:.1f} ms wall, "
            f"{statistics.median(cpus) * 1000:.1f} ms CPU"
        )


def _units(opener: urllib.request.OpenerDirector, year_page: str) -> list[str]:
    """The units' addresses the year's page links to (quoted as the page writes them)."""
    body = opener.open(year_page).read().decode("utf-8")
    prefix = urllib.parse.urlparse(year_page).path + "/"
    found = re.findall(rf'href="{re.escape(prefix)}([^"/]+)"', body)
    return list(dict.fromkeys(found))


if __name__ == "__main__":
    main()
