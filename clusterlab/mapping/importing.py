"""Read regional employment statistics from CSV / XLSX: every problem by row and column.

Accepted layouts (one file, one layout):
- long, one figure a row: `geo`, `nace_r2`, `time`, `value` (Eurostat's names; the
  SDMX-CSV export's `TIME_PERIOD` / `OBS_VALUE` and plain names such as `region`, `sector`,
  `year`, `persons_employed` work too). Other columns are ignored; with an `indic_sb`
  column only the persons-employed indicator is kept.
- Eurostat's TSV export: a first cell `…,nace_r2,…,geo\\time` then one column per year,
  values like `12345`, `12345 p` (flags are dropped) or `:` (not available, skipped).

NACE codes may be written `C`, `10`, `10.1`, `10.11` or Eurostat's `C10`, `C101`, `C1011`;
aggregates (`TOTAL`, `B-N_S95_X_K`, `C10-C12`) and regions other than NUTS 2 (countries,
`EU27_2020`, NUTS 1 and 3, extra-regio `ZZ`) are skipped and counted, not refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError
from clusterlab.registry.models import NaceSector, NutsRegion
from clusterlab.registry.tabular import MAX_ROWS, read_table

from .geo import region_names_2021

MAX_PROBLEMS = 200
EMPLOYMENT_INDICATORS = {"V16110", "EMP_NR", "EMP", "PERS_EMP"}
COLUMN_ALIASES = {
    "geo": ("geo", "region", "nuts", "nuts_code", "nuts code", "region_code"),
    "nace_r2": ("nace_r2", "nace", "sector", "nace_code", "nace code"),
    "time": ("time", "time_period", "year"),
    "value": ("value", "obs_value", "persons_employed", "persons employed", "employment"),
}
EUROSTAT_NACE = re.compile(r"^([A-U])(\d{2})(\d)?(\d)?$")
NUTS_CODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str


class EmploymentImportError(DomainError):
    """The file has problems; nothing was imported. `problems` lists them by row and column."""

    def __init__(self, problems: list[Problem]):
        first = problems[0]
        super().__init__(
            _("%(n)d problems, nothing imported. First: row %(row)d, column %(column)s: %(msg)s")
            % {"n": len(problems), "row": first.row, "column": first.column, "msg": first.message},
            field="file",
        )
        self.problems = problems


@dataclass(frozen=True)
class ParsedFigure:
    row: int
    region_code: str
    sector_id: int
    year: int
    persons_employed: int


@dataclass
class ParsedFile:
    figures: list[ParsedFigure]
    skipped: int


@dataclass(frozen=True)
class _Cells:
    row: int
    geo: str
    nace: str
    time: str
    value: str
    columns: tuple[str, str, str, str]  # the file's own column names, for messages


def parse_employment(data: bytes, filename: str) -> ParsedFile:
    """Return the figures of a statistics file; raise EmploymentImportError listing problems."""
    first_line = data[:4096].split(b"\n", 1)[0].decode("utf-8-sig", "replace")
    if "\\time" in first_line.lower():
        cells = _eurostat_tsv_cells(data)
    else:
        cells = _long_cells(*read_table(data, filename))
    return _resolve(cells)


def _long_cells(headers: list[str], rows: list[list[str]]) -> list[_Cells]:
    lowered = [h.strip().lower() for h in headers]
    index: dict[str, int] = {}
    for field, aliases in COLUMN_ALIASES.items():
        found = next((i for i, h in enumerate(lowered) if h in aliases), None)
        if found is None:
            raise DomainError(
                _("The file has no column %(column)s (expected: geo, nace_r2, time, value).")
                % {"column": field},
                field="file",
            )
        index[field] = found
    indicator = next((i for i, h in enumerate(lowered) if h in ("indic_sb", "indic_sbs")), None)
    names = tuple(headers[index[f]] for f in ("geo", "nace_r2", "time", "value"))
    out = []
    for row_no, row in enumerate(rows, start=2):
        if not row:
            continue
        if indicator is not None and _cell(row, indicator).upper() not in EMPLOYMENT_INDICATORS:
            continue
        values = [_cell(row, index[f]) for f in ("geo", "nace_r2", "time", "value")]
        out.append(_Cells(row_no, *values, columns=names))  # type: ignore[arg-type]
    return out


def _cell(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _eurostat_tsv_cells(data: bytes) -> list[_Cells]:
    text = data.decode("utf-8-sig", "replace")
    if "\0" in text:
        raise DomainError(_("The file contains NUL bytes: it is not a text file."), field="file")
    lines = text.splitlines()
    header = lines[0].split("\t")
    keys = [k.strip().lower() for k in header[0].split("\\")[0].split(",")]
    if "geo" not in keys or "nace_r2" not in keys:
        raise DomainError(_("The Eurostat file names no geo or nace_r2 dimension."), field="file")
    years = [h.strip() for h in header[1:]]
    indicator = next((keys.index(k) for k in ("indic_sb", "indic_sbs") if k in keys), None)
    out: list[_Cells] = []
    for row_no, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        parts = line.split("\t")
        dims = [d.strip() for d in parts[0].split(",")]
        if len(dims) != len(keys):
            out.append(_Cells(row_no, "", "", "", "", columns=("geo", "nace_r2", "time", "")))
            continue
        if indicator is not None and dims[indicator].upper() not in EMPLOYMENT_INDICATORS:
            continue
        for year, raw in zip(years, parts[1:], strict=False):
            value = raw.strip().split(" ")[0]
            if value in ("", ":"):
                continue
            geo, nace = dims[keys.index("geo")], dims[keys.index("nace_r2")]
            out.append(
                _Cells(row_no, geo, nace, year, value, columns=("geo", "nace_r2", year, year))
            )
        if len(out) > MAX_ROWS:
            raise DomainError(_("The file has more than %(n)d figures.") % {"n": MAX_ROWS})
    return out


def normalise_nace(code: str) -> str | None:
    """Return the NACE Rev. 2 code as the registry writes it, or None for an aggregate."""
    code = code.strip().upper()
    if not code or "-" in code or "_" in code or code == "TOTAL":
        return None
    match = EUROSTAT_NACE.match(code)
    if match:
        _section, division, group, klass = match.groups()
        code = division + (f".{group}" if group else "") + (klass or "")
    return code


def _known_level2_codes() -> set[str]:
    codes = {c for c in region_names_2021() if len(c) == 4}
    codes.update(NutsRegion.objects.filter(level=2).values_list("code", flat=True))
    return codes


def _resolve(cells: list[_Cells]) -> ParsedFile:
    sectors = {
        code: (pk, level)
        for pk, code, level in NaceSector.objects.filter(version="2").values_list(
            "pk", "code", "level"
        )
    }
    level2 = _known_level2_codes()
    problems: list[Problem] = []
    figures: list[ParsedFigure] = []
    skipped = 0
    seen: set[tuple[str, int, int]] = set()
    year_level: dict[int, int] = {}

    def problem(c: _Cells, which: int, message: str) -> None:
        problems.append(Problem(c.row, c.columns[which], message))

    geo_verdicts: dict[str, str] = {}  # code → "ok" / "skip" / error message
    nace_verdicts: dict[str, str | None] = {}

    def geo_verdict(raw: str) -> str:
        if raw not in geo_verdicts:
            code = raw.strip().upper()
            if not NUTS_CODE.match(code):
                aggregate = "_" in code or code.startswith(("EU", "EA"))
                geo_verdicts[raw] = (
                    "skip" if aggregate else _("“%(code)s” is not a NUTS code.") % {"code": raw}
                )
            elif len(code) != 4 or code.endswith("Z"):
                geo_verdicts[raw] = "skip"  # a country, NUTS 1 or 3, or extra-regio: not mapped
            elif code not in level2:
                geo_verdicts[raw] = _("“%(code)s” is not a known NUTS 2 region.") % {"code": raw}
            else:
                geo_verdicts[raw] = "ok"
        return geo_verdicts[raw]

    for c in cells:
        if len(problems) >= MAX_PROBLEMS:
            break
        if not c.columns[3]:
            problems.append(Problem(c.row, "geo", _("The row has the wrong number of labels.")))
            continue
        verdict = geo_verdict(c.geo)
        if verdict != "ok":
            if verdict == "skip":
                skipped += 1
            else:
                problem(c, 0, verdict)
            continue
        geo = c.geo.strip().upper()
        if c.nace not in nace_verdicts:
            nace_verdicts[c.nace] = normalise_nace(c.nace)
        nace = nace_verdicts[c.nace]
        if nace is None:
            skipped += 1
            continue
        if nace not in sectors:
            problem(c, 1, _("“%(code)s” is not a NACE Rev. 2 code.") % {"code": c.nace})
            continue
        # isdigit() alone admits "²", which int() refuses: ASCII digits only.
        year = int(c.time) if c.time.isascii() and c.time.isdigit() else 0
        if not 1990 <= year <= 2100:
            problem(c, 2, _("“%(value)s” is not a year.") % {"value": c.time})
            continue
        persons = _persons(c.value)
        if persons is None:
            problem(c, 3, _("“%(value)s” is not a number of persons.") % {"value": c.value})
            continue
        sector_id, level = sectors[nace]
        if year_level.setdefault(year, level) != level:
            problem(
                c,
                1,
                _("All figures of %(year)d must be at one NACE level (earlier: level %(level)d).")
                % {"year": year, "level": year_level[year]},
            )
            continue
        if (geo, sector_id, year) in seen:
            problem(
                c,
                0,
                _("%(geo)s, %(nace)s, %(year)d appears twice.")
                % {"geo": geo, "nace": nace, "year": year},
            )
            continue
        seen.add((geo, sector_id, year))
        figures.append(ParsedFigure(c.row, geo, sector_id, year, persons))
    if problems:
        raise EmploymentImportError(problems)
    if not figures:
        raise DomainError(_("The file holds no NUTS 2 figures."), field="file")
    return ParsedFile(figures, skipped)


def _persons(value: str) -> int | None:
    if value.isascii() and value.isdigit() and len(value) < 10:
        return int(value)
    text = value.strip().replace(" ", "").replace("\u00a0", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    if not number >= 0 or number > 2_000_000_000:  # also refuses NaN
        return None
    return round(number)
