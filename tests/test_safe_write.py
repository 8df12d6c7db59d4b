"""Never lose an edit: re-render, edited drafts, --force backups, interrupted writes."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from bantin.cli import cli
from bantin.errors import OutputError
from bantin.output import MANIFEST, write_atomic, write_outputs

DOCX = "Sở Thông tin và Truyền thông.docx"
MD = "Sở Thông tin và Truyền thông.md"
LOCK = ".bantin-lock"


def render(data: Path, out: Path, *extra: str):
    return CliRunner().invoke(
        cli, ["render", "2019", "--data", str(data), "--out", str(out), *extra], prog_name="bantin"
    )


@pytest.fixture
def rendered(data_copy, tmp_path):
    out = tmp_path / "output"
    assert render(data_copy, out).exit_code == 0
    return data_copy, out, out / "2019"


def edit_docx(path: Path) -> bytes:
    document = docx.Document(str(path))
    document.paragraphs[2].add_run(" Câu biên tập viên thêm vào.")
    document.save(str(path))
    return path.read_bytes()


def test_rerender_replaces_files_nobody_edited(rendered):
    data, out, folder = rendered
    path = data / "2019" / "cchc.csv"
    path.write_text(path.read_text("utf-8").replace(";90,65;", ";90,66;"), "utf-8")
    result = render(data, out)
    assert result.exit_code == 0, result.output
    assert "90,66" in (folder / MD).read_text("utf-8")
    assert "90,66" in "\n".join(p.text for p in docx.Document(str(folder / DOCX)).paragraphs)
    assert sorted(p.name for p in folder.iterdir()) == [LOCK, DOCX, MD, MANIFEST]


@pytest.mark.parametrize("edited", [MD, DOCX])
def test_an_edited_draft_is_refused_and_left_byte_for_byte(rendered, edited):
    data, out, folder = rendered
    target = folder / edited
    if edited == DOCX:
        before = edit_docx(target)
    else:
        target.write_text(target.read_text("utf-8") + "\nĐoạn thêm.\n", "utf-8")
        before = target.read_bytes()
    other = folder / (MD if edited == DOCX else DOCX)
    other_before = other.read_bytes()
    result = render(data, out)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Lỗi: {target}: đã được sửa sau lần bantin ghi trước nên không ghi đè; "
        "thêm --force để cất bản đã sửa thành bản sao có ngày giờ rồi ghi bản mới\n"
    )
    assert target.read_bytes() == before
    assert other.read_bytes() == other_before  # nothing at all is written


def test_force_keeps_the_edited_draft_as_a_dated_backup(rendered):
    data, out, folder = rendered
    edited = edit_docx(folder / DOCX)
    result = render(data, out, "--force")
    assert result.exit_code == 0, result.output
    backups = [p for p in folder.iterdir() if "(bản sửa " in p.name]
    assert len(backups) == 1
    assert backups[0].read_bytes() == edited
    assert backups[0].name.startswith("Sở Thông tin và Truyền thông (bản sửa ")
    assert backups[0].suffix == ".docx"
    assert f"Đã cất bản đã sửa: {backups[0]}" in result.stdout
    assert "Câu biên tập viên" not in "\n".join(
        p.text for p in docx.Document(str(folder / DOCX)).paragraphs
    )
    # The new draft is bantin's again: a plain re-render now replaces it.
    assert render(data, out).exit_code == 0


def test_two_forced_backups_in_the_same_second_do_not_collide(tmp_path):
    folder = tmp_path / "2019"
    folder.mkdir()
    target = folder / "a.md"
    stamp = datetime(2026, 1, 2, 3, 4, 5)
    for text in ("một", "hai"):
        target.write_text(text, "utf-8")
        write_outputs(folder, {target: b"moi"}, force=True, now=stamp)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        LOCK,
        "a (bản sửa 2026-01-02 03-04-05) 2.md",
        "a (bản sửa 2026-01-02 03-04-05).md",
        "a.md",
        MANIFEST,
    ]


def test_a_foreign_file_in_the_way_is_not_overwritten(data_copy, tmp_path):
    folder = tmp_path / "output" / "2019"
    folder.mkdir(parents=True)
    (folder / DOCX).write_bytes(b"not bantin's")
    result = render(data_copy, tmp_path / "output")
    assert result.exit_code == 1
    assert (folder / DOCX).read_bytes() == b"not bantin's"


def test_a_draft_sealed_by_bantin_is_recognised_without_the_manifest(rendered):
    data, out, folder = rendered
    (folder / MANIFEST).unlink()
    result = render(data, out, "--format", "docx")
    assert result.exit_code == 0, result.output


def test_an_exception_mid_write_leaves_the_old_file_and_no_debris(tmp_path, monkeypatch):
    target = tmp_path / "bai.md"
    target.write_bytes(b"old")

    def failing_fsync(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bai.md"]


def test_a_failed_write_is_a_vietnamese_error(tmp_path, monkeypatch):
    folder = tmp_path / "2019"
    folder.mkdir()
    monkeypatch.setattr(os, "fsync", lambda _fd: (_ for _ in ()).throw(OSError(28, "Hết chỗ")))
    with pytest.raises(OutputError) as excinfo:
        write_outputs(folder, {folder / "a.md": b"x"})
    assert excinfo.value.format_message() == (
        f'{folder}: ổ đĩa đã đầy, không ghi được "a.md"; giải phóng chỗ trống rồi chạy lại '
        "(chưa tệp nào trong thư mục bị thay đổi)"
    )
    assert [p.name for p in folder.iterdir()] == [LOCK]


def test_a_run_killed_mid_write_leaves_the_old_file_and_the_next_run_cleans_up(rendered):
    data, out, folder = rendered
    old = (folder / MD).read_bytes()
    path = data / "2019" / "cchc.csv"
    path.write_text(path.read_text("utf-8").replace(";90,65;", ";90,66;"), "utf-8")
    # A child process that renders but stalls forever inside fsync, after writing its temp file.
    script = textwrap.dedent(
        f"""
        import os, sys, time
        real = os.fsync
        def stall(fd):
            sys.stdout.write("writing\\n"); sys.stdout.flush()
            time.sleep(600)
        os.fsync = stall
        from bantin.cli import main  # as the console script runs
        main(["render", "2019", "--data", {str(data)!r}, "--out", {str(out)!r}, "--format", "md"])
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "writing\n"
        debris = [p for p in folder.iterdir() if p.name.endswith(".bantin-tmp")]
        assert len(debris) == 1
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
    assert (folder / MD).read_bytes() == old
    # The process that was writing (the render, or the worker it forked) dies with it, and
    # the OS lets go of its lock on the folder: the next run waits for that, then cleans up.
    result = render(data, out, "--format", "md")
    assert result.exit_code == 0, result.output
    assert not [p for p in folder.iterdir() if p.name.endswith(".bantin-tmp")]
    assert "90,66" in (folder / MD).read_text("utf-8")


BUSY = "thư mục kết quả đang được một lượt bantin khác ghi; đợi lượt đó xong rồi chạy lại"


def hold_lock(folder: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process that takes the folder's lock, says so, and keeps it `seconds`."""
    script = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from bantin.output import locked
        with locked(Path({str(folder)!r})):
            print("held", flush=True)
            time.sleep({seconds})
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline() == "held\n"
    return child


def stop(child: subprocess.Popen[str]) -> None:
    child.kill()
    child.wait(timeout=30)
    if child.stdout is not None:
        child.stdout.close()


@pytest.mark.parametrize("extra", [(), ("--all",)])
def test_a_run_waits_for_another_writing_in_the_folder_then_says_so(
    data_copy, tmp_path, monkeypatch, extra
):
    import bantin.output.lock

    monkeypatch.setattr(bantin.output.lock, "LOCK_WAIT", 0.5)
    out = tmp_path / "output"
    folder = out / "2019"
    child = hold_lock(folder, 60)
    try:
        # A temporary of the run that holds the lock is still being written: not debris.
        working = folder / f".{MD}.0123456789.bantin-tmp"
        working.write_bytes(b"half")
        start = time.monotonic()
        result = render(data_copy, out, "--format", "md", *extra)
        waited = time.monotonic() - start
        assert result.exit_code == 1
        assert result.stderr == f"Lỗi: {folder}: {BUSY}\n"
        assert waited >= 0.5
        assert sorted(p.name for p in folder.iterdir()) == sorted([LOCK, working.name])
    finally:
        stop(child)


def test_runs_taking_turns_never_hold_the_lock_together(tmp_path):
    # The lock file stays; and where a holder removed it (a run that made the folder and
    # wrote nothing), a run that then locks the removed file locks the new one instead.
    folder = tmp_path / "2019"
    script = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        import bantin.output.lock
        from bantin.output import locked
        bantin.output.lock._POLL = 0.001  # waiting runs look often: more turns, more races
        folder, overlaps = Path({str(folder)!r}), 0
        for _ in range(25):
            with locked(folder):
                try:
                    os.mkdir(folder / "inside")
                except FileExistsError:
                    overlaps += 1
                else:
                    os.rmdir(folder / "inside")
        print(overlaps)
        """
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert outputs == ["0\n"] * 4


def test_a_write_goes_ahead_once_the_other_run_is_done(tmp_path):
    folder = tmp_path / "2019"
    child = hold_lock(folder, 0.3)
    try:
        write_outputs(folder, {folder / "a.md": b"x"})
    finally:
        stop(child)
    assert (folder / "a.md").read_bytes() == b"x"
    assert sorted(p.name for p in folder.iterdir()) == [LOCK, "a.md", MANIFEST]


def test_temporaries_a_killed_run_left_are_removed_by_the_next_write(tmp_path):
    folder = tmp_path / "2019"
    (folder / "images").mkdir(parents=True)
    for leftover in (".a.md.0123456789.bantin-tmp", "images/.b.png.abcdef0123.bantin-tmp"):
        (folder / leftover).write_bytes(b"half")
    # Its lock file too: the OS let go of the lock when the run was killed.
    (folder / ".bantin-lock").write_bytes(b"")
    write_outputs(folder, {folder / "c.md": b"x"})
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [
        LOCK,
        MANIFEST,
        "c.md",
        "images",
    ]


def test_the_lock_file_is_no_output_and_never_refused_as_edited(rendered):
    from bantin.output import LOCK_NAME, locked, read_manifest

    data, out, folder = rendered
    with locked(folder):  # as a batch holds it around its writes: taken again, no wait
        assert (folder / LOCK_NAME).exists()
        write_outputs(folder, {folder / "a.md": b"x"})
        assert sorted(read_manifest(folder)) == [DOCX, MD, "a.md"]
    (folder / "a.md").unlink()
    (folder / LOCK_NAME).write_bytes(b"not empty")  # left by a killed run, even changed
    result = render(data, out)
    assert result.exit_code == 0, result.output
    assert sorted(read_manifest(folder)) == [DOCX, MD, "a.md"]
    assert sorted(p.name for p in folder.iterdir()) == [LOCK, DOCX, MD, MANIFEST]


def test_sealed_docx_keeps_its_properties_readable(rendered):
    _data, _out, folder = rendered
    from bantin.ooxml import read_custom_properties

    props = read_custom_properties((folder / DOCX).read_bytes())
    assert props["BantinYear"] == "2019"
    assert props["BantinAgency"] == "Sở Thông tin và Truyền thông"
    assert len(props["BantinDataFingerprint"]) == 16
    assert len(props["BantinFingerprint"]) == 64
    document = docx.Document(io.BytesIO((folder / DOCX).read_bytes()))
    assert document.core_properties.title


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize(("umask", "mode"), [(0o027, 0o640), (0o022, 0o644), (0o002, 0o664)])
def test_written_files_get_the_usual_mode_not_a_private_one(tmp_path, umask, mode):
    # Staff share output folders: a draft must be readable as any file they save is,
    # whether written alone or staged by a batch.
    from bantin.output import stage_file

    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "bai.md", b"x")
        staged = stage_file(tmp_path / "bai2.md", b"y")
    finally:
        os.umask(old)
    assert (tmp_path / "bai.md").stat().st_mode & 0o777 == mode
    assert os.stat(staged.temporary).st_mode & 0o777 == mode


@given(
    st.one_of(
        st.text(),
        st.dictionaries(st.text(), st.text(), max_size=4),
        st.dictionaries(st.text(), st.integers(), max_size=2),
        st.integers(),
    )
)
def test_manifest_values_are_written_as_json_writes_them(value):
    from bantin.output.manifest import _dump

    assert _dump(value) == json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    assert json.loads(_dump(value)) == value


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a.md", "b.md", 'Sở "C".md', "images/d.png"]),
            st.text(max_size=8),
            st.sampled_from(["Sở A", "Sở B", "Phường \\ C"]),
        ),
        max_size=12,
    )
)
def test_a_manifest_saved_again_is_what_a_fresh_one_would_write(changes):
    # A batch saves its manifest every thousand articles, writing only new lines out.
    from bantin.output import Manifest
    from bantin.output.manifest import _manifest_bytes

    manifest = Manifest(Path("/nowhere"), {}, {})
    for key, digest, agency in changes:
        manifest.files[key] = digest
        about = manifest.articles.setdefault(key, {"year": "2019", "agency": agency})
        about["agency"] = agency  # changed in place: the line must follow
        written = _manifest_bytes(manifest.files, manifest.articles, manifest._lines)
        assert written == _manifest_bytes(manifest.files, manifest.articles)
        assert json.loads(written)["articles"] == manifest.articles
