"""The desk's web application: Flask pages over the functions the CLI calls.

Safety as Datasette and Jupyter Server do it for a local server that every web page the
user opens can reach: only requests whose Host is this machine's own name on the serving
port are answered (DNS rebinding), every request that changes anything carries the
session's token (CSRF), uploads are size-limited, and no path is taken from a request.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from flask import Flask, abort, redirect, render_template, request, session, url_for
from werkzeug.exceptions import HTTPException

from bantin.desk.batch import Batches
from bantin.desk.checking import Copies
from bantin.desk.workspace import Workspace
from bantin.errors import BantinError

# Upload limit: a score file of ten thousand units is a few hundred kilobytes; photos
# from a phone are a few megabytes.
MAX_UPLOAD = 20 * 1024 * 1024
LOCAL_NAMES = ("127.0.0.1", "localhost")
ERRORS = {
    400: "Yêu cầu không hợp lệ.",
    403: "Trang đã cũ hoặc yêu cầu không đến từ trang của bantin: tải lại trang rồi làm lại.",
    404: "Không có trang này.",
    405: "Không làm được việc này ở địa chỉ này.",
    413: f"Tệp quá lớn: tối đa {MAX_UPLOAD // (1024 * 1024)} MB.",
    500: "Lỗi ngoài dự kiến; xem cửa sổ đang chạy bantin serve để biết chi tiết.",
}


def create_app(workspace: Workspace, port: int | None = None) -> Flask:
    """The application over a working folder; `port` is the one it is served on (None:
    in-process tests, whose requests name the host without a port)."""
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),  # a new session per start: old pages need a reload
        MAX_CONTENT_LENGTH=MAX_UPLOAD,
        # Cookies do not tell ports apart: another local application's "session" cookie
        # must not replace the desk's.
        SESSION_COOKIE_NAME="bantin-desk",
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_HTTPONLY=True,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.extensions["bantin"] = workspace
    app.extensions["bantin.batches"] = Batches()
    app.extensions["bantin.copies"] = Copies()
    allowed = {f"{name}:{port}" if port is not None else name for name in LOCAL_NAMES}
    app.config["DESK_HOSTS"] = allowed

    @app.before_request
    def guard() -> None:
        if request.host not in app.config["DESK_HOSTS"]:
            abort(400, description="host")
        if request.content_length is not None and request.content_length > MAX_UPLOAD:
            abort(413)  # before the body is read at all
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            sent = request.form.get("csrf_token", "")
            if not sent or not hmac.compare_digest(sent, csrf_token()):
                abort(403)

    @app.after_request
    def headers(response: Any) -> Any:
        # No other site may frame the desk (clickjacking) or read its pages.
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self'; frame-ancestors 'none'; form-action 'self'"
        )
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        code = error.code or 500
        if code == 400 and error.description == "host":
            message = (
                "Địa chỉ không phải của máy này: mở bantin bằng địa chỉ "
                "http://127.0.0.1 mà cửa sổ bantin serve in ra."
            )
        else:
            message = ERRORS.get(code, error.name)
        return render_template("error.html", code=code, message=message), code

    @app.errorhandler(BantinError)
    def bantin_error(error: BantinError) -> Any:
        return render_template("error.html", code=422, message=error.format_message()), 422

    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["max_upload"] = MAX_UPLOAD  # desk.js weighs files before sending
    from bantin.desk import pages

    pages.register(app)
    return app


def csrf_token() -> str:
    """The session's token, which every form sends back."""
    token = session.get("csrf_token")
    if not isinstance(token, str):
        token = session["csrf_token"] = secrets.token_urlsafe(32)
    return token


def workspace_of(app: Flask) -> Workspace:
    """The working folder the application serves."""
    workspace = app.extensions["bantin"]
    assert isinstance(workspace, Workspace)
    return workspace


def go(endpoint: str, **values: Any) -> Any:
    """A redirect after a POST, so that reloading the page does not send it again."""
    return redirect(url_for(endpoint, **values), code=303)
