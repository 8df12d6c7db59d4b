"""`bantin check` on a draft brought to the page, and its annotated copy to download."""

from __future__ import annotations

import re
import secrets
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bantin.desk.workspace import Workspace
from bantin.errors import DataError
from bantin.source import Source

if TYPE_CHECKING:
    from bantin.check.report import CheckReport

_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class Checked:
    """What the check page shows of one draft."""

    report: CheckReport
    lines: list[str]  # the report as `bantin check` prints it
    docx: bool
    copy: bytes | None  # the annotated copy, when the draft is a DOCX with findings
    copy_name: str
    copy_error: str | None  # why no annotated copy could be made, in the CLI's words


def check_upload(
    workspace: Workspace, data: bytes, shown_name: str, year: int | None, agency: str | None
) -> Checked:
    """The check report of an uploaded DOCX or Markdown draft, its lines as the CLI prints
    them, and for a DOCX with findings the bytes `bantin check --annotate` would write.
    The draft is read from memory, written nowhere; its name from the browser is only
    shown, never used as a path."""
    from bantin.check import check_draft, format_report
    from bantin.check.annotate import annotated_copy

    # Its kind from its first bytes, as the browser's name may have none.
    kind = ".docx" if data.startswith(_ZIP) else ".md"
    if kind == ".md":
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DataError("chỉ kiểm tra được tệp .docx hoặc .md (UTF-8)") from None
    draft = Source(data, Path(shown_name))
    report = check_draft(draft, workspace.data_dir, year, agency, kind=kind)
    copy: bytes | None = None
    copy_error: str | None = None
    if kind == ".docx" and report.findings:
        try:
            copy = annotated_copy(draft, report, kind=kind)
        except DataError as e:
            # The findings still stand; only the copy is missing, and the page says why.
            copy_error = e.format_message()
    lines = format_report(report)
    return Checked(report, lines, kind == ".docx", copy, copy_name(shown_name), copy_error)


def copy_name(shown_name: str) -> str:
    """`<tên gửi lên> (đã kiểm tra).docx`, the CLI's name for the copy, from the last part
    of the name the browser sent (some send a whole path)."""
    from bantin.check.annotate import annotated_name

    base = unicodedata.normalize("NFC", re.split(r"[\\/:]", shown_name)[-1]).strip()
    return annotated_name(Path(base or "bản thảo.docx")).name


@dataclass(frozen=True)
class _Copy:
    name: str
    data: bytes
    owner: str  # the session's token: another browser cannot take the copy


class Copies:
    """The annotated copies the check page made, held in memory until downloaded (the
    output folder keeps nothing); the oldest go first beyond a few."""

    KEEP = 8

    def __init__(self) -> None:
        self._lock = threading.Lock()  # waitress answers requests on several threads
        self._copies: OrderedDict[str, _Copy] = OrderedDict()

    def add(self, name: str, data: bytes, owner: str) -> str:
        """Keep a copy; the key its download address carries."""
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._copies[key] = _Copy(name, data, owner)
            while len(self._copies) > self.KEEP:
                self._copies.popitem(last=False)
        return key

    def get(self, key: str, owner: str) -> tuple[str, bytes] | None:
        """The copy's name and bytes, when `key` is one this session was given."""
        with self._lock:
            found = self._copies.get(key)
        if found is None or not secrets.compare_digest(found.owner.encode(), owner.encode()):
            return None
        return found.name, found.data
