"""Reading and writing member lists: odd encodings, oversized fields, zip bombs, formulas."""

from __future__ import annotations

import csv
import io
import time
import tracemalloc
import zipfile

import openpyxl
import pytest

from clusterlab.core.errors import DomainError
from clusterlab.registry.tabular import (
    MAX_FIELD_CHARS,
    neutralise,
    read_table,
    write_csv,
    write_xlsx,
)

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


def refusal(data: bytes, filename: str) -> str:
    with pytest.raises(DomainError) as exc:
        read_table(data, filename)
    return exc.value.message


# --- CSV: encodings ------------------------------------------------------------------------


def test_utf8_with_bom_is_read_without_the_bom():
    data = "\ufeffName,Country,City\r\nMüller Design GmbH,DE,Köln\r\nŁódź Studio,PL,Łódź\r\n"

    headers, rows = read_table(data.encode("utf-8"), "members.csv")

    assert headers == ["Name", "Country", "City"]
    assert rows == [["Müller Design GmbH", "DE", "Köln"], ["Łódź Studio", "PL", "Łódź"]]


def test_semicolon_cp1252_from_german_excel_is_read():
    text = (
        "Firma;Land;Stadt;Beschreibung\r\n"
        "Müller Büro GmbH;DE;Köln;Design, Druck & Straßenkunst ab 5 €\r\n"
        "Öko Gärten KG;AT;Graz;\r\n"
    )
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really not UTF-8: the reader has to fall back

    headers, rows = read_table(data, "export.csv")

    assert headers == ["Firma", "Land", "Stadt", "Beschreibung"]
    assert rows == [
        ["Müller Büro GmbH", "DE", "Köln", "Design, Druck & Straßenkunst ab 5 €"],
        ["Öko Gärten KG", "AT", "Graz", ""],
    ]


def test_nul_bytes_are_refused_with_a_clear_message():
    data = b"Name,Country\r\nAlpha\x00 GmbH,DE\r\n"

    assert refusal(data, "members.csv") == (
        "The file contains NUL bytes: it is not a text CSV file."
    )


def test_utf16_file_is_refused_as_not_a_text_csv():
    data = "Name,Country\r\nAlpha,DE\r\n".encode("utf-16")

    assert refusal(data, "members.csv") == (
        "The file contains NUL bytes: it is not a text CSV file."
    )


def test_field_at_the_size_limit_is_accepted():
    data = f"Name,Description\r\nA,short\r\nB,{'x' * MAX_FIELD_CHARS}\r\n".encode()

    headers, rows = read_table(data, "members.csv")

    assert headers == ["Name", "Description"]
    assert rows[1] == ["B", "x" * MAX_FIELD_CHARS]


def test_field_just_over_the_size_limit_is_refused_naming_the_row():
    data = f"Name,Description\r\nA,short\r\nB,{'x' * (MAX_FIELD_CHARS + 1)}\r\n".encode()

    assert refusal(data, "members.csv") == "Row 3 has a field longer than 10000 characters."


def test_huge_field_is_refused_naming_the_row():
    data = f"Name,Description\r\nA,short\r\nB,{'x' * 50_000}\r\n".encode()

    assert refusal(data, "members.csv") == (
        "Row 3 could not be read: field larger than field limit (10001)"
    )


@pytest.mark.parametrize(
    "data",
    [b"", b"\r\n\r\n", b"\xef\xbb\xbf", b" , \r\n,,\r\n"],
    ids=["zero-bytes", "blank-lines", "bom-only", "empty-cells"],
)
def test_empty_file_is_refused(data):
    assert refusal(data, "members.csv") == "The file is empty."


# --- XLSX ------------------------------------------------------------------------------------


def test_xlsx_round_trip():
    headers = ["Name", "Country", "Founding year", "Description"]
    rows = [
        ["Müller Design GmbH", "DE", 2015, "Grafik & Druck"],
        ["Atelier Łódź", "PL", None, ""],
        ["=cmd|' /C calc'!A0", "FR", 1999, "-minus first"],
    ]

    data = write_xlsx(headers, rows)
    assert data[:4] == b"PK\x03\x04"
    read_headers, read_rows = read_table(data, "members.xlsx")

    assert read_headers == headers
    assert read_rows == [
        ["Müller Design GmbH", "DE", "2015", "Grafik & Druck"],
        ["Atelier Łódź", "PL", "", ""],
        # our own export's guard quote is taken off again, so a re-import matches
        ["=cmd|' /C calc'!A0", "FR", "1999", "-minus first"],
    ]


def test_xlsx_numbers_and_dates_are_read_as_text():
    import datetime as dt

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Founding year", "Joined", "Share"])
    sheet.append(["Alpha", 2015.0, dt.datetime(2024, 3, 1), 0.5])
    out = io.BytesIO()
    workbook.save(out)

    headers, rows = read_table(out.getvalue(), "members.xlsx")

    assert headers == ["Name", "Founding year", "Joined", "Share"]
    assert rows == [["Alpha", "2015", "2024-03-01", "0.5"]]


def test_file_named_xlsx_that_is_not_a_zip_is_refused():
    assert refusal(b"Name,Country\r\nAlpha,DE\r\n", "members.xlsx") == (
        "The file is not a valid XLSX workbook."
    )


def _zip_bomb() -> bytes:
    """~150 MB of zeros in one member, written in chunks so memory stays small."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = bytes(1024 * 1024)
            for _ in range(150):
                member.write(chunk)
    return out.getvalue()


def test_xlsx_zip_bomb_is_refused_quickly():
    bomb = _zip_bomb()
    assert len(bomb) < 1024 * 1024  # small on disk, ~150 MB unpacked
    sizes = [i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist()]
    assert sizes[1] == 150 * 1024 * 1024

    for filename in ("members.xlsx", "members.csv"):  # the zip magic is checked, not the name
        started = time.perf_counter()
        message = refusal(bomb, filename)
        elapsed = time.perf_counter() - started
        assert message == "The workbook is compressed suspiciously well (a zip bomb?)."
        assert elapsed < 1.0


@pytest.mark.parametrize("member", ["../evil", "xl/../../evil", "/etc/evil"])
def test_zip_with_unsafe_member_path_is_refused(member):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "owned")

    assert refusal(out.getvalue(), "evil.xlsx") == "The workbook contains unsafe paths."


def test_xlsx_with_a_far_away_cell_is_refused_without_reading_every_padded_row():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"], sheet["XFD1"] = "Name", "Country", "x"
    sheet["A300"] = "y"
    out = io.BytesIO()
    workbook.save(out)
    assert len(out.getvalue()) < 10_000

    tracemalloc.start()
    try:
        message = refusal(out.getvalue(), "wide.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert message == "The file has more than 200 columns."
    assert peak < 16 * 1024 * 1024


def test_zip_with_too_many_members_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i in range(1001):
            archive.writestr(f"xl/part{i}.xml", "")

    assert refusal(out.getvalue(), "many.xlsx") == (
        "The workbook has too many parts to be a member list."
    )


# --- Formula injection -----------------------------------------------------------------------


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_neutralise_prefixes_every_formula_start(start):
    value = start + 'HYPERLINK("http://evil.example")'

    assert neutralise(value) == "'" + value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Alpha Design GmbH", "Alpha Design GmbH"),
        ("a=b", "a=b"),
        (" =1+1", " =1+1"),
        ("", ""),
        (None, ""),
        (2015, "2015"),
        (-5, "'-5"),
    ],
)
def test_neutralise_leaves_harmless_values(value, expected):
    assert neutralise(value) == expected


def _dangerous_rows() -> tuple[list[str], list[list]]:
    headers = ["=Name", "Country", "Note"]
    rows = [[f"{s}1+1 Org", "DE", f"{s}SUM(A1:A9)"] for s in FORMULA_STARTS]
    rows.append(["Plain GmbH", "FR", -3])
    return headers, rows


def _expected_cells() -> list[list[str]]:
    return [
        ["'=Name", "Country", "Note"],
        *[[f"'{s}1+1 Org", "DE", f"'{s}SUM(A1:A9)"] for s in FORMULA_STARTS],
        ["Plain GmbH", "FR", "'-3"],
    ]


def test_write_csv_prefixes_every_formula_cell():
    data = write_csv(*_dangerous_rows())

    assert data.startswith(b"\xef\xbb\xbf")
    cells = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert cells == _expected_cells()
    assert not any(c.startswith(tuple(FORMULA_STARTS)) for row in cells for c in row)


def test_write_xlsx_prefixes_every_formula_cell():
    data = write_xlsx(*_dangerous_rows())

    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet.title == "Members"
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    # XML turns a raw CR into LF on reading; the cell still starts with the quote.
    expected = [[c.replace("\r", "\n") for c in row] for row in _expected_cells()]
    assert cells == expected
    assert {c.data_type for row in sheet.iter_rows() for c in row} == {"s"}  # no "f"ormula


def test_write_xlsx_survives_control_characters_in_text():
    data = write_xlsx(["Name", "Description"], [["Alpha GmbH", "Line one\x0bLine two"]])

    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    value = sheet["B2"].value
    assert value in {"Line one Line two", "Line oneLine two", "Line one\nLine two"}
