"""The working folder as the desk sees it: data loaded once and reused until a file changes."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bantin.errors import BantinError
from bantin.load import EVALUATIONS_DIR
from bantin.model import Dataset
from bantin.rank import Ranking

# The files under data/ and what they looked like: (path, modification time, size).
Snapshot = tuple[tuple[str, int, int], ...]

# How many answers `cached_recent` keeps (the previews of the units looked at last): a
# day's editing, without growing with every address a browser is made to ask for.
RECENT_KEPT = 48


@dataclass(frozen=True)
class Loaded:
    """The dataset and its rankings, as the CLI's commands load them."""

    dataset: Dataset
    rankings: Mapping[str, Mapping[int, Ranking]]


class Workspace:
    """The folders the desk was started on, and what it has read from them.

    Loading, ranking and validating are bantin's own functions; what they return is
    kept until a file under data/ is added, removed or changed (by the desk or by
    Excel), so a page after the first costs no reading.
    """

    def __init__(self, data_dir: Path, out_dir: Path, templates: Path | None) -> None:
        self.data_dir = data_dir
        self.out_dir = out_dir
        self.templates = templates
        # Held while the desk writes into data/ or output/: two tabs writing at once
        # take turns, and each one reads what the other wrote.
        self.write_lock = threading.RLock()
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, tuple[Snapshot, Any]] = OrderedDict()
        self._recent: OrderedDict[str, tuple[Snapshot, Any]] = OrderedDict()
        self._docx: tuple[Any, Any] | None = None
        self._environment: tuple[tuple[tuple[str, int], ...], Any] | None = None

    def snapshot(self) -> Snapshot:
        """Every file under data/ (and templates/, which validate reads) with its
        modification time and size."""
        found: list[tuple[str, int, int]] = []
        roots = [self.data_dir] if self.templates is None else [self.data_dir, self.templates]
        for folder, dirs, files in (entry for root in roots for entry in os.walk(root)):
            dirs.sort()
            for name in sorted(files):
                try:
                    stat = os.stat(os.path.join(folder, name))
                except OSError:
                    continue  # removed while walking: the next request sees the change
                found.append((os.path.join(folder, name), stat.st_mtime_ns, stat.st_size))
        return tuple(found)

    def cached(self, key: str, make: Callable[[], Any]) -> Any:
        """`make()`'s answer, kept until data/ changes (errors are kept too, and raised)."""
        return self._kept(self._cache, key, make, None)

    def cached_recent(self, key: str, make: Callable[[], Any]) -> Any:
        """As `cached`, but only the RECENT_KEPT answers used last are kept."""
        return self._kept(self._recent, key, make, RECENT_KEPT)

    def _kept(
        self,
        cache: OrderedDict[str, tuple[Snapshot, Any]],
        key: str,
        make: Callable[[], Any],
        limit: int | None,
    ) -> Any:
        snapshot = self.snapshot()
        with self._lock:
            hit = cache.get(key)
            if hit is not None:
                cache.move_to_end(key)
        if hit is not None and hit[0] == snapshot:
            value = hit[1]
        else:
            try:
                value = make()
            except BantinError as e:
                value = e
            with self._lock:
                cache[key] = (snapshot, value)
                cache.move_to_end(key)
                while limit is not None and len(cache) > limit:
                    cache.popitem(last=False)
        if isinstance(value, BantinError):
            raise value
        return value

    def loaded(self) -> Loaded:
        """The dataset and rankings (bantin.load, bantin.rank); a BantinError as the CLI's."""

        def make() -> Loaded:
            from bantin.load import load_dataset
            from bantin.rank import rank_all

            dataset = load_dataset(self.data_dir)
            return Loaded(dataset, rank_all(dataset))

        result: Loaded = self.cached("loaded", make)
        return result

    def environment(self) -> Any:
        """The templates' Jinja environment (bantin.compose.sandbox), made again when a file
        in the templates folder is added, removed or changed."""
        from bantin.compose.sandbox import environment

        listing: tuple[tuple[str, int], ...] = ()
        if self.templates is not None and self.templates.is_dir():
            listing = tuple(
                sorted((p.name, p.stat().st_mtime_ns) for p in self.templates.iterdir())
            )
        with self._lock:
            hit = self._environment
        if hit is not None and hit[0] == listing:
            return hit[1]
        env = environment(self.templates)
        with self._lock:
            self._environment = (listing, env)
        return env

    def docx_writer(self) -> Any:
        """A DocxWriter over the templates' reference document, loaded once (and again
        when that document changes)."""
        from bantin.export.docx import DocxWriter
        from bantin.render import reference_document

        reference = reference_document(self.templates)
        key = (str(reference), reference.stat().st_mtime_ns) if reference is not None else None
        with self._lock:
            hit = self._docx
        if hit is not None and hit[0] == key:
            return hit[1]
        writer = DocxWriter(reference)
        with self._lock:
            self._docx = (key, writer)
        return writer

    def validation(self, year: int) -> Any:
        """`bantin validate YEAR`'s report (bantin.validate.validate_year)."""
        from bantin.validate import validate_year

        return self.cached(
            f"validate {year}", lambda: validate_year(self.data_dir, year, self.templates)
        )

    def years(self) -> list[int]:
        """The years that have a folder under data/, newest first."""
        if not self.data_dir.is_dir():
            return []
        return sorted(
            (int(p.name) for p in self.data_dir.iterdir() if p.is_dir() and _is_year(p.name)),
            reverse=True,
        )

    def evaluation_ids(self) -> list[str]:
        """The evaluations defined in data/evaluations/: the only names a score file may take."""
        folder = self.data_dir / EVALUATIONS_DIR
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.glob("*.toml") if p.is_file())

    def evaluation_labels(self) -> dict[str, str]:
        """Each evaluation's code with the name people know it by ("cchc": "CCHC — Chỉ số
        cải cách hành chính"); the bare code while its definition cannot be read."""

        def make() -> dict[str, str]:
            from bantin.load import load_evaluations

            evaluations = load_evaluations(self.data_dir / EVALUATIONS_DIR)
            return {
                e.id: f"{e.short_name} — {e.name[:1].upper()}{e.name[1:]}"
                for e in evaluations.values()
            }

        try:
            named: dict[str, str] = self.cached("evaluation labels", make)
        except BantinError:
            named = {}
        return {e: named.get(e, e) for e in self.evaluation_ids()}

    def year_dir(self, year: int) -> Path:
        """data/<year>/."""
        return self.data_dir / str(year)


def _is_year(name: str) -> bool:
    return len(name) == 4 and name.isdigit()
