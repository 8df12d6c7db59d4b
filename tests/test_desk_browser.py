"""The desk in a real browser: the waitress server `bantin serve` starts, driven by Debian's
headless chromium through Selenium, offline, on a 1366x768 screen.

Screenshots of each page go to the test's folder; with BANTIN_SCREENSHOTS=DIR they are
also written there (docs/ keeps the ones README shows).
"""

from __future__ import annotations

import io
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bantin.cli import cli

from .helpers import docx_text, needs

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = needs(
    "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
    CHROMIUM,
    DRIVER,
)
UNIT = "Sở Thông tin và Truyền thông"
WIDTH, HEIGHT = 1366, 768


@pytest.fixture
def server(data_copy: Path, tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """The real server on a free port of 127.0.0.1, as `bantin serve --port 0` starts it."""
    from bantin.desk.server import make_server

    out = tmp_path / "output"
    served: Any = make_server(data_copy, out, None, 0)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{served.effective_port}", data_copy, out
    finally:
        served.close()
        thread.join(timeout=10)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # type: ignore[assignment]
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--window-size={WIDTH},{HEIGHT}",
        "--lang=vi",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.set_window_size(WIDTH, HEIGHT)
    driver.implicitly_wait(0)
    driver.downloads = downloads  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        driver.quit()


def shoot(driver: Any, tmp_path: Path, name: str) -> None:
    """A PNG of the page as the user sees it; it must fit the screen's width."""
    width = driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{name}: the page is {width} px wide, wider than a 1366 px screen"
    driver.save_screenshot(str(tmp_path / f"desk-{name}.png"))
    keep = os.environ.get("BANTIN_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(keep) / f"desk-{name}.png"))


def wait_for(condition: Any, timeout: float = 30, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def shown(driver: Any, by: str, value: str) -> Any:
    """The element once the page a form's button sent for shows it (a save reads the
    year's files first: on a busy machine the new page comes later than the click)."""
    return wait_for(lambda: driver.find_elements(by, value), what=value)[0]


def downloaded(driver: Any, name: str) -> bytes:
    path = driver.downloads / name
    wait_for(lambda: path.is_file() and path.stat().st_size > 0, what=name)
    time.sleep(0.2)  # chromium renames its .crdownload into place when complete
    return path.read_bytes()


def column(driver: Any, table: str, index: int) -> list[str]:
    from selenium.webdriver.common.by import By

    cells = driver.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr td:nth-child({index})")
    return [c.text for c in cells]


def bad_and_good_xlsx(csv: Path) -> tuple[bytes, bytes]:
    from openpyxl import Workbook

    def book(score_of_row_4: object) -> bytes:
        workbook = Workbook()
        sheet = workbook.active
        for number, line in enumerate(csv.read_text("utf-8").splitlines(), start=1):
            cells: list[object] = list(line.split(";"))
            if number > 1:
                cells[2] = float(str(cells[2]).replace(",", "."))
            sheet.append(cells)
        sheet["C4"] = score_of_row_4
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    return book("chín mươi"), book(90.65)


def test_a_person_does_the_whole_job_in_the_browser(server, browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    url, data, out = server
    driver = browser

    # The working folder.
    driver.get(url + "/")
    assert driver.title == "Thư mục làm việc — bantin"
    assert "Hợp lệ, 1 cảnh báo" in driver.find_element(By.TAG_NAME, "main").text
    shoot(driver, tmp_path, "thu-muc")
    driver.find_element(By.LINK_TEXT, "2019").click()
    assert driver.find_element(By.TAG_NAME, "h1").text == "Năm 2019"
    shoot(driver, tmp_path, "nam")

    # A bad spreadsheet: its error names the cell, and nothing is kept.
    bad, good = bad_and_good_xlsx(data / "2019" / "cchc.csv")
    (tmp_path / "bảng điểm.xlsx").write_bytes(bad)
    Select(driver.find_element(By.ID, "danh-gia")).select_by_value("cchc")
    driver.find_element(By.ID, "tep-diem").send_keys(str(tmp_path / "bảng điểm.xlsx"))
    driver.find_element(By.CSS_SELECTOR, "#form-diem button[type=submit]").click()
    error = shown(driver, By.ID, "loi-diem").text
    assert f'Lỗi: {data / "2019" / "cchc.xlsx"}:4:C: điểm "chín mươi" không phải là số' in error
    assert not (data / "2019" / "cchc.xlsx").exists()
    shoot(driver, tmp_path, "loi-tep-diem")
    # A good one is kept, the CSV it replaces kept as a backup.
    (tmp_path / "bảng điểm.xlsx").write_bytes(good)
    assert Select(driver.find_element(By.ID, "danh-gia")).first_selected_option.text == (
        "CCHC — Chỉ số cải cách hành chính"  # kept from the refused try
    )
    driver.find_element(By.ID, "tep-diem").send_keys(str(tmp_path / "bảng điểm.xlsx"))
    driver.find_element(By.CSS_SELECTOR, "#form-diem button[type=submit]").click()
    assert "Đã nhận tệp điểm" in shown(driver, By.CSS_SELECTOR, ".thanh-cong").text
    assert (data / "2019" / "cchc.xlsx").is_file()
    assert len(list((data / "2019" / "bản cũ").iterdir())) == 1

    # The ranking, sorted by score by a click, then back by keyboard only.
    scores = column(driver, "bang-cchc", 4)
    assert scores[:3] == ["99,84", "99,84", "90,65"]
    header = driver.find_element(By.CSS_SELECTOR, "#bang-cchc th:nth-child(4) button")
    header.click()
    assert column(driver, "bang-cchc", 4)[0] == scores[-1]
    driver.refresh()  # the order the server gave, and the focus at the top of the page
    header = driver.find_element(By.CSS_SELECTOR, "#bang-cchc th:nth-child(4) button")
    for _ in range(200):  # Tab through the page to the same header, then Enter
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.switch_to.active_element == header:
            break
    assert driver.switch_to.active_element == header
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    assert column(driver, "bang-cchc", 4)[0] == scores[-1]
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    assert column(driver, "bang-cchc", 4)[:3] == ["99,84", "99,84", "90,65"]

    # A unit's article: numbers carry their source; the DOCX is the CLI's.
    driver.find_element(By.LINK_TEXT, UNIT).click()
    assert driver.find_element(By.TAG_NAME, "h1").text == f"Bài của {UNIT}, năm 2019"
    marks = driver.find_elements(By.CSS_SELECTOR, ".bai .so.du-lieu")
    sources = {m.text: m.get_attribute("title") for m in marks}
    assert f"{data / '2019' / 'cchc.xlsx'}!C3" in sources["99,84"]
    shoot(driver, tmp_path, "bai-viet")
    driver.find_element(By.ID, "tai-docx").click()
    docx = downloaded(driver, f"{UNIT}.docx")
    result = CliRunner().invoke(
        cli, ["render", "2019", "--data", str(data), "--out", str(tmp_path / "cli")]
    )
    assert result.exit_code == 0, result.output
    assert docx_text(docx) == docx_text((tmp_path / "cli" / "2019" / f"{UNIT}.docx").read_bytes())

    # Change the event in the form, and the preview follows.
    driver.get(url + "/2019")
    event = driver.find_element(By.ID, "su-kien")
    event.clear()
    event.send_keys("Hội nghị tổng kết năm của Thành uỷ")
    driver.find_element(By.CSS_SELECTOR, "#form-bai-viet button[type=submit]").click()
    assert "Đã lưu thiết lập bài viết" in shown(driver, By.CSS_SELECTOR, ".thanh-cong").text
    driver.get(url + "/2019/" + UNIT)
    lead = driver.find_element(By.CSS_SELECTOR, ".bai .sapo").text
    assert lead.startswith("Theo kết quả công bố tại Hội nghị tổng kết năm của Thành uỷ,")

    # All units: the progress bar fills, then the ZIP.
    driver.get(url + "/2019")
    driver.find_element(By.CSS_SELECTOR, "#h-tat-ca + form button[type=submit]").click()
    wait_for(lambda: shown(driver, By.ID, "tai-zip").is_displayed(), 120, "the ZIP link")
    bar = driver.find_element(By.ID, "thanh-tien-do")
    assert bar.get_attribute("value") == bar.get_attribute("max") != "0"
    assert driver.find_element(By.ID, "so-bai").text.startswith("Đã ghi ")
    shoot(driver, tmp_path, "soan-tat-ca")
    driver.find_element(By.LINK_TEXT, "Tải tệp ZIP").click()
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(downloaded(driver, "bantin-2019.zip")))
    assert f"{UNIT}.docx" in archive.namelist()

    # Check an edited draft.
    import docx as python_docx

    document = python_docx.Document(io.BytesIO(docx))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("90,65", "91,65")
    edited = tmp_path / "bài đã sửa.docx"
    document.save(edited)
    driver.find_element(By.LINK_TEXT, "Kiểm tra bản đã sửa").click()
    driver.find_element(By.ID, "tep-kiem").send_keys(str(edited))
    driver.find_element(By.CSS_SELECTOR, "form.khung button[type=submit]").click()
    report = shown(driver, By.ID, "ket-qua").text
    assert "Có chỗ không khớp với dữ liệu" in report
    assert '"... hạng Nhì với điểm quy đổi 91,65" — dữ liệu: 90,65' in report
    shoot(driver, tmp_path, "kiem-tra")
    # Its copy with a Word comment on the wrong score arrives under the Vietnamese name.
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    link = driver.find_element(By.ID, "tai-nhan-xet")
    assert link.text == "Tải bài đã sửa (đã kiểm tra).docx"
    link.click()
    copy = python_docx.Document(io.BytesIO(downloaded(driver, "bài đã sửa (đã kiểm tra).docx")))
    assert [c.text for c in copy.comments] == [
        '"91,65" không khớp với dữ liệu: 90,65 (Sở Giao thông vận tải, CCHC 2019).'
    ]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before


def validation_message(driver: Any, element: Any) -> str:
    message: str = driver.execute_script("return arguments[0].validationMessage", element)
    return message


def test_the_forms_speak_vietnamese_where_the_browser_would_speak_english(
    server, browser, tmp_path
):
    # A file box's "Choose File / No file chosen" and "Please fill in this field" come from
    # the browser, in the language of Windows; the desk shows its own Vietnamese instead.
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    url, data, _ = server
    driver = browser
    driver.get(url + "/2019")
    box = driver.find_element(By.ID, "tep-diem")
    button = box.find_element(By.XPATH, "following-sibling::button[1]")
    name = box.find_element(By.XPATH, "following-sibling::span[1]")
    assert (button.text, name.text) == ("Chọn tệp…", "Chưa chọn tệp")
    assert box.size["width"] <= 1  # the browser's own box is not seen
    # Sent with no evaluation chosen: the browser stops it, in Vietnamese.
    (tmp_path / "KQ CCHC 2019.csv").write_bytes((data / "2019" / "cchc.csv").read_bytes())
    box.send_keys(str(tmp_path / "KQ CCHC 2019.csv"))
    assert name.text == "KQ CCHC 2019.csv"
    driver.find_element(By.CSS_SELECTOR, "#form-diem button[type=submit]").click()
    choice = driver.find_element(By.ID, "danh-gia")
    assert validation_message(driver, choice) == "Chọn một mục trong danh sách."
    assert not driver.find_elements(By.ID, "loi-diem")
    Select(choice).select_by_value("cchc")
    assert validation_message(driver, choice) == ""
    # A place out of range in the settings.
    place = driver.find_element(By.NAME, "thu_tu_cchc")
    place.clear()
    place.send_keys("0")
    driver.find_element(By.CSS_SELECTOR, "#form-bai-viet button[type=submit]").click()
    assert validation_message(driver, place) == "Ghi một số nguyên từ 1 đến 99."
    shoot(driver, tmp_path, "tep-tieng-viet")


def test_a_refused_save_keeps_what_the_person_typed(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    url, data, _ = server
    driver = browser
    before = (data / "2019" / "article.toml").read_bytes()
    driver.get(url + "/2019")
    event = driver.find_element(By.ID, "su-kien")
    event.clear()
    event.send_keys("Hội nghị sơ kết quý III")
    driver.find_element(By.NAME, "thu_tu_vtlt").clear()  # photo 2 follows VTLT
    driver.find_element(By.ID, "chu-thich-moi").send_keys("Toàn cảnh hội nghị")
    driver.find_element(By.CSS_SELECTOR, "#form-bai-viet button[type=submit]").click()
    error = shown(driver, By.ID, "loi-bai-viet").text
    assert "ảnh 2 đặt sau phần VTLT, nhưng phần VTLT không có trong bài" in error
    assert driver.find_element(By.ID, "su-kien").get_attribute("value") == (
        "Hội nghị sơ kết quý III"
    )
    assert driver.find_element(By.ID, "chu-thich-moi").get_attribute("value") == (
        "Toàn cảnh hội nghị"
    )
    assert (data / "2019" / "article.toml").read_bytes() == before
    # Put right, the same form saves what was typed.
    driver.find_element(By.NAME, "thu_tu_vtlt").send_keys("2")
    driver.find_element(By.CSS_SELECTOR, "#form-bai-viet button[type=submit]").click()
    assert "Đã lưu thiết lập bài viết" in shown(driver, By.CSS_SELECTOR, ".thanh-cong").text
    saved = (data / "2019" / "article.toml").read_text("utf-8")
    assert 'event = "Hội nghị sơ kết quý III"' in saved
    assert 'caption = "Toàn cảnh hội nghị"' in saved


def test_a_page_opened_before_bantin_was_started_again_still_saves(server, browser):
    # bantin serve closed and started again: a new session, whose token the open page does
    # not have. The form takes the new one as it is sent, and what was typed is saved.
    from selenium.webdriver.common.by import By

    url, data, _ = server
    driver = browser
    driver.get(url + "/2019")
    event = driver.find_element(By.ID, "su-kien")
    event.clear()
    event.send_keys("Hội nghị sau giờ nghỉ trưa")
    driver.delete_all_cookies()  # the old session is gone, as after a new start
    driver.find_element(By.CSS_SELECTOR, "#form-bai-viet button[type=submit]").click()
    assert "Đã lưu thiết lập bài viết" in shown(driver, By.CSS_SELECTOR, ".thanh-cong").text
    saved = (data / "2019" / "article.toml").read_text("utf-8")
    assert 'event = "Hội nghị sau giờ nghỉ trưa"' in saved


def test_files_over_the_limit_are_stopped_before_the_form_is_sent(server, browser, tmp_path):
    # The server would answer with a page of its own ("Tệp quá lớn"), leaving what was
    # typed behind: the page weighs the files first and says so in Vietnamese.
    from selenium.webdriver.common.by import By

    from bantin.desk.app import MAX_UPLOAD

    url, data, _ = server
    driver = browser
    before = (data / "2019" / "article.toml").read_bytes()
    big = tmp_path / "ảnh máy ảnh.jpg"
    with open(big, "wb") as file:
        file.truncate(MAX_UPLOAD + 1)
    driver.get(url + "/2019")
    driver.find_element(By.ID, "chu-thich-moi").send_keys("Ảnh chụp bằng máy ảnh")
    box = driver.find_element(By.ID, "anh-moi")
    box.send_keys(str(big))
    message = validation_message(driver, box)
    assert message == (
        "Các tệp đã chọn lớn 21 MB, quá 20 MB bantin nhận một lần: chọn tệp nhỏ hơn (ảnh: thu "
        "nhỏ rồi lưu lại)."
    )
    driver.find_element(By.CSS_SELECTOR, "#form-bai-viet button[type=submit]").click()
    assert validation_message(driver, box) == message  # stopped, the message kept
    assert driver.find_element(By.ID, "chu-thich-moi").get_attribute("value") == (
        "Ảnh chụp bằng máy ảnh"
    )
    assert (data / "2019" / "article.toml").read_bytes() == before
    # A smaller photo in its place clears the message.
    small = tmp_path / "nhỏ.png"
    from PIL import Image

    Image.new("RGB", (40, 30), "red").save(small)
    box.send_keys(str(small))
    assert validation_message(driver, box) == ""
