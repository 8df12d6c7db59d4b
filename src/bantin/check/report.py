"""What `bantin check` found: the report's records and its lines for the terminal."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Finding:
    """A claim of the draft that the data contradicts."""

    paragraph: int
    text: str
    expected: str
    subject: str

    def __str__(self) -> str:
        return f'đoạn {self.paragraph}: "{self.text}" — dữ liệu: {self.expected} ({self.subject})'


@dataclass(frozen=True)
class Unverified:
    """A number of the draft that is not score data and so was not checked."""

    paragraph: int
    text: str
    context: str

    def __str__(self) -> str:
        return f'đoạn {self.paragraph}: "{self.text}" — {self.context}'


@dataclass(frozen=True)
class CheckReport:
    """The outcome of checking one draft."""

    path: Path
    year: int
    agency: str
    checked: int
    findings: tuple[Finding, ...]
    unverified: tuple[Unverified, ...]

    @property
    def ok(self) -> bool:
        """Whether every checked claim agrees with the data."""
        return not self.findings


def format_report(report: CheckReport) -> list[str]:
    """The report as lines for the terminal, in Vietnamese."""
    lines = [str(f) for f in report.findings]
    if report.unverified:
        lines.append("Chưa kiểm chứng (không phải số liệu điểm):")
        lines.extend(f"  {u}" for u in report.unverified)
    if report.ok:
        lines.append(
            f"Đã kiểm tra {report.checked} số liệu của {report.agency} năm {report.year}: "
            "khớp với dữ liệu."
        )
    else:
        lines.append(
            f"Đã kiểm tra {report.checked} số liệu của {report.agency} năm {report.year}: "
            f"{len(report.findings)} chỗ không khớp với dữ liệu."
        )
    return lines
