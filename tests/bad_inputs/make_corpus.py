"""Regenerate the bad-input corpus: `python tests/bad_inputs/make_corpus.py`.

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


def main() -> None:
    for name, files in CASES.items():
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
    main()
