"""Everything that touches an output folder: safe writes, the manifest, the folder's lock.

A render is written all or nothing (bantin.output.commit): every file goes to a synced
temporary first, every target is checked, and only then do they all move into place,
the manifest written ahead of them. A file a person edited since bantin wrote it is never
replaced unless --force, which keeps the edited file as a dated backup beside it.

While bantin writes into a folder it holds the folder's lock (`locked`): no other run
writes there meanwhile, and what a killed run left behind can be put right.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from bantin.errors import OutputError
from bantin.ooxml import is_sealed_and_unchanged
from bantin.output.atomic import (
    TEMP_SUFFIX,
    StagedFile,
    WriteError,
    discard_staged,
    sha256,
    stage_file,
    write_atomic,
    write_error,
)
from bantin.output.commit import Seen, Staging, recover, remove_leftovers
from bantin.output.lock import LOCK_NAME, locked
from bantin.output.manifest import (
    MANIFEST,
    Manifest,
    read_manifest,
    read_manifest_articles,
    text_key,
)

# What to do about an edited draft, in the command line's words; the desk gives its own.
FORCE_ADVICE = "thêm --force để cất bản đã sửa thành bản sao có ngày giờ rồi ghi bản mới"

__all__ = [
    "LOCK_NAME",
    "MANIFEST",
    "TEMP_SUFFIX",
    "Manifest",
    "StagedFile",
    "Staging",
    "WriteError",
    "WriteReport",
    "discard_staged",
    "is_unchanged",
    "locked",
    "open_folder",
    "prepare_folder",
    "read_manifest",
    "read_manifest_articles",
    "stage_file",
    "stage_outputs",
    "write_atomic",
    "write_outputs",
]


@dataclass(frozen=True)
class WriteReport:
    """What a write did: the files written and the backups of edited files kept."""

    written: tuple[Path, ...]
    backups: tuple[Path, ...]


def open_folder(folder: Path) -> Manifest:
    """The folder's manifest, once what a killed run left is put right; under its lock only.

    A commit the run left unfinished is undone (`recover`), then its temporaries and
    old versions are removed.
    """
    manifest = Manifest.load(folder)
    recover(manifest)
    remove_leftovers(folder, asides=True)
    return manifest


def prepare_folder(folder: Path) -> None:
    """Put right what a killed run (or a batch's stopped workers) left in a folder."""
    with locked(folder):  # held: no temporary here belongs to a run still writing
        open_folder(folder)


def write_outputs(
    folder: Path,
    outputs: Mapping[Path, bytes | StagedFile],
    force: bool = False,
    now: datetime | None = None,
    about: Mapping[str, str] | None = None,
) -> WriteReport:
    """Write rendered files under `folder`, all or none; refuse (or, with force, back up)
    edited ones.

    Nothing is written when any target was edited and force is off. `about` (year,
    agency) is recorded in the manifest for each file, so `bantin check` can find it.
    """
    with locked(folder):
        staging = Staging(open_folder(folder))
        try:
            written = stage_outputs(staging, outputs, force, now, about)
            backups = staging.commit()
        finally:
            staging.discard()  # nothing, once committed
    return WriteReport(written=written, backups=backups)


def stage_outputs(
    staging: Staging,
    outputs: Mapping[Path, bytes | StagedFile],
    force: bool = False,
    now: datetime | None = None,
    about: Mapping[str, str] | None = None,
) -> tuple[Path, ...]:
    """Check every target of one article and stage its files; the files staged.

    Refused (an OutputError, nothing staged) when a target was edited and force is off;
    with force, the edited target is kept as a dated backup when the staging commits.
    A batch calls it for each article, holding the folder's lock, then commits once.
    """
    folder = staging.manifest.folder
    files = staging.manifest.files
    checked: dict[Path, tuple[Seen | None, bool]] = {}  # target -> (as seen, edited)
    for path in outputs:
        _key_in(folder, path)  # an error if outside the folder
        if path not in staging:
            checked[path] = _check(path, files, folder)
    edited = [p for p, (_seen, was_edited) in checked.items() if was_edited]
    if edited and not force:
        names = ", ".join(str(p) for p in edited)
        raise OutputError(
            f"{names}: đã được sửa sau lần bantin ghi trước nên không ghi đè; {FORCE_ADVICE}"
        )
    stamp = now or datetime.now()  # one time for every backup of the article
    details = dict(about) if about is not None else None
    for path, data in outputs.items():
        was, was_edited = checked.get(path, (None, False))
        staging.add(path, data, details, was, stamp if was_edited else None)
    return tuple(outputs)


def _check(path: Path, files: Mapping[str, str], folder: Path) -> tuple[Seen | None, bool]:
    """The target as it is now (None: there is none), and whether a person edited it."""
    from bantin.output.commit import seen

    try:
        was = seen(path)
    except FileNotFoundError:
        return None, False
    except OSError as e:
        raise write_error(e, path, folder, replacing=True) from e
    try:
        return was, not is_unchanged(path, files, folder)
    except OSError as e:
        raise write_error(e, path, folder, replacing=True) from e


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
    name = text_key(folder, path)
    if name is not None and name not in ("", ".", "..") and "/" not in name:
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
