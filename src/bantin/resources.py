"""Where the files bantin ships live: inside the installed package, or the checkout's top."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """The shipped folder `name` ("templates", "sample"): in the package once installed from
    a wheel, else the repository's own folder (templates/, data/) when run from a checkout."""
    installed = _HERE / name
    if installed.is_dir():
        return installed
    return _HERE.parent.parent / _SOURCE_NAMES.get(name, name)


# The folders of a checkout that the wheel ships under another name.
_SOURCE_NAMES = {"sample": "data"}


def builtin_templates() -> Path:
    """bantin's own templates and reference.docx."""
    return shipped("templates")
