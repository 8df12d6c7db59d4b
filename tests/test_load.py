from __future__ import annotations

import tomllib
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bantin.errors import DataError
from bantin.load import load_article, load_dataset, load_evaluation, load_scores
from bantin.model import Band, Evaluation, TieRule
from bantin.scores import parse_score_text
from bantin.tomlfile import read_toml

from .conftest import SAMPLE_DATA
from .helpers import cp1258

EVALUATION = Evaluation(
    id="cchc",
    name="Chỉ số cải cách hành chính",
    short_name="CCHC",
    topic="cải cách hành chính",
    group="Khối sở",
    score_label="điểm",
    unit_noun="cơ quan",
    bands=(Band("Rất tốt", Decimal(90)), Band("Tốt", Decimal(80)), Band("Khá", Decimal(0))),
)


def write(tmp_path: Path, text: str, name: str = "cchc.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_sample_dataset_loads():
    dataset = load_dataset(SAMPLE_DATA)
    assert set(dataset.evaluations) == {"cchc", "ict", "vtlt"}
    assert len(dataset.scores[("cchc", 2019)].rows) == 21
    assert len(dataset.scores[("cchc", 2018)].rows) == 20
    assert len(dataset.scores[("vtlt", 2019)].rows) == 32
    assert dataset.publisher.focus_agency == "Sở Thông tin và Truyền thông"
    assert dataset.evaluations["cchc"].tie_rule is TieRule.DENSE
    assert dataset.articles[2019].sections == ("cchc", "vtlt")


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_csv_with_or_without_bom(tmp_path, bom):
    path = tmp_path / "cchc.csv"
    path.write_bytes(bom + 'Đơn vị,Điểm\nSở Nội vụ,"99,84"\n'.encode())
    table = load_scores(path, EVALUATION, 2019)
    assert table.rows[0].unit == "Sở Nội vụ"
    assert table.rows[0].score == Decimal("99.84")


def test_scores_keep_their_precision(tmp_path):
    path = write(tmp_path, "Đơn vị;Điểm\nA;98\nB;96,8\nC;96,80\nD;90,65\n")
    scores = [r.score for r in load_scores(path, EVALUATION, 2019).rows]
    assert [str(s) for s in scores] == ["98", "96.8", "96.80", "90.65"]


def test_headers_match_ignoring_case_and_diacritics(tmp_path):
    path = write(tmp_path, "STT\tDON VI\tdiem quy doi\tXEP LOAI\n1\tSở Nội vụ\t91\tTốt\n")
    row = load_scores(path, EVALUATION, 2019).rows[0]
    assert (row.unit, row.score, row.official_band) == ("Sở Nội vụ", Decimal(91), "Tốt")


def test_every_string_is_nfc(tmp_path):
    nfd = unicodedata.normalize("NFD", "Đơn vị;Điểm;Xếp loại\nSở Nội vụ;91;Rất tốt\n")
    row = load_scores(write(tmp_path, nfd), EVALUATION, 2019).rows[0]
    assert row.unit == unicodedata.normalize("NFC", "Sở Nội vụ")
    assert row.official_band == "Rất tốt"


def test_official_band_matches_definition_spelling(tmp_path):
    path = write(tmp_path, "Đơn vị;Điểm;Xếp loại\nA;85;rất TỐT\n")
    assert load_scores(path, EVALUATION, 2019).rows[0].official_band == "Rất tốt"


def test_blank_rows_are_skipped_and_names_trimmed(tmp_path):
    path = write(tmp_path, "Đơn vị;Điểm\n  Sở   Nội vụ ;91\n;\n\nSở Tư pháp;90\n")
    assert [r.unit for r in load_scores(path, EVALUATION, 2019).rows] == [
        "Sở Nội vụ",
        "Sở Tư pháp",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Đơn vị;Điểm\nA;91\nB;9x,5\n", '{p}:3:2: điểm "9x,5" không phải là số'),
        ("Đơn vị;Điểm\nA;91\nB;\n", '{p}:3:2: thiếu điểm của "B"'),
        ("Đơn vị;Điểm\nA;105\n", '{p}:2:2: điểm "105" nằm ngoài khoảng 0..100'),
        ("Đơn vị;Điểm\nA;-1\n", '{p}:2:2: điểm "-1" nằm ngoài khoảng 0..100'),
        ("Đơn vị;Điểm\nA;1.234,5\n", '{p}:2:2: điểm "1.234,5" không phải là số'),
        (
            "STT;Đơn vị;Điểm\n1;Sở Nội vụ;91\n2;sở nội  VỤ;90\n",
            '{p}:3:2: đơn vị "sở nội VỤ" xuất hiện hai lần (dòng 2 và dòng 3; dòng 2 viết '
            '"Sở Nội vụ")',
        ),
        (
            "Tên;Điểm\nA;91\n",
            '{p}:1: không có cột tên đơn vị: dòng tiêu đề có "Tên", "Điểm"; bantin nhận tiêu đề '
            'cột tên đơn vị là "Đơn vị", "Tên đơn vị", "Cơ quan", "Tên cơ quan", "Cơ quan, đơn '
            'vị", "Tên cơ quan, đơn vị", "Đơn vị đánh giá", "Đơn vị được đánh giá"; hãy sửa tiêu '
            'đề cột tên đơn vị thành "Đơn vị"',
        ),
        (
            "Đơn vị;Ghi chú\nA;91\n",
            '{p}:1: không có cột điểm: dòng tiêu đề có "Đơn vị", "Ghi chú"; bantin nhận tiêu đề '
            'cột điểm là "Điểm", "Điểm quy đổi", "Tổng điểm", "Điểm số", "Điểm đạt", "Điểm thẩm '
            'định"; hãy sửa tiêu đề cột điểm thành "Điểm", hoặc ghi tiêu đề của nó vào '
            'evaluations/cchc.toml: score_column = "<tiêu đề cột điểm>"',
        ),
        ("", "{p}: tệp điểm trống"),
        ("Đơn vị;Điểm\n", "{p}: tệp điểm không có dòng dữ liệu nào"),
        ("Đơn vị;Điểm\n;91\n", "{p}:2:1: thiếu tên đơn vị"),
        (
            "Đơn vị;Điểm;Xếp loại\nA;91;Xuất sắc\n",
            '{p}:2:3: xếp loại "Xuất sắc" không có trong định nghĩa bộ chỉ số "cchc" '
            "(Rất tốt, Tốt, Khá)",
        ),
    ],
)
def test_bad_scores_give_one_located_message(tmp_path, content, message):
    path = write(tmp_path, content)
    with pytest.raises(DataError) as excinfo:
        load_scores(path, EVALUATION, 2019)
    assert excinfo.value.format_message() == message.format(p=path)


def test_legacy_encoding_is_refused_with_advice(tmp_path):
    path = tmp_path / "cchc.csv"
    path.write_bytes(cp1258("Đơn vị;Điểm\nSở Nội vụ;91\n"))
    with pytest.raises(DataError) as excinfo:
        load_scores(path, EVALUATION, 2019)
    assert excinfo.value.format_message() == (
        f"{path}:1: tệp dùng bảng mã cũ Windows-1258, không phải Unicode (UTF-8); mở tệp bằng "
        "Excel rồi chọn Tệp > Lưu thành > CSV UTF-8 (hoặc lưu thành .xlsx), hoặc chuyển mã "
        "sang Unicode bằng Unikey"
    )


@pytest.mark.parametrize("text", ["99,84", "99.84", " 99,84 ", "98", "0", "100"])
def test_parse_score_text_accepts_either_decimal_mark(text):
    assert parse_score_text(text) in {Decimal("99.84"), Decimal(98), Decimal(0), Decimal(100)}


@pytest.mark.parametrize("text", ["", "abc", "9x,5", "1.234,5", "99,", ",5", "1e3", "NaN"])
def test_parse_score_text_rejects_anything_else(tmp_path, text):
    with pytest.raises(ValueError):
        parse_score_text(text)


EVALUATION_TOML = """
name = "Chỉ số A"
short_name = "A"
topic = "a"
group = "Khối A"
score_label = "điểm"
{extra}
[[bands]]
name = "Tốt"
minimum = "{first}"
[[bands]]
name = "Khá"
minimum = "{second}"
"""


def test_evaluation_definition(tmp_path):
    path = tmp_path / "six.toml"
    path.write_text(
        EVALUATION_TOML.format(extra='tie_rule = "competition"\ndecimals = 2', first=80, second=0),
        encoding="utf-8",
    )
    evaluation = load_evaluation(path)
    assert evaluation.id == "six"
    assert evaluation.tie_rule is TieRule.COMPETITION
    assert evaluation.decimals == 2
    assert evaluation.bands == (Band("Tốt", Decimal(80)), Band("Khá", Decimal(0)))


@pytest.mark.parametrize(
    ("extra", "first", "second", "message"),
    [
        (
            "",
            50,
            80,
            'các mức xếp loại phải xếp từ cao xuống thấp: "Khá" (từ 80) đứng sau "Tốt" (từ 50)',
        ),
        (
            'tie_rule = "olympic"',
            80,
            0,
            'tie_rule = "olympic" không hợp lệ; dùng "dense" (1, 1, 2) hoặc "competition" (1, 1, 3)',
        ),
        ('short_name = "B"', 80, 0, "cú pháp TOML không hợp lệ (kiểm tra dấu ngoặc kép và dấu =)"),
    ],
)
def test_bad_evaluation_definitions(tmp_path, extra, first, second, message):
    path = tmp_path / "a.toml"
    path.write_text(EVALUATION_TOML.format(extra=extra, first=first, second=second), "utf-8")
    with pytest.raises(DataError) as excinfo:
        load_evaluation(path)
    assert excinfo.value.detail == message


def test_first_year_is_optional(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text(EVALUATION_TOML.format(extra="", first=80, second=0), "utf-8")
    assert load_evaluation(path).first_year is None
    path.write_text(EVALUATION_TOML.format(extra="first_year = 2012", first=80, second=0), "utf-8")
    assert load_evaluation(path).first_year == 2012


def test_first_year_must_be_a_year(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text(
        EVALUATION_TOML.format(extra='first_year = "2012"', first=80, second=0), "utf-8"
    )
    with pytest.raises(DataError) as excinfo:
        load_evaluation(path)
    assert excinfo.value.detail == (
        'khoá "first_year" phải là số nguyên từ 1990 đến 2100, không phải "2012"'
    )
    assert (excinfo.value.row, excinfo.value.column) == (7, 14)


def test_scores_before_first_year_are_an_error(data_copy):
    path = data_copy / "evaluations" / "cchc.toml"
    path.write_text("first_year = 2019\n" + path.read_text("utf-8"), "utf-8")
    with pytest.raises(DataError) as excinfo:
        load_dataset(data_copy)
    assert excinfo.value.format_message() == (
        f"{data_copy / '2018' / 'cchc.csv'}: CCHC bắt đầu từ năm 2019 (first_year trong "
        "evaluations/cchc.toml) nhưng có điểm năm 2018; sửa first_year cho đúng năm bộ chỉ số "
        "được đánh giá lần đầu"
    )


def test_missing_key_is_named(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('name = "A"\n', encoding="utf-8")
    with pytest.raises(DataError) as excinfo:
        load_evaluation(path)
    assert excinfo.value.format_message() == f"{path}: cần ít nhất một mức xếp loại [[bands]]"


def test_missing_data_folder(tmp_path):
    with pytest.raises(DataError) as excinfo:
        load_dataset(tmp_path / "nowhere")
    assert (
        excinfo.value.format_message() == f"không tìm thấy thư mục dữ liệu {tmp_path / 'nowhere'}"
    )


def test_article_section_must_be_a_defined_evaluation(data_copy):
    path = data_copy / "2019" / "article.toml"
    path.write_text(path.read_text("utf-8").replace('"vtlt"]', '"vtlx"]'), "utf-8")
    with pytest.raises(DataError) as excinfo:
        load_dataset(data_copy)
    assert excinfo.value.format_message() == (
        f'{path}: mục "vtlx" trong sections không phải là bộ chỉ số đã định nghĩa (cchc, ict, vtlt)'
    )


def test_article_choice_settings_explain_their_values(data_copy):
    path = data_copy / "2019" / "article.toml"
    path.write_text('absent = "xoá"\n' + path.read_text("utf-8"), "utf-8")  # before any table
    with pytest.raises(DataError) as excinfo:
        load_dataset(data_copy)
    assert excinfo.value.format_message() == (
        f'{path}:1:10: absent = "xoá" không hợp lệ; dùng "mention" (nói ngắn gọn đơn vị không có '
        'kết quả) hoặc "omit" (bỏ phần đó)'
    )


# --- backslashes: Windows paths typed into double-quoted TOML strings --------------------


def photo_article(data: Path, file_line: str, newline: str = "\n") -> Path:
    """Give the sample's first photo a file line as typed, in a file saved with `newline`."""
    path = data / "2019" / "article.toml"
    text = path.read_text("utf-8").replace('# file = "images/anh-1.jpg"', file_line)
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("file_line", "column", "message"),
    [
        (
            r'file = "images\anh-1.jpg"',
            15,
            r"dấu \ trong đường dẫn: trong dấu ngoặc kép, TOML không chấp nhận \a; hãy dùng "
            r"""dấu / (file = "images/anh-1.jpg") hoặc dấu nháy đơn (file = 'images\anh-1.jpg')""",
        ),
        (
            r'file = "images\new.jpg"',
            15,
            r"dấu \ trong đường dẫn: trong dấu ngoặc kép, TOML đọc \n thành ký tự xuống dòng; "
            r"""hãy dùng dấu / (file = "images/new.jpg") hoặc dấu nháy đơn (file = 'images\new.jpg')""",
        ),
        (
            r'file = "anh\2019\bia.jpg"',
            12,
            r"dấu \ trong đường dẫn: trong dấu ngoặc kép, TOML không chấp nhận \2; hãy dùng "
            r"""dấu / (file = "anh/2019/bia.jpg") hoặc dấu nháy đơn (file = 'anh\2019\bia.jpg')""",
        ),
        (  # the first backslash, though TOML would accept it and refuse only the second
            r'file = "D:\bao-cao\anh.jpg"',
            11,
            r"dấu \ trong đường dẫn: trong dấu ngoặc kép, TOML đọc \b thành ký tự xoá lùi; "
            r'hãy dùng dấu / (file = "D:/bao-cao/anh.jpg") '
            r"hoặc dấu nháy đơn (file = 'D:\bao-cao\anh.jpg')",
        ),
        (
            'file = "Ảnh của Lan\'s\\tam.jpg"',  # no single-quoted fix: it holds a '
            22,
            r"dấu \ trong đường dẫn: trong dấu ngoặc kép, TOML đọc \t thành dấu tab; "
            r"""hãy dùng dấu / (file = "Ảnh của Lan's/tam.jpg")""",
        ),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_backslash_in_a_photo_path_is_located_and_explained(
    data_copy, file_line, column, message, newline
):
    path = photo_article(data_copy, file_line, newline)
    with pytest.raises(DataError) as excinfo:
        load_dataset(data_copy)
    assert excinfo.value.format_message() == f"{path}:10:{column}: {message}"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            'event = "Hội nghị"\nkeywords = ["CCHC", "Sở A\\Sở B"]\n',
            "2:26",
            r"dấu \ trong chuỗi: trong dấu ngoặc kép, TOML không chấp nhận \S; viết \\ thay cho "
            r"mỗi dấu \ hoặc đặt cả chuỗi trong dấu nháy đơn ('...'); "
            "đường dẫn thì dùng dấu /",
        ),
        (
            'event = """Hội nghị\ntổng kết \\ năm"""\n',
            "2:10",
            r"dấu \ trong chuỗi: trong dấu ngoặc kép, TOML không chấp nhận dấu \ ở cuối dòng hay "
            r"trước khoảng trắng; viết \\ thay cho mỗi dấu \ hoặc đặt cả chuỗi trong dấu nháy "
            "đơn (event = '...'); đường dẫn thì dùng dấu /",
        ),
        (
            '[[photos]]\ncaption = "Ảnh"\nfile = "a\\nh.jpg\n',  # no closing quote
            "3:10",
            r"dấu \ trong đường dẫn: trong dấu ngoặc kép, TOML đọc \n thành ký tự xuống dòng; "
            r"""hãy dùng dấu / (file = "a/nh.jpg") hoặc dấu nháy đơn (file = 'a\nh.jpg')""",
        ),
        (  # a syntax error before the backslash comes first
            'event = Hội nghị\nsections = ["cchc"]\n\n[[photos]]\nfile = "a\\b.jpg"\n',
            "1:9",
            "cú pháp TOML không hợp lệ (kiểm tra dấu ngoặc kép và dấu =)",
        ),
    ],
)
def test_backslash_in_any_string(tmp_path, text, where, message):
    path = tmp_path / "article.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(DataError) as excinfo:
        load_article(path, 2019, {})
    assert excinfo.value.format_message() == f"{path}:{where}: {message}"


def test_escapes_that_mean_what_they_say_still_work(tmp_path):
    path = tmp_path / "article.toml"
    path.write_text(
        '# file = "images\\anh-1.jpg"  (a comment: not read)\n'
        'event = """Hội nghị \\\n    tổng kết"""\n'
        "keywords = ['C:\\Users', '''a\\b''']\n"
        "\n"
        "[[photos]]\n"
        'caption = "Ông A nói: \\"Cảm ơn\\"\\tđồng chí \\u00C1nh\\nDòng 2 \\\\ hết"\n'
        'file = "images\\\\anh-1.jpg"\n'
        "\n"
        "[[photos]]\n"
        "caption = 'Ảnh 2'\n"
        "file = 'images\\anh-2.jpg'\n"
        "\n"
        "[[photos]]\n"
        'caption = "Ảnh 3"\n'
        'file = "ảnh/\\u00C1nh 3.jpg"\n',
        "utf-8",
    )
    article = load_article(path, 2019, {})
    assert article.event == "Hội nghị tổng kết"
    assert article.keywords == ("C:\\Users", "a\\b")
    first, second, third = article.photos
    assert first.caption == 'Ông A nói: "Cảm ơn"\tđồng chí Ánh\nDòng 2 \\ hết'
    # Backslashes the user meant as folder separators are folder separators on every OS.
    assert first.file == tmp_path / "images" / "anh-1.jpg"
    assert second.file == tmp_path / "images" / "anh-2.jpg"
    assert third.file == tmp_path / "ảnh" / "Ánh 3.jpg"


def test_a_windows_path_in_single_quotes_finds_the_photo(data_copy):
    images = data_copy / "2019" / "images"
    images.mkdir()
    from PIL import Image  # a real JPEG: load refuses a file that is not an image

    Image.new("RGB", (8, 8)).save(images / "anh-1.jpg")
    photo_article(data_copy, r"file = 'images\anh-1.jpg'", "\r\n")
    photo = load_dataset(data_copy).articles[2019].photos[0]
    assert photo.file == images / "anh-1.jpg"
    assert photo.file.is_file()


toml_pieces = st.lists(
    st.sampled_from(
        [
            *("file", "x", " = ", '"', '"""', "'", "'''", "\\", "n", "t", "a", "u00C1", "U"),
            *("#", "\n", "\r\n", " ", "[", "]", "{", "}", ",", "."),
        ]
    ),
    max_size=30,
).map("".join)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=toml_pieces)
def test_read_toml_agrees_with_tomllib_or_says_why_not(tmp_path, text):
    path = tmp_path / "a.toml"
    path.write_bytes(text.encode("utf-8"))
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        expected = None
    try:
        data = read_toml(path)
    except DataError as e:
        assert "\n" not in e.format_message()
        if expected is not None:  # only a path is refused when TOML accepts the file
            assert e.detail.startswith("dấu \\ trong đường dẫn: trong dấu ngoặc kép, TOML đọc")
        return
    assert data == expected


# --- which column is the score, which the band: named, never guessed --------------------

# The file found on main: the leftmost recognised header was taken and 96,15 printed.
THREE_SCORES = (
    "STT;Đơn vị;Điểm tự đánh giá;Điểm thẩm định;Tổng điểm;Xếp loại\n"
    "1;Sở Nội vụ;98,5;96,15;97,15;Rất tốt\n"
)


def test_several_score_columns_without_score_column_are_refused(tmp_path):
    path = write(tmp_path, THREE_SCORES)
    with pytest.raises(DataError) as excinfo:
        load_scores(path, EVALUATION, 2019)
    assert excinfo.value.message == (
        f'{path}:1: có 2 cột có thể là điểm: "Điểm thẩm định" (cột 4), "Tổng điểm" (cột 5); '
        "bantin không tự chọn: hãy ghi tên cột đúng vào evaluations/cchc.toml, "
        'ví dụ score_column = "Tổng điểm"'
    )


@pytest.mark.parametrize(
    ("score_column", "score"),
    [
        ("Tổng điểm", Decimal("97.15")),
        ("tong  DIEM", Decimal("97.15")),  # matched as headers are: case, accents, spacing
        ("Điểm thẩm định", Decimal("96.15")),
        ("Điểm tự đánh giá", Decimal("98.5")),  # a header bantin would not know by itself
    ],
)
def test_score_column_picks_exactly_that_column(tmp_path, score_column, score):
    path = write(tmp_path, THREE_SCORES)
    evaluation = EVALUATION._replace(score_column=score_column)
    assert [r.score for r in load_scores(path, evaluation, 2019).rows] == [score]


def test_score_column_and_band_column_are_read_from_the_definition(tmp_path):
    path = tmp_path / "cchc.toml"
    columns = 'score_column = "Tổng điểm"\nband_column = "Xếp loại chính thức"'
    path.write_text(EVALUATION_TOML.format(extra=columns, first=80, second=0), "utf-8")
    evaluation = load_evaluation(path)
    assert (evaluation.score_column, evaluation.band_column) == ("Tổng điểm", "Xếp loại chính thức")
    path.write_text(EVALUATION_TOML.format(extra="", first=80, second=0), "utf-8")
    assert load_evaluation(path)[-2:] == (None, None)


def test_score_column_not_in_the_file_lists_the_headers(tmp_path):
    path = write(tmp_path, "STT;Đơn vị;Điểm;Xếp loại\n1;Sở Nội vụ;97,15;Rất tốt\n")
    with pytest.raises(DataError) as excinfo:
        load_scores(path, EVALUATION._replace(score_column="Tổng điểm"), 2019)
    assert excinfo.value.message == (
        f'{path}:1: không có cột "Tổng điểm" (score_column trong evaluations/cchc.toml); '
        'các cột của dòng tiêu đề: "STT", "Đơn vị", "Điểm", "Xếp loại"'
    )


BANDS_TWICE = "Đơn vị;Điểm;Xếp loại;Xếp loại chính thức\nSở Nội vụ;85;Tốt;Rất tốt\n"


def test_several_band_columns_without_band_column_are_refused(tmp_path):
    path = write(tmp_path, BANDS_TWICE)
    with pytest.raises(DataError) as excinfo:
        load_scores(path, EVALUATION, 2019)
    assert excinfo.value.message == (
        f'{path}:1: có 2 cột có thể là xếp loại: "Xếp loại" (cột 3), "Xếp loại chính thức" '
        "(cột 4); bantin không tự chọn: hãy ghi tên cột đúng vào evaluations/cchc.toml, "
        'ví dụ band_column = "Xếp loại chính thức"'
    )


@pytest.mark.parametrize(
    ("band_column", "band"), [("Xếp loại", "Tốt"), ("xep loai chinh thuc", "Rất tốt")]
)
def test_band_column_picks_exactly_that_column(tmp_path, band_column, band):
    path = write(tmp_path, BANDS_TWICE)
    table = load_scores(path, EVALUATION._replace(band_column=band_column), 2019)
    assert [r.official_band for r in table.rows] == [band]


def test_band_column_not_in_the_file_lists_the_headers(tmp_path):
    path = write(tmp_path, "Đơn vị;Điểm\nSở Nội vụ;85\n")
    with pytest.raises(DataError) as excinfo:
        load_scores(path, EVALUATION._replace(band_column="Xếp loại chính thức"), 2019)
    assert excinfo.value.message == (
        f'{path}:1: không có cột "Xếp loại chính thức" (band_column trong '
        'evaluations/cchc.toml); các cột của dòng tiêu đề: "Đơn vị", "Điểm"'
    )


def test_xlsx_score_column_picks_the_total(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["KẾT QUẢ CHỈ SỐ CCHC"])
    sheet.append(["STT", "Đơn vị", "Điểm tự đánh giá", "Điểm thẩm định", "Tổng điểm"])
    sheet.append([1, "Sở Nội vụ", 98.5, 96.15, 97.15])
    path = tmp_path / "cchc.xlsx"
    workbook.save(path)
    with pytest.raises(DataError) as excinfo:
        load_scores(path, EVALUATION, 2019)
    assert excinfo.value.message.startswith(
        f'{path}:2: có 2 cột có thể là điểm: "Điểm thẩm định" (cột D), "Tổng điểm" (cột E);'
    )
    table = load_scores(path, EVALUATION._replace(score_column="Tổng điểm"), 2019)
    assert [r.score for r in table.rows] == [Decimal("97.15")]


def test_find_key_finds_the_line_inside_the_right_table(tmp_path):
    from bantin.tomlfile import KeyPlace, find_key

    path = tmp_path / "e.toml"
    path.write_text(
        '# decimals = 2\nname = "A"\n\n[[bands]]\nname = "Tốt"\n\n[[bands]]\n  "name" = "Khá"\n'
        "decimals = 2\n",
        "utf-8",
    )
    assert find_key(path, None, "decimals") is None  # the commented line is not the key
    assert find_key(path, None, "name") == KeyPlace(2, 1, 8)
    assert find_key(path, ("bands", 0), "name") == KeyPlace(5, 1, 8)
    assert find_key(path, ("bands", 1), "name") == KeyPlace(8, 3, 12)
    assert find_key(path, ("bands", 1), "decimals") == KeyPlace(9, 1, 12)


def test_a_key_written_after_the_bands_belongs_to_the_last_band_and_is_refused(tmp_path):
    path = tmp_path / "e.toml"
    path.write_text(
        EVALUATION_TOML.format(extra="", first=80, second=0) + "\nfirst_year = 2012\n", "utf-8"
    )
    with pytest.raises(DataError) as excinfo:
        load_evaluation(path)
    assert excinfo.value.detail.startswith('khoá "first_year" viết sau [[bands]]')
    assert excinfo.value.row == path.read_text("utf-8").splitlines().index("first_year = 2012") + 1


# --- issue 17: what offices bring -------------------------------------------------------


def test_article_without_sections_takes_every_evaluation_scored_that_year(data_copy):
    article = data_copy / "2019" / "article.toml"
    article.write_text(
        article.read_text("utf-8").replace('sections = ["cchc", "vtlt"]', ""), "utf-8"
    )
    settings = load_dataset(data_copy).articles[2019]
    assert settings.sections == ("cchc", "ict", "vtlt")
    assert [p.after for p in settings.photos] == ["cchc", "vtlt"]


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ("Điểm trung bình", True),
        ("TRUNG BÌNH", True),
        ("Trung bình chung", True),
        ("Tổng cộng:", True),
        ("Cộng", True),
        ("Tổng cộng toàn khối", True),
        ("Bình quân", True),
        ("Tổng công ty Điện lực", False),
        ("Trung tâm Trung bình", False),
        ("Trung bình khá", False),  # a band's name, never a unit's, but not a total either
        ("Sở Nội vụ", False),
        ("Cộng đồng dân cư", False),
    ],
)
def test_summary_labels(text, summary):
    from bantin.cells import summary_label

    assert summary_label(text) is summary


def test_an_open_quote_in_a_large_file_is_named_where_it_opens(tmp_path):
    rows = "".join(f"{i};Đơn vị {i};{50 + i % 50};Khá\n" for i in range(1, 4000))
    path = write(tmp_path, 'STT;Đơn vị;Điểm;Xếp loại\n1;"Sở Nội vụ;91;Khá\n' + rows)
    with pytest.raises(DataError) as excinfo:
        load_scores(path, EVALUATION, 2019)
    assert excinfo.value.format_message() == (
        f'{path}:2:2: ô mở bằng dấu ngoặc kép (") nhưng không có dấu đóng, nên các dòng sau nó '
        'bị đọc thành một ô; hãy thêm dấu " đóng cuối ô hoặc xoá dấu " mở, rồi lưu tệp'
    )


def test_a_quoted_cell_with_line_breaks_and_doubled_quotes_is_read(tmp_path):
    path = write(tmp_path, 'Đơn vị;Điểm\n"Sở ""Nội""\r\nvụ";91\n"Sở Tư pháp";90\n')
    rows = load_scores(path, EVALUATION, 2019).rows
    assert [(r.unit, r.line) for r in rows] == [('Sở "Nội" vụ', 2), ("Sở Tư pháp", 4)]


# --- read from memory (the desk): the same entry points, the same located lines --------

ARTICLE_CASES = sorted(
    case.name
    for case in (Path(__file__).resolve().parent / "bad_inputs").iterdir()
    if (case / "expected.txt").is_file()
    and not (case / "args.txt").exists()
    and not (case / "remove.txt").exists()
    and [
        p.relative_to(case / "files").as_posix() for p in (case / "files").rglob("*") if p.is_file()
    ]
    == ["2019/article.toml"]
    and "{data}/2019/article.toml" in (case / "expected.txt").read_text("utf-8")
)


@pytest.mark.parametrize("name", ARTICLE_CASES)
def test_an_article_toml_read_from_memory_gets_renders_located_line(name, data_copy):
    # The file on disk stays the sample's: rows and columns are found in the bytes given.
    from bantin.load import (
        EVALUATIONS_DIR,
        UNITS_FILE,
        load_evaluations,
        load_registry,
        load_year_article,
        load_year_scores,
    )
    from bantin.source import Source

    case = Path(__file__).resolve().parent / "bad_inputs" / name
    path = data_copy / "2019" / "article.toml"
    evaluations = load_evaluations(data_copy / EVALUATIONS_DIR)
    registry = load_registry(data_copy / UNITS_FILE)
    scores = load_year_scores(data_copy, 2019, evaluations, registry)
    source = Source((case / "files" / "2019" / "article.toml").read_bytes(), path)
    with pytest.raises(DataError) as raised:
        load_year_article(source, 2019, evaluations, scores, registry, data_copy)
    expected = (case / "expected.txt").read_text("utf-8").replace("{data}", str(data_copy))
    assert f"Lỗi: {raised.value.format_message()}\n" == expected


def test_article_cases_are_many():
    assert len(ARTICLE_CASES) >= 12
