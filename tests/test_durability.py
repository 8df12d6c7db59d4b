"""A render is all or nothing, whatever fails and wherever a run is killed.

Every OS call a render's writing makes is failed in turn (a full disk, an I/O error, a file
Windows will not replace, a kill), and after each the folder must hold the old files or
the new ones, never some of each; an edited draft is never overwritten; and the next run
takes every file bantin wrote for bantin's.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from bantin.cli import cli
from bantin.errors import OutputError
from bantin.output import MANIFEST, prepare_folder, write_outputs
from bantin.render import render_all

from .faults import Crash, Fault, Injector, state, visible

STAMP = datetime(2026, 1, 2, 3, 4, 5)
BACKUP = "A (bản sửa 2026-01-02 03-04-05).md"
EDITED = "# A\n\nĐoạn biên tập viên viết thêm.\n".encode()


def outputs(folder: Path, version: str) -> dict[Path, bytes]:
    """One article's files, as a render writes them: DOCX-like bytes, a photo, Markdown, HTML."""
    return {
        folder / "A.docx": f"docx {version}".encode() * 50,
        folder / "images" / "anh.png": f"png {version}".encode() * 20,
        folder / "A.md": f"# A\n\nBài {version}.\n".encode(),
        folder / "A.html": f"<p>Bài {version}.</p>\n".encode(),
    }


def scenario(base: Path, name: str) -> tuple[Path, dict[str, bytes], dict[str, bytes], bool]:
    """A folder before a render, the files it holds, the files once the render is done, and
    whether the render is forced. "rerender": bantin's old files, none edited; "force":
    the same with A.md edited by a person; "first": an empty folder."""
    folder = base / name / "2019"
    folder.mkdir(parents=True)
    force = name == "force"
    if name != "first":
        old = outputs(folder, "cũ")
        del old[folder / "A.html"]  # a file the new render adds
        write_outputs(folder, old, now=STAMP)
    if force:
        (folder / "A.md").write_bytes(EDITED)
    before = state(folder)
    done = base / name / "done"
    shutil.copytree(folder, done)
    write_outputs(done, outputs(done, "mới"), force=force, now=STAMP)
    after = state(done)
    shutil.rmtree(done)
    return folder, before, after, force


def fresh(folder: Path, where: Path) -> Path:
    shutil.copytree(folder, where)
    return where


def calls_of_a_render(folder: Path, force: bool) -> list[str]:
    injector = Injector()
    with injector.armed():
        write_outputs(folder, outputs(folder, "mới"), force=force, now=STAMP)
    return injector.calls


def faults(count: int, calls: list[str]) -> list[Fault]:
    """Every fault worth trying at each of `count` calls."""
    tried = []
    for n in range(1, count + 1):
        name = calls[n - 1].split()[0]
        full = name in ("open", "write", "mkdir", "link")
        tried.append(Fault(n, "transient", errno.ENOSPC if full else errno.EIO))
        if name in ("replace", "link", "open", "rename"):
            tried.append(Fault(n, "transient", errno.EACCES))  # Windows: a file open in Word
        tried += [Fault(n, "persistent", errno.ENOSPC), Fault(n, "crash")]
    return tried


def assert_one_vietnamese_line(error: OutputError) -> None:
    message = error.format_message()
    assert "\n" not in message
    assert "ngoài dự kiến" not in message
    assert ("chưa tệp nào trong thư mục bị thay đổi" in message) or (
        "lần chạy sau bantin sẽ trả lại các tệp cũ" in message
    )


@pytest.fixture
def no_sync(monkeypatch):
    """fsync that returns at once: these tests make thousands of them, and what they check
    (what is in place after a failure) does not depend on the disk keeping it. The faults
    still fail fsync calls: the injector wraps this one."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)


@pytest.mark.parametrize("name", ["rerender", "force", "first"])
def test_a_write_failed_or_killed_at_any_call_leaves_the_old_files_or_the_new(
    tmp_path, name, no_sync
):
    folder, before, after, force = scenario(tmp_path, name)
    calls = calls_of_a_render(fresh(folder, tmp_path / "count" / "2019"), force)
    assert len(calls) > 20  # the lock, temporaries, manifests, old versions, renames
    for i, fault in enumerate(faults(len(calls), calls)):
        target = fresh(folder, tmp_path / f"run{i}" / "2019")
        injector = Injector(fault)
        outcome: OutputError | Crash | None = None
        with injector.armed():
            try:
                write_outputs(target, outputs(target, "mới"), force=force, now=STAMP)
            except (OutputError, Crash) as e:
                outcome = e
        where = f"{fault}: {injector.fired}"
        now = state(target)
        # A reader never sees part of a draft: every one in view is whole, old or new (the
        # manifest may be the journal, put right by the next run below).
        for key, data in visible(now).items():
            assert key == MANIFEST or data in (before.get(key), after.get(key)), f"{where}: {key}"
        if force:  # the edited draft is never lost: in place, or kept as the backup
            assert EDITED in (now.get("A.md"), now.get(BACKUP)), where
        if outcome is None:
            # The fault fell where bantin may go on: at worst hidden leftovers remain.
            assert visible(now) == after, where
        elif isinstance(outcome, OutputError):
            assert_one_vietnamese_line(outcome)
            if fault.kind == "transient":
                assert now == before, f"{where}: {outcome.format_message()}"
        # The next run first puts right what this one left: the old files or the new.
        prepare_folder(target)
        assert state(target) in (before, after), where
        # And takes every file bantin wrote for bantin's: a plain render goes through.
        write_outputs(target, outputs(target, "mới"), force=force, now=STAMP)
        assert state(target) == after, where


def test_the_faults_reach_every_step_of_a_commit(tmp_path):
    folder, _before, _after, _force = scenario(tmp_path, "force")
    calls = calls_of_a_render(folder, True)
    kinds = [c.split()[0] for c in calls]
    # The lock; three temporaries and the photo's (open, write, fsync, close); the completed
    # manifest staged; the journal put in place; the old versions linked; the renames; the
    # completed manifest in place; the old versions removed.
    assert kinds[0] == "open" and calls[0].endswith(".bantin-lock int int")
    for step in ("write", "fsync", "link", "replace", "unlink"):
        assert step in kinds
    replaced = [c.split()[1] for c in calls if c.startswith("replace")]
    assert replaced[0].startswith(".bantin-manifest.json.")  # the journal, ahead of the files
    assert replaced[-1].startswith(".bantin-manifest.json.")  # the completion record, last
    assert sorted(replaced[1:-1]) == sorted(
        r for r in replaced[1:-1] if r.startswith((".A.", ".anh.png."))
    )
    assert len(replaced) == 6


def test_a_run_killed_after_the_journal_is_undone_by_the_next(tmp_path):
    folder, before, after, _force = scenario(tmp_path, "rerender")
    calls = calls_of_a_render(fresh(folder, tmp_path / "count" / "2019"), False)
    # Killed right after the second file was renamed into place.
    renames = [i for i, c in enumerate(calls, start=1) if c.startswith("replace .A.")]
    with Injector(Fault(renames[1] + 1, "crash")).armed(), pytest.raises(Crash):
        write_outputs(folder, outputs(folder, "mới"))
    journal = json.loads((folder / MANIFEST).read_text("utf-8"))
    assert sorted(journal["pending"]) == ["A.docx", "A.html", "A.md", "images/anh.png"]
    assert journal["files"] == json.loads(before[MANIFEST])["files"]  # the old entries kept
    half = visible(state(folder))
    assert half != visible(before) and half != visible(after)  # some files new, some old
    prepare_folder(folder)  # what the next run does first, holding the folder's lock
    assert state(folder) == before


# --- The command line: one Vietnamese line, exit 1, nothing changed --------------------

DOCX = "Sở Thông tin và Truyền thông.docx"
MD = "Sở Thông tin và Truyền thông.md"
NOTHING = "(chưa tệp nào trong thư mục bị thay đổi)"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="bantin")


@pytest.fixture
def rerender(data_copy, tmp_path):
    """Sample drafts rendered once (every unit's Markdown, the default unit's DOCX too),
    then the data changed."""
    out = tmp_path / "output"
    args = ("render", "2019", "--data", str(data_copy), "--out", str(out))
    assert run(*args, "--all", "--format", "md").exit_code == 0
    assert run(*args).exit_code == 0
    path = data_copy / "2019" / "cchc.csv"
    path.write_text(path.read_text("utf-8").replace(";90,65;", ";90,66;"), "utf-8")
    return data_copy, out, out / "2019"


def failing(monkeypatch, name: str, code: int, when=lambda *args: True) -> None:
    real = getattr(os, name)

    def call(*args, **kwargs):
        if when(*args):
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, call)


@pytest.mark.parametrize("extra", [(), ("--all", "--format", "md", "--jobs", "1")])
def test_a_full_disk_is_one_line_naming_the_folder_and_nothing_changes(
    rerender, monkeypatch, extra
):
    data, out, folder = rerender
    before = state(folder)
    written = []

    def full(fd, data):  # the disk fills up after a few files
        written.append(fd)
        if len(written) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    real = os.write
    monkeypatch.setattr(os, "write", full)
    result = run("render", "2019", "--data", str(data), "--out", str(out), *extra)
    assert result.exit_code == 1
    assert result.stdout == ""
    stderr = result.stderr.splitlines()
    assert stderr[:-1] in ([], ["Đang soạn"])  # the progress bar's label, once started
    assert stderr[-1].startswith(f"Lỗi: {folder}: ổ đĩa đã đầy, không ghi được ")
    assert stderr[-1].endswith(f"; giải phóng chỗ trống rồi chạy lại {NOTHING}")
    assert state(folder) == before


@pytest.mark.parametrize("extra", [(), ("--all",)])
def test_a_docx_open_in_word_is_named_and_nothing_changes(rerender, monkeypatch, extra):
    # Windows refuses to replace a file Word holds open (PermissionError, a sharing
    # violation); the Markdown beside it was renamed into place first and is put back.
    data, out, folder = rerender
    before = state(folder)
    real = os.replace
    order = []

    def replace(source, target):
        order.append(os.path.basename(target))
        if os.path.basename(target) == DOCX:
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        return real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    # The DOCX is moved after the Markdown, to show that what moved before is put back.
    import bantin.output.commit as commit

    real_commit = commit.Staging.commit

    def docx_last(self):
        self._pending = dict(sorted(self._pending.items(), key=lambda kv: kv[0].suffix == ".docx"))
        return real_commit(self)

    monkeypatch.setattr(commit.Staging, "commit", docx_last)
    result = run("render", "2019", "--data", str(data), "--out", str(out), *extra)
    assert result.exit_code == 1
    assert result.stderr.removeprefix("Đang soạn\n") == (
        f"Lỗi: {folder / DOCX}: tệp đang mở trong Word (hoặc chương trình khác) nên không "
        f"thay được; đóng tệp trong Word rồi chạy lại {NOTHING}\n"
    )
    assert MD in order[: order.index(DOCX)]  # the Markdown had been replaced, then put back
    assert state(folder) == before


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.EIO, "lỗi đọc ghi của ổ đĩa; kiểm tra ổ đĩa (hoặc kết nối mạng) rồi chạy lại"),
        (errno.EROFS, None),
        (errno.EACCES, None),
        (errno.EDQUOT, None),
    ],
)
@pytest.mark.parametrize("call", ["fsync", "replace", "open", "write"])
def test_every_write_error_is_one_vietnamese_line(rerender, monkeypatch, code, message, call):
    data, out, folder = rerender
    before = state(folder)
    failing(monkeypatch, call, code, lambda *args: ".bantin-lock" not in str(args[0]))
    result = run("render", "2019", "--data", str(data), "--out", str(out))
    assert result.exit_code == 1
    line = result.stderr.removeprefix("Lỗi: ")
    assert line.count("\n") == 1 and line.endswith(f"{NOTHING}\n")
    assert "ngoài dự kiến" not in line
    if message is not None:
        assert message in line
    assert state(folder) == before


def test_a_draft_edited_while_a_batch_runs_is_not_overwritten(rerender):
    data, out, folder = rerender
    before = state(folder)

    def edit(done, total, unit):
        if done == total:  # after every draft was checked
            (folder / MD).write_bytes(EDITED)

    with pytest.raises(OutputError) as excinfo:
        render_all(data, out, 2019, ("md",), progress=edit, jobs=1)
    assert excinfo.value.format_message() == (
        f"{folder / MD}: đã được sửa trong lúc bantin đang ghi nên không ghi đè; "
        "lưu, đóng tệp rồi chạy lại"
    )
    assert state(folder) == {**before, MD: EDITED}


def test_a_batch_failed_at_sampled_calls_leaves_the_old_files_or_the_new(rerender, no_sync):
    data, out, folder = rerender
    before = state(folder)
    pristine = shutil.copytree(folder, out.parent / "pristine")
    shutil.copytree(folder, out.parent / "count" / "2019")
    counting = Injector()
    with counting.armed():
        render_all(data, out.parent / "count", 2019, ("md",), jobs=1)
    count = len(counting.calls)
    after = state(out.parent / "count" / "2019")
    first_rename = next(i for i, c in enumerate(counting.calls, 1) if c.startswith("replace"))
    rng = random.Random(18)
    points = {1, count, first_rename, first_rename + 3, *rng.sample(range(2, count), 3)}
    for n in sorted(points):
        for fault in (Fault(n, "transient", errno.ENOSPC), Fault(n, "crash")):
            shutil.rmtree(folder)
            shutil.copytree(pristine, folder)
            outcome = None
            with Injector(fault).armed():
                try:
                    render_all(data, out, 2019, ("md",), jobs=1)
                except (OutputError, Crash) as e:
                    outcome = e
            where = f"{fault} ({counting.calls[n - 1]})"
            if isinstance(outcome, OutputError):
                assert_one_vietnamese_line(outcome)
                assert state(folder) == before, where
                continue  # the folder as it was: the next run is the first's
            if outcome is None:
                assert visible(state(folder)) == after, where
            prepare_folder(folder)
            now = state(folder)
            assert now in (before, after), where
            result = render_all(data, out, 2019, ("md",), jobs=1)
            assert not result.skipped, where  # nothing refused as edited


def _same_text(a: dict[str, bytes], b: dict[str, bytes]) -> bool:
    """The same files; DOCX compared by their text (their creation time may differ)."""
    import io
    import zipfile

    def text(key: str, data: bytes) -> bytes:
        if key.endswith(".docx"):
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                return package.read("word/document.xml")
        if key == MANIFEST:  # the sha256 of a DOCX changes with its creation time
            return json.dumps(sorted(json.loads(data)["articles"].items())).encode()
        return data

    return a.keys() == b.keys() and all(text(k, a[k]) == text(k, b[k]) for k in a)


# --- Real processes: a real refusal to write, killed, and several at once ----------------


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_real_refusal_to_write_a_large_file_changes_nothing(rerender):
    # The OS itself refuses the write (EFBIG): a process may write no file over 20 KB, as
    # a FAT32 drive takes none over 4 GB. The DOCX are over it, the Markdown under it.
    data, out, folder = rerender
    before = state(folder)
    script = textwrap.dedent(
        f"""
        import resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
        from bantin.cli import main
        main(["render", "2019", "--all", "--jobs", "1", "--data", {str(data)!r},
              "--out", {str(out)!r}])
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1
    assert done.stdout == ""
    line = done.stderr.splitlines()[-1]
    assert line.startswith(f"Lỗi: {folder}: tệp ")
    assert line.endswith(
        f'.docx" vượt quá cỡ tệp ổ đĩa này nhận; chọn thư mục khác bằng --out {NOTHING}'
    )
    assert state(folder) == before


def test_a_batch_killed_at_random_points_is_undone_or_done(rerender):
    """`render --all` in a process of its own, killed (SIGKILL on Linux and macOS,
    TerminateProcess on Windows) at random moments of its commit, or of its whole run."""
    data, out, folder = rerender
    before = state(folder)
    pristine = shutil.copytree(folder, out.parent / "pristine")
    shutil.copytree(folder, out.parent / "done" / "2019")
    render_all(data, out.parent / "done", 2019, ("md",), jobs=1)
    after = state(out.parent / "done" / "2019")
    script = textwrap.dedent(
        f"""
        import bantin.output.commit as commit
        real = commit.Staging.commit
        def commit_and_say(self):
            print("commit", flush=True)
            return real(self)
        commit.Staging.commit = commit_and_say
        from bantin.cli import main
        main(["render", "2019", "--all", "--format", "md", "--jobs", "1",
              "--data", {str(data)!r}, "--out", {str(out)!r}])
        """
    )
    rng = random.Random(1806)
    outcomes = []
    for trial in range(5):
        shutil.rmtree(folder)
        shutil.copytree(pristine, folder)
        child = subprocess.Popen(
            [sys.executable, "-c", script],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert child.stdout is not None
        if trial != 4:
            assert child.stdout.readline() == "commit\n"
            time.sleep(rng.uniform(0, 0.05))  # within the commit of 32 files, or just after
        else:
            time.sleep(rng.uniform(0.3, 1.5))  # anywhere in the run
        child.kill()
        child.wait(timeout=60)
        child.stdout.close()
        prepare_folder(folder)  # what the next run does first
        now = state(folder)
        assert now in (before, after), f"trial {trial}"
        outcomes.append(now == before)
        result = render_all(data, out, 2019, ("md",), jobs=1)
        assert not result.skipped  # nothing refused as edited
    assert any(outcomes)  # some kills fell before the commit was done


AGENCIES = [
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Giao thông vận tải",
    "Sở Kế hoạch và Đầu tư",
    "Sở Y tế",
    "Sở Xây dựng",
]


def test_renders_started_at_once_into_one_folder_keep_every_entry(data_copy, tmp_path):
    # Four processes each write two articles into one folder, started together, four
    # times. Before the folder's lock (1409d0d^) this lost entries in every run of it.
    import hashlib

    script = textwrap.dedent(
        """
        import sys
        from bantin.cli import main
        data, out, agencies = sys.argv[1], sys.argv[2], sys.argv[3:]
        sys.stdin.readline()  # all start writing together
        for agency in agencies:
            try:
                main(["render", "2019", "--format", "md", "--agency", agency, "--data", data,
                      "--out", out])
            except SystemExit as e:
                if e.code:
                    raise
        """
    )
    expected = sorted(f"{a}.md" for a in AGENCIES)
    for trial in range(4):
        out = tmp_path / f"o{trial}"
        children = [
            subprocess.Popen(
                [sys.executable, "-c", script, str(data_copy), str(out), *AGENCIES[i::4]],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for i in range(4)
        ]
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        for child in children:
            _, stderr = child.communicate(timeout=120)
            assert child.returncode == 0, stderr
        folder = out / "2019"
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
        assert sorted(manifest["files"]) == expected, f"trial {trial}"
        assert sorted(manifest["articles"]) == expected, f"trial {trial}"
        assert "pending" not in manifest
        for name, digest in manifest["files"].items():  # each one bantin's, as written
            assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    # And so the next run refuses none of them.
    result = run("render", "2019", "--all", "--format", "md", "--data", str(data_copy),
                 "--out", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output


def test_the_lock_file_stays_so_no_run_can_lock_a_removed_one(tmp_path):
    from bantin.output import LOCK_NAME, locked

    folder = tmp_path / "2019"
    write_outputs(folder, {folder / "a.md": b"x"})
    lock = folder / LOCK_NAME
    identity = os.stat(lock).st_ino
    with locked(folder):
        pass
    write_outputs(folder, {folder / "a.md": b"y"})
    assert os.stat(lock).st_ino == identity
