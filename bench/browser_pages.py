"""What bench/browser.py measures on each page: its URL, what counts as its first chart, and one widget.

Widgets are found by Streamlit's own element test ids and their label text, never by the app's keys
or layout, so the benchmark runs unchanged before and after a refactor that renames keys or moves
modules. Each change alternates between two values, and `arm()` is called just before the action
that commits it (so opening a dropdown or focusing an input is not timed as part of the change).
A page whose charts need a few clicks first (Your data: the sample, then its import) names those
buttons in `setup`; they are clicked, each run waited for, before its widget is read or changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bench.browser_probe import RAN_SINCE

PLOTLY = ".js-plotly-plot"
PLOTLY_BOX = '[data-testid="stPlotlyChart"]'
GRID = '[data-testid="stDataFrame"]'
METRIC = '[data-testid="stMetric"]'
BUTTON = '[data-testid="stButton"]'
TEST_IDS = {"multiselect": "stMultiSelect", "selectbox": "stSelectbox", "slider": "stSlider", "number": "stNumberInput"}
WAIT_MS = 30_000  # any one wait for an element of a loaded page


@dataclass(frozen=True)
class Page:
    """A page: its title in the sidebar, URL path, first-chart selector, changed widget, watched elements."""

    title: str
    path: str
    kind: str
    label: str
    option: str = ""  # for a multiselect: the item removed and chosen again
    ready: str = PLOTLY  # what counts as the page drawn (its first chart)
    watch: str = PLOTLY_BOX  # where a change must show (the last DOM change in one of these ends it)
    setup: tuple[str, ...] = ()  # buttons clicked in turn before the widget is read (their charts: PLOTLY)


FLOOR = Page("Floor (one selectbox, one chart)", "", "selectbox", "Series")
SANKEY = Page("Sankey alone (the Career paths diagram)", "", "selectbox", "Role")
PAGES = {
    p.title: p
    for p in [
        Page("Overview", "", "multiselect", "Roles", "Product Manager"),
        Page("Roles", "roles", "multiselect", "Roles", "Product Manager"),
        Page("Levels", "levels", "slider", "Levels"),
        Page("Pay mix", "pay_mix", "multiselect", "Companies", "Google"),
        Page("Career paths", "career_paths", "multiselect", "Roles", "Product Manager"),
        Page("Market", "market", "selectbox", "Occupation"),
        Page("Offer calculator", "offers", "number", "Base salary (USD a year)"),
        # No chart on these pages: their figures (metrics) or first table stand in for the chart.
        Page("Pay elsewhere", "pay_elsewhere", "selectbox", "Currency", ready=METRIC, watch=METRIC),
        # Empty until a file is read: the first screen is its sample button; its charts follow the import.
        Page(
            "Your data",
            "your_data",
            "selectbox",
            "Job family",
            ready=BUTTON,
            setup=("Try it with the sample", "Import the good rows"),
        ),
        Page("Sources & data", "sources", "selectbox", "Table", ready=GRID, watch=GRID),
    ]
}


def widget(page, spec: Page):
    """The first widget of the page's kind whose label reads exactly spec.label."""
    label = page.locator('[data-testid="stWidgetLabel"]').filter(
        has_text=re.compile(rf"^\s*{re.escape(spec.label)}\s*$")
    )
    return page.locator(f'[data-testid="{TEST_IDS[spec.kind]}"]').filter(has=label).first


def click_and_run(pages: list, name: str) -> None:
    """Click the button called name in every page at once, then wait until the run each click started is over."""
    runs = [page.evaluate("window.__plRuns") for page in pages]
    for page in pages:
        page.get_by_role("button", name=name, exact=True).click(timeout=WAIT_MS)
    for page, before in zip(pages, runs, strict=True):
        page.wait_for_function(RAN_SINCE, arg=before, timeout=WAIT_MS)


def set_up(pages: list, spec: Page) -> None:
    """Click the page's setup buttons in turn in every page, each run finished before the next; wait for a chart."""
    for name in spec.setup:
        click_and_run(pages, name)
    for page in pages if spec.setup else []:
        page.locator(PLOTLY).first.wait_for(timeout=WAIT_MS)


def read_widget(page, spec: Page) -> tuple:
    """The two values a change alternates between (the current one second)."""
    w = widget(page, spec)
    w.wait_for(timeout=WAIT_MS)
    if spec.kind == "multiselect":
        return (spec.option or w.locator("[data-tag]").first.get_attribute("aria-label", timeout=WAIT_MS),)
    if spec.kind == "selectbox":
        current = w.get_by_role("combobox").input_value(timeout=WAIT_MS)
        options = read_options(page, w)
        other = [o for o in options if o and o != current]
        if not other:
            raise RuntimeError(f"{spec.label}: no second option to change to (options: {options})")
        return other[0], current
    if spec.kind == "number":
        current = float(w.locator("input").input_value(timeout=WAIT_MS).replace(",", "") or 0)
        return f"{current + 5000:.0f}", f"{current:.0f}"
    return ()


def read_options(page, w, tries: int = 3) -> list[str]:
    """The first ten options of a selectbox. The list renders after the click (and a rerun that redraws
    the widget closes it), so it is read only once its first option is there, opening it again if need be."""
    for attempt in range(tries):
        w.scroll_into_view_if_needed(timeout=WAIT_MS)
        w.get_by_role("button", name="Open").click(timeout=WAIT_MS)
        try:
            page.get_by_role("option").first.wait_for(state="attached", timeout=WAIT_MS // tries)
        except Exception:  # noqa: BLE001 (closed again before it showed: open it once more)
            page.keyboard.press("Escape")
            if attempt == tries - 1:
                raise
            continue
        options = [o.strip() for o in page.get_by_role("option").all_inner_texts()[:10]]
        page.keyboard.press("Escape")
        return options
    return []


def change_widget(page, spec: Page, values: tuple, i: int, arm: Callable[[], None]) -> None:
    """Change the widget once: odd and even i go back and forth between the two values."""
    w = widget(page, spec)
    if spec.kind == "multiselect":  # remove the last chosen item, then choose it again
        if i % 2 == 0:
            arm()
            w.locator(f'button[aria-label="Remove {values[0]}"]').click(timeout=WAIT_MS)
        else:
            w.get_by_role("combobox").fill(values[0], timeout=WAIT_MS)
            option = page.get_by_role("option", name=values[0], exact=True)
            option.wait_for(timeout=WAIT_MS)
            arm()
            option.click(timeout=WAIT_MS)
    elif spec.kind == "selectbox":
        w.get_by_role("combobox").fill(values[i % 2], timeout=WAIT_MS)
        option = page.get_by_role("option", name=values[i % 2], exact=True)
        option.wait_for(timeout=WAIT_MS)
        arm()
        option.click(timeout=WAIT_MS)
    elif spec.kind == "slider":
        thumb = w.get_by_role("slider").last
        thumb.focus(timeout=WAIT_MS)
        arm()
        thumb.press("ArrowLeft" if i % 2 == 0 else "ArrowRight", timeout=WAIT_MS)
    elif spec.kind == "number":
        w.locator("input").fill(values[i % 2], timeout=WAIT_MS)
        arm()
        w.locator("input").press("Enter", timeout=WAIT_MS)
