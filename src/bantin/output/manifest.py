"""The manifest: what bantin wrote in an output folder, so an edited draft can be told."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bantin.output.atomic import write_file

MANIFEST = "bantin-manifest.json"


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
        write_file(self.folder / MANIFEST, _manifest_bytes(self.files, self.articles, self._lines))


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
