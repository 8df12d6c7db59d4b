"""The command line: a thin click layer, in Vietnamese. Each command calls one library function."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from bantin import __version__
from bantin.clikit import Group, PathType, readable_anywhere
from bantin.errors import BantinError

if TYPE_CHECKING:
    from pathlib import Path

FORMAT_NAMES = ("docx", "md", "html", "pdf")


HELP = {"help_option_names": ["-h", "--help"]}


HELP_OPTION = click.help_option("-h", "--help", help="Hiện trợ giúp này rồi thoát.")
DEBUG_HELP = "Khi có lỗi, in đầy đủ traceback (để báo lỗi)."


def _debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # The group's callback has run by now and shares its ctx.obj with the command's
    # context: `bantin render 2019 --debug` and `bantin --debug render 2019` are the same.
    if value:
        ctx.ensure_object(dict)["debug"] = True


# --debug after the command too: users add it to the command they just ran.
DEBUG_OPTION = click.option(
    "--debug", is_flag=True, expose_value=False, callback=_debug, help=DEBUG_HELP
)


@click.group(
    cls=Group,
    context_settings=HELP,
    options_metavar="[TUỲ_CHỌN]",
    subcommand_metavar="LỆNH [THAM_SỐ]...",
)
@click.version_option(
    __version__, "--version", message="bantin %(version)s", help="Hiện phiên bản rồi thoát."
)
@HELP_OPTION
@click.option("--debug", is_flag=True, help=DEBUG_HELP)
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """bantin: soạn bản tin về kết quả xếp hạng (CCHC, VTLT...) từ dữ liệu điểm.

    \b
    Ví dụ:
      bantin serve                 làm mọi việc trên trang web của bantin (dễ nhất)
      bantin init ban-tin          tạo thư mục làm việc có dữ liệu mẫu
      bantin validate 2019         kiểm tra dữ liệu năm 2019
      bantin rank 2019             xem bảng xếp hạng
      bantin render 2019           soạn bài, ghi output/2019/ (DOCX, Markdown)
      bantin check "output/2019/Sở Thông tin và Truyền thông.docx"
                                   đối chiếu bản đã sửa với dữ liệu
    """
    ctx.obj = {"debug": debug}


# Options several commands share, defined once.
YEAR_ARGUMENT = click.argument("year", type=click.IntRange(1900, 2999), metavar="NĂM")
DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=PathType(file_okay=False),
    metavar="THƯ_MỤC",
    default="data",
    help="Thư mục dữ liệu (mặc định: data).",
)


OUT_OPTION = click.option(
    "--out",
    "out_dir",
    type=PathType(file_okay=False),
    metavar="THƯ_MỤC",
    default="output",
    help="Thư mục ghi bản tin (mặc định: output); bài được ghi vào <thư mục>/<năm>/.",
)


def _templates(ctx: click.Context, _param: click.Parameter, value: Path) -> Path:
    source = ctx.get_parameter_source("templates")
    if source is not click.core.ParameterSource.DEFAULT and not value.is_dir():
        raise click.BadParameter(f'không có thư mục "{value}"; sửa lại tên hoặc bỏ --templates')
    return value  # a folder named must exist (a typo is no fall-back); the default may not


TEMPLATES_OPTION = click.option(
    "--templates",
    type=PathType(file_okay=False),
    metavar="THƯ_MỤC",
    default="templates",
    callback=_templates,
    help="Thư mục mẫu câu chữ và reference.docx ghi đè mẫu có sẵn (mặc định: templates).",
)


def command(short_help: str) -> Callable[[Callable[..., Any]], click.Command]:
    """A subcommand of `bantin`, with Vietnamese help and its one-line summary."""

    def decorate(function: Callable[..., Any]) -> click.Command:
        register = cli.command(
            context_settings=HELP, options_metavar="[TUỲ_CHỌN]", short_help=short_help
        )
        return register(DEBUG_OPTION(HELP_OPTION(function)))

    return decorate


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    unknown = [n for n in names if n not in FORMAT_NAMES]
    if unknown or not names:
        raise click.BadParameter(
            f'định dạng "{",".join(unknown) or value}" không hỗ trợ; dùng docx, md, html, pdf '
            "hoặc kết hợp, ví dụ docx,md"
        )
    return names


@command("Soạn bản tin, ghi DOCX và Markdown (HTML nếu cần).")
@YEAR_ARGUMENT
@DATA_OPTION
@OUT_OPTION
@click.option(
    "--format",
    "formats",
    default="docx,md",
    metavar="ĐỊNH_DẠNG",
    callback=_formats,
    help="Định dạng cần ghi: docx, md, html, pdf, cách nhau bằng dấu phẩy (mặc định: docx,md).",
)
@click.option(
    "--html-images",
    type=click.Choice(["inline", "files"]),
    default="inline",
    help="Ảnh của HTML: inline (nằm ngay trong tệp, mặc định) hoặc files (tệp trong images/).",
)
@click.option(
    "--agency",
    default=None,
    metavar="TÊN",
    help="Viết bài cho đơn vị này thay cho đơn vị mặc định.",
)
@TEMPLATES_OPTION
@click.option(
    "--all",
    "all_units",
    is_flag=True,
    help="Viết một bài cho mỗi đơn vị có kết quả trong năm.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="SỐ",
    help="Với --all: số tiến trình soạn bài song song (mặc định: theo số nhân CPU).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Ghi cả khi bản cũ đã được sửa; bản đã sửa được cất thành bản sao có ngày giờ.",
)
@click.pass_context
def render(
    ctx: click.Context,
    year: int,
    data_dir: Path,
    out_dir: Path,
    formats: tuple[str, ...],
    html_images: str,
    agency: str | None,
    templates: Path,
    all_units: bool,
    jobs: int | None,
    force: bool,
) -> None:
    """Soạn bản tin của một năm và ghi ra DOCX và Markdown.

    Ví dụ: bantin render 2019 --agency "Sở Nội vụ"
    """
    formats += ("html-images=files",) if html_images == "files" else ()  # HTML_IMAGE_FILES
    if all_units:
        if agency is not None:
            raise click.UsageError("--all và --agency không dùng cùng nhau", ctx)
        _render_all(ctx, data_dir, out_dir, year, formats, templates, force, jobs)
        return
    if jobs is not None:
        raise click.UsageError("--jobs chỉ dùng cùng --all", ctx)
    from bantin.render import render as render_year

    result = _run(
        ctx, render_year, data_dir, out_dir, year, formats, agency, templates, None, force
    )
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
    for line in result.renamed:
        click.echo(line)
    for backup in result.backups:
        click.echo(f"Đã cất bản đã sửa: {_display(backup)}")
    for path in result.written:
        click.echo(f"Đã ghi: {_display(path)}")


@command("Đối chiếu số liệu của bản thảo với dữ liệu.")
@click.argument("draft", type=PathType(dir_okay=False), metavar="TỆP")
@DATA_OPTION
@click.option(
    "--year",
    type=click.IntRange(1900, 2999),
    metavar="NĂM",
    default=None,
    help="Năm của bản tin, khi tệp không ghi sẵn (tệp bantin ghi thì có).",
)
@click.option("--agency", default=None, metavar="TÊN", help="Đơn vị chính của bản tin.")
@click.option("--annotate", is_flag=True, help="Ghi bản sao có nhận xét Word ở mỗi chỗ sai.")
@click.pass_context
def check(
    ctx: click.Context,
    draft: Path,
    data_dir: Path,
    year: int | None,
    agency: str | None,
    annotate: bool,
) -> None:
    """Đối chiếu mọi con số của một bản thảo (DOCX hoặc Markdown) với dữ liệu.

    Thoát với mã 0 khi khớp, 1 khi có chỗ sai. --annotate ghi thêm bản sao
    "<tên> (đã kiểm tra).docx" có nhận xét Word ở mỗi chỗ sai; tệp gốc giữ nguyên.

    \b
    Ví dụ:
      bantin check "output/2019/Sở Thông tin và Truyền thông.docx" --annotate
    """
    from bantin.check import annotate_report, check_draft, format_report

    if annotate and draft.suffix.lower() != ".docx":
        raise click.UsageError("--annotate chỉ dùng với tệp .docx", ctx)
    report = _run(ctx, check_draft, draft, data_dir, year, agency)
    for line in format_report(report):
        click.echo(line)
    if annotate:
        click.echo(_run(ctx, annotate_report, draft, report))
    if not report.ok:
        ctx.exit(1)


@command("Kiểm tra dữ liệu của một năm, không ghi gì.")
@YEAR_ARGUMENT
@DATA_OPTION
@TEMPLATES_OPTION
@click.pass_context
def validate(ctx: click.Context, year: int, data_dir: Path, templates: Path) -> None:
    """Kiểm tra dữ liệu của một năm mà không ghi gì; liệt kê mọi lỗi và cảnh báo.

    Ví dụ: bantin validate 2019
    """
    from bantin.validate import format_validation, validate_year

    report = _run(ctx, validate_year, data_dir, year, templates)
    for line in format_validation(report):
        click.echo(line)
    if not report.ok:
        ctx.exit(1)


@command("In bảng xếp hạng của một năm.")
@YEAR_ARGUMENT
@DATA_OPTION
@click.option(
    "--evaluation", metavar="MÃ", default=None, help="Chỉ in bộ chỉ số này (ví dụ: cchc)."
)
@click.pass_context
def rank(ctx: click.Context, year: int, data_dir: Path, evaluation: str | None) -> None:
    """In bảng xếp hạng: hạng, đơn vị, điểm, xếp loại, thay đổi so với năm trước.

    Ví dụ: bantin rank 2019 --evaluation cchc
    """
    from bantin.table import ranking_tables

    for line in _run(ctx, ranking_tables, data_dir, year, evaluation):
        click.echo(line)


@command("Tạo thư mục làm việc có dữ liệu mẫu.")
@click.argument("folder", type=PathType(file_okay=False), metavar="THƯ_MỤC", default=".")
@click.pass_context
def init(ctx: click.Context, folder: Path) -> None:
    """Tạo thư mục làm việc mới: dữ liệu mẫu, mẫu câu chữ để sửa, hướng dẫn.

    Ví dụ: bantin init ban-tin-2020
    """
    from bantin.init import init_folder

    for path in _run(ctx, init_folder, folder):
        click.echo(f"Đã tạo: {_display(path)}")
    click.echo(f'Tiếp theo: cd "{folder}" rồi chạy bantin render 2019')


def _render_all(
    ctx: click.Context,
    data_dir: Path,
    out_dir: Path,
    year: int,
    formats: tuple[str, ...],
    templates: Path,
    force: bool,
    jobs: int | None = None,
) -> None:
    """`render --all`: a progress bar on stderr, then a closing summary."""
    from bantin.render import render_all

    bar: Any = None

    def progress(done: int, total: int, unit: str) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="Đang soạn", file=sys.stderr)
            bar.__enter__()
        bar.update(1)

    try:
        result = _run(
            ctx, render_all, data_dir, out_dir, year, formats, templates, force, progress, jobs
        )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    files = sum(len(paths) for _, paths in result.written)
    click.echo(
        f"Đã ghi {len(result.written)} bài ({files} tệp) vào {_display(result.folder)}; "
        f"bỏ qua {len(result.skipped)}."
    )
    for line in result.renamed:
        click.echo(line)
    for backup in result.backups:
        click.echo(f"Đã cất bản đã sửa: {_display(backup)}")
    for unit, reason in result.skipped:
        click.echo(f"Bỏ qua {unit}: {reason}")
    if result.skipped:
        ctx.exit(1)


def _run(ctx: click.Context, function: Any, *args: Any) -> Any:
    """Call a library function; with --debug, print the traceback of a user-facing error too."""
    try:
        return function(*args)
    except BantinError:
        if ctx.obj and ctx.obj.get("debug"):
            import traceback  # here, so that a render without --debug does not import it

            traceback.print_exc()
        raise
    except Exception as e:
        if ctx.obj and ctx.obj.get("debug"):
            raise
        raise BantinError(
            f"lỗi ngoài dự kiến ({type(e).__name__}: {e}); chạy lại với --debug để xem chi tiết"
        ) from e


def _display(path: Path) -> str:
    from pathlib import Path

    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# The cycle collector's thresholds while a command runs, as mypy sets them in its entry
# point: a command makes many small objects that live until it ends (a ranking's records,
# a batch's rankings), and the default rhythm walks them again and again: a third of
# ranking 100,000 units (bench/README.md). Library code leaves the collector alone.
COLLECTOR_THRESHOLDS = (200_000, 30, 30)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `bantin` console script and of `python -m bantin`."""
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    for stream in (sys.stdout, sys.stderr):
        readable_anywhere(stream)
    try:
        cli.main(args=argv, prog_name="bantin")
    except BrokenPipeError:
        # The reader went away (`bantin rank 2019 | more`, closed early): nothing is lost,
        # and Python must not complain again when it flushes the pipe on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


# `bantin serve` lives with the desk (bantin.desk.command); importing it registers it.
from bantin.desk import command as _desk  # noqa: E402, F401
