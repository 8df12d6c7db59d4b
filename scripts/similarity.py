"""How alike the articles of different units read, with names and numbers masked.

Usage: python scripts/similarity.py output/2019

Every article's words are compared with every other's (difflib's ratio over words)
after unit names (the folder's article names), numbers, rank words and band names are
replaced by placeholders: what is left is the wording. Prints the mean and the highest
similarity over all pairs, and the pair that is most alike.
"""

from __future__ import annotations

import difflib
import itertools
import re
import sys
from pathlib import Path

RANK_WORDS = r"\b(?:Nhất|Nhì|Ba|Tư|Năm)\b"
NUMBER = r"\d+(?:[.,/]\d+)*"


def masked(text: str, names: list[str]) -> list[str]:
    """The article's words with names, numbers and rank words masked."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " UNIT ")
    text = re.sub(NUMBER, " N ", text)
    text = re.sub(RANK_WORDS, " R ", text)
    return text.split()


def main(folder: Path) -> None:
    """Print the mean and highest masked similarity between the folder's articles."""
    paths = sorted(folder.glob("*.md"))
    names = [p.stem for p in paths]
    words = {p.stem: masked(p.read_text("utf-8"), names) for p in paths}
    scores = []
    for a, b in itertools.combinations(words, 2):
        matcher = difflib.SequenceMatcher(None, words[a], words[b], autojunk=False)
        scores.append((matcher.ratio(), a, b))
    if not scores:
        print("cần ít nhất hai bài")
        return
    mean = sum(s for s, _, _ in scores) / len(scores)
    top = max(scores)
    print(f"{len(paths)} bài, {len(scores)} cặp")
    print(f"trung bình: {mean:.2f}")
    print(f"cao nhất: {top[0]:.2f} ({top[1]} / {top[2]})")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
