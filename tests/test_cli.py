from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bantin.cli import cli

from .helpers import markdown_paragraphs

DOCX = "Sở Thông tin và Truyền thông.docx"
MD = "Sở Thông tin và Truyền thông.md"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="bantin")


def test_render_writes_docx_and_markdown_and_prints_the_paths(data_copy, tmp_path):
    out = tmp_path / "output"
    result = run("render", "2019", "--data", str(data_copy), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Đã ghi: {out / '2019' / DOCX}\nĐã ghi: {out / '2019' / MD}\n"
    assert result.stderr == ""
    assert sorted(p.name for p in (out / "2019").iterdir()) == [
        ".bantin-lock",
        DOCX,
        MD,
        "bantin-manifest.json",
    ]


def test_render_runs_from_the_working_folder_with_defaults(data_copy, monkeypatch):
    monkeypatch.chdir(data_copy.parent)
    result = run("render", "2019")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Đã ghi: output/2019/{DOCX}\nĐã ghi: output/2019/{MD}\n"


def test_render_one_format_and_another_agency(data_copy, tmp_path):
    out = tmp_path / "o"
    result = run(
        "render",
        "2019",
        "--data",
        str(data_copy),
        "--out",
        str(out),
        "--format",
        "md",
        "--agency",
        "sở nội vụ",
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "2019").iterdir()) == [
        ".bantin-lock",
        "Sở Nội vụ.md",
        "bantin-manifest.json",
    ]
    blocks = markdown_paragraphs((out / "2019" / "Sở Nội vụ.md").read_text("utf-8"))
    assert blocks[0] == (
        "h1",
        "Sở Nội vụ đồng xếp hạng Nhất về cải cách hành chính năm 2019",
    )


def test_rendering_twice_gives_identical_markdown(data_copy, tmp_path):
    texts = []
    for name in ("a", "b"):
        run(
            "render",
            "2019",
            "--data",
            str(data_copy),
            "--out",
            str(tmp_path / name),
            "--format",
            "md",
        )
        texts.append((tmp_path / name / "2019" / MD).read_bytes())
    assert texts[0] == texts[1]


def test_bad_data_exits_1_with_one_vietnamese_line_and_writes_nothing(data_copy, tmp_path):
    path = data_copy / "2019" / "vtlt.csv"
    path.write_text(path.read_text("utf-8").replace(";96,5;", ";9x,5;"), "utf-8")
    out = tmp_path / "output"
    result = run("render", "2019", "--data", str(data_copy), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == f'Lỗi: {path}:6:3: điểm "9x,5" không phải là số\n'
    assert result.stdout == ""
    assert not out.exists()


def test_template_error_exits_1(data_copy, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "title.md.j2").write_text("{{ foccus }}\n", "utf-8")
    result = run(
        "render",
        "2019",
        "--data",
        str(data_copy),
        "--out",
        str(tmp_path / "o"),
        "--templates",
        str(templates),
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f'Lỗi: {templates / "title.md.j2"}:1: biến "foccus" không có; có phải: focus?\n'
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render"], "Lỗi: thiếu tham số 'NĂM'."),
        (
            ["render", "20x9"],
            "Lỗi: giá trị không hợp lệ cho 'NĂM': '20x9' không phải là số nguyên hợp lệ.",
        ),
        (
            ["render", "2019", "--format", "odt"],
            "Lỗi: giá trị không hợp lệ cho '--format': định dạng \"odt\" không hỗ trợ; dùng docx, md, html, pdf hoặc kết hợp, ví dụ docx,md",
        ),
        (["render", "2019", "--nope"], "Lỗi: không có tuỳ chọn '--nope'. Có phải là '--force'?"),
        (["render", "2019", "--zzz"], "Lỗi: không có tuỳ chọn '--zzz'."),
    ],
)
def test_bad_usage_exits_2_in_vietnamese(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == message
    assert result.stderr.startswith("Cách dùng: bantin render [TUỲ_CHỌN] NĂM\n")


def test_missing_data_folder(tmp_path):
    result = run("render", "2019", "--data", str(tmp_path / "none"))
    assert result.exit_code == 1
    assert result.stderr == f"Lỗi: không tìm thấy thư mục dữ liệu {tmp_path / 'none'}\n"


def test_unexpected_errors_are_one_line_without_debug_and_a_traceback_with_it(
    data_copy, tmp_path, monkeypatch
):
    import bantin.render

    def boom(*_args, **_kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(bantin.render, "render", boom)
    result = run("render", "2019", "--data", str(data_copy))
    assert result.exit_code == 1
    assert result.stderr == (
        "Lỗi: lỗi ngoài dự kiến (RuntimeError: hỏng); chạy lại với --debug để xem chi tiết\n"
    )
    result = run("--debug", "render", "2019", "--data", str(data_copy))
    assert isinstance(result.exception, RuntimeError)


def test_debug_shows_the_traceback_of_a_data_error(tmp_path):
    result = run("--debug", "render", "2019", "--data", str(tmp_path / "none"))
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.endswith(f"Lỗi: không tìm thấy thư mục dữ liệu {tmp_path / 'none'}\n")


def test_debug_after_the_command_shows_the_traceback_too(tmp_path):
    result = run("render", "2019", "--data", str(tmp_path / "none"), "--debug")
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.endswith(f"Lỗi: không tìm thấy thư mục dữ liệu {tmp_path / 'none'}\n")
    result = run("render", "2019", "--data", str(tmp_path / "none"))
    assert result.stderr == f"Lỗi: không tìm thấy thư mục dữ liệu {tmp_path / 'none'}\n"


def test_unexpected_errors_raise_with_debug_after_the_command(data_copy, monkeypatch):
    import bantin.render

    def boom(*_args, **_kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(bantin.render, "render", boom)
    result = run("render", "2019", "--data", str(data_copy), "--debug")
    assert isinstance(result.exception, RuntimeError)


@pytest.mark.parametrize("name", [None, *sorted(cli.commands)])
def test_every_command_help_lists_debug(name):
    result = run(*([name] if name else []), "--help")
    assert result.exit_code == 0
    assert "--debug  " in result.output
    assert "Khi có lỗi, in đầy đủ traceback (để báo lỗi)." in result.output


def test_missing_photo_file_warns_on_stderr(data_copy, tmp_path):
    settings = data_copy / "2019" / "article.toml"
    settings.write_text(
        settings.read_text("utf-8").replace('# file = "images/anh-1.jpg"', 'file = "anh.jpg"'),
        "utf-8",
    )
    result = run("render", "2019", "--data", str(data_copy), "--out", str(tmp_path / "o"))
    assert result.exit_code == 0
    assert result.stderr == (
        f"Cảnh báo: không tìm thấy ảnh 1: {data_copy / '2019' / 'anh.jpg'}; đã để chỗ trống để chèn ảnh\n"
    )


@pytest.mark.parametrize("command", [[], ["render"]])
def test_every_command_has_vietnamese_help(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Cách dùng: bantin")
    assert "Tuỳ chọn:" in result.output
    assert "bantin render 2019" in result.output
    for english in ("Usage:", "Options:", "Show this message"):
        assert english not in result.output


def test_every_command_is_documented():
    import click

    for name, command in cli.commands.items():
        assert command.help, name
        options = [p for p in command.params if isinstance(p, click.Option)]
        assert options and all(p.help for p in options), name


def test_version():
    from bantin import __version__

    result = run("--version")
    assert result.output == f"bantin {__version__}\n"


def test_python_dash_m_and_console_script(data_copy, tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bantin",
            "render",
            "2019",
            "--data",
            str(data_copy),
            "--out",
            str(tmp_path / "o"),
            "--format",
            "md",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"Đã ghi: {tmp_path / 'o' / '2019' / MD}\n"
    proc = subprocess.run(
        [sys.executable, "-m", "bantin", "render", "1800"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_the_console_script_ends_with_every_line_printed_and_the_exit_code(data_copy):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}

    def rank() -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "bantin", "rank", "2019", "--data", str(data_copy)]
        return subprocess.run(command, capture_output=True, text=True, env=env, check=False)

    expected = CliRunner().invoke(cli, ["rank", "2019", "--data", str(data_copy)])
    assert expected.exit_code == 0
    proc = rank()
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == expected.output
    bad = data_copy / "2019" / "vtlt.csv"
    bad.write_text(bad.read_text("utf-8").replace(";98;", ";9x;", 1), "utf-8")
    proc = rank()
    assert proc.returncode == 1
    assert proc.stderr.startswith("Lỗi: ") and "vtlt.csv" in proc.stderr


def test_help_does_not_import_heavy_modules():
    code = "import sys; from bantin.cli import cli\ntry: cli.main(['--help'])\nexcept SystemExit: pass\nprint(sorted(m for m in ('docx','openpyxl','markdown_it','jinja2') if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_the_library_does_not_import_click():
    # Only the command line is click's; the library is called by other programs too.
    code = (
        "import sys; import bantin.render, bantin.export, bantin.export.docx, bantin.check\n"
        "from bantin.errors import DataError\n"
        "e = DataError('sai', path='a.csv', row=3, column='điểm')\n"
        "print('click' in sys.modules, e.format_message(), e.exit_code)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout == "False a.csv:3:điểm: sai 1\n"


def test_no_partial_output_when_a_later_format_fails(data_copy, tmp_path, monkeypatch):
    import bantin.export.markdown

    def broken(*_a, **_k):
        raise ValueError("x")

    monkeypatch.setattr(bantin.export.markdown, "render_markdown", broken)
    out = tmp_path / "o"
    result = run("render", "2019", "--data", str(data_copy), "--out", str(out))
    assert result.exit_code == 1
    assert not out.exists()


def test_output_paths_stay_inside_the_output_folder(data_copy, tmp_path):
    (data_copy / "units.toml").unlink()  # no registry: names are taken as written
    for year in ("2018", "2019"):
        for name in ("cchc.csv", "vtlt.csv"):
            path = data_copy / year / name
            path.write_text(
                path.read_text("utf-8").replace("Sở Thông tin và Truyền thông", "../../Sở: TT*TT."),
                "utf-8",
            )
    publisher = data_copy / "publisher.toml"
    publisher.write_text(
        publisher.read_text("utf-8").replace(
            '"Sở Thông tin và Truyền thông"', '"../../Sở: TT*TT."'
        ),
        "utf-8",
    )
    out = tmp_path / "o"
    result = run("render", "2019", "--data", str(data_copy), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "2019",
        "2019/-..-Sở- TT-TT.docx",
        "2019/-..-Sở- TT-TT.md",
        "2019/.bantin-lock",
        "2019/bantin-manifest.json",
    ]
    assert Path(out / "2019").is_dir()


def test_rank_prints_an_aligned_table(monkeypatch):
    from .conftest import SAMPLE_DATA

    monkeypatch.chdir(SAMPLE_DATA.parent)
    result = run("rank", "2019", "--evaluation", "cchc")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "CCHC 2019 — Chỉ số cải cách hành chính (21 đơn vị)"
    assert lines[1].split() == ["Hạng", "Đơn", "vị", "Điểm", "Xếp", "loại", "So", "với", "2018"]
    assert lines[3].startswith("   1  Sở Nội vụ  ")
    assert "Sở Thông tin và Truyền thông" in lines[4] and "99,84" in lines[4]
    assert lines[4].endswith("tăng 5,02 điểm, giữ vững vị trí")
    assert lines[-1].split()[-1] == "mới"  # Ban Quản lý An toàn thực phẩm was not ranked in 2018
    # Columns line up: every score ends at the same column.
    ends = {line.index(",") + 3 for line in lines[3:]}
    assert len(ends) == 1
    assert len(lines) == 3 + 21


def test_rank_all_evaluations_and_unknown_one(monkeypatch):
    from .conftest import SAMPLE_DATA

    monkeypatch.chdir(SAMPLE_DATA.parent)
    result = run("rank", "2019")
    assert result.exit_code == 0
    assert "VTLT 2019 — công tác văn thư lưu trữ (32 đơn vị)" in result.stdout.splitlines()
    result = run("rank", "2019", "--evaluation", "xyz")
    assert result.exit_code == 1
    assert result.stderr == 'Lỗi: không có bộ chỉ số "xyz" (các bộ chỉ số: cchc, ict, vtlt)\n'
    result = run("rank", "2017")
    assert result.exit_code == 1
    assert result.stderr == "Lỗi: data: không có dữ liệu điểm nào cho năm 2017\n"


def test_init_creates_a_folder_where_render_runs_at_once(tmp_path, monkeypatch):
    target = tmp_path / "làm việc"
    result = run("init", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Đã tạo: {target / 'data'}",
        f"Đã tạo: {target / 'templates'}",
        f"Đã tạo: {target / 'README.md'}",
        f'Tiếp theo: cd "{target}" rồi chạy bantin render 2019',
    ]
    assert (target / "templates" / "evaluation.md.j2").is_file()
    assert (target / "templates" / "reference.docx").is_file()
    assert "bantin render 2019" in (target / "README.md").read_text("utf-8")
    monkeypatch.chdir(target)
    result = run("render", "2019")
    assert result.exit_code == 0, result.output
    assert (target / "output" / "2019" / MD).is_file()


def test_init_never_overwrites(tmp_path):
    (tmp_path / "data").mkdir()
    result = run("init", str(tmp_path))
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Lỗi: {tmp_path / 'data'}: đã có, bantin init không ghi đè; hãy chọn thư mục khác\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_working_folder_overrides_one_template_and_inherits_the_rest(tmp_path, monkeypatch):
    target = tmp_path / "w"
    assert run("init", str(target)).exit_code == 0
    for template in (target / "templates").glob("*.md.j2"):
        if template.name != "byline.md.j2":
            template.unlink()
    (target / "templates" / "byline.md.j2").write_text(
        "**{{ author }}** ({{ publisher.unit_abbreviation }})\n", "utf-8"
    )
    monkeypatch.chdir(target)
    assert run("render", "2019", "--format", "md").exit_code == 0
    text = (target / "output" / "2019" / MD).read_text("utf-8")
    assert text.endswith("\n\n**Thu Trang (VPS)**\n")
    assert "Trong nhóm 03 cơ quan xếp loại Rất tốt" in text


@pytest.mark.parametrize("command", ["render", "check", "validate", "rank", "init"])
def test_every_subcommand_has_vietnamese_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith(f"Cách dùng: bantin {command} [TUỲ_CHỌN]")
    assert "Ví dụ:" in result.output
    assert "Tuỳ chọn:" in result.output
    for english in ("Usage:", "Options:", "Show this message", "[default"):
        assert english not in result.output
    # Options only: the arguments are named on the usage line (click 8.5.1 lists them too).
    options = result.output.partition("Tuỳ chọn:\n")[2].splitlines()
    assert all(line.startswith(("  -", "    ")) for line in options), options


def test_group_help_lists_every_command_with_an_example():
    result = run("--help")
    for command in cli.commands:
        assert f"  {command} " in result.output
        assert f"bantin {command}" in result.output


def test_render_all_writes_one_article_per_unit_with_a_summary(data_copy, tmp_path):
    out = tmp_path / "o"
    result = run(
        "render", "2019", "--all", "--format", "md", "--data", str(data_copy), "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Đã ghi 32 bài (32 tệp) vào {out / '2019'}; bỏ qua 0.\n"
    articles = sorted(p.name for p in (out / "2019").glob("*.md"))
    assert len(articles) == 32
    assert "Sở Khoa học và Công nghệ.md" in articles
    # Each is the article from that unit's view, identical to rendering it alone.
    alone = tmp_path / "alone"
    run(
        "render",
        "2019",
        "--agency",
        "Sở Y tế",
        "--format",
        "md",
        "--data",
        str(data_copy),
        "--out",
        str(alone),
    )
    assert (out / "2019" / "Sở Y tế.md").read_bytes() == (
        alone / "2019" / "Sở Y tế.md"
    ).read_bytes()


def test_render_all_is_deterministic_and_skips_edited_drafts(data_copy, tmp_path):
    out = tmp_path / "o"
    args = [
        "render",
        "2019",
        "--all",
        "--format",
        "md",
        "--data",
        str(data_copy),
        "--out",
        str(out),
    ]
    assert run(*args).exit_code == 0
    first = {p.name: p.read_bytes() for p in (out / "2019").glob("*.md")}
    edited = out / "2019" / "Sở Y tế.md"
    edited.write_text(edited.read_text("utf-8") + "\nGhi chú của biên tập viên.\n", "utf-8")
    kept = edited.read_bytes()
    result = run(*args)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"Đã ghi 31 bài (31 tệp) vào {out / '2019'}; bỏ qua 1.",
        f"Bỏ qua Sở Y tế: {edited}: đã được sửa sau lần bantin ghi trước nên không ghi đè; "
        "thêm --force để cất bản đã sửa thành bản sao có ngày giờ rồi ghi bản mới",
    ]
    assert edited.read_bytes() == kept
    second = {p.name: p.read_bytes() for p in (out / "2019").glob("*.md")}
    assert {k: v for k, v in second.items() if k != "Sở Y tế.md"} == {
        k: v for k, v in first.items() if k != "Sở Y tế.md"
    }


def test_render_all_and_agency_are_exclusive(data_copy):
    result = run("render", "2019", "--all", "--agency", "Sở Y tế", "--data", str(data_copy))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Lỗi: --all và --agency không dùng cùng nhau"


def test_render_html_prints_both_html_files(data_copy, tmp_path):
    out = tmp_path / "o"
    result = run("render", "2019", "--format", "html", "--data", str(data_copy), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Đã ghi: {out / '2019' / 'Sở Thông tin và Truyền thông.html'}\n"
        f"Đã ghi: {out / '2019' / 'Sở Thông tin và Truyền thông (xem trước).html'}\n"
    )


def templates_with_body_text_of(size: int, folder: Path) -> Path:
    """A templates folder whose reference.docx sets body text in `size` points."""
    from docx.shared import Pt

    from bantin.export.reference import build_reference

    templates = folder / "templates"
    templates.mkdir()
    reference = build_reference()
    reference.styles["Body Text"].font.size = Pt(size)
    reference.save(str(templates / "reference.docx"))
    return templates


def test_render_with_a_reference_document_in_templates(data_copy, tmp_path):
    import docx

    templates = templates_with_body_text_of(12, tmp_path)
    out = tmp_path / "o"
    result = run(
        "render",
        "2019",
        "--format",
        "docx",
        "--data",
        str(data_copy),
        "--out",
        str(out),
        "--templates",
        str(templates),
    )
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out / "2019" / DOCX))
    assert document.styles["Body Text"].font.size.pt == 12


def test_check_with_year_and_agency_options(data_copy, tmp_path):
    out = tmp_path / "o"
    run(
        "render",
        "2019",
        "--agency",
        "Sở Nội vụ",
        "--format",
        "md",
        "--data",
        str(data_copy),
        "--out",
        str(out),
    )
    draft = tmp_path / "copy.md"
    draft.write_bytes((out / "2019" / "Sở Nội vụ.md").read_bytes())  # away from its manifest
    result = run(
        "check", str(draft), "--data", str(data_copy), "--year", "2019", "--agency", "Sở Nội vụ"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("Đã kiểm tra ")
    assert result.stdout.splitlines()[-1].endswith(
        " số liệu của Sở Nội vụ năm 2019: khớp với dữ liệu."
    )


def test_init_defaults_to_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Đã tạo: data"
    assert (tmp_path / "data" / "publisher.toml").is_file()


def test_render_all_keeps_units_whose_names_differ_only_in_accents_apart(tmp_path):
    data = tmp_path / "data"
    (data / "evaluations").mkdir(parents=True)
    (data / "2019").mkdir()
    (data / "publisher.toml").write_text(
        'focus_agency = "Xã Thạnh Lộc"\nauthor = "Thu Trang"\nunit_abbreviation = "VPS"\n'
        'city = "Đà Nẵng"\n',
        "utf-8",
    )
    (data / "evaluations" / "xa.toml").write_text(
        'name = "Chỉ số cải cách hành chính cấp xã"\nshort_name = "CCHC"\n'
        'topic = "cải cách hành chính"\ngroup = "Khối xã"\nscore_label = "điểm"\n'
        'unit_noun = "xã"\n\n[[bands]]\nname = "Tốt"\nminimum = "80"\n\n'
        '[[bands]]\nname = "Khá"\nminimum = "0"\n',
        "utf-8",
    )
    (data / "2019" / "xa.csv").write_text(
        "STT;Đơn vị;Điểm\n1;Xã Thạnh Lộc;91\n2;Xã Thành Lộc;85\n3;Xã Tân Phú;70\n", "utf-8"
    )
    out = tmp_path / "o"
    result = run(
        "render", "2019", "--all", "--format", "md", "--data", str(data), "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    folder = out / "2019"
    assert sorted(p.name for p in folder.glob("*.md")) == [
        "Xã Thành Lộc.md",
        "Xã Thạnh Lộc.md",
        "Xã Tân Phú.md",
    ]
    assert "Xã Thành Lộc xếp hạng Nhì" in (folder / "Xã Thành Lộc.md").read_text("utf-8")
    assert "Xã Thạnh Lộc xếp hạng Nhất" in (folder / "Xã Thạnh Lộc.md").read_text("utf-8")


@pytest.mark.parametrize("formats", ["docx", "docx,md"])
def test_a_broken_reference_document_is_one_vietnamese_error(data_copy, tmp_path, formats):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "reference.docx").write_bytes(b"PK\x03\x04 not really a docx")
    out = tmp_path / "o"
    result = run(
        "render", "2019", "--data", str(data_copy), "--out", str(out),
        "--templates", str(templates), "--format", formats,
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        f"Lỗi: {templates / 'reference.docx'}: không mở được tài liệu mẫu: tệp không phải DOCX "
        "hoặc đã hỏng; lưu lại bằng Word dưới dạng .docx, hoặc xoá tệp để dùng mẫu có sẵn\n"
    )
    assert not out.exists()


def _bantin_to_a_file(args: list[str], tmp_path: Path, encoding: str | None):
    """Run `python -m bantin ARGS` with stdout and stderr redirected to files, as
    `bantin ... > log.txt` does on a Windows PC; PYTHONIOENCODING stands for its code page."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    if encoding is not None:
        env["PYTHONIOENCODING"] = encoding
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.run(
            [sys.executable, "-m", "bantin", *args],
            stdout=stdout,
            stderr=stderr,
            env=env,
            cwd=tmp_path,
            timeout=300,
            check=False,
        )
    return proc.returncode, out.read_bytes(), err.read_bytes()


@pytest.mark.parametrize("encoding", ["cp1252", "cp1258"])
@pytest.mark.parametrize(
    "command",
    [
        ["--help"],
        ["render", "--help"],
        ["render", "2019", "--format", "md"],
        ["render", "2019", "--all", "--format", "md"],
        ["validate", "2019"],
        ["rank", "2019"],
        ["check", "output/2019/Sở Thông tin và Truyền thông.md"],
        ["init", "moi"],
        ["render", "1800"],
    ],
    ids=lambda c: "-".join(c)[:30],
)
def test_every_command_works_when_the_console_is_not_utf8(data_copy, tmp_path, encoding, command):
    work = data_copy.parent
    if command[0] == "check":
        assert run("render", "2019", "--format", "md", "--data", str(data_copy),
                   "--out", str(work / "output")).exit_code == 0  # fmt: skip
    code, out, err = _bantin_to_a_file(command, work, encoding)
    assert b"Traceback" not in err, err.decode(encoding, "replace")
    assert code == (2 if command[-1] == "1800" else 0), err.decode(encoding, "replace")
    # What the code page can show, and "?" for the letters it lacks: the command's own
    # words that every code page has must be there.
    shown = (err if command[-1] == "1800" else out).decode(encoding)
    if command[-1] == "1800":
        expected = "1800"  # the usage error names the value refused
    elif command[-1] == "--help":
        expected = "bantin"
    else:
        expected = {"render": "2019", "validate": "CCHC", "rank": "CCHC", "check": "2019"}.get(
            command[0], "moi"
        )
    assert expected in shown, shown


def test_redirected_output_without_an_encoding_asked_for_is_utf8(monkeypatch):
    # What a Windows PC does with `bantin ... > log.txt`: the stream gets the code page.
    import io

    from bantin.clikit import readable_anywhere

    monkeypatch.delenv("PYTHONIOENCODING", raising=False)

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1258", errors="strict")
    readable_anywhere(stream)
    stream.write("Đã ghi: Sở Nội vụ.docx\n")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "Đã ghi: Sở Nội vụ.docx\n"
    for utf8 in ("utf-8", "UTF8", "utf_8"):
        stream = io.TextIOWrapper(io.BytesIO(), encoding=utf8)
        readable_anywhere(stream)
        assert stream.encoding == utf8 and stream.errors == "strict"


def test_bantin_writes_nothing_outside_the_folders_it_is_given(data_copy, tmp_path):
    # No cache in the home folder, no compiled templates in the temporary folder: a render,
    # a batch in worker processes, a check and --help leave both as they found them.
    home, temporary = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temporary.mkdir()
    env = {
        k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", "PYTHONPYCACHEPREFIX")
    }
    env.update(HOME=str(home), USERPROFILE=str(home), TMPDIR=str(temporary), TEMP=str(temporary))
    env.update(TMP=str(temporary), PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    out = tmp_path / "out"
    base = ["--data", str(data_copy)]
    # A chart too: matplotlib saves its font list in the profile unless told otherwise.
    charted = tmp_path / "charted"
    shutil.copytree(data_copy, charted)
    settings = charted / "2019" / "article.toml"
    settings.write_text("chart = true\n" + settings.read_text("utf-8"), "utf-8")
    commands = [
        ["--help"],
        ["render", "--help"],
        ["render", "2019", "--data", str(charted), "--out", str(out / "charted")],
        ["render", "2019", *base, "--out", str(out)],
        ["render", "2019", "--all", "--jobs", "2", *base, "--out", str(out), "--force"],
        ["check", str(out / "2019" / MD), *base],
        ["validate", "2019", *base],
        ["rank", "2019", *base],
    ]
    for command in commands:
        proc = subprocess.run(
            [sys.executable, "-m", "bantin", *command],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=300,
            check=False,
        )
        assert proc.returncode == 0, (command, proc.stderr)
    assert list(home.rglob("*")) == []
    assert list(temporary.rglob("*")) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["charted", "data", "home", "out", "tmp"]


def test_check_rank_and_init_do_not_load_the_template_engine():
    # The facts of an article are worked out without Jinja (bantin.compose.facts).
    code = "import sys, bantin.check, bantin.table, bantin.init; print('jinja2' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout == "False\n"


def test_help_is_clicks_import_and_nothing_more():
    # pathlib (with urllib.parse, fnmatch...) is imported only when a path option is parsed.
    # -S: no .pth files, so an editable install's import hook (which imports pathlib) stays
    # out; bantin and click are found through the paths this process uses.
    import site

    import bantin

    paths = [str(Path(bantin.__file__).parents[1]), *site.getsitepackages()]
    code = (
        f"import sys; sys.path[:0] = {paths!r}\n"
        "from bantin.cli import cli\ntry: cli.main(['--help'])\nexcept SystemExit: pass\n"
        "print('pathlib' in sys.modules, 'click' in sys.modules)"
    )
    proc = subprocess.run(
        [sys.executable, "-S", "-c", code], capture_output=True, text=True, check=True
    )
    assert proc.stdout.strip().splitlines()[-1] == "False True"
