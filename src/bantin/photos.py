"""A photo named in article.toml: a real image inside the data folder, or refused at load.

Settings travel between offices: a photo's `file` may name any file of the machine
("../../etc/passwd", "/etc/hostname", a link to /etc/shadow). Its real path must lie
inside the data folder, be a regular file, and hold an image python-docx can place,
all checked when the data is read, so that a bad photo stops `validate` and `render`
before anything is written. A file that does not exist yet keeps its place ("[Chèn
ảnh N]") with a warning, as before.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from bantin.paths import inside
from bantin.tomlfile import Table

# A press photo is a few megabytes; a larger file is no photo bantin should copy around.
MAX_PHOTO_BYTES = 50 * 1024 * 1024


def photo_file(table: Table, number: int, text: str, article: Path, root: Path) -> Path:
    """The photo's file, resolved to its real path, once it is known to be a usable image.

    `text` is the `file` value of the number-th [[photos]] of `article`; `root` is the
    data folder. A file that does not exist is returned as named (render warns and
    leaves its place empty); anything else that is not an image inside `root` raises.
    """
    # A Windows path in single quotes ('images\anh.jpg') works on every OS.
    named = article.parent / text.replace("\\", "/")
    real = os.path.realpath(named)

    def refuse(why: str) -> Exception:
        return table.error(f'ảnh {number} (file = "{text}"): {why}', "file")

    if not inside(real, os.path.realpath(root)):
        raise refuse(
            f"tệp ảnh nằm ngoài thư mục dữ liệu ({real}); chép ảnh vào thư mục dữ liệu (ví dụ "
            f"{root / article.parent.name / 'images'}) rồi ghi đường dẫn tính từ thư mục năm"
        )
    try:
        status = os.stat(real)
    except FileNotFoundError:
        return named
    except OSError as e:
        raise refuse(f"không đọc được tệp ảnh ({e.strerror})") from e
    if not stat.S_ISREG(status.st_mode):
        raise refuse("không phải là tệp ảnh (là thư mục hoặc tệp đặc biệt)")
    # The size is known before reading: a file of gigabytes is refused unread.
    problem = _size_problem(status.st_size)
    if problem is None:
        try:
            with open(real, "rb") as file:
                problem = image_problem(file.read())
        except OSError as e:
            problem = f"không đọc được tệp ảnh ({e.strerror})"
    if problem is not None:
        raise refuse(problem)
    return Path(real)


def image_problem(blob: bytes) -> str | None:
    """Why a photo's bytes are no image Word can place (too large, not an image, cut
    short), or None when they are one: render checks a file's bytes so, the desk an upload's."""
    from docx.image.image import Image

    problem = _size_problem(len(blob))
    if problem is not None:
        return problem
    not_an_image = (
        "không phải ảnh Word chèn được (PNG, JPEG, GIF, BMP, TIFF) hoặc tệp ảnh đã hỏng; "
        "mở ảnh bằng trình xem ảnh rồi lưu lại thành .jpg hoặc .png"
    )
    try:
        image = Image.from_blob(blob)
        if image.px_width <= 0 or image.px_height <= 0:
            return not_an_image
    except Exception:  # python-docx raises its own, struct and index errors alike
        return not_an_image
    # python-docx reads a PNG's every chunk, but a JPEG's header only: a JPEG cut short (a
    # copy that stopped halfway) passes it, and Word shows a broken picture. It must end
    # with its end-of-image marker.
    if image.content_type == "image/jpeg" and b"\xff\xd9" not in blob[-1024:]:
        return "tệp ảnh JPEG bị cắt cụt (thiếu phần cuối); chép lại ảnh từ bản gốc"
    return None


def _size_problem(size: int) -> str | None:
    if size > MAX_PHOTO_BYTES:
        return f"tệp ảnh lớn {size // (1024 * 1024)} MB, quá 50 MB; thu nhỏ ảnh rồi lưu lại"
    return None
