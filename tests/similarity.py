"""How alike the articles of different units read, with names, numbers and bands masked.

Every article's words are compared with every other's (difflib's ratio over words)
after unit names, numbers, rank words and band names are replaced by placeholders: what
is left is the wording, which should differ between units as their results do.
scripts/similarity.py prints it for a folder of articles; test_similarity.py holds
every data set to a ceiling.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

RANK_WORDS = r"\b(?:Nhất|Nhì|Ba|Tư|Năm)\b"
NUMBER = r"\d+(?:[.,/]\d+)*"


def masked(text: str, names: Iterable[str], bands: Iterable[str] = ()) -> list[str]:
    """The article's words with unit names, band names, numbers and rank words masked."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " UNIT ")
    # Longest band first: "Rất tốt" is one band, not "Rất" and the band "Tốt". As written:
    # "ngày càng tốt hơn" is no band.
    for band in sorted(set(bands), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(band)}(?!\w)", " BAND ", text)
    text = re.sub(NUMBER, " N ", text)
    text = re.sub(RANK_WORDS, " R ", text)
    return text.split()


@dataclass(frozen=True)
class Similarity:
    """The mean and highest masked similarity over every pair of articles."""

    articles: int
    pairs: int
    mean: float
    top: float
    top_pair: tuple[str, str]


def similarity(texts: Mapping[str, str], bands: Iterable[str] = ()) -> Similarity:
    """How alike articles read: `texts` maps each article's focus unit to its text."""
    bands = tuple(bands)
    words = {name: masked(text, texts, bands) for name, text in texts.items()}
    scores = []
    for a, b in itertools.combinations(sorted(words), 2):
        matcher = difflib.SequenceMatcher(None, words[a], words[b], autojunk=False)
        scores.append((matcher.ratio(), a, b))
    if not scores:
        raise ValueError("cần ít nhất hai bài")
    top = max(scores)
    mean = sum(s for s, _, _ in scores) / len(scores)
    return Similarity(len(words), len(scores), mean, top[0], (top[1], top[2]))
