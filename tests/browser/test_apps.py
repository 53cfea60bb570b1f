"""The apps in a real browser: pages load, controls change results, bad input gets a message, tokens are needed."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import ARTIFACTS, ROOT

MODULES = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
PAGES = [*MODULES, "staffing_planner"]
ERRORS = ("Traceback", "There was an error when executing cell", "Error:")


def open_app(page, app_server, name: str):
    base, token = app_server
    page.goto(f"{base}/voila/render/{name}.ipynb?token={token}", timeout=120_000)
    page.locator(".widget-button").first.wait_for(timeout=120_000)
    return page


def no_errors(page) -> None:
    text = page.inner_text("body")
    for marker in ERRORS:
        assert marker not in text, f"{marker!r} on the page"


def set_readout(page, index: int, value: str) -> None:
    """Type a value into a slider's number readout (what a user does instead of dragging)."""
    readout = page.locator(".widget-readout").nth(index)
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    page.keyboard.press("Enter")


def set_labelled(page, label: str, value: str) -> None:
    """Type a value into the control whose label starts with ``label`` (a slider's readout or a number box)."""
    name = page.locator("label").filter(has_text=re.compile("^" + re.escape(label) + r"(\s*[(（]|$)"))
    control = page.locator(".widget-inline-hbox").filter(has=name).first
    field = control.locator(".widget-readout, input").first
    field.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    page.keyboard.press("Enter")


def run_and_wait(page, button: str, done: str = "Done.") -> None:
    """Press a panel's Run button and wait until it says Done and its output has a table."""
    page.get_by_role("button", name=button).click()
    page.locator(".crm-panel-status", has_text=re.compile("Done.|完成。")).wait_for(timeout=180_000)
    page.locator(".crm-panel-output table").first.wait_for(timeout=60_000)


@pytest.mark.parametrize("name", PAGES)
def test_every_app_page_loads_without_an_error(page, app_server, name):
    open_app(page, app_server, name)
    no_errors(page)
    page.screenshot(path=str(ARTIFACTS / f"app-{name}.png"), full_page=True)


def test_changing_a_choice_and_pressing_run_updates_the_table(page, app_server):
    open_app(page, app_server, "06_the_biweekly_meeting")
    run_and_wait(page, "Run and compare")
    first = page.locator(".crm-panel-output table").first.inner_text()
    page.locator("select").nth(1).select_option("lowest_load")
    set_readout(page, 3, "7")  # the alternative's meeting cadence: weekly instead of monthly
    page.get_by_text("Done.").wait_for()
    run_and_wait(page, "Run and compare")
    page.wait_for_function(
        "previous => { const t = document.querySelector('.crm-panel-output table');"
        " return t !== null && t.innerText !== previous; }",
        arg=first,
        timeout=60_000,
    )
    second = page.locator(".crm-panel-output table").first.inner_text()
    assert second != first
    assert "lead_wait_days_mean" in second
    no_errors(page)
    page.screenshot(path=str(ARTIFACTS / "app-meeting-after-change.png"), full_page=True)


def test_staffing_planner_shows_the_four_methods_and_the_risk_curve(page, app_server):
    open_app(page, app_server, "staffing_planner")
    target = page.locator(".widget-text input").first
    target.fill("3200")
    target.press("Enter")
    set_labelled(page, "replications", "6")  # keep the test quick
    set_labelled(page, "at most, replications", "6")
    run_and_wait(page, "Size the team")
    text = page.inner_text("body")
    for method in ("paper's rule", "workload", "simulation", "return on one more"):
        assert method in text
    assert "3,200" in text  # the answers use the target entered in the page
    assert page.locator("img").count() >= 1  # the risk curve
    assert page.get_by_text("Printable one-page summary (HTML)").count() == 1
    no_errors(page)
    page.screenshot(path=str(ARTIFACTS / "app-staffing-planner-result.png"), full_page=True)


def test_staffing_planner_explains_a_team_range_upside_down(page, app_server):
    open_app(page, app_server, "staffing_planner")
    page.get_by_text("choose the team sizes myself").click()
    set_labelled(page, "smallest team to try", "12")
    set_labelled(page, "largest team to try", "5")
    page.get_by_role("button", name="Size the team").click()
    message = page.get_by_text("Please check the settings")
    message.wait_for(timeout=60_000)
    assert "candidates" in message.inner_text()
    no_errors(page)
    page.screenshot(path=str(ARTIFACTS / "app-staffing-planner-bad-range.png"), full_page=True)


def set_number(page, index: int, value: str) -> None:
    """Type a value into a number box (fields whose declared range is too wide for a slider)."""
    box = page.locator(".widget-text input").nth(index)
    box.fill(value)
    box.press("Enter")


def test_invalid_input_shows_a_message_and_the_app_keeps_working(page, app_server):
    open_app(page, app_server, "04_return_visits")
    # The alternative's window for projects under way (boxes 4 and 5; the paper policy's are 0 to 3):
    set_number(page, 4, "30")  # earliest visit after 30 days ...
    set_number(page, 5, "10")  # ... but the deadline after 10: the window closes before it opens
    page.get_by_role("button", name="Run and compare").click()
    message = page.get_by_text("Please check the settings")
    message.wait_for(timeout=60_000)
    assert "min_days" in message.inner_text()
    no_errors(page)
    page.screenshot(path=str(ARTIFACTS / "app-invalid-input.png"), full_page=True)
    set_number(page, 5, "40")
    run_and_wait(page, "Run and compare")
    assert "visit_compliance" in page.locator(".crm-panel-output table").first.inner_text()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_app_server_needs_its_token(app_server):
    base, token = app_server
    request = urllib.request.Request(f"{base}/voila/render/staffing_planner.ipynb")
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        status = opener.open(request, timeout=30).status
    except urllib.error.HTTPError as error:
        status = error.code
    assert status in (302, 401, 403)
    assert _status(f"{base}/voila/tree?token={token}") == 200


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_jupyterlab_answers_403_without_the_token_and_serves_the_notebooks_with_it(lab_server, page):
    base, token = lab_server
    assert _status(f"{base}/api/contents/00_start_here.ipynb") == 403
    with urllib.request.urlopen(f"{base}/api/contents?token={token}", timeout=30) as response:
        listing = json.load(response)
    assert {"00_start_here.ipynb", "04_return_visits.ipynb"} <= {item["name"] for item in listing["content"]}
    page.goto(f"{base}/lab/tree/00_start_here.ipynb?token={token}", timeout=120_000)
    page.locator(".jp-NotebookPanel").first.wait_for(timeout=120_000)
    page.locator(".jp-MarkdownCell").first.wait_for(timeout=120_000)
    page.screenshot(path=str(ARTIFACTS / "jupyterlab-start-here.png"))


@pytest.mark.parametrize("name", ["zh-CN/04_return_visits", "zh-CN/00_start_here"])
def test_chinese_lab_pages_show_chinese_labels(page, app_server, name):
    open_app(page, app_server, name)
    no_errors(page)
    text = page.inner_text("body")
    assert "学习目标" in text and "运行" in text
    page.screenshot(path=str(ARTIFACTS / f"app-{name.replace('/', '-')}.png"), full_page=True)


def test_chinese_staffing_planner_answers_in_chinese(page, app_server):
    open_app(page, app_server, "zh-CN/staffing_planner")
    assert "销售指标" in page.inner_text("body")
    set_labelled(page, "重复运行次数", "6")
    set_labelled(page, "最多重复运行次数", "6")
    run_and_wait(page, "测算人数")
    text = page.inner_text("body")
    assert "完成。" in text and "论文公式法" in text and "paper_rule" not in text
    assert page.locator("img").count() >= 1
    no_errors(page)
    page.screenshot(path=str(ARTIFACTS / "app-zh-CN-staffing-planner-result.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_the_staffing_summary_prints_on_one_a4_page(page, language):
    from sim.i18n import using
    from sim.staffing import plan_staffing
    from sim.ui.report import staffing_summary_html

    with using(language):  # a department's numbers: the longest answers, a full risk curve
        plan = plan_staffing(12000, 10000, 30, 0.05, customers=450, reps=4, max_reps=4)
    page.set_content(staffing_summary_html(plan, language))
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.screenshot(path=str(ARTIFACTS / f"staffing-summary-{language}.png"), full_page=True)
