"""Start the desk: waitress on 127.0.0.1, the address printed, the browser opened."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bantin.errors import BantinError

DEFAULT_PORT = 8765


def serve(
    data_dir: Path,
    out_dir: Path,
    templates: Path | None,
    port: int,
    open_browser: bool,
    echo: Callable[[str], None] = print,
) -> None:
    """Serve the desk until Ctrl+C; only this machine can reach it."""
    import webbrowser

    try:
        server = make_server(data_dir, out_dir, templates, port)
    except BantinError:
        # Started twice (a second double-click on Mo bantin.cmd): the desk already serving
        # this folder is opened instead; another program on the port is told as before.
        serving = serving_folder(port)
        if serving is None:
            raise
        address = f"http://127.0.0.1:{port}/"
        if serving != os.path.realpath(data_dir):
            raise BantinError(
                f"cổng {port} đang có một bantin khác chạy cho thư mục dữ liệu {serving}; "
                "đóng cửa sổ bantin đó, hoặc chạy lại với --port SỐ_KHÁC, ví dụ --port 8766"
            ) from None
        echo(f"bantin đã đang chạy tại {address} (ở một cửa sổ khác); mở trang đó.")
        if open_browser:
            webbrowser.open(address)
        return
    address = f"http://127.0.0.1:{server.effective_port}/"
    echo(f"bantin đang chạy tại {address}")
    echo("Mở địa chỉ trên trong trình duyệt (Chrome, Edge, Firefox). Nhấn Ctrl+C để dừng.")
    if open_browser:
        webbrowser.open(address)
    try:
        server.run()  # waitress returns from here on Ctrl+C
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    echo("Đã dừng bantin.")


def serving_folder(port: int) -> str | None:
    """The data folder of the desk serving on 127.0.0.1:`port`, or None when what answers
    there (if anything) is no bantin desk."""
    import json
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/thu-muc", timeout=1) as answer:
            folder = json.loads(answer.read().decode("utf-8")).get("du_lieu")
    except Exception:  # nothing, or not bantin: refused, timed out, not JSON
        return None
    return folder if isinstance(folder, str) else None


def make_server(data_dir: Path, out_dir: Path, templates: Path | None, port: int) -> Any:
    """A waitress server bound to 127.0.0.1:`port` (0: any free port), not yet serving."""
    import socket

    from waitress.server import create_server

    from bantin.desk.app import create_app
    from bantin.desk.workspace import Workspace

    # The socket is bound here, so that a busy port is one Vietnamese line and no socket
    # is left open; waitress serves on it.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.bind(("127.0.0.1", port))
    except OSError as e:
        listener.close()
        raise BantinError(
            f"không mở được cổng {port} ({e.strerror or e}); cổng đang bận? "
            "chạy lại với --port SỐ_KHÁC, ví dụ --port 8766"
        ) from None
    bound = listener.getsockname()[1]
    app = create_app(Workspace(data_dir, out_dir, templates), port=bound)
    return create_server(app, sockets=[listener], threads=4, ident="bantin")
