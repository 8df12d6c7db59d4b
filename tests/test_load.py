from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from bantin.errors import DataError
from bantin.load import load_dataset, load_evaluation, load_scores
from bantin.model import Band, Evaluation, TieRule
from bantin.scores import parse_score_text

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
            '{p}:3:2: đơn vị "sở nội VỤ" xuất hiện hai lần (dòng 2 và dòng 3)',
        ),
        ("Tên;Điểm\nA;91\n", '{p}:1: không có cột tên đơn vị (tiêu đề "Đơn vị")'),
        ("Đơn vị;Ghi chú\nA;91\n", '{p}:1: không có cột điểm (tiêu đề "Điểm")'),
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
            'tie_rule "olympic" không hợp lệ; dùng "dense" (1, 1, 2) hoặc "competition" (1, 1, 3)',
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
        f'{path}: absent = "xoá" không hợp lệ; dùng "mention" (nói ngắn gọn đơn vị không có '
        'kết quả) hoặc "omit" (bỏ phần đó)'
    )
