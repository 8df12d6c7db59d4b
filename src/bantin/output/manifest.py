"""The manifest: what bantin wrote in an output folder, so an edited draft can be told.

While a render moves its files into place the manifest also holds the render's journal
(`pending`): for each file, its new sha256, what it is about and the name under which
its old version is kept meanwhile. It is written ahead of the files it describes, so a
run killed at any point leaves a manifest that knows both the old file and the new one:
the next run puts the old ones back (bantin.output.commit.recover) and never takes a
file bantin wrote for one a person edited.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

MANIFEST = "bantin-manifest.json"


def text_key(folder: Path, path: Path) -> str | None:
    """The manifest's key of `path` ("Sở A.md", "images/a.jpg") told by its text alone, when
    it begins with `folder`'s; None otherwise. Thousands of paths a batch (relative_to is
    slow); no "." or ".." is resolved, so the caller knows the path lies inside."""
    text, inside = str(path), f"{folder}{os.sep}"
    if not text.startswith(inside):
        return None
    return text[len(inside) :].replace(os.sep, "/")


class Pending(NamedTuple):
    """A file a render is putting in place: its new sha256, what it is about, and the name
    (beside it) of its old version kept until the render is done; None if it had none."""

    new: str
    about: dict[str, str] | None
    aside: str | None


@dataclass
class Manifest:
    """What bantin wrote in an output folder: each file's sha256, and what it is about."""

    folder: Path
    files: dict[str, str]
    articles: dict[str, dict[str, str]]
    pending: dict[str, Pending] = field(default_factory=dict)
    _lines: tuple[dict[str, Any], dict[str, Any]] = field(
        default_factory=lambda: ({}, {}), repr=False, compare=False
    )

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """The folder's manifest, empty when there is none yet (or it cannot be read)."""
        data = _read(folder)
        return cls(folder, _files(data), _articles(data), _pending(data))

    @property
    def path(self) -> Path:
        """Where the manifest is kept."""
        return self.folder / MANIFEST

    def to_bytes(self, pending: Mapping[str, Pending] | None = None) -> bytes:
        """The manifest as written: with `pending`, the journal of a render under way."""
        return _manifest_bytes(self.files, self.articles, self._lines, pending)

    def completed(self, pending: Mapping[str, Pending]) -> bytes:
        """The manifest once every pending file is in place (not changing this one)."""
        files = {**self.files, **{k: p.new for k, p in pending.items()}}
        articles = dict(self.articles)
        for key, change in pending.items():
            if change.about is not None:
                articles[key] = change.about
        return _manifest_bytes(files, articles, self._lines)

    def apply(self, pending: Mapping[str, Pending]) -> None:
        """Record the pending files as in place."""
        for key, change in pending.items():
            self.files[key] = change.new
            if change.about is not None:
                self.articles[key] = change.about


def _read(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _section(data: Mapping[str, Any], name: str) -> dict[str, Any]:
    section = data.get(name, {})
    return section if isinstance(section, dict) else {}


def _files(data: Mapping[str, Any]) -> dict[str, str]:
    return {str(k): str(v) for k, v in _section(data, "files").items()}


def _articles(data: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    return {
        str(k): {str(a): str(b) for a, b in v.items()}
        for k, v in _section(data, "articles").items()
        if isinstance(v, dict)
    }


def _pending(data: Mapping[str, Any]) -> dict[str, Pending]:
    pending = {}
    for key, entry in _section(data, "pending").items():
        if not isinstance(entry, dict) or not isinstance(entry.get("new"), str):
            continue
        about = entry.get("about")
        aside = entry.get("aside")
        pending[str(key)] = Pending(
            entry["new"],
            {str(a): str(b) for a, b in about.items()} if isinstance(about, dict) else None,
            aside if isinstance(aside, str) and aside else None,
        )
    return pending


def read_manifest(folder: Path) -> dict[str, str]:
    """The manifest of what bantin wrote in a folder: relative path -> sha256."""
    return _files(_read(folder))


def read_manifest_articles(folder: Path) -> dict[str, dict[str, str]]:
    """What each file bantin wrote is about: relative path -> {"year", "agency"}."""
    return _articles(_read(folder))


def _manifest_bytes(
    entries: Mapping[str, str],
    articles: Mapping[str, Mapping[str, str]],
    known: tuple[dict[str, Any], dict[str, Any]] | None = None,
    pending: Mapping[str, Pending] | None = None,
) -> bytes:
    """The manifest as JSON, one file per line (readable, and quick for thousands of files).

    `known` remembers each section's lines written before (key -> (value, line)): a
    render writes its manifest twice (journal, then the completed one), and a line
    unchanged since is not encoded again.
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
        f'  "articles": {section(articles, known[1])}'
    )
    if pending:
        lines = [
            f"    {_dump(k)}: {{"
            f'"new": {_dump(p.new)}, "about": {_dump(p.about)}, "aside": {_dump(p.aside)}}}'
            for k, p in sorted(pending.items())
        ]
        text += ',\n  "pending": {\n' + ",\n".join(lines) + "\n  }"
    return (text + "\n}\n").encode("utf-8")


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
