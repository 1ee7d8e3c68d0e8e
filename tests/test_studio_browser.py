"""The studio page in a real headless Chromium (Debian's `chromium` and `chromium-driver`,
driven by Selenium) against a real uvicorn server on a free loopback port: highlighted
spans, the side panel, fixes, customer turns and the playground. One server and one
browser for the module; skipped, with the reason, where no browser is installed."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
from selenium.common.exceptions import TimeoutException, WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

SPANISH = "😀 Cálmese, por favor. A efectos de su pedido, le escribo hoy."
ENGLISH = "Calm down, please. In order to fix it, we will call you."
SCRIPT = "Agente: Buenos días, gracias por llamar.\nCliente: Estoy harto de esperar.\nAgente: Cálmese, por favor.\n"
WAIT_SECONDS = 90  # the first check compiles the rules in a fresh cache folder


def _browser_paths() -> tuple[str, str]:
    browser = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        pytest.skip("no headless browser: install Debian's chromium and chromium-driver "
                    "(apt-get install -y chromium chromium-driver; .ci/run does when it can)")
    return browser, driver


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def page_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from svclint.studio.app import create_app

    served = tmp_path_factory.mktemp("served")
    (served / "plantillas").mkdir()
    (served / "plantillas" / "aviso.txt").write_text("Le garantizo que llegará mañana.\n", encoding="utf-8")
    port = _free_port()
    config = uvicorn.Config(create_app(served, "127.0.0.1", port),
                            host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the studio server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(page_url: str) -> Iterator[Any]:
    binary, driver_path = _browser_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100",
                     "--lang=es-ES"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "es-ES,es"})  # the page follows it
    try:
        driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver_path))
    except WebDriverException as error:
        pytest.skip(f"chromium could not be started: {error.msg}")
    driver.get(page_url)
    yield driver
    driver.quit()


def wait_for(browser: Any, condition: Callable[[], Any]) -> Any:
    return WebDriverWait(browser, WAIT_SECONDS).until(lambda _: condition())


def downloaded(browser: Any, path: Path) -> str:
    """The text of a finished download. Chrome may create the file before it writes it
    (and writes through a `.crdownload` beside it), so existence alone is not enough."""
    def finished() -> bool:
        partial = any(path.parent.glob("*.crdownload"))
        return path.exists() and path.stat().st_size > 0 and not partial
    wait_for(browser, finished)
    return path.read_text(encoding="utf-8")


def paste(browser: Any, text: str) -> None:
    """Put `text` in the text area as a paste does (ChromeDriver cannot type an emoji)."""
    browser.execute_script("const area = document.getElementById('text'); area.value = arguments[0];"
                           "area.dispatchEvent(new Event('input', {bubbles: true}));", text)


def highlights(browser: Any) -> list[tuple[str, str, str]]:
    """Each highlight's code, text and severity class, read in one step (a re-check may
    redraw the text between two reads)."""
    marks = browser.execute_script("return [...document.querySelectorAll('#rendered mark')]"
                                   ".map((mark) => [mark.dataset.code, mark.innerText, mark.classList[0]]);")
    return [tuple(mark) for mark in marks]


def settled(browser: Any) -> bool:
    """Whether the page's last check was of the text now in the editor: a check of a
    text still being typed would redraw the highlights again."""
    return browser.execute_script("return state.checkedText === document.getElementById('text').value;")


def playground_settled(browser: Any) -> bool:
    """Whether the playground shows the results of the rule and text now on the page."""
    return browser.execute_script(
        "return state.packTried !== null && state.packTried.pack === document.getElementById('pack').value"
        " && state.packTried.text === document.getElementById('text').value;")


def checked(browser: Any, expected: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The highlights once they are `expected` (the page re-checks after a pause)."""
    try:
        wait_for(browser, lambda: settled(browser) and highlights(browser) == expected)
    except TimeoutException:
        pass  # the assertion that follows shows what the page has instead
    return highlights(browser)


def use_ui_language(browser: Any, lang: str) -> None:
    if browser.execute_script("return document.documentElement.lang") != lang:
        browser.find_element(By.ID, "ui-lang").click()


def text_of(browser: Any, element_id: str) -> str:
    return browser.find_element(By.ID, element_id).text


def choose(browser: Any, element_id: str, value: str) -> None:
    Select(browser.find_element(By.ID, element_id)).select_by_value(value)


def test_spanish_text_highlights_explains_and_fixes(browser: Any, tmp_path: Path) -> None:
    assert browser.find_element(By.ID, "apply-all").text == "Aplicar todas las correcciones"
    choose(browser, "lang", "es")
    paste(browser, SPANISH)
    expected = [("ANG001", "Cálmese", "sev-error"), ("CLR003", "A efectos de", "sev-warning")]
    assert checked(browser, expected) == expected
    assert browser.find_element(By.CSS_SELECTOR, '#summary td[data-family="anger"]').text == "1"
    assert browser.find_element(By.CSS_SELECTOR, '#summary td[data-family="clarity"]').text == "1"

    browser.find_element(By.CSS_SELECTOR, '#rendered mark[data-code="ANG001"]').click()
    assert text_of(browser, "detail-title") == "ANG001 (anger-denial) · error"
    assert text_of(browser, "detail-message") == (
        "«Cálmese» niega o minimiza la emoción del cliente; reconózcala en lugar de ordenarla.")
    assert wait_for(browser, lambda: text_of(browser, "detail-explain")).startswith("ANG001 (anger-denial) — ")
    assert "## Qué señala" in text_of(browser, "detail-explain")
    assert not browser.find_element(By.ID, "apply-fix").is_displayed()
    # a re-check redraws the text: the finding in the panel stays selected
    browser.execute_script("document.querySelectorAll('#rendered mark').forEach((m) => { m.dataset.old = '1'; });")
    choose(browser, "kind", "text")
    wait_for(browser, lambda: not browser.find_elements(By.CSS_SELECTOR, "#rendered mark[data-old]"))
    [selected] = browser.find_elements(By.CSS_SELECTOR, "#rendered mark.selected")
    assert (selected.get_attribute("data-code"), selected.text) == ("ANG001", "Cálmese")
    browser.save_screenshot(str(tmp_path / "studio-es.png"))
    assert (tmp_path / "studio-es.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    browser.find_element(By.CSS_SELECTOR, '#rendered mark[data-code="CLR003"]').click()
    browser.find_element(By.ID, "apply-fix").click()
    fixed = "😀 Cálmese, por favor. Para su pedido, le escribo hoy."
    assert browser.find_element(By.ID, "text").get_property("value") == fixed
    assert checked(browser, expected[:1]) == expected[:1]


def test_english_text_nested_highlights_and_all_fixes(browser: Any) -> None:
    browser.find_element(By.ID, "ui-lang").click()  # the labels follow the toggle
    assert browser.find_element(By.ID, "apply-all").text == "Apply all fixes"
    choose(browser, "lang", "en")
    choose(browser, "kind", "email")
    area = browser.find_element(By.ID, "text")
    area.clear()
    area.send_keys(ENGLISH)  # typed: the page checks once the typing pauses
    # the sentence THX001 marks holds ANG001's words: the marks nest (outer one first)
    expected = [("THX001", "Calm down, please.", "sev-warning"), ("ANG001", "Calm down", "sev-error"),
                ("CLR003", "In order to", "sev-warning")]
    assert checked(browser, expected) == expected
    inner = browser.find_element(By.CSS_SELECTOR, 'mark[data-code="THX001"] > mark[data-code="ANG001"]')
    inner.click()  # the innermost finding is the one shown
    assert text_of(browser, "detail-title") == "ANG001 (anger-denial) · error"
    assert wait_for(browser, lambda: "## What it flags" in text_of(browser, "detail-explain"))

    browser.find_element(By.ID, "apply-all").click()
    assert area.get_property("value") == "Calm down, please. To fix it, we will call you."
    assert checked(browser, expected[:2]) == expected[:2]


def test_customer_turns_are_greyed_out(browser: Any) -> None:
    choose(browser, "lang", "es")
    choose(browser, "kind", "auto")
    paste(browser, SCRIPT)
    wait_for(browser, lambda: browser.find_elements(By.CSS_SELECTOR, "#rendered .turn-customer"))
    [turn] = browser.find_elements(By.CSS_SELECTOR, "#rendered .turn-customer")
    assert turn.text.strip() == "Estoy harto de esperar."
    assert turn.value_of_css_property("color") == "rgba(154, 154, 154, 1)"
    assert wait_for(browser, lambda: settled(browser) and ("ANG001", "Cálmese", "sev-error") in highlights(browser))
    assert text_of(browser, "status").endswith(" · es · call-script")  # the kind read from the speaker turns


def test_playground_validates_and_runs_the_rule(browser: Any, tmp_path: Path) -> None:
    use_ui_language(browser, "en")
    pack = browser.find_element(By.ID, "pack")
    paste(browser, "Le abrimos un ticket ayer.")
    wait_for(browser, lambda: playground_settled(browser))
    assert text_of(browser, "pack-errors") == "The rule is valid."
    rows = browser.execute_script("return [...document.querySelectorAll('#pack-examples tr')]"
                                  ".map((row) => row.className);")
    assert rows == ["ok", "ok"]
    assert "HSE001 «ticket»" in text_of(browser, "pack-findings")
    browser.execute_script("const pack = document.getElementById('pack');"
                           "pack.value = pack.value.replace('severity: warning', 'severity: loud');"
                           "pack.dispatchEvent(new Event('input', {bubbles: true}));")
    wait_for(browser, lambda: playground_settled(browser))
    assert text_of(browser, "pack-errors") == "line 4: HSE001: severity must be error, warning or info"
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    browser.find_element(By.ID, "download-pack").click()
    saved = downloaded(browser, tmp_path / "svclint-pack.yaml")
    assert saved == pack.get_property("value")
    assert saved.startswith("HSE001:\n  name: Internal ticket jargon\n")
    browser.execute_script("document.getElementById('playground').scrollIntoView()")
    browser.save_screenshot(str(tmp_path / "studio-playground.png"))
    assert (tmp_path / "studio-playground.png").stat().st_size > 10_000


def test_files_open_from_the_computer_and_the_folder(browser: Any, tmp_path: Path) -> None:
    use_ui_language(browser, "en")
    choose(browser, "lang", "es")
    choose(browser, "kind", "auto")
    reply = tmp_path / "respuesta.md"
    reply.write_text("# Su pedido\n\nCálmese, por favor.\n", encoding="utf-8")
    browser.find_element(By.ID, "file").send_keys(str(reply))  # read by the browser
    assert wait_for(browser, lambda: settled(browser) and ("ANG001", "Cálmese", "sev-error") in highlights(browser))
    assert text_of(browser, "status").endswith(" · es · text")
    assert browser.find_element(By.ID, "text").get_property("value") == reply.read_text(encoding="utf-8")
    assert browser.find_element(By.ID, "name").get_property("value") == "respuesta.md"

    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    browser.find_element(By.ID, "download").click()
    entries = json.loads(downloaded(browser, tmp_path / "respuesta.md.svclint.json"))
    assert ("respuesta.md", "ANG001", 3, 1) in [(e["path"], e["code"], e["line"], e["column"]) for e in entries]

    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Cálmese".encode("latin-1"))
    browser.find_element(By.ID, "file").send_keys(str(latin))
    assert wait_for(browser, lambda: text_of(browser, "status") == "The file is not UTF-8 text.")

    browser.find_element(By.ID, "served-path").send_keys("plantillas/aviso.txt")  # read by the server
    browser.find_element(By.ID, "open-served").click()
    expected = [("PRM001", "Le garantizo", "sev-error"), ("PRM003", "llegará mañana", "sev-warning")]
    assert checked(browser, expected) == expected
    served_path = browser.find_element(By.ID, "served-path")
    served_path.clear()
    served_path.send_keys("../secret.txt")
    browser.find_element(By.ID, "open-served").click()
    assert wait_for(browser, lambda: "'..' is not allowed" in text_of(browser, "status"))
