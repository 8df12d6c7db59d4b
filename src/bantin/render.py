"""The render job: load, rank and compose in memory, then write every output at once."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from bantin.article import Article
from bantin.compose import article_settings, compose_article, environment
from bantin.errors import BantinError, OutputError
from bantin.load import load_dataset
from bantin.model import Dataset
from bantin.rank import Ranking, rank_all
from bantin.vi import sort_names
from bantin.worker import can_fork, ordered_map, reference_document

if TYPE_CHECKING:  # the output stage is imported where it runs (a single render may fork it)
    import jinja2

    from bantin.export.docx import DocxWriter
    from bantin.output import Manifest, StagedFile, Staging
    from bantin.worker import OutputWorker

FORMATS = ("docx", "md")
ALL_FORMATS = ("docx", "md", "html")


@dataclass(frozen=True)
class RenderResult:
    """What a render wrote, and what the user should look at."""

    article: Article
    written: tuple[Path, ...]
    backups: tuple[Path, ...]
    warnings: tuple[str, ...]


def render(
    data_dir: Path,
    out_dir: Path,
    year: int,
    formats: Sequence[str] = FORMATS,
    agency: str | None = None,
    templates: Path | None = None,
    created: datetime | None = None,
    force: bool = False,
    worker: OutputWorker | None = None,
) -> RenderResult:
    """Write output/<year>/<agency>.docx and .md; nothing is written unless all of it renders.

    A file edited since bantin wrote it is refused, or with `force` kept as a backup.
    The command line passes a `worker` it forked early to write the outputs
    (bantin.worker); otherwise they are written here.
    """
    dataset = load_dataset(data_dir)
    article = compose_article(dataset, year, agency, templates)
    folder = out_dir / str(year)
    if worker is not None:
        written, backups = worker.write(article, folder, formats, created, force)
    else:
        from bantin.output import write_article

        report = write_article(
            article, folder, formats, created, reference_document(templates), force
        )
        written, backups = report.written, report.backups
    return RenderResult(
        article=article,
        written=written,
        backups=backups,
        warnings=article.warnings,
    )


@dataclass(frozen=True)
class BatchResult:
    """What `render --all` did: articles written, and units skipped with the reason."""

    written: tuple[tuple[str, tuple[Path, ...]], ...]
    skipped: tuple[tuple[str, str], ...]
    backups: tuple[Path, ...]
    folder: Path


def render_all(
    data_dir: Path,
    out_dir: Path,
    year: int,
    formats: Sequence[str] = FORMATS,
    templates: Path | None = None,
    force: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    jobs: int | None = None,
) -> BatchResult:
    """One article per unit with data that year; a unit that fails is skipped, not fatal.

    Data is loaded and ranked once for the whole batch. Articles are composed and
    rendered by `jobs` processes (default: one per CPU, where processes can be forked
    cheaply), which write them to temporaries; this process checks every target and
    moves the files into place in the units' order, so the result is the same whatever
    the number of processes.
    """
    dataset = load_dataset(data_dir)
    rankings = rank_all(dataset)
    sections = article_settings(dataset, year).sections
    if not sections:
        raise BantinError(f"{data_dir}: không có dữ liệu điểm nào cho năm {year}")
    names = {
        u.unit
        for s in sections
        for part in dataset.parts(s)
        if (ranking := rankings.get(part, {}).get(year)) is not None
        for u in ranking.units
    }
    from bantin.output import (
        Manifest,
        Staging,
        discard_staged,
        locked,
        prepare_folder,
        write_outputs,
    )

    folder = out_dir / str(year)
    units = sort_names(sorted(names))
    for by_year in rankings.values():
        for ranking in by_year.values():
            ranking.find("")  # builds each ranking's look-up once, before workers fork
    job = _BatchJob(
        dataset,
        rankings,
        year,
        tuple(formats),
        templates,
        folder,
        reference_document(templates),
        environment(templates),
    )
    written: list[tuple[str, tuple[Path, ...]]] = []
    skipped: list[tuple[str, str]] = []
    backups: list[Path] = []
    with locked(folder):  # no other run writes here until the batch is done
        manifest = Manifest.load(folder)
        prepare_folder(folder)
        staging = Staging()
        committed = False
        articles = _articles(job, units, jobs)
        try:
            for done, (unit, result) in enumerate(articles, start=1):
                try:
                    if isinstance(result, OutputError):
                        raise result
                    focus, files = result
                    outputs = {folder / name: data for name, data in files.items()}
                    about = {"year": str(year), "agency": focus}
                    try:
                        report = write_outputs(
                            folder, outputs, force, None, about, manifest, staging
                        )
                    except OutputError:
                        discard_staged(outputs)
                        raise
                except OutputError as e:
                    skipped.append((unit, e.detail))
                else:
                    written.append((unit, report.written))
                    backups += report.backups
                if done % COMMIT_EVERY == 0:
                    _commit(staging, manifest)  # a killed batch loses at most this many articles
                if progress is not None:
                    progress(done, len(units), unit)
            _commit(staging, manifest)
            committed = True
        finally:
            articles.close()  # stops the workers, if any are still running
            if not committed:
                staging.discard()  # articles not committed; the manifest matches the folder
                prepare_folder(folder)  # and what the stopped workers had begun
    return BatchResult(tuple(written), tuple(skipped), tuple(backups), folder)


@dataclass(frozen=True)
class _BatchJob:
    """What every article of a batch is made from (inherited by forked workers)."""

    dataset: Dataset
    rankings: Mapping[str, Mapping[int, Ranking]]
    year: int
    formats: tuple[str, ...]
    templates: Path | None
    folder: Path
    reference: Path | None  # the working folder's reference.docx, if it has one
    environment: jinja2.Environment  # the templates', looked up once for the batch


# (focus, files by their path in the year's folder) or why the unit is skipped. Paths
# travel from the workers as text: unpickling a Path parses it again, part by part.
_Rendered: TypeAlias = "tuple[str, dict[str, bytes | StagedFile]] | OutputError"

# The job of this process's batch, set before workers are forked so that they share it.
_JOB: _BatchJob | None = None
_DOCX_WRITER: DocxWriter | None = None


def _render_unit(unit: str) -> tuple[str, _Rendered]:
    """Compose and render one unit's article: (unit, (focus, files)) or the OutputError.

    The article's own files are written to temporaries here, in the worker; photos
    (the same for every article) come back as bytes for the batch to write once.
    """
    global _DOCX_WRITER
    from bantin.export import build_outputs
    from bantin.output import discard_staged, stage_file

    job = _JOB
    assert job is not None
    if "docx" in job.formats and _DOCX_WRITER is None:
        from bantin.export.docx import DocxWriter

        _DOCX_WRITER = DocxWriter(job.reference)
    try:
        article = compose_article(
            job.dataset, job.year, unit, job.templates, job.rankings, job.environment
        )
        outputs = build_outputs(article, job.folder, job.formats, None, job.reference, _DOCX_WRITER)
        inside = f"{job.folder}{os.sep}"  # build_outputs puts every file under the folder
        staged: dict[str, bytes | StagedFile] = {}
        try:
            for path, data in outputs.items():
                name = str(path)[len(inside) :].replace(os.sep, "/")
                staged[name] = data if name.startswith("images/") else stage_file(path, data)
        except OutputError:
            discard_staged(staged)
            raise
    except OutputError as e:
        return unit, e
    return unit, (article.focus, staged)


# Below this many articles a batch stays in one process: starting workers (each loads the
# templates, and for DOCX the reference document) costs more than they save. Measured on
# 2 cores with the sample's 32 articles: DOCX 195 ms with two workers against 273 ms in
# one process; Markdown 85 ms against 60 ms.
PARALLEL_FROM = 64
PARALLEL_FROM_DOCX = 24


def _articles(
    job: _BatchJob, units: Sequence[str], jobs: int | None
) -> Generator[tuple[str, _Rendered], None, None]:
    """Each unit's rendered article, in the units' order, from one or several processes."""
    global _JOB, _DOCX_WRITER
    workers = jobs if jobs is not None else _default_jobs()
    workers = max(1, min(workers, len(units) // 12 or 1))  # a dozen articles each at least
    _JOB, _DOCX_WRITER = job, None
    try:
        least = PARALLEL_FROM_DOCX if "docx" in job.formats else PARALLEL_FROM
        if workers == 1 or (jobs is None and len(units) < least) or not can_fork():
            yield from map(_render_unit, units)
            return
        import gc

        gc.freeze()  # the dataset stays shared with the workers instead of being copied
        try:
            chunk = max(1, min(32, len(units) // (workers * 8)))
            yield from ordered_map(_render_unit, units, workers, chunk)
        finally:
            gc.unfreeze()
    finally:
        _JOB, _DOCX_WRITER = None, None


def _default_jobs() -> int:
    count = os.cpu_count() or 1
    return min(count, 8)


# A batch moves its files into place and saves its manifest every this many articles:
# one sync per slice instead of one per file, and rewriting a manifest of thousands of
# entries per article would make a batch quadratic.
COMMIT_EVERY = 1000


def _commit(staging: Staging, manifest: Manifest) -> None:
    if len(staging):
        staging.commit()
        manifest.save()
