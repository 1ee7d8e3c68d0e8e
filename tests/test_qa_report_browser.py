"""The `svclint qa --html` report opened in a real headless Chromium (as the studio's
browser test does, and skipped the same way where none is installed): the inline SVG
charts are drawn, with a nonzero size and bars of a nonzero width."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
from selenium.common.exceptions import WebDriverException
from test_studio_browser import _browser_paths

DATA = Path(__file__).parent / "data" / "conversations"


def test_the_report_charts_render_in_a_browser(tmp_path: Path) -> None:
    page = tmp_path / "qa.html"
    result = invoke("qa", "--html", str(page), str(DATA / "chats.jsonl"), str(DATA / "zendesk-ticket.json"),
                    str(DATA / "vcon-chat.json"))
    assert result.exit_code == 0, result.output
    binary, driver_path = _browser_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100"):
        options.add_argument(argument)
    try:
        browser = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver_path))
    except WebDriverException as error:
        pytest.skip(f"chromium could not be started: {error.msg}")
    try:
        browser.get(page.as_uri())
        charts = browser.execute_script(
            "return [...document.querySelectorAll('svg')].map((svg) => {"
            "  const box = svg.getBoundingClientRect();"
            "  return [svg.id, box.width, box.height, [...svg.querySelectorAll('rect, polyline')]"
            "    .map((shape) => shape.getBBox().width)];});")
    finally:
        browser.quit()
    assert [chart_id for chart_id, *_ in charts] == ["chart-codes", "chart-agent", "chart-queue", "chart-channel",
                                                     "chart-weeks"]
    for chart_id, width, height, shapes in charts:
        assert width > 300 and height > 20, chart_id
        assert shapes and all(shape > 0 for shape in shapes), chart_id
