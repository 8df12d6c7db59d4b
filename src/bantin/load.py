"""Read data/: publisher settings, evaluation definitions, score files, article settings.

Nothing else in bantin reads data/. Every string leaves here NFC-normalised,
every score is a Decimal parsed from its text (never through float), and every
error names the file, and where it can, the row and column.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from bantin.errors import DataError
from bantin.headers import header_names
from bantin.model import (
    ALL_UNITS,
    ARTICLE_SCHEMA,
    DEFAULT_AUDIENCE,
    EVALUATION_SCHEMA,
    PUBLISHER_SCHEMA,
    UNITS_SCHEMA,
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
from bantin.photos import photo_file
from bantin.scores import SCORE_EXTENSIONS, Report, parse_scores, raise_it, read_grid
from bantin.source import Source
from bantin.tomlfile import Table, read_toml
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
        scores.update(load_year_scores(root, year, evaluations, registry, report))
        article_path = year_dir / ARTICLE_FILE
        if article_path.is_file():
            articles[year] = load_year_article(
                article_path, year, evaluations, scores, registry, root
            )
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


def load_year_scores(
    root: Path,
    year: int,
    evaluations: Mapping[str, Evaluation],
    registry: Registry,
    report: Report = raise_it,
) -> dict[tuple[str, int], ScoreTable]:
    """Read the score files of data/<year>/, keyed by (evaluation id, year); none when the
    year has no folder yet."""
    scores: dict[tuple[str, int], ScoreTable] = {}
    year_dir = root / str(year)
    if not year_dir.is_dir():
        return scores
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
    return scores


def load_scores(
    file: Path | Source,
    evaluation: Evaluation,
    year: int,
    registry: Registry | None = None,
    report: Report = raise_it,
) -> ScoreTable:
    """Read one score file (CSV or XLSX, by its name) of an evaluation and year, from disk
    or given as a Source (its errors name `Source.shown`)."""
    grid = read_grid(file, evaluation.sheet, header_names(evaluation))
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
            raise unknown_score_file(path, evaluations)
        if evaluation_id in found:
            raise DataError(
                f"có cả {found[evaluation_id].name} và {path.name} cho cùng bộ chỉ số; "
                "hãy xoá hoặc đổi tên một tệp",
                path=year_dir,
            )
        found[evaluation_id] = path
    return found


def unknown_score_file(path: Path, evaluations: Mapping[str, Evaluation]) -> DataError:
    """The error for a score file not named after an evaluation: the name to give it, when
    its name says which evaluation it holds ("KQ xep hang CCHC 2020.xlsx": cchc.xlsx)."""
    stem = nfc(path.stem)
    meant = evaluations_named(stem, evaluations)
    typo = not meant
    if typo:  # a slip of the keyboard: "cchcc", "vtl"
        import difflib

        meant = difflib.get_close_matches(stem.casefold(), list(evaluations), 3, 0.75)
    codes = ", ".join(
        f"{e.id} ({e.short_name})" for e in sorted(evaluations.values(), key=lambda e: e.id)
    )
    suffix = path.suffix.lower()
    year = re.search(r"(?<!\d)(19|20)\d\d(?!\d)", stem)
    elsewhere = ""
    if year is not None and year.group() != path.parent.name:
        elsewhere = (
            f"; tên tệp có năm {year.group()} nhưng tệp nằm trong thư mục {path.parent.name}: "
            f"điểm năm {year.group()} đặt trong thư mục {year.group()}"
        )
    if len(meant) == 1 and not typo:
        return DataError(
            f"tệp điểm phải mang tên mã bộ chỉ số: hãy đổi tên tệp thành {meant[0]}{suffix} (mã "
            f"các bộ chỉ số là tên tệp trong {EVALUATIONS_DIR}/: {codes}){elsewhere}",
            path=path,
        )
    which = " hoặc ".join(f"{m}{suffix}" for m in meant) or f"<mã>{suffix}"
    return DataError(
        f'"{stem}" không phải mã bộ chỉ số nào; hãy đổi tên tệp thành {which}, hoặc thêm '
        f"{EVALUATIONS_DIR}/{stem}.toml nếu đây là bộ chỉ số mới (các bộ chỉ số: {codes})"
        f"{elsewhere}",
        path=path,
    )


def evaluations_named(name: str, evaluations: Mapping[str, Evaluation]) -> list[str]:
    """The evaluations a file's name names by code, short name, topic or name, as whole
    words ("KQ xep hang CCHC 2020": cchc)."""
    words = f" {_words(name)} "
    return [
        e.id
        for e in evaluations.values()
        if any(f" {_words(n)} " in words for n in (e.id, e.short_name, e.topic, e.name) if n)
    ]


def _words(text: str) -> str:
    """Text as lower-case words without diacritics or punctuation, to find a name in another."""
    return " ".join(re.sub(r"[^\w]+|_", " ", match_key(text)).split())


def load_registry(path: Path) -> Registry:
    """Read data/units.toml: canonical names, short forms, aliases. No file, no registry."""
    if not path.is_file():
        return Registry()
    t = Table(read_toml(path), path, UNITS_SCHEMA)
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


def load_publisher(path: Path) -> Publisher:
    """Read publisher.toml: focus agency, author, byline abbreviation, city."""
    t = Table(read_toml(path), path, PUBLISHER_SCHEMA)
    return Publisher(
        focus_agency=t.text("focus_agency"),
        author=t.text("author"),
        unit_abbreviation=t.text("unit_abbreviation"),
        city=t.text("city"),
        count_padding=t.integer("count_padding", 2),
        template_seconds=t.integer("template_seconds", 5),
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
    t = Table(read_toml(path), path, EVALUATION_SCHEMA)
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
    tie_rule = TieRule(t.choice("tie_rule", TieRule.DENSE))
    decimals = t.optional_integer("decimals")
    min_named = t.integer("min_named_ranks", 2)
    max_named = t.integer("max_named_ranks", 6)
    if max_named < min_named:
        key = "min_named_ranks" if "min_named_ranks" in t.data else "max_named_ranks"
        raise t.error(
            f"min_named_ranks = {min_named} lớn hơn max_named_ranks = {max_named}; "
            "min_named_ranks phải nhỏ hơn hoặc bằng max_named_ranks",
            key,
        )
    first_year = t.optional_integer("first_year")
    audience = tuple(t.strings("audience")) if "audience" in t.data else DEFAULT_AUDIENCE
    if not audience or not all(audience):
        raise t.error(
            'khoá "audience" phải là danh sách đối tượng khác rỗng, '
            'ví dụ audience = ["người dân", "doanh nghiệp"]',
            "audience",
        )
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
        audience=audience,
    )


def opted_in(
    t: Table, key: str, sections: Sequence[str], evaluations: Mapping[str, Evaluation]
) -> bool | tuple[str, ...]:
    """An extra asked for in article.toml: true, false, or the evaluations that get it."""
    value = t.data.get(key, False)
    if isinstance(value, bool):
        return value
    known = sections or sorted(evaluations)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise t.error(
            f'khoá "{key}" phải là true, false hoặc danh sách mã bộ chỉ số, '
            f'ví dụ {key} = ["{known[0]}"]',
            key,
        )
    codes = tuple(v.strip() for v in value)
    for code in codes:
        if code not in known:
            raise t.error(
                f'{key}: "{code}" không phải là bộ chỉ số của bài ({", ".join(known)}); '
                f"ghi {key} = true cho mọi phần, hoặc danh sách mã, ví dụ {key} = "
                f'["{known[0]}"]',
                key,
            )
    return codes


def year_units(scores: Mapping[tuple[str, int], ScoreTable], year: int) -> Registry:
    """The units of a year's score files, as a registry of their names as written."""
    names = dict.fromkeys(r.unit for (_, y), t in scores.items() if y == year for r in t.rows)
    return Registry(units=tuple(UnitName(n) for n in names), from_file=False)


def photo_units(p: Table, number: int, registry: Registry) -> tuple[str, ...] | None:
    """Whose articles show a photo (`units`): None (the publisher's own), every one, or
    the units named, each through units.toml like every unit name."""
    value = p.data.get("units")
    if value is None:
        return None
    if value == "all":
        return ALL_UNITS
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise p.error(
            f'ảnh {number}: units phải là "all" (mọi bài) hoặc danh sách tên đơn vị, '
            'ví dụ units = ["Sở Nội vụ"]',
            "units",
        )
    names = []
    for name in p.strings("units"):
        canonical = registry.canonical(name)
        if not canonical:
            raise p.error(
                f'ảnh {number}: không có đơn vị "{name}" trong '
                f"{'units.toml' if registry.from_file else 'các tệp điểm của năm'}"
                f"{registry.suggestion(name)}",
                "units",
            )
        names.append(canonical)
    return tuple(names)


def load_year_article(
    file: Path | Source,
    year: int,
    evaluations: Mapping[str, Evaluation],
    scores: Mapping[tuple[str, int], ScoreTable],
    registry: Registry,
    root: Path,
) -> ArticleSettings:
    """A year's article.toml as render reads it, with the year's `scores` (before
    split_blocks) and data/units.toml's `registry`: without `sections`, the evaluations
    scored that year; a photo's `units` named through units.toml or, without one, as the
    year's score files write them."""
    scored = tuple(sorted(e for (e, y) in scores if y == year))
    named = registry if registry.units else year_units(scores, year)
    return load_article(file, year, evaluations, scored, root, named)


def load_article(
    source: Path | Source,
    year: int,
    evaluations: Mapping[str, Evaluation],
    scored: tuple[str, ...] = (),
    root: Path | None = None,
    registry: Registry | None = None,
) -> ArticleSettings:
    """Read a year's article.toml: the event, the sections in order (without `sections`,
    the evaluations `scored` that year, as without an article.toml), photos, author.

    Photo files must be images inside the data folder `root` (by default the folder of
    the year's folder). Read from disk, or given as a Source whose `shown` is where the
    file is (or is to be) kept: photo paths are found from there.
    """
    path = source.shown if isinstance(source, Source) else source
    t = Table(read_toml(source), source, ARTICLE_SCHEMA)
    sections = tuple(t.strings("sections")) if "sections" in t.data else scored
    if "sections" in t.data and not sections:
        raise t.error(
            "sections = [] không có bộ chỉ số nào; ghi mã các bộ chỉ số theo thứ tự trong bài, "
            f'ví dụ sections = ["{next(iter(sorted(evaluations)), "cchc")}"] (các bộ chỉ số: '
            f"{', '.join(sorted(evaluations))})",
            "sections",
        )
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
        caption = p.text("caption")
        data = root if root is not None else path.parent.parent
        image = photo_file(p, number, file, path, data) if file else None
        units = photo_units(p, number, registry or Registry())
        photos.append(Photo(caption=caption, file=image, after=after, units=units))
    blocks = t.choice("blocks", "focus")
    absent = t.choice("absent", "mention")
    return ArticleSettings(
        year=year,
        absent=absent,
        blocks=blocks,
        event=t.optional_text("event") or "",
        sections=sections,
        photos=tuple(photos),
        author=t.optional_text("author"),
        keywords=tuple(t.strings("keywords")),
        table=opted_in(t, "table", sections, evaluations),
        chart=opted_in(t, "chart", sections, evaluations),
    )
