"""The data model: what load produces and rank consumes. Frozen, typed, no I/O.

Plain records are typed named tuples rather than the frozen dataclasses STYLE.md asks
for: as immutable and as typed, but a frozen dataclass costs ~1 ms to define (a single
render defines two dozen: a tenth of bantin's import time) and several microseconds to
build (load builds one per score, a batch dozens per article). Records that need more
than fields (a cache, a field named like a tuple method) stay frozen dataclasses.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Literal, NamedTuple

from bantin.vi import MAX_DECIMALS, did_you_mean, name_key


class TieRule(StrEnum):
    """How tied scores share ranks."""

    DENSE = "dense"  # 1, 1, 2
    COMPETITION = "competition"  # 1, 1, 3


Kind = Literal["text", "integer", "decimal", "boolean", "choice", "strings", "tables"]


class Key(NamedTuple):
    """One key of a settings file: its kind, whether it is required, the values allowed.

    `low`/`high` bound an integer; `choices` maps each allowed value of a choice to its
    meaning (the first is the default); `table` is the schema of each table of an array
    of tables ([[bands]]).
    """

    kind: Kind
    meaning: str
    required: bool = False
    low: int | None = None
    high: int | None = None
    choices: tuple[tuple[str, str], ...] = ()
    table: dict[str, Key] | None = None


# One schema per settings file: every key bantin reads, and nothing else is accepted.
# docs/data.md documents exactly these keys (tests/test_docs.py holds it to that).
PUBLISHER_SCHEMA: dict[str, Key] = {
    "focus_agency": Key("text", "the agency the articles are about", required=True),
    "author": Key("text", "default author", required=True),
    "unit_abbreviation": Key("text", "abbreviation in the byline", required=True),
    "city": Key("text", "city or province", required=True),
    "count_padding": Key("integer", "digits of a count: 2 for 03/21", low=0, high=4),
    "template_seconds": Key("integer", "time templates may take per article", low=1, high=600),
}

UNIT_SCHEMA: dict[str, Key] = {
    "name": Key("text", "canonical name", required=True),
    "short": Key("text", "short form"),
    "aliases": Key("strings", "other spellings found in score files"),
}
UNITS_SCHEMA: dict[str, Key] = {
    "units": Key("tables", "one table per unit", table=UNIT_SCHEMA),
}

BAND_SCHEMA: dict[str, Key] = {
    "name": Key("text", "band name", required=True),
    "minimum": Key("decimal", "lowest score of the band", required=True),
    "assumed": Key("boolean", "the threshold is assumed, not published"),
}
# Named ranks and first_year are bounded so that a slip of the keyboard (60 for 6, 219
# for 2019) stops here instead of reading as a choice.
EVALUATION_SCHEMA: dict[str, Key] = {
    "name": Key("text", "full name", required=True),
    "short_name": Key("text", "abbreviation", required=True),
    "topic": Key("text", "field, after 'công tác'", required=True),
    "group": Key("text", "group of units evaluated", required=True),
    "score_label": Key("text", "what the score is called", required=True),
    "unit_noun": Key("text", "noun for a unit"),
    "audience": Key("strings", "whom the work serves, in the closing"),
    "tie_rule": Key(
        "choice",
        "how ties share ranks",
        choices=(("dense", "1, 1, 2"), ("competition", "1, 1, 3")),
    ),
    "min_named_ranks": Key("integer", "ranks always named", low=1, high=100),
    "max_named_ranks": Key("integer", "ranks never named beyond", low=1, high=100),
    "decimals": Key("integer", "decimals always printed", low=0, high=MAX_DECIMALS),
    "max_score": Key("decimal", "highest possible score"),
    "sheet": Key("text", "worksheet read in an .xlsx file"),
    "score_column": Key("text", "header of the score column"),
    "band_column": Key("text", "header of the official band column"),
    "compare_ranks": Key("boolean", "say how ranks moved since last year"),
    "compare_bands": Key("boolean", "say how band counts moved since last year"),
    "first_year": Key("integer", "first year the evaluation was run", low=1990, high=2100),
    "bands": Key("tables", "rating bands, highest first", table=BAND_SCHEMA),
}

PHOTO_SCHEMA: dict[str, Key] = {
    "caption": Key("text", "caption", required=True),
    "file": Key("text", "PNG or JPEG file, from the year's folder"),
    "after": Key("text", "evaluation the photo follows"),
    "units": Key("strings", 'units whose articles show the photo: "all", or their names'),
}
ARTICLE_SCHEMA: dict[str, Key] = {
    "sections": Key("strings", "evaluations in the article, in order"),
    "event": Key("text", "event where the results were announced"),
    "author": Key("text", "author of this article"),
    "keywords": Key("strings", "DOCX keywords"),
    "absent": Key(
        "choice",
        "when the focus unit has no result",
        choices=(
            ("mention", "nói ngắn gọn đơn vị không có kết quả"),
            ("omit", "bỏ phần đó"),
        ),
    ),
    "blocks": Key(
        "choice",
        "evaluations ranked in blocks",
        choices=(("focus", "chỉ khối của đơn vị chính"), ("all", "mọi khối")),
    ),
    "photos": Key("tables", "photos", table=PHOTO_SCHEMA),
    "table": Key("strings", "ranking table: true, or the evaluations that get one"),
    "chart": Key("strings", "bar chart: true, or the evaluations that get one"),
}


class Band(NamedTuple):
    """A rating band ("Rất tốt"), its lower threshold, and whether that threshold is assumed."""

    name: str
    minimum: Decimal
    assumed: bool = False


# Whom an evaluation's work serves when its definition does not say (`audience`).
DEFAULT_AUDIENCE = ("tổ chức", "công dân")


class Evaluation(NamedTuple):
    """The definition of one evaluation (CCHC, VTLT...), read from data/evaluations/<id>.toml."""

    id: str
    name: str
    short_name: str
    topic: str
    group: str
    score_label: str
    unit_noun: str
    bands: tuple[Band, ...]
    tie_rule: TieRule = TieRule.DENSE
    min_named_ranks: int = 2
    max_named_ranks: int = 6
    decimals: int | None = None
    max_score: Decimal = Decimal(100)
    sheet: str | None = None
    compare_ranks: bool = True
    compare_bands: bool = False
    # The first year the evaluation was run, when its definition says so: only then can
    # an article say a unit is ranked first "for the first time".
    first_year: int | None = None
    # Whom the work serves, said in the closing ("phục vụ tổ chức và công dân"); an
    # article of several evaluations names each once.
    audience: tuple[str, ...] = DEFAULT_AUDIENCE
    source: Path | None = None
    # The header of the score's (and the official band's) column, when a file has several
    # that could be it: bantin never picks one by itself.
    score_column: str | None = None
    band_column: str | None = None

    @property
    def band_names(self) -> tuple[str, ...]:
        """Band names in definition order, best first."""
        return tuple(b.name for b in self.bands)


class ScoreRow(NamedTuple):
    """One unit's score in one evaluation and year, as read from its file."""

    unit: str
    score: Decimal
    official_band: str | None = None
    line: int = 0
    column: int = 0
    block: str | None = None  # the block ("Khối quận, huyện") a unit is ranked in, if any


class ScoreTable(NamedTuple):
    """All units' scores in one evaluation for one year."""

    evaluation_id: str
    year: int
    rows: tuple[ScoreRow, ...]
    source: Path | None = None
    header_row: int = 0  # where the file's header row is, to point at a missing column
    band_column: int | str | None = None  # the official band's column, if the file has one
    sheet: str | None = None  # the XLSX sheet read


class UnitName(NamedTuple):
    """A unit in the registry: its canonical name, short form and other spellings."""

    name: str
    short: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Registry:
    """The known units (data/units.toml). Empty means every name is taken as written."""

    units: tuple[UnitName, ...] = ()
    from_file: bool = True  # False: made from the names of score files (no units.toml)

    @staticmethod
    def key(name: str) -> str:
        """The identity of a name: case, spacing and Unicode form do not matter."""
        return name_key(name)

    @cached_property
    def _index(self) -> dict[str, str]:
        index = {}
        for unit in self.units:
            for spelling in (unit.name, unit.short, *unit.aliases):
                if spelling:
                    index[name_key(spelling)] = unit.name
        return index

    def canonical(self, name: str) -> str | None:
        """The canonical name for a spelling; None when the registry does not know it."""
        cleaned = " ".join(unicodedata.normalize("NFC", name).split())
        if not self.units:
            return cleaned
        return self._index.get(name_key(cleaned))

    def short(self, name: str) -> str:
        """The unit's short form ("Sở TT&TT"), or its name when it has none."""
        for unit in self.units:
            if unit.name == name:
                return unit.short or unit.name
        return name

    def suggestion(self, name: str) -> str:
        """ "; có phải: A, B?" with the closest known names, or nothing."""
        return did_you_mean(name, (u.name for u in self.units))


class Publisher(NamedTuple):
    """Who publishes: the focus agency, the author, the byline abbreviation, the city."""

    focus_agency: str
    author: str
    unit_abbreviation: str
    city: str
    count_padding: int = 2
    # How long one article's templates may run before bantin stops them.
    template_seconds: int = 5


# Photo.units of a photo shown in every article (`units = "all"`).
ALL_UNITS = ("*",)


class Photo(NamedTuple):
    """A photo of the article: its caption, an optional image file, the section it follows."""

    caption: str
    file: Path | None = None
    after: str | None = None
    # Whose articles show it: None, the publisher's own (its award, its people); ("*",) every
    # article; else the units named (canonical names, through units.toml).
    units: tuple[str, ...] | None = None


class ArticleSettings(NamedTuple):
    """What an editor changes per article: the event, sections, photos, author."""

    year: int
    event: str
    sections: tuple[str, ...]
    photos: tuple[Photo, ...] = ()
    author: str | None = None
    keywords: tuple[str, ...] = ()
    absent: str = "mention"
    blocks: str = "focus"
    table: bool | tuple[str, ...] = False  # true: every section; or the evaluations' codes
    chart: bool | tuple[str, ...] = False


@dataclass(frozen=True)
class Dataset:
    """Everything read from data/: settings, definitions and every year's scores."""

    root: Path
    publisher: Publisher
    evaluations: dict[str, Evaluation]
    scores: dict[tuple[str, int], ScoreTable] = field(default_factory=dict)
    articles: dict[int, ArticleSettings] = field(default_factory=dict)
    registry: Registry = field(default_factory=Registry)
    # An evaluation ranked in blocks becomes one evaluation per block ("cchc@Khối quận,
    # huyện"), each with the block as its group: id -> the block ids, in order met.
    blocks: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def parts(self, evaluation_id: str) -> tuple[str, ...]:
        """The evaluations an id stands for: its blocks, or itself."""
        return self.blocks.get(evaluation_id, (evaluation_id,))

    def base_id(self, evaluation_id: str) -> str:
        """The evaluation a block belongs to (an evaluation without blocks is its own)."""
        return evaluation_id.split("@", 1)[0]

    def fingerprint(self) -> str:
        """A short hash of the data's content (not its files' layout), to trace a draft to it."""
        return self._fingerprint

    @cached_property
    def _fingerprint(self) -> str:
        digest = hashlib.sha256()
        for line in self._canonical_lines():
            digest.update(line.encode("utf-8") + b"\n")
        return digest.hexdigest()[:16]

    def _canonical_lines(self) -> list[str]:
        p = self.publisher
        lines = [f"publisher\t{p.focus_agency}\t{p.author}\t{p.unit_abbreviation}\t{p.city}"]
        for e in sorted(self.evaluations.values(), key=lambda e: e.id):
            bands = ";".join(f"{b.name}>={b.minimum}" for b in e.bands)
            line = f"evaluation\t{e.id}\t{e.tie_rule}\t{e.decimals}\t{e.max_score}\t{bands}"
            # Only when set, so data without it keeps the fingerprint it had.
            lines.append(line if e.first_year is None else f"{line}\tfirst_year={e.first_year}")
        for (evaluation_id, year), table in sorted(self.scores.items()):
            for row in table.rows:
                lines.append(
                    f"score\t{evaluation_id}\t{year}\t{row.unit}\t{row.score}\t{row.official_band}"
                )
        return lines
