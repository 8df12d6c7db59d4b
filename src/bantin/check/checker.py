"""What the rules of `bantin check` share: the data they compare with, and what they found."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bantin.check.draft import DraftParagraph
from bantin.check.mentions import Clause, Vocabulary
from bantin.check.numwords import Spelled
from bantin.check.report import Finding, Unverified, quote
from bantin.model import Dataset, Evaluation
from bantin.rank import RankedUnit, Ranking


@dataclass(frozen=True)
class Source:
    """The paragraph being checked: as shown, and as the rules read it."""

    paragraph: DraftParagraph
    spelled: Spelled
    vocabulary: Vocabulary | None = None

    def quote(self, start: int, end: int) -> str:
        """The paragraph's sentence around a claim, names kept whole."""
        shown = self.paragraph.text
        names = self.vocabulary.names(shown) if self.vocabulary else []
        return quote(shown, start, end, names)


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
        self.pending: list[str] = []
        self.checked = 0
        self.source = Source(DraftParagraph(""), Spelled("", "", ()))

    def ranking(self, evaluation: Evaluation, year: int) -> Ranking | None:
        """The evaluation's ranking that year, if it has one."""
        return self.rankings.get(evaluation.id, {}).get(year)

    def find(self, evaluation: Evaluation, year: int, unit: str | None) -> RankedUnit | None:
        """The unit in the evaluation's ranking that year, if both are known."""
        ranking = self.ranking(evaluation, year)
        return ranking.find(unit) if ranking is not None and unit else None

    def block_of(self, evaluation: Evaluation, year: int, unit: str) -> Evaluation | None:
        """The block of the evaluation `evaluation` is a block of that ranks the unit that year."""
        base = self.dataset.base_id(evaluation.id)
        for other in self.dataset.evaluations.values():
            if "@" in other.id and self.dataset.base_id(other.id) == base:
                ranking = self.ranking(other, year)
                if ranking is not None and ranking.find(unit) is not None:
                    return other
        return None

    def evaluation(self, clause: Clause, position: int) -> Evaluation | None:
        """The evaluation a claim at `position` of the clause speaks of."""
        chosen = clause.evaluation_id(position)
        return self.dataset.evaluations.get(chosen) if chosen else None

    def locate(self, clause: Clause, start: int, end: int) -> tuple[int, int]:
        """Where a stretch of a clause stands in the paragraph as shown."""
        return self.source.spelled.to_original(clause.offset + start, clause.offset + end)

    def verify(
        self,
        clause: Clause,
        text: str,
        ok: bool,
        expected: str,
        subject: str,
        at: tuple[int, int],
    ) -> None:
        """Count a checked claim (at clause.text[a:b]); one the data contradicts is a finding."""
        self.checked += 1
        start, end = self.locate(clause, *at)
        shown = self.source.paragraph.text
        # A change inserted in the claim, or deleted inside or right beside it.
        pending = any(a <= end and start <= b for a, b in self.source.paragraph.pending)
        if ok:
            if pending:
                self.pending.append(self.source.quote(start, end))
            return
        said = self.source.quote(start, end)
        # The claim as written: "bảy" where the rules read 7.
        if clause.text[at[0] : at[1]] == text:
            text = shown[start:end]
        place = self.source.paragraph.place
        finding = Finding(
            text, expected, subject, said, clause.paragraph, start, end, pending, place
        )
        self.findings.append(finding)

    def skip(self, clause: Clause, text: str, why: str, at: tuple[int, int]) -> None:
        """Set a number aside as unverified, saying why."""
        start, end = self.locate(clause, *at)
        shown = self.source.paragraph.text
        said = self.source.quote(start, end)
        place = self.source.paragraph.place
        self.unverified.append(Unverified(shown[start:end], why, said, clause.paragraph, place))

    def no_data(
        self,
        clause: Clause,
        text: str,
        evaluation: Evaluation,
        year: int,
        at: tuple[int, int],
        who: str | None = None,
    ) -> None:
        """A claim about a year the evaluation has no results for."""
        about = subject(evaluation, year, who)
        self.verify(clause, text, False, f"không có kết quả năm {year}", about, at)


def subject(evaluation: Evaluation, year: int, who: str | None = None) -> str:
    """What a finding is about: "<unit or band>, <evaluation> <year>"."""
    where = f"{evaluation.short_name} {year}"
    return f"{who}, {where}" if who else where
