"""Figure workbooks: numbers and dates stay typed, text never starts a formula."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from clusterlab.registry.tabular import write_workbook


def test_workbook_keeps_numbers_and_dates_typed_one_sheet_per_table():
    day = dt.date(2026, 1, 31)
    data = write_workbook(
        [
            ("Totals", ["figure", "value"], [["=cmd", 3], ["share", -0.25]]),
            ("Days", ["d"], [[day]]),
        ]
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Totals", "Days"]
    rows = list(book["Totals"].iter_rows(values_only=True))
    assert rows == [
        ("figure", "value"),
        ("'=cmd", 3),
        ("share", -0.25),
    ]  # typed: a number is no formula
    assert book["Days"]["A2"].value.date() == day
