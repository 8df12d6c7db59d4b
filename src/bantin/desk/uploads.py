"""Files brought to the desk: a score file (kept only when valid) and photos.

No name from the browser becomes a path: a score file is named after an evaluation
defined in data/evaluations/, its kind (CSV or XLSX) is read from its first bytes, and a
photo gets a name made here. A score file is read from memory, under the name it is to
take, and written into data/<year>/ (atomically) only once it has no error. A photo is
checked from memory as render checks a photo file (bantin.photos.image_problem), and
written only together with the article.toml that names it (`write_together`).
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bantin.errors import DataError
from bantin.load import (
    EVALUATIONS_DIR,
    UNITS_FILE,
    evaluations_named,
    load_evaluations,
    load_registry,
    load_scores,
)
from bantin.model import Evaluation
from bantin.output.atomic import fsync_dir, unlink, write_error, write_temporary
from bantin.scores import SCORE_EXTENSIONS
from bantin.source import Source

# Where a replaced score file is kept: a folder inside the year's, which load never reads.
BACKUP_DIR = "bản cũ"
IMAGES_DIR = "images"
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls)


@dataclass(frozen=True)
class ScoreUpload:
    """What became of a score file brought to the desk."""

    path: Path  # where it is (when kept) or would have been
    errors: tuple[str, ...]  # as `bantin validate` words them; none: the file was kept
    backup: Path | None = None  # the file it replaced, kept
    note: str | None = None  # for a refused workbook of several sheets: which one was read


def score_suffix(data: bytes) -> str:
    """.xlsx for a workbook, .csv for text; an old .xls is refused as load refuses it."""
    if data.startswith(_ZIP):
        return ".xlsx"
    if data.startswith(_OLE):
        raise DataError(
            "định dạng Excel cũ (.xls): mở bằng Excel rồi lưu thành .xlsx hoặc CSV UTF-8"
        )
    return ".csv"


def accept_scores(
    data_dir: Path, year: int, evaluation_id: str, data: bytes, browser_name: str = ""
) -> ScoreUpload:
    """Read a score file as `bantin validate` does; keep it as data/<year>/<id>.<ext> only
    when it has no error, the file it replaces moved to data/<year>/bản cũ/. A file whose
    name says it holds another evaluation or another year is refused unread."""
    evaluations = load_evaluations(data_dir / EVALUATIONS_DIR)
    if evaluation_id not in evaluations:
        known = ", ".join(sorted(evaluations))
        raise DataError(f'không có bộ chỉ số "{evaluation_id}" (các bộ chỉ số: {known})')
    _check_name(shown_name(browser_name), year, evaluations[evaluation_id], evaluations)
    year_dir = data_dir / str(year)
    final = year_dir / f"{evaluation_id}{score_suffix(data)}"
    if not data.strip():
        return ScoreUpload(final, (f"{final}: tệp rỗng; chọn lại tệp điểm",))
    problems: list[DataError] = []
    try:
        load_scores(
            Source(data, final),
            evaluations[evaluation_id],
            year,
            load_registry(data_dir / UNITS_FILE),
            problems.append,
        )
    except DataError as e:
        problems.append(e)
    if problems:
        note = None
        if final.suffix == ".xlsx" and evaluations[evaluation_id].sheet is None:
            note = _sheet_note(data, evaluation_id)
        return ScoreUpload(final, tuple(e.format_message() for e in problems), note=note)
    # Accepted: written (and synced) beside its place first, so that a full disk stops
    # the upload before the file it replaces is moved away.
    try:
        temporary = write_temporary(final, data)
    except OSError as e:
        raise write_error(e, final, year_dir) from e
    backup = None
    moved: list[tuple[Path, Path]] = []
    replacing = final
    had_backups = (year_dir / BACKUP_DIR).exists()
    try:
        for suffix in SCORE_EXTENSIONS:
            for old in year_dir.iterdir():
                if old.is_file() and old.name.lower() == f"{evaluation_id}{suffix}".lower():
                    replacing = old
                    backup = _keep(old, year_dir)
                    moved.append((old, backup))
        replacing = final
        os.replace(temporary, final)
    except BaseException as e:
        unlink(temporary)
        for old, kept in reversed(moved):  # the replaced file back in its place
            with contextlib.suppress(OSError):
                os.replace(kept, old)
        if not had_backups:
            with contextlib.suppress(OSError):
                (year_dir / BACKUP_DIR).rmdir()
        if isinstance(e, PermissionError):
            # Windows: Excel holds the file it has open, and it cannot be moved.
            raise DataError(
                "tệp đang mở trong Excel (hoặc chương trình khác) nên không thay được; đóng "
                "tệp rồi đưa tệp lên lại (chưa tệp nào bị thay đổi)",
                path=replacing,
            ) from e
        if isinstance(e, OSError):
            raise write_error(e, replacing, year_dir) from e
        raise
    return ScoreUpload(final, (), backup)


def _sheet_note(data: bytes, evaluation_id: str) -> str | None:
    """Which sheet of a workbook of several was read (the one Excel opens on), and how to
    read another: a file from another office often keeps its scores on a later sheet."""
    import io

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True)
    except Exception:  # unreadable: the errors above already say so
        return None
    try:
        shown = [w.title for w in workbook.worksheets if w.sheet_state == "visible"]
        read = workbook.active.title if workbook.active is not None else None
    finally:
        workbook.close()
    if len(shown) < 2 or read is None:
        return None
    others = ", ".join(f"“{t}”" for t in shown if t != read)
    return (
        f"Tệp có {len(shown)} trang tính; bantin đọc trang “{read}” (trang đang mở khi tệp "
        f"được lưu). Nếu bảng điểm nằm ở trang khác ({others}): mở tệp bằng Excel, bấm vào "
        f'trang đó rồi lưu lại, hoặc ghi sheet = "<tên trang>" vào '
        f"{EVALUATIONS_DIR}/{evaluation_id}.toml."
    )


def _check_name(
    name: str, year: int, chosen: Evaluation, evaluations: Mapping[str, Evaluation]
) -> None:
    """Refuse a file whose name says it is another evaluation's or another year's scores:
    kept under the chosen one, it would put wrong numbers in every article."""
    stem = name.rsplit(".", 1)[0]
    named = evaluations_named(stem, evaluations)
    if named and chosen.id not in named:
        other = evaluations[named[0]]
        raise DataError(
            f'tên tệp "{name}" cho thấy đây là điểm {other.short_name} ({other.name}), nhưng '
            f"bộ chỉ số đang chọn là {chosen.short_name}; chọn đúng bộ chỉ số rồi đưa tệp lên "
            "lại (nếu đúng là điểm "
            f"{chosen.short_name}, đổi tên tệp cho khỏi nhầm)"
        )
    years = set(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", stem))
    if years and str(year) not in years:
        other_year = min(years)
        raise DataError(
            f'tên tệp "{name}" có năm {other_year}, nhưng đây là trang năm {year}; điểm năm '
            f"{other_year} đưa lên ở trang năm {other_year} (nếu đúng là điểm năm {year}, đổi "
            "tên tệp cho khỏi nhầm)"
        )


def _keep(old: Path, year_dir: Path) -> Path:
    """Move a replaced file into the year's backup folder, named with the time it was kept."""
    folder = year_dir / BACKUP_DIR
    made = not folder.exists()
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d %H.%M.%S")
    target = folder / f"{old.stem} {stamp}{old.suffix}"
    counter = 2
    while target.exists():
        target = folder / f"{old.stem} {stamp} ({counter}){old.suffix}"
        counter += 1
    try:
        os.replace(old, target)
    except OSError:
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return target


def photo_suffix(data: bytes) -> str:
    """.png or .jpg from the picture's first bytes; anything else is refused."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if data.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    raise DataError(
        "không phải ảnh PNG hoặc JPEG; mở ảnh bằng trình xem ảnh rồi lưu lại thành .jpg hoặc .png"
    )


def check_photo(data: bytes) -> str:
    """The suffix a photo brought to the desk is kept under, once its bytes pass what
    render checks of a photo file (bantin.photos.image_problem); else a DataError."""
    from bantin.photos import image_problem

    suffix = photo_suffix(data)
    problem = image_problem(data)
    if problem is not None:
        raise DataError(problem)
    return suffix


def new_photo_name(year_dir: Path, suffix: str, taken: set[str]) -> str:
    """A name for a new photo in data/<year>/images/ that no file there (nor one of
    `taken`, named in the same save) has; its path as article.toml writes it."""
    folder = year_dir / IMAGES_DIR
    number = 1
    while any(
        (folder / f"anh-{number}{s}").exists() or f"anh-{number}{s}" in taken
        for s in (".png", ".jpg")
    ):
        number += 1
    name = f"anh-{number}{suffix}"
    taken.add(name)
    return f"{IMAGES_DIR}/{name}"


def shown_name(browser_name: str) -> str:
    """The last part of the name a browser sent for a file (some send a whole path),
    only ever shown."""
    return unicodedata.normalize("NFC", re.split(r"[\\/:]", browser_name)[-1]).strip()


def write_together(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write new files and then one that names them (article.toml last) so that a reader
    never finds the last without the others: all are written and synced to temporaries
    first (a full disk stops here, nothing moved), then moved into place in order; on a
    failure those already moved are taken back, so nothing changed. Every file but the
    last must be new."""
    # Folders this write makes (images/, a new year's): removed again on a failure.
    made = sorted(
        {f for path, _ in files for f in path.parents if not f.exists()},
        key=lambda f: -len(f.parts),
    )
    staged: list[tuple[str, Path]] = []
    placed: list[Path] = []
    try:
        for path, data in files:
            try:
                staged.append((write_temporary(path, data), path))
            except OSError as e:
                raise write_error(e, path, path.parent) from e
        for temporary, path in staged:
            try:
                os.replace(temporary, path)
            except OSError as e:
                raise write_error(e, path, path.parent, replacing=True) from e
            placed.append(path)
    except BaseException:
        for temporary, _ in staged:
            unlink(temporary)
        for path in placed:  # only new files: the last, which may replace one, never is
            unlink(path)
        for folder in made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    for folder in {path.parent for path in placed}:
        fsync_dir(folder)
