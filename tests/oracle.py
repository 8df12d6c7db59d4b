"""A truth oracle for articles: every claim an article states, checked against the raw files.

It reads data/ with csv and tomllib and works ranks, positions, bands, counts and streaks
out by itself, from the definitions in STYLE.md; it imports nothing of bantin's load,
rank, compose or check, so a mistake there cannot hide in both the article and its
proof. It then parses the Markdown of an article with the sentence shapes of templates/
and turns each statement into a claim: what the article says next to what the data says.
A paragraph or clause it cannot read is a failure too, so it cannot pass by reading
nothing.

A score file with a block column ("Khối") ranks each block on its own: every table of
the oracle is one evaluation's results of one year in one block (or in no block), and a
unit is compared with a past year only in the block it is in now.
"""

from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .helpers import markdown_paragraphs

# Rank words are written down to Năm; further down a place is "thứ N/M" (position/size).
RANK_WORDS = ("Nhất", "Nhì", "Ba", "Tư", "Năm")
NUM = r"\d{1,3}(?:\.\d{3})*(?:,\d+)?"
# A place after "xếp": "hạng Nhì" or "thứ 12/32"; one rank verb for every article.
PLACE = r"(?:hạng (?:Nhất|Nhì|Ba|Tư|Năm)|thứ \d+/\d+)"
CONNECTORS = re.compile(r"^(?:đồng thời|bên cạnh đó,|ngoài ra,) ")
# The closing's first words, by tone: PRAISE credits the unit's people (never for a result
# that is weak everywhere); the others judge it plainly or both ways.
PRAISE = (
    "Những kết quả này thể hiện",
    "Có được kết quả trên",
    "Thành tích này ghi nhận",
    "Kết quả đạt được là sự ghi nhận",
    "Các kết quả trên ghi nhận",
    "Đây là kết quả đáng ghi nhận",
)
IMPROVED = "Điểm số được cải thiện so với năm trước"
FELL = "Kết quả năm nay chưa giữ được mức xếp loại"
CLOSINGS = (
    *PRAISE,
    IMPROVED,
    FELL,
    "Kết quả trên là cơ sở để",
    "Trước kết quả này,",
    "Kết quả này cho thấy",
    "Kết quả trên chưa tương xứng",
    "Bên cạnh những kết quả tích cực",
    "Kết quả trên cho thấy",
    "Kết quả trên vừa ghi nhận",
    "Kết quả này phản ánh",
    "Kết quả trên phản ánh",
    "Bên cạnh những mặt làm được",
    "Xét tổng thể,",
    "Đây là kết quả phản ánh đúng",
    "Kết quả này đặt ra cho",
    "Đánh giá thẳng thắn,",
)


def place_of(text: str) -> str:
    """The place a PLACE says: "Nhì" of "hạng Nhì", "12/32" of "thứ 12/32"."""
    return text.split(" ", 1)[1]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def key(text: str) -> str:
    return " ".join(nfc(text).casefold().split())


def parse_number(text: str) -> Decimal:
    """A number as the data or an article writes it: decimal comma, thousands dot."""
    text = text.strip()
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return Decimal(text)


def show(value: Decimal, decimals: int | None) -> str:
    """A score as an article should print it: the data's precision, or `decimals` digits."""
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals))
    return format(value, "f").replace(".", ",")


def show_delta(value: Decimal) -> str:
    """A difference of scores at the data's precision: no trailing zeros ("3", not "3,00"),
    whatever padding the evaluation prints its scores with."""
    value = abs(value).normalize()
    return format(value, "f").replace(".", ",")


@dataclass(frozen=True)
class Band:
    name: str
    minimum: Decimal
    assumed: bool


@dataclass(frozen=True)
class Evaluation:
    id: str
    name: str
    short_name: str
    topic: str
    group: str
    score_label: str
    bands: tuple[Band, ...]
    tie_rule: str
    decimals: int | None
    first_year: int | None


@dataclass(frozen=True)
class Entry:
    score: Decimal
    band: str
    band_assumed: bool  # placed by an assumed threshold, not by an official band


@dataclass
class Table:
    """One evaluation's results of one year, in one block if the evaluation has blocks."""

    evaluation: Evaluation
    entries: dict[str, Entry]
    block: str | None = None

    @property
    def group(self) -> str:
        """What the article calls the units ranked together: the block, or the group."""
        return self.block if self.block is not None else self.evaluation.group

    @property
    def label(self) -> str:
        return self.evaluation.short_name + (f" ({self.block})" if self.block else "")

    @property
    def size(self) -> int:
        return len(self.entries)

    def position(self, unit: str) -> int:
        score = self.entries[unit].score
        return 1 + sum(e.score > score for e in self.entries.values())

    def rank(self, unit: str) -> int:
        if self.evaluation.tie_rule == "competition":
            return self.position(unit)
        score = self.entries[unit].score
        return 1 + len({e.score for e in self.entries.values() if e.score > score})

    def tied_with(self, unit: str) -> set[str]:
        score = self.entries[unit].score
        return {u for u, e in self.entries.items() if e.score == score}

    def band_index(self, band: str) -> int:
        return [b.name for b in self.evaluation.bands].index(band)

    def band_count(self, band: str) -> int:
        return sum(e.band == band for e in self.entries.values())

    def place_matches(self, unit: str, stated: str) -> str:
        """What a place written like `stated` should say: a rank word under the tie rule,
        or position/size."""
        if "/" in stated:
            return f"{self.position(unit)}/{self.size}"
        rank = self.rank(unit)
        return RANK_WORDS[rank - 1] if rank <= len(RANK_WORDS) else f"hạng {rank}"


@dataclass
class Truth:
    """Every evaluation, score file and article setting of a data folder."""

    evaluations: dict[str, Evaluation]
    tables: dict[tuple[str, int, str | None], Table]  # (evaluation, year, block or None)
    units: set[str]
    blocks_setting: dict[int, str]  # year -> article.toml's `blocks`
    shorts: dict[str, str] = field(default_factory=dict)  # name -> short, units.toml

    def table(self, evaluation_id: str, year: int, block: str | None = None) -> Table | None:
        return self.tables.get((evaluation_id, year, block))

    def tables_of(self, evaluation_id: str, year: int) -> list[Table]:
        """The evaluation's tables that year: one per block, or the one without blocks."""
        return [t for (e, y, _), t in self.tables.items() if e == evaluation_id and y == year]

    def home(self, evaluation_id: str, year: int, unit: str) -> Table | None:
        """The table that ranks the unit that year (its block's), or None."""
        found = [t for t in self.tables_of(evaluation_id, year) if unit in t.entries]
        return found[0] if found else None

    def by_short(self, short: str) -> Evaluation | None:
        found = [e for e in self.evaluations.values() if e.short_name == short]
        return found[0] if len(found) == 1 else None

    def by_topic(self, topic: str, year: int) -> Evaluation | None:
        found = [
            e
            for e in self.evaluations.values()
            if topic in (e.topic, e.short_name, f"Chỉ số {e.short_name}")
            and self.tables_of(e.id, year)
        ]
        return found[0] if len(found) == 1 else None

    def first_streak(
        self, evaluation_id: str, unit: str, year: int, block: str | None
    ) -> tuple[int, int]:
        """(first year, length) of the unit's unbroken run at rank 1 in `block` up to
        `year`; a year missing from the data, or spent in another block, breaks it."""
        start = year
        while True:
            table = self.table(evaluation_id, start, block)
            if table is None or unit not in table.entries or table.rank(unit) != 1:
                break
            start -= 1
        return start + 1, year - start

    def band_streak(
        self, evaluation_id: str, unit: str, year: int, band: str, block: str | None
    ) -> tuple[int, int]:
        """The same for a band, counting only years where the band is official or
        published (an assumed threshold proves nothing)."""
        start = year
        while True:
            table = self.table(evaluation_id, start, block)
            entry = table.entries.get(unit) if table is not None else None
            if entry is None or entry.band != band or entry.band_assumed:
                break
            start -= 1
        return start + 1, year - start


def load_truth(root: Path) -> Truth:
    """Read evaluations/*.toml, units.toml, every <year>/<evaluation>.csv and the
    `blocks` setting of every <year>/article.toml."""
    aliases: dict[str, str] = {}
    shorts: dict[str, str] = {}
    units_file = root / "units.toml"
    if units_file.exists():
        for unit in tomllib.loads(units_file.read_text("utf-8")).get("units", []):
            if unit.get("short"):
                shorts[nfc(unit["name"])] = nfc(unit["short"])
            for name in [unit["name"], unit.get("short", ""), *unit.get("aliases", [])]:
                if name:
                    aliases[key(name)] = nfc(unit["name"])
    evaluations = {}
    for path in sorted((root / "evaluations").glob("*.toml")):
        d = tomllib.loads(path.read_text("utf-8"))
        evaluations[path.stem] = Evaluation(
            id=path.stem,
            name=d["name"],
            short_name=d["short_name"],
            topic=d["topic"],
            group=d["group"],
            score_label=d["score_label"],
            bands=tuple(
                Band(b["name"], Decimal(b["minimum"]), b.get("assumed", False)) for b in d["bands"]
            ),
            tie_rule=d.get("tie_rule", "dense"),
            decimals=d.get("decimals"),
            first_year=d.get("first_year"),
        )
    tables = {}
    blocks_setting = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name.isdigit()):
        year = int(folder.name)
        settings = folder / "article.toml"
        if settings.exists():
            blocks_setting[year] = tomllib.loads(settings.read_text("utf-8")).get("blocks", "focus")
        for evaluation in evaluations.values():
            path = folder / f"{evaluation.id}.csv"
            if path.exists():
                for block, entries in read_scores(path, evaluation, aliases).items():
                    tables[(evaluation.id, year, block)] = Table(evaluation, entries, block)
    units = {u for t in tables.values() for u in t.entries} | set(aliases.values())
    return Truth(evaluations, tables, units, blocks_setting, shorts)


def read_scores(
    path: Path, evaluation: Evaluation, aliases: dict[str, str]
) -> dict[str | None, dict[str, Entry]]:
    """block -> unit -> score and band, from a semicolon CSV with a "Đơn vị" and a "Điểm"
    column; the block is None without a "Khối" column, each block in the order met."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = [[nfc(c) for c in row] for row in csv.reader(f, delimiter=";")]
    unit_names, score_names = (
        ("đơn vị", "tên đơn vị", "cơ quan", "tên cơ quan"),
        ("điểm", "điểm đạt"),
    )
    header = next(i for i, row in enumerate(rows) if set(unit_names) & {key(c) for c in row})
    columns = [key(c) for c in rows[header]]
    block_col = columns.index("khối") if "khối" in columns else None
    unit_col = next(columns.index(c) for c in unit_names if c in columns)
    score_col = next(columns.index(c) for c in score_names if c in columns)
    band_names = ("xếp loại", "xếp loại chính thức")
    band_col = next((columns.index(c) for c in band_names if c in columns), None)
    assumed = [
        b.assumed or (i > 0 and evaluation.bands[i - 1].assumed)
        for i, b in enumerate(evaluation.bands)
    ]
    blocks: dict[str | None, dict[str, Entry]] = {}
    for row in rows[header + 1 :]:
        if len(row) <= score_col or not row[unit_col] or not row[score_col]:
            continue
        score = parse_number(row[score_col])
        official = row[band_col] if band_col is not None and len(row) > band_col else ""
        if official:
            band, band_assumed = official, False
        else:
            index = next(i for i, b in enumerate(evaluation.bands) if score >= b.minimum)
            band, band_assumed = evaluation.bands[index].name, assumed[index]
        unit = aliases.get(key(row[unit_col]), row[unit_col])
        block = " ".join(row[block_col].split()) if block_col is not None else None
        blocks.setdefault(block, {})[unit] = Entry(score, band, band_assumed)
    return blocks


def reads_as_places(unit: str, *tables: Table) -> bool:
    """Whether the unit's place reads as a place in every table: "thứ N/M" (past Năm), or a
    rank word that is its place (no tie above compressed it)."""
    return all(t.rank(unit) > 5 or t.rank(unit) == t.position(unit) for t in tables)


@dataclass(frozen=True)
class Claim:
    """One thing an article states, with what the data says it should state."""

    article: str
    sentence: str
    what: str
    stated: str
    expected: str

    @property
    def true(self) -> bool:
        return self.stated == self.expected

    def __str__(self) -> str:
        return (
            f"{self.article}: {self.what}: states {self.stated!r}, data says "
            f"{self.expected!r}\n    in: {self.sentence}"
        )


@dataclass
class Reader:
    """Reads one article and collects its claims."""

    truth: Truth
    year: int
    focus: str
    article: str
    claims: list[Claim] = field(default_factory=list)
    sentence: str = ""
    previous: int | None = None  # the year the last score change compared with
    # Whether the sentence read last (and the one being read) gave the focus unit's score.
    own_score_before: bool = False
    own_score_now: bool = False
    sections: list[Table] = field(default_factory=list)  # the sections read, in order
    # Other blocks said in one sentence each, who leads them: (evaluation, block).
    briefs: list[tuple[Evaluation, str]] = field(default_factory=list)

    def claim(self, what: str, stated: object, expected: object) -> None:
        self.claims.append(Claim(self.article, self.sentence, what, str(stated), str(expected)))

    def unreadable(self, text: str) -> None:
        """A statement the oracle has no shape for: a failure, never a silent skip."""
        self.claim("a sentence shape the oracle knows", text, "(none matched)")

    def is_me(self, text: str) -> bool:
        """Whether `text` names the focus unit: its name, or its noun ("Sở", "quận",
        "đơn vị": a word or words of its name, or "đơn vị"), which no other unit is called."""
        said = text.casefold()
        noun = said == "đơn vị" or f" {said} " in f" {self.focus.casefold()} "
        return text == self.focus or (noun and text not in self.truth.units)

    def me(self, what: str, text: str) -> None:
        """A claim that `text` names the focus unit (its name or its noun)."""
        self.claim(what, text, text if self.is_me(text) else self.focus)

    def units(self, text: str) -> list[str]:
        """The unit names of a list "A, B và C" (names may contain "và" themselves); the
        focus unit's noun at the head of a list stands for it."""
        if (m := re.match(r"(\S+(?: \S+)?)(?: cùng (.+))?$", text)) and self.is_me(m[1]):
            rest = split_names(m[2], self.truth.units) if m[2] else []
            if rest is not None and m[1] != self.focus:
                return [self.focus, *rest]
        found = split_names(text, self.truth.units)
        if found is None:
            self.claim("known unit names", text, "(no such unit)")
            return []
        return found

    # -- the article -------------------------------------------------------------------

    def read(self, markdown: str) -> None:
        paragraphs = markdown_paragraphs(markdown)
        section: Table | None = None
        for i, (kind, text) in enumerate(paragraphs):
            self.sentence = text
            if kind.startswith("h"):
                self.title(text)
            elif i == 1:
                self.lead(text)
            elif (table := self.section_intro(text)) is not None:
                section = table
                self.sections.append(table)
                continue
            elif text.startswith("Ở ") and self.leaders(text):
                pass  # another block: who leads it
            elif text.startswith(CLOSINGS):
                self.closing(text)
            elif re.match(r"^(?:Ảnh \d+: |\[Chèn ảnh \d+\]$)", text):
                pass  # a section may end with its opening paragraph
            elif section is not None:
                self.section_detail(section, text)
            elif i == len(paragraphs) - 1:
                pass  # the byline
            else:
                self.unreadable(text)
            section = None
        self.sentence = "(the article's sections)"
        self.blocks_shown()

    def leaders(self, text: str) -> bool:
        """ "Ở Khối địa phương, A và B đồng xếp hạng Nhất với 89,30 điểm.": who leads another
        block of the evaluation than the focus unit's, said in one sentence. False when the
        paragraph names no block of the year."""
        blocks = sorted(
            ((b, t) for (_, y, b), t in self.truth.tables.items() if y == self.year and b),
            key=lambda item: -len(item[0]),
        )
        found = next(((b, t) for b, t in blocks if text.startswith(f"Ở {b}, ")), None)
        if found is None:
            return False
        block, table = found
        m = re.fullmatch(
            rf"Ở {re.escape(block)}, (.+?) (đồng )?xếp hạng Nhất với ({NUM}) điểm\.", text
        )
        if m is None:
            self.unreadable(text)
            return True
        home = self.truth.home(table.evaluation.id, self.year, self.focus)
        self.claim(
            f"{block}: a block other than the focus unit's",
            block,
            "(the focus unit's own)" if home is not None and home.block == block else block,
        )
        best = max(e.score for e in table.entries.values())
        first = sorted(u for u, e in table.entries.items() if e.score == best)
        self.claim(f"units at rank 1 in {table.label}", sorted(self.units(m[1])), first)
        self.claim(f"tie at rank 1 in {table.label}", bool(m[2]), len(first) > 1)
        self.claim(f"score at rank 1 in {table.label}", m[3], show(best, table.evaluation.decimals))
        self.briefs.append((table.evaluation, block))
        return True

    def closing(self, text: str) -> None:
        """The closing's tone: praise only where some result of the year is not weak; "điểm
        số được cải thiện" only where every score of the year rose since the year before;
        "chưa giữ được mức xếp loại" only where a band was lost."""
        tables = [
            t
            for (_, y, _), t in self.truth.tables.items()
            if y == self.year and self.focus in t.entries
        ]
        if text.startswith(PRAISE):
            fine = any(not weak(t.evaluation, t.entries[self.focus].band) for t in tables)
            self.claim("praise for a result not weak", "praised", "praised" if fine else "(weak)")
        if text.startswith(FELL):
            lost = []
            for t in tables:
                before = self.truth.table(t.evaluation.id, self.year - 1, t.block)
                then = before.entries.get(self.focus) if before else None
                now = t.entries[self.focus].band
                lost.append(then is not None and t.band_index(now) > t.band_index(then.band))
            self.claim("a band lost since last year", "yes", "yes" if any(lost) else "no")
        if text.startswith(IMPROVED):
            rose = []
            for t in tables:
                before = self.truth.table(t.evaluation.id, self.year - 1, t.block)
                then = before.entries.get(self.focus) if before else None
                rose.append(then is not None and t.entries[self.focus].score > then.score)
            self.claim(
                "every score up since last year", "yes", "yes" if rose and all(rose) else "no"
            )

    def blocks_shown(self) -> None:
        """An evaluation ranked in blocks has a section for the focus unit's block, first;
        with `blocks = "all"`, every other block gets one sentence naming who leads it (a
        press office writes about its own block). A unit in no block gets a section of
        every block (or one) with the absence said in the first."""
        every = self.truth.blocks_setting.get(self.year, "focus") == "all"
        for evaluation in self.truth.evaluations.values():
            shown = [t.block for t in self.sections if t.evaluation == evaluation and t.block]
            briefs = [f"(who leads {b})" for e, b in self.briefs if e == evaluation]
            if not shown and not briefs:
                continue
            blocks = [t.block for t in self.truth.tables_of(evaluation.id, self.year)]
            home = self.truth.home(evaluation.id, self.year, self.focus)
            if home is not None:
                others = sorted(str(b) for b in blocks if b != home.block) if every else []
                expected = [str(home.block), *(f"(who leads {b})" for b in others)]
                stated = [*shown, *sorted(briefs)]
            elif every:
                expected = sorted(str(b) for b in blocks)
                stated = sorted(shown) + briefs
            else:
                expected, stated = ["(one block)"], ["(one block)"] * len(shown) + briefs
            self.claim(f"blocks of {evaluation.short_name} with a section", stated, expected)

    def place(self, table: Table, unit: str, stated: str, what: str) -> None:
        self.claim(f"{what} of {unit}", stated, table.place_matches(unit, stated))

    def tied(self, table: Table, unit: str, stated: bool) -> None:
        said = "đồng (tied)" if stated else "not tied"
        truth = "đồng (tied)" if len(table.tied_with(unit)) > 1 else "not tied"
        self.claim(f"tie of {unit}", said, truth)

    def present(
        self, evaluation: Evaluation, unit: str, year: int, like: Table | None = None
    ) -> Table | None:
        """The table ranking the unit that year, in any block, or only in `like`'s block
        (a past year is compared within one block); a claim that it is, either way."""
        if like is None:
            table = self.truth.home(evaluation.id, year, unit)
            where = evaluation.short_name
        else:
            table = self.truth.table(evaluation.id, year, like.block)
            where = like.label
        ranked = table is not None and unit in table.entries
        self.claim(f"{unit} ranked in {where} {year}", "yes", "yes" if ranked else "no")
        return table if ranked else None

    def own(self, section: Table, unit: str) -> Table | None:
        """The table ranking a unit named in a section, this year: the unit's own block,
        which must be the section's; a claim that it is ranked, either way."""
        table = self.present(section.evaluation, unit, self.year)
        if table is not None and table.block != section.block:
            self.claim(f"block of {unit}", section.block, table.block)
        return table

    # -- title ---------------------------------------------------------------------------

    def headline_name(self) -> str:
        """How the headline names the focus unit: its short name from units.toml when its
        full name runs to ten words or more (a dash is no word), else its full name."""
        words = [w for w in self.focus.split() if w != "-"]
        return self.truth.shorts.get(self.focus, self.focus) if len(words) >= 10 else self.focus

    def title(self, text: str) -> None:
        name = self.headline_name()
        if m := re.fullmatch(r"Kết quả đánh giá, xếp hạng năm (\d{4})", text):
            self.claim("year", m[1], self.year)
            return
        if m := re.fullmatch(
            rf"Kết quả (?:đánh giá )?(.+) năm (\d{{4}}) của {re.escape(name)}", text
        ):
            self.claim("year", m[2], self.year)
            found = [e for e in self.truth.evaluations.values() if e.name == m[1]]
            said = text.removeprefix("Kết quả ").split(" ", 2)[:2] == ["đánh", "giá"]
            self.claim("'đánh giá' once", said and "đánh giá" in m[1].lower(), False)
            self.claim("name of one evaluation", m[1], found[0].name if found else "(none)")
            if found:
                self.present(found[0], self.focus, self.year)
            return
        if m := re.fullmatch(
            rf"(Điểm quy đổi|Điểm) (.+?) năm (\d{{4}}) của {re.escape(name)} tăng ({NUM}) điểm",
            text,
        ):
            self.claim("year", m[3], self.year)
            evaluation = self.truth.by_short(m[2])
            if evaluation is None:
                self.claim("short name of one evaluation", m[2], "(none or several)")
                return
            self.claim("score label", m[1], evaluation.score_label.capitalize())
            table = self.present(evaluation, self.focus, self.year)
            before = table and self.present(evaluation, self.focus, self.year - 1, like=table)
            if table and before:
                delta = table.entries[self.focus].score - before.entries[self.focus].score
                self.claim(
                    "score change",
                    f"tăng {m[4]}",
                    f"tăng {show_delta(delta)}" if delta > 0 else f"{delta}",
                )
            return
        if not text.startswith(name + " "):
            self.unreadable(text)
            return
        rest = text[len(name) + 1 :]
        # A rank in a block is headlined with its block ("... trong Khối địa phương").
        blocks = {b for (_, y, b) in self.truth.tables if y == self.year and b is not None}
        for block in blocks:
            if rest.endswith(" trong " + block):
                rest = rest[: -len(" trong " + block)]
                homes = {
                    t.block
                    for (_, y, _), t in self.truth.tables.items()
                    if y == self.year and self.focus in t.entries
                }
                self.claim(
                    "block of the headline's rank", block, block if block in homes else homes
                )
                break
        else:
            about = [e for e in self.truth.evaluations.values() if " về " + e.topic in rest]
            if re.search(r"dẫn đầu|xếp hạng|bậc", rest) and any(
                t.block for e in about for t in self.truth.tables_of(e.id, self.year)
            ):
                self.claim("block of the headline's rank", "(none)", "the unit's block")
        if m := re.fullmatch(r"(\d+) năm liên tiếp dẫn đầu về (.+)", rest):
            if evaluation := self.topic(m[2]):
                table = self.present(evaluation, self.focus, self.year)
                if table:
                    _, length = self.truth.first_streak(
                        evaluation.id, self.focus, self.year, table.block
                    )
                    self.claim("years running at rank 1", m[1], length)
        elif m := re.fullmatch(r"(đồng )?xếp hạng Nhất về (.+) năm (\d{4})", rest):
            self.claim("year", m[3], self.year)
            if (evaluation := self.topic(m[2])) and (
                table := self.present(evaluation, self.focus, self.year)
            ):
                self.place(table, self.focus, "Nhất", "rank")
                self.tied(table, self.focus, bool(m[1]))
        elif m := re.fullmatch(
            rf"tăng (\d+) bậc, (đồng )?xếp ({PLACE}) về (.+) năm (\d{{4}})", rest
        ):
            self.claim("year", m[5], self.year)
            if (evaluation := self.topic(m[4])) and (
                table := self.present(evaluation, self.focus, self.year)
            ):
                self.place(table, self.focus, place_of(m[3]), "rank")
                self.tied(table, self.focus, bool(m[2]))
                before = self.present(evaluation, self.focus, self.year - 1, like=table)
                if before:
                    gain = before.position(self.focus) - table.position(self.focus)
                    self.claim("places gained", m[1], gain)
        elif m := re.fullmatch(r"(đồng )?xếp hạng (Nhì|Ba) về (.+) năm (\d{4})", rest):
            self.claim("year", m[4], self.year)
            if (evaluation := self.topic(m[3])) and (
                table := self.present(evaluation, self.focus, self.year)
            ):
                self.place(table, self.focus, m[2], "rank")
                self.tied(table, self.focus, bool(m[1]))
        elif m := re.fullmatch(r"được nâng xếp loại lên mức (.+) về (.+) năm (\d{4})", rest):
            self.claim("year", m[3], self.year)
            if (evaluation := self.topic(m[2])) and (
                table := self.present(evaluation, self.focus, self.year)
            ):
                self.claim(f"band of {self.focus}", m[1], table.entries[self.focus].band)
                before = self.present(evaluation, self.focus, self.year - 1, like=table)
                if before:
                    now = table.band_index(table.entries[self.focus].band)
                    then = table.band_index(before.entries[self.focus].band)
                    self.claim("band raised since last year", "yes", "yes" if now < then else "no")
        elif m := re.fullmatch(r"(?:đạt )?xếp loại (.+) về (.+) năm (\d{4})", rest):
            self.claim("year", m[3], self.year)
            if (evaluation := self.topic(m[2])) and (
                table := self.present(evaluation, self.focus, self.year)
            ):
                self.claim(f"band of {self.focus}", m[1], table.entries[self.focus].band)
        else:
            self.unreadable(text)

    def topic(self, topic: str) -> Evaluation | None:
        evaluation = self.truth.by_topic(topic, self.year)
        if evaluation is None:
            self.claim("topic of one evaluation that year", topic, "(none or several)")
        return evaluation

    # -- lead ----------------------------------------------------------------------------

    def lead(self, text: str) -> None:
        at = text.find(self.focus + " ")
        if at < 0 or not text.endswith("."):
            self.unreadable(text)
            return
        rest = text[at + len(self.focus) + 1 : -1]
        if rest == "không có tên trong các kết quả đánh giá, xếp hạng được công bố":
            ranked = [
                t.label
                for (_, y, _), t in self.truth.tables.items()
                if y == self.year and self.focus in t.entries
            ]
            self.claim(
                f"{self.focus} in no evaluation this year", "none", ", ".join(ranked) or "none"
            )
            return
        # An index is named by its short name ("về Chỉ số DDCI").
        topics = "|".join(
            rf"{re.escape(e.topic)}|(?:Chỉ số )?{re.escape(e.short_name)}"
            for e in self.truth.evaluations.values()
        )
        for part in rest.split("; "):
            part = CONNECTORS.sub("", part)
            first = re.fullmatch(
                rf"(đồng )?xếp hạng Nhất về (?:công tác )?({topics})(?: năm (\d{{4}}))?"
                rf"(?: trong (.+?))?(?:, (\d+) năm liên tiếp giữ vị trí dẫn đầu)?",
                part,
            )
            other = re.fullmatch(
                rf"(?:đạt (?:.+? )?({NUM})(?: điểm)?, )?(?:được )?xếp loại (.+?), (đồng )?xếp ({PLACE}) về (?:công tác )?({topics})"
                rf"(?: năm (\d{{4}}))?(?: trong (.+?))?"
                rf"(?:, tăng (\d+) bậc( so với năm trước)?|, tăng ({NUM}) điểm( so với năm trước)?)?",
                part,
            )
            # The place first, the band after it: "xếp thứ 7/10 về ..., được xếp loại Khá".
            placed = re.fullmatch(
                rf"(đồng )?xếp ({PLACE}) về (?:công tác )?({topics})(?: năm (\d{{4}}))?"
                rf"(?: trong (.+?))?, (?:được )?xếp loại (.+)",
                part,
            )
            gained = None
            score = None
            if placed and not first:
                tied, place, topic, year, group, band = placed.groups()
                place = place_of(place)
            elif first:
                tied, topic, year, group, streak = first.groups()
            elif other:
                score, band, tied, place, topic, year, group, *gained = other.groups()
                place = place_of(place)
            else:
                self.unreadable(part)
                continue
            if year:
                self.claim("year", year, self.year)
            evaluation = self.topic(topic)
            if evaluation is None:
                continue
            table = self.present(evaluation, self.focus, self.year)
            if table is None:
                continue
            self.tied(table, self.focus, bool(tied))
            if group:  # a rank in a block is among the block's units: its name
                self.claim(f"group of {self.focus} in {evaluation.short_name}", group, table.group)
            if first:
                self.place(table, self.focus, "Nhất", "rank")
                if streak:
                    _, length = self.truth.first_streak(
                        evaluation.id, self.focus, self.year, table.block
                    )
                    self.claim("years running at rank 1", streak, length)
            else:
                self.place(table, self.focus, place, "rank")
                self.claim(f"band of {self.focus}", band, table.entries[self.focus].band)
                if score:
                    entry = table.entries[self.focus]
                    said = part[: part.index(", ")]
                    shown = show(entry.score, evaluation.decimals)
                    label = evaluation.score_label
                    self.claim(
                        f"score of {self.focus}",
                        said,
                        f"đạt {shown} điểm" if label == "điểm" else f"đạt {label} {shown}",
                    )
                if gained:
                    self.gain(evaluation, table, *gained)

    def gain(
        self,
        evaluation: Evaluation,
        table: Table,
        places: str | None,
        places_year: str | None,
        points: str | None,
        points_year: str | None,
    ) -> None:
        """ ", tăng 2 bậc so với năm 2018" or ", tăng 4 điểm so với năm 2018" after a result."""
        if not (places or points):
            return
        year = self.year - 1  # "năm trước"
        before = self.present(evaluation, self.focus, year, like=table)
        if before is None:
            return
        if places:
            gain = before.position(self.focus) - table.position(self.focus)
            self.claim("places gained", places, gain)
            self.claim("a move counted in places", True, reads_as_places(self.focus, table, before))
        else:
            delta = table.entries[self.focus].score - before.entries[self.focus].score
            self.claim(
                "points gained",
                f"tăng {points}",
                f"tăng {show_delta(delta)}" if delta > 0 else str(delta),
            )

    # -- an evaluation's section -------------------------------------------------------------

    def section_intro(self, text: str) -> Table | None:
        """The table of the section this paragraph opens (its block's, named as its
        group), with the claims of the paragraph; None if it opens no section."""
        m = re.match(
            r"(?:Kết quả (?:đánh giá, )?xếp hạng|(?:Đối với|Về|Theo) kết quả(?: đánh giá)?) "
            r".+? \(([^()]+)\) năm (\d{4})",
            text,
        )
        if not m:
            return None
        evaluation = self.truth.by_short(m[1])
        if evaluation is None:
            self.claim("short name of one evaluation", m[1], "(none or several)")
            return None
        self.claim("year", m[2], self.year)
        tables = self.truth.tables_of(evaluation.id, self.year)
        if not tables:
            self.claim(f"{evaluation.short_name} has results in {self.year}", "yes", "no")
            return None
        bands = "|".join(
            re.escape(b.name) for b in sorted(evaluation.bands, key=lambda b: -len(b.name))
        )
        # "đánh giá" once: a name that says it ("Bộ chỉ số đánh giá ...") is not preceded by it.
        assessed = "đánh giá" in evaluation.name.lower()
        opened = "Kết quả xếp hạng" if assessed else "Kết quả đánh giá, xếp hạng"
        about = "kết quả" if assessed else "kết quả đánh giá"
        shape = re.fullmatch(
            rf"(?:{opened} {re.escape(evaluation.name)} \(.+?\) năm \d{{4}} cho thấy"
            rf"|(?:Đối với|Về|Theo) {about} {re.escape(evaluation.name)} \(.+?\) năm \d{{4}}), "
            rf"(.+?) có (.+?)(?:; không có [^;]+? xếp loại ((?:{bands})(?:(?:, | và )(?:{bands}))*))?\."
            rf"(?: So với năm (\d{{4}}), (.+)\.)?",
            text,
        )
        own = re.fullmatch(
            rf"(?:{opened} {re.escape(evaluation.name)} \(.+?\) năm \d{{4}} cho thấy"
            rf"|(?:Đối với|Về|Theo) {about} {re.escape(evaluation.name)} \(.+?\) năm \d{{4}}), "
            r"(.+)",
            text,
        )
        # "còn có" in the unit's own paragraph is no group's "có": a group is one of the tables'.
        groups = {t.group for t in tables}
        if (
            own is not None
            and (shape is None or shape[1] not in groups)
            and not any(own[1].startswith(g + " có ") for g in groups)
        ):
            # A section about the unit: its own result first, the group's picture after.
            table = self.truth.home(evaluation.id, self.year, self.focus) or tables[0]
            self.claim(
                "a section opened by the unit's own result ranks it without blocks",
                table.block,
                None,
            )
            self.section_detail(table, own[1])
            return table
        if shape is None:
            self.unreadable(text)
            return tables[0]
        group, present, empty, previous_year, changes = shape.groups()
        named = [t for t in tables if t.group == group]
        self.claim(
            f"group of {evaluation.short_name} (a block's name, with blocks)",
            group,
            group if named else " or ".join(t.group for t in tables),
        )
        table = named[0] if named else tables[0]
        listed = []
        # Items start with their count: a noun may hold a comma ("cơ quan, đơn vị").
        for item in re.split(r"(?:, | và )(?=\d)", present):
            self.sentence = text
            if m := re.fullmatch(rf"(\d+)/(\d+) .+ xếp loại ({bands})", item):
                listed.append(m[3])
                self.claim(f"units in {table.label} {m[3]}", int(m[1]), table.band_count(m[3]))
                self.claim(f"units ranked in {table.label}", int(m[2]), table.size)
            else:
                self.unreadable(item)
        for band in re.split(r", | và ", empty) if empty else []:
            listed.append(band)
            self.claim(f"units in {table.label} {band}", 0, table.band_count(band))
        self.claim(
            f"bands of {evaluation.short_name} listed",
            sorted(listed),
            sorted(b.name for b in evaluation.bands),
        )
        if previous_year:
            self.band_changes(table, previous_year, changes)
        return table

    def band_changes(self, table: Table, previous_year: str, changes: str) -> None:
        """ "số cơ quan xếp loại Tốt tăng 2 cơ quan, ..." since `previous_year`."""
        evaluation = table.evaluation
        bands = "|".join(
            re.escape(b.name) for b in sorted(evaluation.bands, key=lambda b: -len(b.name))
        )
        before = self.truth.table(evaluation.id, int(previous_year), table.block)
        for item in re.split(r"(?:, | và )(?=số )", changes):
            m = re.fullmatch(rf"số (.+?) xếp loại ({bands}) (tăng|giảm) (\d+) (.+)", item)
            if m is None or before is None:
                self.unreadable(item)
                continue
            # The group's noun, or "đơn vị" for a compound one ("cơ quan, đơn vị").
            noun = "đơn vị" if "," in m[1] else m[1]
            self.claim("the same noun for the units counted", m[5], noun)
            said = int(m[4]) * (1 if m[3] == "tăng" else -1)
            delta = table.band_count(m[2]) - before.band_count(m[2])
            self.claim(f"change of units in {m[2]} since {previous_year}", said, delta)

    def section_detail(self, table: Table, text: str) -> None:
        evaluation = table.evaluation
        bands = "|".join(
            re.escape(b.name) for b in sorted(evaluation.bands, key=lambda b: -len(b.name))
        )
        # The label ("điểm quy đổi 99,84") or plain points ("90,65 điểm").
        score = rf"(?:{re.escape(evaluation.score_label)} ({NUM})|({NUM}) điểm)"
        for sentence in (s for s in re.split(r"\.(?: |$)", text) if s):
            self.own_score_before, self.own_score_now = self.own_score_now, False
            # "Trong nhóm 03 cơ quan xếp loại Rất tốt, A ...; B ...": every unit the
            # sentence names is of the top band. It opens the paragraph, or follows the
            # focus unit's own sentences.
            top = None
            if m := re.fullmatch(r"So với năm (\d{4}), (số .+)", sentence):
                self.sentence = sentence
                self.band_changes(table, m[1], m[2])
                continue
            # "Trong nhóm này, A ...": the focus unit's band, said just before, is the top one.
            if sentence.startswith("Trong nhóm này, "):
                self.sentence = sentence
                entry = table.entries.get(self.focus)
                self.claim(
                    "the focus unit's band, the group 'nhóm này' names",
                    entry.band if entry else "(not ranked)",
                    evaluation.bands[0].name,
                )
                top = evaluation.bands[0].name
                sentence = sentence[len("Trong nhóm này, ") :]
            # "Dẫn đầu Khối ... là A cùng B, đồng xếp hạng Nhất với 98 điểm": who leads.
            if m := re.fullmatch(
                rf"Dẫn đầu (.+?) là (.+?), (đồng )?xếp ({PLACE}) với {score}", sentence
            ):
                self.sentence = sentence
                self.claim(f"group of {evaluation.short_name}", m[1], table.group)
                self.claim("the place of who leads", place_of(m[4]), "Nhất")
                said = f"{evaluation.score_label} {m[5]}" if m[5] else f"{m[6]} điểm"
                sentence = f"{m[2]} {m[3] or ''}xếp {m[4]} với {said}"
            # "Khối ... có 10/32 cơ quan xếp loại Xuất sắc; A ...": the top band in brief.
            elif m := re.match(rf"(.+?) có (\d+)/(\d+) .+? xếp loại ({bands}); ", sentence):
                top = m[4]
                self.sentence = sentence
                self.claim(f"group of {evaluation.short_name}", m[1], table.group)
                self.claim(f"top band of {evaluation.short_name}", top, evaluation.bands[0].name)
                self.claim(f"units in {table.label} {top}", int(m[2]), table.band_count(top))
                self.claim(f"units ranked in {table.label}", int(m[3]), table.size)
                sentence = sentence[m.end() :]
            elif m := re.match(rf"Trong nhóm (\d+) .+? xếp loại ({bands}), ", sentence):
                top = m[2]
                self.sentence = sentence
                self.claim(f"top band of {evaluation.short_name}", top, evaluation.bands[0].name)
                self.claim(f"units in {table.label} {top}", int(m[1]), table.band_count(top))
                # A group of one is "là cơ quan duy nhất xếp loại ...", never "nhóm 01".
                self.claim(
                    "units in a group introduced as one",
                    "several" if int(m[1]) > 1 else "one",
                    "several",
                )
                sentence = sentence[m.end() :]
            # "Dù thứ hạng giảm 2 bậc (...), xếp loại của Sở được nâng ...": two claims.
            if m := re.fullmatch(r"Dù (thứ hạng .+?\)), (xếp loại của .+)", sentence):
                clauses = [m[1], m[2]]
                self.sentence = sentence
                self.claim(
                    "a concession against its main clause", self.opposed(m[1], m[2]), "opposed"
                )
            else:
                clauses = sentence.split("; ")
            for clause in clauses:
                self.sentence = clause
                self.clause(evaluation, table, clause, score, top)

    @staticmethod
    def opposed(rank: str, band: str) -> str:
        """Whether "Dù <rank>, <band>" says moves in opposite directions, as "dù" means."""
        up = "tăng" in rank.split()[:3]
        raised = "lên mức" in band
        return "opposed" if up != raised else "the same direction"

    def clause(
        self, evaluation: Evaluation, table: Table, clause: str, score: str, top: str | None
    ) -> None:
        """One clause of a section's detail; `table` is the section's (its block's)."""
        short = re.escape(evaluation.short_name)
        focus = self.focus
        bands = "|".join(re.escape(b.name) for b in evaluation.bands)
        sole = None
        # "Sở đạt 73 điểm, xếp thứ 17/32, ...": the claims of "Sở xếp thứ 17/32 với 73 điểm, ...".
        any_score = rf"(?:{re.escape(evaluation.score_label)} {NUM}|{NUM} điểm)"
        if m := re.fullmatch(rf"(.+?) đạt ({any_score}), (đồng )?xếp ({PLACE})(.*)", clause):
            clause = f"{m[1]} {m[3] or ''}xếp {m[4]} với {m[2]}{m[5]}"
        if self.standing(evaluation, table, clause, any_score, bands):
            return
        # The unit's band with how many share it: "thuộc nhóm 05 cơ quan xếp loại Khá",
        # "dẫn đầu nhóm ...", "là cơ quan duy nhất xếp loại ...".
        if m := re.search(
            rf", (?:(thuộc|dẫn đầu) nhóm (\d+) .+? xếp loại ({bands})"
            rf"|là .+? duy nhất xếp loại ({bands}))$",
            clause,
        ):
            band = m[3] or m[4]
            self.own_band(evaluation, m[1], m[2], band)
            clause = clause[: m.start()] + f", thuộc nhóm {band}"
        # A tie with units of lower bands names their band: "cùng Sở Tư pháp (xếp loại Tốt)".
        outside: dict[str, str] = {}
        for unit in self.truth.units:
            if m := re.search(rf"{re.escape(unit)} \(xếp loại ({bands})\)", clause):
                outside[unit] = m[1]
        clause = re.sub(rf" \(xếp loại (?:{bands})\)", "", clause)
        if m := re.fullmatch(
            rf"(.+?) là (.+?) duy nhất xếp loại ({bands}), (đồng )?xếp ({PLACE})(?: cùng (.+?))?"
            rf" với {score}",
            clause,
        ):
            names, _noun, sole, tied, place, others, labelled, plain = m.groups()
            band = None
            group = self.units(names) + (self.units(others) if others else [])
            self.claim(f"units in {table.label} {sole}", 1, table.band_count(sole))
            self.claim(f"top band of {evaluation.short_name}", sole, evaluation.bands[0].name)
        elif m := re.fullmatch(
            rf"(.+?) (đồng )?xếp ({PLACE})(?: cùng (.+?))? với {score}(?:, thuộc nhóm (.+))?",
            clause,
        ):
            names, tied, place, others, labelled, plain, band = m.groups()
            group = self.units(names) + (self.units(others) if others else [])
            self.own_score_now = self.own_score_now or group == [focus]
        else:
            m = None
        if m:
            place = place_of(place)
            stated_score = labelled or plain
            if sole:
                band = sole
            for unit in group:
                # Checked against the unit's own block, which must be the section's.
                home = self.own(table, unit)
                if home is None:
                    continue
                self.place(home, unit, place, "rank")
                self.tied(home, unit, bool(tied))
                entry = home.entries[unit]
                self.claim(f"score of {unit}", stated_score, show(entry.score, evaluation.decimals))
                if unit in outside:
                    self.claim(f"band of {unit}", outside[unit], entry.band)
                elif band:
                    self.claim(f"band of {unit}", band, entry.band)
                if top and unit not in outside:
                    self.claim(f"band of {unit} (named in the top band's group)", top, entry.band)
                if tied and (not band or outside):  # a named group names every unit of the tie
                    self.claim(
                        f"units tied with {unit}", sorted(group), sorted(home.tied_with(unit))
                    )
            return
        if m := re.fullmatch(
            rf"Năm (\d{{4}}), (.+) không có tên trong kết quả đánh giá {short}", clause
        ):
            self.claim("year", m[1], self.year)
            self.me("unit said to be absent", m[2])
            home = self.truth.home(evaluation.id, self.year, m[2])
            self.claim(
                f"{m[2]} absent from {evaluation.short_name} {self.year} (every block)",
                "absent",
                "absent" if home is None else f"ranked in {home.label}",
            )
            return
        # Every other clause is about the focus unit, in its own block this year.
        self.focus_clause(evaluation, self.own(table, focus), clause, short)

    def standing(
        self, evaluation: Evaluation, table: Table, clause: str, any_score: str, bands: str
    ) -> bool:
        """A clause on where the focus unit stands, its place said in the sapo: its band
        with how many hold it ("Sở Công Thương thuộc nhóm 11 cơ quan xếp loại Tốt", with its
        score before: "đạt 86 điểm, ..."), the other units of its band ("Cùng nhóm Tốt với
        Sở còn có A (88,5 điểm) và B (83,5 điểm)"), or the units just ahead and behind it
        ("Sở xếp ngay sau A (88,10 điểm) và trên B (86,83 điểm)"). False for any other."""
        focus = self.focus
        home = self.own(table, focus) if focus in table.entries else None
        if m := re.fullmatch(
            rf"([^,]+?)(?: đạt ({any_score}),)? (?:(thuộc|dẫn đầu) nhóm (\d+) .+? xếp loại "
            rf"({bands})|là .+? duy nhất xếp loại ({bands}))",
            clause,
        ):
            if " xếp " in f" {m[1]} ":
                return False
            self.me("unit of its own result", m[1])
            if m[2] and home is not None:
                self.own_score_now = True
                stated = re.search(NUM, m[2])
                self.claim(
                    f"score of {focus}",
                    stated[0] if stated else m[2],
                    show(home.entries[focus].score, evaluation.decimals),
                )
            self.own_band(evaluation, m[3], m[4], m[5] or m[6])
            return True
        if m := re.fullmatch(
            rf"(?:Cùng nhóm ({bands}) với (.+?)|Nhóm ({bands})) còn có (.+)", clause
        ):
            if m[2] is not None:
                self.subject(m[2])
            band = m[1] or m[3]
            said = scored_items(m[4], self.truth.units)
            if home is None:
                return True
            self.claim(f"band of {focus}", band, home.entries[focus].band)
            mates = {u for u, e in home.entries.items() if e.band == band and u != focus}
            self.claim(f"the other units of {band}", sorted(u for u, _ in said), sorted(mates))
            for unit, score in said:
                self.scored(home, unit, score)
            return True
        ahead = behind = None
        if (m := re.fullmatch(r"(\S+(?: \S+)?) xếp ngay sau (.+?) và trên (.+)", clause)) or (
            m := re.fullmatch(r"Xếp ngay trên (.+?) là (.+?)(?:, ngay sau là (.+))?", clause)
        ):
            self.subject(m[1])
            ahead, behind = m[2], m[3]
        else:
            return False
        if home is None:
            return True
        mine = home.entries[focus].score
        for said, side in ((ahead, "ahead"), (behind, "behind")):
            if said is None:
                continue
            group = re.fullmatch(rf"(.+) \(({NUM}) điểm\)", said)
            names = self.units(group[1]) if group else []
            scores = [
                e.score
                for e in home.entries.values()
                if (e.score > mine if side == "ahead" else e.score < mine)
            ]
            near = (min if side == "ahead" else max)(scores) if scores else None
            truth = sorted(u for u, e in home.entries.items() if e.score == near)
            self.claim(f"units just {side} of {focus}", sorted(names), truth)
            for unit in names:
                self.scored(home, unit, group[2] if group else "")
        return True

    def scored(self, table: Table, unit: str, stated: str) -> None:
        """A unit's score said in brackets: "Sở Xây dựng (86,83 điểm)"."""
        entry = table.entries.get(unit)
        truth = show(entry.score, table.evaluation.decimals) if entry else "(not ranked here)"
        self.claim(f"score of {unit}", stated, truth)

    def focus_clause(
        self, evaluation: Evaluation, table: Table | None, clause: str, short: str
    ) -> None:
        """A clause about the focus unit; `table` ranks it this year (None: it is not
        ranked, and the claim that it is has been made and is false)."""
        focus = self.focus
        block = table.block if table is not None else None
        # What the result is about: "công tác CCHC", "công tác cải cách hành chính" (an index
        # is no piece of work), "Chỉ số DDCI" (an index whose topic is an aim).
        about = rf"(?:công tác {short}|công tác {re.escape(evaluation.topic)}|(?:Chỉ số )?{short})"
        # "Số điểm này tăng ...": the score the sentence before gave the unit.
        if clause.startswith("Số điểm này "):
            self.claim(
                "'số điểm này' right after the unit's own score", self.own_score_before, True
            )
            rest = clause[len("Số điểm này ") :]
            clause = f"{evaluation.score_label.capitalize()} năm {self.year} của {focus} {rest}"
        if m := re.fullmatch(
            rf"Như vậy, (\d+) năm liên tiếp (\d{{4}})-(\d{{4}}), (.+) giữ vị trí dẫn đầu "
            rf"về {about}",
            clause,
        ):
            self.me("unit of the streak", m[4])
            start, length = self.truth.first_streak(evaluation.id, focus, self.year, block)
            self.claim(
                "run at rank 1", f"{m[1]} năm {m[2]}-{m[3]}", f"{length} năm {start}-{self.year}"
            )
        elif m := re.fullmatch(
            rf"(.+) trở lại vị trí xếp hạng Nhất về {about} \(lần gần nhất là năm (\d{{4}})\)",
            clause,
        ):
            self.me("unit of the return", m[1])
            if table is not None:
                self.place(table, focus, "Nhất", "rank")
            self.claim(
                "last year at rank 1 (every year since in the data, in the same block)",
                m[2],
                self.last_first(evaluation, block),
            )
        elif m := re.fullmatch(rf"Đây là lần đầu tiên (.+) xếp hạng Nhất về {about}", clause):
            self.me("unit of the first time", m[1])
            self.claim("first time at rank 1", "lần đầu tiên", self.first_time(evaluation, block))
        elif m := re.fullmatch(
            r"(.+?)(?: cũng)? giữ vững mức xếp loại (.+) (\d+) năm liên tiếp (\d{4})-(\d{4})",
            clause,
        ):
            self.subject(m[1])
            start, length = self.truth.band_streak(evaluation.id, focus, self.year, m[2], block)
            self.claim(
                f"run in band {m[2]}",
                f"{m[3]} năm {m[4]}-{m[5]}",
                f"{length} năm {start}-{self.year}",
            )
            if table is not None:
                self.claim(f"band of {focus}", m[2], table.entries[focus].band)
        elif m := re.fullmatch(
            rf"(?:{re.escape(evaluation.score_label)}|{re.escape(evaluation.score_label.capitalize())})"
            rf"(?: {short})? năm (\d{{4}}) của (.+?) "
            rf"(?:tăng ({NUM}) điểm|giảm ({NUM}) điểm|(giữ nguyên) số điểm|(không đổi)) so với năm (\d{{4}}) \(({NUM}) điểm\)",
            clause,
        ):
            year, subject, up, down, _same, _unchanged, previous_year, previous_score = m.groups()
            self.subject(subject)
            self.claim("year", year, self.year)
            self.previous = int(previous_year)
            if table is None:
                return
            before = self.present(evaluation, focus, self.previous, like=table)
            if before is not None:
                now, then = table.entries[focus].score, before.entries[focus].score
                self.claim(
                    f"{self.previous} score of {focus}",
                    previous_score,
                    show(then, evaluation.decimals),
                )
                said = f"tăng {up}" if up else f"giảm {down}" if down else "giữ nguyên"
                delta = now - then
                truth = (
                    "giữ nguyên"
                    if delta == 0
                    else (f"{'tăng' if delta > 0 else 'giảm'} {show_delta(delta)}")
                )
                self.claim(f"score change of {focus}", said, truth)
        elif m := re.fullmatch(
            rf"(\S+(?: \S+)?) (?:giữ vững vị trí|tiếp tục) xếp ({PLACE}) như năm (\d{{4}})", clause
        ):
            self.subject(m[1])
            if table is None:
                return
            before = self.present(evaluation, focus, int(m[3]), like=table)
            if before is not None:
                self.claim("place kept", before.position(focus), table.position(focus))
                self.place(table, focus, place_of(m[2]), "rank")
                self.place(before, focus, place_of(m[2]), f"{m[3]} rank")
        elif m := re.fullmatch(
            rf"[Tt]hứ hạng(?: của (.+?))? (tăng|giảm) (\d+) bậc \(năm (\d{{4}}) (đồng )?xếp ({PLACE})\)",
            clause,
        ):
            m = re.fullmatch(
                rf"[Tt]hứ hạng(?: của (.+?))? (tăng|giảm) (\d+) bậc \(năm (\d{{4}}) xếp ({PLACE})\)",
                clause.replace(" đồng xếp ", " xếp "),
            )
            assert m is not None
            tied_then = " đồng xếp " in clause
            self.subject(m[1])
            if table is None:
                return
            before = self.present(evaluation, focus, int(m[4]), like=table)
            if before is not None:
                said = int(m[3]) * (1 if m[2] == "tăng" else -1)
                gain = before.position(focus) - table.position(focus)
                self.claim("places gained", said, gain)
                self.place(before, focus, place_of(m[5]), f"{m[4]} rank")
                self.tied(before, focus, tied_then)
                # Counted only where both years' places read as places, not as rank words
                # compressed by a tie above ("Nhì, tăng 1 bậc (năm 2018 xếp hạng Tư)").
                self.claim("a move counted in places", True, reads_as_places(focus, table, before))
                # A move a reader can see: the places read differently in the two years.
                now = table.place_matches(focus, place_of(m[5]))
                self.claim("places read differently", place_of(m[5]) != now, True)
        elif m := re.fullmatch(rf"Năm (\d{{4}}), (.+?) (đồng )?xếp ({PLACE})", clause):
            # Last year's place, said instead of a count of places moved: one of the two
            # years' places is a rank word under a tie above, not a place.
            self.subject(m[2])
            if table is None:
                return
            before = self.present(evaluation, focus, int(m[1]), like=table)
            if before is not None:
                self.place(before, focus, place_of(m[4]), f"{m[1]} rank")
                self.tied(before, focus, bool(m[3]))
                self.claim(
                    "places that read as places", False, reads_as_places(focus, table, before)
                )
        elif m := re.fullmatch(
            r"[Xx]ếp loại của (.+?) (được nâng|tăng|giảm) từ mức (.+) (lên|xuống) mức (.+)", clause
        ):
            self.subject(m[1])
            # "được" never before a weak band: "tăng từ mức Yếu lên mức Trung bình".
            up = "tăng" if weak(evaluation, m[5]) else "được nâng"
            self.claim("verb of a band move", m[2], up if m[4] == "lên" else "giảm")
            m = re.fullmatch(
                r".+? (?:được nâng|tăng|giảm) từ mức (.+) (lên|xuống) mức (.+)", clause
            )
            assert m is not None
            if table is None:
                return
            before = self.present(evaluation, focus, self.previous or self.year - 1, like=table)
            if before is not None:
                then, now = before.entries[focus].band, table.entries[focus].band
                self.claim(f"previous band of {focus}", m[1], then)
                self.claim(f"band of {focus}", m[3], now)
                up = table.band_index(now) < table.band_index(then)
                self.claim("band moved", m[2], "lên" if up else "xuống")
        else:
            self.unreadable(clause)

    def own_band(
        self, evaluation: Evaluation, verb: str | None, count: str | None, band: str
    ) -> None:
        """ "thuộc nhóm 05 cơ quan xếp loại Khá" (how many share the unit's band), "dẫn đầu
        nhóm ..." (first of it, alone, in a band that is not weak), "là cơ quan duy nhất
        xếp loại ..." (alone in it)."""
        home = self.truth.home(evaluation.id, self.year, self.focus)
        if home is None:
            self.claim(f"{self.focus} ranked in {evaluation.short_name}", "yes", "no")
            return
        self.claim(
            f"units in {home.label} {band}", int(count) if count else 1, home.band_count(band)
        )
        if verb == "dẫn đầu":
            mine = home.entries[self.focus].score
            ahead = [
                u
                for u, e in home.entries.items()
                if e.band == band and u != self.focus and e.score >= mine
            ]
            self.claim(f"{self.focus} first of {band}, alone", ahead, [])
            self.claim(
                "a band led that is not weak", band, "(weak)" if weak(evaluation, band) else band
            )

    def subject(self, text: str | None) -> None:
        """The subject of a sentence about the focus unit that does not name it: its noun
        ("Sở", "đơn vị"), never another unit's name."""
        if text is not None:
            named = text in self.truth.units and text != self.focus
            self.claim(
                "subject of a sentence about the focus unit",
                text,
                "another unit" if named else text,
            )

    def last_first(self, evaluation: Evaluation, block: str | None) -> str:
        """The last year before this one the focus unit was at rank 1, in `block`; unknown
        across a missing year or a year spent in another block."""
        year = self.year - 1
        table = self.truth.table(evaluation.id, year, block)
        if table is not None and self.focus in table.entries and table.rank(self.focus) == 1:
            return "(first last year too: a run, not a return)"
        while self.truth.tables_of(evaluation.id, year):
            home = self.truth.home(evaluation.id, year, self.focus)
            if home is not None and home.block != block:
                return f"(unknown: in {home.label} in {year})"
            if home is not None and home.rank(self.focus) == 1:
                return str(year)
            year -= 1
        return f"(unknown: {year} missing from the data)"

    def first_time(self, evaluation: Evaluation, block: str | None) -> str:
        table = self.truth.table(evaluation.id, self.year, block)
        if table is None or self.focus not in table.entries or table.rank(self.focus) != 1:
            return "(not at rank 1 this year)"
        if evaluation.first_year is None:
            return "(unknown: the evaluation has no first_year)"
        for year in range(evaluation.first_year, self.year):
            if not self.truth.tables_of(evaluation.id, year):
                return f"(unknown: {year} missing from the data)"
            home = self.truth.home(evaluation.id, year, self.focus)
            if home is not None and home.block != block:
                return f"(unknown: in {home.label} in {year})"
            if home is not None and home.rank(self.focus) == 1:
                return f"(at rank 1 in {year})"
        return "lần đầu tiên"


WEAK_NAMES = ("trung bình", "yếu", "kém", "chưa đạt", "không đạt")


def weak(evaluation: Evaluation, band: str) -> bool:
    """A band no article praises: named so, or the lowest of three or more."""
    names = [b.name for b in evaluation.bands]
    lowest = band == names[-1] and len(names) >= 3
    return lowest or any(w in band.casefold() for w in WEAK_NAMES)


def scored_items(text: str, known: set[str]) -> list[tuple[str, str]]:
    """ "A (78 điểm), B (75,5 điểm) và C (70 điểm)" as (name, score) pairs; a name the data
    does not know is kept as said, for the claim on the units to fail."""
    found = []
    for m in re.finditer(rf"(.+?) \(({NUM}) điểm\)(?:, | và | cùng |$)", text):
        found.append((m[1], m[2]))
    return found


def split_names(text: str, known: set[str]) -> list[str] | None:
    """Split "A, B và C" (or "A cùng B") into known names; None if it cannot be done."""
    if text in known:
        return [text]
    for m in re.finditer(r", | và | cùng ", text):
        head = text[: m.start()]
        if head in known and (rest := split_names(text[m.end() :], known)) is not None:
            return [head, *rest]
    return None


def read_article(path: Path, truth: Truth, year: int) -> list[Claim]:
    """Every claim of the article at `path`, whose file name is its focus unit."""
    focus = nfc(path.stem)
    reader = Reader(truth, year, focus, path.name)
    reader.read(path.read_text("utf-8"))
    return reader.claims
