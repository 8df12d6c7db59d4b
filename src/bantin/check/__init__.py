"""`bantin check`: compare every factual claim of a draft (DOCX or Markdown) with the data.

A draft is read as paragraphs of plain text, each cut into clauses at ";" and at
sentence ends. In a clause, every number, rank word and band name is classified
by the words around it (a score, a change, a count, a rank, a streak...), tied
to the unit the clause speaks of and to the evaluation and year in context, and
compared with the ranking engine's result. Numbers that are not score data
(dates, "10 tập thể", photo captions) are listed as unverified, never as errors.

A ranking table (bantin's, or one an editor keeps in its shape) is read row by row:
each cell a claim about the row's unit, compared with the evaluation's ranking.

The package by job: draft reads a draft (wordxml a DOCX as Word shows it), numwords
reads numbers written in words, mentions finds what its clauses speak of, rules and
numbers compare each claim with the rankings, tables a ranking table's rows (checker
holds what the rules share),
report holds what was found and quotes it, annotate writes the commented copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bantin.check.annotate import annotate_report
from bantin.check.checker import Checker
from bantin.check.draft import (
    DraftParagraph,
    draft_subject,
    markdown_paragraphs,
    open_draft,
    read_draft,
    read_paragraphs,
)
from bantin.check.mentions import Vocabulary
from bantin.check.report import CheckReport, Finding, Unverified, format_report
from bantin.check.rules import check_paragraphs
from bantin.check.tables import check_tables
from bantin.errors import DataError
from bantin.load import load_dataset
from bantin.model import Dataset
from bantin.rank import Ranking, rank_all, resolve_focus
from bantin.source import Source

__all__ = [
    "CheckReport",
    "Finding",
    "Prepared",
    "Unverified",
    "annotate_report",
    "check_draft",
    "draft_subject",
    "format_report",
    "markdown_paragraphs",
    "prepare",
    "read_draft",
    "read_paragraphs",
]


@dataclass(frozen=True)
class Prepared:
    """The data a draft is checked against, loaded and ranked once."""

    dataset: Dataset
    rankings: Mapping[str, Mapping[int, Ranking]]


def prepare(data_dir: Path) -> Prepared:
    """Load and rank the data, to check any number of drafts against it."""
    dataset = load_dataset(data_dir)
    return Prepared(dataset, rank_all(dataset))


def check_draft(
    draft: Path | Source,
    data_dir: Path,
    year: int | None = None,
    agency: str | None = None,
    prepared: Prepared | None = None,
    *,
    kind: str | None = None,
) -> CheckReport:
    """Check a draft against the data; year and agency come from the draft unless given.

    The draft is a file on disk, or a Source (bytes, and the name its report shows);
    `kind` (".docx", ".md") says what it is when its name does not.
    """
    source = open_draft(draft)
    path = source.shown
    paragraphs = read_paragraphs(source, kind)
    folder = draft.parent if isinstance(draft, Path) else None
    found_year, found_agency = draft_subject(source, folder, kind)
    year = year or found_year
    if year is None:
        raise DataError("không biết bản thảo viết về năm nào; thêm --year NĂM", path=path)
    prepared = prepared or prepare(data_dir)
    dataset, rankings = prepared.dataset, prepared.rankings
    checker_focus = agency or found_agency or dataset.publisher.focus_agency
    focus = resolve_focus(
        checker_focus,
        [r for by in rankings.values() for y, r in by.items() if y == year],
        dataset.registry,
    )
    if focus is None:
        raise DataError(
            f'không tìm thấy đơn vị "{checker_focus}" trong dữ liệu năm {year}', path=data_dir
        )
    checker = Checker(dataset, rankings, year)
    vocabulary = Vocabulary(dataset, rankings, year, focus)
    # Ranking tables are read row by row; what they took is left out of the text, its
    # paragraphs kept as empty ones so that every claim keeps its paragraph's number.
    taken = check_tables(checker, vocabulary, paragraphs)
    text = [DraftParagraph("") if i in taken else p for i, p in enumerate(paragraphs)]
    check_paragraphs(checker, vocabulary, text)
    return CheckReport(
        path=path,
        year=year,
        agency=focus,
        checked=checker.checked,
        findings=tuple(sorted(checker.findings, key=lambda f: f.paragraph)),
        unverified=tuple(sorted(checker.unverified, key=lambda u: u.paragraph)),
        pending=tuple(checker.pending),
    )
