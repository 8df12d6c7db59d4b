"""The installed package, not just the checkout, carries what render needs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


def test_wheel_ships_every_builtin_template(tmp_path):
    pytest.importorskip("setuptools")
    pytest.importorskip("wheel")
    # Build from a clean copy: a stale build/ folder in the checkout could hide a missing file.
    source = tmp_path / "source"
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(source),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("bantin-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = sorted(p.name for p in (ROOT / "src" / "bantin" / "templates").glob("*.j2"))
    assert templates
    missing = [t for t in templates if f"bantin/templates/{t}" not in names]
    assert missing == []
    assert "bantin/py.typed" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "bantin = bantin.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_console_script_is_declared():
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'bantin = "bantin.cli:main"' in text
    assert Path(ROOT / "src" / "bantin" / "__main__.py").is_file()
