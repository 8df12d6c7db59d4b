"""The README's pictures of a draft (photo, ranking table, chart) as LibreOffice lays them out.

    python scripts/doc_images.py

Writes docs/images/{anh,bang,bieu-do}.png from the 2019 sample data (a plain photo, then
`table = ["vtlt"]`, then `chart = ["cchc"]` in a copy of article.toml). Needs
LibreOffice, poppler-utils and matplotlib (pip install -e ".[charts]").
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DPI = 60


def main() -> int:
    from PIL import Image

    from bantin.compose.article import compose_article
    from bantin.export.docx import render_docx
    from bantin.export.pdf import docx_to_pdf
    from bantin.load import load_dataset

    cases = {
        "anh": ('# file = "images/anh-1.jpg"', 'file = "anh.png"', "[[photos]]"),
        "bang": ("keywords =", 'table = ["vtlt"]\nkeywords =', "Bảng 1"),
        "bieu-do": ("keywords =", 'chart = ["cchc"]\nkeywords =', "Biểu đồ 1"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, (old, new, _) in cases.items():
            data = Path(tmp) / name / "data"
            shutil.copytree(ROOT / "data", data)
            Image.new("RGB", (1600, 1000), (40, 110, 170)).save(data / "2019" / "anh.png")
            settings = data / "2019" / "article.toml"
            settings.write_text(settings.read_text("utf-8").replace(old, new, 1), "utf-8")
            docx = render_docx(compose_article(load_dataset(data), 2019))
            pdf = Path(tmp) / name / "bai.pdf"
            pdf.write_bytes(docx_to_pdf(docx, Path(tmp) / name))
            page = _page_with(pdf, cases[name][2])
            import subprocess

            stem = ROOT / "docs" / "images" / name
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    str(DPI),
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-singlefile",
                    str(pdf),
                    str(stem),
                ],
                check=True,
            )
            print(stem.with_suffix(".png"))
    return 0


def _page_with(pdf: Path, text: str) -> int:
    """The first page whose text holds `text` (1 for the photo: page 1)."""
    import subprocess

    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True)
    pages = out.stdout.decode("utf-8").split("\f")
    return next((i + 1 for i, page in enumerate(pages) if text in page), 1)


if __name__ == "__main__":
    sys.exit(main())
