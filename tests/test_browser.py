"""The HTML report in a real browser: headless Chromium (Debian package ``chromium``)
driven by Playwright, which never downloads a browser of its own here.

The page is the export of a realistic progress file: 30 items touched over 10 weeks,
notes with HTML special characters and one that is ``<script>alert(1)</script>``.
Locally the test skips when Chromium is absent; under CI (the CI variable set, as
.ci/run does) a missing browser is a failure.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from aipm_tracker.curriculum import load_curriculum
from aipm_tracker.store import serialize
from tests.conftest import progress_path
from tests.reportdata import SCRIPT_NOTE, SPECIAL_NOTE, realistic_progress

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]

if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        pytest.fail(f"Chromium is required under CI but {CHROMIUM} is missing", pytrace=False)
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Playwright starts Chromium with a fresh temporary profile (--user-data-dir) of
    # its own and removes it afterwards.
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def report_html(aipm, isolated: Path, tmp_path: Path) -> Path:
    curriculum = load_curriculum(None)[0]
    path = progress_path(isolated)
    path.parent.mkdir(parents=True)
    path.write_text(serialize(realistic_progress(curriculum)), encoding="utf-8")
    out = tmp_path / "report.html"
    result = aipm("export", "--format", "html", "--output", str(out))
    assert result.exit_code == 0, result.output
    return out


def open_page(browser: Browser, url: str, width: int, height: int):
    page = browser.new_page(viewport={"width": width, "height": height})
    seen: dict[str, list[str]] = {"console": [], "errors": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(url, wait_until="load")
    return page, seen


def not_blank(png: bytes) -> tuple[int, float]:
    """(distinct colours, share of non-white pixels) of a PNG screenshot."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    white = sum(n for n, rgb in colours if rgb == (255, 255, 255))
    return len(colours), 1 - white / (image.width * image.height)


def test_the_report_loads_offline_runs_no_script_and_draws_its_charts(
    browser: Browser, report_html: Path, tmp_path: Path
) -> None:
    url = report_html.as_uri()
    page, seen = open_page(browser, url, 1280, 900)
    # Loaded with no console message at all (a CSP violation would log one), no
    # script error, no request but the page itself, and no alert from the note.
    assert seen == {"console": [], "errors": [], "requests": [url], "dialogs": []}
    # The note's script is shown as text.
    assert page.get_by_text(SCRIPT_NOTE, exact=False).count() == 1
    assert page.get_by_text(SPECIAL_NOTE, exact=False).count() == 9
    assert page.locator("script").count() == 0

    # Both charts take the page's whole width (issue 17 item 17: they were capped at
    # 38rem, 40% of the page empty), at a readable size, and hold drawn marks.
    content = page.evaluate(
        "(() => { const m = document.querySelector('main'); const s = getComputedStyle(m);"
        " return m.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); })()"
    )
    for chart in ("#category-chart", "#burndown-chart"):
        assert page.locator(f"{chart} .narrow svg").bounding_box() is None  # not shown
        box = page.locator(f"{chart} .wide svg").bounding_box()
        assert box is not None and box["width"] == content and box["height"] > 250, chart
    bars = page.locator("#category-chart .wide svg rect.rect")
    assert bars.count() == 21  # 7 categories x done / in progress / to do
    widths = [float(bars.nth(i).get_attribute("width") or 0) for i in range(21)]
    assert sum(w > 0 for w in widths) >= 10
    # Two drawn lines: the history and the projection.
    assert page.locator("#burndown-chart .wide svg path.line.reactive.nofill").count() == 2

    colours, inked = not_blank(page.screenshot(full_page=True))
    assert colours > 50 and inked > 0.05, (colours, inked)
    page.close()


def test_the_report_fits_a_phone_and_prints_to_pdf(browser: Browser, report_html: Path) -> None:
    page, seen = open_page(browser, report_html.as_uri(), 390, 844)
    assert seen["console"] == [] and seen["errors"] == []
    # Nothing wider than the phone, the tables included (issue 17 item 17: they hid
    # columns behind a sideways scroll): each row is a card of labelled values.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    wraps = page.locator(".table-wrap")
    assert wraps.count() == 2
    for i in range(2):
        assert wraps.nth(i).evaluate("e => e.scrollWidth <= e.clientWidth"), i
    first = page.locator("#categories tbody tr").first
    assert (
        first.locator("td").nth(1).evaluate("e => getComputedStyle(e, '::before').content")
        == '"Done"'
    )
    assert page.locator("#category-chart .wide svg").bounding_box() is None  # not shown
    chart = page.locator("#category-chart .narrow svg").bounding_box()
    assert chart is not None and 300 <= chart["width"] <= 390
    colours, inked = not_blank(page.screenshot(full_page=True))
    assert colours > 50 and inked > 0.05

    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-")
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(pages) >= 3  # the realistic report runs over several A4 pages
    page.close()


def test_many_long_categories_keep_a_wide_plot_and_a_legend_that_never_overlaps(
    browser: Browser, aipm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 17 item 17: with 63 categories of long titles the bars got 190 of 920 px
    # and pygal's legend drew "To do" over "In progress".
    lines = ["schema_version: 1", "id: many", 'version: "1"', "title: Many", "categories:"]
    for c in range(63):
        lines += [f"  - id: cat-{c:02d}", f"    title: Category number {c} with a long title"]
    lines.append("items:")
    for c in range(63):
        lines += [
            f"  - id: c{c:02d}.item", "    title: An item", f"    category: cat-{c:02d}",
            "    kind: concept", "    summary: s.", "    why: w.", "    effort_hours: 5",
            "    priority: core",
        ]  # fmt: skip
    lines += ["roles:", "  - id: r", "    title: R", "    requirements:"]
    lines.append("      - {item: c00.item}")
    curriculum = tmp_path / "many.yaml"
    curriculum.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("AIPM_CURRICULUM", str(curriculum))
    out = tmp_path / "many.html"
    assert aipm("export", "--format", "html", "--output", str(out)).exit_code == 0
    for width, drawing in ((1280, "wide"), (390, "narrow")):
        page, seen = open_page(browser, out.as_uri(), width, 900)
        assert seen["console"] == [] and seen["errors"] == []
        svg = page.locator(f"#category-chart .{drawing} svg").bounding_box()
        assert svg is not None
        # How wide the bars run: from the leftmost bar's start to the rightmost's end.
        plot = page.locator(f"#category-chart .{drawing} svg rect.rect").evaluate_all(
            "rects => { const b = rects.map(r => r.getBoundingClientRect());"
            " return Math.max(...b.map(x => x.right)) - Math.min(...b.map(x => x.left)); }"
        )
        assert plot >= 0.5 * svg["width"], (width, plot, svg)
        boxes = [page.locator("#category-chart .legend li").nth(i).bounding_box() for i in range(3)]
        assert all(b is not None for b in boxes)
        for a, b in itertools.pairwise(boxes):
            assert a and b and (a["x"] + a["width"] <= b["x"] or a["y"] + a["height"] <= b["y"])
        page.close()
