"""render --all in several processes gives exactly what one process gives."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest
from click.testing import CliRunner

from bantin.cli import cli
from bantin.errors import TemplateError
from bantin.render import render_all


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="bantin")


def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml")


def test_workers_write_what_one_process_writes(data_copy, tmp_path):
    one = render_all(data_copy, tmp_path / "one", 2019, ("docx", "md"), jobs=1)
    two = render_all(data_copy, tmp_path / "two", 2019, ("docx", "md"), jobs=2)
    assert one.processes == 1
    assert two.processes == 2  # both workers made articles, and this process none
    assert [u for u, _ in one.written] == [u for u, _ in two.written]
    assert len(one.written) == 32
    for (_, paths_one), (_, paths_two) in zip(one.written, two.written, strict=True):
        for a, b in zip(paths_one, paths_two, strict=True):
            assert a.name == b.name
            if a.suffix == ".md":
                assert a.read_bytes() == b.read_bytes()
            else:  # the creation time may differ by a second; the text may not
                assert _document_xml(a.read_bytes()) == _document_xml(b.read_bytes())
    manifest_one = (one.folder / "bantin-manifest.json").read_text("utf-8")
    manifest_two = (two.folder / "bantin-manifest.json").read_text("utf-8")
    assert manifest_one.count(".md") == manifest_two.count(".md") == 64  # files and articles
    assert not [p for p in two.folder.iterdir() if p.name.endswith(".bantin-tmp")]


def test_a_template_error_in_a_worker_reaches_the_user_as_it_is(data_copy, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "byline.md.j2").write_text("{{ autor }}\n", "utf-8")
    with pytest.raises(TemplateError) as excinfo:
        render_all(data_copy, tmp_path / "o", 2019, ("md",), templates, jobs=2)
    assert excinfo.value.detail == 'biến "autor" không có; có phải: author?'
    # Nothing half-done is left: no article, no temporary file.
    folder = tmp_path / "o" / "2019"
    assert not folder.exists() or not [p for p in folder.iterdir() if p.suffix == ".md"]
    assert not folder.exists() or not [
        p for p in folder.iterdir() if p.name.endswith(".bantin-tmp")
    ]


def test_jobs_option_on_the_command_line(data_copy, tmp_path):
    out = tmp_path / "o"
    result = run(
        "render", "2019", "--all", "--jobs", "2", "--format", "md",
        "--data", str(data_copy), "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Đã ghi 32 bài (32 tệp) vào {out / '2019'}; bỏ qua 0.\n"


def test_jobs_needs_all_and_a_positive_number(data_copy):
    result = run("render", "2019", "--jobs", "2", "--data", str(data_copy))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Lỗi: --jobs chỉ dùng cùng --all"
    result = run("render", "2019", "--all", "--jobs", "0", "--data", str(data_copy))
    assert result.exit_code == 2
    assert "--jobs" in result.stderr


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_interrupted_batch_changes_nothing(data_copy, tmp_path, jobs):
    first = render_all(data_copy, tmp_path / "o", 2019, ("md",), jobs=jobs)
    folder = first.folder
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    path = data_copy / "2019" / "cchc.csv"
    path.write_text(path.read_text("utf-8").replace(";90,65;", ";90,66;"), "utf-8")

    def interrupt(done, total, unit):
        if done == 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        render_all(data_copy, tmp_path / "o", 2019, ("md",), progress=interrupt, jobs=jobs)
    # All or nothing: the ten articles made before Ctrl+C never appeared.
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    # The next run completes the batch.
    result = render_all(data_copy, tmp_path / "o", 2019, ("md",), jobs=jobs)
    assert len(result.written) == 32 and not result.skipped
    assert any("90,66" in p.read_text("utf-8") for p in folder.glob("*.md"))


def test_every_file_is_synced_and_the_manifest_written_ahead_before_any_moves(
    tmp_path, monkeypatch
):
    import os

    import bantin.output as output

    folder = tmp_path / "2019"
    folder.mkdir()
    (folder / "a.md").write_bytes(b"old")
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append("fsync")
        real_fsync(fd)

    def replace(source, target):
        events.append(f"replace {os.path.basename(target)}")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    staging = output.Staging(output.Manifest.load(folder))
    staging.add(folder / "a.md", b"a", seen=None, backup=datetime(2026, 1, 2))
    staging.add(folder / "b.md", output.stage_file(folder / "b.md", b"b"))
    assert (folder / "a.md").read_bytes() == b"old"
    assert events == ["fsync", "fsync"]  # each temporary, where it was written
    events.clear()
    assert staging.commit() == (folder / "a (bản sửa 2026-01-02 00-00-00).md",)
    manifest = "replace bantin-manifest.json"
    # The completed manifest written and synced; the journal written, synced and in place
    # (its folder synced); the folder synced once the old versions are kept; the renames;
    # the folder synced; the completed manifest in place, its folder synced.
    assert events == [
        "fsync",
        "fsync",
        manifest,
        "fsync",
        "fsync",
        "replace a.md",
        "replace b.md",
        "fsync",
        manifest,
        "fsync",
    ]
    assert (folder / "a.md").read_bytes() == b"a"
    assert (folder / "b.md").read_bytes() == b"b"
    assert sorted(p.name for p in folder.iterdir()) == [
        "a (bản sửa 2026-01-02 00-00-00).md",
        "a.md",
        "b.md",
        "bantin-manifest.json",
    ]


def test_a_batch_holds_the_folders_lock_from_start_to_end(data_copy, tmp_path):
    folder = tmp_path / "o" / "2019"
    seen = []

    def progress(done, total, unit):
        seen.append((folder / ".bantin-lock").exists())

    result = render_all(data_copy, tmp_path / "o", 2019, ("md",), progress=progress, jobs=2)
    assert len(result.written) == 32
    assert seen == [True] * 32
    assert (folder / ".bantin-lock").exists()  # kept: never removed while others may hold it
