"""An independent claim checker for the truth audit: it reads the data files itself
(CSV, TOML) and every sentence shape of an article, sharing no code with bantin's rank,
compose or check, nor with tests/oracle.py. A claim it cannot read is reported as
unverified, so a new sentence shape fails the audit until the checker learns it."""

from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from decimal import Decimal
from pathlib import Path

RANK_WORDS = ["Nhất", "Nhì", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười"]
NOUNS = r"(?:Viện|Đơn vị|Sở|sở|đơn vị|xã|huyện|quận|thị xã|thành phố|Thành phố|Huyện|Xã|Ban|Cục|cơ quan|Trường|Văn phòng|Trung tâm|Đài|Quỹ|Thanh tra|thị trấn|Thị trấn|Thị xã|phường|Phường|UBND)"


def nfc(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def dec(s: str) -> Decimal:
    return Decimal(s.strip().replace(".", "").replace(",", ".")) if "," in s else Decimal(s.strip())


def vi_num(s: str) -> Decimal:
    return Decimal(s.replace(".", "").replace(",", "."))


class Data:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.pub = tomllib.loads((root / "publisher.toml").read_text("utf-8"))
        self.alias: dict[str, str] = {}
        self.spellings: dict[str, list[str]] = {}
        if (root / "units.toml").exists():
            for u in tomllib.loads((root / "units.toml").read_text("utf-8"))["units"]:
                for a in [
                    u["name"],
                    *u.get("aliases", []),
                    *([u["short"]] if "short" in u else []),
                ]:
                    self.alias[nfc(a).casefold()] = nfc(u["name"])
                    self.spellings.setdefault(nfc(u["name"]), []).append(nfc(a))
        self.evals = {
            p.stem: tomllib.loads(p.read_text("utf-8"))
            for p in (root / "evaluations").glob("*.toml")
        }
        # tables[(code, block)][year] = {unit: (score, band, official, assumed)}
        self.tables: dict[
            tuple[str, str], dict[int, dict[str, tuple[Decimal, str, bool, bool]]]
        ] = {}
        for ydir in sorted(p for p in root.iterdir() if p.name.isdigit()):
            year = int(ydir.name)
            for f in ydir.glob("*.csv"):
                code = f.stem
                ev = self.evals[code]
                rows = list(csv.reader(f.read_text("utf-8").splitlines(), delimiter=";"))
                head = [h.casefold() for h in rows[0]]
                ucol = next(i for i, h in enumerate(head) if "đơn vị" in h or "cơ quan" in h)
                scol = next(i for i, h in enumerate(head) if "điểm" in h)
                bcol = next((i for i, h in enumerate(head) if "xếp loại" in h), None)
                kcol = next((i for i, h in enumerate(head) if h.startswith("khối")), None)
                bands = ev["bands"]
                for r in rows[1:]:
                    unit = self.canon(r[ucol])
                    score = dec(r[scol])
                    block = nfc(r[kcol]) if kcol is not None else ev["group"]
                    if bcol is not None and r[bcol].strip():
                        band, off, ass = nfc(r[bcol]), True, False
                    else:
                        i = next(
                            (i for i, b in enumerate(bands) if score >= Decimal(b["minimum"])),
                            len(bands) - 1,
                        )
                        band = bands[i]["name"]
                        off = False
                        ass = bool(bands[i].get("assumed")) or (
                            i > 0 and bool(bands[i - 1].get("assumed"))
                        )
                    self.tables.setdefault((code, block), {}).setdefault(year, {})[unit] = (
                        score,
                        band,
                        off,
                        ass,
                    )

    def canon(self, name: str) -> str:
        n = nfc(name)
        return self.alias.get(n.casefold(), n)

    def rank(
        self, code: str, block: str, year: int, unit: str
    ) -> tuple[int, int, int, list[str]] | None:
        """(rank by tie rule, position, size, tie group) or None."""
        t = self.tables.get((code, block), {}).get(year)
        if t is None or unit not in t:
            return None
        s = t[unit][0]
        position = 1 + sum(1 for v in t.values() if v[0] > s)
        dense = 1 + len({v[0] for v in t.values() if v[0] > s})
        rule = self.evals[code].get("tie_rule", "dense")
        tied = sorted(u for u, v in t.items() if v[0] == s)
        return (dense if rule == "dense" else position), position, len(t), tied

    def block_of(self, code: str, year: int, unit: str) -> str | None:
        for (c, b), by in self.tables.items():
            if c == code and unit in by.get(year, {}):
                return b
        return None


class Checker:
    def __init__(self, data: Data, year: int, focus: str, text: str) -> None:
        self.d, self.year, self.focus, self.text = data, year, focus, text
        self.problems: list[str] = []
        self.claims = 0
        self.unverified: list[str] = []
        self.units = sorted(
            {u for by in data.tables.values() for t in by.values() for u in t},
            key=len,
            reverse=True,
        )

    def bad(self, msg: str, sentence: str) -> None:
        self.problems.append(f"{msg}  <<{sentence.strip()}>>")

    def ok(self, cond: bool, msg: str, sentence: str) -> None:
        self.claims += 1
        if not cond:
            self.bad(msg, sentence)

    # --- helpers
    def subject(self, text: str) -> list[str]:
        """Unit names in text (longest first, non-overlapping); the focus for a bare noun."""
        found = []
        rest = text
        for u in self.units:
            if u in rest:
                found.append((rest.index(u), u))
                rest = rest.replace(u, "\0" * len(u))
        names = [u for _, u in sorted(found)]
        return names

    def rank_phrase_ok(
        self,
        code: str,
        block: str,
        unit: str,
        phrase: str,
        year: int,
        sentence: str,
        tied_said: bool | None = None,
    ) -> None:
        r = self.d.rank(code, block, year, unit)
        if r is None:
            self.ok(False, f"{unit} not ranked in {code}/{block} {year}", sentence)
            return
        rank, pos, size, tied = r
        m = re.fullmatch(r"hạng (\w+)", phrase)
        if m:
            word = m.group(1)
            self.ok(
                word in RANK_WORDS and RANK_WORDS.index(word) + 1 == rank,
                f"{unit} {year}: said hạng {word}, rank is {rank}",
                sentence,
            )
        else:
            m = re.fullmatch(r"thứ (\d+)/(\d+)", phrase)
            assert m, phrase
            self.ok(
                int(m.group(1)) == pos and int(m.group(2)) == size,
                f"{unit} {year}: said {phrase}, is {pos}/{size}",
                sentence,
            )
        if tied_said is not None:
            self.ok(
                tied_said == (len(tied) > 1),
                f"{unit} {year}: 'đồng' said={tied_said} tied={tied}",
                sentence,
            )

    def own_move(self, code: str, block: str, unit: str, y: int) -> int:
        by = self.d.tables[(code, block)]
        a, b = by[y - 1], by[y]
        both = set(a) & set(b)
        return sum(1 for u in both if a[u][0] > a[unit][0]) - sum(
            1 for u in both if b[u][0] > b[unit][0]
        )

    def info(self, code: str, block: str, year: int, unit: str):
        return self.d.tables.get((code, block), {}).get(year, {}).get(unit)

    def prev_block(self, code: str, block: str, unit: str, year: int) -> str | None:
        return block if self.info(code, block, year, unit) else None

    # --- the article
    def run(self) -> None:
        lines = [line for line in self.text.splitlines() if line.strip()]
        title = lines[0].lstrip("# ").strip()
        sapo = lines[1].strip("*")
        body = [line for line in lines[2:] if not line.startswith("*")]
        sections: list[tuple[str, str, list[str]]] = []
        for p in body:
            m = re.match(
                r"(?:Kết quả (?:đánh giá, )?xếp hạng|(?:Đối với|Về|Theo) kết quả(?: đánh giá)?)"
                r" (.+?) \((.+?)\) năm (\d{4})(?: cho thấy)?, ",
                p,
            )
            if m:
                code = next(
                    c
                    for c, e in self.d.evals.items()
                    if e["short_name"] == m.group(2) and e["name"] == m.group(1)
                )
                self.ok(int(m.group(3)) == self.year, "section year", p)
                # The block the paragraph is about: named ("<block> có"), else the unit's.
                blocks = sorted({b for (c, b) in self.d.tables if c == code}, key=len)
                named = [b for b in blocks if p[m.end() :].startswith(b + " có ")]
                own = self.d.block_of(code, self.year, self.focus)
                sections.append((code, named[-1] if named else own or blocks[0], [p]))
            elif sections:
                sections[-1][2].append(p)
            else:
                self.unverified.append(p)
        self.sections = sections
        for code, block, paras in sections:
            for p in paras:
                for sent in re.split(r"(?<=[.;])\s+", p):
                    self.sentence(code, block, sent)
        self.check_sapo(sapo)
        self.check_title(title)

    def sentence(self, code: str, block: str, s: str) -> None:
        d, y, f = self.d, self.year, self.focus
        # "Ở Khối địa phương, A và B đồng xếp hạng Nhất với 89,30 điểm.": who leads another
        # block than the unit's own, read against that block's table.
        for other in sorted({b for (c, b) in d.tables if c == code}, key=len, reverse=True):
            if s.startswith(f"Ở {other}, "):
                self.ok(
                    other != d.block_of(code, y, f), f"{other} said in brief is the unit's own", s
                )
                self.ok(
                    bool(re.fullmatch(r".+? (?:đồng )?xếp hạng Nhất với [\d.,]+ điểm\.", s)),
                    f"who leads {other}",
                    s,
                )
                block, s = other, s[len(f"Ở {other}, ") :]
                break
        ev = d.evals[code]
        t = d.tables[(code, block)][y]
        size = len(t)
        noun = ev.get("unit_noun", "cơ quan")
        work = s
        counts = {b["name"]: sum(1 for v in t.values() if v[1] == b["name"]) for b in ev["bands"]}
        # band counts
        for m in re.finditer(
            r"(\d+)/(\d+) " + re.escape(noun) + r" xếp loại (.+?)(?=,|;| và \d|\.$|$)", s
        ):
            self.ok(
                int(m.group(1)) == counts.get(m.group(3), -1) and int(m.group(2)) == size,
                f"count {m.group(3)} {m.group(1)}/{m.group(2)} vs {counts.get(m.group(3))}/{size}",
                s,
            )
            work = work.replace(m.group(0), "")
        m = re.search(r"không có " + re.escape(noun) + r" xếp loại (.+?)\.$", s)
        if m:
            for b in re.split(r", | và ", m.group(1)):
                self.ok(counts.get(b) == 0, f"none in band {b}", s)
            work = work.replace(m.group(0), "")
        # band count changes
        for m in re.finditer(
            r"số "
            + re.escape(noun)
            + r" xếp loại (.+?) (tăng|giảm) (\d+) (?:đơn vị|"
            + re.escape(noun)
            + ")",
            s,
        ):
            prev = d.tables[(code, block)].get(y - 1)
            if prev is None:
                self.ok(False, "band change without previous year", s)
                continue
            before = sum(1 for v in prev.values() if v[1] == m.group(1))
            assumed_prev = any(v[3] for v in prev.values())
            delta = counts[m.group(1)] - before
            said = int(m.group(3)) * (1 if m.group(2) == "tăng" else -1)
            self.ok(said == delta, f"band change {m.group(1)} said {said} is {delta}", s)
            self.ok(
                not assumed_prev,
                f"band change {m.group(1)}: {y - 1} counts from assumed thresholds",
                s,
            )
            work = work.replace(m.group(0), "")
        # placements: "<subjects> (đồng )?xếp (hạng W|thứ P/M)( cùng <others>)? với <score>"
        for m in re.finditer(
            r"(?P<subj>[^;.]*?)(?P<dong>đồng )?xếp (?P<ph>hạng \w+|thứ \d+/\d+)(?P<cung> cùng [^;]+?)? với (?:(?:điểm quy đổi|điểm) )?(?P<score>\d[\d.]*(?:,\d+)?)(?: điểm)?(?=[,.;]|$)",
            s,
        ):
            subj_text = re.sub(r"^.*?Trong nhóm \d+ .+? xếp loại [^,]+, ", "", m.group("subj"))
            names = self.subject(subj_text)
            if not names:
                if (
                    re.search(NOUNS + r"\s*$", subj_text.strip())
                    or re.search(r"(^|\s)" + NOUNS + r"\s+$", subj_text)
                    or "duy nhất" in subj_text
                ):
                    names = [f]
                else:
                    self.unverified.append(s)
                    continue
            if "duy nhất" in subj_text:
                bm = re.search(r"duy nhất xếp loại (.+?), $", subj_text)
                if bm:
                    self.ok(
                        counts.get(bm.group(1)) == 1 and t[names[0]][1] == bm.group(1),
                        "duy nhất",
                        s,
                    )
            others = self.subject(m.group("cung") or "")
            group = names + others
            for u in group:
                self.rank_phrase_ok(
                    code, block, u, m.group("ph"), y, s, tied_said=bool(m.group("dong"))
                )
                if u not in t:
                    self.ok(False, f"{u} is not ranked in {block}", s)
                    continue
                self.ok(
                    t[u][0] == vi_num(m.group("score"))
                    and len(m.group("score").split(",")[-1])
                    == (ev.get("decimals") or len(m.group("score").split(",")[-1])),
                    f"score of {u} said {m.group('score')} is {t[u][0]}",
                    s,
                )
            if m.group("dong") and len(group) > 1:
                r = d.rank(code, block, y, group[0])
                self.ok(
                    r is not None and sorted(group) == r[3],
                    f"tie group said {group} is {r and r[3]}",
                    s,
                )
            work = work.replace(m.group(0), "")
        # "<unit> đạt 81 điểm, xếp thứ 13/22" (the score before the place)
        for m in re.finditer(
            r"(?P<subj>[^,;.]*?) đạt (?:điểm quy đổi )?(?P<score>\d[\d.]*(?:,\d+)?)(?: điểm)?, "
            r"(?P<dong>đồng )?xếp (?P<ph>hạng \w+|thứ \d+/\d+)",
            s,
        ):
            names = self.subject(m.group("subj")) or [f]
            for u in names:
                self.rank_phrase_ok(code, block, u, m.group("ph"), y, s, bool(m.group("dong")))
                self.ok(u in t and t[u][0] == vi_num(m.group("score")), f"score of {u}", s)
            work = work.replace(m.group(0), "")
        # "<unit> đạt 86 điểm, thuộc nhóm ..." (the place is in the sapo): the focus unit's score
        m = re.search(
            r"(?P<subj>[^,;.]*?) đạt (?:điểm quy đổi )?(?P<score>\d[\d.]*(?:,\d+)?)(?: điểm)?, "
            r"(?=thuộc nhóm|dẫn đầu nhóm|là )",
            work,
        )
        if m:
            names = self.subject(m.group("subj")) or [f]
            self.ok(names == [f], f"own score said of {names}", s)
            self.ok(t[f][0] == vi_num(m.group("score")), f"score of {f}", s)
            work = work.replace(m.group(0), "")
        # "Cùng nhóm Tốt với Sở còn có A (88,5 điểm) và B (83,5 điểm)": every other unit of
        # the focus unit's band, each with its score
        m = re.search(r"(?:Cùng nhóm (.+?) với .+?|Nhóm (.+?)) còn có (.+?)\.$", work)
        if m:
            band = m.group(1) or m.group(2)
            said = re.findall(r"(.+?) \((\d[\d.]*(?:,\d+)?) điểm\)(?:, | và | cùng |$)", m.group(3))
            mates = sorted(u for u, v in t.items() if v[1] == band and u != f)
            self.ok(t[f][1] == band, f"focus band said {band} is {t[f][1]}", s)
            self.ok(sorted(u for u, _ in said) == mates, f"band mates said {said} are {mates}", s)
            for u, score in said:
                self.ok(u in t and t[u][0] == vi_num(score), f"score of {u}", s)
            work = work.replace(m.group(0), "")
        # "Sở xếp ngay sau A (88,10 điểm) và trên B (86,83 điểm)", "Xếp ngay trên Sở là A
        # (88,10 điểm), ngay sau là B (...)": the units of the next score up and down
        m = re.search(
            r"(?:xếp ngay sau (?P<a1>.+?) và trên (?P<b1>.+?)|Xếp ngay trên \S+(?: \S+)? là "
            r"(?P<a2>.+?)(?:, ngay sau là (?P<b2>.+?))?)\.$",
            work,
        )
        if m:
            mine = t[f][0]
            for side, said in (
                ("a", m.group("a1") or m.group("a2")),
                ("b", m.group("b1") or m.group("b2")),
            ):
                if said is None:
                    continue
                g = re.fullmatch(r"(.+) \((\d[\d.]*(?:,\d+)?) điểm\)", said)
                names = sorted(self.subject(g.group(1))) if g else []
                near = [v[0] for v in t.values() if (v[0] > mine if side == "a" else v[0] < mine)]
                edge = (min if side == "a" else max)(near) if near else None
                truth = sorted(u for u, v in t.items() if v[0] == edge)
                self.ok(names == truth, f"units next to {f} said {names} are {truth}", s)
                self.ok(g is not None and edge == vi_num(g.group(2)), f"score next to {f}", s)
            work = work.replace(m.group(0), "")
        # "thuộc nhóm 7 cơ quan xếp loại Tốt", "dẫn đầu nhóm 3 cơ quan xếp loại Tốt",
        # "là cơ quan duy nhất xếp loại Khá": the focus unit's band and its count
        for m in re.finditer(
            r"(thuộc|dẫn đầu) nhóm (\d+) " + re.escape(noun) + r" xếp loại (.+?)(?=[,.;]|$)", s
        ):
            band = m.group(3)
            self.ok(t[f][1] == band and counts.get(band) == int(m.group(2)), "band group", s)
            if m.group(1) == "dẫn đầu":
                best = max(v[0] for v in t.values() if v[1] == band)
                self.ok(t[f][0] == best, f"leads the {band} group", s)
            work = work.replace(m.group(0), "")
        # Read in what the placements left: a placement names its own subject ("Sở Tài
        # chính là cơ quan duy nhất ..., đồng xếp hạng Nhất ... với 91,0 điểm").
        m = re.search(r"là " + re.escape(noun) + r" duy nhất xếp loại (.+?)(?=[,.;]|$)", work)
        if m:
            band = m.group(1)
            self.ok(t[f][1] == band and counts.get(band) == 1, "sole unit of its band", s)
            work = work.replace(m.group(0), "")
        m = re.search(r"thuộc nhóm (?!\d)(.+?)\.", s)
        if m:
            self.ok(t[f][1] == m.group(1), f"focus band said {m.group(1)} is {t[f][1]}", s)
            work = work.replace(m.group(0), "")
        m = re.search(r"Trong nhóm (\d+) " + re.escape(noun) + r" xếp loại (.+?),", s)
        if m:
            self.ok(
                int(m.group(1)) == counts.get(m.group(2)) and m.group(2) == ev["bands"][0]["name"],
                "group count",
                s,
            )
            work = work.replace(m.group(0), "")
        # streak of first place
        m = re.search(r"(\d+) năm liên tiếp (\d{4})-(\d{4}), .+? giữ vị trí dẫn đầu", s)
        if m:
            n, a, b = int(m.group(1)), int(m.group(2)), int(m.group(3))
            fine = (
                n == b - a + 1
                and b == y
                and all((r := d.rank(code, block, yy, f)) and r[0] == 1 for yy in range(a, b + 1))
            )
            self.ok(fine, f"first-place streak {a}-{b}", s)
            work = work.replace(m.group(0), "")
        m = re.search(r"giữ vững mức xếp loại (.+?) (\d+) năm liên tiếp (\d{4})-(\d{4})", s)
        if m:
            band, n, a, b = m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4))
            fine = (
                n == b - a + 1
                and b == y
                and all(
                    (i := self.info(code, block, yy, f)) and i[1] == band and not i[3]
                    for yy in range(a, b + 1)
                )
            )
            self.ok(fine, "band streak", s)
            work = work.replace(m.group(0), "")
        # score change
        m = re.search(
            r"(?:năm (\d{4}) của .+?|Số điểm này) (?:(tăng|giảm) ([\d.,]+) điểm|không đổi)"
            r" so với năm (\d{4}) \(([\d.,]+) điểm\)",
            s,
        )
        if m:
            y0 = int(m.group(4))
            prev = self.info(code, block, y0, f)
            self.ok(
                int(m.group(1) or y) == y and y0 == y - 1 and prev is not None,
                f"score change: no {y0} score of the same unit",
                s,
            )
            if prev is not None:
                delta = t[f][0] - prev[0]
                said = (
                    Decimal(0)
                    if m.group(2) is None
                    else vi_num(m.group(3)) * (1 if m.group(2) == "tăng" else -1)
                )
                self.ok(
                    said == delta and vi_num(m.group(5)) == prev[0],
                    f"score change said {said} is {delta}",
                    s,
                )
            work = work.replace(m.group(0), "")
        # rank move
        m = re.search(
            r"(?:Thứ hạng của .+?|Dù thứ hạng) (tăng|giảm) (\d+) bậc \(năm (\d{4}) (đồng )?xếp (hạng \w+|thứ \d+/\d+)\)",
            s,
        )
        if m:
            y0 = int(m.group(3))
            now, before = d.rank(code, block, y, f), d.rank(code, block, y0, f)
            self.ok(before is not None and y0 == y - 1, "rank move without previous", s)
            if before is not None and now is not None:
                said = int(m.group(2)) * (1 if m.group(1) == "tăng" else -1)
                self.ok(
                    said == before[1] - now[1], f"rank move said {said} is {before[1] - now[1]}", s
                )
                self.ok(
                    self.own_move(code, block, f, y) == said,
                    f"rank move {said} not the unit's own ({self.own_move(code, block, f, y)} among units of both years)",
                    s,
                )
                # Last year's place is a claim of its own: a tie then is said ("đồng").
                self.rank_phrase_ok(code, block, f, m.group(5), y0, s, bool(m.group(4)))
            work = work.replace(m.group(0), "")
        # Last year's place alone (a move under a tie is not counted): a claim of its own.
        m = re.search(r"Năm (\d{4}), \S+(?: .+?)? (đồng )?xếp (hạng \w+|thứ \d+/\d+)\.", s)
        if m:
            y0 = int(m.group(1))
            self.ok(d.rank(code, block, y0, f) is not None and y0 == y - 1, "previous place", s)
            self.rank_phrase_ok(code, block, f, m.group(3), y0, s, bool(m.group(2)))
            work = work.replace(m.group(0), "")
        m = re.search(r"(?:giữ vững vị trí|tiếp tục) xếp (hạng \w+|thứ \d+/\d+) như năm (\d{4})", s)
        if m:
            y0 = int(m.group(2))
            now, before = d.rank(code, block, y, f), d.rank(code, block, y0, f)
            self.ok(before is not None and now is not None and before[1] == now[1], "kept place", s)
            self.ok(
                before is not None and self.own_move(code, block, f, y) == 0,
                "kept place: moved among units of both years",
                s,
            )
            self.rank_phrase_ok(code, block, f, m.group(1), y0, s)
            self.rank_phrase_ok(code, block, f, m.group(1), y, s)
            work = work.replace(m.group(0), "")
        m = re.search(r"(?:được nâng|tăng|giảm) từ mức (.+?) (?:lên|xuống) mức (.+?)\.", s)
        if m:
            prev = self.info(code, block, y - 1, f)
            self.ok(
                prev is not None and prev[1] == m.group(1) and t[f][1] == m.group(2), "band move", s
            )
            self.ok(
                prev is not None and not prev[3],
                f"band move: {y - 1} band {m.group(1)} from an assumed threshold",
                s,
            )
            work = work.replace(m.group(0), "")
        if "lần gần nhất" in s or "lần đầu tiên" in s or "không có tên" in s:
            self.unverified.append(s)
            return
        leftover = re.sub(r"năm \d{4}|giữ vững kết quả đạt được", "", work)
        if re.search(
            r"\d|hạng|dẫn đầu|duy nhất|liên tiếp|tăng|giảm|giữ vững|cao nhất|Nhất|Nhì", leftover
        ) and not re.match(r"^(Kết quả|Đối với|Về|So với)", s.strip()):
            self.unverified.append(s)

    def find_section(self, topic_text: str, block: str | None):
        for code, blk, _ in self.sections:
            ev = self.d.evals[code]
            # An index is named by its short name ("về Chỉ số DDCI"), a piece of work by
            # its topic ("về công tác cải cách hành chính").
            named = re.search(r"về (?:Chỉ số )?" + re.escape(ev["short_name"]) + r"\b", topic_text)
            if (ev["topic"] in topic_text or named) and (block is None or blk == block):
                return code, blk
        return None

    def check_sapo(self, sapo: str) -> None:
        f, y, d = self.focus, self.year, self.d
        body = re.sub(r"^(?:Theo kết quả công bố tại|Tại) .+?, (?=" + re.escape(f) + ")", "", sapo)
        self.ok(body.startswith(f), "sapo subject", sapo)
        parts = re.split(r"; (?:đồng thời|bên cạnh đó,|ngoài ra,) ", body[len(f) :].strip(" ."))
        for part in parts:
            if "không có tên" in part:
                self.unverified.append(part)
                continue
            tm = re.search(r" về (?:công tác )?(.+?)(?: năm \d{4})?(?: trong (.+?))?(?:,|$)", part)
            block = tm.group(2) if tm and tm.group(2) else None
            sec = self.find_section(part, block) or self.find_section(part, None)
            if sec is None:
                self.unverified.append("SAPO " + part)
                continue
            code, blk = sec
            if block is None:
                # the sapo names no block: the unit's section
                own = [(c, b) for c, b, _ in self.sections if c == code and self.info(c, b, y, f)]
                if own:
                    code, blk = own[0]
            info = self.info(code, blk, y, f)
            if info is None:
                self.ok(False, "sapo: focus not ranked", part)
                continue
            m = re.search(r"(đồng )?xếp (hạng \w+|thứ \d+/\d+)", part)
            if m:
                self.rank_phrase_ok(code, blk, f, m.group(2), y, sapo, tied_said=bool(m.group(1)))
            m = re.search(r"xếp loại (.+?)(?:,|$)", part)
            if m:
                self.ok(info[1] == m.group(1), f"sapo band {m.group(1)} is {info[1]}", part)
            m = re.search(r"(\d+) năm liên tiếp giữ vị trí dẫn đầu", part)
            if m:
                n = int(m.group(1))
                self.ok(
                    all(
                        (r := d.rank(code, blk, yy, f)) and r[0] == 1
                        for yy in range(y - n + 1, y + 1)
                    ),
                    "sapo streak",
                    part,
                )
                self.ok(
                    not ((r := d.rank(code, blk, y - n, f)) and r[0] == 1),
                    "sapo streak understated",
                    part,
                )
            m = re.search(r"tăng (\d+) bậc", part)
            if m:
                now, before = d.rank(code, blk, y, f), d.rank(code, blk, y - 1, f)
                self.ok(
                    before is not None
                    and before[1] - now[1] == int(m.group(1)) == self.own_move(code, blk, f, y),
                    "sapo rise",
                    part,
                )
            m = re.search(r"tăng ([\d.,]+) điểm", part)
            if m:
                prev = self.info(code, blk, y - 1, f)
                self.ok(
                    prev is not None and info[0] - prev[0] == vi_num(m.group(1)),
                    "sapo score up",
                    part,
                )
            if (
                block is None
                and len([1 for c, b, _ in self.sections if c == code]) > 1
                and "trong" not in part
            ):
                self.ok(False, "sapo: rank in a block without naming the block", part)

    def check_title(self, title: str) -> None:
        f, y, d = self.focus, self.year, self.d
        for other in sorted(d.spellings.get(f, []), key=len, reverse=True):
            if title.startswith(other + " "):  # a long name headlined by its short name
                title = f + title[len(other) :]
                break
            if f" của {other} " in title + " ":  # "Điểm VTLT năm 2019 của <short> tăng ..."
                title = (title + " ").replace(f" của {other} ", f" của {f} ", 1).rstrip()
                break
        m = re.fullmatch(
            r"(?:Điểm|Điểm quy đổi) (.+) năm (\d{4}) của " + re.escape(f) + r" tăng ([\d.,]+) điểm",
            title,
        )
        if m:
            code = next(c for c, e in d.evals.items() if e["short_name"] == m.group(1))
            blk = d.block_of(code, y, f)
            prev = self.info(code, blk, y - 1, f)
            self.ok(
                prev is not None and self.info(code, blk, y, f)[0] - prev[0] == vi_num(m.group(3)),
                "title score",
                title,
            )
            return
        if not title.startswith(f) and not title.startswith("Kết quả") and " của " + f not in title:
            self.unverified.append("TITLE " + title)
            return
        if title.startswith("Kết quả"):
            return
        sec = self.find_section(title, None)
        if sec is None:
            self.unverified.append("TITLE " + title)
            return
        code = sec[0]
        own = [(c, b) for c, b, _ in self.sections if c == code and self.info(c, b, y, f)]
        code, blk = own[0]
        multi = (
            len([1 for c, b, _ in self.sections if c == code]) > 1
            or len({b for (c, b) in d.tables if c == code}) > 1
        )
        info = self.info(code, blk, y, f)
        m = re.search(r"(\d+) năm liên tiếp dẫn đầu", title)
        if m:
            n = int(m.group(1))
            self.ok(
                all(
                    (r := d.rank(code, blk, yy, f)) and r[0] == 1 for yy in range(y - n + 1, y + 1)
                ),
                "title streak",
                title,
            )
        m = re.search(r"(đồng )?xếp (hạng \w+|thứ \d+/\d+)", title)
        if m:
            self.rank_phrase_ok(code, blk, f, m.group(2), y, title, tied_said=bool(m.group(1)))
            # A dense rank ("hạng Ba" for the 4th of 4 after a tie above) reads in a headline
            # as a place among them all: a headline gives a rank word only when it is one.
            r = d.rank(code, blk, y, f)
            self.ok(
                not m.group(2).startswith("hạng") or (r is not None and r[0] == r[1]),
                f"title: rank word {m.group(2)} is a dense rank, place is {r and r[1]}",
                title,
            )
        m = re.search(r"tăng (\d+) bậc", title)
        if m:
            now, before = d.rank(code, blk, y, f), d.rank(code, blk, y - 1, f)
            self.ok(
                before is not None and before[1] - now[1] == int(m.group(1)), "title rise", title
            )
        m = re.search(r"xếp loại (?:lên mức )?(.+?) về", title)
        if m:
            self.ok(info[1] == m.group(1), "title band", title)
        if "được nâng xếp loại" in title:
            prev = self.info(code, blk, y - 1, f)
            self.ok(
                prev is not None
                and not prev[3]
                and [b["name"] for b in d.evals[code]["bands"]].index(prev[1])
                > [b["name"] for b in d.evals[code]["bands"]].index(info[1]),
                "title band up: previous band unproven or not lower",
                title,
            )
        if multi and re.search(r"dẫn đầu|hạng|thứ \d|bậc", title) and blk not in title:
            self.ok(False, f"title: a rank within {blk} said without the block", title)
        m = re.search(r"tăng ([\d.,]+) điểm", title)
        if m:
            prev = self.info(code, blk, y - 1, f)
            self.ok(
                prev is not None and info[0] - prev[0] == vi_num(m.group(1)),
                "title score up",
                title,
            )
