"""Start the desk: waitress on 127.0.0.1, the address printed, the browser opened."""

from __future__ import annotations

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

    server = make_server(data_dir, out_dir, templates, port)
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
