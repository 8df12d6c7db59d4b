"""`bantin init`: start a working folder with the sample data, editable templates and a guide."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from bantin.errors import OutputError
from bantin.resources import builtin_templates, shipped

GUIDE = """# Thư mục làm việc của bantin

Thư mục này được tạo bằng `bantin init`. Mở cửa sổ lệnh tại đây rồi chạy:

    bantin render 2019

Bài viết được ghi vào `output/2019/` (DOCX để sửa trong Word, Markdown để đăng web).

## Có gì ở đây

- `data/` — dữ liệu: `publisher.toml` (đơn vị phát hành, tác giả), `units.toml` (danh
  sách đơn vị), `evaluations/` (mỗi bộ chỉ số một tệp), và mỗi năm một thư mục
  (`2019/`) chứa các tệp điểm (`cchc.csv` hoặc `cchc.xlsx`) và `article.toml` (sự kiện,
  ảnh, tác giả của bài). Dữ liệu mẫu chỉ có một phần là số liệu công bố: xem
  `data/README.md`.
- `templates/` — câu chữ của bài (các tệp `.md.j2`) và kiểu dáng DOCX
  (`reference.docx`). Sửa câu chữ trong các tệp này bằng Notepad hoặc trình soạn thảo
  bất kỳ (lưu UTF-8); sửa kiểu dáng bằng cách mở `reference.docx` trong Word, sửa các
  kiểu (Title, Lead, Body Text, Photo, Caption, Byline) rồi lưu. Xoá một tệp mẫu thì
  bantin dùng lại mẫu có sẵn.

## Năm mới

1. Tạo thư mục `data/2020/`, chép các tệp điểm vào (tên tệp là mã bộ chỉ số:
   `cchc.xlsx`, `vtlt.csv`...).
2. Chép `data/2019/article.toml` sang `data/2020/` và sửa sự kiện, chú thích ảnh.
3. Chạy `bantin validate 2020` để kiểm tra, rồi `bantin render 2020`.

## Thêm một bộ chỉ số

Chép `data/evaluations/cchc.toml` thành `data/evaluations/<mã>.toml`, sửa tên, nhóm,
các mức xếp loại; đặt tệp điểm `data/<năm>/<mã>.csv`; thêm mã vào `sections` của
`article.toml`. Không cần sửa chương trình.

## Trước khi đăng

`bantin check "output/2019/<tên đơn vị>.docx"` đối chiếu mọi con số trong bản đã sửa
với dữ liệu.
"""


def sample_data() -> Path:
    """The sample dataset: shipped in the package, or the checkout's data/ when run from source."""
    candidate = shipped("sample")
    if (candidate / "publisher.toml").is_file():
        return candidate
    raise OutputError("không tìm thấy dữ liệu mẫu trong gói bantin (cài đặt bị thiếu tệp)")


def init_folder(target: Path) -> list[Path]:
    """Create data/, templates/ and README.md in `target`; refuse to overwrite anything."""
    made = [target / "data", target / "templates", target / "README.md"]
    existing = [p for p in made if p.exists()]
    if existing:
        names = ", ".join(str(p) for p in existing)
        raise OutputError(f"{names}: đã có, bantin init không ghi đè; hãy chọn thư mục khác")
    target.mkdir(parents=True, exist_ok=True)
    # Build beside the target, then move into place, so a failure leaves nothing half-made.
    with tempfile.TemporaryDirectory(prefix=".bantin-init-", dir=target) as tmp:
        staging = Path(tmp)
        shutil.copytree(
            sample_data(),
            staging / "data",
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "__init__.py"),
        )
        templates = staging / "templates"
        templates.mkdir()
        for source in sorted(builtin_templates().iterdir()):
            if source.suffix in (".j2", ".docx"):
                shutil.copy2(source, templates / source.name)
        (staging / "README.md").write_text(GUIDE, encoding="utf-8")
        for path in made:
            (staging / path.name).rename(path)
    return made
