"""`bantin validate`: check everything render would read for a year, and list every problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bantin import vi
from bantin.assumed import assumed_band_errors
from bantin.compose.article import compose_article
from bantin.errors import BantinError, DataError
from bantin.load import load_dataset
from bantin.model import Dataset, Evaluation, ScoreTable
from bantin.rank import BandCount, RankedUnit, Ranking, band_for, rank_all


@dataclass(frozen=True)
class EvaluationSummary:
    """One evaluation's year at a glance."""

    evaluation: Evaluation
    source: Path | None
    size: int
    band_counts: tuple[BandCount, ...]
    top: tuple[RankedUnit, ...]
    sheet: str | None = None  # the XLSX sheet read


@dataclass(frozen=True)
class ValidationReport:
    """What validate found: per-evaluation summaries, errors and warnings."""

    year: int
    summaries: tuple[EvaluationSummary, ...]
    errors: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Whether render would succeed."""
        return not self.errors


def validate_year(data_dir: Path, year: int, templates: Path | None = None) -> ValidationReport:
    """Read the data as render does, collecting every problem instead of stopping at the first."""
    problems: list[DataError] = []
    dataset = load_dataset(data_dir, report=problems.append)
    errors = [e.format_message() for e in problems]
    failed_files = {e.path for e in problems}
    rankings = rank_all(dataset)
    summaries = []
    warnings: list[str] = []
    for evaluation_id, evaluation in dataset.evaluations.items():
        table = dataset.scores.get((evaluation_id, year))
        ranking = rankings.get(evaluation_id, {}).get(year)
        if table is None or ranking is None:
            continue
        summaries.append(
            EvaluationSummary(
                evaluation=evaluation,
                source=table.source,
                size=ranking.size,
                band_counts=ranking.band_counts,
                top=ranking.units[:3],
                sheet=table.sheet,
            )
        )
        warnings += _band_warnings(table, evaluation)
        previous = rankings.get(evaluation_id, {}).get(year - 1)
        # A file with errors lost rows: comparing it with last year would only echo them.
        if previous is not None and str(table.source) not in failed_files:
            warnings += _year_warnings(evaluation, ranking, previous)
    if not summaries:
        errors.append(f"{data_dir}: không có dữ liệu điểm nào cho năm {year}")
    errors += [e.format_message() for e in assumed_band_errors(dataset, year)]
    if summaries and not errors:
        errors += _composition_errors(dataset, year, templates)
    return ValidationReport(
        year=year, summaries=tuple(summaries), errors=tuple(errors), warnings=tuple(warnings)
    )


def _band_warnings(table: ScoreTable, evaluation: Evaluation) -> list[str]:
    warnings = []
    for row in table.rows:
        if row.official_band is None:
            continue
        by_threshold = evaluation.bands[band_for(row.score, evaluation.bands)].name
        if by_threshold != row.official_band:
            warnings.append(
                f'{table.source}:{row.line}: xếp loại chính thức "{row.official_band}" của '
                f'{row.unit} khác với mức theo ngưỡng điểm ("{by_threshold}" với '
                f"{vi.format_number(row.score, evaluation.decimals)} điểm); bantin dùng xếp loại "
                "chính thức"
            )
    return warnings


def _year_warnings(evaluation: Evaluation, ranking: Ranking, previous: Ranking) -> list[str]:
    name = evaluation.short_name
    warnings = []
    if ranking.size != previous.size:
        warnings.append(
            f"{name}: {ranking.size} đơn vị năm {ranking.year}, "
            f"{previous.size} đơn vị năm {previous.year}"
        )
    for unit in previous.units:
        if ranking.find(unit.unit) is None:
            warnings.append(
                f"{name}: {unit.unit} có trong kết quả năm {previous.year} "
                f"nhưng không có năm {ranking.year}"
            )
    return warnings


def _composition_errors(dataset: Dataset, year: int, templates: Path | None) -> list[str]:
    """Whether the article itself can be written (sections, photos, templates)."""
    try:
        compose_article(dataset, year, templates=templates)
    except BantinError as e:
        return [e.format_message()]
    return []


def format_validation(report: ValidationReport) -> list[str]:
    """The report as lines for the terminal, in Vietnamese."""
    lines = []
    for s in report.summaries:
        block = f", {s.evaluation.group}" if "@" in s.evaluation.id else ""
        sheet = f', trang tính "{s.sheet}"' if s.sheet is not None else ""
        lines.append(f"{s.evaluation.short_name} — {s.evaluation.name}{block} ({s.source}{sheet})")
        counts = ", ".join(f"{b.band} {b.count}" for b in s.band_counts)
        lines.append(f"  {s.size} đơn vị; {counts}")
        top = "; ".join(
            f"{u.rank}. {u.unit} ({vi.format_number(u.score, s.evaluation.decimals)})"
            for u in s.top
        )
        lines.append(f"  Đứng đầu: {top}")
    lines += [f"Cảnh báo: {w}" for w in report.warnings]
    lines += [f"Lỗi: {e}" for e in report.errors]
    lines.append(f"Năm {report.year}: {len(report.errors)} lỗi, {len(report.warnings)} cảnh báo.")
    return lines
