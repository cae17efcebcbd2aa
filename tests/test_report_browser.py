"""The HTML report in a real headless browser (Debian's chromium + chromedriver via Selenium).

Without chromium, chromedriver or selenium the tests skip, except when the environment variable CI
is set: then they fail with the install commands (.ci/run installs them:
``apt-get install -y chromium chromium-driver`` and ``pip install selenium``).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from collections.abc import Iterator

import pytest

_HERE = Path(__file__).resolve().parent
for _p in (str(_HERE), str(_HERE.parent)):  # outputs_factory, and the package without installing it
    if _p not in sys.path:
        sys.path.insert(0, _p)
import outputs_factory as co  # noqa: E402

from pipeline.report import write_report  # noqa: E402

CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
pytestmark = pytest.mark.browser

INSTALL = "apt-get install -y chromium chromium-driver && .venv/bin/pip install selenium"


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    if not Path(CHROMEDRIVER).is_file():
        return f"chromedriver not found at {CHROMEDRIVER}"
    if not any(Path(p).is_file() for p in CHROMIUM_CANDIDATES) and not shutil.which("chromium"):
        return "chromium not found"
    return None


def _require_browser() -> None:
    why = _missing()
    if why is None:
        return
    msg = f"headless browser test cannot run: {why}; install with: {INSTALL}"
    if os.environ.get("CI"):
        pytest.fail(msg, pytrace=False)
    pytest.skip(msg)


@pytest.fixture(scope="module")
def driver() -> Iterator[object]:
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="report-chromium-")
    opts = webdriver.ChromeOptions()
    binary = next((p for p in CHROMIUM_CANDIDATES if Path(p).is_file()), None)
    if binary:
        opts.binary_location = binary
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--user-data-dir={profile}", "--window-size=1400,1000",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    drv.set_page_load_timeout(30)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    base = tmp_path_factory.mktemp("browser")
    out = co.build_output(base / "out", layout="parts")
    page = write_report(out, base / "report.html")
    return page.resolve().as_uri()


def _load(driver, url: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    ready = "return document.body.getAttribute('data-ready')"
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(ready) == "1")


def _cards(driver):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, "#quotes article.quote")


def _pwned(driver) -> object:
    return driver.execute_script("return typeof window.__pwned === 'undefined' ? 'undefined' : window.__pwned")


def _wait_count(driver, n: int) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 5).until(lambda d: len(_cards(d)) == n)


def test_actors_and_quotes_listed(driver, report_url: str) -> None:
    from selenium.webdriver.common.by import By

    _load(driver, report_url)
    names = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#actors .aname")]
    assert names[0] == "Semua aktor"
    assert sorted(names[1:]) == ["Andi Wijaya", "Iin Mutmainah", "Kusmanto"]
    counts = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#actors .acount")]
    assert counts == ["6", "2", "2", "2"]
    assert len(_cards(driver)) == 6
    assert driver.find_element(By.ID, "count").text.startswith("6 kutipan")
    # the quote span and the speaker's mention are highlighted
    marks = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "mark.q")]
    assert co.Q1 in marks
    assert "Iin Mutmainah" in [e.text for e in driver.find_elements(By.CSS_SELECTOR, "mark.spk")]
    assert _pwned(driver) == "undefined"


def test_filter_by_speaker(driver, report_url: str) -> None:
    from selenium.webdriver.common.by import By

    _load(driver, report_url)
    button = next(b for b in driver.find_elements(By.CSS_SELECTOR, "#actors button.actor")
                  if b.find_element(By.CSS_SELECTOR, ".aname").text == "Iin Mutmainah")
    button.click()
    _wait_count(driver, 2)
    cards = _cards(driver)
    assert {c.find_element(By.CSS_SELECTOR, ".who").text for c in cards} <= {"Iin Mutmainah", "Iin Mutmaïnah"}
    texts = sorted(c.find_element(By.CSS_SELECTOR, "mark.q").text for c in cards)
    assert texts == sorted([co.Q1, co.Q2])
    assert driver.find_element(By.ID, "current").text == "Iin Mutmainah"
    # outlet filter on top of the speaker filter: Iin's quotes are all in Kompas, none in Detik
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.ID, "outlet")).select_by_visible_text("Detik")
    _wait_count(driver, 0)
    Select(driver.find_element(By.ID, "outlet")).select_by_visible_text("Kompas")
    _wait_count(driver, 2)
    # clicking the active speaker again clears the speaker filter
    driver.find_element(By.CSS_SELECTOR, "#actors button.actor.active").click()
    _wait_count(driver, 4)  # all Kompas quotes
    driver.find_element(By.ID, "reset").click()
    _wait_count(driver, 6)


def test_search_box(driver, report_url: str) -> None:
    from selenium.webdriver.common.by import By

    _load(driver, report_url)
    box = driver.find_element(By.ID, "search")
    box.send_keys("politik uang")
    _wait_count(driver, 1)
    assert _cards(driver)[0].find_element(By.CSS_SELECTOR, "mark.q").text == co.Q2
    box.clear()
    box.send_keys("MUTMAINAH")  # accent- and case-insensitive: finds "Mutmaïnah" too
    _wait_count(driver, 2)
    box.clear()
    box.send_keys("kata-yang-tidak-ada")
    _wait_count(driver, 0)
    assert driver.find_element(By.ID, "count").text.startswith("0 kutipan")


def test_hostile_data_is_text(driver, report_url: str) -> None:
    from selenium.webdriver.common.by import By

    _load(driver, report_url)
    assert _pwned(driver) == "undefined"
    body = driver.find_element(By.TAG_NAME, "body").text
    for s in (co.PWN_SCRIPT, co.PWN_IMG, co.PWN_JS, co.PWN_CLOSE):
        assert s in body, s
    # nothing from the data became an element, a handler or a javascript: link
    assert driver.execute_script("return document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert driver.execute_script("return document.scripts.length") == 2
    assert driver.execute_script(
        "return Array.from(document.querySelectorAll('a')).filter(a => !/^https?:/.test(a.href)).length") == 0
    assert driver.execute_script(
        "return Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes)"
        ".some(a => a.name.startsWith('on'))).length") == 0
    # interact with every control, then check again
    n_buttons = len(driver.find_elements(By.CSS_SELECTOR, "#actors button.actor"))
    for i in range(-1, n_buttons - 1):  # the list is rebuilt on each click: look each button up again
        driver.find_element(By.CSS_SELECTOR, f'#actors button.actor[data-actor="{i}"]').click()
        assert _pwned(driver) == "undefined"
    driver.find_element(By.ID, "reset").click()
    driver.find_element(By.ID, "search").send_keys("window.__pwned")
    _wait_count(driver, 3)
    driver.find_element(By.ID, "reset").click()
    _wait_count(driver, 6)
    assert _pwned(driver) == "undefined"
    # the page's own script was allowed by the CSP hash: no CSP violation in the console
    logs = driver.get_log("browser")
    assert not [entry for entry in logs if "Content Security Policy" in entry.get("message", "")], logs
