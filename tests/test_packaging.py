"""The installed package, not just the checkout, carries what render needs."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built offline from a clean copy of the source (no stale build/ folder)."""
    pytest.importorskip("setuptools")
    pytest.importorskip("wheel")
    tmp_path = tmp_path_factory.mktemp("wheel")
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("*.egg-info", "__pycache__")
    shutil.copytree(ROOT / "src", source / "src", ignore=ignore)
    for folder in ("data", "templates"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
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
    return next(tmp_path.glob("bantin-*.whl"))


def test_wheel_ships_templates_reference_and_sample_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = sorted(
        p.name for p in (ROOT / "templates").iterdir() if p.suffix in (".j2", ".docx")
    )
    assert "reference.docx" in templates
    assert [t for t in templates if f"bantin/templates/{t}" not in names] == []
    samples = sorted(
        p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*") if p.is_file()
    )
    assert [s for s in samples if f"bantin/sample/{s}" not in names] == []
    assert "bantin/py.typed" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "bantin = bantin.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_wheel_installed_in_a_fresh_venv_runs_init_and_render(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # Dependencies come from this test environment (no network); bantin itself only from
    # the wheel: a .pth line adds paths, but not the .pth files (the editable install) in them.
    purelib = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    ours = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    (purelib / "deps.pth").write_text("\n".join(sorted(ours)) + "\n", "utf-8")
    bantin = env_dir / "bin" / "bantin"
    work = tmp_path / "làm việc"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PYTHONIOENCODING"] = "utf-8"
    where = subprocess.run(
        [str(python), "-c", "import bantin; print(bantin.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    ).stdout
    assert where.startswith(str(env_dir)), where
    init = subprocess.run([str(bantin), "init", str(work)], capture_output=True, text=True, env=env)
    assert init.returncode == 0, init.stderr
    render = subprocess.run(
        [str(bantin), "render", "2019"], capture_output=True, text=True, env=env, cwd=work
    )
    assert render.returncode == 0, render.stderr
    assert render.stdout == (
        "Đã ghi: output/2019/Sở Thông tin và Truyền thông.docx\n"
        "Đã ghi: output/2019/Sở Thông tin và Truyền thông.md\n"
    )
    golden = (ROOT / "tests" / "golden" / "2019.md").read_text("utf-8")
    assert (work / "output" / "2019" / "Sở Thông tin và Truyền thông.md").read_text(
        "utf-8"
    ) == golden


def test_console_script_is_declared():
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'bantin = "bantin.cli:main"' in text
    assert Path(ROOT / "src" / "bantin" / "__main__.py").is_file()
