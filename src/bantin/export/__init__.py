"""Exporters, one module per format, and the only code that writes to the output folder.

Writes are atomic (temporary file in the same folder, flush, fsync, rename) and
safe: a file a person edited since bantin wrote it is never replaced unless
--force, which first keeps the edited file as a dated backup beside it.

A batch stages its files instead (`Staging`): temporary files are written
without a sync each, then one sync of the output's file system (syncfs on
Linux, sync elsewhere) makes a whole slice durable before the renames, so every
renamed file is complete on disk at a fraction of the cost.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from bantin.article import Article, Role
from bantin.errors import OutputError
from bantin.ooxml import is_sealed_and_unchanged

if TYPE_CHECKING:
    from bantin.export.docx import DocxWriter

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
    _lines: tuple[dict[str, Any], dict[str, Any]] = field(
        default_factory=lambda: ({}, {}), repr=False, compare=False
    )

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """The folder's manifest, empty when there is none yet."""
        return cls(folder, read_manifest(folder), read_manifest_articles(folder))

    def save(self) -> None:
        """Write the manifest atomically."""
        _write(self.folder / MANIFEST, _manifest_bytes(self.files, self.articles, self._lines))


def prepare_folder(folder: Path) -> None:
    """Remove what a killed run left behind, once before writing into a folder."""
    _clean_stale_temporaries(folder)


class StagedFile(NamedTuple):
    """New content for a path, already written to a temporary beside it (not yet in place).

    Batch workers write their articles so, in parallel; the batch's own process then
    checks each target and moves the temporaries into place with its `Staging`. A named
    tuple: it crosses the workers' pipe for every article, and pickles at half the cost
    of a dataclass.
    """

    temporary: str
    digest: str


def stage_file(path: Path, data: bytes) -> StagedFile:
    """Write `data` to a new temporary beside `path`, without a sync (the batch syncs once)."""
    try:
        tmp = _write_temporary(path, data, sync=False)
    except OSError as e:
        raise OutputError(f"không ghi được tệp: {e.strerror}", path=path) from e
    return StagedFile(tmp, _sha256(data))


def discard_staged(outputs: Mapping[Any, bytes | StagedFile]) -> None:
    """Remove the temporaries of staged files that will not be used."""
    for value in outputs.values():
        if isinstance(value, StagedFile):
            _unlink(value.temporary)


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
    A batch passes its own `manifest` and saves it itself; otherwise it is saved here.
    A batch also passes its `staging`: files are then in place only once it commits;
    only then may an output be a `StagedFile` (the caller discards it when refused).
    """
    own = manifest is None
    if manifest is None:
        manifest = Manifest.load(folder)
        prepare_folder(folder)
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
            _write(path, data)
            digest = _sha256(data)
        key = keys[path]
        manifest.files[key] = digest
        if about is not None:
            manifest.articles[key] = dict(about)
    if own:
        manifest.save()
    return WriteReport(written=tuple(outputs), backups=tuple(backups))


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


class Staging:
    """Files of a batch written to temporaries and moved into place together.

    `commit` syncs once (the whole file system where the platform can, each file
    otherwise), then renames every temporary over its target: a reader sees old
    files or complete new ones, as with single writes. What is not committed is
    removed by `discard`, or, after a crash, by the next run's `prepare_folder`.
    """

    def __init__(self) -> None:
        self._pending: dict[Path, tuple[str, str]] = {}

    def __contains__(self, path: Path) -> bool:
        return path in self._pending

    def __len__(self) -> int:
        return len(self._pending)

    def add(self, path: Path, data: bytes | StagedFile) -> str:
        """Stage new content for `path` (replacing what was staged before); its sha256.

        Bytes are written to a temporary here; a StagedFile's temporary is taken over.
        """
        digest = data.digest if isinstance(data, StagedFile) else _sha256(data)
        earlier = self._pending.get(path)
        if earlier is not None:
            if earlier[1] == digest:  # a photo every article links to: written once
                if isinstance(data, StagedFile):
                    _unlink(data.temporary)
                return digest
            _unlink(earlier[0])
        staged = data if isinstance(data, StagedFile) else stage_file(path, data)
        self._pending[path] = (staged.temporary, digest)
        return digest

    def commit(self) -> None:
        """Make every staged file durable, then move each into place."""
        if not self._pending:
            return
        try:
            folders = [Path(f) for f in {os.path.dirname(path) for path in self._pending}]
            if not all(_sync_file_system(folder) for folder in folders):
                if hasattr(os, "sync"):
                    os.sync()
                else:  # pragma: no cover - Windows has no sync(); flush each file
                    for tmp, _digest in self._pending.values():
                        _fsync_path(tmp)
            for path, (tmp, _digest) in list(self._pending.items()):
                os.replace(tmp, path)
                del self._pending[path]
        except OSError as e:
            raise OutputError(f"không ghi được tệp: {e.strerror}", path=e.filename) from e
        for folder in folders:
            _fsync_dir(folder)

    def discard(self) -> None:
        """Remove the temporaries not committed."""
        for tmp, _digest in self._pending.values():
            _unlink(tmp)
        self._pending.clear()


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


def _manifest_bytes(
    entries: Mapping[str, str],
    articles: Mapping[str, Mapping[str, str]],
    known: tuple[dict[str, Any], dict[str, Any]] | None = None,
) -> bytes:
    """The manifest as JSON, one file per line (readable, and quick for thousands of files).

    `known` remembers each section's lines written before (key -> (value, line)): a
    batch saves its growing manifest every thousand articles, and writes out only the
    entries that are new or changed.
    """
    known = known or ({}, {})

    def section(items: Mapping[str, Any], lines_of: dict[str, Any]) -> str:
        lines = []
        for k, v in sorted(items.items()):
            line = lines_of.get(k)
            if line is None or line[0] != v:
                value = dict(v) if isinstance(v, dict) else v  # as it is now, not as it will be
                line = lines_of[k] = (value, f"    {_dump(k)}: {_dump(v)}")
            lines.append(line[1])
        return "{\n" + ",\n".join(lines) + "\n  }" if lines else "{}"

    note = "bantin ghi tệp này để nhận ra bản đã được sửa; đừng sửa tay."
    text = (
        f'{{\n  "note": {_dump(note)},\n  "files": {section(entries, known[0])},\n'
        f'  "articles": {section(articles, known[1])}\n}}\n'
    )
    return text.encode("utf-8")


def _dump(value: Any) -> str:
    """Compact JSON for one value, as written in the manifest.

    The manifest's values are text and {text: text} records; those are written with
    json's own string encoder (thousands per batch: json.dumps's set-up is most of
    its cost for a short string), anything else by json.dumps.
    """
    if type(value) is str:
        return _json_string(value)
    if type(value) is dict and all(type(k) is str and type(v) is str for k, v in value.items()):
        items = ", ".join(f"{_json_string(k)}: {_json_string(v)}" for k, v in value.items())
        return f"{{{items}}}"
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


_json_string: Callable[[str], str] = json.encoder.encode_basestring


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
    tmp = _write_temporary(path, data, sync=True)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _write_temporary(path: Path, data: bytes, sync: bool) -> str:
    """A new temporary file beside `path` holding `data`, removed again if writing fails.

    Named ".<name>.<pid>.<n>.bantin-tmp": the process id lets a later run tell a killed
    run's leftovers (`prepare_folder`) from a running one's; it gets the mode any new
    file gets here (0o666 less the umask), as the file it replaces would have.
    """
    folder, name = os.path.split(path)
    prefix = os.path.join(folder, f".{name}.{os.getpid()}.")
    made_folder = False
    while True:
        tmp = f"{prefix}{next(_TEMP_NUMBERS)}{_TEMP_SUFFIX}"
        try:
            fd = os.open(tmp, _TEMP_FLAGS, 0o666)
            break
        except FileExistsError:  # left by an earlier process that had the same id
            continue
        except FileNotFoundError:  # the first file of a new folder
            if made_folder:
                raise
            path.parent.mkdir(parents=True, exist_ok=True)
            made_folder = True
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
_TEMP_NUMBERS = itertools.count(1)


def _unlink(path: str | Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _sync_file_system(folder: Path) -> bool:
    """Flush the file system holding `folder` (Linux syncfs), not every disk; False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
        fd = os.open(folder, os.O_RDONLY)
    except (AttributeError, OSError):
        return False
    try:
        return bool(syncfs(fd) == 0)
    finally:
        os.close(fd)


def _fsync_path(path: str | Path) -> None:  # pragma: no cover - used where os.sync is missing
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
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
    try:  # Linux: a killed process not yet collected by its parent writes nothing more
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def build_outputs(
    article: Article,
    folder: Path,
    formats: Sequence[str],
    created: datetime | None = None,
    reference: Path | None = None,
    docx_writer: DocxWriter | None = None,
) -> dict[Path, bytes]:
    """Render every requested format to bytes, keyed by the path it belongs at.

    A batch passes one `docx_writer`, so the reference document is loaded once.
    """
    base = safe_filename(article.focus)
    outputs: dict[Path, bytes] = {}
    if "docx" in formats:
        from bantin.export.docx import DocxWriter

        writer = docx_writer or DocxWriter(reference)
        outputs[folder / f"{base}.docx"] = writer.render(article, created)
    # Markdown and HTML link to copies of the photos beside them.
    image_names: dict[int, str] = {}
    if "md" in formats or "html" in formats:
        for index, block in enumerate(article.blocks):
            if block.role is Role.PHOTO and block.image is not None:
                name = f"images/{safe_filename(block.image.name)}"
                image_names[index] = name
                outputs[folder / name] = block.image.read_bytes()
    if "md" in formats:
        from bantin.export.markdown import render_markdown

        text = render_markdown(article, image_names)
        outputs[folder / f"{base}.md"] = text.encode("utf-8")
    if "html" in formats:
        from bantin.export.html import render_html_fragment, render_html_page

        fragment = render_html_fragment(article, image_names)
        outputs[folder / f"{base}.html"] = fragment.encode("utf-8")
        page = render_html_page(article, fragment)
        outputs[folder / f"{base} (xem trước).html"] = page.encode("utf-8")
    return outputs


def write_article(
    article: Article,
    folder: Path,
    formats: Sequence[str],
    created: datetime | None = None,
    reference: Path | None = None,
    force: bool = False,
    docx_writer: DocxWriter | None = None,
) -> WriteReport:
    """Render an article in every requested format and write the files safely, all or none."""
    outputs = build_outputs(article, folder, formats, created, reference, docx_writer)
    about = {"year": str(article.year), "agency": article.focus}
    return write_outputs(folder, outputs, force=force, about=about)
