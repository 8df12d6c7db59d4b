"""Read data/: publisher settings, evaluation definitions, score files, article settings.

Nothing else in bantin reads data/. Every string leaves here NFC-normalised,
every score is a Decimal parsed from its text (never through float), and every
error names the file, and where it can, the row and column.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
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
    Registry,
    ScoreRow,
    ScoreTable,
    TieRule,
    UnitName,
)
from bantin.scores import (
    SCORE_EXTENSIONS,
    Report,
    header_names,
    parse_score_text,
    parse_scores,
    raise_it,
    read_grid,
)
from bantin.tomlfile import read_toml
from bantin.vi import match_key

PUBLISHER_FILE = "publisher.toml"
EVALUATIONS_DIR = "evaluations"
ARTICLE_FILE = "article.toml"

UNITS_FILE = "units.toml"

_YEAR_RE = re.compile(r"^\d{4}$")


def nfc(text: str) -> str:
    """Text in Unicode NFC, as every string in the model is."""
    return unicodedata.normalize("NFC", text)


def load_dataset(root: Path, report: Report = raise_it) -> Dataset:
    """Read everything under a data folder into a Dataset.

    Problems in score files go to `report` (raise by default; `validate` collects them).
    """
    if not root.is_dir():
        raise DataError(f"không tìm thấy thư mục dữ liệu {root}", path=None)
    publisher = load_publisher(root / PUBLISHER_FILE)
    evaluations = load_evaluations(root / EVALUATIONS_DIR)
    registry = load_registry(root / UNITS_FILE)
    scores: dict[tuple[str, int], ScoreTable] = {}
    articles: dict[int, ArticleSettings] = {}
    for year_dir in sorted(p for p in root.iterdir() if p.is_dir() and _YEAR_RE.match(p.name)):
        year = int(year_dir.name)
        for evaluation_id, path in score_files(year_dir, evaluations).items():
            evaluation = evaluations[evaluation_id]
            if evaluation.first_year is not None and year < evaluation.first_year:
                raise DataError(
                    f"{evaluation.short_name} bắt đầu từ năm {evaluation.first_year} (first_year "
                    f"trong {EVALUATIONS_DIR}/{evaluation_id}.toml) nhưng có điểm năm {year}; "
                    "sửa first_year cho đúng năm bộ chỉ số được đánh giá lần đầu",
                    path=path,
                )
            scores[(evaluation_id, year)] = load_scores(path, evaluation, year, registry, report)
        article_path = year_dir / ARTICLE_FILE
        if article_path.is_file():
            articles[year] = load_article(article_path, year, evaluations)
    blocks = split_blocks(evaluations, scores)
    return Dataset(
        root=root,
        publisher=publisher,
        evaluations=evaluations,
        scores=scores,
        articles=articles,
        registry=registry,
        blocks=blocks,
    )


def split_blocks(
    evaluations: dict[str, Evaluation], scores: dict[tuple[str, int], ScoreTable]
) -> dict[str, tuple[str, ...]]:
    """Turn each evaluation ranked in blocks into one evaluation per block, in place.

    A block's evaluation is the evaluation with the block as its group, so ranks,
    band counts and sections are per block with no other change anywhere.
    """
    blocks: dict[str, dict[str, None]] = {}
    for (evaluation_id, year), table in sorted(scores.items()):
        if not any(row.block for row in table.rows):
            continue
        del scores[(evaluation_id, year)]
        evaluation = evaluations[evaluation_id]
        by_block: dict[str, list[ScoreRow]] = {}
        for row in table.rows:
            by_block.setdefault(row.block or "", []).append(row)
        for block, rows in by_block.items():
            block_id = f"{evaluation_id}@{block}"
            evaluations.setdefault(block_id, evaluation._replace(id=block_id, group=block))
            scores[(block_id, year)] = table._replace(evaluation_id=block_id, rows=tuple(rows))
            blocks.setdefault(evaluation_id, {})[block_id] = None
    return {k: tuple(v) for k, v in blocks.items()}


def load_scores(
    path: Path,
    evaluation: Evaluation,
    year: int,
    registry: Registry | None = None,
    report: Report = raise_it,
) -> ScoreTable:
    """Read one score file (CSV or XLSX) of an evaluation and year."""
    grid = read_grid(path, evaluation.sheet, header_names(evaluation))
    return parse_scores(grid, evaluation, year, registry or Registry(), report)


def score_files(year_dir: Path, evaluations: Mapping[str, Evaluation]) -> dict[str, Path]:
    """The score file of each evaluation in a year's folder: <id>.csv or <id>.xlsx."""
    found: dict[str, Path] = {}
    for path in sorted(year_dir.iterdir()):
        suffix = path.suffix.lower()
        if path.name.startswith((".", "~$")) or not path.is_file():
            continue  # hidden files and Excel's lock files
        if suffix == ".xls":
            raise DataError(
                "định dạng Excel cũ (.xls): mở bằng Excel rồi lưu thành .xlsx hoặc CSV UTF-8",
                path=path,
            )
        if suffix not in SCORE_EXTENSIONS:
            continue
        evaluation_id = nfc(path.stem)
        if evaluation_id not in evaluations:
            raise DataError(
                f'không có bộ chỉ số "{evaluation_id}" '
                f"(tệp {EVALUATIONS_DIR}/{evaluation_id}.toml); "
                f"các bộ chỉ số: {', '.join(sorted(evaluations))}",
                path=path,
            )
        if evaluation_id in found:
            raise DataError(
                f"có cả {found[evaluation_id].name} và {path.name} cho cùng bộ chỉ số; "
                "hãy xoá hoặc đổi tên một tệp",
                path=year_dir,
            )
        found[evaluation_id] = path
    return found


def load_registry(path: Path) -> Registry:
    """Read data/units.toml: canonical names, short forms, aliases. No file, no registry."""
    if not path.is_file():
        return Registry()
    t = _Table(read_toml(path), path)
    units = []
    seen: dict[str, str] = {}
    for u in t.tables("units"):
        unit = UnitName(
            name=u.text("name"),
            short=u.optional_text("short"),
            aliases=tuple(u.strings("aliases")),
        )
        for spelling in (unit.name, unit.short, *unit.aliases):
            if not spelling:
                continue
            key = Registry.key(spelling)
            if key in seen and seen[key] != unit.name:
                raise DataError(
                    f'tên "{spelling}" dùng cho hai đơn vị: "{seen[key]}" và "{unit.name}"',
                    path=path,
                )
            seen[key] = unit.name
        units.append(unit)
    return Registry(units=tuple(units))


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

    def choice(self, key: str, allowed: dict[str, str]) -> str:
        """One of the allowed values (the first is the default); each explained if wrong."""
        value = self.text(key, next(iter(allowed)))
        if value not in allowed:
            options = " hoặc ".join(f'"{k}" ({why})' for k, why in allowed.items())
            raise DataError(
                f'{self._name(key)} = "{value}" không hợp lệ; dùng {options}', path=self.path
            )
        return value

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
    if bands[-1].minimum != 0:
        raise DataError(
            f"các mức xếp loại để hở: điểm dưới {bands[-1].minimum} không thuộc mức nào; "
            f'hãy đặt minimum = "0" cho mức thấp nhất "{bands[-1].name}"',
            path=path,
        )
    names = [match_key(b.name) for b in bands]
    if len(set(names)) != len(names):
        raise DataError("tên các mức xếp loại bị trùng", path=path)
    max_score = t.decimal("max_score", Decimal(100))
    if bands[0].minimum > max_score:
        raise DataError(
            f'mức "{bands[0].name}" bắt đầu từ {bands[0].minimum}, cao hơn điểm tối đa {max_score}',
            path=path,
        )
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
    first_year = t.integer("first_year", 0, minimum=1) if "first_year" in t.data else None
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
        max_score=max_score,
        sheet=t.optional_text("sheet"),
        compare_ranks=t.boolean("compare_ranks", True),
        compare_bands=t.boolean("compare_bands", False),
        first_year=first_year,
        source=path,
        score_column=t.optional_text("score_column"),
        band_column=t.optional_text("band_column"),
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
    for number, p in enumerate(t.tables("photos"), start=1):
        file = p.optional_text("file")
        after = p.optional_text("after")
        if after is not None and after not in sections:
            raise DataError(
                f'ảnh {number}: after = "{after}" không có trong sections ({", ".join(sections)})',
                path=path,
            )
        photos.append(
            Photo(
                caption=p.text("caption"),
                # A Windows path in single quotes ('images\anh.jpg') works on every OS.
                file=(path.parent / file.replace("\\", "/")) if file else None,
                after=after,
            )
        )
    blocks = t.choice("blocks", {"focus": "chỉ khối của đơn vị chính", "all": "mọi khối"})
    absent = t.choice(
        "absent",
        {"mention": "nói ngắn gọn đơn vị không có kết quả", "omit": "bỏ phần đó"},
    )
    return ArticleSettings(
        year=year,
        absent=absent,
        blocks=blocks,
        event=t.optional_text("event") or "",
        sections=sections,
        photos=tuple(photos),
        author=t.optional_text("author"),
        keywords=tuple(t.strings("keywords")),
    )
