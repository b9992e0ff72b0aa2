"""Every page runs under AppTest without an exception, with default state and with a hostile link."""

import re
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', (ROOT / "dashboard.py").read_text())


def test_navigation_lists_every_page_file():
    assert sorted(PAGES) == sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("page", PAGES)
def test_page_runs(page):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception


@pytest.mark.parametrize("page", PAGES)
def test_page_survives_a_hostile_link(page):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key in ("roles", "companies", "level_from", "table", "q", "occupation", "area", "o1", "pay"):
        at.query_params[key] = "'; DROP TABLE pay_figures; --=cmd|' /C calc'!A0" + "x" * 3000
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception


def test_the_theme_accent_is_neutral_in_both_themes():
    """Focus borders, selected radios and sliders take the primary colour: Streamlit's default red reads as an
    error, so each theme sets a blue (Okabe-Ito), keeping the light and dark themes."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["theme"] == {"light": {"primaryColor": "#0072B2"}, "dark": {"primaryColor": "#56B4E9"}}
