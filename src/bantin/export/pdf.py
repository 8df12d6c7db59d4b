"""PDF export: the DOCX draft converted by LibreOffice, when it is installed.

LibreOffice is an outside program: bantin looks for it on PATH, then in its usual
Windows folder, and runs it with a user profile of its own in a temporary folder
under the output folder (a profile shared with an open LibreOffice would make the
conversion wait for it, or fail), removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from bantin.errors import BantinError
from bantin.output.atomic import TEMP_SUFFIX

# Where the LibreOffice installer puts soffice on Windows, when it is not on PATH.
WINDOWS_SOFFICE = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
MISSING = (
    "không tìm thấy LibreOffice để xuất PDF; cài LibreOffice (https://vi.libreoffice.org) "
    "rồi chạy lại, hoặc bỏ pdf khỏi --format và mở tệp DOCX bằng Word để lưu thành PDF"
)
# A conversion that takes longer has hung (a dialog, a locked profile): stop waiting.
TIMEOUT_SECONDS = 300


def find_soffice() -> str | None:
    """LibreOffice's soffice: on PATH, or where its installer puts it on Windows."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((p for p in WINDOWS_SOFFICE if os.path.isfile(p)), None)


def docx_to_pdf(docx: bytes, folder: Path, soffice: str | None = None) -> bytes:
    """The PDF LibreOffice makes of a DOCX draft; a BantinError saying why when it cannot."""
    program = soffice or find_soffice()
    if program is None:
        raise BantinError(MISSING)
    folder.mkdir(parents=True, exist_ok=True)
    # Named as every temporary of a render is, so that the next run removes it if this
    # one is killed while LibreOffice works.
    with tempfile.TemporaryDirectory(
        prefix=".bantin-pdf-", suffix=TEMP_SUFFIX, dir=folder, ignore_cleanup_errors=True
    ) as temporary:
        work = Path(temporary)
        source = work / "ban-tin.docx"
        source.write_bytes(docx)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as e:
            raise BantinError(
                f"LibreOffice không xuất xong PDF sau {TIMEOUT_SECONDS} giây; "
                "đóng mọi cửa sổ LibreOffice rồi chạy lại"
            ) from e
        except OSError as e:
            raise BantinError(f"không chạy được LibreOffice ({program}): {e}") from e
        # soffice exits 0 even when it could not convert: only the file says it worked.
        pdf = work / "ban-tin.pdf"
        if not pdf.is_file() or pdf.stat().st_size == 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            detail = f" ({said[-1]})" if said else ""
            raise BantinError(f"LibreOffice không xuất được PDF từ bản DOCX{detail}")
        return pdf.read_bytes()
