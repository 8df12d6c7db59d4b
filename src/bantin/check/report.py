"""What `bantin check` found: the report's records and its lines for the terminal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Words of the sentence quoted on each side of a claim.
_BEFORE, _AFTER = 6, 5
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")


@dataclass(frozen=True)
class Finding:
    """A claim of the draft that the data contradicts, with where it stands in the draft."""

    text: str
    expected: str
    subject: str
    quote: str
    paragraph: int = 0  # which paragraph, from 1, to find the claim again (never shown)
    start: int = 0
    end: int = 0
    pending: bool = False
    place: str = ""  # outside the body: "đầu trang", "chân trang", "chú thích"

    def __str__(self) -> str:
        note = " (chưa chấp nhận thay đổi)" if self.pending else ""
        where = f"Ở {self.place}: " if self.place else ""
        return f'{where}"{self.quote}"{note} — dữ liệu: {self.expected} ({self.subject})'


@dataclass(frozen=True)
class Unverified:
    """A number of the draft that is not score data and so was not checked."""

    text: str
    context: str
    quote: str
    paragraph: int = 0  # which paragraph, from 1 (never shown)
    place: str = ""  # outside the body: "đầu trang", "chân trang", "chú thích"

    def __str__(self) -> str:
        where = f"Ở {self.place}: " if self.place else ""
        return f'{where}"{self.quote}" — {self.context}'


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


def quote(text: str, start: int, end: int, names: Sequence[tuple[int, int]] = ()) -> str:
    """The sentence around text[start:end], a few words each side, "..." where cut.

    A cut never falls inside a name (`names`: where the text names a unit or an
    evaluation): "... Sở Nội vụ với 96,5 điểm", not "... vụ với 96,5 điểm".
    """
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    stop = _SENTENCE_END.search(text, end)
    finish = stop.start() if stop else len(text)
    before = [m.start() for m in re.finditer(r"\S+", text[begin:start])]
    after = [m.end() for m in re.finditer(r"\S+", text[end:finish])]
    cut = begin + before[-_BEFORE] if len(before) > _BEFORE else begin
    cut_end = end + after[_AFTER - 1] if len(after) > _AFTER else finish
    for a, b in names:
        if a < cut < b and a >= begin:
            cut = a
        if a < cut_end < b and b <= finish:
            cut_end = b
    said = " ".join(text[cut:cut_end].split()).rstrip(",:")
    if text[begin:cut].strip():
        said = "... " + said
    if text[cut_end:finish].strip():
        said += " ..."
    return said


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
