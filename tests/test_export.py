"""CSV export: exact output, with formula-like cells neutralised and numbers left alone."""

import io

import pandas as pd

from analytics.export import to_csv, to_parquet


def test_csv_neutralises_formula_cells_exactly():
    df = pd.DataFrame(
        {
            "role": ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "Product Manager"],
            "amount": [1, 2, -3, 4, 5, 6, 148688],
        }
    )
    assert to_csv(df).decode().split("\r\n") == [
        "role,amount",
        '"\'=HYPERLINK(""http://x"")",1',
        "'+1,2",
        "'-2,-3",
        "'@SUM(A1),4",
        "'\tTab,5",
        '"\'\rCR",6',
        "Product Manager,148688",
        "",
    ]


def test_csv_neutralises_column_names_and_keeps_missing_values_empty():
    df = pd.DataFrame({"=cmd": ["a", None], "n": [1.5, None]})
    assert to_csv(df).decode() == "'=cmd,n\r\na,1.5\r\n,\r\n"


def test_parquet_round_trips_with_neutralised_text():
    df = pd.DataFrame({"role": ["=1+1", "PM"], "amount": [1, 2]})
    back = pd.read_parquet(io.BytesIO(to_parquet(df)))
    assert back["role"].tolist() == ["'=1+1", "PM"] and back["amount"].tolist() == [1, 2]
