"""All or nothing: a render's files move into place together, or none does.

A render first writes every file to a synced temporary (bantin.output.atomic) and checks
every target. `Staging.commit` then:

1. writes the completed manifest to a synced temporary: whatever needs room on the disk
   is written before anything moves;
2. writes the manifest ahead of the files (the journal): the old entries, and for each
   file its new sha256 and the name its old version will be kept under;
3. keeps each old version under that name, a hard link (a copy where the file system
   has none): the file itself stays in place, so a reader never finds it missing; each
   target is checked to be still as it was when it was checked (nobody edited it since);
4. renames every temporary over its target;
5. moves the completed manifest into place: the render is done;
6. removes the old versions (with --force, an edited target's old version is its dated
   backup, and stays).

On a failure in 1 to 5 the old versions are put back and the old manifest rewritten:
nothing in the folder changed. When the run is killed instead, or putting back fails
too, the journal stays on disk and the next run to take the folder's lock puts the old
versions back (`recover`) before it does anything else. Either way the folder never keeps
part of a render without the rest, no edited draft is overwritten, and every file bantin
wrote is still known as bantin's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from bantin.errors import OutputError
from bantin.output.atomic import (
    TEMP_SUFFIX,
    StagedFile,
    WriteError,
    fsync_dir,
    sha256,
    stage_file,
    unlink,
    write_atomic,
    write_error,
    write_temporary,
)
from bantin.output.manifest import Manifest, Pending, text_key

# The old version of a file, kept under ".<name>.<random>.bantin-old" while a render
# replaces it; removed by the next run unless its journal names it.
ASIDE_SUFFIX = ".bantin-old"


class Seen(NamedTuple):
    """A target as it was when checked: enough to tell that it changed since."""

    inode: int
    size: int
    modified: int


def seen(path: Path) -> Seen:
    """The target's identity, size and modification time now."""
    st = os.stat(path)
    return Seen(st.st_ino, st.st_size, st.st_mtime_ns)


class _Change(NamedTuple):
    temporary: str
    digest: str
    about: dict[str, str] | None
    seen: Seen | None  # the target as checked; None: there was none
    backup: datetime | None  # forced over an edited target: keep that as a dated backup


EDITED_MEANWHILE = (
    "đã được sửa trong lúc bantin đang ghi nên không ghi đè; lưu, đóng tệp rồi chạy lại"
)


class Staging:
    """The files of one render, written to temporaries, and moved into place all together.

    What is not committed is removed by `discard`, or, after a crash, by the next run's
    `open_folder`.
    """

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self._pending: dict[Path, _Change] = {}

    def __contains__(self, path: Path) -> bool:
        return path in self._pending

    def __len__(self) -> int:
        return len(self._pending)

    def add(
        self,
        path: Path,
        data: bytes | StagedFile,
        about: dict[str, str] | None = None,
        seen: Seen | None = None,
        backup: datetime | None = None,
    ) -> str:
        """Stage new content for `path` (replacing what was staged before); its sha256.

        Bytes are written to a temporary here; a StagedFile's temporary is taken over.
        `seen` is the target as checked (None: absent); with `backup`, the target was
        edited and is kept as a dated backup.
        """
        digest = data.digest if isinstance(data, StagedFile) else sha256(data)
        earlier = self._pending.get(path)
        if earlier is not None:
            if earlier.digest == digest:  # a photo every article links to: written once
                if isinstance(data, StagedFile):
                    unlink(data.temporary)
                return digest
            unlink(earlier.temporary)
            seen, backup = earlier.seen, earlier.backup  # the target as first checked
            del self._pending[path]
        staged = data if isinstance(data, StagedFile) else stage_file(path, data)
        self._pending[path] = _Change(staged.temporary, digest, about, seen, backup)
        return digest

    def discard(self) -> None:
        """Remove the temporaries not committed."""
        for change in self._pending.values():
            unlink(change.temporary)
        self._pending.clear()

    def commit(self) -> tuple[Path, ...]:
        """Move every staged file into place, and record it in the manifest; the backups kept.

        All or nothing: on any failure, the folder is as it was (see the module's doc).
        """
        if not self._pending:
            return ()
        manifest, folder = self.manifest, self.manifest.folder
        changes = dict(self._pending)
        folders = sorted({p.parent for p in changes}, key=str)
        asides = {
            p: _aside_name(p, c.backup)
            for p, c in changes.items()
            if c.seen is not None or c.backup is not None
        }
        journal = {
            _key(folder, p): Pending(c.digest, c.about, asides[p].name if p in asides else None)
            for p, c in changes.items()
        }
        journaled, kept, moved = False, list[Path](), list[Path]()
        completion: str | None = None
        step: tuple[Path, bool] = (manifest.path, False)  # the file at hand; replacing it?
        try:
            completion = write_temporary(manifest.path, manifest.completed(journal))
            write_atomic(manifest.path, manifest.to_bytes(journal))
            journaled = True
            for path, aside in asides.items():
                step = (path, True)
                was = _keep(path, aside)
                kept.append(path)
                if changes[path].backup is None and was != changes[path].seen:
                    raise OutputError(EDITED_MEANWHILE, path=path)
            for path in changes:
                if path not in asides and os.path.lexists(path):
                    raise OutputError(EDITED_MEANWHILE, path=path)  # made since it was checked
            for where in folders:
                fsync_dir(where)
            for path, change in changes.items():
                step = (path, path in asides)
                os.replace(change.temporary, path)
                moved.append(path)
            for where in folders:
                fsync_dir(where)
            step = (manifest.path, False)
            os.replace(completion, manifest.path)
            fsync_dir(folder)
        except BaseException as e:
            if completion is not None:
                unlink(completion)
            self.discard()  # first: what they held is room the old manifest may need
            undone = _undo(manifest, moved, kept, asides, journaled)
            if isinstance(e, OSError):
                raise write_error(e, step[0], folder, step[1], undone) from e
            raise
        manifest.apply(journal)
        self._pending.clear()
        backups = tuple(asides[p] for p, c in changes.items() if c.backup is not None)
        for path, aside in asides.items():
            if changes[path].backup is None:
                unlink(aside)  # or left for the next run to remove
        return backups


def _key(folder: Path, path: Path) -> str:
    """The manifest's key of a path under `folder` (checked so by `stage_outputs`)."""
    key = text_key(folder, path)
    return key if key is not None else path.relative_to(folder).as_posix()


def _aside_name(path: Path, backup: datetime | None) -> Path:
    """Where the old version of `path` is kept: a hidden name, or a dated backup's."""
    if backup is None:
        return path.with_name(f".{path.name}.{os.urandom(5).hex()}{ASIDE_SUFFIX}")
    base = f"{path.stem} (bản sửa {backup:%Y-%m-%d %H-%M-%S})"
    target = path.with_name(base + path.suffix)
    counter = 2
    while os.path.lexists(target):
        target = path.with_name(f"{base} {counter}{path.suffix}")
        counter += 1
    return target


def _keep(path: Path, aside: Path) -> Seen:
    """Keep the old version of `path` as `aside`; the file so kept, as `seen` tells it."""
    try:
        os.link(path, aside)
    except FileNotFoundError as e:  # removed since it was checked
        raise OutputError(EDITED_MEANWHILE, path=path) from e
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (FAT, some network drives): copy
        was = seen(path)
        tmp = write_temporary(aside, path.read_bytes())
        try:
            os.rename(tmp, aside)  # not over anything: the name was free when chosen
        except BaseException:
            unlink(tmp)
            raise
        return was
    return seen(aside)  # the same file as `path` was when linked


def _undo(
    manifest: Manifest,
    moved: list[Path],
    kept: list[Path],
    asides: dict[Path, Path],
    journaled: bool,
) -> bool:
    """Put the folder back as it was before a failed commit; whether that was all done.

    What cannot be put back now stays named in the journal, for the next run's `recover`.
    """
    try:
        for path in reversed(moved):
            if path in asides:
                os.replace(asides[path], path)
            else:
                os.unlink(path)
        for path in kept:
            if path not in moved:
                os.unlink(asides[path])
        for where in {p.parent for p in moved}:
            fsync_dir(where)
        if journaled:
            _restore(manifest)
    except OSError:
        return False
    return True


def _restore(manifest: Manifest) -> None:
    """Write the manifest as it was before the journal; none at all if there was none."""
    if manifest.files or manifest.articles:
        write_atomic(manifest.path, manifest.to_bytes())
    else:
        os.unlink(manifest.path)


def recover(manifest: Manifest) -> None:
    """Put back the old versions of a commit a killed run left unfinished (its journal).

    A file still as the killed run wrote it is replaced by its old version, or removed
    when it had none; a file edited since is left alone, and stays refused as edited.
    """
    if not manifest.pending:
        return
    folder = manifest.folder
    path = folder
    try:
        for key, change in manifest.pending.items():
            path = folder / key
            aside = path.with_name(change.aside) if change.aside else None
            if _digest(path) == change.new:
                if aside is None:
                    os.unlink(path)
                elif os.path.lexists(aside):
                    os.replace(aside, path)
                else:  # its old version is gone: the new one is bantin's
                    manifest.apply({key: change})
            elif aside is not None:
                unlink(aside)
        for where in {(folder / key).parent for key in manifest.pending}:
            fsync_dir(where)
        manifest.pending = {}
        path = manifest.path
        _restore(manifest)
    except OSError as e:
        raise write_error(e, path, folder, replacing=True, undone=False) from e


def _digest(path: Path) -> str | None:
    try:
        return sha256(path.read_bytes())
    except FileNotFoundError:
        return None


def remove_leftovers(folder: Path, asides: bool) -> None:
    """Remove the temporaries (and, with `asides`, old versions) a stopped run left behind.

    Only for the holder of the folder's lock, who knows no other run is writing there;
    old versions only once no journal names them (`recover`).
    """
    suffixes = (TEMP_SUFFIX, ASIDE_SUFFIX) if asides else (TEMP_SUFFIX,)
    for where in (folder, folder / "images"):
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(where):
                if not entry.name.endswith(suffixes):
                    continue
                with contextlib.suppress(OSError):
                    if entry.is_dir(follow_symlinks=False):  # a PDF conversion's folder
                        shutil.rmtree(entry.path)
                    else:
                        os.unlink(entry.path)


__all__ = [
    "ASIDE_SUFFIX",
    "Seen",
    "Staging",
    "WriteError",
    "recover",
    "remove_leftovers",
    "seen",
]
