"""Regenerate the bad-input corpus: `python tests/bad_inputs/make_corpus.py [CASE...]`.

Each case is a folder holding the files it puts over a copy of data/ (and, in
remove.txt, the files it deletes first). expected.txt, the one error line render
must print, is written by hand and reviewed; this script never touches it.
"""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from helpers import cp1258  # noqa: E402  (the tests' own helper)

HEADER = "STT;Đơn vị;Điểm;Xếp loại\n"
GOOD = [
    ("Sở Thông tin và Truyền thông", "99,84", "Rất tốt"),
    ("Sở Nội vụ", "99,84", "Rất tốt"),
    ("Sở Giao thông vận tải", "90,65", "Rất tốt"),
    ("Sở Tư pháp", "89,72", "Tốt"),
]


def csv_rows(rows: list[tuple[str, str, str]], header: str = HEADER) -> str:
    return header + "".join(f"{i};{u};{s};{b}\n" for i, (u, s, b) in enumerate(rows, 1))


def with_row(index: int, row: tuple[str, str, str]) -> str:
    rows = list(GOOD)
    rows[index] = row
    return csv_rows(rows)


def xlsx(rows: list[list[object]], edit: Callable[[Any], None] | None = None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if edit is not None:
        edit(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX_HEADER: list[object] = ["STT", "Đơn vị", "Điểm", "Xếp loại"]
XLSX_GOOD: list[list[object]] = [
    XLSX_HEADER,
    *[[i, u, float(s.replace(",", ".")), b] for i, (u, s, b) in enumerate(GOOD, 1)],
]
CCHC_TOML = (Path(__file__).resolve().parents[2] / "data" / "evaluations" / "cchc.toml").read_text(
    "utf-8"
)
ARTICLE_TOML = (Path(__file__).resolve().parents[2] / "data" / "2019" / "article.toml").read_text(
    "utf-8"
)


PUBLISHER_TOML = (Path(__file__).resolve().parents[2] / "data" / "publisher.toml").read_text(
    "utf-8"
)
UNITS_TOML = (Path(__file__).resolve().parents[2] / "data" / "units.toml").read_text("utf-8")


def replaced(text: str, old: str, new: str) -> str:
    """`text` with `old` (which must be there) replaced by `new`."""
    assert old in text, old
    return text.replace(old, new)


SAMPLE_CCHC = (Path(__file__).resolve().parents[2] / "data" / "2019" / "cchc.csv").read_text(
    "utf-8"
)


def without_band_column(text: str) -> str:
    """The sample's scores as a file without its "Xếp loại" column (the fourth)."""
    return "".join(
        ";".join(cells[:3] + cells[4:]) + "\n"
        for cells in (line.split(";") for line in text.splitlines())
    )


# The found case: a self-assessed, an appraised and a total score side by side.
THREE_SCORES = "STT;Đơn vị;Điểm tự đánh giá;Điểm thẩm định;Tổng điểm;Xếp loại\n" + "".join(
    f"{i};{u};{s};{s};{s};{b}\n" for i, (u, s, b) in enumerate(GOOD, 1)
)
THREE_SCORES_XLSX: list[list[object]] = [
    ["STT", "Đơn vị", "Điểm tự đánh giá", "Điểm thẩm định", "Tổng điểm", "Xếp loại"],
    *[
        [
            i,
            u,
            float(s.replace(",", ".")),
            float(s.replace(",", ".")) - 1,
            float(s.replace(",", ".")),
            b,
        ]
        for i, (u, s, b) in enumerate(GOOD, 1)
    ],
]


def photo_file(line: str) -> str:
    """The sample's article.toml with its first photo's file line as a user typed it."""
    commented = '# file = "images/anh-1.jpg"'
    assert commented in ARTICLE_TOML
    return ARTICLE_TOML.replace(commented, line)


CASES: dict[str, dict[str, object]] = {
    "score-not-a-number": {"2019/cchc.csv": with_row(3, ("Sở Tư pháp", "9x,5", "Tốt"))},
    "score-missing": {"2019/cchc.csv": with_row(3, ("Sở Tư pháp", "", "Tốt"))},
    "score-above-maximum": {"2019/cchc.csv": with_row(3, ("Sở Tư pháp", "108,5", "Rất tốt"))},
    "score-negative": {"2019/cchc.csv": with_row(3, ("Sở Tư pháp", "-2", "Yếu"))},
    "score-with-thousands-separator": {
        "2019/cchc.csv": with_row(3, ("Sở Tư pháp", "1.234,5", "Tốt"))
    },
    "score-two-decimal-commas": {"2019/cchc.csv": with_row(3, ("Sở Tư pháp", "89,72,1", "Tốt"))},
    "score-nan": {"2019/cchc.csv": with_row(3, ("Sở Tư pháp", "NaN", "Tốt"))},
    "score-exponent": {"2019/cchc.csv": with_row(3, ("Sở Tư pháp", "8e1", "Tốt"))},
    "score-percent": {"2019/cchc.csv": with_row(3, ("Sở Tư pháp", "89%", "Tốt"))},
    "score-double-minus": {"2019/cchc.csv": with_row(3, ("Sở Tư pháp", "--5", "Tốt"))},
    "unit-twice": {"2019/cchc.csv": with_row(3, ("Sở Nội vụ", "89,72", "Tốt"))},
    "unit-twice-other-case-and-spacing": {
        "2019/cchc.csv": with_row(3, ("sở  NỘI vụ", "89,72", "Tốt"))
    },
    "unit-twice-through-alias": {
        "2019/cchc.csv": with_row(3, ("Sở Thông tin & Truyền thông", "89,72", "Tốt"))
    },
    "unit-unknown-close-to-known": {"2019/cchc.csv": with_row(3, ("Sở Tu phap", "89,72", "Tốt"))},
    "unit-unknown": {"2019/cchc.csv": with_row(3, ("Công ty Cổ phần ABC", "89,72", "Tốt"))},
    "unit-name-missing": {"2019/cchc.csv": with_row(3, ("", "89,72", "Tốt"))},
    "no-unit-column": {"2019/cchc.csv": "STT;Tên;Điểm\n1;Sở Nội vụ;99,84\n"},
    "no-score-column": {"2019/cchc.csv": "STT;Đơn vị;Ghi chú\n1;Sở Nội vụ;99,84\n"},
    "empty-file": {"2019/cchc.csv": ""},
    "blank-lines-only": {"2019/cchc.csv": "\n  \n;;\n"},
    "header-only": {"2019/cchc.csv": HEADER},
    "official-band-unknown": {"2019/cchc.csv": with_row(3, ("Sở Tư pháp", "89,72", "Xuất sắc"))},
    "decimal-marks-mixed": {"2019/cchc.csv": with_row(3, ("Sở Tư pháp", "89.72", "Tốt"))},
    "comma-delimiter-unquoted-decimal-comma": {
        "2019/cchc.csv": "STT,Đơn vị,Điểm\n1,Sở Nội vụ,99,84\n"
    },
    "legacy-windows-1258": {"2019/cchc.csv": cp1258(csv_rows(GOOD))},
    "legacy-tcvn3": {
        "2019/cchc.csv": b"STT;\xae\xa5n v\xfc;\xae\xd3m\n1;S\xe0 N\xe9i v\xf5;99,84\n"
    },
    "title-rows-without-header": {
        "2019/cchc.csv": "PHỤ LỤC KẾT QUẢ XẾP HẠNG;;\n;;\n1;Sở Nội vụ;99,84\n"
    },
    "xlsx-not-a-workbook": {"2019/cchc.xlsx": b"this is not a zip", "remove": ["2019/cchc.csv"]},
    "xlsx-score-text": {
        "2019/cchc.xlsx": xlsx([XLSX_HEADER, [1, "Sở Nội vụ", "chín mươi", "Rất tốt"]]),
        "remove": ["2019/cchc.csv"],
    },
    "xlsx-score-missing": {
        "2019/cchc.xlsx": xlsx([XLSX_HEADER, [1, "Sở Nội vụ", None, "Rất tốt"]]),
        "remove": ["2019/cchc.csv"],
    },
    "xlsx-score-above-maximum": {
        "2019/cchc.xlsx": xlsx([XLSX_HEADER, [1, "Sở Nội vụ", 199.84, "Rất tốt"]]),
        "remove": ["2019/cchc.csv"],
    },
    "xlsx-unit-twice": {
        "2019/cchc.xlsx": xlsx(
            [XLSX_HEADER, [1, "Sở Nội vụ", 99.84, "Rất tốt"], [2, "Sở Nội vụ", 90.65, "Rất tốt"]]
        ),
        "remove": ["2019/cchc.csv"],
    },
    "xlsx-sheet-missing": {
        "2019/cchc.xlsx": xlsx([XLSX_HEADER, [1, "Sở Nội vụ", 99.84, "Rất tốt"]]),
        "evaluations/cchc.toml": CCHC_TOML.replace(
            'short_name = "CCHC"', 'short_name = "CCHC"\nsheet = "Kết quả"'
        ),
        "remove": ["2019/cchc.csv"],
    },
    "csv-and-xlsx-both": {
        "2019/cchc.xlsx": xlsx([XLSX_HEADER, [1, "Sở Nội vụ", 99.84, "Rất tốt"]])
    },
    "old-xls-file": {"2019/cchc.xls": b"\xd0\xcf\x11\xe0 old excel", "remove": ["2019/cchc.csv"]},
    "unknown-evaluation-file": {"2019/cchcc.csv": csv_rows(GOOD)},
    "bands-out-of-order": {
        "evaluations/cchc.toml": CCHC_TOML.replace('minimum = "80"', 'minimum = "95"')
    },
    "bands-leave-a-gap": {
        "evaluations/cchc.toml": CCHC_TOML.replace('minimum = "0"', 'minimum = "10"')
    },
    "band-above-maximum": {
        "evaluations/cchc.toml": CCHC_TOML.replace('minimum = "90"', 'minimum = "190"')
        .replace('minimum = "80"', 'minimum = "180"')
        .replace('minimum = "70"', 'minimum = "170"')
        .replace('minimum = "50"', 'minimum = "150"')
    },
    "tie-rule-unknown": {
        "evaluations/cchc.toml": CCHC_TOML.replace('tie_rule = "dense"', 'tie_rule = "olympic"')
    },
    "definition-audience-empty": {
        "evaluations/cchc.toml": CCHC_TOML.replace(
            'unit_noun = "cơ quan"\n',
            'unit_noun = "cơ quan"\naudience = ["doanh nghiệp", ""]          # phục vụ ai (đoạn kết)\n',
        )
    },
    "definition-key-missing": {
        "evaluations/cchc.toml": CCHC_TOML.replace('group = "Khối sở, ban, ngành thành phố"\n', "")
    },
    "definition-toml-syntax": {
        "evaluations/cchc.toml": CCHC_TOML.replace('short_name = "CCHC"', "short_name = CCHC")
    },
    "definition-band-minimum-not-a-number": {
        "evaluations/cchc.toml": CCHC_TOML.replace('minimum = "70"', 'minimum = "bảy mươi"')
    },
    "registry-name-used-twice": {
        "units.toml": '[[units]]\nname = "Sở Nội vụ"\nshort = "SNV"\n\n[[units]]\nname = "Sở Ngoại vụ"\nshort = "SNV"\n'
    },
    "publisher-focus-missing": {
        "publisher.toml": 'author = "Thu Trang"\nunit_abbreviation = "VPS"\ncity = "Đà Nẵng"\n'
    },
    "article-section-unknown": {
        "2019/article.toml": 'event = "Hội nghị"\nsections = ["cchc", "vtlx"]\n'
    },
    "article-photo-after-unknown-section": {
        "2019/article.toml": 'sections = ["cchc"]\n\n[[photos]]\nafter = "vtlt"\ncaption = "Ảnh"\n'
    },
    "article-section-without-scores": {"remove": ["2019/vtlt.csv"]},
    "article-photo-path-backslash": {"2019/article.toml": photo_file(r'file = "images\anh-1.jpg"')},
    "article-photo-path-backslash-n": {"2019/article.toml": photo_file(r'file = "images\new.jpg"')},
    "article-photo-path-backslash-t": {"2019/article.toml": photo_file(r'file = "images\tam.jpg"')},
    "article-photo-path-windows-absolute": {
        "2019/article.toml": photo_file(r'file = "C:\Users\Thu Trang\Pictures\anh-1.jpg"')
    },
    "definition-text-backslash": {
        "evaluations/cchc.toml": CCHC_TOML.replace(
            'score_label = "điểm quy đổi"', r'score_label = "điểm quy đổi\100"'
        )
    },
    "score-columns-ambiguous": {"2019/cchc.csv": THREE_SCORES},
    "xlsx-score-columns-ambiguous": {
        "2019/cchc.xlsx": xlsx([["KẾT QUẢ CHỈ SỐ CCHC NĂM 2019"], [], *THREE_SCORES_XLSX]),
        "remove": ["2019/cchc.csv"],
    },
    "score-columns-same-header": {
        "2019/cchc.csv": "STT;Đơn vị;Điểm;Điểm;Xếp loại\n1;Sở Nội vụ;99,84;98;Rất tốt\n"
    },
    "score-column-not-in-file": {
        "evaluations/cchc.toml": CCHC_TOML.replace(
            'short_name = "CCHC"', 'short_name = "CCHC"\nscore_column = "Tổng điểm"'
        ),
        "remove": ["2018/cchc.csv"],
    },
    "band-columns-ambiguous": {
        "2019/cchc.csv": "STT;Đơn vị;Điểm;Xếp loại;Kết quả xếp loại\n"
        + "".join(f"{i};{u};{s};{b};{b}\n" for i, (u, s, b) in enumerate(GOOD, 1))
    },
    "xlsx-band-column-not-in-file": {
        "2019/cchc.xlsx": xlsx(
            [XLSX_HEADER, [1, "Sở Thông tin và Truyền thông", 99.84, "Rất tốt"]]
        ),
        "evaluations/cchc.toml": CCHC_TOML.replace(
            'short_name = "CCHC"', 'short_name = "CCHC"\nband_column = "Xếp loại chính thức"'
        ),
        "remove": ["2018/cchc.csv", "2019/cchc.csv"],
    },
    "band-blank-with-assumed-thresholds": {
        "2019/cchc.csv": with_row(3, ("Sở Tư pháp", "89,72", ""))
    },
    "xlsx-band-blank-with-assumed-thresholds": {
        "2019/cchc.xlsx": xlsx(
            [
                XLSX_HEADER,
                [1, "Sở Thông tin và Truyền thông", 99.84, "Rất tốt"],
                [2, "Sở Nội vụ", 99.84, None],
                [3, "Sở Tư pháp", 89.72, None],
            ]
        ),
        "remove": ["2019/cchc.csv"],
    },
    "band-column-missing-with-assumed-thresholds": {
        "2019/cchc.csv": without_band_column(SAMPLE_CCHC)
    },
    # Every TOML file has a schema: misspelt, misplaced and out-of-range keys stop the run.
    "publisher-key-misspelt": {
        "publisher.toml": replaced(PUBLISHER_TOML, "count_padding = 2", "count_paddding = 2")
    },
    "publisher-count-padding-too-large": {
        "publisher.toml": replaced(PUBLISHER_TOML, "count_padding = 2", "count_padding = 300000000")
    },
    "publisher-count-padding-as-text": {
        "publisher.toml": replaced(PUBLISHER_TOML, "count_padding = 2", 'count_padding = "2"')
    },
    "definition-key-misspelt": {
        "evaluations/cchc.toml": replaced(CCHC_TOML, "compare_ranks = true", "compare_rank = true")
    },
    "definition-key-unknown": {
        "evaluations/cchc.toml": replaced(CCHC_TOML, "compare_ranks = true", "ghi_chu = true")
    },
    "definition-decimals-after-bands": {"evaluations/cchc.toml": CCHC_TOML + "decimals = 2\n"},
    "definition-min-named-ranks-after-bands": {
        "evaluations/cchc.toml": replaced(CCHC_TOML, "min_named_ranks = 2", "")
        + "min_named_ranks = 3\n"
    },
    "definition-band-key-misspelt": {
        "evaluations/cchc.toml": replaced(CCHC_TOML, 'minimum = "80"', 'minimun = "80"')
    },
    "definition-band-key-at-top": {
        "evaluations/cchc.toml": replaced(
            CCHC_TOML, 'unit_noun = "cơ quan"', 'unit_noun = "cơ quan"\nassumed = true'
        )
    },
    "definition-decimals-out-of-range": {
        "evaluations/cchc.toml": replaced(CCHC_TOML, "# decimals = 2 ", "decimals = 30")
    },
    "definition-named-ranks-zero": {
        "evaluations/cchc.toml": replaced(CCHC_TOML, "min_named_ranks = 2", "min_named_ranks = 0")
    },
    "definition-named-ranks-min-above-max": {
        "evaluations/cchc.toml": replaced(CCHC_TOML, "min_named_ranks = 2", "min_named_ranks = 8")
    },
    "definition-first-year-implausible": {
        "evaluations/cchc.toml": replaced(
            CCHC_TOML, "compare_ranks = true", "compare_ranks = true\nfirst_year = 219"
        )
    },
    "definition-compare-ranks-not-boolean": {
        "evaluations/cchc.toml": replaced(CCHC_TOML, "compare_ranks = true", 'compare_ranks = "có"')
    },
    "article-photos-table-misspelt": {
        "2019/article.toml": ARTICLE_TOML.replace("[[photos]]", "[[photo]]")
    },
    "article-photo-key-misspelt": {"2019/article.toml": photo_file('fille = "images/anh-1.jpg"')},
    "article-absent-misspelt": {
        "2019/article.toml": replaced(ARTICLE_TOML, "sections = ", 'absnet = "omit"\nsections = ')
    },
    "article-absent-unknown-value": {
        "2019/article.toml": replaced(ARTICLE_TOML, "sections = ", 'absent = "hide"\nsections = ')
    },
    "article-caption-at-top": {
        "2019/article.toml": replaced(ARTICLE_TOML, "sections = ", 'caption = "Ảnh"\nsections = ')
    },
    "article-sections-empty": {
        "2019/article.toml": replaced(ARTICLE_TOML, 'sections = ["cchc", "vtlt"]', "sections = []")
    },
    "registry-units-table-misspelt": {"units.toml": UNITS_TOML.replace("[[units]]", "[[unit]]")},
    "registry-unit-key-misspelt": {
        "units.toml": replaced(UNITS_TOML, 'short = "Sở KH&CN"', 'shrot = "Sở KH&CN"')
    },
    "xlsx-hidden-row": {
        "2019/cchc.xlsx": xlsx(XLSX_GOOD, lambda ws: setattr(ws.row_dimensions[4], "hidden", True)),
        "remove": ["2019/cchc.csv"],
    },
    "xlsx-hidden-score-column": {
        "2019/cchc.xlsx": xlsx(
            XLSX_GOOD, lambda ws: setattr(ws.column_dimensions["C"], "hidden", True)
        ),
        "remove": ["2019/cchc.csv"],
    },
    "xlsx-score-percent": {
        "2019/cchc.xlsx": xlsx(
            [XLSX_HEADER, [1, "Sở Nội vụ", 0.9984, "Rất tốt"]],
            lambda ws: setattr(ws["C2"], "number_format", "0.00%"),
        ),
        "remove": ["2019/cchc.csv"],
    },
    "xlsx-score-date": {
        "2019/cchc.xlsx": xlsx(
            [XLSX_HEADER, [1, "Sở Nội vụ", 43529, "Rất tốt"]],
            lambda ws: setattr(ws["C2"], "number_format", "dd/mm/yyyy"),
        ),
        "remove": ["2019/cchc.csv"],
    },
    "xlsx-formula-without-value": {
        "2019/cchc.xlsx": xlsx([XLSX_HEADER, [1, "Sở Nội vụ", "=ROUND(99.844,2)", "Rất tốt"]]),
        "remove": ["2019/cchc.csv"],
    },
    "xlsx-two-row-header-unclear": {
        "2019/cchc.xlsx": xlsx(
            [
                ["STT", "Đơn vị", "Điểm", None, None],
                [None, None, "Lần 1", "Lần 2", "Cuối cùng"],
                [1, "Sở Nội vụ", 99.84, 99.84, 99.84],
            ],
            lambda ws: [ws.merge_cells(r) for r in ("A1:A2", "B1:B2", "C1:E1")],
        ),
        "remove": ["2019/cchc.csv"],
    },
    "focus-agency-not-in-data": {
        "publisher.toml": 'focus_agency = "Sở Không Tồn Tại"\nauthor = "Thu Trang"\n'
        'unit_abbreviation = "VPS"\ncity = "Đà Nẵng"\n'
    },
}


SAMPLE_CCHC_2018 = (Path(__file__).resolve().parents[2] / "data" / "2018" / "cchc.csv").read_text(
    "utf-8"
)
SAMPLE_VTLT_2018 = (Path(__file__).resolve().parents[2] / "data" / "2018" / "vtlt.csv").read_text(
    "utf-8"
)
FOCUS_ARTICLE = "2019/Sở Thông tin và Truyền thông.md"


def sample_xlsx(edit: Callable[[Any], None] | None = None, header_rows: int = 1) -> bytes:
    """The sample's 2019 CCHC scores as a workbook, numbers as numbers, then `edit`."""
    rows: list[list[object]] = []
    for i, line in enumerate(SAMPLE_CCHC.splitlines()):
        cells: list[object] = line.split(";")
        if i:
            cells = [
                int(str(cells[0])),
                cells[1],
                float(str(cells[2]).replace(",", ".")),
                *cells[3:],
            ]
        rows.append(cells)
    return xlsx(rows, edit)


def no_registry() -> dict[str, object]:
    return {"remove": ["units.toml"]}


def publisher_focus(name: str) -> str:
    return replaced(
        PUBLISHER_TOML,
        'focus_agency = "Sở Thông tin và Truyền thông"',
        f'focus_agency = "{name}"',
    )


def sheet_xml(data: bytes, old: bytes, new: bytes) -> bytes:
    """A workbook with its sheet's XML edited: openpyxl writes no zero height or width."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert old in body, old
                body = body.replace(old, new, 1)
            target.writestr(item, body)
    return out.getvalue()


def sheet_cut_short(data: bytes) -> bytes:
    """A workbook whose sheet's XML stops half way, as a copy interrupted inside the zip."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body[: len(body) // 2]
            target.writestr(item, body)
    return out.getvalue()


def rows_hidden_by_default(sheet: Any) -> None:
    sheet.sheet_format.zeroHeight = True
    for row in range(1, 10):
        sheet.row_dimensions[row].height = 15  # rows 10 and below keep the hidden default


def merged_total(sheet: Any) -> None:
    last = sheet.max_row + 1
    sheet.cell(last, 1, "Tổng cộng")
    sheet.cell(last, 3, 1785.12)
    sheet.merge_cells(f"A{last}:B{last}")


# Issue 17: office files as other offices make them, and the names staff type.
CASES.update(
    {
        "csv-cell-longer-than-excel": {
            "2019/cchc.csv": with_row(3, ("Sở Tư pháp" + " x" * 100_000, "89,72", "Tốt"))
        },
        "csv-quote-left-open": {
            "2019/cchc.csv": replaced(SAMPLE_CCHC, ";Sở Tư pháp;", ';"Sở Tư pháp;')
        },
        "csv-nul-bytes": {"2019/cchc.csv": csv_rows(GOOD).encode("utf-8") + b"\x00\x01\x00"},
        "csv-utf16-broken": {
            "2019/cchc.csv": b"\xff\xfe" + csv_rows(GOOD).encode("utf-16-le") + b"\x00\xd8"
        },
        "unit-name-control-character": {
            "2019/cchc.csv": with_row(3, ("Sở Tư\x07 pháp", "89,72", "Tốt"))
        },
        "unit-name-zero-width-space": {
            "2019/cchc.csv": with_row(3, ("\u200bSở Tư pháp", "89,72", "Tốt")),
            **no_registry(),
        },
        "band-control-character": {
            "2019/cchc.csv": with_row(3, ("Sở Tư pháp", "89,72", "Tốt\x1b"))
        },
        "summary-row-average": {
            "2019/cchc.csv": SAMPLE_CCHC + ";Điểm trung bình;85,12;;\n",
            **no_registry(),
        },
        "summary-row-total-in-first-column": {
            "2019/cchc.csv": SAMPLE_CCHC + "Tổng cộng;;1785,12;;\n",
            **no_registry(),
        },
        "summary-row-with-registry": {"2019/cchc.csv": SAMPLE_CCHC + ";Trung bình chung;85,12;;\n"},
        "summary-row-cong": {"2019/cchc.csv": SAMPLE_CCHC + ";Cộng:;1785,12;;\n", **no_registry()},
        "xlsx-summary-row-merged": {
            "2019/cchc.xlsx": sample_xlsx(merged_total),
            "remove": ["2019/cchc.csv", "units.toml"],
        },
        "xlsx-header-not-recognised": {
            "2019/cchc.xlsx": xlsx(
                [
                    ["KẾT QUẢ XẾP HẠNG NĂM 2019"],
                    [],
                    ["TT", "Tên tổ chức", "Kết quả", "Ghi chú"],
                    [1, "Sở Nội vụ", 99.84, None],
                ]
            ),
            "remove": ["2019/cchc.csv"],
        },
        "score-file-own-name": {
            "2019/KQ xep hang CCHC 2019.xlsx": sample_xlsx(),
            "remove": ["2019/cchc.csv"],
        },
        "score-file-own-name-other-year": {
            "2019/KQ xep hang CCHC 2020.csv": SAMPLE_CCHC,
            "remove": ["2019/cchc.csv"],
        },
        "score-file-named-by-topic": {
            "2019/Ket_qua_van_thu_luu_tru.csv": (
                Path(__file__).resolve().parents[2] / "data" / "2019" / "vtlt.csv"
            ).read_text("utf-8"),
            "remove": ["2019/vtlt.csv"],
        },
        "score-file-default-excel-name": {"2019/Book1.xlsx": sample_xlsx()},
        "xlsx-zero-height-row": {
            # As LibreOffice and report generators write a row dragged to no height.
            "2019/cchc.xlsx": sheet_xml(
                sample_xlsx(), b'<row r="6"', b'<row r="6" ht="0" customHeight="1"'
            ),
            "remove": ["2019/cchc.csv"],
        },
        "xlsx-zero-width-score-column": {
            "2019/cchc.xlsx": sheet_xml(
                sample_xlsx(),
                b"<sheetData>",
                b'<cols><col min="3" max="3" width="0" customWidth="1"/></cols><sheetData>',
            ),
            "remove": ["2019/cchc.csv"],
        },
        "xlsx-sheet-cut-short": {
            "2019/cchc.xlsx": sheet_cut_short(sample_xlsx()),
            "remove": ["2019/cchc.csv"],
        },
        "xlsx-rows-hidden-by-default": {
            "2019/cchc.xlsx": sample_xlsx(rows_hidden_by_default),
            "remove": ["2019/cchc.csv"],
        },
        "unit-twice-tone-placement": {
            "2019/cchc.csv": SAMPLE_CCHC + "22;Sở Văn hoá và Thể thao;77,40;Khá;\n",
            **no_registry(),
        },
        "unit-twice-tone-placement-uy": {
            "2019/cchc.csv": csv_rows(
                [*GOOD, ("Chi cục Thủy lợi", "80", "Tốt"), ("Chi cục Thuỷ lợi", "81", "Tốt")]
            ),
            **no_registry(),
        },
        "focus-agency-short-name-without-registry": {
            "publisher.toml": publisher_focus("Sở TT&TT"),
            **no_registry(),
        },
        "focus-agency-misspelt": {"publisher.toml": publisher_focus("Sở Thông tin và Truyền thôn")},
        "agency-option-initials-without-registry": {"args": ["--agency", "SNV"], **no_registry()},
        "agency-option-unknown": {"args": ["--agency", "Sở Nội vụ TP"]},
        "article-without-sections-takes-every-evaluation": {
            "2019/article.toml": replaced(ARTICLE_TOML, 'sections = ["cchc", "vtlt"]', "")
        },
        "article-event-control-character": {
            "2019/article.toml": replaced(
                ARTICLE_TOML, 'event = "Hội nghị', 'event = "Hội\\u0007 nghị'
            )
        },
        "definition-name-control-character": {
            "evaluations/cchc.toml": replaced(
                CCHC_TOML, 'short_name = "CCHC"', 'short_name = "CCHC\x0b"'
            )
        },
        # Read right: each gives the sample's article, word for word.
        "ok-utf16-without-bom": {
            "2019/cchc.csv": SAMPLE_CCHC.encode("utf-16-le"),
            "same": FOCUS_ARTICLE,
        },
        "ok-utf16-big-endian-without-bom": {
            "2019/cchc.csv": SAMPLE_CCHC.replace(";", "\t").encode("utf-16-be"),
            "same": FOCUS_ARTICLE,
        },
        "ok-utf32-with-bom": {
            "2019/cchc.csv": b"\xff\xfe\x00\x00" + SAMPLE_CCHC.encode("utf-32-le"),
            "same": FOCUS_ARTICLE,
        },
        "ok-utf32-without-bom": {
            "2019/cchc.csv": SAMPLE_CCHC.encode("utf-32-le"),
            "same": FOCUS_ARTICLE,
        },
        "ok-line-separator-in-a-name": {
            "2019/cchc.csv": replaced(SAMPLE_CCHC, ";Sở Tư pháp;", ";Sở Tư\u2028pháp;"),
            "same": FOCUS_ARTICLE,
        },
        "ok-header-ten-co-quan-don-vi": {
            "2019/cchc.csv": replaced(SAMPLE_CCHC, "STT;Đơn vị;", "STT;Tên cơ quan, đơn vị;"),
            "same": FOCUS_ARTICLE,
        },
        "ok-header-co-quan-slash-don-vi": {
            "2019/cchc.csv": replaced(SAMPLE_CCHC, "STT;Đơn vị;", "STT;Tên cơ quan/đơn vị;"),
            "same": FOCUS_ARTICLE,
        },
        "ok-header-don-vi-danh-gia": {
            "2019/cchc.csv": replaced(SAMPLE_CCHC, "STT;Đơn vị;", "STT;Đơn vị đánh giá;"),
            "same": FOCUS_ARTICLE,
        },
        "ok-header-on-two-rows": {
            "2019/cchc.csv": replaced(
                SAMPLE_CCHC,
                "STT;Đơn vị;Điểm;Xếp loại;Ghi chú\n",
                "STT;Đơn vị;Kết quả;;Ghi chú\n;;Điểm;Xếp loại;\n",
            ),
            "same": FOCUS_ARTICLE,
        },
        "ok-xlsx-header-on-two-rows-unmerged": {
            "2019/cchc.xlsx": sample_xlsx(
                lambda ws: (
                    ws.insert_rows(1),
                    [ws.cell(1, c, ws.cell(2, c).value) for c in (1, 2, 5)],
                    [ws.cell(2, c, None) for c in (1, 2, 5)],
                    ws.cell(1, 3, "Kết quả đánh giá"),
                )
            ),
            "remove": ["2019/cchc.csv"],
            "same": FOCUS_ARTICLE,
        },
        "ok-focus-agency-short-name": {
            "publisher.toml": publisher_focus("Sở TT&TT"),
            "same": FOCUS_ARTICLE,
        },
        "ok-focus-agency-alias": {
            "publisher.toml": publisher_focus("Sở Thông tin & Truyền thông"),
            "same": FOCUS_ARTICLE,
        },
        "ok-tone-placement-differs-across-years": {
            "2018/cchc.csv": replaced(SAMPLE_CCHC_2018, "Văn hóa", "Văn hoá"),
            "2018/vtlt.csv": replaced(SAMPLE_VTLT_2018, "Văn hóa", "Văn hoá"),
            "units.toml": replaced(UNITS_TOML, 'aliases = ["Sở Văn hoá và Thể thao"]\n', ""),
            "same": FOCUS_ARTICLE,
        },
        "ok-tong-cong-ty-is-a-unit-not-a-total": {
            "2019/cchc.csv": replaced(
                SAMPLE_CCHC, ";Sở Ngoại vụ;", ";Tổng công ty Ngoại vụ;"
            ).replace(";Sở Ngoại vụ;", ";Tổng công ty Ngoại vụ;"),
            "2018/cchc.csv": replaced(SAMPLE_CCHC_2018, ";Sở Ngoại vụ;", ";Tổng công ty Ngoại vụ;"),
            "2018/vtlt.csv": replaced(SAMPLE_VTLT_2018, ";Sở Ngoại vụ;", ";Tổng công ty Ngoại vụ;"),
            "2019/vtlt.csv": replaced(
                (Path(__file__).resolve().parents[2] / "data" / "2019" / "vtlt.csv").read_text(
                    "utf-8"
                ),
                ";Sở Ngoại vụ;",
                ";Tổng công ty Ngoại vụ;",
            ),
            "units.toml": UNITS_TOML + '\n[[units]]\nname = "Tổng công ty Ngoại vụ"\n',
            "same": FOCUS_ARTICLE,
        },
    }
)


def main(only: list[str]) -> None:
    """Write every case, or only those named (an .xlsx written again differs in its dates)."""
    for name, files in CASES.items():
        if only and name not in only:
            continue
        folder = HERE / name
        expected = folder / "expected.txt"
        keep = expected.read_text("utf-8") if expected.exists() else None
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for relative, content in files.items():
            if relative == "remove":
                assert isinstance(content, list)
                (folder / "remove.txt").write_text("\n".join(content) + "\n", "utf-8")
                continue
            if relative == "args":  # command-line options render is given
                assert isinstance(content, list)
                (folder / "args.txt").write_text("\n".join(content) + "\n", "utf-8")
                continue
            if relative == "same":  # read right: this article is the sample's, word for word
                assert isinstance(content, str)
                (folder / "same-article.txt").write_text(content + "\n", "utf-8")
                continue
            path = folder / "files" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                path.write_bytes(content.encode("utf-8"))
            else:
                assert isinstance(content, bytes)
                path.write_bytes(content)
        if keep is not None:
            expected.write_text(keep, "utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
