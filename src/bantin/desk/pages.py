"""The desk's pages: each one calls the library function the matching CLI command calls."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from bantin.desk.app import go, workspace_of
from bantin.desk.batch import page_words
from bantin.desk.workspace import Loaded, Workspace
from bantin.errors import BantinError, OutputError

OVERWRITE_HERE = (
    "bấm nút “Ghi đè” bên dưới để cất bản đã sửa thành bản sao có ngày giờ rồi ghi bản mới"
)
FORMATS = {"docx": ".docx", "md": ".md", "html": ".html"}
MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".md": "text/markdown; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}


def _ws() -> Workspace:
    return workspace_of(current_app)


def _loaded() -> tuple[Loaded | None, str | None]:
    try:
        return _ws().loaded(), None
    except BantinError as e:
        return None, e.format_message()


def register(app: Flask) -> None:
    """Add every page to the application."""
    app.add_url_rule("/", "index", index)
    app.add_url_rule("/phien", "session_token", session_token)
    app.add_url_rule("/thu-muc", "folder", folder)
    app.add_url_rule("/<int:year>", "year", year_page)
    app.add_url_rule("/<int:year>/diem", "scores", upload_scores, methods=["POST"])
    app.add_url_rule("/<int:year>/bai-viet", "settings", save_settings, methods=["POST"])
    app.add_url_rule("/<int:year>/images/<name>", "photo", photo)
    app.add_url_rule("/<int:year>/tai-ve", "download", download, methods=["POST"])
    app.add_url_rule("/<int:year>/tat-ca", "batch", batch_page, methods=["GET", "POST"])
    app.add_url_rule("/<int:year>/tat-ca/tien-do", "progress", batch_progress)
    app.add_url_rule("/<int:year>/tat-ca.zip", "batch_zip", batch_zip)
    app.add_url_rule("/kiem-tra", "check", check_page, methods=["GET", "POST"])
    app.add_url_rule("/kiem-tra/ban-nhan-xet/<key>", "check_copy", check_copy)
    app.add_url_rule("/<int:year>/<path:unit>", "unit", unit_page)


def session_token() -> Any:
    """The session's token, for a form opened before bantin was started again (its token
    was the old session's): desk.js asks for it as the form is sent. Another site cannot
    read it (no cross-origin reading is allowed, and the Host is checked)."""
    from bantin.desk.app import csrf_token

    response = jsonify({"csrf_token": csrf_token()})
    response.headers["Cache-Control"] = "no-store"
    return response


def folder() -> Any:
    """The data folder served, for `bantin serve` started again on a busy port (only this
    machine's own pages and programs can read it)."""
    import os

    return jsonify({"du_lieu": os.path.realpath(_ws().data_dir)})


def index() -> Any:
    """The working folder: its years, evaluations, and whether each year is valid."""
    ws = _ws()
    new_year = request.args.get("nam", "")
    if new_year.isdigit() and 1900 <= int(new_year) <= 2999:  # the "new year" box
        return go("year", year=int(new_year), moi=1)
    years = []
    for year in ws.years():
        try:
            report = ws.validation(year)
        except BantinError as e:
            years.append({"year": year, "report": None, "errors": [e.format_message()]})
            continue
        years.append({"year": year, "report": report, "errors": list(report.errors)})
    return render_template(
        "index.html",
        workspace=ws,
        years=years,
        evaluations=ws.evaluation_labels(),
        data_missing=not ws.data_dir.is_dir(),
    )


def _year_or_404(year: int) -> int:
    if not 1900 <= year <= 2999:
        abort(404)
    return year


def year_page(
    year: int,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
    settings: Any = None,
    chosen: str = "",
    upload_name: str = "",
) -> Any:
    """A year: its ranking tables, the score file form, the article settings form
    (`settings`: the values a refused save sent, shown again so that nothing typed is lost)."""
    from bantin.desk.settings import read_form
    from bantin.desk.tables import ranking_tables

    ws = _ws()
    _year_or_404(year)
    if not ws.year_dir(year).is_dir() and errors is None and not request.args.get("moi"):
        abort(404)  # a new year's page is opened from the working folder's page (?moi=1)
    loaded, load_error = _loaded()
    tables, units = [], []
    if loaded is not None:
        from bantin.render import year_units

        tables = ranking_tables(loaded, year)
        units = year_units(loaded.dataset, loaded.rankings, year)
    try:
        report = ws.validation(year) if ws.year_dir(year).is_dir() else None
        report_error = None
    except BantinError as e:
        report, report_error = None, e.format_message()
    page = render_template(
        "year.html",
        year=year,
        tables=tables,
        units=units,
        load_error=load_error,
        report=report,
        report_error=report_error,
        evaluations=ws.evaluation_labels(),
        settings=settings if settings is not None else read_form(ws.year_dir(year)),
        errors=errors or {},
        chosen=chosen,
        upload_name=upload_name,
        batch=current_app.extensions["bantin.batches"].get(year),
    )
    return page, status


def upload_scores(year: int) -> Any:
    """A score file for an evaluation: kept when valid (the old one backed up), else its
    errors beside the form."""
    from bantin.desk.uploads import accept_scores, shown_name

    _year_or_404(year)
    evaluation_id = request.form.get("danh_gia", "")
    upload = request.files.get("tep")
    if not evaluation_id:
        return year_page(year, {"scores": ["Chưa chọn bộ chỉ số của tệp điểm."]}, 422)
    if upload is None or not upload.filename:
        message = "Chưa chọn tệp điểm (XLSX hoặc CSV)."
        return year_page(year, {"scores": [message]}, 422, chosen=evaluation_id)
    name = shown_name(upload.filename)
    ws = _ws()
    try:
        with ws.write_lock:
            result = accept_scores(ws.data_dir, year, evaluation_id, upload.read(), name)
    except BantinError as e:
        errors, note = [e.format_message()], None
    else:
        errors, note = list(result.errors), result.note
    if errors:
        shown = {"scores": errors, "scores_note": [note] if note else []}
        return year_page(year, shown, 422, chosen=evaluation_id, upload_name=name)
    flash(f'Đã nhận tệp điểm "{name}", lưu thành: {result.path}')
    if result.backup is not None:
        flash(f"Tệp cũ được cất tại: {result.backup}")
    return go("year", year=year)


def save_settings(year: int) -> Any:
    """The article settings form: written into article.toml, comments kept."""
    from bantin.desk.settings import SettingsChange, as_form, save_form

    _year_or_404(year)
    ws = _ws()
    form = request.form
    photos: dict[int, bytes] = {}
    names: dict[int, str] = {}
    for key, upload in request.files.items():
        if key.startswith("anh_") and upload.filename:
            number = key.removeprefix("anh_")
            if number.isdigit():
                photos[int(number)] = upload.read()
                names[int(number)] = upload.filename
    change = SettingsChange(
        event=form.get("su_kien", ""),
        author=form.get("tac_gia", ""),
        order={e: form.get(f"thu_tu_{e}", "") for e in ws.evaluation_ids()},
        captions=form.getlist("chu_thich"),
        afters=form.getlist("sau"),
        removed=[form.get(f"xoa_{n}") == "1" for n in range(1, len(form.getlist("chu_thich")) + 1)],
        version=form.get("phien_ban", ""),
        new_caption=form.get("chu_thich_moi", ""),
        new_after=form.get("sau_moi", ""),
        photos=photos,
        photo_names=names,
    )
    try:
        with ws.write_lock:
            save_form(ws.year_dir(year), year, change)
    except BantinError as e:
        errors = {"settings": [e.format_message()]}
        if photos:  # a browser never fills a file box again by itself
            errors["choose_again"] = [", ".join(f"ảnh {n}" if n else "ảnh mới" for n in photos)]
        return year_page(year, errors, 422, as_form(ws.year_dir(year), change))
    flash("Đã lưu thiết lập bài viết (article.toml); các ghi chú trong tệp được giữ nguyên.")
    return go("year", year=year)


def _photos(loaded: Loaded, year: int) -> dict[str, Path]:
    """The year's photos by the name the HTML export gives them: inside data/ only, as
    load (bantin.photos) refuses the data of any other."""
    from bantin.compose.facts import article_settings
    from bantin.export import photo_names
    from bantin.render import photo_files

    files = photo_files(article_settings(loaded.dataset, year))
    return {name: path for path, name in photo_names(files).items()}


def photo(year: int, name: str) -> Response:
    """A photo the preview shows, looked up by its name among the year's photos."""
    loaded, _ = _loaded()
    if loaded is None:
        abort(404)
    path = _photos(loaded, year).get(name)
    if path is None:
        abort(404)
    return send_file(io.BytesIO(path.read_bytes()), mimetype=_image_type(path), max_age=0)


def _image_type(path: Path) -> str:
    return "image/png" if path.suffix.lower() == ".png" else "image/jpeg"


def unit_page(year: int, unit: str) -> Any:
    """A unit's article as it will read, every number showing where it comes from."""
    from bantin.desk.preview import find_unit, preview

    _year_or_404(year)
    loaded, load_error = _loaded()
    if loaded is None:
        return render_template("error.html", code=422, message=load_error), 422
    started = time.perf_counter()
    # Resolved before anything is kept: any address (a page elsewhere may send them by the
    # thousand) costs no article and no place in the cache unless it names a unit.
    focus = find_unit(loaded, year, unit)
    if focus is None:
        abort(404)
    if focus != unit:  # another spelling, a short name or an alias: one address per unit
        return redirect(url_for("unit", year=year, unit=focus))
    ws = _ws()
    # Kept until a file under data/ or templates/ changes, for the units seen last.
    result = ws.cached_recent(f"preview {year} {focus}", lambda: preview(ws, loaded, year, focus))
    elapsed = (time.perf_counter() - started) * 1000
    return render_template("unit.html", year=year, unit=result.focus, view=result, ms=elapsed)


def download(year: int) -> Any:
    """A unit's DOCX, Markdown or HTML: written by `bantin render` into output/<year>/
    under the same no-clobber rules, then sent as those very bytes."""
    from bantin.desk.preview import find_unit
    from bantin.render import render

    unit = request.form.get("don_vi", "")
    kind = request.form.get("dinh_dang", "")
    force = request.form.get("ghi_de") == "1"
    if kind not in FORMATS:
        abort(400)
    ws = _ws()
    loaded, load_error = _loaded()
    if loaded is None:
        return render_template("error.html", code=422, message=load_error), 422
    focus = find_unit(loaded, year, unit)
    if focus is None:
        abort(404)
    try:
        with ws.write_lock:
            result = render(
                ws.data_dir,
                ws.out_dir,
                year,
                (kind,),
                focus,
                ws.templates,
                None,
                force,
                loaded=(loaded.dataset, loaded.rankings),
                env=ws.environment(),
                docx_writer=ws.docx_writer() if kind == "docx" else None,
            )
    except OutputError as e:
        from bantin.desk.preview import preview

        view = preview(ws, loaded, year, focus)
        page = render_template(
            "unit.html",
            year=year,
            unit=focus,
            view=view,
            ms=None,
            refused=page_words(e.format_message(), OVERWRITE_HERE),
            refused_format=kind,
        )
        return page, 409
    # The article's own file (an HTML render also writes the preview page and photos).
    path = next(p for p in result.written if p.suffix == FORMATS[kind] and "(xem" not in p.name)
    return send_file(
        io.BytesIO(path.read_bytes()),
        mimetype=MEDIA_TYPES[FORMATS[kind]],
        as_attachment=True,
        download_name=path.name,
    )


def batch_page(year: int) -> Any:
    """All units of a year: start `render --all`, follow its progress, take the ZIP."""
    _year_or_404(year)
    batches = current_app.extensions["bantin.batches"]
    if request.method == "POST":
        batches.start(_ws(), year, request.form.get("ghi_de") == "1")
        return go("batch", year=year)
    return render_template("batch.html", year=year, job=batches.get(year))


def batch_progress(year: int) -> Any:
    """How far the year's batch is, for the page's progress bar."""
    job = current_app.extensions["bantin.batches"].get(year)
    if job is None:
        abort(404)
    return jsonify(job.progress())


def batch_zip(year: int) -> Any:
    """The finished batch's files in one ZIP."""
    from bantin.desk.batch import zip_bytes

    job = current_app.extensions["bantin.batches"].get(year)
    if job is None or job.state != "finished":
        abort(404)
    return send_file(
        io.BytesIO(zip_bytes(job)),
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"bantin-{year}.zip",
    )


def check_page() -> Any:
    """`bantin check` on an edited draft brought to the page."""
    from bantin.desk.app import csrf_token
    from bantin.desk.checking import check_upload

    if request.method == "GET":
        return render_template("check.html", checked=None, error=None)
    upload = request.files.get("tep")
    if upload is None or not upload.filename:
        return render_template("check.html", checked=None, error="Chưa chọn tệp."), 422
    year_text = request.form.get("nam", "").strip()
    year = int(year_text) if year_text.isdigit() else None
    agency = request.form.get("don_vi", "").strip() or None
    ws = _ws()
    try:
        checked = check_upload(ws, upload.read(), upload.filename, year, agency)
    except BantinError as e:
        return render_template("check.html", checked=None, error=e.format_message()), 422
    copy_url = None
    if checked.copy is not None:
        key = current_app.extensions["bantin.copies"].add(
            checked.copy_name, checked.copy, csrf_token()
        )
        copy_url = url_for("check_copy", key=key)
    from bantin.desk.uploads import shown_name

    return render_template(
        "check.html",
        checked=checked,
        checked_name=shown_name(upload.filename),
        copy_url=copy_url,
        error=None,
    )


def check_copy(key: str) -> Any:
    """The annotated copy the check page made, under `<tên> (đã kiểm tra).docx`."""
    from bantin.desk.app import csrf_token

    found = current_app.extensions["bantin.copies"].get(key, csrf_token())
    if found is None:
        abort(404)
    name, data = found
    # Werkzeug names a Vietnamese file with RFC 5987's filename*, and an ASCII fallback.
    return send_file(
        io.BytesIO(data), mimetype=MEDIA_TYPES[".docx"], as_attachment=True, download_name=name
    )
