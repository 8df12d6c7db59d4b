"""Render page 1 of the 2019 sample DOCX to a PNG for people to look at.

    python scripts/preview_page1.py [OUT.png]

Needs LibreOffice (soffice) and poppler-utils (pdftoppm). Writes nothing under output/.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("preview-2019-page1.png")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm"):
        print("Cần LibreOffice (soffice) và poppler-utils (pdftoppm).", file=sys.stderr)
        return 1
    from bantin.compose.article import compose_article
    from bantin.export.docx import render_docx
    from bantin.load import load_dataset

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx = folder / "bantin-2019.docx"
        docx.write_bytes(render_docx(compose_article(load_dataset(ROOT / "data"), 2019)))
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pdf = folder / "bantin-2019.pdf"
        if not pdf.is_file():  # soffice exits 0 even when it could not load the file
            print("LibreOffice không chuyển được tệp DOCX sang PDF.", file=sys.stderr)
            return 1
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(folder / "page"),
            ],
            check=True,
            timeout=120,
        )
        shutil.copy(folder / "page.png", target)
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
