"""What bench/browser.py measures on each page: its URL, what counts as its first chart, and one widget.

Widgets are found by Streamlit's own element test ids and their label text, never by the app's keys
or layout, so the benchmark runs unchanged before and after a refactor that renames keys or moves
modules. Each change alternates between two values, and `arm()` is called just before the action
that commits it (so opening a dropdown or focusing an input is not timed as part of the change).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

PLOTLY = ".js-plotly-plot"
PLOTLY_BOX = '[data-testid="stPlotlyChart"]'
GRID = '[data-testid="stDataFrame"]'
TEST_IDS = {"multiselect": "stMultiSelect", "selectbox": "stSelectbox", "slider": "stSlider", "number": "stNumberInput"}


@dataclass(frozen=True)
class Page:
    """A page: its title in the sidebar, URL path, first-chart selector, changed widget, watched elements."""

    title: str
    path: str
    kind: str
    label: str
    option: str = ""  # for a multiselect: the item removed and chosen again
    ready: str = PLOTLY
    watch: str = PLOTLY_BOX


FLOOR = Page("Floor (one selectbox, one chart)", "", "selectbox", "Series")
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
        # No chart on this page: its first table stands in for the chart, and the table is watched.
        Page("Sources & data", "sources", "selectbox", "Table", ready=GRID, watch=GRID),
    ]
}


def widget(page, spec: Page):
    """The first widget of the page's kind whose label reads exactly spec.label."""
    label = page.locator('[data-testid="stWidgetLabel"]').filter(
        has_text=re.compile(rf"^\s*{re.escape(spec.label)}\s*$")
    )
    return page.locator(f'[data-testid="{TEST_IDS[spec.kind]}"]').filter(has=label).first


def read_widget(page, spec: Page) -> tuple:
    """The two values a change alternates between (the current one second)."""
    w = widget(page, spec)
    if spec.kind == "multiselect":
        return (spec.option or w.locator("[data-tag]").first.get_attribute("aria-label"),)
    if spec.kind == "selectbox":
        current = w.get_by_role("combobox").input_value()
        w.get_by_role("button", name="Open").click()
        options = [o.strip() for o in page.get_by_role("option").all_inner_texts()[:10]]
        page.keyboard.press("Escape")
        return next(o for o in options if o and o != current), current
    if spec.kind == "number":
        current = float(w.locator("input").input_value().replace(",", "") or 0)
        return f"{current + 5000:.0f}", f"{current:.0f}"
    return ()


def change_widget(page, spec: Page, values: tuple, i: int, arm: Callable[[], None]) -> None:
    """Change the widget once: odd and even i go back and forth between the two values."""
    w = widget(page, spec)
    if spec.kind == "multiselect":  # remove the last chosen item, then choose it again
        if i % 2 == 0:
            arm()
            w.locator(f'button[aria-label="Remove {values[0]}"]').click()
        else:
            w.get_by_role("combobox").fill(values[0])
            arm()
            page.get_by_role("option", name=values[0], exact=True).click()
    elif spec.kind == "selectbox":
        w.get_by_role("combobox").fill(values[i % 2])
        arm()
        page.get_by_role("option", name=values[i % 2], exact=True).click()
    elif spec.kind == "slider":
        thumb = w.get_by_role("slider").last
        thumb.focus()
        arm()
        thumb.press("ArrowLeft" if i % 2 == 0 else "ArrowRight")
    elif spec.kind == "number":
        w.locator("input").fill(values[i % 2])
        arm()
        w.locator("input").press("Enter")
