"""A photo in article.toml is an image inside the data folder, or the run stops before writing.

Each bad photo is refused by `render` and `validate` alike with one Vietnamese line
naming the photo entry, exit 1, nothing written.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from PIL import Image

from bantin.cli import cli
from bantin.compose.article import compose_article
from bantin.errors import DataError
from bantin.export.docx import render_docx
from bantin.load import load_dataset


def second_photo(data: Path, file: str) -> Path:
    """Give the sample's second photo (article.toml, row 15) a file line; the settings file."""
    path = data / "2019" / "article.toml"
    text = path.read_text("utf-8").replace('after = "vtlt"\n', f'after = "vtlt"\nfile = "{file}"\n')
    path.write_text(text, "utf-8")
    return path


def jpeg(path: Path, size: tuple[int, int] = (320, 240)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (30, 90, 200)).save(path, quality=90)
    return path


def symlink(link: Path, target: Path | str) -> None:
    """A symbolic link, or the test skipped where the OS lets no one make one (Windows)."""
    try:
        Path(link).symlink_to(target)
    except OSError as e:
        pytest.skip(f"no symbolic links here: {e}")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="bantin")


def assert_refused(data: Path, out: Path, file: str, reason: str) -> None:
    """render and validate both stop with the line, exit 1, and write nothing."""
    where = f"{data / '2019' / 'article.toml'}:15:8"
    expected = f'Lỗi: {where}: ảnh 2 (file = "{file}"): {reason}\n'
    result = run(
        "render", "2019", "--data", str(data), "--out", str(out), "--format", "docx,md,html"
    )
    assert result.exit_code == 1
    assert result.stderr == expected
    assert result.stdout == ""
    assert not out.exists()
    result = run("validate", "2019", "--data", str(data))
    assert result.exit_code == 1
    assert result.output == expected


OUTSIDE = "tệp ảnh nằm ngoài thư mục dữ liệu ({real}); chép ảnh vào thư mục dữ liệu (ví dụ {images}) rồi ghi đường dẫn tính từ thư mục năm"
NOT_AN_IMAGE = (
    "không phải ảnh Word chèn được (PNG, JPEG, GIF, BMP, TIFF) hoặc tệp ảnh đã hỏng; mở ảnh bằng "
    "trình xem ảnh rồi lưu lại thành .jpg hoặc .png"
)


@pytest.mark.parametrize(
    "file", ["../../../../../../../../../../etc/passwd", "/etc/hostname", "../publisher.toml"]
)
def test_a_photo_outside_the_data_folder_is_refused(data_copy, tmp_path, file):
    second_photo(data_copy, file)
    real = os.path.realpath(data_copy / "2019" / file)
    reason = OUTSIDE.format(real=real, images=data_copy / "2019" / "images")
    if file == "../publisher.toml":  # inside the data folder, but no image
        reason = NOT_AN_IMAGE
    assert_refused(data_copy, tmp_path / "o", file, reason)


def test_a_photo_linked_to_a_file_outside_is_refused(data_copy, tmp_path):
    (data_copy / "2019" / "images").mkdir()
    symlink(data_copy / "2019" / "images" / "anh-1.jpg", "/etc/shadow")
    second_photo(data_copy, "images/anh-1.jpg")
    reason = OUTSIDE.format(real="/etc/shadow", images=data_copy / "2019" / "images")
    assert_refused(data_copy, tmp_path / "o", "images/anh-1.jpg", reason)


def test_a_photo_in_a_linked_folder_outside_is_refused(data_copy, tmp_path):
    elsewhere = jpeg(tmp_path / "elsewhere" / "anh.jpg")
    symlink(data_copy / "2019" / "images", elsewhere.parent)
    second_photo(data_copy, "images/anh.jpg")
    reason = OUTSIDE.format(real=elsewhere, images=data_copy / "2019" / "images")
    assert_refused(data_copy, tmp_path / "o", "images/anh.jpg", reason)


def test_a_csv_renamed_jpg_is_refused(data_copy, tmp_path):
    (data_copy / "2019" / "anh.jpg").write_text("Đơn vị;Điểm\nSở Nội vụ;99,84\n", "utf-8")
    second_photo(data_copy, "anh.jpg")
    assert_refused(data_copy, tmp_path / "o", "anh.jpg", NOT_AN_IMAGE)


def test_an_empty_file_is_refused(data_copy, tmp_path):
    (data_copy / "2019" / "anh.png").write_bytes(b"")
    second_photo(data_copy, "anh.png")
    assert_refused(data_copy, tmp_path / "o", "anh.png", NOT_AN_IMAGE)


@pytest.mark.parametrize("keep", [20, 200])
def test_a_jpeg_cut_inside_its_header_is_refused(data_copy, tmp_path, keep):  # a SOF cut too
    whole = jpeg(tmp_path / "whole.jpg").read_bytes()
    (data_copy / "2019" / "anh.jpg").write_bytes(whole[:keep])
    second_photo(data_copy, "anh.jpg")
    assert_refused(data_copy, tmp_path / "o", "anh.jpg", NOT_AN_IMAGE)


def test_a_jpeg_cut_short_is_refused(data_copy, tmp_path):
    whole = jpeg(tmp_path / "whole.jpg", (1200, 900)).read_bytes()
    (data_copy / "2019" / "anh.jpg").write_bytes(whole[: len(whole) // 2])
    second_photo(data_copy, "anh.jpg")
    reason = "tệp ảnh JPEG bị cắt cụt (thiếu phần cuối); chép lại ảnh từ bản gốc"
    assert_refused(data_copy, tmp_path / "o", "anh.jpg", reason)


def test_a_png_cut_short_is_refused(data_copy, tmp_path):
    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 64).save(buffer, "PNG")
    (data_copy / "2019" / "anh.png").write_bytes(buffer.getvalue()[:-12])  # no IEND chunk
    second_photo(data_copy, "anh.png")
    assert_refused(data_copy, tmp_path / "o", "anh.png", NOT_AN_IMAGE)


def test_a_folder_named_like_a_photo_is_refused(data_copy, tmp_path):
    (data_copy / "2019" / "anh.jpg").mkdir()
    second_photo(data_copy, "anh.jpg")
    reason = "không phải là tệp ảnh (là thư mục hoặc tệp đặc biệt)"
    assert_refused(data_copy, tmp_path / "o", "anh.jpg", reason)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_being_opened(data_copy, tmp_path):
    os.mkfifo(data_copy / "2019" / "anh.jpg")  # opening it would wait forever
    second_photo(data_copy, "anh.jpg")
    reason = "không phải là tệp ảnh (là thư mục hoặc tệp đặc biệt)"
    assert_refused(data_copy, tmp_path / "o", "anh.jpg", reason)


def test_a_photo_linked_inside_the_data_folder_is_placed(data_copy, tmp_path):
    real = jpeg(data_copy / "anh-goc" / "hoi-nghi.jpg")
    (data_copy / "2019" / "images").mkdir()
    symlink(data_copy / "2019" / "images" / "anh-2.jpg", real)
    second_photo(data_copy, "images/anh-2.jpg")
    dataset = load_dataset(data_copy)
    assert dataset.articles[2019].photos[1].file == real
    article = compose_article(dataset, 2019)
    assert article.warnings == ()
    document = docx.Document(io.BytesIO(render_docx(article)))
    assert len(document.inline_shapes) == 1


def test_a_good_photo_is_copied_beside_the_article(data_copy, tmp_path):
    jpeg(data_copy / "2019" / "images" / "anh-2.jpg")
    second_photo(data_copy, "images/anh-2.jpg")
    out = tmp_path / "o"
    result = run(
        "render", "2019", "--data", str(data_copy), "--out", str(out), "--format", "md,html"
    )
    assert result.exit_code == 0, result.output
    copy = out / "2019" / "images" / "anh-2.jpg"
    assert copy.read_bytes() == (data_copy / "2019" / "images" / "anh-2.jpg").read_bytes()


def test_a_missing_photo_inside_the_data_folder_still_leaves_its_place(data_copy):
    second_photo(data_copy, "images/chua-co.jpg")
    article = compose_article(load_dataset(data_copy), 2019)
    assert article.warnings == (
        f"không tìm thấy ảnh 2: {data_copy / '2019' / 'images' / 'chua-co.jpg'}; "
        "đã để chỗ trống để chèn ảnh",
    )


def test_a_missing_photo_outside_the_data_folder_is_refused(data_copy):
    second_photo(data_copy, "../../khong-co.jpg")
    with pytest.raises(DataError) as excinfo:
        load_dataset(data_copy)
    assert "tệp ảnh nằm ngoài thư mục dữ liệu" in excinfo.value.detail


def test_render_checks_a_photo_files_bytes_with_the_check_the_desk_uses(data_copy, tmp_path):
    # One check of a photo's bytes (bantin.photos.image_problem): render reads the file and
    # asks it, the desk asks it of an upload, so both refuse the same bytes in the same words.
    from bantin.photos import image_problem

    whole = jpeg(tmp_path / "whole.jpg", (1200, 900)).read_bytes()
    cases = {
        "anh.jpg": whole[: len(whole) // 2],
        "anh.png": b"",
        "anh-csv.jpg": "Đơn vị;Điểm\nSở Nội vụ;99,84\n".encode(),
    }
    for name, blob in cases.items():
        data = tmp_path / name / "data"
        shutil.copytree(data_copy, data)
        (data / "2019" / name).write_bytes(blob)
        second_photo(data, name)
        reason = image_problem(blob)
        assert reason is not None
        assert_refused(data, tmp_path / name / "o", name, reason)
    assert image_problem(whole) is None


def test_a_photo_over_the_limit_is_refused_by_its_size(data_copy, tmp_path):
    from bantin.photos import MAX_PHOTO_BYTES, image_problem

    big = jpeg(tmp_path / "whole.jpg").read_bytes()
    big = big[:-2] + b"\0" * (MAX_PHOTO_BYTES + 1 - len(big)) + b"\xff\xd9"
    reason = "tệp ảnh lớn 50 MB, quá 50 MB; thu nhỏ ảnh rồi lưu lại"
    assert image_problem(big) == reason
    (data_copy / "2019" / "anh.jpg").write_bytes(big)
    second_photo(data_copy, "anh.jpg")
    assert_refused(data_copy, tmp_path / "o", "anh.jpg", reason)
