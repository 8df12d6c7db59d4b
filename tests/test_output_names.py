"""No two articles, and no two photos, ever share a file in output/<year>/."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bantin.cli import cli
from bantin.export import article_bases, photo_names
from bantin.output import read_manifest_articles


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="bantin")


def make_data(folder: Path, units: list[str], photos: str = "") -> Path:
    """A data folder without units.toml: one evaluation, the units' names as written."""
    data = folder / "data"
    (data / "evaluations").mkdir(parents=True)
    (data / "2019").mkdir()
    (data / "publisher.toml").write_text(
        f'focus_agency = "{units[0]}"\nauthor = "Thu Trang"\nunit_abbreviation = "VPS"\n'
        'city = "Đà Nẵng"\n',
        "utf-8",
    )
    (data / "evaluations" / "xa.toml").write_text(
        'name = "Chỉ số cải cách hành chính cấp xã"\nshort_name = "CCHC"\n'
        'topic = "cải cách hành chính"\ngroup = "Khối xã"\nscore_label = "điểm"\n'
        'unit_noun = "xã"\n\n[[bands]]\nname = "Tốt"\nminimum = "80"\n\n'
        '[[bands]]\nname = "Khá"\nminimum = "0"\n',
        "utf-8",
    )
    rows = "".join(f"{i};{u};{90 - i}\n" for i, u in enumerate(units, start=1))
    (data / "2019" / "xa.csv").write_text(f"STT;Đơn vị;Điểm\n{rows}", "utf-8")
    if photos:
        (data / "2019" / "article.toml").write_text(
            f'event = "Hội nghị"\nsections = ["xa"]\n{photos}', "utf-8"
        )
    return data


CLASHING = [
    "Trung tâm A/B",
    "Trung tâm A:B",
    "Trung tâm a-b",  # the same file as the two above where case is ignored
    "Trung tâm Dịch vụ",
    "Trung tâm Dịch vụ.",
    "Z",
    "Z (xem trước)",  # its HTML would be Z's preview page
]

CLASHING_SUMMARY = (
    "Đã ghi 7 bài ({files} tệp) vào {folder}; bỏ qua 0.\n"
    'Trùng tên tệp: bài của "Trung tâm A/B" được ghi thành "Trung tâm A-B (2)", '
    'vì tên "Trung tâm A-B" trùng với tệp của "Trung tâm a-b".\n'
    'Trùng tên tệp: bài của "Trung tâm A:B" được ghi thành "Trung tâm A-B (3)", '
    'vì tên "Trung tâm A-B" trùng với tệp của "Trung tâm a-b".\n'
    'Trùng tên tệp: bài của "Trung tâm Dịch vụ." được ghi thành "Trung tâm Dịch vụ (2)", '
    'vì tên "Trung tâm Dịch vụ" trùng với tệp của "Trung tâm Dịch vụ".\n'
    'Trùng tên tệp: bài của "Z (xem trước)" được ghi thành "Z (xem trước) (2)", '
    'vì tên "Z (xem trước)" trùng với tệp của "Z".\n'
)

# Each unit's Markdown file, as render --all names it.
CLASHING_FILES = {
    "Trung tâm a-b": "Trung tâm a-b.md",
    "Trung tâm A/B": "Trung tâm A-B (2).md",
    "Trung tâm A:B": "Trung tâm A-B (3).md",
    "Trung tâm Dịch vụ": "Trung tâm Dịch vụ.md",
    "Trung tâm Dịch vụ.": "Trung tâm Dịch vụ (2).md",
    "Z": "Z.md",
    "Z (xem trước)": "Z (xem trước) (2).md",
}


def test_render_all_gives_units_whose_file_names_clash_files_of_their_own(tmp_path):
    data = make_data(tmp_path, CLASHING)
    out = tmp_path / "o"
    args = ("render", "2019", "--all", "--format", "md,html", "--data", str(data))
    result = run(*args, "--out", str(out))
    assert result.exit_code == 0, result.output
    folder = out / "2019"
    assert result.stdout == CLASHING_SUMMARY.format(files=21, folder=folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [
            *(f"{Path(md).stem}{suffix}" for md in CLASHING_FILES.values() for suffix in (
                ".md", ".html", " (xem trước).html"
            )),
            ".bantin-lock",
            "bantin-manifest.json",
        ]
    )  # fmt: skip
    about = read_manifest_articles(folder)  # every article is there, in its own files
    for unit, name in CLASHING_FILES.items():
        for suffix in (".md", ".html", " (xem trước).html"):
            assert about[Path(name).stem + suffix] == {"year": "2019", "agency": unit}
        assert unit in (folder / name).read_text("utf-8")
    # The same data gives the same names: a re-render writes over its own files.
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".md"}
    again = run(*args, "--out", str(out))
    assert again.exit_code == 0, again.output
    assert again.stdout == result.stdout
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".md"} == before


def test_render_all_counts_the_files_of_clashing_units_in_every_format(tmp_path):
    data = make_data(tmp_path, CLASHING)
    out = tmp_path / "o"
    result = run("render", "2019", "--all", "--data", str(data), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == CLASHING_SUMMARY.format(files=14, folder=out / "2019")
    assert len(list((out / "2019").glob("*.docx"))) == 7


def test_one_render_gives_a_unit_the_name_render_all_gives_it(tmp_path):
    data = make_data(tmp_path, CLASHING)
    out = tmp_path / "o"
    folder = out / "2019"
    args = ("render", "2019", "--data", str(data), "--out", str(out))
    result = run(*args, "--agency", "Trung tâm A:B", "--format", "md")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        'Trùng tên tệp: bài của "Trung tâm A:B" được ghi thành "Trung tâm A-B (3)", '
        'vì tên "Trung tâm A-B" trùng với tệp của "Trung tâm a-b".\n'
        f"Đã ghi: {folder / 'Trung tâm A-B (3).md'}\n"
    )
    result = run(*args, "--agency", "Z (xem trước)", "--format", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        'Trùng tên tệp: bài của "Z (xem trước)" được ghi thành "Z (xem trước) (2)", '
        'vì tên "Z (xem trước)" trùng với tệp của "Z".\n'
        f"Đã ghi: {folder / 'Z (xem trước) (2).html'}\n"
        f"Đã ghi: {folder / 'Z (xem trước) (2) (xem trước).html'}\n"
    )
    result = run(*args, "--agency", "Z", "--format", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Đã ghi: {folder / 'Z.html'}\nĐã ghi: {folder / 'Z (xem trước).html'}\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == [
        ".bantin-lock",
        "Trung tâm A-B (3).md",
        "Z (xem trước) (2) (xem trước).html",
        "Z (xem trước) (2).html",
        "Z (xem trước).html",
        "Z.html",
        "bantin-manifest.json",
    ]


def test_a_unit_named_like_a_preview_page_alone_keeps_its_name(tmp_path):
    data = make_data(tmp_path, ["Z (xem trước)", "Y"])
    out = tmp_path / "o"
    result = run("render", "2019", "--format", "html", "--data", str(data), "--out", str(out))
    assert result.exit_code == 0, result.output
    folder = out / "2019"
    assert result.stdout == (
        f"Đã ghi: {folder / 'Z (xem trước).html'}\n"
        f"Đã ghi: {folder / 'Z (xem trước) (xem trước).html'}\n"
    )


def test_a_renamed_unit_never_takes_the_name_of_a_unit_whose_name_is_free():
    bases, renamed = article_bases(["A/B", "A:B", "A-B (2)"])
    assert bases == {"A/B": "A-B", "A-B (2)": "A-B (2)", "A:B": "A-B (3)"}
    assert [r.message() for r in renamed] == [
        'Trùng tên tệp: bài của "A:B" được ghi thành "A-B (3)", '
        'vì tên "A-B" trùng với tệp của "A/B".'
    ]


def test_names_are_compared_casefolded_and_in_nfc():
    nfd = "Sở Nội vụ".replace("ộ", "o\u0323\u0302")
    bases, renamed = article_bases(["SỞ NỘI VỤ", nfd, "Straße", "STRASSE"])
    assert bases == {
        "SỞ NỘI VỤ": "SỞ NỘI VỤ",
        nfd: "Sở Nội vụ (2)",
        "Straße": "Straße",
        "STRASSE": "STRASSE (2)",
    }
    assert [r.unit for r in renamed] == [nfd, "STRASSE"]


PHOTOS = """
[[photos]]
after = "xa"
file = "a/anh.png"
caption = "Một"

[[photos]]
file = "b/anh.png"
caption = "Hai"

[[photos]]
file = "./a/anh.png"
caption = "Ba"

[[photos]]
file = "ANH.png"
caption = "Bốn"
"""


def test_different_photos_with_one_name_get_their_own_files_and_one_photo_one_copy(tmp_path):
    import io

    from PIL import Image  # real images: load refuses a photo that is not one

    def png(color: str) -> bytes:
        buffer = io.BytesIO()
        Image.new("RGB", (4, 4), color).save(buffer, "PNG")
        return buffer.getvalue()

    A, B, C = png("red"), png("green"), png("blue")
    data = make_data(tmp_path, ["Z", "Y"], PHOTOS)
    for folder, content in (("a", A), ("b", B), (".", C)):
        (data / "2019" / folder).mkdir(exist_ok=True)
        (data / "2019" / folder / ("ANH.png" if folder == "." else "anh.png")).write_bytes(content)
    out = tmp_path / "o"
    result = run("render", "2019", "--format", "md", "--data", str(data), "--out", str(out))
    assert result.exit_code == 0, result.output
    folder = out / "2019"
    assert result.stdout == (
        f"Đã ghi: {folder / 'images' / 'anh.png'}\n"
        f"Đã ghi: {folder / 'images' / 'anh (2).png'}\n"
        f"Đã ghi: {folder / 'images' / 'ANH (3).png'}\n"
        f"Đã ghi: {folder / 'Z.md'}\n"
    )
    images = folder / "images"
    assert {p.name: p.read_bytes() for p in images.iterdir()} == {
        "anh.png": A,
        "anh (2).png": B,
        "ANH (3).png": C,
    }
    links = [line for line in (folder / "Z.md").read_text("utf-8").splitlines() if "![" in line]
    assert links == [
        "![Ảnh 1](<images/anh.png>)",
        "![Ảnh 2](<images/anh (2).png>)",
        "![Ảnh 3](<images/anh.png>)",
        "![Ảnh 4](<images/ANH (3).png>)",
    ]
    # A batch names the photos alike; they are the publisher's (Z's) own, in its article only.
    batch = run("render", "2019", "--all", "--format", "md", "--data", str(data), "--out", str(out))
    assert batch.exit_code == 0, batch.output
    assert sorted(p.name for p in images.iterdir()) == ["ANH (3).png", "anh (2).png", "anh.png"]
    assert "![Ảnh 2](<images/anh (2).png>)" in (folder / "Z.md").read_text("utf-8")
    assert "![" not in (folder / "Y.md").read_text("utf-8")


def test_photo_names_keep_one_name_per_file(tmp_path):
    (tmp_path / "a").mkdir()
    first = tmp_path / "a" / "anh.png"
    assert photo_names(
        [first, tmp_path / "b" / "anh.png", tmp_path / "a" / ".." / "a" / "anh.png"]
    ) == {
        first: "anh.png",
        tmp_path / "b" / "anh.png": "anh (2).png",
        tmp_path / "a" / ".." / "a" / "anh.png": "anh.png",
    }
