"""No band from an assumed threshold is stated as this year's fact; columns are named, not guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from bantin.assumed import assumed_band_errors
from bantin.cli import cli
from bantin.load import load_dataset

from .conftest import SAMPLE_DATA


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="bantin")


def test_the_sample_states_no_assumed_band_for_2019():
    # 2018's files have no "Xếp loại" column: last year's bands are never stated as fact.
    assert assumed_band_errors(load_dataset(SAMPLE_DATA), 2019) == []


def test_an_evaluation_outside_the_article_is_not_checked_until_it_is_in(data_copy):
    assert assumed_band_errors(load_dataset(data_copy), 2019) == []
    article = data_copy / "2019" / "article.toml"
    article.write_text(
        article.read_text("utf-8").replace('["cchc", "vtlt"]', '["cchc", "vtlt", "ict"]'), "utf-8"
    )
    [error] = assumed_band_errors(load_dataset(data_copy), 2019)
    assert error.message == (
        f'{data_copy / "2019" / "ict.csv"}:1: tệp không có cột "Xếp loại", thiếu xếp loại ở '
        "dòng 2, 3, 4, 5, 6 và 16 dòng khác: xếp loại năm 2019 của các dòng này chỉ suy ra được "
        "từ ngưỡng điểm giả định (assumed = true), bantin không nêu như sự thật; hãy thêm cột "
        '"Xếp loại" ghi xếp loại chính thức, hoặc bỏ assumed = true trong evaluations/ict.toml '
        "nếu các ngưỡng đã được công bố"
    )


def _blank_bands(data, scores: list[str]) -> None:
    """2019's CCHC file with these rows' "Xếp loại" cells emptied (by score)."""
    path = data / "2019" / "cchc.csv"
    lines = path.read_text("utf-8").splitlines()
    for i, line in enumerate(lines):
        cells = line.split(";")
        if cells[2] in scores:
            cells[3] = ""
            lines[i] = ";".join(cells)
    path.write_text("\n".join(lines) + "\n", "utf-8")


def _official(data, *names: str) -> None:
    """Mark these bands' thresholds of CCHC as published."""
    path = data / "evaluations" / "cchc.toml"
    text = path.read_text("utf-8")
    for name in names:
        head = f'name = "{name}"\nminimum = '
        start = text.index(head)
        end = text.index("assumed = true\n", start)
        text = text[:end] + text[end + len("assumed = true\n") :]
    path.write_text(text, "utf-8")


@pytest.mark.parametrize(
    ("official", "blank", "refused"),
    [
        (("Rất tốt",), "90,65", False),  # own threshold published, none above
        (("Rất tốt",), "89,72", True),  # "Tốt" is assumed
        (("Tốt",), "89,72", True),  # "Tốt" published, but "Rất tốt" above it is not
        (("Rất tốt", "Tốt"), "89,72", False),
        ((), "89,72", True),
    ],
)
def test_a_blank_band_is_refused_only_when_its_threshold_is_assumed(
    data_copy, official, blank, refused
):
    _official(data_copy, *official)
    _blank_bands(data_copy, [blank])
    errors = assumed_band_errors(load_dataset(data_copy), 2019)
    assert bool(errors) is refused
    if refused:
        assert errors[0].row == 5 and errors[0].column == 4


def test_render_all_refuses_and_writes_nothing(data_copy, tmp_path):
    _blank_bands(data_copy, ["89,72", "99,84"])
    out = tmp_path / "out"
    result = run("render", "2019", "--all", "--data", str(data_copy), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f'Lỗi: {data_copy / "2019" / "cchc.csv"}:2:4: ô "Xếp loại" để trống ở dòng 2, 3 và 5: '
        "xếp loại năm 2019 của các dòng này chỉ suy ra được từ ngưỡng điểm giả định "
        "(assumed = true), bantin không nêu như sự thật; hãy điền xếp loại chính thức, hoặc bỏ "
        "assumed = true trong evaluations/cchc.toml nếu các ngưỡng đã được công bố\n"
    )
    assert not out.exists()


def test_validate_reports_an_ambiguous_score_column_and_an_assumed_band(data_copy):
    cchc = data_copy / "2019" / "cchc.csv"
    cchc.write_text(
        cchc.read_text("utf-8").replace("Điểm;Xếp loại", "Điểm thẩm định;Tổng điểm", 1), "utf-8"
    )
    vtlt = data_copy / "2019" / "vtlt.csv"
    vtlt.write_text(vtlt.read_text("utf-8").replace(";98;Xuất sắc;", ";98;;", 1), "utf-8")
    result = run("validate", "2019", "--data", str(data_copy))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        f'Lỗi: {cchc}:1: có 2 cột có thể là điểm: "Điểm thẩm định" (cột 3), "Tổng điểm" (cột 4); '
        "bantin không tự chọn: hãy ghi tên cột đúng vào evaluations/cchc.toml, "
        'ví dụ score_column = "Tổng điểm"'
    ) in lines
    assert any(
        line.startswith(f'Lỗi: {vtlt}:2:4: ô "Xếp loại" để trống ở dòng 2:') for line in lines
    )
    assert lines[-1] == "Năm 2019: 2 lỗi, 0 cảnh báo."


def test_score_column_gives_the_total_and_the_same_article(data_copy, tmp_path):
    """The found file: self-assessed, appraised and total scores; the total is the score."""
    path = data_copy / "2019" / "cchc.csv"
    rows = [line.split(";") for line in path.read_text("utf-8").splitlines()]
    lines = ["STT;Đơn vị;Điểm tự đánh giá;Điểm thẩm định;Tổng điểm;Xếp loại"]
    for number, unit, score, band, _ in rows[1:]:
        total = Decimal(score.replace(",", "."))
        appraised = str(total - 1).replace(".", ",")
        lines.append(f"{number};{unit};100;{appraised};{score};{band}")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    # score_column holds for every year's file: last year's names its column the same way.
    last_year = data_copy / "2018" / "cchc.csv"
    last_year.write_text(last_year.read_text("utf-8").replace(";Điểm;", ";Tổng điểm;", 1), "utf-8")
    definition = data_copy / "evaluations" / "cchc.toml"
    definition.write_text(
        definition.read_text("utf-8").replace(
            'short_name = "CCHC"', 'short_name = "CCHC"\nscore_column = "Tổng điểm"'
        ),
        "utf-8",
    )
    assert (
        run("render", "2019", "--data", str(data_copy), "--out", str(tmp_path / "a")).exit_code == 0
    )
    assert (
        run("render", "2019", "--data", str(SAMPLE_DATA), "--out", str(tmp_path / "b")).exit_code
        == 0
    )
    name = "2019/Sở Thông tin và Truyền thông.md"
    article = (tmp_path / "a" / name).read_text("utf-8")
    assert article == (tmp_path / "b" / name).read_text("utf-8")
    assert "99,84" in article and "98,84" not in article
