"""`bantin render --format pdf`: the DOCX through LibreOffice, or a clear message without it."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from bantin.cli import cli
from bantin.errors import BantinError
from bantin.export import pdf as pdf_module
from bantin.export.pdf import MISSING, docx_to_pdf, find_soffice

from .helpers import needs
from .test_clients import SOFFICE, pdf_text


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="bantin")


def no_libreoffice(monkeypatch, windows: tuple[str, ...] = ()) -> None:
    monkeypatch.setattr(pdf_module.shutil, "which", lambda _name: None)
    monkeypatch.setattr(pdf_module, "WINDOWS_SOFFICE", windows)


def test_found_in_its_windows_folder_when_not_on_path(monkeypatch, tmp_path):
    soffice = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    soffice.parent.mkdir(parents=True)
    soffice.write_bytes(b"")
    no_libreoffice(monkeypatch, (str(tmp_path / "missing.exe"), str(soffice)))
    assert find_soffice() == str(soffice)


def test_the_usual_windows_folder_is_the_installers():
    assert pdf_module.WINDOWS_SOFFICE[0] == r"C:\Program Files\LibreOffice\program\soffice.exe"


def test_without_libreoffice_one_vietnamese_line_and_nothing_written(
    data_copy, tmp_path, monkeypatch
):
    no_libreoffice(monkeypatch)
    out = tmp_path / "out"
    result = run(
        "render", "2019", "--format", "docx,pdf", "--data", str(data_copy), "--out", str(out)
    )
    assert result.exit_code == 1
    assert result.output == f"Lỗi: {MISSING}\n"
    assert "LibreOffice" in MISSING and "Word" in MISSING
    assert not (out / "2019" / "Sở Thông tin và Truyền thông.docx").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands for soffice")
def test_soffice_exiting_0_without_a_pdf_is_an_error(tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 0\n")
    fake.chmod(0o755)
    folder = tmp_path / "out"
    with pytest.raises(BantinError) as raised:
        docx_to_pdf(b"not a docx", folder, str(fake))
    assert str(raised.value) == (
        "LibreOffice không xuất được PDF từ bản DOCX (Error: source file could not be loaded)"
    )
    assert list(folder.iterdir()) == []  # its temporary folder removed


@needs("LibreOffice is not installed", SOFFICE)
def test_render_format_pdf_writes_a_pdf_libreoffice_made(data_copy, tmp_path):
    out = tmp_path / "out"
    result = run("render", "2019", "--format", "pdf", "--data", str(data_copy), "--out", str(out))
    assert result.exit_code == 0, result.output
    pdf = out / "2019" / "Sở Thông tin và Truyền thông.pdf"
    assert result.output.endswith(f"Đã ghi: {pdf}\n")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "03/21 cơ quan xếp loại Rất tốt" in pdf_text(pdf)
    # Only the PDF (no DOCX asked for); LibreOffice's private profile removed with its folder.
    names = sorted(p.name for p in (out / "2019").iterdir() if p.name != ".bantin-lock")
    assert names == ["Sở Thông tin và Truyền thông.pdf", "bantin-manifest.json"]


def test_a_conversion_folder_left_by_a_killed_run_is_removed_by_the_next(data_copy, tmp_path):
    out = tmp_path / "out"
    assert (
        run(
            "render", "2019", "--format", "md", "--data", str(data_copy), "--out", str(out)
        ).exit_code
        == 0
    )
    left = out / "2019" / ".bantin-pdf-x1y2.bantin-tmp"
    (left / "profile").mkdir(parents=True)
    (left / "ban-tin.docx").write_bytes(b"PK")
    assert (
        run(
            "render", "2019", "--format", "md", "--data", str(data_copy), "--out", str(out)
        ).exit_code
        == 0
    )
    assert not left.exists()


def fake_soffice(tmp_path, monkeypatch):
    """A LibreOffice found on PATH whose "PDF" is the DOCX itself, unless the DOCX holds
    "broken"; it logs each run. Returns the program and the log."""
    log = tmp_path / "runs.log"
    fake = tmp_path / "soffice"
    fake.write_text(
        "#!/bin/sh\n"
        f'echo run >> "{log}"\n'
        'for f in "$@"; do case "$f" in *.docx)\n'
        '  grep -q broken "$f" || cp "$f" "${f%.docx}.pdf" ;;\n'
        "esac; done\n"
    )
    fake.chmod(0o755)
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: str(fake))
    return fake, log


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands for soffice")
def test_drafts_are_converted_together_and_the_one_that_fails_is_named(tmp_path, monkeypatch):
    fake, log = fake_soffice(tmp_path, monkeypatch)
    monkeypatch.setattr(pdf_module, "PER_RUN", 2)
    drafts = {f"Đơn vị {i}": f"nội dung {i}".encode() for i in (1, 3, 4)}
    pdfs = pdf_module.docx_to_pdfs(drafts, tmp_path / "out", str(fake))
    assert pdfs == drafts  # each name with its own draft's result
    assert log.read_text().count("run") == 2  # three drafts, two at a time
    again = {"Sở Nội vụ": b"x", "Sở Tài chính": b"broken"}
    with pytest.raises(BantinError) as raised:
        pdf_module.docx_to_pdfs(again, tmp_path / "out", str(fake))
    assert str(raised.value) == 'LibreOffice không xuất được PDF từ bài "Sở Tài chính"'
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands for soffice")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_render_all_starts_libreoffice_once_and_each_unit_gets_its_own_pdf(
    data_copy, tmp_path, monkeypatch, jobs
):
    _, log = fake_soffice(tmp_path, monkeypatch)
    out = tmp_path / "out"
    args = ["render", "2019", "--all", "--format", "docx,pdf", "--jobs", jobs]
    result = run(*args, "--data", str(data_copy), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert log.read_text() == "run\n"
    docx = sorted((out / "2019").glob("*.docx"))
    assert len(docx) == 32
    for draft in docx:
        assert draft.with_suffix(".pdf").read_bytes() == draft.read_bytes(), draft.name


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands for soffice")
def test_render_all_pdf_alone_writes_no_docx(data_copy, tmp_path, monkeypatch):
    fake_soffice(tmp_path, monkeypatch)
    out = tmp_path / "out"
    args = ["render", "2019", "--all", "--format", "pdf,md"]
    assert run(*args, "--data", str(data_copy), "--out", str(out)).exit_code == 0
    files = [p.name for p in (out / "2019").iterdir()]
    assert not [n for n in files if n.endswith(".docx")]
    pdfs = [n for n in files if n.endswith(".pdf")]
    assert len(pdfs) == 32 and all(
        (out / "2019" / n).read_bytes().startswith(b"PK") for n in pdfs
    )  # the fake's "PDF" is the DOCX it was given


@needs("LibreOffice is not installed", SOFFICE)
def test_render_all_pdf_with_libreoffice_gives_each_unit_its_article(data_copy, tmp_path):
    out = tmp_path / "out"
    result = run(
        "render", "2019", "--all", "--format", "pdf", "--data", str(data_copy), "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    pdfs = sorted((out / "2019").glob("*.pdf"))
    assert len(pdfs) == 32
    for pdf in pdfs:
        assert pdf.stem in " ".join(pdf_text(pdf).split()), pdf.name
    assert not [p for p in (out / "2019").iterdir() if p.name.startswith(".bantin-pdf-")]
