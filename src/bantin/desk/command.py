"""The `bantin serve` command, registered on the CLI's group (cli.py stays a thin layer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from bantin.cli import DATA_OPTION, OUT_OPTION, TEMPLATES_OPTION, _run, command

if TYPE_CHECKING:
    from pathlib import Path


@command("Mở trang làm việc trong trình duyệt, không cần gõ lệnh.")
@DATA_OPTION
@OUT_OPTION
@TEMPLATES_OPTION
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    metavar="SỐ",
    help="Cổng trên máy này (mặc định: 8765; 0: cổng trống bất kỳ).",
)
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt.")
@click.pass_context
def serve(
    ctx: click.Context,
    data_dir: Path,
    out_dir: Path,
    templates: Path,
    port: int,
    no_browser: bool,
) -> None:
    """Mở trang làm việc của bantin trên máy này (chỉ máy này truy cập được).

    Ví dụ: bantin serve   (Windows: bấm đúp Mo bantin.cmd trong thư mục bantin)
    """
    from bantin.desk.server import serve as run_server

    _run(ctx, run_server, data_dir, out_dir, templates, port, not no_browser, click.echo)
