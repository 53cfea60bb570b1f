"""Classroom load on the app server: N concurrent browser sessions on a trainee lab.

    python benchmarks/load_apps.py --sessions 10 30

Starts the Voila app server on a free loopback port, opens N browser pages at
once (headless Debian Chromium, one context each, as N trainees would), and in
each waits for the lab, presses Run and compare, and waits for the result
table. Reports p50 and p95 of page-ready time and of time to the updated result,
and every error. Loopback only; every session ends by itself (timeouts).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, app_serving  # noqa: E402

PAGE = "04_return_visits"
TIMEOUT_MS = 600_000


async def one_session(browser, url: str) -> tuple[float, float]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await context.new_page()
        start = time.perf_counter()
        await page.goto(url, timeout=TIMEOUT_MS)
        await page.get_by_role("button", name="Run and compare").wait_for(timeout=TIMEOUT_MS)
        ready = time.perf_counter() - start
        box = page.locator(".widget-text input").nth(5)  # the alternative's visit deadline for projects under way
        await box.fill("21")
        await box.press("Enter")
        clicked = time.perf_counter()
        await page.get_by_role("button", name="Run and compare").click()
        await page.locator(".crm-panel-status", has_text="Done.").wait_for(timeout=TIMEOUT_MS)
        await page.locator(".crm-panel-output table").first.wait_for(timeout=TIMEOUT_MS)
        return ready, time.perf_counter() - clicked
    finally:
        await context.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def load(sessions: int, url: str) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        results = await asyncio.gather(*(one_session(browser, url) for _ in range(sessions)), return_exceptions=True)
        await browser.close()
    good = [r for r in results if not isinstance(r, BaseException)]
    errors = [repr(r)[:200] for r in results if isinstance(r, BaseException)]
    ready = [r[0] for r in good]
    result = [r[1] for r in good]
    return {
        "sessions": sessions,
        "ok": len(good),
        "errors": errors,
        "ready_p50_s": statistics.median(ready) if ready else None,
        "ready_p95_s": percentile(ready, 0.95) if ready else None,
        "result_p50_s": statistics.median(result) if result else None,
        "result_p95_s": percentile(result, 0.95) if result else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30])
    args = parser.parse_args()
    with app_serving(ROOT / "build" / "load-app", "load-test") as base:
        url = f"{base}/voila/render/{PAGE}.ipynb?token=load-test"
        for sessions in args.sessions:
            report = asyncio.run(load(sessions, url))
            print(
                f"{sessions:3d} sessions: {report['ok']} ok, {len(report['errors'])} errors; page ready p50 "
                f"{report['ready_p50_s']:.1f} s, p95 {report['ready_p95_s']:.1f} s; updated result p50 "
                f"{report['result_p50_s']:.1f} s, p95 {report['result_p95_s']:.1f} s"
            )
            for error in report["errors"]:
                print("   error:", error)


if __name__ == "__main__":
    main()
