"""Whether a path lies inside a folder, as the file system compares names."""

from __future__ import annotations

import os


def inside(path: str, folder: str) -> bool:
    """Whether a real path lies inside a real folder (case as the file system sees it).

    Both should come from os.path.realpath: links are the caller's to resolve.
    """
    path, folder = os.path.normcase(path), os.path.normcase(folder)
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # different drives on Windows
        return False
