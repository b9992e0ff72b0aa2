"""Browser test: the Offer calculator's take-home CSV carries gross and take-home side by side, with each tax."""

import pytest

from tests.helpers import BARS, download_rows, open_page
from tests.test_realterms_tax import california_single, federal

pytestmark = pytest.mark.browser

WORKED_LINK = "?o1=Amazon+L6~150000~15pct~200000~amazon~50000_40000~40000~Amazon~L6"


def test_after_tax_download_for_california(page, app_url):
    open_page(page, app_url, "offers" + WORKED_LINK, BARS)
    rows = download_rows(page, "offers_download_after_tax")
    first = rows[0]
    assert (first["offer"], first["year"], first["state"], first["filing_status"]) == ("Amazon L6", "1", "CA", "Single")
    assert (first["income_tax_year"], first["payroll_year"]) == ("2025", "2026")  # years 2026 on: the last rules
    gross = 232_500
    taxes = [
        federal(gross, "single"),
        california_single(gross),
        round(184_500 * 0.062, 2),
        round(gross * 0.0145, 2),
        round((gross - 200_000) * 0.009, 2),
    ]
    assert taxes == [46_423, 17_377, 11_439, 3_371.25, 292.5]
    columns = [
        "total",
        "federal_income_tax",
        "state_income_tax",
        "social_security",
        "medicare",
        "additional_medicare",
        "take_home",
    ]
    assert [float(first[c]) for c in columns] == [gross, *taxes, round(gross - sum(taxes), 2)]
    assert float(first["take_home"]) == 153_597.25
    assert len(rows) == 4
