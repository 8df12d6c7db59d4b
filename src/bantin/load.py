"""Read data/: publisher settings, evaluation definitions, score files, article settings.

Nothing else in bantin reads data/. Every string leaves here NFC-normalised,
every score is a Decimal parsed from its text (never through float), and every
error names the file, and where it can, the row and column.
"""

from __future__ import annotations

import csv
import itertools
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from bantin.errors import DataError
from bantin.model import (
    ArticleSettings,
    Band,
    Dataset,
    Evaluation,
    Photo,
    Publisher,
    ScoreRow,
    ScoreTable,
    TieRule,
)
from bantin.vi import match_key

PUBLISHER_FILE = "publisher.toml"
EVALUATIONS_DIR = "evaluations"
ARTICLE_FILE = "article.toml"

# Header names each column may carry, compared by match_key (no case, no diacritics).
UNIT_HEADERS = ("đơn vị", "tên đơn vị", "cơ quan", "tên cơ quan", "cơ quan, đơn vị")
SCORE_HEADERS = ("điểm", "điểm quy đổi", "tổng điểm", "điểm số", "điểm đạt")
BAND_HEADERS = ("xếp loại", "xếp loại chính thức")

_SCORE_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_YEAR_RE = re.compile(r"^\d{4}$")


def nfc(text: str) -> str:
    """Text in Unicode NFC, as every string in the model is."""
    return unicodedata.normalize("NFC", text)


def load_dataset(root: Path) -> Dataset:
    """Read everything under a data folder into a Dataset."""
    if not root.is_dir():
        raise DataError(f"không tìm thấy thư mục dữ liệu {root}", path=None)
    publisher = load_publisher(root / PUBLISHER_FILE)
    evaluations = load_evaluations(root / EVALUATIONS_DIR)
    scores: dict[tuple[str, int], ScoreTable] = {}
    articles: dict[int, ArticleSettings] = {}
    for year_dir in sorted(p for p in root.iterdir() if p.is_dir() and _YEAR_RE.match(p.name)):
        year = int(year_dir.name)
        for evaluation in evaluations.values():
            path = year_dir / f"{evaluation.id}.csv"
            if path.is_file():
                scores[(evaluation.id, year)] = load_scores(path, evaluation, year)
        article_path = year_dir / ARTICLE_FILE
        if article_path.is_file():
            articles[year] = load_article(article_path, year, evaluations)
    return Dataset(
        root=root,
        publisher=publisher,
        evaluations=evaluations,
        scores=scores,
        articles=articles,
    )


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, with its errors in Vietnamese and located."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError("không tìm thấy tệp", path=path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DataError("tệp không được lưu dưới dạng UTF-8", path=path) from e
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        row, col = (int(where.group(1)), int(where.group(2))) if where else (None, None)
        raise DataError(
            "cú pháp TOML không hợp lệ (kiểm tra dấu ngoặc kép và dấu =)",
            path=path,
            row=row,
            column=col,
        ) from e
    result: dict[str, Any] = _nfc_tree(data)
    return result


def _nfc_tree(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc(k): _nfc_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc_tree(v) for v in value]
    return value


class _Table:
    """Typed access to one TOML table, with located Vietnamese errors."""

    def __init__(self, data: Mapping[str, Any], path: Path, prefix: str = "") -> None:
        self.data = data
        self.path = path
        self.prefix = prefix

    def _name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            raise DataError(f'thiếu khoá "{self._name(key)}"', path=self.path)
        if not isinstance(value, str) or not value.strip():
            raise DataError(f'khoá "{self._name(key)}" phải là một chuỗi khác rỗng', path=self.path)
        return value.strip()

    def optional_text(self, key: str) -> str | None:
        if key not in self.data:
            return None
        return self.text(key)

    def integer(self, key: str, default: int, minimum: int = 0) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise DataError(
                f'khoá "{self._name(key)}" phải là số nguyên từ {minimum} trở lên',
                path=self.path,
            )
        return value

    def decimal(self, key: str, default: Decimal | None = None) -> Decimal:
        value = self.data.get(key)
        if value is None:
            if default is None:
                raise DataError(f'thiếu khoá "{self._name(key)}"', path=self.path)
            return default
        # Floats are read back from their shortest repr, which is what the user typed.
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise DataError(f'khoá "{self._name(key)}" phải là một số', path=self.path)
        try:
            return parse_score_text(str(value))
        except ValueError:
            raise DataError(
                f'khoá "{self._name(key)}": "{value}" không phải là số', path=self.path
            ) from None

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise DataError(f'khoá "{self._name(key)}" phải là true hoặc false', path=self.path)
        return value

    def tables(self, key: str) -> list[_Table]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise DataError(
                f'khoá "{self._name(key)}" phải là danh sách bảng [[{key}]]', path=self.path
            )
        return [
            _Table(v, self.path, prefix=f"{self._name(key)}[{i + 1}].") for i, v in enumerate(value)
        ]

    def strings(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DataError(f'khoá "{self._name(key)}" phải là danh sách chuỗi', path=self.path)
        return [v.strip() for v in value]


def load_publisher(path: Path) -> Publisher:
    """Read publisher.toml: focus agency, author, byline abbreviation, city."""
    t = _Table(read_toml(path), path)
    return Publisher(
        focus_agency=t.text("focus_agency"),
        author=t.text("author"),
        unit_abbreviation=t.text("unit_abbreviation"),
        city=t.text("city"),
        count_padding=t.integer("count_padding", 2),
    )


def load_evaluations(folder: Path) -> dict[str, Evaluation]:
    """Read every data/evaluations/<id>.toml, keyed by id (the file name)."""
    if not folder.is_dir():
        raise DataError("không tìm thấy thư mục định nghĩa các bộ chỉ số", path=folder)
    evaluations = {}
    for path in sorted(folder.glob("*.toml")):
        evaluation = load_evaluation(path)
        evaluations[evaluation.id] = evaluation
    if not evaluations:
        raise DataError("chưa có định nghĩa bộ chỉ số nào (tệp <mã>.toml)", path=folder)
    return evaluations


def load_evaluation(path: Path) -> Evaluation:
    """Read one evaluation definition; its id is the file name without .toml."""
    t = _Table(read_toml(path), path)
    bands = tuple(
        Band(
            name=b.text("name"),
            minimum=b.decimal("minimum"),
            assumed=b.boolean("assumed", False),
        )
        for b in t.tables("bands")
    )
    if not bands:
        raise DataError("cần ít nhất một mức xếp loại [[bands]]", path=path)
    for upper, lower in itertools.pairwise(bands):
        if lower.minimum >= upper.minimum:
            raise DataError(
                f'các mức xếp loại phải xếp từ cao xuống thấp: "{lower.name}" '
                f'(từ {lower.minimum}) đứng sau "{upper.name}" (từ {upper.minimum})',
                path=path,
            )
    names = [match_key(b.name) for b in bands]
    if len(set(names)) != len(names):
        raise DataError("tên các mức xếp loại bị trùng", path=path)
    rule = t.text("tie_rule", "dense")
    try:
        tie_rule = TieRule(rule)
    except ValueError:
        raise DataError(
            f'tie_rule "{rule}" không hợp lệ; dùng "dense" (1, 1, 2) hoặc "competition" (1, 1, 3)',
            path=path,
        ) from None
    decimals = t.data.get("decimals")
    if decimals is not None:
        decimals = t.integer("decimals", 0)
    min_named = t.integer("min_named_ranks", 2, minimum=1)
    max_named = t.integer("max_named_ranks", 6, minimum=1)
    if max_named < min_named:
        raise DataError("max_named_ranks phải lớn hơn hoặc bằng min_named_ranks", path=path)
    return Evaluation(
        id=nfc(path.stem),
        name=t.text("name"),
        short_name=t.text("short_name"),
        topic=t.text("topic"),
        group=t.text("group"),
        score_label=t.text("score_label"),
        unit_noun=t.text("unit_noun", "cơ quan"),
        bands=bands,
        tie_rule=tie_rule,
        min_named_ranks=min_named,
        max_named_ranks=max_named,
        decimals=decimals,
        max_score=t.decimal("max_score", Decimal(100)),
        source=path,
    )


def load_article(path: Path, year: int, evaluations: Mapping[str, Evaluation]) -> ArticleSettings:
    """Read a year's article.toml: the event, the sections in order, photos, author."""
    t = _Table(read_toml(path), path)
    sections = tuple(t.strings("sections"))
    for section in sections:
        if section not in evaluations:
            raise DataError(
                f'mục "{section}" trong sections không phải là bộ chỉ số đã định nghĩa '
                f"({', '.join(sorted(evaluations))})",
                path=path,
            )
    photos = []
    for p in t.tables("photos"):
        file = p.optional_text("file")
        after = p.optional_text("after")
        if after is not None and after not in sections:
            raise DataError(
                f'ảnh "{p.prefix.rstrip(".")}": after = "{after}" không có trong sections',
                path=path,
            )
        photos.append(
            Photo(
                caption=p.text("caption"),
                file=(path.parent / file) if file else None,
                after=after,
            )
        )
    return ArticleSettings(
        year=year,
        event=t.optional_text("event") or "",
        sections=sections,
        photos=tuple(photos),
        author=t.optional_text("author"),
        keywords=tuple(t.strings("keywords")),
    )


def parse_score_text(text: str) -> Decimal:
    """Parse a score as written in a cell ("99,84", "99.84", "98") into an exact Decimal."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _SCORE_RE.match(cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
        raise ValueError(text) from None


def load_scores(path: Path, evaluation: Evaluation, year: int) -> ScoreTable:
    """Read one score file (CSV, UTF-8 with or without BOM) for one evaluation and year."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        row = raw[: e.start].count(b"\n") + 1
        raise DataError(
            "tệp không được lưu dưới dạng UTF-8; trong Excel hãy chọn "
            "Tệp > Lưu thành > CSV UTF-8 (phân tách bằng dấu phẩy)",
            path=path,
            row=row,
        ) from e
    text = nfc(text)
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise DataError("tệp điểm trống", path=path)
    delimiter = _delimiter(lines[0])
    reader = csv.reader(lines, delimiter=delimiter)
    header = next(reader)
    unit_col = _find_column(header, UNIT_HEADERS)
    score_col = _find_column(header, SCORE_HEADERS)
    band_col = _find_column(header, BAND_HEADERS)
    if unit_col is None:
        raise DataError('không có cột tên đơn vị (tiêu đề "Đơn vị")', path=path, row=1)
    if score_col is None:
        raise DataError('không có cột điểm (tiêu đề "Điểm")', path=path, row=1)
    band_keys = {match_key(b.name): b.name for b in evaluation.bands}
    rows: list[ScoreRow] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        unit = _cell(cells, unit_col)
        if not unit:
            raise DataError("thiếu tên đơn vị", path=path, row=line, column=unit_col + 1)
        unit = " ".join(unit.split())
        key = match_key(unit)
        if key in seen:
            raise DataError(
                f'đơn vị "{unit}" xuất hiện hai lần (dòng {seen[key]} và dòng {line})',
                path=path,
                row=line,
                column=unit_col + 1,
            )
        seen[key] = line
        score_text = _cell(cells, score_col)
        if not score_text:
            raise DataError(f'thiếu điểm của "{unit}"', path=path, row=line, column=score_col + 1)
        try:
            score = parse_score_text(score_text)
        except ValueError:
            raise DataError(
                f'điểm "{score_text}" không phải là số', path=path, row=line, column=score_col + 1
            ) from None
        if not Decimal(0) <= score <= evaluation.max_score:
            raise DataError(
                f'điểm "{score_text}" nằm ngoài khoảng 0..{evaluation.max_score}',
                path=path,
                row=line,
                column=score_col + 1,
            )
        official_band = None
        official = _cell(cells, band_col) if band_col is not None else ""
        if official and band_col is not None:
            official_band = band_keys.get(match_key(official))
            if official_band is None:
                raise DataError(
                    f'xếp loại "{official}" không có trong định nghĩa bộ chỉ số '
                    f'"{evaluation.id}" ({", ".join(evaluation.band_names)})',
                    path=path,
                    row=line,
                    column=band_col + 1,
                )
        rows.append(ScoreRow(unit=unit, score=score, official_band=official_band, line=line))
    if not rows:
        raise DataError("tệp điểm không có dòng dữ liệu nào", path=path)
    return ScoreTable(evaluation_id=evaluation.id, year=year, rows=tuple(rows), source=path)


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _find_column(header: list[str], names: tuple[str, ...]) -> int | None:
    wanted = {match_key(n) for n in names}
    for index, cell in enumerate(header):
        if match_key(cell) in wanted:
            return index
    return None


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""
