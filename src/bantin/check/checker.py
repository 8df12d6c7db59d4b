"""What the rules of `bantin check` share: the data they compare with, and what they found."""

from __future__ import annotations

from collections.abc import Mapping

from bantin.check.mentions import Clause
from bantin.check.report import Finding, Unverified
from bantin.model import Dataset, Evaluation
from bantin.rank import RankedUnit, Ranking


class Checker:
    """The data a draft is compared with (the rankings, the year), and the outcome so far."""

    def __init__(
        self, dataset: Dataset, rankings: Mapping[str, Mapping[int, Ranking]], year: int
    ) -> None:
        self.dataset = dataset
        self.rankings = rankings
        self.year = year
        self.findings: list[Finding] = []
        self.unverified: list[Unverified] = []
        self.checked = 0

    def ranking(self, evaluation: Evaluation, year: int) -> Ranking | None:
        """The evaluation's ranking that year, if it has one."""
        return self.rankings.get(evaluation.id, {}).get(year)

    def find(self, evaluation: Evaluation, year: int, unit: str | None) -> RankedUnit | None:
        """The unit in the evaluation's ranking that year, if both are known."""
        ranking = self.ranking(evaluation, year)
        return ranking.find(unit) if ranking is not None and unit else None

    def evaluation(self, clause: Clause, position: int) -> Evaluation | None:
        """The evaluation a claim at `position` of the clause speaks of."""
        chosen = clause.evaluation_id(position)
        return self.dataset.evaluations.get(chosen) if chosen else None

    def verify(self, clause: Clause, text: str, ok: bool, expected: str, subject: str) -> None:
        """Count a checked claim; one the data contradicts becomes a finding."""
        self.checked += 1
        if not ok:
            self.findings.append(Finding(clause.paragraph, text, expected, subject))

    def skip(self, clause: Clause, text: str, why: str) -> None:
        """Set a number aside as unverified, saying why."""
        self.unverified.append(Unverified(clause.paragraph, text, why))

    def no_data(
        self, clause: Clause, text: str, evaluation: Evaluation, year: int, who: str | None = None
    ) -> None:
        """A claim about a year the evaluation has no results for."""
        about = subject(evaluation, year, who)
        self.verify(clause, text, False, f"không có kết quả năm {year}", about)


def subject(evaluation: Evaluation, year: int, who: str | None = None) -> str:
    """What a finding is about: "<unit or band>, <evaluation> <year>"."""
    where = f"{evaluation.short_name} {year}"
    return f"{who}, {where}" if who else where
