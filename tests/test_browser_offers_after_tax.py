"""Browser test: the Offer calculator's take-home CSV carries gross and take-home side by side, with each tax."""

import pytest

from tests.helpers import BARS, download_rows, open_page
from tests.test_realterms_tax import california_single, federal

pytestmark = pytest.mark.browser

WORKED_LINK = "?o1=Amazon+L6~150000~15pct~200000~amazon~50000_40000~40000~Amazon~L6"


def test_after_tax_download_for_california(page, app_url):
    open_page(page, app_url, "offers" + WORKED_LINK, BARS)
    rows = download_rows(page, "offers_after_tax_csv")
    first = rows[0]
    assert (first["Offer"], first["Year"], first["State"], first["Filing status"]) == ("Amazon L6", "1", "CA", "Single")
    assert (first["Income tax rules of"], first["Payroll rules of"]) == ("2025", "2026")  # 2026 on: the last rules
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
        "Gross total (USD)",
        "Federal income tax (USD)",
        "State income tax (USD)",
        "Social Security (USD)",
        "Medicare (USD)",
        "Additional Medicare (USD)",
        "Take-home (USD)",
    ]
    assert round(gross - sum(taxes), 2) == 153_597.25
    # Whole dollars, as the page shows them, rounded half up: 3,371.25 is 3371, 292.50 is 293, 153,597.25 is 153597
    assert [first[c] for c in columns] == ["232500", "46423", "17377", "11439", "3371", "293", "153597"]
    assert len(rows) == 4
