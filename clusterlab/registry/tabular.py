"""Read and write member lists as CSV / XLSX, safely (bombs, odd encodings, formula injection)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError

MAX_FIELD_CHARS = 10_000
MAX_ROWS = 200_000
MAX_COLUMNS = 200
# An XLSX is a zip: refuse archives that unpack far beyond what a member list needs.
XLSX_MAX_UNPACKED = 100 * 1024 * 1024
XLSX_MAX_RATIO = 100
XLSX_MAX_MEMBERS = 1_000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")


def read_table(data: bytes, filename: str) -> tuple[list[str], list[list[str]]]:
    """Return (headers, rows) of a CSV or XLSX file; raise DomainError saying what is wrong."""
    if is_xlsx(data, filename):
        return _read_xlsx(data)
    return _read_csv(data)


def is_xlsx(data: bytes, filename: str) -> bool:
    return filename.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04"


def read_xlsx_header(data: bytes) -> tuple[list[str], int]:
    """Return the header and the declared row count of a workbook, without reading its rows.

    Parsing a large workbook takes seconds: a web request reads only this much and leaves
    the rows to the worker.
    """
    _check_zip(data)
    workbook = _open_workbook(data)
    try:
        sheet = workbook.worksheets[0]
        declared = max(0, (sheet.max_row or 1) - 1)
        if declared > MAX_ROWS:
            raise DomainError(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
        _check_header_width(sheet)
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            header = ["" if v is None else str(v).strip() for v in values]
            if any(header):
                while header and not header[-1]:
                    header.pop()
                return header, declared
    except DomainError:
        raise
    except Exception as exc:  # a damaged workbook can fail in many ways inside openpyxl
        raise DomainError(_("The workbook could not be read: %(error)s") % {"error": exc}) from exc
    finally:
        workbook.close()
    raise DomainError(_("The file is empty."))


def _open_workbook(data: bytes):
    import openpyxl  # imported here: only XLSX uploads pay for it

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise DomainError(_("The workbook could not be read: %(error)s") % {"error": exc}) from exc


def _decode(data: bytes) -> str:
    if b"\0" in data:
        raise DomainError(_("The file contains NUL bytes: it is not a text CSV file."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_csv(data: bytes) -> tuple[list[str], list[list[str]]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    csv.field_size_limit(MAX_FIELD_CHARS + 1)
    try:
        rows = []
        for row in reader:
            if len(rows) > MAX_ROWS:
                raise DomainError(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
            rows.append(row)
    except csv.Error as exc:
        raise DomainError(
            _("Row %(row)d could not be read: %(error)s")
            % {"row": reader.line_num, "error": str(exc)}
        ) from exc
    return _split_header(rows)


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise DomainError(_("The file is not a valid XLSX workbook.")) from exc
    members = archive.infolist()
    if len(members) > XLSX_MAX_MEMBERS:
        raise DomainError(_("The workbook has too many parts to be a member list."))
    unpacked = 0
    for info in members:
        if info.filename.startswith("/") or ".." in info.filename.split("/"):
            raise DomainError(_("The workbook contains unsafe paths."))
        unpacked += info.file_size
        if (
            info.compress_size
            and info.file_size / info.compress_size > XLSX_MAX_RATIO
            and info.file_size > 1024 * 1024
        ):
            raise DomainError(_("The workbook is compressed suspiciously well (a zip bomb?)."))
    if unpacked > XLSX_MAX_UNPACKED:
        raise DomainError(_("The workbook unpacks to more than 100 MB."))


def _read_xlsx(data: bytes) -> tuple[list[str], list[list[str]]]:
    _check_zip(data)
    workbook = _open_workbook(data)
    try:
        return _split_header(_xlsx_rows(workbook.worksheets[0]))
    except DomainError:
        raise
    except Exception as exc:  # e.g. a number cell holding text: openpyxl raises ValueError
        raise DomainError(_("The workbook could not be read: %(error)s") % {"error": exc}) from exc
    finally:
        workbook.close()


def _xlsx_rows(sheet) -> list[list[str]]:
    # Only the header row is read at full width; later rows are read at most one column past
    # the limit, so one far-away cell cannot make every row thousands of cells wide (a 5 KB
    # file could otherwise take gigabytes).
    if (sheet.max_row or 0) > MAX_ROWS + 1:
        raise DomainError(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
    rows = []
    width = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
    for index, values in enumerate(sheet.iter_rows(values_only=True, max_col=width)):
        if len(rows) > MAX_ROWS:
            raise DomainError(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
        cells = ["" if v is None else _cell_text(v) for v in values]
        # Workbooks without a declared size come back padded to the full width: trim that.
        keep = len(rows[0]) if rows else 0
        while len(cells) > keep and not cells[-1]:
            cells.pop()
        rows.append(cells)
        if index == 0 and (sheet.max_column or 0) > MAX_COLUMNS:
            _check_header_width(sheet)
    return rows


def _check_header_width(sheet) -> None:
    if (sheet.max_column or 0) <= MAX_COLUMNS:
        return
    header = next(sheet.iter_rows(values_only=True, max_row=1), ())
    if any(v not in (None, "") for v in header[MAX_COLUMNS:]):
        raise DomainError(_("The file has more than %(n)d columns.") % {"n": MAX_COLUMNS})


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
    return str(value)


def _split_header(rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """Split off the header; blank rows stay (as []) so row numbers match the spreadsheet's."""
    while rows and not any(str(c).strip() for c in rows[0]):
        rows = rows[1:]
    if not rows:
        raise DomainError(_("The file is empty."))
    headers = [str(h).strip() for h in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise DomainError(_("The file has more than %(n)d columns.") % {"n": MAX_COLUMNS})
    body = []
    for row_no, row in enumerate(rows[1:], start=2):
        cells = [restore(str(c).strip()) for c in row]
        for cell in cells:
            if len(cell) > MAX_FIELD_CHARS:
                raise DomainError(
                    _("Row %(row)d has a field longer than %(n)d characters.")
                    % {"row": row_no, "n": MAX_FIELD_CHARS}
                )
        body.append(cells if any(cells) else [])
    while body and not body[-1]:
        body.pop()
    if not body:
        raise DomainError(_("The file is empty."))
    return headers, body


def restore(text: str) -> str:
    """Undo our own export's formula guard ('=SUM… → =SUM…) so a re-import matches."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_PREFIXES:
        return text[1:]
    return text


def neutralise(value) -> str:
    """Make a cell safe to open in a spreadsheet: no formula can start it."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def write_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """Return a UTF-8 (with BOM, for Excel) CSV with every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """Return an XLSX workbook with every cell written as neutralised text."""
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value) -> str:
        # XML cannot hold most control characters; a pasted \x0b must not break the export.
        return ILLEGAL_CHARACTERS_RE.sub(" ", neutralise(value))

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Members")
    sheet.append([cell(h) for h in headers])
    for row in rows:
        sheet.append([cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_workbook(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """Return an XLSX workbook of figures, one sheet per (name, headers, rows) table.

    Unlike `write_xlsx` (member lists, read back by the import), numbers and dates stay
    typed so they can be summed; every text cell is still neutralised.
    """
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value):
        if isinstance(value, int | float | dt.date) and not isinstance(value, bool):
            return value
        return ILLEGAL_CHARACTERS_RE.sub(" ", neutralise(value))

    workbook = openpyxl.Workbook(write_only=True)
    for name, headers, rows in sheets:
        sheet = workbook.create_sheet(str(name)[:31])
        sheet.append([cell(h) for h in headers])
        for row in rows:
            sheet.append([cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
