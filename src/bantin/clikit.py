"""click, in Vietnamese: help headings, usage errors, paths, and output any console can take."""

from __future__ import annotations

import codecs
import os
import sys
from typing import Any, TextIO

import click

from bantin.errors import BantinError


class PathType(click.Path):
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
    ("is not one of", "không phải là một trong"),
    ("(Possible options:", "(Các tuỳ chọn gần giống:"),
    ("Option", "tuỳ chọn"),
)


def _translate_usage(message: str) -> str:
    for english, vietnamese in _USAGE_TRANSLATIONS:
        message = message.replace(english, vietnamese)
    return message


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
