"""Texts kept between runs (bantin.kept), and the "vi" number symbols kept through it."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import pytest

from bantin import kept


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "bantin"


def make_package(root, name, body):
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text(body, "utf-8")
    return folder


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package `keptprobe` imported from tmp_path/a, as click or Babel would be."""
    make_package(tmp_path / "a", "keptprobe", "VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path / "a"))
    importlib.invalidate_caches()
    monkeypatch.delitem(sys.modules, "keptprobe", raising=False)
    module = importlib.import_module("keptprobe")
    yield module
    sys.modules.pop("keptprobe", None)


def test_a_text_is_given_back_while_its_package_is_unchanged(cache, package):
    kept.keep("probe.txt", "văn bản\n", ("keptprobe",))
    assert kept.lookup("probe.txt") == "văn bản\n"
    assert kept.lookup("other.txt") is None
    init = package.__file__
    with open(init, "a", encoding="utf-8") as file:
        file.write("OTHER = 2\n")
    assert kept.lookup("probe.txt") is None


def test_a_package_found_in_another_folder_makes_a_miss(cache, package, tmp_path, monkeypatch):
    # Another environment (a second venv, PYTHONPATH) importing a package of that name from
    # elsewhere must not read what this one kept, though the first copy is untouched.
    kept.keep("probe.txt", "văn bản\n", ("keptprobe",))
    make_package(tmp_path / "b", "keptprobe", "VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path / "b"))
    importlib.invalidate_caches()
    assert kept.lookup("probe.txt") is None


def test_nothing_is_kept_for_a_package_not_imported_or_a_missing_file(cache, package, tmp_path):
    kept.keep("a.txt", "x", ("keptprobe_never_imported",))
    kept.keep("b.txt", "x", ("keptprobe",), [str(tmp_path / "missing.dat")])
    assert not cache.exists()


def test_a_data_file_named_is_checked_too(cache, package, tmp_path):
    data = tmp_path / "vi.dat"
    data.write_bytes(b"1")
    kept.keep("probe.txt", "x", ("keptprobe",), [str(data)])
    assert kept.lookup("probe.txt") == "x"
    data.write_bytes(b"22")
    assert kept.lookup("probe.txt") is None


def test_a_damaged_or_foreign_file_is_a_miss(cache, package):
    kept.keep("probe.txt", "x", ("keptprobe",))
    path = cache / "probe.txt"
    text = path.read_text("utf-8")
    for damaged in (
        text.replace(sys.version, "3.99.0"),
        text.replace("\nfile ", "\nfil ", 1),
        text.replace("\npackage keptprobe ", "\npackage keptprobe2 ", 1),
        text.partition("\n\n")[0],
        text[:15],
        "",
    ):
        path.write_text(damaged, "utf-8")
        assert kept.lookup("probe.txt") is None, damaged
    path.write_bytes(b"\xff" + text.encode("utf-8"))
    assert kept.lookup("probe.txt") is None


def test_vi_number_symbols_are_babels_and_kept_without_loading_babel_again(tmp_path):
    from babel.numbers import get_decimal_symbol, get_group_symbol

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    code = (
        "import sys; from bantin.vi import number_symbols, format_number\n"
        "from decimal import Decimal\n"
        "print(number_symbols(), format_number(Decimal('-12345.678')), 'babel' in sys.modules)"
    )

    def run() -> str:
        command = [sys.executable, "-c", code]
        return subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout

    babels = (get_group_symbol("vi"), get_decimal_symbol("vi"))
    assert run() == f"{babels} -12.345,678 True\n"
    assert run() == f"{babels} -12.345,678 False\n"
    # Kept symbols that could not be a locale's are not used.
    (tmp_path / "bantin" / "vi-number-symbols.txt").write_text(
        (tmp_path / "bantin" / "vi-number-symbols.txt").read_text("utf-8")[:-2] + "9,", "utf-8"
    )
    assert run() == f"{babels} -12.345,678 True\n"
    assert run() == f"{babels} -12.345,678 False\n"
