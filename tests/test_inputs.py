"""Real spreadsheets in, clear errors out: CSV/XLSX variants, the bad-input corpus, fuzzing."""

from __future__ import annotations

import codecs
import io
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bantin.cli import cli
from bantin.errors import DataError
from bantin.grid import Cell as grid_cell
from bantin.load import load_dataset, load_scores

from .conftest import SAMPLE_DATA

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
# A case refused prints its expected.txt; a case read right (same-article.txt) gives the
# sample's article word for word. args.txt: options render is given besides the data.
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.txt").is_file())
READ_RIGHT = sorted(p.name for p in CORPUS.iterdir() if (p / "same-article.txt").is_file())


def case_args(name: str) -> list[str]:
    path = CORPUS / name / "args.txt"
    return path.read_text("utf-8").splitlines() if path.exists() else []


def render(data: Path, out: Path, *args: str):
    return CliRunner().invoke(
        cli,
        ["render", "2019", "--data", str(data), "--out", str(out), *args],
        prog_name="bantin",
    )


def apply_case(case: Path, data: Path) -> None:
    remove = case / "remove.txt"
    if remove.exists():
        for relative in remove.read_text("utf-8").split():
            (data / relative).unlink()
    files = case / "files"
    if files.exists():
        for path in files.rglob("*"):
            if path.is_file():
                target = data / path.relative_to(files)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, target)


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 100
    assert len(READ_RIGHT) >= 10
    # Every folder is one kind of case or the other, never both or neither.
    folders = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert sorted(CASES + READ_RIGHT) == folders


@pytest.mark.parametrize("name", CASES)
def test_bad_input_gives_one_exact_line_exit_1_and_writes_nothing(name, data_copy, tmp_path):
    case = CORPUS / name
    apply_case(case, data_copy)
    out = tmp_path / "output"
    result = render(data_copy, out, *case_args(name))
    expected = (case / "expected.txt").read_text("utf-8").replace("{data}", str(data_copy))
    assert result.exit_code == 1
    assert result.stderr == expected
    assert result.stdout == ""
    assert not out.exists()


@pytest.mark.parametrize("name", READ_RIGHT)
def test_input_read_right_gives_the_samples_article(name, data_copy, tmp_path):
    apply_case(CORPUS / name, data_copy)
    article = (CORPUS / name / "same-article.txt").read_text("utf-8").strip()
    result = render(data_copy, tmp_path / "a", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert render(SAMPLE_DATA, tmp_path / "b", "--format", "md").exit_code == 0
    assert (tmp_path / "a" / article).read_text("utf-8") == (tmp_path / "b" / article).read_text(
        "utf-8"
    )


@pytest.mark.parametrize("name", [n for n in CASES if not case_args(n)])
def test_validate_reports_the_same_problem(name, data_copy):
    apply_case(CORPUS / name, data_copy)
    result = CliRunner().invoke(
        cli, ["validate", "2019", "--data", str(data_copy)], prog_name="bantin"
    )
    expected = (CORPUS / name / "expected.txt").read_text("utf-8").replace("{data}", str(data_copy))
    assert result.exit_code == 1
    assert expected.strip() in (result.stdout + result.stderr)


# --- the same data, saved every way Excel saves it ---------------------------------------

SAMPLE = SAMPLE_DATA / "2019" / "cchc.csv"


def sample_rows() -> list[list[str]]:
    lines = SAMPLE.read_text("utf-8").splitlines()
    return [line.split(";") for line in lines]


def as_csv(
    rows: list[list[str]], delimiter: str, decimal: str = ",", quote_all: bool = False
) -> str:
    out = io.StringIO()
    import csv

    writer = csv.writer(
        out,
        delimiter=delimiter,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
        lineterminator="\r\n",
    )
    for i, row in enumerate(rows):
        if i and decimal == ".":
            row = [row[0], row[1], row[2].replace(",", "."), *row[3:]]
        writer.writerow(row)
    return out.getvalue()


def variants() -> dict[str, bytes]:
    rows = sample_rows()
    titled = [
        ["PHỤ LỤC II", "", "", "", ""],
        ["KẾT QUẢ XẾP HẠNG CHỈ SỐ CCHC NĂM 2019", "", "", "", ""],
        [""] * 5,
        *rows,
    ]
    return {
        "utf8-semicolon": as_csv(rows, ";").encode("utf-8"),
        "utf8-bom-comma-quoted": codecs.BOM_UTF8 + as_csv(rows, ",").encode("utf-8"),
        "utf8-comma-all-quoted": as_csv(rows, ",", quote_all=True).encode("utf-8"),
        "utf8-tab": as_csv(rows, "\t").encode("utf-8"),
        "utf8-comma-decimal-point": as_csv(rows, ",", decimal=".").encode("utf-8"),
        "utf16-unicode-text": codecs.BOM_UTF16_LE + as_csv(rows, "\t").encode("utf-16-le"),
        "utf16-be": codecs.BOM_UTF16_BE + as_csv(rows, "\t").encode("utf-16-be"),
        # Saved by tools that write no byte order mark (issue 17): read, not "Windows-1258".
        "utf16-le-no-bom": as_csv(rows, "\t").encode("utf-16-le"),
        "utf16-be-no-bom": as_csv(rows, ";").encode("utf-16-be"),
        "utf32-bom": codecs.BOM_UTF32_LE + as_csv(rows, ";").encode("utf-32-le"),
        "utf32-le-no-bom": as_csv(rows, ";").encode("utf-32-le"),
        "utf32-be-no-bom": as_csv(rows, "\t").encode("utf-32-be"),
        # A line separator inside a name is a space to a reader, never the end of a row.
        "line-separator-in-names": as_csv(
            [[r[0], r[1].replace(" ", "\u2028", 1), *r[2:]] for r in rows], ";"
        ).encode("utf-8"),
        "paragraph-separator-in-quoted-name": as_csv(
            [[r[0], r[1].replace(" ", "\u2029", 1), *r[2:]] for r in rows], ",", quote_all=True
        ).encode("utf-8"),
        "line-break-in-quoted-name": as_csv(
            [[r[0], r[1].replace(" ", "\r\n", 1), *r[2:]] for r in rows], ";", quote_all=True
        ).encode("utf-8"),
        "nfd-text": unicodedata.normalize("NFD", as_csv(rows, ";")).encode("utf-8"),
        "title-rows-above-header": as_csv(titled, ";").encode("utf-8"),
        # Unit headers as offices write them (issue 17).
        "header-ten-co-quan-don-vi": as_csv(
            [[rows[0][0], "Tên cơ quan, đơn vị", *rows[0][2:]], *rows[1:]], ","
        ).encode("utf-8"),
        "header-co-quan-slash-don-vi": as_csv(
            [[rows[0][0], "Tên cơ quan/đơn vị", *rows[0][2:]], *rows[1:]], ";"
        ).encode("utf-8"),
        "header-don-vi-danh-gia": as_csv(
            [[rows[0][0], "ĐƠN VỊ ĐÁNH GIÁ", *rows[0][2:]], *rows[1:]], ";"
        ).encode("utf-8"),
        # "Kết quả" over "Điểm" and "Xếp loại", the other headers on the upper row only.
        "two-row-header": as_csv(
            [
                ["STT", "Đơn vị", "Kết quả", "", "Ghi chú"],
                ["", "", "Điểm", "Xếp loại", ""],
                *rows[1:],
            ],
            ";",
        ).encode("utf-8"),
        "extra-columns-first": as_csv([["Ghi chú 2", *r] for r in rows], ";").encode("utf-8"),
    }


@pytest.mark.parametrize("variant", sorted(variants()))
def test_every_csv_variant_loads_to_the_same_scores(variant, tmp_path):
    dataset = load_dataset(SAMPLE_DATA)
    evaluation = dataset.evaluations["cchc"]
    reference = load_scores(SAMPLE, evaluation, 2019, dataset.registry)
    path = tmp_path / "cchc.csv"
    path.write_bytes(variants()[variant])
    table = load_scores(path, evaluation, 2019, dataset.registry)
    assert [(r.unit, r.score, r.official_band) for r in table.rows] == [
        (r.unit, r.score, r.official_band) for r in reference.rows
    ]


def xlsx_bytes(
    numbers_as_text: bool = False, formulas: bool = False, titled: bool = False
) -> bytes:
    from decimal import Decimal

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kết quả"
    if titled:
        sheet.append(["PHỤ LỤC: KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2019"])
        sheet.merge_cells("A1:E1")
        sheet.append([])
    rows = sample_rows()
    sheet.append(rows[0])
    for row in rows[1:]:
        score: object = row[2] if numbers_as_text else float(Decimal(row[2].replace(",", ".")))
        sheet.append([int(row[0]), row[1], score, *row[3:]])
        if not numbers_as_text:
            sheet.cell(sheet.max_row, 3).number_format = "0.00"
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    if formulas:
        data = _with_cached_formulas(data)
    return data


def _with_cached_formulas(data: bytes) -> bytes:
    """Turn each score into a formula with a cached value, as Excel saves it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                text = body.decode("utf-8")
                text = re.sub(
                    r'<c r="(C\d+)"([^>]*)><v>([0-9.]+)</v></c>',
                    lambda m: (
                        f'<c r="{m.group(1)}"{m.group(2)}><f>ROUND({m.group(3)}+0,2)</f><v>{m.group(3)}</v></c>'
                    ),
                    text,
                )
                assert "<f>" in text
                body = text.encode("utf-8")
            target.writestr(info, body)
    return out.getvalue()


@pytest.mark.parametrize(
    "kind", ["numbers", "numbers-as-text", "cached-formulas", "merged-title-rows"]
)
def test_xlsx_loads_to_the_same_scores_and_renders_the_same_article(kind, data_copy, tmp_path):
    data = xlsx_bytes(
        numbers_as_text=kind == "numbers-as-text",
        formulas=kind == "cached-formulas",
        titled=kind == "merged-title-rows",
    )
    (data_copy / "2019" / "cchc.csv").unlink()
    (data_copy / "2019" / "cchc.xlsx").write_bytes(data)
    dataset = load_dataset(data_copy)
    reference = load_dataset(SAMPLE_DATA)
    assert [(r.unit, r.score, r.official_band) for r in dataset.scores[("cchc", 2019)].rows] == [
        (r.unit, r.score, r.official_band) for r in reference.scores[("cchc", 2019)].rows
    ]
    assert render(data_copy, tmp_path / "a").exit_code == 0
    assert render(SAMPLE_DATA, tmp_path / "b").exit_code == 0
    name = "2019/Sở Thông tin và Truyền thông.md"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_xlsx_named_sheet(data_copy):
    (data_copy / "2019" / "cchc.csv").unlink()
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["ghi chú"])
    other = workbook.create_sheet("Kết quả")
    for row in sample_rows():
        other.append(row)
    workbook.save(data_copy / "2019" / "cchc.xlsx")
    definition = data_copy / "evaluations" / "cchc.toml"
    definition.write_text(
        definition.read_text("utf-8").replace(
            'short_name = "CCHC"', 'short_name = "CCHC"\nsheet = "Kết quả"'
        ),
        "utf-8",
    )
    assert len(load_dataset(data_copy).scores[("cchc", 2019)].rows) == 21


def test_names_match_through_the_registry(data_copy):
    path = data_copy / "2019" / "cchc.csv"
    text = path.read_text("utf-8")
    text = text.replace(";Sở Thông tin và Truyền thông;", ";Sở Thông tin & Truyền thông;")
    text = text.replace(";Sở Giao thông vận tải;", ";  SỞ GIAO THÔNG   VẬN TẢI ;")
    path.write_text(unicodedata.normalize("NFD", text), "utf-8")
    rows = load_dataset(data_copy).scores[("cchc", 2019)].rows
    assert [r.unit for r in rows[:3]] == [
        "Sở Thông tin và Truyền thông",
        "Sở Nội vụ",
        "Sở Giao thông vận tải",
    ]


def test_short_forms_reach_the_templates(data_copy, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "byline.md.j2").write_text("{{ focus | short }}\n", "utf-8")
    from bantin.compose.article import compose_article

    article = compose_article(load_dataset(data_copy), 2019, templates=templates)
    assert article.blocks[-1].text == "Sở TT&TT"


def test_ambiguous_thousands_are_refused_when_scores_can_exceed_1000(data_copy):
    definition = data_copy / "evaluations" / "cchc.toml"
    text = definition.read_text("utf-8")
    # max_score sits before the [[bands]] tables, so it belongs to the evaluation.
    definition.write_text(
        text.replace('short_name = "CCHC"', 'short_name = "CCHC"\nmax_score = "2000"'), "utf-8"
    )
    path = data_copy / "2019" / "cchc.csv"
    path.write_text(path.read_text("utf-8").replace(";89,72;", ";1.234;"), "utf-8")
    with pytest.raises(DataError) as excinfo:
        load_dataset(data_copy)
    assert excinfo.value.detail == 'điểm "1.234" không rõ là số thập phân hay số có dấu hàng nghìn'


# --- never a traceback ----------------------------------------------------------------


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes_end_in_a_bantin_error_or_scores(raw, tmp_path):
    _load_or_data_error(raw, tmp_path)


csv_like = st.lists(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "Đơn vị",
                    "Điểm",
                    "Xếp loại",
                    "STT",
                    "Sở Nội vụ",
                    "Sở Tư pháp",
                    "Rất tốt",
                    "Khá",
                    "",
                ]
            ),
            st.from_regex(r"-?[0-9]{1,3}([.,][0-9]{1,3})?", fullmatch=True),
            st.text(max_size=8),
        ),
        max_size=5,
    ),
    max_size=8,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=csv_like, delimiter=st.sampled_from([";", ",", "\t"]))
def test_arbitrary_csv_like_text_ends_in_a_bantin_error_or_scores(rows, delimiter, tmp_path):
    text = "\n".join(delimiter.join(cells) for cells in rows)
    _load_or_data_error(text.encode("utf-8"), tmp_path)


def _load_or_data_error(raw: bytes, tmp_path: Path) -> None:
    dataset = load_dataset(SAMPLE_DATA)
    path = tmp_path / "cchc.csv"
    path.write_bytes(raw)
    try:
        table = load_scores(path, dataset.evaluations["cchc"], 2019, dataset.registry)
    except DataError as e:
        assert "\n" not in e.format_message()
        return
    for row in table.rows:
        assert 0 <= row.score <= 100


# --- validate ---------------------------------------------------------------------------


def test_validate_summarises_the_sample(monkeypatch):
    monkeypatch.chdir(SAMPLE_DATA.parent)
    result = CliRunner().invoke(cli, ["validate", "2019"], prog_name="bantin")
    assert result.exit_code == 0
    assert result.stdout == (
        "CCHC — Chỉ số cải cách hành chính (data/2019/cchc.csv)\n"
        "  21 đơn vị; Rất tốt 3, Tốt 11, Khá 7, Trung bình 0, Yếu 0\n"
        "  Đứng đầu: 1. Sở Nội vụ (99,84); 1. Sở Thông tin và Truyền thông (99,84); "
        "2. Sở Giao thông vận tải (90,65)\n"
        "ICT — Chỉ số ứng dụng công nghệ thông tin (data/2019/ict.csv)\n"
        "  21 đơn vị; Xuất sắc 3, Tốt 4, Khá 5, Trung bình khá 4, Trung bình 3, Chưa đạt 2\n"
        "  Đứng đầu: 1. Sở Thông tin và Truyền thông (93,50); 2. Sở Giao thông vận tải (91,25); "
        "2. Sở Nội vụ (91,25)\n"
        "VTLT — công tác văn thư lưu trữ (data/2019/vtlt.csv)\n"
        "  32 đơn vị; Xuất sắc 10, Tốt 3, Khá 5, Trung bình 3, Chưa đạt 11\n"
        "  Đứng đầu: 1. Sở Khoa học và Công nghệ (98); 1. Sở Tài chính (98); "
        "2. Sở Văn hóa và Thể thao (97)\n"
        "Cảnh báo: CCHC: 21 đơn vị năm 2019, 20 đơn vị năm 2018\n"
        "Năm 2019: 0 lỗi, 1 cảnh báo.\n"
    )


def test_validate_lists_every_problem_and_every_warning(data_copy):
    path = data_copy / "2019" / "cchc.csv"
    text = path.read_text("utf-8")
    text = text.replace(";89,72;Tốt;", ";8x,72;Tốt;").replace(";88,95;Tốt;", ";88,95;Rất tốt;")
    text = text.replace(";71,92;Khá;", ";171,92;Khá;")
    path.write_text(text, "utf-8")
    vtlt = data_copy / "2019" / "vtlt.csv"
    vtlt.write_text(
        "\n".join(
            line
            for line in vtlt.read_text("utf-8").splitlines()
            if "Công viên phần mềm" not in line
        )
        + "\n",
        "utf-8",
    )
    result = CliRunner().invoke(
        cli, ["validate", "2019", "--data", str(data_copy)], prog_name="bantin"
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f'Lỗi: {path}:5:3: điểm "8x,72" không phải là số' in lines
    assert f'Lỗi: {path}:22:3: điểm "171,92" nằm ngoài khoảng 0..100' in lines
    assert (
        f'Cảnh báo: {path}:6: xếp loại chính thức "Rất tốt" của Sở Kế hoạch và Đầu tư khác với '
        'mức theo ngưỡng điểm ("Tốt" với 88,95 điểm); bantin dùng xếp loại chính thức'
    ) in lines
    assert "Cảnh báo: VTLT: 31 đơn vị năm 2019, 32 đơn vị năm 2018" in lines
    assert (
        "Cảnh báo: VTLT: Công viên phần mềm Đà Nẵng có trong kết quả năm 2018 nhưng không có năm 2019"
        in lines
    )
    assert not any("CCHC: " in line for line in lines)  # rows with errors are not "missing"
    assert lines[-1] == "Năm 2019: 2 lỗi, 3 cảnh báo."


# --- XLSX as Excel shows it (issue 17, item 2) -------------------------------------------


def _sample_sheet(sheet, score_offset: float = 0.0) -> None:
    from decimal import Decimal

    rows = sample_rows()
    sheet.append(rows[0])
    for row in rows[1:]:
        score = float(Decimal(row[2].replace(",", "."))) - score_offset
        sheet.append([int(row[0]), row[1], score, *row[3:]])
        sheet.cell(sheet.max_row, 3).number_format = "0.00"


def _same_article_as_sample(data_copy: Path, tmp_path: Path) -> None:
    reference = load_dataset(SAMPLE_DATA)
    dataset = load_dataset(data_copy)
    assert [(r.unit, r.score, r.official_band) for r in dataset.scores[("cchc", 2019)].rows] == [
        (r.unit, r.score, r.official_band) for r in reference.scores[("cchc", 2019)].rows
    ]
    assert render(data_copy, tmp_path / "a").exit_code == 0
    assert render(SAMPLE_DATA, tmp_path / "b").exit_code == 0
    name = "2019/Sở Thông tin và Truyền thông.md"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_xlsx_reads_the_sheet_excel_opens_on(data_copy, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    _sample_sheet(workbook.active, score_offset=5)  # last year's numbers, first sheet
    workbook.active.title = "2018"
    current = workbook.create_sheet("2019")
    _sample_sheet(current)
    workbook.active = current
    (data_copy / "2019" / "cchc.csv").unlink()
    workbook.save(data_copy / "2019" / "cchc.xlsx")
    _same_article_as_sample(data_copy, tmp_path)
    result = CliRunner().invoke(
        cli, ["validate", "2019", "--data", str(data_copy)], prog_name="bantin"
    )
    assert (
        f'CCHC — Chỉ số cải cách hành chính ({data_copy / "2019" / "cchc.xlsx"}, trang tính "2019")'
        in result.stdout.splitlines()
    )


def test_xlsx_two_row_header_with_merged_cells_is_read_as_shown(data_copy, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Đơn vị", "Kết quả", None, "Ghi chú"])
    _sample_sheet(sheet)
    sheet.delete_rows(2)  # the sample's own header, replaced by the two rows below
    sheet.insert_rows(2)
    for column, text in zip("CD", ("Điểm", "Xếp loại"), strict=True):
        sheet[f"{column}2"] = text
    for merged in ("A1:A2", "B1:B2", "C1:D1", "E1:E2"):
        sheet.merge_cells(merged)
    (data_copy / "2019" / "cchc.csv").unlink()
    workbook.save(data_copy / "2019" / "cchc.xlsx")
    _same_article_as_sample(data_copy, tmp_path)


def test_xlsx_merged_block_cells_count_for_every_row_they_cover(tmp_path):
    from openpyxl import Workbook

    dataset = load_dataset(SAMPLE_DATA)
    evaluation = dataset.evaluations["cchc"]
    tables = []
    for merged in (False, True):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["Khối", "Đơn vị", "Điểm"])
        for i, row in enumerate(sample_rows()[1:]):
            block = "Khối A" if i < 10 else "Khối B"
            sheet.append([None if merged and i not in (0, 10) else block, row[1], row[2]])
        if merged:
            sheet.merge_cells("A2:A11")
            sheet.merge_cells(f"A12:A{sheet.max_row}")
        path = tmp_path / f"{merged}.xlsx"
        workbook.save(path)
        tables.append(load_scores(path, evaluation, 2019, dataset.registry).rows)
    assert [r.block for r in tables[0]] == ["Khối A"] * 10 + ["Khối B"] * 11
    assert tables[1] == tables[0]


@pytest.mark.parametrize("far", ["XFD1048576", "A1048576", "XFD1"])
def test_xlsx_reading_is_bounded_by_cells_holding_data(far, tmp_path, monkeypatch):
    from openpyxl import Workbook

    from bantin import grid

    workbook = Workbook()
    sheet = workbook.active
    _sample_sheet(sheet)
    sheet[far].number_format = "0.00"  # formatted, empty: what Ctrl+End reaches in Excel
    path = tmp_path / "cchc.xlsx"
    workbook.save(path)
    made = []
    monkeypatch.setattr(grid, "Cell", lambda *a, **k: made.append(a) or grid_cell(*a, **k))
    table = grid.read_xlsx(path, None)
    assert len(table.rows) == 22
    assert len(made) < 200  # the old reading walked every cell up to `far`


@pytest.mark.parametrize("merge", ["E1:XFD1048576", "A30:A1048576", "D2:D1048576"])
def test_xlsx_a_merge_over_whole_columns_costs_nothing(merge, tmp_path):
    # A full load of openpyxl makes a cell for every position a merge covers (seventeen
    # billion here): bantin reads merges from the sheet's XML and only where data is.
    import zipfile

    from openpyxl import Workbook

    from bantin import grid

    workbook = Workbook()
    sheet = workbook.active
    _sample_sheet(sheet)
    sheet.merge_cells("Z90:Z91")  # openpyxl itself would fill the whole range: set it below
    small = tmp_path / "small.xlsx"
    workbook.save(small)
    path = tmp_path / "cchc.xlsx"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'ref="Z90:Z91"', f'ref="{merge}"'.encode())
            target.writestr(item, data)
    table = grid.read_xlsx(path, None)
    assert len(table.rows) == 22
    assert table.rows[1][1].text == "Sở Thông tin và Truyền thông"


# --- options naming what does not exist (issue 17) ---------------------------------------


@pytest.mark.parametrize("command", ["render", "validate"])
def test_a_templates_folder_that_does_not_exist_is_an_error(command, data_copy, tmp_path):
    out = tmp_path / "output"
    args = [command, "2019", "--data", str(data_copy), "--templates", str(tmp_path / "templatse")]
    result = CliRunner().invoke(
        cli, [*args, "--out", str(out)] if command == "render" else args, prog_name="bantin"
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Lỗi: giá trị không hợp lệ cho '--templates': không có thư mục "
        f'"{tmp_path / "templatse"}"; sửa lại tên hoặc bỏ --templates'
    )
    assert not out.exists()


def test_the_default_templates_folder_may_be_absent(data_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no templates/ here: the built-in templates are used
    result = render(data_copy, tmp_path / "output", "--format", "md")
    assert result.exit_code == 0, result.stderr
