"""Cluster mapping: import (all or nothing, errors by row and column), figures, pages, API."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.mapping import selectors, services
from clusterlab.mapping.adapters import group_weights, sector_groups
from clusterlab.mapping.importing import EmploymentImportError, normalise_nace
from clusterlab.mapping.models import EmploymentImport, RegionalEmployment
from clusterlab.registry.models import NaceSector

pytestmark = pytest.mark.django_db

# Hand-computed: E = 500, section M (division 74) = 100, so E_M / E = 0.2.
# DE11: 60 / 100 → LQ 3.0, share 0.6; DE12: 10 / 100 → LQ 0.5; FR10: 30 / 300 → LQ 0.5.
# Section C (division 10) = 400, E_C / E = 0.8: DE11 0.5, DE12 1.125, FR10 1.125.
GOOD = b"""geo,nace_r2,time,value
DE11,74,2022,60
DE11,10,2022,40
DE12,M74,2022,10
DE12,C10,2022,90
FR10,74,2022,30
FR10,10,2022,270
DE,74,2022,99999
EU27_2020,74,2022,1
DE11,B-N_S95_X_K,2022,5
"""


def _import(data: bytes = GOOD, name: str = "stats.csv", actor=None):
    return services.employment_import(actor=actor, data=data, filename=name)


def _by_region(group: str, year: int = 2022) -> dict:
    return {f.region_code: f for f in selectors.region_figures(year=year, group_key=group)}


def test_import_and_hand_computed_figures():
    record = _import()
    assert (record.rows_imported, record.rows_skipped, record.years) == (6, 3, [2022])
    m = _by_region("section:M")
    assert m["DE11"].lq == pytest.approx(3.0)
    assert m["DE12"].lq == pytest.approx(0.5) and m["FR10"].lq == pytest.approx(0.5)
    assert m["DE11"].share == pytest.approx(0.6)
    assert m["FR10"].focus == pytest.approx(0.1)
    assert [m[c].stars for c in ("DE11", "DE12", "FR10")] == [3, 0, 0]
    c = _by_region("section:C")
    assert c["DE12"].lq == pytest.approx(1.125)
    # FR10 is largest (size) and shares the top focus (0.9) with DE12.
    assert [c[r].stars for r in ("DE11", "DE12", "FR10")] == [0, 1, 2]
    assert [f.region_code for f in selectors.region_figures(year=2022, group_key="section:C")] == [
        "FR10",
        "DE12",
        "DE11",
    ]


def test_creative_set_counts_a_division_by_its_share_of_classes():
    _import()
    sector_74 = NaceSector.objects.get(version="2", code="74")
    groups = [g for g in sector_groups() if g.key in ("set:dcms-creative", "section:M")]
    weights = group_weights([sector_74.pk], groups)
    # 74.10, 74.20, 74.30 of 74's four classes are DCMS creative industries.
    assert {g.key: w for g, w in zip(groups, weights[0], strict=True)} == {
        "set:dcms-creative": 0.75,
        "section:M": 1.0,
    }
    dcms = _by_region("set:dcms-creative")
    assert dcms["DE11"].employment == pytest.approx(45.0)


def test_bad_file_lists_rows_and_columns_and_writes_nothing():
    _import()
    before = list(RegionalEmployment.objects.values_list("region_code", "persons_employed"))
    bad = (
        b"geo,nace_r2,time,value\nDE11,74,2022,5\nXX99,74,2022,5\nDE12,99.99,2022,5\n"
        b"DE12,74,20x2,5\nFR10,74,2022,-3\nDE11,74,2022,7\n"
    )
    with pytest.raises(EmploymentImportError) as caught:
        _import(bad)
    problems = [(p.row, p.column) for p in caught.value.problems]
    assert problems == [(3, "geo"), (4, "nace_r2"), (5, "time"), (6, "value"), (7, "geo")]
    assert list(RegionalEmployment.objects.values_list("region_code", "persons_employed")) == before
    assert EmploymentImport.objects.count() == 1


def test_superscript_digits_are_problems_not_a_crash():
    bad = "geo,nace_r2,time,value\nDE11,74,2022,\u00b2\nDE11,10,\u00b2,5\n".encode()
    with pytest.raises(EmploymentImportError) as caught:
        _import(bad)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "value"), (3, "time")]


def test_a_new_creative_set_is_mapped_without_waiting_for_the_cache():
    from clusterlab.registry.models import CreativeDefinitionEntry, CreativeDefinitionSet

    _import()
    assert _by_region("set:dcms-creative")  # computes and caches the year's figures
    fresh = CreativeDefinitionSet.objects.create(slug="fresh", name="Fresh", source="test")
    CreativeDefinitionEntry.objects.create(
        definition_set=fresh,
        sector=NaceSector.objects.get(version="2", code="74.10"),
        domain="Design",
    )
    assert _by_region("set:fresh")["DE11"].employment == pytest.approx(15.0)  # 60 / 4 classes


def test_mixed_nace_levels_in_a_year_are_refused():
    with pytest.raises(EmploymentImportError) as caught:
        _import(b"geo,nace_r2,time,value\nDE11,74,2022,5\nDE11,74.10,2022,5\n")
    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "nace_r2")]


def test_a_new_import_replaces_its_years_only():
    _import()
    _import(b"geo,nace_r2,time,value\nDE11,74,2021,1\nDE12,74,2021,2\n")
    _import(b"geo;nace_r2;time;value\nDE11;74;2022;8\nDE12;74;2022;2\n", name="de.csv")
    assert selectors.mapping_years() == [2022, 2021]
    assert RegionalEmployment.objects.filter(year=2022).count() == 2
    assert RegionalEmployment.objects.filter(year=2021).count() == 2


def test_eurostat_tsv_export_is_read():
    tsv = (
        b"freq,indic_sb,nace_r2,geo\\TIME_PERIOD\t2021 \t2022 \n"
        b"A,V16110,C10,DE11\t40 \t41 p\n"
        b"A,V16110,M74,DE11\t60 \t: \n"
        b"A,V11110,M74,DE11\t9 \t9 \n"
        b"A,V16110,M74,DE\t100 \t100 \n"
    )
    record = _import(tsv, name="sbs.tsv")
    assert (record.rows_imported, record.rows_skipped, record.years) == (3, 2, [2021, 2022])
    assert RegionalEmployment.objects.get(year=2022, region_code="DE11").persons_employed == 41


def test_xlsx_is_read_and_a_zip_bomb_refused():
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["geo", "nace_r2", "time", "value"], ["DE11", "74", 2022, 12.0]):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    assert _import(out.getvalue(), name="s.xlsx").rows_imported == 1
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (120 * 1024 * 1024))
    with pytest.raises(DomainError):
        _import(bomb.getvalue(), name="bomb.xlsx")


def test_only_the_coordinator_imports(cast):
    with pytest.raises(NotAllowed):
        _import(actor=cast.manager_a)
    assert _import(actor=cast.coordinator).uploaded_by == cast.coordinator


def test_normalise_nace():
    assert [normalise_nace(c) for c in ("C1011", "J58", "M741", "74.10", "TOTAL", "C10-C12")] == [
        "10.11",
        "58",
        "74.1",
        "74.10",
        None,
        None,
    ]


def test_page_shows_map_table_and_method(clients, cast):
    cast.cluster_a.regions.set(["DE11"])
    _import()
    response = clients.visitor.get(reverse("mapping:home") + "?group=section:M&year=2022")
    body = response.content.decode()
    assert response.status_code == 200
    assert "© EuroGeographics for the administrative boundaries" in body
    assert 'data-region="DE11"' in body and 'data-cluster="cluster-a"' in body
    assert "Ketels" in body
    rows = response.context["top"]
    assert (rows[0].region_code, rows[0].stars, round(rows[0].lq, 2)) == ("DE11", 3, 3.0)


def test_empty_page_and_bad_query_do_not_fail(clients):
    assert clients.visitor.get(reverse("mapping:home") + "?year=²&group=x").status_code == 200
    assert clients.visitor.get(reverse("mapping:export-csv")).status_code == 404


def test_exports(clients):
    _import()
    csv_body = clients.visitor.get(reverse("mapping:export-csv") + "?group=section:M").content
    lines = csv_body.decode("utf-8-sig").splitlines()
    assert lines[1].startswith("1,DE11,") and lines[1].endswith(",1,1,1,3")
    xlsx = clients.visitor.get(reverse("mapping:export-xlsx") + "?group=section:M")
    assert xlsx.content[:2] == b"PK"


def test_import_page_for_coordinator_only(clients):
    url = reverse("mapping:import")
    assert clients.manager_a.get(url).status_code == 404
    assert clients.visitor.get(url).status_code == 302
    upload = io.BytesIO(b"geo,nace_r2,time,value\nDE11,74,2022,x\n")
    upload.name = "bad.csv"
    response = clients.coordinator.post(url, {"file": upload})
    assert response.status_code == 200
    assert [(p.row, p.column) for p in response.context["problems"]] == [(2, "value")]
    upload = io.BytesIO(GOOD)
    upload.name = "good.csv"
    assert clients.coordinator.post(url, {"file": upload}).status_code == 302
    assert RegionalEmployment.objects.count() == 6


def test_api_figures_and_groups(clients):
    _import()
    groups = clients.visitor.get("/api/mapping-groups/").json()
    assert {"key": "section:M"}.items() <= next(
        g for g in groups if g["key"] == "section:M"
    ).items()
    response = clients.visitor.get("/api/mapping-figures/?group=section:M&year=2022&region=de11")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert (row["region_code"], row["stars"], row["lq"]) == ("DE11", 3, pytest.approx(3.0))
    assert clients.visitor.get("/api/mapping-figures/?group=nope").status_code == 400
    assert clients.visitor.get("/api/mapping-figures/?group=section:M&year=1").status_code == 400
