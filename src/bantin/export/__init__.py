"""Exporters, one module per format, and the only code that writes to the output folder.

Writes are atomic (temporary file in the same folder, flush, fsync, rename) and
safe: a file a person edited since bantin wrote it is never replaced unless
--force, which first keeps the edited file as a dated backup beside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bantin.errors import OutputError
from bantin.ooxml import is_sealed_and_unchanged

MANIFEST = "bantin-manifest.json"
_TEMP_SUFFIX = ".bantin-tmp"
_TEMP_RE = re.compile(r"^\..+\.(\d+)\.[^.]+" + re.escape(_TEMP_SUFFIX) + "$")

# Characters Windows refuses in file names, and names it reserves.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)}


def safe_filename(name: str) -> str:
    """A file name safe on Windows shares and inside one folder; Vietnamese letters kept."""
    cleaned = _UNSAFE.sub("-", unicodedata.normalize("NFC", name))
    cleaned = " ".join(cleaned.split()).strip(" .")
    if not cleaned:
        cleaned = "bantin"
    if cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = "_" + cleaned
    return cleaned[:150].rstrip(" .")


@dataclass(frozen=True)
class WriteReport:
    """What a write did: the files written and the backups of edited files kept."""

    written: tuple[Path, ...]
    backups: tuple[Path, ...]


@dataclass
class Manifest:
    """What bantin wrote in an output folder: each file's sha256, and what it is about."""

    folder: Path
    files: dict[str, str]
    articles: dict[str, dict[str, str]]

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """The folder's manifest, empty when there is none yet."""
        return cls(folder, read_manifest(folder), read_manifest_articles(folder))

    def save(self) -> None:
        """Write the manifest atomically."""
        _write(self.folder / MANIFEST, _manifest_bytes(self.files, self.articles))


def prepare_folder(folder: Path) -> None:
    """Remove what a killed run left behind, once before writing into a folder."""
    _clean_stale_temporaries(folder)


def write_outputs(
    folder: Path,
    outputs: Mapping[Path, bytes],
    force: bool = False,
    now: datetime | None = None,
    about: Mapping[str, str] | None = None,
    manifest: Manifest | None = None,
) -> WriteReport:
    """Write rendered files under `folder` safely; refuse (or, with force, back up) edited ones.

    Nothing is written when any target was edited and force is off. `about` (year,
    agency) is recorded in the manifest for each file, so `bantin check` can find it.
    A batch passes its own `manifest` and saves it itself; otherwise it is saved here.
    """
    own = manifest is None
    if manifest is None:
        manifest = Manifest.load(folder)
        prepare_folder(folder)
    root = folder.resolve()
    for path in outputs:
        if root not in path.resolve().parents:
            raise OutputError("đường dẫn ra ngoài thư mục kết quả", path=path)
    edited = [p for p in outputs if p.exists() and not is_unchanged(p, manifest.files, folder)]
    if edited and not force:
        names = ", ".join(str(p) for p in edited)
        raise OutputError(
            f"{names}: đã được sửa sau lần bantin ghi trước nên không ghi đè; "
            "thêm --force để cất bản đã sửa thành bản sao có ngày giờ rồi ghi bản mới"
        )
    stamp = now or datetime.now()
    backups = [_backup(p, stamp) for p in edited]
    for path, data in outputs.items():
        _write(path, data)
        key = path.relative_to(folder).as_posix()
        manifest.files[key] = _sha256(data)
        if about is not None:
            manifest.articles[key] = dict(about)
    if own:
        manifest.save()
    return WriteReport(written=tuple(outputs), backups=tuple(backups))


def is_unchanged(path: Path, manifest: Mapping[str, str], folder: Path) -> bool:
    """Whether a file is byte for byte what bantin last wrote there."""
    data = path.read_bytes()
    if path.suffix.lower() == ".docx" and is_sealed_and_unchanged(data):
        return True
    return manifest.get(path.relative_to(folder).as_posix()) == _sha256(data)


def _manifest_section(folder: Path, name: str) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    section = data.get(name, {}) if isinstance(data, dict) else {}
    return section if isinstance(section, dict) else {}


def read_manifest(folder: Path) -> dict[str, str]:
    """The manifest of what bantin wrote in a folder: relative path -> sha256."""
    return {str(k): str(v) for k, v in _manifest_section(folder, "files").items()}


def read_manifest_articles(folder: Path) -> dict[str, dict[str, str]]:
    """What each file bantin wrote is about: relative path -> {"year", "agency"}."""
    return {
        str(k): {str(a): str(b) for a, b in v.items()}
        for k, v in _manifest_section(folder, "articles").items()
        if isinstance(v, dict)
    }


def _manifest_bytes(entries: Mapping[str, str], articles: Mapping[str, Mapping[str, str]]) -> bytes:
    body = {
        "note": "bantin ghi tệp này để nhận ra bản đã được sửa; đừng sửa tay.",
        "files": dict(sorted(entries.items())),
        "articles": dict(sorted(articles.items())),
    }
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as e:
        raise OutputError(f"không ghi được tệp: {e.strerror}", path=path) from e


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes so that a reader sees the old file or the new one, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=_TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _clean_stale_temporaries(folder: Path) -> None:
    """Remove temporary files left by a bantin run that was killed mid-write."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        match = _TEMP_RE.match(entry.name)
        if match and not _process_alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                entry.unlink()


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True
