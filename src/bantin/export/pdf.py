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
from collections.abc import Mapping
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
# Drafts converted by one LibreOffice run: a few minutes' work at most, and a command
# line far below Windows' 32,767 characters.
PER_RUN = 100


def find_soffice() -> str | None:
    """LibreOffice's soffice: on PATH, or where its installer puts it on Windows."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((p for p in WINDOWS_SOFFICE if os.path.isfile(p)), None)


def docx_to_pdf(docx: bytes, folder: Path, soffice: str | None = None) -> bytes:
    """The PDF LibreOffice makes of a DOCX draft; a BantinError saying why when it cannot."""
    return docx_to_pdfs({"": docx}, folder, soffice)[""]


def docx_to_pdfs(
    drafts: Mapping[str, bytes], folder: Path, soffice: str | None = None
) -> dict[str, bytes]:
    """The PDF of each named DOCX draft, LibreOffice started once for up to PER_RUN drafts.

    Starting LibreOffice takes about two seconds and converting a one-page draft a
    fraction of that: a batch converts its articles together. A BantinError names the
    draft LibreOffice could not convert.
    """
    program = soffice or find_soffice()
    if program is None:
        raise BantinError(MISSING)
    names = list(drafts)
    pdfs: dict[str, bytes] = {}
    for start in range(0, len(names), PER_RUN):
        pdfs.update(
            _convert({n: drafts[n] for n in names[start : start + PER_RUN]}, folder, program)
        )
    return pdfs


def _convert(drafts: Mapping[str, bytes], folder: Path, program: str) -> dict[str, bytes]:
    """One LibreOffice run over a few drafts, in a temporary folder removed afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    # Named as every temporary of a render is, so that the next run removes it if this
    # one is killed while LibreOffice works.
    with tempfile.TemporaryDirectory(
        prefix=".bantin-pdf-", suffix=TEMP_SUFFIX, dir=folder, ignore_cleanup_errors=True
    ) as temporary:
        work = Path(temporary)
        # Short ASCII names: the command line stays short, whatever the units are called.
        sources = {name: work / f"ban-tin-{i}.docx" for i, name in enumerate(drafts, 1)}
        for name, source in sources.items():
            source.write_bytes(drafts[name])
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            *map(str, sources.values()),
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
        pdfs: dict[str, bytes] = {}
        for name, source in sources.items():
            # soffice exits 0 even when it could not convert: only the file says it worked.
            pdf = source.with_suffix(".pdf")
            if not pdf.is_file() or pdf.stat().st_size == 0:
                said = done.stderr.decode("utf-8", "replace").strip().splitlines()
                detail = f" ({said[-1]})" if said else ""
                which = f'bài "{name}"' if name else "bản DOCX"
                raise BantinError(f"LibreOffice không xuất được PDF từ {which}{detail}")
            pdfs[name] = pdf.read_bytes()
        return pdfs
