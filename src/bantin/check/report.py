"""What `bantin check` found: the report's records and its lines for the terminal."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Words of the sentence quoted on each side of a claim.
_BEFORE, _AFTER = 3, 5
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")


@dataclass(frozen=True)
class Finding:
    """A claim of the draft that the data contradicts, with where it stands in the draft."""

    text: str
    expected: str
    subject: str
    quote: str
    paragraph: int = 0  # index among the draft's paragraphs, to find the claim again
    start: int = 0
    end: int = 0
    pending: bool = False

    def __str__(self) -> str:
        note = " (chưa chấp nhận thay đổi)" if self.pending else ""
        return f'"{self.quote}"{note} — dữ liệu: {self.expected} ({self.subject})'


@dataclass(frozen=True)
class Unverified:
    """A number of the draft that is not score data and so was not checked."""

    text: str
    context: str
    quote: str

    def __str__(self) -> str:
        return f'"{self.quote}" — {self.context}'


@dataclass(frozen=True)
class CheckReport:
    """The outcome of checking one draft."""

    path: Path
    year: int
    agency: str
    checked: int
    findings: tuple[Finding, ...]
    unverified: tuple[Unverified, ...]
    pending: tuple[str, ...] = ()  # quotes of agreeing claims a pending change touches

    @property
    def ok(self) -> bool:
        """Whether every checked claim agrees with the data."""
        return not self.findings


def quote(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end], a few words each side, "..." where cut."""
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    stop = _SENTENCE_END.search(text, end)
    finish = stop.start() if stop else len(text)
    before = text[begin:start].split()
    after = text[end:finish].split()
    head = " ".join(before[-_BEFORE:]) if before else ""
    tail = " ".join(after[:_AFTER]) if after else ""
    # Keep the claim glued to what touches it: "90,65%" or "(94,82" stay whole.
    glued_before = start > begin and not text[start - 1].isspace()
    glued_after = end < finish and not text[end].isspace()
    claim = text[start:end]
    parts = (head + ("" if glued_before or not head else " ") + claim).strip()
    if tail:
        parts += ("" if glued_after else " ") + tail
    parts = parts.rstrip(",:")
    if len(before) > _BEFORE:
        parts = "... " + parts
    if len(after) > _AFTER:
        parts += " ..."
    return parts


def format_report(report: CheckReport) -> list[str]:
    """The report as lines for the terminal, in Vietnamese."""
    lines = [str(f) for f in report.findings]
    if report.pending:
        lines.append("Có thay đổi chưa chấp nhận (đã đọc như khi chấp nhận mọi thay đổi):")
        lines.extend(f'  "{q}"' for q in report.pending)
    if report.unverified:
        lines.append("Chưa kiểm chứng (không phải số liệu điểm):")
        lines.extend(f"  {u}" for u in report.unverified)
    summary = f"Đã kiểm tra {report.checked} số liệu của {report.agency} năm {report.year}: "
    if report.ok:
        lines.append(summary + "khớp với dữ liệu.")
    else:
        lines.append(summary + f"{len(report.findings)} chỗ không khớp với dữ liệu.")
    return lines
