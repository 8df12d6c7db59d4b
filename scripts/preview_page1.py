"""Render page 1 of the 2019 sample DOCX to a PNG for people to look at.

    python scripts/preview_page1.py [OUT.png]

Needs LibreOffice and poppler-utils (pdftoppm). Writes nothing under output/.
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
    if not shutil.which("pdftoppm"):
        print("Cần poppler-utils (pdftoppm).", file=sys.stderr)
        return 1
    from bantin.compose.article import compose_article
    from bantin.errors import BantinError
    from bantin.export.docx import render_docx
    from bantin.export.pdf import docx_to_pdf
    from bantin.load import load_dataset

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx = render_docx(compose_article(load_dataset(ROOT / "data"), 2019))
        try:  # the PDF bantin itself makes: LibreOffice found as `render --format pdf` finds it
            data = docx_to_pdf(docx, folder)
        except BantinError as e:
            print(e.format_message(), file=sys.stderr)
            return 1
        pdf = folder / "bantin-2019.pdf"
        pdf.write_bytes(data)
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
