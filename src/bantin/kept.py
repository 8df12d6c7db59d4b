"""Small texts kept between runs, each valid only while the code that made it is unchanged.

Two answers of a short command cost far more to work out than to read back: a help page
(importing click, most of `bantin --help`) and the "vi" locale's number symbols (Babel's
locale data, a sixth of `bantin render 2019`). Each changes only when the packages that
made it do. `keep` stores such a text with, for each of those packages, the folder it was
imported from, and the inode, size and modification time of every file of it that was
loaded (and of any data file named). `lookup` gives the text back only if this Python
would import each package from the same folder, every file is still as it was, and
Python is the same; anything else is a miss and the caller works the answer out again.

Texts live in $XDG_CACHE_HOME/bantin, else ~/.cache/bantin. A folder that cannot be
written only means nothing is kept. This module imports nothing but os and sys: the
console script uses it before anything else.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

_MAGIC = "bantin kept 1"


def lookup(name: str) -> str | None:
    """The text kept under `name`, if everything that made it is as it was; else None."""
    path = _path(name)
    if path is None:
        return None
    try:
        with open(path, "rb") as file:
            data = file.read().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    header, blank, text = data.partition("\n\n")
    lines = header.split("\n")
    if not blank or lines[:2] != [_MAGIC, sys.version] or len(lines) < 3:
        return None
    for line in lines[2:]:
        kind, _, rest = line.partition(" ")
        if kind == "package":
            package, _, folder = rest.partition(" ")
            if not folder or _found_folder(package) != folder:
                return None
        elif kind == "file":
            stamp, _, source = rest.partition(" ")
            if not source or stamp != _stamp(source):
                return None
        else:
            return None
    return text


def keep(name: str, text: str, packages: Sequence[str], files: Sequence[str] = ()) -> None:
    """Keep `text` under `name`, made by the loaded modules of `packages` and by `files`."""
    path = _path(name)
    if path is None:
        return
    lines = [_MAGIC, sys.version]
    sources = list(files)
    for package in packages:
        module = sys.modules.get(package)
        origin = getattr(module, "__file__", None)
        if not isinstance(origin, str):
            return  # not imported, or from no file: nothing to check the text against
        folder = os.path.dirname(origin)
        if _found_folder(package) != folder:
            return  # imported from elsewhere than a new process would find it
        lines.append(f"package {package} {folder}")
        sources += [
            file
            for module_name, module in list(sys.modules.items())
            if module_name.partition(".")[0] == package
            and isinstance(file := getattr(module, "__file__", None), str)
        ]
    for source in sorted(set(sources)):
        stamp = _stamp(source)
        if stamp == "-":
            return
        lines.append(f"file {stamp} {source}")
    if any("\n" in line for line in lines):
        return
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as file:
            file.write(("\n".join(lines) + "\n\n" + text).encode("utf-8"))
        os.replace(temporary, path)
    except OSError:
        import contextlib  # loaded long before a text is kept; not at start-up

        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _path(name: str) -> str | None:
    folder = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(folder):
        folder = os.path.join(os.path.expanduser("~"), ".cache")
        if not os.path.isabs(folder):
            return None
    return os.path.join(folder, "bantin", name)


def _found_folder(package: str) -> str | None:
    """The folder a new import of `package` would come from (sys.path's finders)."""
    if package == "bantin":  # this very file's: no search needed
        return os.path.dirname(__file__)
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec(package)
    origin = spec.origin if spec is not None else None
    return os.path.dirname(origin) if isinstance(origin, str) else None


def _stamp(source: str) -> str:
    """Which version of a file this is: its inode, size and modification time."""
    try:
        status = os.stat(source)
    except (OSError, ValueError):
        return "-"
    return f"{status.st_ino}:{status.st_size}:{status.st_mtime_ns}"
