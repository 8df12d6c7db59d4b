"""`bantin check`: compare every factual claim of a draft (DOCX or Markdown) with the data.

A draft is read as paragraphs of plain text, each cut into clauses at ";" and at
sentence ends. In a clause, every number, rank word and band name is classified
by the words around it (a score, a change, a count, a rank, a streak...), tied
to the unit the clause speaks of and to the evaluation and year in context, and
compared with the ranking engine's result. Numbers that are not score data
(dates, "10 tập thể", photo captions) are listed as unverified, never as errors.

The package by job: draft reads a draft, mentions finds what its clauses speak
of, rules compares each claim with the rankings (checker holds what the rules
share), report holds what was found.
"""

from __future__ import annotations

from pathlib import Path

from bantin.check.checker import Checker
from bantin.check.draft import draft_subject, markdown_paragraphs, read_draft
from bantin.check.mentions import Vocabulary
from bantin.check.report import CheckReport, Finding, Unverified, format_report
from bantin.check.rules import check_paragraphs
from bantin.errors import DataError
from bantin.load import load_dataset
from bantin.rank import rank_all, resolve_focus

__all__ = [
    "CheckReport",
    "Finding",
    "Unverified",
    "check_draft",
    "draft_subject",
    "format_report",
    "markdown_paragraphs",
    "read_draft",
]


def check_draft(
    path: Path,
    data_dir: Path,
    year: int | None = None,
    agency: str | None = None,
) -> CheckReport:
    """Check a draft against the data; year and agency come from the draft unless given."""
    paragraphs = read_draft(path)
    found_year, found_agency = draft_subject(path)
    year = year or found_year
    if year is None:
        raise DataError("không biết bản thảo viết về năm nào; thêm --year NĂM", path=path)
    dataset = load_dataset(data_dir)
    checker_focus = agency or found_agency or dataset.publisher.focus_agency
    rankings = rank_all(dataset)
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
    check_paragraphs(checker, Vocabulary(dataset, rankings, year, focus), paragraphs)
    return CheckReport(
        path=path,
        year=year,
        agency=focus,
        checked=checker.checked,
        findings=tuple(checker.findings),
        unverified=tuple(checker.unverified),
    )
