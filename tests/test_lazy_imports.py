"""Heavy libraries load only on the page that uses them: a session that opens Overview holds no tax library
(tenforty), no statistics (statsmodels, scipy, patsy) and no Excel writer (openpyxl, loaded when a workbook is
downloaded); the Offer calculator loads tenforty once it works out take-home pay, and the Pay gap page loads
statsmodels only for a decomposition.

Each check runs in a fresh interpreter: the test process itself has imported everything other tests needed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.helpers import ROOT

HEAVY = ("tenforty", "statsmodels", "scipy", "patsy", "openpyxl")

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from streamlit.testing.v1 import AppTest
    import analytics.ui  # noqa: F401

    HEAVY = {heavy!r}
    at = AppTest.from_file({dashboard!r}, default_timeout=120).run()
    assert not at.exception, at.exception
    loaded = {{"pages/overview.py": [m for m in HEAVY if m in sys.modules]}}
    for page in {pages!r}:
        at.switch_page(page).run()
        assert not at.exception, at.exception
        loaded[page] = [m for m in HEAVY if m in sys.modules]
    print(json.dumps(loaded))
    """
)


def heavy_modules_after(*pages: str) -> dict[str, list[str]]:
    """Which HEAVY modules a fresh interpreter holds after Overview and then after each page in turn."""
    script = SCRIPT.format(heavy=HEAVY, dashboard=str(ROOT / "dashboard.py"), pages=list(pages))
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_overview_and_the_pay_gap_page_load_no_tax_or_statistics_library():
    loaded = heavy_modules_after("pages/pay_gap.py")
    assert loaded == {"pages/overview.py": [], "pages/pay_gap.py": []}


def test_the_offer_calculator_loads_tenforty_for_take_home_pay():
    loaded = heavy_modules_after("pages/offers.py")
    assert loaded == {"pages/overview.py": [], "pages/offers.py": ["tenforty"]}
