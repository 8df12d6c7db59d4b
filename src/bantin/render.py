"""The render job: load, rank and compose in memory, then write every output at once."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from bantin.article import Article
from bantin.assumed import refuse_assumed_bands
from bantin.compose.article import compose_article
from bantin.compose.facts import article_settings
from bantin.compose.sandbox import environment
from bantin.errors import BantinError, OutputError
from bantin.load import load_dataset
from bantin.model import ArticleSettings, Dataset
from bantin.rank import Ranking, rank_all
from bantin.vi import sort_names

if TYPE_CHECKING:
    import jinja2

    from bantin.export.docx import DocxWriter
    from bantin.output import StagedFile

FORMATS = ("docx", "md")
ALL_FORMATS = ("docx", "md", "html")
REFERENCE_NAME = "reference.docx"


def reference_document(templates: Path | None) -> Path | None:
    """The working folder's templates/reference.docx, when there is one."""
    reference = templates / REFERENCE_NAME if templates is not None else None
    return reference if reference is not None and reference.is_file() else None


@dataclass(frozen=True)
class RenderResult:
    """What a render wrote, and what the user should look at."""

    article: Article
    written: tuple[Path, ...]
    backups: tuple[Path, ...]
    warnings: tuple[str, ...]
    renamed: tuple[str, ...] = ()  # why the files have another name than the unit's


def render(
    data_dir: Path,
    out_dir: Path,
    year: int,
    formats: Sequence[str] = FORMATS,
    agency: str | None = None,
    templates: Path | None = None,
    created: datetime | None = None,
    force: bool = False,
    *,
    loaded: tuple[Dataset, Mapping[str, Mapping[int, Ranking]]] | None = None,
    env: jinja2.Environment | None = None,
    docx_writer: DocxWriter | None = None,
) -> RenderResult:
    """Write output/<year>/<agency>.docx and .md; nothing is written unless all of it renders.

    A file edited since bantin wrote it is refused, or with `force` kept as a backup.
    A caller that keeps the data loaded (the desk) passes the dataset read from
    `data_dir` and its rankings, the templates' environment and a DocxWriter made with
    the templates' reference document.
    """
    from bantin.output import write_outputs

    dataset, rankings = loaded if loaded is not None else (load_dataset(data_dir), None)
    refuse_assumed_bands(dataset, year)
    rankings = rankings if rankings is not None else rank_all(dataset)
    folder = out_dir / str(year)
    built = build_article(
        dataset, rankings, year, agency, folder, formats, templates, created, env, docx_writer
    )
    article = built.article
    about = {"year": str(year), "agency": article.focus}
    report = write_outputs(folder, built.outputs, force=force, about=about)
    return RenderResult(
        article=article,
        written=report.written,
        backups=report.backups,
        warnings=article.warnings,
        renamed=built.renamed,
    )


@dataclass(frozen=True)
class BuiltArticle:
    """A unit's article and its files, in memory: what a render writes, or the desk shows."""

    article: Article
    outputs: dict[Path, bytes]  # each file by the path it belongs at in the year's folder
    base: str  # the name of the article's files, as `render --all` gives it
    renamed: tuple[str, ...]  # why that name is not the unit's, if it is not


def build_article(
    dataset: Dataset,
    rankings: Mapping[str, Mapping[int, Ranking]],
    year: int,
    agency: str | None,
    folder: Path,
    formats: Sequence[str],
    templates: Path | None = None,
    created: datetime | None = None,
    env: jinja2.Environment | None = None,
    docx_writer: DocxWriter | None = None,
) -> BuiltArticle:
    """Compose a unit's article (bantin.compose) and render its files to bytes for the
    year's output `folder` (bantin.export); nothing is written.

    The files get the names `render --all` gives them, so that one article and the batch
    never write two units' articles to one file; the photos theirs among the year's.
    """
    from bantin.export import article_bases, build_outputs, photo_names

    article = compose_article(dataset, year, agency, templates, rankings, env)
    settings = article_settings(dataset, year)
    units = _year_units(dataset, rankings, year, settings) | {article.focus}
    bases, renamed = article_bases(sort_names(sorted(units)))
    base = bases[article.focus]
    outputs = build_outputs(
        article,
        folder,
        formats,
        created,
        reference_document(templates),
        docx_writer,
        base,
        photo_names(photo_files(settings)),
    )
    why = tuple(r.message() for r in renamed if r.unit == article.focus)
    return BuiltArticle(article, outputs, base, why)


def _year_units(
    dataset: Dataset,
    rankings: Mapping[str, Mapping[int, Ranking]],
    year: int,
    settings: ArticleSettings,
) -> set[str]:
    """The units with a result in one of the year's sections: those `render --all` writes."""
    return {
        u.unit
        for s in settings.sections
        for part in dataset.parts(s)
        if (ranking := rankings.get(part, {}).get(year)) is not None
        for u in ranking.units
    }


def year_units(
    dataset: Dataset, rankings: Mapping[str, Mapping[int, Ranking]], year: int
) -> list[str]:
    """The units `render --all` writes an article for that year, in Vietnamese order."""
    return sort_names(sorted(_year_units(dataset, rankings, year, article_settings(dataset, year))))


def photo_files(settings: ArticleSettings) -> list[Path]:
    """The year's photo files, in the settings' order: every article's photos among them."""
    return [p.file for p in settings.photos if p.file is not None and p.file.is_file()]


@dataclass(frozen=True)
class BatchResult:
    """What `render --all` did: articles written, and units skipped with the reason."""

    written: tuple[tuple[str, tuple[Path, ...]], ...]
    skipped: tuple[tuple[str, str], ...]
    backups: tuple[Path, ...]
    folder: Path
    processes: int  # how many processes composed the articles (1: this one alone)
    renamed: tuple[str, ...] = ()  # units whose files have another name, and why


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
    rendered by `jobs` processes (default: one per CPU), which write them to
    temporaries; this process checks every target and moves the files into place in
    the units' order, so the result is the same whatever the number of processes.
    """
    dataset = load_dataset(data_dir)
    rankings = rank_all(dataset)
    settings = article_settings(dataset, year)
    if not settings.sections:
        raise BantinError(f"{data_dir}: không có dữ liệu điểm nào cho năm {year}")
    refuse_assumed_bands(dataset, year)
    names = _year_units(dataset, rankings, year, settings)
    from bantin.export import article_bases, photo_names
    from bantin.output import (
        Staging,
        WriteError,
        discard_staged,
        locked,
        open_folder,
        stage_outputs,
    )
    from bantin.output.commit import remove_leftovers

    folder = out_dir / str(year)
    units = sort_names(sorted(names))
    # Every file name is settled before anything is written: no unit's file is another's.
    bases, renamed = article_bases(units)
    job = _BatchJob(
        dataset,
        rankings,
        year,
        tuple(formats),
        templates,
        folder,
        reference_document(templates),
        bases,
        photo_names(photo_files(settings)),
    )
    written: list[tuple[str, tuple[Path, ...]]] = []
    skipped: list[tuple[str, str]] = []
    processes: set[int] = set()
    # All or nothing, as a single render: every article is staged and checked, then all
    # move into place at once. A unit whose draft was edited is skipped (and said so); a
    # write that fails (a full disk) stops the batch with nothing in the folder changed.
    with locked(folder):  # no other run writes here until the batch is done
        staging = Staging(open_folder(folder))
        articles = _articles(job, units, jobs)

        def stage(unit: str, result: _Rendered, pdf: bytes | None = None) -> None:
            """Stage a unit's files, or note why the unit is skipped."""
            try:
                if isinstance(result, OutputError):
                    raise result
                focus, files, _ = result
                outputs = {folder / name: data for name, data in files.items()}
                if pdf is not None:
                    outputs[folder / f"{bases[unit]}.pdf"] = pdf
                about = {"year": str(year), "agency": focus}
                try:
                    paths = stage_outputs(staging, outputs, force, None, about)
                except OutputError:
                    discard_staged(outputs)
                    raise
            except WriteError:
                raise
            except OutputError as e:
                skipped.append((unit, e.detail))
            else:
                written.append((unit, paths))

        try:
            # With PDF, the articles wait for one LibreOffice run over all their drafts.
            waiting: dict[str, _Made] = {}
            for done, (unit, pid, result) in enumerate(articles, start=1):
                processes.add(pid)
                if isinstance(result, WriteError):
                    raise result
                if "pdf" in formats and not isinstance(result, OutputError):
                    waiting[unit] = result
                else:
                    stage(unit, result)
                if progress is not None:
                    progress(done, len(units), unit)
            if waiting:
                from bantin.export.pdf import docx_to_pdfs

                pdfs = docx_to_pdfs({u: r[2] for u, r in waiting.items() if r[2]}, folder)
                for unit, made in waiting.items():
                    stage(unit, made, pdfs[unit])
            backups = staging.commit()
        finally:
            articles.close()  # stops the workers, if any are still running
            staging.discard()  # what was not committed
            remove_leftovers(folder, asides=False)  # and what the stopped workers had begun
    return BatchResult(
        tuple(written),
        tuple(skipped),
        backups,
        folder,
        len(processes),
        tuple(r.message() for r in renamed),
    )


@dataclass(frozen=True)
class _BatchJob:
    """What every article of a batch is made from, given once to each worker process."""

    dataset: Dataset
    rankings: Mapping[str, Mapping[int, Ranking]]
    year: int
    formats: tuple[str, ...]
    templates: Path | None
    folder: Path
    reference: Path | None  # the working folder's reference.docx, if it has one
    bases: Mapping[str, str]  # each unit's file name, from article_bases
    photos: Mapping[Path, str]  # each photo's name in images/, from photo_names


# A unit's article: focus, files by their path in the year's folder, and the DOCX to make
# the PDF of when PDF is asked for.
_Made: TypeAlias = "tuple[str, dict[str, bytes | StagedFile], bytes | None]"
# The article, or why the unit is skipped.
_Rendered: TypeAlias = "_Made | OutputError"


class _Worker:
    """What a process making a batch's articles sets up once: the job, the templates'
    environment and the DOCX writer (which loads the reference document)."""

    def __init__(self, job: _BatchJob) -> None:
        self.job = job
        self.environment = environment(job.templates)
        self.docx: DocxWriter | None = None
        if "docx" in job.formats or "pdf" in job.formats:
            from bantin.export.docx import DocxWriter

            self.docx = DocxWriter(job.reference)

    def render(self, unit: str) -> tuple[str, int, _Rendered]:
        """Compose and render one unit's article: (unit, this process's id, (focus, files,
        DOCX for the PDF)) or the OutputError that skips the unit.

        The article's own files are written to temporaries here, in the worker; photos
        (the same for every article) come back as bytes for the batch to write once, and
        so does the DOCX the batch converts to PDF with the others' (LibreOffice takes
        seconds to start: once for the batch, not once an article).
        """
        from bantin.export import build_outputs
        from bantin.output import discard_staged, stage_file

        job = self.job
        try:
            article = compose_article(
                job.dataset, job.year, unit, job.templates, job.rankings, self.environment
            )
            pdf = "pdf" in job.formats
            made = [f for f in job.formats if f != "pdf"] + (["docx"] if pdf else [])
            outputs = build_outputs(
                article,
                job.folder,
                list(dict.fromkeys(made)),
                None,
                job.reference,
                self.docx,
                job.bases[unit],
                job.photos,
            )
            for_pdf = None
            if pdf:
                docx = job.folder / f"{job.bases[unit]}.docx"
                for_pdf = outputs[docx] if "docx" in job.formats else outputs.pop(docx)
            staged: dict[str, bytes | StagedFile] = {}
            try:
                for path, data in outputs.items():
                    name = path.relative_to(job.folder).as_posix()
                    staged[name] = data if name.startswith("images/") else stage_file(path, data)
            except OutputError:
                discard_staged(staged)
                raise
        except OutputError as e:
            return unit, os.getpid(), e
        return unit, os.getpid(), (article.focus, staged, for_pdf)


# The worker of this process, in a worker process of the pool.
_WORKER: _Worker | None = None


def _start_worker(job: _BatchJob) -> None:
    """Set a pool's process up for the batch. Ctrl+C is left to the batch's own process,
    which stops the pool and removes what its workers had begun."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = _Worker(job)


def _render_in_worker(unit: str) -> tuple[str, int, _Rendered]:
    assert _WORKER is not None, "the pool's initializer sets the worker up"
    return _WORKER.render(unit)


# Below this many articles a batch stays in one process: starting workers (each imports
# bantin, loads the templates, and for DOCX the reference document) costs more than they
# save.
PARALLEL_FROM = 64
PARALLEL_FROM_DOCX = 24

# The start method of the batch's worker processes: spawn, as Windows and macOS start
# them, on every OS, so a batch behaves the same everywhere: each worker is a new Python
# given the batch, never a copy of this process's state.
START_METHOD = "spawn"


def _articles(
    job: _BatchJob, units: Sequence[str], jobs: int | None
) -> Generator[tuple[str, int, _Rendered], None, None]:
    """Each unit's rendered article, in the units' order, from one or several processes."""
    workers = jobs if jobs is not None else _default_jobs()
    workers = max(1, min(workers, len(units) // 12 or 1))  # a dozen articles each at least
    least = PARALLEL_FROM_DOCX if "docx" in job.formats else PARALLEL_FROM
    if workers == 1 or (jobs is None and len(units) < least):
        worker = _Worker(job)
        yield from map(worker.render, units)
        return
    # Imported here: a single render, or a small batch, starts no process.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context(START_METHOD),
        initializer=_start_worker,
        initargs=(job,),
    )
    try:
        chunk = max(1, min(32, len(units) // (workers * 8)))
        yield from pool.map(_render_in_worker, units, chunksize=chunk)
    except BrokenProcessPool as e:
        raise BantinError("một tiến trình soạn bài dừng đột ngột; chạy lại với --jobs 1") from e
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _default_jobs() -> int:
    return min(os.cpu_count() or 1, 8)
