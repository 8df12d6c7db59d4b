"""Everything that touches an output folder: safe writes, the manifest, the folder's lock.

Writes are atomic (temporary file in the same folder, flush, fsync, rename) and
safe: a file a person edited since bantin wrote it is never replaced unless
--force, which first keeps the edited file as a dated backup beside it. A batch
stages its files instead (`Staging`) and makes a whole slice durable at once.

While bantin writes into a folder it holds the folder's lock (`locked`): no other
run writes there meanwhile, and what a killed run left behind can be removed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from bantin.errors import OutputError
from bantin.ooxml import is_sealed_and_unchanged
from bantin.output.atomic import (
    TEMP_SUFFIX,
    StagedFile,
    Staging,
    discard_staged,
    sha256,
    stage_file,
    write_atomic,
    write_file,
)
from bantin.output.lock import LOCK_NAME, locked
from bantin.output.manifest import MANIFEST, Manifest, read_manifest, read_manifest_articles

if TYPE_CHECKING:
    from bantin.article import Article
    from bantin.export.docx import DocxWriter

__all__ = [
    "LOCK_NAME",
    "MANIFEST",
    "Manifest",
    "StagedFile",
    "Staging",
    "WriteReport",
    "discard_staged",
    "is_unchanged",
    "locked",
    "prepare_folder",
    "read_manifest",
    "read_manifest_articles",
    "stage_file",
    "write_article",
    "write_atomic",
    "write_outputs",
]


@dataclass(frozen=True)
class WriteReport:
    """What a write did: the files written and the backups of edited files kept."""

    written: tuple[Path, ...]
    backups: tuple[Path, ...]


def prepare_folder(folder: Path) -> None:
    """Remove the temporaries a killed run (or a batch's stopped workers) left in a folder."""
    with locked(folder):  # held: no temporary here belongs to a run still writing
        for where in (folder, folder / "images"):
            with contextlib.suppress(FileNotFoundError):
                for entry in os.scandir(where):
                    if entry.name.endswith(TEMP_SUFFIX):
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)


def write_article(
    article: Article,
    folder: Path,
    formats: Sequence[str],
    created: datetime | None = None,
    reference: Path | None = None,
    force: bool = False,
    docx_writer: DocxWriter | None = None,
    base: str | None = None,
    photos: Mapping[Path, str] | None = None,
) -> WriteReport:
    """Render an article in every requested format and write the files safely, all or none.

    `base` and `photos` name the files, as `build_outputs` takes them.
    """
    from bantin.export import build_outputs

    outputs = build_outputs(article, folder, formats, created, reference, docx_writer, base, photos)
    about = {"year": str(article.year), "agency": article.focus}
    return write_outputs(folder, outputs, force=force, about=about)


def write_outputs(
    folder: Path,
    outputs: Mapping[Path, bytes | StagedFile],
    force: bool = False,
    now: datetime | None = None,
    about: Mapping[str, str] | None = None,
    manifest: Manifest | None = None,
    staging: Staging | None = None,
) -> WriteReport:
    """Write rendered files under `folder` safely; refuse (or, with force, back up) edited ones.

    Nothing is written when any target was edited and force is off. `about` (year,
    agency) is recorded in the manifest for each file, so `bantin check` can find it.
    A batch passes its own `manifest`, holds the folder's lock and saves the manifest
    itself; otherwise the lock is taken and the manifest saved here. A batch also
    passes its `staging`: files are then in place only once it commits; only then may
    an output be a `StagedFile` (the caller discards it when refused).
    """
    if manifest is not None:
        return _write_outputs(folder, outputs, force, now, about, manifest, staging)
    with locked(folder):
        manifest = Manifest.load(folder)
        prepare_folder(folder)
        report = _write_outputs(folder, outputs, force, now, about, manifest, staging)
        manifest.save()
    return report


def _write_outputs(
    folder: Path,
    outputs: Mapping[Path, bytes | StagedFile],
    force: bool,
    now: datetime | None,
    about: Mapping[str, str] | None,
    manifest: Manifest,
    staging: Staging | None,
) -> WriteReport:
    keys = {path: _key_in(folder, path) for path in outputs}
    edited = [
        p
        for p in outputs
        if (staging is None or p not in staging)
        and p.exists()
        and not is_unchanged(p, manifest.files, folder)
    ]
    if edited and not force:
        names = ", ".join(str(p) for p in edited)
        raise OutputError(
            f"{names}: đã được sửa sau lần bantin ghi trước nên không ghi đè; "
            "thêm --force để cất bản đã sửa thành bản sao có ngày giờ rồi ghi bản mới"
        )
    backups: list[Path] = []
    if edited:
        stamp = now or datetime.now()  # one time for every backup of the article
        backups = [_backup(p, stamp) for p in edited]
    for path, data in outputs.items():
        if staging is not None:
            digest = staging.add(path, data)
        elif isinstance(data, StagedFile):
            raise TypeError("a staged file needs the batch's staging")
        else:
            write_file(path, data)
            digest = sha256(data)
        key = keys[path]
        manifest.files[key] = digest
        if about is not None:
            manifest.articles[key] = dict(about)
    return WriteReport(written=tuple(outputs), backups=tuple(backups))


def is_unchanged(path: Path, manifest: Mapping[str, str], folder: Path) -> bool:
    """Whether a file is byte for byte what bantin last wrote there."""
    data = path.read_bytes()
    if path.suffix.lower() == ".docx" and is_sealed_and_unchanged(data):
        return True
    return manifest.get(path.relative_to(folder).as_posix()) == sha256(data)


def _key_in(folder: Path, path: Path) -> str:
    """The manifest's key of `path` ("Sở A.md", "images/a.jpg"); an error if it lies outside.

    A file directly in the folder (the usual case, thousands per batch) is told by its
    text alone; anything else is resolved folder by folder.
    """
    text, inside = str(path), f"{folder}{os.sep}"
    if text.startswith(inside):
        name = text[len(inside) :]
        if name not in ("", ".", "..") and os.sep not in name and "/" not in name:
            return name
    if not _inside(_resolved(folder), path):
        raise OutputError("đường dẫn ra ngoài thư mục kết quả", path=path)
    return path.relative_to(folder).as_posix()


@lru_cache(maxsize=64)
def _resolved(folder: Path) -> Path:
    return folder.resolve()


def _inside(root: Path, path: Path) -> bool:
    """Whether `path` lies under `root` once its folder is resolved.

    The last component need not be resolved: a rename replaces a link, never follows it.
    """
    parent = _resolved(path.parent)
    return path.name not in ("", ".", "..") and (parent == root or root in parent.parents)


def _backup(path: Path, stamp: datetime) -> Path:
    """Move an edited file aside as "<name> (bản sửa YYYY-MM-DD HH-MM-SS)<ext>"."""
    base = f"{path.stem} (bản sửa {stamp:%Y-%m-%d %H-%M-%S})"
    target = path.with_name(base + path.suffix)
    counter = 2
    while target.exists():
        target = path.with_name(f"{base} {counter}{path.suffix}")
        counter += 1
    try:
        os.replace(path, target)
    except OSError as e:
        raise OutputError(f"không cất được bản đã sửa: {e.strerror}", path=path) from e
    return target
