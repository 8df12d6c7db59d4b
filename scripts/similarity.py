"""How alike the articles of different units read, with names, numbers and bands masked.

Usage: python scripts/similarity.py output/2019 [data]

Unit names are the folder's article names; band names come from the evaluations of the
data folder (default: data). Prints the mean and the highest similarity over all pairs,
and the pair that is most alike. The measure is tests/similarity.py's, which the tests
hold every data set to.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.similarity import similarity  # noqa: E402


def main(folder: Path, data: Path) -> None:
    """Print the mean and highest masked similarity between the folder's articles."""
    texts = {p.stem: p.read_text("utf-8") for p in sorted(folder.glob("*.md"))}
    bands = [
        band["name"]
        for path in sorted((data / "evaluations").glob("*.toml"))
        for band in tomllib.loads(path.read_text("utf-8")).get("bands", [])
    ]
    if len(texts) < 2:
        print("cần ít nhất hai bài")
        return
    found = similarity(texts, bands)
    print(f"{found.articles} bài, {found.pairs} cặp")
    print(f"trung bình: {found.mean:.2f}")
    print(f"cao nhất: {found.top:.2f} ({found.top_pair[0]} / {found.top_pair[1]})")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "data")
