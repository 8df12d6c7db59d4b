"""render --all in several processes gives exactly what one process gives."""

from __future__ import annotations

import io
import zipfile

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
def test_an_interrupted_batch_leaves_only_whole_committed_articles(
    data_copy, tmp_path, monkeypatch, jobs
):
    import hashlib
    import json

    import bantin.render

    monkeypatch.setattr(bantin.render, "COMMIT_EVERY", 4)

    def interrupt(done, total, unit):
        if done == 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        render_all(data_copy, tmp_path / "o", 2019, ("md",), progress=interrupt, jobs=jobs)
    folder = tmp_path / "o" / "2019"
    files = sorted(p.name for p in folder.iterdir())
    assert not [f for f in files if f.endswith(".bantin-tmp")]
    manifest = json.loads((folder / "bantin-manifest.json").read_text("utf-8"))
    articles = [f for f in files if f.endswith(".md")]
    assert len(articles) == 8  # two slices of four committed; the rest never appeared
    assert sorted(manifest["files"]) == articles
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    # The next run completes the batch.
    result = render_all(data_copy, tmp_path / "o", 2019, ("md",), jobs=jobs)
    assert len(result.written) == 32 and not result.skipped
