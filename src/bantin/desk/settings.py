"""A year's article.toml edited from a form, its comments kept (tomlkit edits it in place).

The new text is read back by bantin's own loader before it replaces the file, so the
form can only write settings that `bantin render` accepts; a form opened before another
tab saved is refused instead of undoing that tab's work.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bantin.errors import DataError
from bantin.load import (
    ARTICLE_FILE,
    EVALUATIONS_DIR,
    UNITS_FILE,
    load_evaluations,
    load_registry,
    load_year_article,
    load_year_scores,
)
from bantin.model import Evaluation
from bantin.source import Source

NEW_FILE_HEADER = (
    "# Thiết lập riêng cho bản tin năm {year}, tạo từ trang bantin serve.\n"
    "# Có thể sửa tệp này bằng Notepad; dòng bắt đầu bằng # là ghi chú.\n"
)


@dataclass(frozen=True)
class PhotoForm:
    """One photo as the form shows it."""

    caption: str
    file: str
    after: str
    removed: bool = False


@dataclass(frozen=True)
class SettingsForm:
    """The article settings as written in article.toml (or as a refused save sent them),
    and the version the form edits."""

    event: str
    author: str
    sections: tuple[str, ...]
    photos: tuple[PhotoForm, ...]
    version: str
    exists: bool
    # Each evaluation's place as the form's box shows it ("" left out).
    order: Mapping[str, str] = field(default_factory=dict)
    new_caption: str = ""
    new_after: str = ""


@dataclass(frozen=True)
class SettingsChange:
    """What the form sends: every field, and the photos brought (by photo number, 0 new)."""

    event: str
    author: str
    order: Mapping[str, str]  # evaluation id -> its place in the article ("" to leave out)
    captions: Sequence[str]
    afters: Sequence[str]
    removed: Sequence[bool]
    version: str
    new_caption: str = ""
    new_after: str = ""
    photos: Mapping[int, bytes] = field(default_factory=dict)
    photo_names: Mapping[int, str] = field(default_factory=dict)  # as the browser sent them


def version_of(path: Path) -> str:
    """The file's content hash (empty for a file that does not exist yet)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except FileNotFoundError:
        return ""


def read_form(year_dir: Path) -> SettingsForm:
    """article.toml's values as text for the form (nothing when the file does not exist)."""
    import tomlkit

    path = year_dir / ARTICLE_FILE
    version = version_of(path)
    if not version:
        return SettingsForm("", "", (), (), "", False)
    doc = tomlkit.parse(path.read_text(encoding="utf-8")).unwrap()
    photos = tuple(
        PhotoForm(str(p.get("caption", "")), str(p.get("file", "")), str(p.get("after", "")))
        for p in doc.get("photos", [])
        if isinstance(p, dict)
    )
    sections = tuple(str(s) for s in doc.get("sections", []))
    order = {section: str(place) for place, section in enumerate(sections, start=1)}
    return SettingsForm(
        str(doc.get("event", "")),
        str(doc.get("author", "")),
        sections,
        photos,
        version,
        True,
        order,
    )


def as_form(year_dir: Path, change: SettingsChange) -> SettingsForm:
    """The form as a refused save sent it, to be shown again with its error: nothing the
    person typed is lost (the photos' files are those on disk: a save that was refused
    wrote none)."""
    on_disk = read_form(year_dir).photos if version_of(year_dir / ARTICLE_FILE) else ()
    photos = tuple(
        PhotoForm(
            change.captions[i] if i < len(change.captions) else p.caption,
            p.file,
            change.afters[i] if i < len(change.afters) else p.after,
            i < len(change.removed) and change.removed[i],
        )
        for i, p in enumerate(on_disk)
    )
    return SettingsForm(
        change.event,
        change.author,
        (),
        photos,
        change.version,
        bool(on_disk) or bool(change.version),
        dict(change.order),
        change.new_caption,
        change.new_after,
    )


def save_form(year_dir: Path, year: int, change: SettingsChange) -> None:
    """Write the form's values into article.toml, keeping its comments, and the photos
    brought into images/; a DataError, and nothing written, when a photo or the resulting
    article.toml is not valid or the file changed since the form was opened."""
    import tomlkit
    from tomlkit.items import AoT, Table

    from bantin.desk.uploads import check_photo, new_photo_name, shown_name, write_together

    data_dir = year_dir.parent
    path = year_dir / ARTICLE_FILE
    if version_of(path) != change.version:
        raise DataError(
            "tệp đã được thay đổi (ở thẻ khác hoặc trong Notepad) sau khi trang này mở; "
            "tải lại trang để thấy nội dung mới rồi sửa lại",
            path=path,
        )
    # Gather, then write: every photo and the new article.toml are checked from memory;
    # the files are written only when all of them are valid.
    suffixes: dict[int, str] = {}
    for number, data in sorted(change.photos.items()):
        try:
            suffixes[number] = check_photo(data)
        except DataError as e:
            which = f"ảnh {number}" if number else "ảnh mới"
            name = shown_name(change.photo_names.get(number, ""))
            shown = f' (tệp "{name}")' if name else ""
            raise DataError(f"{which}{shown}: {e.detail}") from None
    evaluations = load_evaluations(data_dir / EVALUATIONS_DIR)
    if path.is_file():
        doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    else:
        doc = tomlkit.parse(NEW_FILE_HEADER.format(year=year))
    _set_text(doc, "event", change.event)
    _set_text(doc, "author", change.author)
    doc["sections"] = _sections(change.order, evaluations)
    photos: Any = doc.get("photos")
    if photos is None:
        photos = AoT([])
    kept = []
    labels: list[str] = []  # each kept photo as the form calls it
    new_files: list[tuple[Path, bytes]] = []
    taken: set[str] = set()

    def bring(table: Any, number: int) -> None:
        if number in change.photos:
            table["file"] = new_photo_name(year_dir, suffixes[number], taken)
            new_files.append((year_dir / str(table["file"]), change.photos[number]))

    for number, table in enumerate(photos, start=1):
        if number - 1 < len(change.removed) and change.removed[number - 1]:
            continue
        if number - 1 < len(change.captions):
            table["caption"] = change.captions[number - 1].strip()
        if number - 1 < len(change.afters):
            _set_text(table, "after", change.afters[number - 1])
        bring(table, number)
        kept.append(table)
        labels.append(f"ảnh {number}")
    if change.new_caption.strip() or 0 in change.photos:
        table = Table(tomlkit.container.Container(), tomlkit.items.Trivia(), False)
        table["caption"] = change.new_caption.strip()
        _set_text(table, "after", change.new_after)
        bring(table, 0)
        kept.append(table)
        labels.append("ảnh mới")
    _check_places(zip(labels, kept, strict=True), doc["sections"], evaluations)
    if "photos" in doc:
        del doc["photos"]
    if kept:
        doc["photos"] = AoT(kept)
    data = tomlkit.dumps(doc).encode("utf-8")
    # Read back from memory by the loader, as render reads the file; the new photos are
    # not there yet, and were checked above by the check render makes of a photo's bytes.
    read_back(Source(data, path), year, evaluations)
    write_together([*new_files, (path, data)])


def read_back(source: Source, year: int, evaluations: Mapping[str, Evaluation]) -> None:
    """Read a year's new article.toml as `bantin render` reads it (bantin.load's
    load_year_article): a photo's `units` named through units.toml or, without one, as the
    year's score files write them; a DataError naming the file as `source` shows it."""
    data_dir = source.shown.parent.parent
    registry = load_registry(data_dir / UNITS_FILE)
    # A score file's own problems are the year page's to show (validate lists them); here
    # the files give only the names they hold. One that cannot be read at all stops the
    # save, as it stops render.
    problems: list[DataError] = []
    scores = load_year_scores(data_dir, year, evaluations, registry, problems.append)
    load_year_article(source, year, evaluations, scores, registry, data_dir)


def _check_places(
    photos: Iterable[tuple[str, Any]],
    sections: Sequence[str],
    evaluations: Mapping[str, Evaluation],
) -> None:
    """A photo set after a part the form leaves out of the article, in the form's words
    (load words it for article.toml: `after = "vtlt"`)."""
    for label, table in photos:
        after = str(table.get("after", ""))
        if after and after not in sections:
            named = evaluations[after].short_name if after in evaluations else after
            raise DataError(
                f"{label} đặt sau phần {named}, nhưng phần {named} không có trong bài (ô thứ "
                f"tự để trống); ghi số thứ tự cho {named}, hoặc chọn chỗ đặt khác cho {label}"
            )


def _set_text(table: Any, key: str, value: str) -> None:
    """Set a text key, or remove it when the field is left empty (its comments stay)."""
    value = value.strip()
    if value:
        table[key] = value
    elif key in table:
        del table[key]


def _sections(order: Mapping[str, str], evaluations: Mapping[str, Any]) -> list[str]:
    """The evaluations given a place, in the order of their numbers."""
    placed: list[tuple[int, str]] = []
    for evaluation_id, text in order.items():
        if evaluation_id not in evaluations or not text.strip():
            continue
        try:
            place = int(text.strip())
        except ValueError:
            raise DataError(
                f'thứ tự của {evaluation_id} phải là một số (1, 2...), không phải "{text}"'
            ) from None
        placed.append((place, evaluation_id))
    if not placed:
        raise DataError("chọn ít nhất một bộ chỉ số cho bài (ghi số thứ tự 1, 2...)")
    return [evaluation_id for _, evaluation_id in sorted(placed)]
