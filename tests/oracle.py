"""A truth oracle for articles: every claim an article states, checked against the raw files.

It reads data/ with csv and tomllib and works ranks, positions, bands, counts and streaks
out by itself, from the definitions in STYLE.md; it imports nothing of bantin's load,
rank, compose or check, so a mistake there cannot hide in both the article and its
proof. It then parses the Markdown of an article with the sentence shapes of templates/
and turns each statement into a claim: what the article says next to what the data says.
A paragraph or clause it cannot read is a failure too, so it cannot pass by reading
nothing.
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

RANK_WORDS = ("Nhất", "Nhì", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười")
NUM = r"\d{1,3}(?:\.\d{3})*(?:,\d+)?"
RANK = r"(?:Nhất|Nhì|Ba|Tư|Năm|Sáu|Bảy|Tám|Chín|Mười|\d+/\d+)"
VERB = r"(?:xếp hạng|xếp vị thứ)"
CONNECTORS = re.compile(r"^(?:đồng thời|bên cạnh đó,|ngoài ra,) ")
CLOSINGS = (
    "Các kết quả trên ghi nhận",
    "Những kết quả này thể hiện",
    "Kết quả đạt được là sự ghi nhận",
    "Kết quả trên là cơ sở để",
    "Thời gian tới,",
)


class BlocksNotCovered(Exception):
    """A score file ranked in blocks ("Khối"): the oracle does not model blocks yet."""


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


def show_delta(value: Decimal, decimals: int | None) -> str:
    """A difference of scores: no trailing zeros unless `decimals` asks for them."""
    if decimals is None:
        value = value.normalize()
    return show(abs(value), decimals)


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
    """One evaluation's results of one year."""

    evaluation: Evaluation
    entries: dict[str, Entry]

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
    """Every evaluation and score file of a data folder."""

    evaluations: dict[str, Evaluation]
    tables: dict[tuple[str, int], Table]
    units: set[str]

    def table(self, evaluation_id: str, year: int) -> Table | None:
        return self.tables.get((evaluation_id, year))

    def by_short(self, short: str) -> Evaluation | None:
        found = [e for e in self.evaluations.values() if e.short_name == short]
        return found[0] if len(found) == 1 else None

    def by_topic(self, topic: str, year: int) -> Evaluation | None:
        found = [
            e
            for e in self.evaluations.values()
            if e.topic == topic and self.table(e.id, year) is not None
        ]
        return found[0] if len(found) == 1 else None

    def first_streak(self, evaluation_id: str, unit: str, year: int) -> tuple[int, int]:
        """(first year, length) of the unit's unbroken run at rank 1 up to `year`; a year
        missing from the data breaks it."""
        start = year
        while True:
            table = self.table(evaluation_id, start)
            if table is None or unit not in table.entries or table.rank(unit) != 1:
                break
            start -= 1
        return start + 1, year - start

    def band_streak(self, evaluation_id: str, unit: str, year: int, band: str) -> tuple[int, int]:
        """The same for a band, counting only years where the band is official or
        published (an assumed threshold proves nothing)."""
        start = year
        while True:
            table = self.table(evaluation_id, start)
            entry = table.entries.get(unit) if table is not None else None
            if entry is None or entry.band != band or entry.band_assumed:
                break
            start -= 1
        return start + 1, year - start


def load_truth(root: Path) -> Truth:
    """Read evaluations/*.toml, units.toml and every <year>/<evaluation>.csv."""
    aliases: dict[str, str] = {}
    units_file = root / "units.toml"
    if units_file.exists():
        for unit in tomllib.loads(units_file.read_text("utf-8")).get("units", []):
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
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name.isdigit()):
        for evaluation in evaluations.values():
            path = folder / f"{evaluation.id}.csv"
            if path.exists():
                entries = read_scores(path, evaluation, aliases)
                tables[(evaluation.id, int(folder.name))] = Table(evaluation, entries)
    units = {u for t in tables.values() for u in t.entries} | set(aliases.values())
    return Truth(evaluations, tables, units)


def read_scores(path: Path, evaluation: Evaluation, aliases: dict[str, str]) -> dict[str, Entry]:
    """unit -> score and band, from a semicolon CSV with a "Đơn vị" and a "Điểm" column."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = [[nfc(c) for c in row] for row in csv.reader(f, delimiter=";")]
    header = next(i for i, row in enumerate(rows) if "đơn vị" in [key(c) for c in row])
    columns = [key(c) for c in rows[header]]
    if "khối" in columns:
        raise BlocksNotCovered(path)
    unit_col, score_col = columns.index("đơn vị"), columns.index("điểm")
    band_col = columns.index("xếp loại") if "xếp loại" in columns else None
    assumed = [
        b.assumed or (i > 0 and evaluation.bands[i - 1].assumed)
        for i, b in enumerate(evaluation.bands)
    ]
    entries = {}
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
        entries[unit] = Entry(score, band, band_assumed)
    return entries


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

    def claim(self, what: str, stated: object, expected: object) -> None:
        self.claims.append(Claim(self.article, self.sentence, what, str(stated), str(expected)))

    def unreadable(self, text: str) -> None:
        """A statement the oracle has no shape for: a failure, never a silent skip."""
        self.claim("a sentence shape the oracle knows", text, "(none matched)")

    def units(self, text: str) -> list[str]:
        """The unit names of a list "A, B và C" (names may contain "và" themselves)."""
        found = split_names(text, self.truth.units)
        if found is None:
            self.claim("known unit names", text, "(no such unit)")
            return []
        return found

    # -- the article -------------------------------------------------------------------

    def read(self, markdown: str) -> None:
        paragraphs = markdown_paragraphs(markdown)
        section: Evaluation | None = None
        for i, (kind, text) in enumerate(paragraphs):
            self.sentence = text
            if kind.startswith("h"):
                self.title(text)
            elif i == 1:
                self.lead(text)
            elif (evaluation := self.section_intro(text)) is not None:
                section = evaluation
                continue
            elif section is not None:
                self.section_detail(section, text)
            elif re.match(r"^(?:Ảnh \d+: |\[Chèn ảnh \d+\]$)", text) or text.startswith(CLOSINGS):
                pass
            elif i == len(paragraphs) - 1:
                pass  # the byline
            else:
                self.unreadable(text)
            section = None

    def place(self, table: Table, unit: str, stated: str, what: str) -> None:
        self.claim(f"{what} of {unit}", stated, table.place_matches(unit, stated))

    def tied(self, table: Table, unit: str, stated: bool) -> None:
        said = "đồng (tied)" if stated else "not tied"
        truth = "đồng (tied)" if len(table.tied_with(unit)) > 1 else "not tied"
        self.claim(f"tie of {unit}", said, truth)

    def present(self, evaluation: Evaluation, unit: str, year: int) -> Table | None:
        """The year's table if the unit is in it; a claim that it is, either way."""
        table = self.truth.table(evaluation.id, year)
        ranked = table is not None and unit in table.entries
        self.claim(
            f"{unit} ranked in {evaluation.short_name} {year}", "yes", "yes" if ranked else "no"
        )
        return table if ranked else None

    # -- title ---------------------------------------------------------------------------

    def title(self, text: str) -> None:
        if m := re.fullmatch(r"Kết quả đánh giá, xếp hạng năm (\d{4})", text):
            self.claim("year", m[1], self.year)
            return
        if not text.startswith(self.focus + " "):
            self.unreadable(text)
            return
        rest = text[len(self.focus) + 1 :]
        if m := re.fullmatch(r"(\d+) năm liên tiếp dẫn đầu về (.+)", rest):
            if evaluation := self.topic(m[2]):
                table = self.present(evaluation, self.focus, self.year)
                if table:
                    _, length = self.truth.first_streak(evaluation.id, self.focus, self.year)
                    self.claim("years running at rank 1", m[1], length)
        elif m := re.fullmatch(r"(đồng )?xếp hạng Nhất về (.+) năm (\d{4})", rest):
            self.claim("year", m[3], self.year)
            if (evaluation := self.topic(m[2])) and (
                table := self.present(evaluation, self.focus, self.year)
            ):
                self.place(table, self.focus, "Nhất", "rank")
                self.tied(table, self.focus, bool(m[1]))
        elif m := re.fullmatch(r"tăng (\d+) bậc về (.+) năm (\d{4})", rest):
            self.claim("year", m[3], self.year)
            if (evaluation := self.topic(m[2])) and (
                table := self.present(evaluation, self.focus, self.year)
            ):
                before = self.present(evaluation, self.focus, self.year - 1)
                if before:
                    gain = before.position(self.focus) - table.position(self.focus)
                    self.claim("places gained", m[1], gain)
        elif m := re.fullmatch(r"xếp loại (.+) về (.+) năm (\d{4})", rest):
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
                t.evaluation.short_name
                for (_, y), t in self.truth.tables.items()
                if y == self.year and self.focus in t.entries
            ]
            self.claim(
                f"{self.focus} in no evaluation this year", "none", ", ".join(ranked) or "none"
            )
            return
        topics = "|".join(re.escape(e.topic) for e in self.truth.evaluations.values())
        for part in rest.split("; "):
            part = CONNECTORS.sub("", part)
            first = re.fullmatch(
                rf"(đồng )?xếp hạng Nhất về công tác ({topics})(?: năm (\d{{4}}))?"
                rf"(?: trong (.+?))?(?:, (\d+) năm liên tiếp giữ vị trí dẫn đầu)?",
                part,
            )
            other = re.fullmatch(
                rf"được xếp loại (.+?), (đồng )?xếp vị thứ ({RANK}) về công tác ({topics})"
                rf"(?: năm (\d{{4}}))?",
                part,
            )
            if first:
                tied, topic, year, group, streak = first.groups()
            elif other:
                band, tied, place, topic, year = other.groups()
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
            if first:
                self.place(table, self.focus, "Nhất", "rank")
                if group:
                    self.claim(f"group of {evaluation.short_name}", group, evaluation.group)
                if streak:
                    _, length = self.truth.first_streak(evaluation.id, self.focus, self.year)
                    self.claim("years running at rank 1", streak, length)
            else:
                self.place(table, self.focus, place, "rank")
                self.claim(f"band of {self.focus}", band, table.entries[self.focus].band)

    # -- an evaluation's section -------------------------------------------------------------

    def section_intro(self, text: str) -> Evaluation | None:
        m = re.match(
            r"(?:Kết quả đánh giá, xếp hạng|Đối với kết quả đánh giá|Về kết quả đánh giá) "
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
        table = self.truth.table(evaluation.id, self.year)
        if table is None:
            self.claim(f"{evaluation.short_name} has results in {self.year}", "yes", "no")
            return None
        bands = "|".join(
            re.escape(b.name) for b in sorted(evaluation.bands, key=lambda b: -len(b.name))
        )
        shape = re.fullmatch(
            rf"(?:Kết quả đánh giá, xếp hạng {re.escape(evaluation.name)} \(.+?\) năm \d{{4}} cho thấy"
            rf"|(?:Đối với|Về) kết quả đánh giá {re.escape(evaluation.name)} \(.+?\) năm \d{{4}}), "
            rf"(.+?) có (.+?)(?:; không có \S+(?: \S+)? xếp loại ((?:{bands})(?:(?:, | và )(?:{bands}))*))?\."
            rf"(?: So với năm (\d{{4}}), (.+)\.)?",
            text,
        )
        if shape is None:
            self.unreadable(text)
            return evaluation
        group, present, empty, previous_year, changes = shape.groups()
        self.claim(f"group of {evaluation.short_name}", group, evaluation.group)
        listed = []
        for item in re.split(r", | và ", present):
            self.sentence = text
            if m := re.fullmatch(rf"(\d+)/(\d+) .+ xếp loại ({bands})", item):
                listed.append(m[3])
                self.claim(
                    f"units in {evaluation.short_name} {m[3]}", int(m[1]), table.band_count(m[3])
                )
                self.claim(f"units ranked in {evaluation.short_name}", int(m[2]), table.size)
            else:
                self.unreadable(item)
        for band in re.split(r", | và ", empty) if empty else []:
            listed.append(band)
            self.claim(f"units in {evaluation.short_name} {band}", 0, table.band_count(band))
        self.claim(
            f"bands of {evaluation.short_name} listed",
            sorted(listed),
            sorted(b.name for b in evaluation.bands),
        )
        if previous_year:
            before = self.truth.table(evaluation.id, int(previous_year))
            for item in re.split(r", | và ", changes):
                m = re.fullmatch(rf"số .+ xếp loại ({bands}) (tăng|giảm) (\d+) đơn vị", item)
                if m is None or before is None:
                    self.unreadable(item)
                    continue
                said = int(m[3]) * (1 if m[2] == "tăng" else -1)
                delta = table.band_count(m[1]) - before.band_count(m[1])
                self.claim(f"change of units in {m[1]} since {previous_year}", said, delta)
        return evaluation

    def section_detail(self, evaluation: Evaluation, text: str) -> None:
        table = self.truth.table(evaluation.id, self.year)
        assert table is not None
        bands = "|".join(
            re.escape(b.name) for b in sorted(evaluation.bands, key=lambda b: -len(b.name))
        )
        top = None
        if m := re.match(rf"Trong nhóm (\d+) .+? xếp loại ({bands}), ", text):
            top = m[2]
            self.claim(f"top band of {evaluation.short_name}", top, evaluation.bands[0].name)
            self.claim(f"units in {evaluation.short_name} {top}", int(m[1]), table.band_count(top))
            text = text[m.end() :]
        if evaluation.score_label == "điểm":
            score = rf"({NUM}) điểm"
        else:
            score = rf"{re.escape(evaluation.score_label)} ({NUM})"
        for number, sentence in enumerate(s for s in re.split(r"\.(?: |$)", text) if s):
            for clause in sentence.split("; "):
                self.sentence = clause
                self.clause(evaluation, table, clause, score, top if number == 0 else None)

    def clause(
        self, evaluation: Evaluation, table: Table, clause: str, score: str, top: str | None
    ) -> None:
        short = re.escape(evaluation.short_name)
        focus = self.focus
        if m := re.fullmatch(
            rf"(.+?) (đồng )?{VERB} ({RANK})(?: cùng (.+?))? với {score}(?:, thuộc nhóm (.+))?",
            clause,
        ):
            names, tied, place, others, stated_score, band = m.groups()
            group = self.units(names) + (self.units(others) if others else [])
            for unit in group:
                if unit not in table.entries:
                    self.claim(f"{unit} ranked in {evaluation.short_name} {self.year}", "yes", "no")
                    continue
                self.place(table, unit, place, "rank")
                self.tied(table, unit, bool(tied))
                entry = table.entries[unit]
                self.claim(f"score of {unit}", stated_score, show(entry.score, evaluation.decimals))
                if band:
                    self.claim(f"band of {unit}", band, entry.band)
                if top:
                    self.claim(f"band of {unit} (named in the top band's group)", top, entry.band)
                if tied and not band:  # a named group names every unit of the tie
                    self.claim(
                        f"units tied with {unit}", sorted(group), sorted(table.tied_with(unit))
                    )
        elif m := re.fullmatch(
            rf"Năm (\d{{4}}), (.+) không có tên trong kết quả đánh giá {short}", clause
        ):
            self.claim("year", m[1], self.year)
            self.claim("unit said to be absent", m[2], focus)
            self.claim(
                f"{m[2]} absent from {evaluation.short_name} {self.year}",
                "absent",
                "absent" if m[2] not in table.entries else "ranked",
            )
        elif m := re.fullmatch(
            rf"Như vậy, (\d+) năm liên tiếp (\d{{4}})-(\d{{4}}), (.+) giữ vị trí xếp hạng Nhất "
            rf"về công tác {short}",
            clause,
        ):
            self.claim("unit of the streak", m[4], focus)
            start, length = self.truth.first_streak(evaluation.id, focus, self.year)
            self.claim(
                "run at rank 1", f"{m[1]} năm {m[2]}-{m[3]}", f"{length} năm {start}-{self.year}"
            )
        elif m := re.fullmatch(
            rf"(.+) trở lại vị trí xếp hạng Nhất về công tác {short} \(lần gần nhất là năm (\d{{4}})\)",
            clause,
        ):
            self.claim("unit of the return", m[1], focus)
            self.place(table, focus, "Nhất", "rank")
            self.claim(
                "last year at rank 1 (every year since in the data)",
                m[2],
                self.last_first(evaluation),
            )
        elif m := re.fullmatch(
            rf"Đây là lần đầu tiên (.+) xếp hạng Nhất về công tác {short}", clause
        ):
            self.claim("unit of the first time", m[1], focus)
            self.claim("first time at rank 1", "lần đầu tiên", self.first_time(evaluation))
        elif m := re.fullmatch(
            r"(.+) có (\d+) năm liên tiếp (\d{4})-(\d{4}) được xếp loại (.+)", clause
        ):
            self.claim("unit of the streak", m[1], focus)
            start, length = self.truth.band_streak(evaluation.id, focus, self.year, m[5])
            self.claim(
                f"run in band {m[5]}",
                f"{m[2]} năm {m[3]}-{m[4]}",
                f"{length} năm {start}-{self.year}",
            )
        elif m := re.fullmatch(
            rf"(?:{re.escape(evaluation.score_label)}|{re.escape(evaluation.score_label.capitalize())})"
            rf"(?: {short})? năm (\d{{4}}) của (.+?) "
            rf"(?:tăng ({NUM}) điểm|giảm ({NUM}) điểm|(giữ nguyên) số điểm) so với năm (\d{{4}}) \(({NUM}) điểm\)",
            clause,
        ):
            year, _, up, down, _same, previous_year, previous_score = m.groups()
            self.claim("year", year, self.year)
            self.previous = int(previous_year)
            before = self.present(evaluation, focus, self.previous)
            if before is not None and focus in table.entries:
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
                    else (
                        f"{'tăng' if delta > 0 else 'giảm'} {show_delta(delta, evaluation.decimals)}"
                    )
                )
                self.claim(f"score change of {focus}", said, truth)
        elif m := re.fullmatch(rf"giữ vững vị trí xếp hạng ({RANK}) như năm (\d{{4}})", clause):
            before = self.present(evaluation, focus, int(m[2]))
            if before is not None:
                self.claim("place kept", before.position(focus), table.position(focus))
                self.place(table, focus, m[1], "rank")
                self.place(before, focus, m[1], f"{m[2]} rank")
        elif m := re.fullmatch(
            rf"thứ hạng (tăng|giảm) (\d+) bậc \(năm (\d{{4}}) xếp hạng ({RANK})\)", clause
        ):
            before = self.present(evaluation, focus, int(m[3]))
            if before is not None:
                said = int(m[2]) * (1 if m[1] == "tăng" else -1)
                gain = before.position(focus) - table.position(focus)
                self.claim("places gained", said, gain)
                self.place(before, focus, m[4], f"{m[3]} rank")
        elif m := re.fullmatch(
            r"xếp loại (?:được nâng|giảm) từ mức (.+) (lên|xuống) mức (.+)", clause
        ):
            before = self.present(evaluation, focus, self.previous or self.year - 1)
            if before is not None:
                then, now = before.entries[focus].band, table.entries[focus].band
                self.claim(f"previous band of {focus}", m[1], then)
                self.claim(f"band of {focus}", m[3], now)
                up = table.band_index(now) < table.band_index(then)
                self.claim("band moved", m[2], "lên" if up else "xuống")
        else:
            self.unreadable(clause)

    def last_first(self, evaluation: Evaluation) -> str:
        year = self.year - 1
        table = self.truth.table(evaluation.id, year)
        if table is not None and self.focus in table.entries and table.rank(self.focus) == 1:
            return "(first last year too: a run, not a return)"
        while (table := self.truth.table(evaluation.id, year)) is not None:
            if self.focus in table.entries and table.rank(self.focus) == 1:
                return str(year)
            year -= 1
        return f"(unknown: {year} missing from the data)"

    def first_time(self, evaluation: Evaluation) -> str:
        table = self.truth.table(evaluation.id, self.year)
        if table is None or self.focus not in table.entries or table.rank(self.focus) != 1:
            return "(not at rank 1 this year)"
        if evaluation.first_year is None:
            return "(unknown: the evaluation has no first_year)"
        for year in range(evaluation.first_year, self.year):
            before = self.truth.table(evaluation.id, year)
            if before is None:
                return f"(unknown: {year} missing from the data)"
            if self.focus in before.entries and before.rank(self.focus) == 1:
                return f"(at rank 1 in {year})"
        return "lần đầu tiên"


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
