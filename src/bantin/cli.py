"""The command line: a thin click layer, in Vietnamese. Each command calls one library function."""

from __future__ import annotations

import codecs
import gc
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

import click

from bantin import __version__
from bantin.errors import BantinError

if TYPE_CHECKING:
    from pathlib import Path

FORMAT_NAMES = ("docx", "md", "html")


class _PathType(click.Path):
    """click.Path giving pathlib.Path values. pathlib (with fnmatch, urllib.parse...) is
    imported when a path is given, not for `bantin --help`: a tenth of the help's time."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from pathlib import Path

        return Path(os.fsdecode(super().convert(value, param, ctx)))


class _VietnameseHelp:
    """Headings of click's help pages in Vietnamese."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Cách dùng: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Options only: click 8.5.1 gives arguments a row too (NĂM, with nothing beside it),
        # and the usage line already names them.
        params = self.get_params(ctx)  # type: ignore[attr-defined]
        records = [
            r for p in params if isinstance(p, click.Option) and (r := p.get_help_record(ctx))
        ]
        if records:
            with formatter.section("Tuỳ chọn"):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            commands = [
                (name, cmd.get_short_help_str(limit=70))
                for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden
            ]
            if commands:
                with formatter.section("Lệnh"):
                    formatter.write_dl(commands)


class Command(_VietnameseHelp, click.Command):
    """A click command with Vietnamese help headings."""


class Group(_VietnameseHelp, click.Group):
    """A click group with Vietnamese help headings and Vietnamese error reporting."""

    command_class = Command

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the CLI; in standalone mode, report errors in Vietnamese and exit 0, 1 or 2."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as e:
            if e.ctx is not None:
                click.echo(e.ctx.get_usage(), err=True)
                click.echo(f"Xem thêm: {e.ctx.command_path} --help", err=True)
            click.echo(f"Lỗi: {_translate_usage(e.format_message())}", err=True)
            sys.exit(2)
        except BantinError as e:
            click.echo(f"Lỗi: {e.format_message()}", err=True)
            sys.exit(e.exit_code)
        except click.ClickException as e:
            e.show()
            sys.exit(e.exit_code)
        except click.Abort:
            click.echo("Đã huỷ.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


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
    type=_PathType(file_okay=False),
    metavar="THƯ_MỤC",
    default="data",
    help="Thư mục dữ liệu (mặc định: data).",
)
TEMPLATES_OPTION = click.option(
    "--templates",
    type=_PathType(file_okay=False),
    metavar="THƯ_MỤC",
    default="templates",
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
            f'định dạng "{",".join(unknown) or value}" không hỗ trợ; dùng docx, md, html '
            "hoặc kết hợp, ví dụ docx,md"
        )
    return names


@command("Soạn bản tin, ghi DOCX và Markdown (HTML nếu cần).")
@YEAR_ARGUMENT
@DATA_OPTION
@click.option(
    "--out",
    "out_dir",
    type=_PathType(file_okay=False),
    metavar="THƯ_MỤC",
    default="output",
    help="Thư mục ghi bản tin (mặc định: output); bài được ghi vào <thư mục>/<năm>/.",
)
@click.option(
    "--format",
    "formats",
    default="docx,md",
    metavar="ĐỊNH_DẠNG",
    callback=_formats,
    help="Định dạng cần ghi: docx, md, html, cách nhau bằng dấu phẩy (mặc định: docx,md).",
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
    agency: str | None,
    templates: Path,
    all_units: bool,
    jobs: int | None,
    force: bool,
) -> None:
    """Soạn bản tin của một năm và ghi ra DOCX và Markdown.

    Ví dụ: bantin render 2019 --agency "Sở Nội vụ"
    """
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
@click.argument("draft", type=_PathType(dir_okay=False), metavar="TỆP")
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
def check(ctx: click.Context, /, draft: Path, data_dir: Path, annotate: bool, **given: Any) -> None:
    """Đối chiếu mọi con số của một bản thảo (DOCX hoặc Markdown) với dữ liệu.

    Thoát với mã 0 khi khớp, 1 khi có chỗ sai. --annotate ghi thêm bản sao
    "<tên> (đã kiểm tra).docx" có nhận xét Word ở mỗi chỗ sai. Ví dụ:
    bantin check "output/2019/Sở Thông tin và Truyền thông.docx" --annotate
    """
    from bantin.check import annotate_report, check_draft, format_report

    if annotate and draft.suffix.lower() != ".docx":
        raise click.UsageError("--annotate chỉ dùng với tệp .docx", ctx)
    report = _run(ctx, check_draft, draft, data_dir, given["year"], given["agency"])
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
@click.argument("folder", type=_PathType(file_okay=False), metavar="THƯ_MỤC", default=".")
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


_USAGE_TRANSLATIONS = (
    ("Missing argument", "thiếu tham số"),
    ("Missing option", "thiếu tuỳ chọn"),
    ("No such option", "không có tuỳ chọn"),
    ("No such command", "không có lệnh"),
    ("Invalid value for", "giá trị không hợp lệ cho"),
    ("is not in the range", "không nằm trong khoảng"),
    ("is not a valid integer range", "không phải là số nguyên hợp lệ"),
    ("is not a valid integer", "không phải là số nguyên hợp lệ"),
    ("Got unexpected extra argument", "thừa tham số"),
    ("Got unexpected extra arguments", "thừa tham số"),
    ("requires an argument", "cần một giá trị"),
    ("Did you mean", "Có phải là"),
    ("(Possible options:", "(Các tuỳ chọn gần giống:"),
    ("Option", "tuỳ chọn"),
)


def _translate_usage(message: str) -> str:
    for english, vietnamese in _USAGE_TRANSLATIONS:
        message = message.replace(english, vietnamese)
    return message


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


def readable_anywhere(stream: TextIO | None) -> None:
    """Let `stream` take any Vietnamese text instead of failing on the first letter.

    A Windows console takes Unicode as it is; output redirected to a file or a pipe gets
    the system's legacy code page (cp1258, cp1252), which cannot write "Đã ghi" and would
    end a finished render with UnicodeEncodeError. Such output is written as UTF-8
    (Notepad and every editor read it), unless PYTHONIOENCODING asks for an encoding:
    then letters it lacks become "?", and the command still does its work.
    """
    if stream is None or not hasattr(stream, "reconfigure"):
        return
    try:
        if codecs.lookup(stream.encoding).name in ("utf-8", "utf-8-sig"):
            return
        if os.environ.get("PYTHONIOENCODING") or stream.isatty():
            stream.reconfigure(errors="replace")
        else:
            stream.reconfigure(encoding="utf-8")
    except (LookupError, OSError, ValueError):  # closed or detached: nothing to print to
        pass
