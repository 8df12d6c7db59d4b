"""`bantin check` on a draft brought to the page."""

from __future__ import annotations

import secrets
from typing import Any

from bantin.desk.workspace import Workspace
from bantin.errors import DataError

_ZIP = b"PK\x03\x04"


def check_upload(
    workspace: Workspace, data: bytes, shown_name: str, year: int | None, agency: str | None
) -> tuple[Any, list[str]]:
    """The check report of an uploaded DOCX or Markdown draft, and its lines as the CLI
    prints them. The draft is kept only while it is read, in the output folder; its name
    from the browser is only shown, never used as a path."""
    from bantin.check import check_draft, format_report
    from bantin.desk.uploads import write_synced

    suffix = ".docx" if data.startswith(_ZIP) else ".md"
    if suffix == ".md":
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DataError("chỉ kiểm tra được tệp .docx hoặc .md (UTF-8)") from None
    workspace.out_dir.mkdir(parents=True, exist_ok=True)
    staged = workspace.out_dir / f".kiem-tra-{secrets.token_hex(8)}{suffix}"
    write_synced(staged, data)
    try:
        try:
            report = check_draft(staged, workspace.data_dir, year, agency)
        except DataError as e:
            raise DataError(e.format_message().replace(str(staged), shown_name)) from None
    finally:
        staged.unlink()
    lines = [line.replace(str(staged), shown_name) for line in format_report(report)]
    return report, lines
