"""Help pages kept between runs (bantin.helppages): shown again without importing click,
and only while they are still what click would write."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from bantin import helppages
from bantin.cli import cli

# The console script's main(), with os._exit reporting whether click was imported.
SCRIPT = """
import os, sys
real_exit = os._exit
def report(code):
    sys.stderr.write(f"click imported: {'click' in sys.modules}\\n")
    sys.stderr.flush()
    real_exit(code)
os._exit = report
from bantin.console import main
main(sys.argv[1:])
"""


def console(cache: Path, *args: str, columns: str = "100") -> tuple[str, bool]:
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(cache),
        "PYTHONIOENCODING": "utf-8",
        "COLUMNS": columns,
    }
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 0, proc.stderr
    *_, last = proc.stderr.splitlines()
    return proc.stdout, last == "click imported: True"


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["render", "--help"], ["check", "-h"]])
def test_a_help_page_is_shown_again_without_importing_click(tmp_path, args):
    first, clicked = console(tmp_path, *args)
    assert clicked
    assert first.startswith("Cách dùng: bantin")
    again, clicked = console(tmp_path, *args)
    assert not clicked
    assert again == first


def test_each_width_has_its_own_page(tmp_path):
    narrow, clicked = console(tmp_path, "render", "--help", columns="60")
    assert clicked and max(len(line) for line in narrow.splitlines()) <= 58
    wide, clicked = console(tmp_path, "render", "--help", columns="120")
    assert clicked and wide != narrow
    assert console(tmp_path, "render", "--help", columns="60") == (narrow, False)
    assert console(tmp_path, "render", "--help", columns="120") == (wide, False)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "bantin" / "help"


@pytest.fixture
def source(tmp_path, monkeypatch):
    """A file of bantin's, as far as kept pages know: a module loaded from it."""
    path = tmp_path / "probe.py"
    path.write_text("x = 1\n", "utf-8")
    module = types.ModuleType("bantin._probe")
    module.__file__ = str(path)
    monkeypatch.setitem(sys.modules, "bantin._probe", module)
    return path


def test_a_changed_file_of_bantin_or_click_makes_click_write_the_page_again(cache, source):
    helppages.keep("render", 78, "trang\n")
    assert helppages.page_for("render", 78) == "trang\n"
    assert helppages.page_for("render", 60) is None
    assert helppages.page_for("rank", 78) is None
    source.write_text("x = 22\n", "utf-8")
    assert helppages.page_for("render", 78) is None
    helppages.keep("render", 78, "trang mới\n")
    assert helppages.page_for("render", 78) == "trang mới\n"
    source.unlink()
    assert helppages.page_for("render", 78) is None


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["--help"], ""),
        (["-h"], ""),
        (["render", "--help"], "render"),
        (["validate", "-h"], "validate"),
        ([], None),
        (["render"], None),
        (["--debug", "--help"], None),
        (["render", "2019", "--help"], None),
        (["--help", "render"], None),
        (["--version", "--help"], None),
        (["../../x", "--help"], None),
        (["Render", "--help"], None),
        (["", "--help"], None),
    ],
)
def test_only_plain_help_requests_are_looked_up(args, command):
    assert helppages.requested_command(args) == command


def test_help_is_shown_when_pages_cannot_be_kept(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("", "utf-8")
    for _ in range(2):
        page, clicked = console(blocked, "--help")
        assert clicked and page.startswith("Cách dùng: bantin [TUỲ_CHỌN]")


def test_pages_written_for_another_program_name_or_width_are_not_kept(cache):
    # CliRunner and cli.main called directly: click works the width out itself.
    assert CliRunner().invoke(cli, ["--help"], prog_name="bantin").exit_code == 0
    assert CliRunner().invoke(cli, ["--help"], prog_name="xyz", terminal_width=78).exit_code == 0
    assert not cache.exists()
    result = CliRunner().invoke(cli, ["render", "-h"], prog_name="bantin", terminal_width=78)
    assert result.exit_code == 0
    assert helppages.page_for("render", 78) is not None


@pytest.mark.parametrize(
    ("encoding", "shown"),
    [
        ("utf-8", True),
        ("UTF-8", True),
        ("utf_8", True),
        ("cp1258", False),
        ("ascii", False),
        (None, False),
    ],
)
def test_a_kept_page_goes_only_to_a_utf8_stream(encoding, shown):
    # Damaged kept files, another Python, another folder: tests/test_kept.py.
    from bantin.console import _writes_utf8

    assert _writes_utf8(types.SimpleNamespace(encoding=encoding)) is shown
