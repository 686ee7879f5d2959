"""Importing and exporting a cluster's member list: checks, commit, re-import, pages, tenants."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.registry import exporting, importing, services
from clusterlab.registry.enums import ImportStatus, OrganisationKind, Visibility
from clusterlab.registry.importing import (
    IMPORT_FIELDS,
    guess_mapping,
    import_job_create,
    import_job_preview,
    members_check,
    members_commit,
)
from clusterlab.registry.models import Contact, ImportJob, Membership, Organisation
from clusterlab.registry.tabular import read_table, write_csv
from conftest import make_org

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_and_tidy(settings, tmp_path):
    """Uploaded files go to a temporary folder; the cast's passwords hash quickly."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- helpers ---------------------------------------------------------------------------------


def csv_file(*rows: list[str]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def check(cluster, *rows: list[str], mapping: dict[str, str] | None = None):
    headers, body = read_table(csv_file(*rows), "members.csv")
    return members_check(
        cluster=cluster,
        headers=headers,
        rows=body,
        mapping=guess_mapping(headers) if mapping is None else mapping,
    )


def import_rows(cluster, *rows: list[str]):
    result = check(cluster, *rows)
    assert result.errors == []
    return members_commit(cluster=cluster, result=result)


def counts() -> tuple[int, int, int]:
    return Organisation.objects.count(), Membership.objects.count(), Contact.objects.count()


def history_counts() -> tuple[int, int, int]:
    return (
        Organisation.history.count(),
        Membership.history.count(),
        Contact.history.count(),
    )


def sector_codes(org: Organisation) -> list[str]:
    return sorted(org.sectors.values_list("code", flat=True))


def org_state(org: Organisation) -> dict:
    org.refresh_from_db()
    return {
        "name": org.name,
        "kind": org.kind,
        "country": org.country_id,
        "region": org.region_id,
        "city": org.city,
        "website": org.website,
        "description": org.description,
        "description_language": org.description_language,
        "visibility": org.visibility,
        "is_creative": org.is_creative,
        "sectors": sector_codes(org),
        "clusters": sorted(org.memberships.values_list("cluster__slug", flat=True)),
        "contacts": sorted(org.contacts.values_list("email", flat=True)),
        "history": org.history.count(),
    }


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def job_url(job) -> str:
    return f"/workspace/{job.cluster.slug}/import/{job.pk}/"


def login_redirect(path: str) -> str:
    return f"/accounts/login/?next={path}"


GOOD_FILE = csv_file(
    ["Organisation", "Country", "NUTS region", "NACE sectors", "City"],
    ["Nord Design GmbH", "DE", "DE111", "74.10", "Stuttgart"],
    ["Alpha Design GmbH", "DE", "", "", "Esslingen"],  # cast.org_a: an update
    ["Studio Milano Srl", "IT", "Milano", "90.03", "Milano"],
)
GOOD_FILE_ROWS = list(csv.reader(io.StringIO(GOOD_FILE.decode())))


# --- guessing the mapping --------------------------------------------------------------------


def test_guess_mapping_of_english_headers():
    headers = [
        "Organisation",
        "Country",
        "NUTS region",
        "City",
        "Website",
        "NACE sectors",
        "Founded",
        "Contact first name",
        "Contact last name",
        "E-mail",
        "Phone",
        "Internal notes",
    ]

    assert guess_mapping(headers) == {
        "name": "Organisation",
        "country": "Country",
        "region": "NUTS region",
        "city": "City",
        "website": "Website",
        "sectors": "NACE sectors",
        "founded_year": "Founded",
        "contact_first_name": "Contact first name",
        "contact_last_name": "Contact last name",
        "contact_email": "E-mail",
        "contact_phone": "Phone",
    }


def test_guess_mapping_of_german_headers():
    headers = [
        "Firma",
        "Land",
        "Typ",
        "NUTS-Code",
        "Stadt",
        "Größe",
        "Gründungsjahr",
        "Webseite",
        "Beschreibung",
        "Branche",
        "Sprachen",
        "Sichtbarkeit",
        "Mitglied seit",
        "Vorname",
        "Nachname",
        "E-Mail",
        "Telefon",
        "Bemerkung",
    ]

    assert guess_mapping(headers) == {
        "name": "Firma",
        "country": "Land",
        "kind": "Typ",
        "region": "NUTS-Code",
        "city": "Stadt",
        "size_band": "Größe",
        "founded_year": "Gründungsjahr",
        "website": "Webseite",
        "description": "Beschreibung",
        "sectors": "Branche",
        "languages": "Sprachen",
        "visibility": "Sichtbarkeit",
        "joined": "Mitglied seit",
        "contact_first_name": "Vorname",
        "contact_last_name": "Nachname",
        "contact_email": "E-Mail",
        "contact_phone": "Telefon",
    }


def test_guess_mapping_reads_back_every_export_column():
    assert guess_mapping(exporting.HEADERS) == {f.name: str(f.label) for f in IMPORT_FIELDS}


def test_check_refuses_a_mapping_without_the_required_columns(cast):
    with pytest.raises(DomainError) as exc:
        check(cast.cluster_a, ["Organisation", "City"], ["Nord", "Ulm"])

    assert exc.value.message == "Choose the column for: Country."


def test_check_refuses_a_mapping_to_a_missing_column(cast):
    with pytest.raises(DomainError) as exc:
        check(
            cast.cluster_a,
            ["Organisation", "Country"],
            ["Nord", "DE"],
            mapping={"name": "Organisation", "country": "Land"},
        )

    assert exc.value.message == "No column named Land."


# --- creating members, resolving the reference data ------------------------------------------


def test_import_creates_organisations_memberships_and_contacts(cast):
    before = counts()

    result = import_rows(
        cast.cluster_a,
        [
            "Name",
            "Country",
            "Kind",
            "City",
            "Size",
            "Founding year",
            "Website",
            "Description",
            "Language of the description",
            "Membership status",
            "Joined",
            "Contact first name",
            "Contact last name",
            "Contact e-mail",
            "Contact phone",
        ],
        [
            "Nord Design GmbH",
            "DE",
            "Small company",
            "Ulm",
            "10-49",
            "2012",
            "nord.example",
            "Grafik",
            "de",
            "prospect",
            "01.02.2024",
            "Nina",
            "Nord",
            "Nina@Nord.Example",
            "+49 731 1",
        ],
        ["Süd Studio", "AT", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    )

    assert (result.created, result.updated) == (2, 0)
    assert counts() == (before[0] + 2, before[1] + 2, before[2] + 1)
    nord = Organisation.objects.get(name="Nord Design GmbH")
    assert (
        nord.country_id,
        nord.kind,
        nord.city,
        nord.size_band,
        nord.founded_year,
        nord.website,
        nord.description,
        nord.description_language,
    ) == ("DE", "small", "Ulm", "10-49", 2012, "https://nord.example", "Grafik", "de")
    membership = nord.memberships.get()
    assert (membership.cluster, membership.status, membership.joined.isoformat()) == (
        cast.cluster_a,
        "prospect",
        "2024-02-01",
    )
    contact = nord.contacts.get()
    assert (contact.first_name, contact.last_name, contact.email, contact.phone) == (
        "Nina",
        "Nord",
        "nina@nord.example",
        "+49 731 1",
    )
    sud = Organisation.objects.get(name="Süd Studio")
    assert (sud.country_id, sud.kind, sud.region_id, sud.visibility) == (
        "AT",
        OrganisationKind.MICRO,
        None,
        Visibility.CLUSTER,  # private by default: the organisation widens it itself
    )
    assert sud.memberships.get().cluster == cast.cluster_a
    assert sud.memberships.get().joined == timezone.localdate()
    assert sud.contacts.count() == 0


def test_import_resolves_sectors_by_code_and_by_english_and_german_name(cast):
    import_rows(
        cast.cluster_a,
        ["Name", "Country", "NACE sectors"],
        ["By Code GmbH", "DE", "74.10; 62.01"],
        ["By English Ltd", "IE", "Book publishing | Artistic creation"],
        [
            "Nach Deutsch GmbH",
            "DE",
            "Verlegen von Büchern;Künstlerisches und schriftstellerisches Schaffen",
        ],
        ["Ohne Umlaut GmbH", "DE", "KUNSTLERISCHES UND SCHRIFTSTELLERISCHES SCHAFFEN"],
    )

    def codes(name):
        return sector_codes(Organisation.objects.get(name=name))

    assert codes("By Code GmbH") == ["62.01", "74.10"]
    assert codes("By English Ltd") == ["58.11", "90.03"]
    assert codes("Nach Deutsch GmbH") == ["58.11", "90.03"]
    assert codes("Ohne Umlaut GmbH") == ["90.03"]


def test_import_resolves_regions_by_nuts_code_and_by_name(cast):
    import_rows(
        cast.cluster_a,
        ["Name", "Country", "NUTS region"],
        ["Code Studio", "DE", "DE111"],
        ["Lower Code Studio", "DE", "de111"],
        ["Name Studio", "DE", "Köln, Kreisfreie Stadt"],
        ["Milano Studio", "IT", "Milano"],
        ["Native Name Studio", "GR", "Θεσσαλονίκη"],
        ["Jura France", "FR", "Jura"],
        ["Jura Suisse", "CH", "Jura"],
    )

    regions = dict(
        Organisation.objects.filter(memberships__cluster=cast.cluster_a).values_list(
            "name", "region_id"
        )
    )
    assert regions == {
        "Alpha Design GmbH": "DE111",
        "Atelier Public GmbH": None,
        "Code Studio": "DE111",
        "Lower Code Studio": "DE111",
        "Name Studio": "DEA23",
        "Milano Studio": "ITC4C",
        "Native Name Studio": "EL522",
        "Jura France": "FRC22",
        "Jura Suisse": "CH025",
    }


def test_import_resolves_countries_by_code_iso_code_and_name(cast):
    import_rows(
        cast.cluster_a,
        ["Name", "Country"],
        ["Eurostat Code", "EL"],
        ["ISO Code", "GR"],
        ["Lower ISO Code", "gr"],
        ["Country Name", "Greece"],
        ["UK by ISO", "GB"],
        ["UK by Name", "United Kingdom"],
        ["Germany by Name", "germany"],
    )

    countries = dict(
        Organisation.objects.filter(memberships__cluster=cast.cluster_a).values_list(
            "name", "country_id"
        )
    )
    assert countries == {
        "Alpha Design GmbH": "DE",
        "Atelier Public GmbH": "DE",
        "Eurostat Code": "EL",
        "ISO Code": "EL",
        "Lower ISO Code": "EL",
        "Country Name": "EL",
        "UK by ISO": "UK",
        "UK by Name": "UK",
        "Germany by Name": "DE",
    }


def test_sector_name_shared_by_group_and_class_resolves_to_the_class(cast):
    import_rows(
        cast.cluster_a,
        ["Name", "Country", "NACE sectors"],
        ["Design By Name GmbH", "DE", "Specialised design activities"],
    )

    org = Organisation.objects.get(name="Design By Name GmbH")
    assert sector_codes(org) == ["74.10"]
    assert org.is_creative is True


def test_is_creative_is_derived_after_import(cast):
    assert cast.org_a.is_creative is True

    import_rows(
        cast.cluster_a,
        ["Name", "Country", "NACE sectors"],
        ["Design Studio GmbH", "DE", "74.10"],
        ["Code Shop GmbH", "DE", "62.01"],
        ["No Sector GmbH", "DE", ""],
        ["Alpha Design GmbH", "DE", "62.01"],  # org_a leaves the creative sectors
    )

    creative = dict(
        Organisation.objects.filter(memberships__cluster=cast.cluster_a).values_list(
            "name", "is_creative"
        )
    )
    assert creative == {
        "Alpha Design GmbH": False,
        "Atelier Public GmbH": True,
        "Design Studio GmbH": True,
        "Code Shop GmbH": False,
        "No Sector GmbH": False,
    }


# --- bad rows: listed exactly, nothing written -----------------------------------------------

BAD_FILE_ROWS = [
    ["Name", "Country", "NUTS region", "Founding year", "NACE sectors", "Nachname", "E-mail"],
    ["Good One GmbH", "DE", "DE111", "2010", "74.10", "", ""],
    ["Atlantis Works", "Atlantis", "", "", "", "", ""],
    ["", "DE", "", "", "", "", ""],
    ["Year Co", "DE", "", "20x5", "", "Muster", "not-an-email"],
    ["Wrong Region SARL", "DE", "FR101", "", "", "", ""],
    ["Odd Sector Ltd", "IE", "", "", "99.99; 74.10", "", ""],
    ["Good Two GmbH", "AT", "", "", "", "Zwei", "zwei@two.example"],
]

BAD_FILE_ERRORS = [
    {
        "row": 3,
        "column": "Country",
        "field": "country",
        "message": "“Atlantis” is not a known country.",
    },
    {"row": 4, "column": "Name", "field": "name", "message": "A name is required."},
    {
        "row": 5,
        "column": "Founding year",
        "field": "founded_year",
        "message": "“20x5” is not a valid year.",
    },
    {
        "row": 5,
        "column": "E-mail",
        "field": "contact_email",
        "message": "“not-an-email” is not an e-mail address.",
    },
    {
        "row": 6,
        "column": "NUTS region",
        "field": "region",
        "message": "Region FR101 is not in DE.",
    },
    {
        "row": 7,
        "column": "NACE sectors",
        "field": "sectors",
        "message": "“99.99” is not a known NACE sector.",
    },
]


def test_bad_rows_are_listed_exactly_and_commit_writes_nothing(cast):
    before, history_before = counts(), history_counts()

    result = check(cast.cluster_a, *BAD_FILE_ROWS)

    assert result.errors == BAD_FILE_ERRORS
    assert [p.row for p in result.plans] == [2, 8]
    with pytest.raises(DomainError) as exc:
        members_commit(cluster=cast.cluster_a, result=result)
    assert exc.value.message == "The file has 6 errors; nothing was imported."
    assert counts() == before
    assert history_counts() == history_before
    assert not Organisation.objects.filter(name__in=["Good One GmbH", "Good Two GmbH"]).exists()


def test_a_failure_half_way_through_the_commit_writes_nothing(cast, monkeypatch):
    before, history_before = counts(), history_counts()
    result = check(cast.cluster_a, *GOOD_FILE_ROWS)

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "_write_relations", explode)
    with pytest.raises(RuntimeError):
        members_commit(cluster=cast.cluster_a, result=result)

    assert counts() == before
    assert history_counts() == history_before
    assert Organisation.objects.get(pk=cast.org_a.pk).city == "Stuttgart"


def test_duplicate_rows_in_one_file_are_reported(cast):
    before = counts()

    result = check(
        cast.cluster_a,
        ["Name", "Country"],
        ["Nord Design GmbH", "DE"],
        ["Other GmbH", "DE"],
        ["NORD  DESIGN GMBH", "Germany"],
        ["Nord Design GmbH", "AT"],  # another country: another organisation
        ["Other GmbH", "de"],
    )

    assert result.errors == [
        {"row": 4, "column": "Name", "field": "name", "message": "Same organisation as row 2."},
        {"row": 6, "column": "Name", "field": "name", "message": "Same organisation as row 3."},
    ]
    with pytest.raises(DomainError):
        members_commit(cluster=cast.cluster_a, result=result)
    assert counts() == before


def test_error_row_numbers_count_blank_spreadsheet_rows(cast):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"] = "Name", "Country"
    sheet["A2"], sheet["B2"] = "Good GmbH", "DE"
    # row 3 is left blank, as people do between groups of members
    sheet["A4"], sheet["B4"] = "Atlantis Works", "Atlantis"
    out = io.BytesIO()
    workbook.save(out)
    headers, rows = read_table(out.getvalue(), "members.xlsx")

    result = members_check(
        cluster=cast.cluster_a, headers=headers, rows=rows, mapping=guess_mapping(headers)
    )

    assert [(e["row"], e["column"]) for e in result.errors] == [(4, "Country")]


# --- re-import: update, never duplicate; empty cells keep data -------------------------------


def test_reimport_updates_the_existing_member_instead_of_duplicating(cast):
    before = counts()

    result = check(
        cast.cluster_a,
        ["Name", "Country", "City", "Website", "Description", "NUTS region", "Founding year"],
        ["alpha design gmbh", "Germany", "Esslingen", "alpha.example", "", "", "2011"],
    )

    assert result.errors == []
    assert [(p.action, p.organisation_id) for p in result.plans] == [("update", cast.org_a.pk)]
    members_commit(cluster=cast.cluster_a, result=result)
    assert (result.created, result.updated) == (0, 1)
    assert counts() == before
    org = Organisation.objects.get(pk=cast.org_a.pk)
    assert (org.city, org.website, org.founded_year) == (
        "Esslingen",
        "https://alpha.example",
        2011,
    )
    # the empty cells kept what was there
    assert (org.description, org.region_id, sector_codes(org)) == (
        "Alpha Design GmbH profile",
        "DE111",
        ["74.10"],
    )
    assert list(org.memberships.values_list("cluster__slug", flat=True)) == ["cluster-a"]


def test_reimport_twice_is_idempotent(cast):
    rows = (
        ["Name", "Country", "NACE sectors", "Contact last name", "Contact e-mail"],
        ["Nord Design GmbH", "DE", "74.10", "Nord", "nina@nord.example"],
    )
    import_rows(cast.cluster_a, *rows)
    after_first = counts()

    result = import_rows(cast.cluster_a, *rows)

    assert (result.created, result.updated) == (0, 1)
    assert counts() == after_first


def test_reimport_does_not_duplicate_a_contact_known_by_email(cast):
    before = counts()

    import_rows(
        cast.cluster_a,
        ["Name", "Country", "Contact first name", "Contact last name", "Contact e-mail"],
        ["Alpha Design GmbH", "DE", "Anna", "Schmidt", "ANNA@alpha.example"],
    )

    assert counts() == before
    assert list(cast.org_a.contacts.values_list("email", flat=True)) == ["anna@alpha.example"]


def test_reimport_without_visibility_kind_or_language_columns_keeps_them(cast):
    Organisation.objects.filter(pk=cast.org_a.pk).update(
        kind=OrganisationKind.MEDIUM, description_language="de"
    )
    assert cast.org_a.visibility == Visibility.CLUSTER

    import_rows(cast.cluster_a, ["Name", "Country", "City"], ["Alpha Design GmbH", "DE", "Ulm"])

    org = Organisation.objects.get(pk=cast.org_a.pk)
    assert (org.city, org.visibility, org.kind, org.description_language) == (
        "Ulm",
        "cluster",
        "medium",
        "de",
    )


def test_reimport_empty_visibility_cell_keeps_the_chosen_visibility(cast):
    assert cast.org_a.visibility == Visibility.CLUSTER

    import_rows(
        cast.cluster_a,
        ["Name", "Country", "Visibility", "City"],
        ["Alpha Design GmbH", "DE", "", "Ulm"],
    )

    org = Organisation.objects.get(pk=cast.org_a.pk)
    assert org.city == "Ulm"
    assert org.visibility == Visibility.CLUSTER


def test_reimport_empty_kind_and_language_cells_keep_the_values(cast):
    Organisation.objects.filter(pk=cast.org_a.pk).update(
        kind=OrganisationKind.MEDIUM, description_language="de"
    )

    import_rows(
        cast.cluster_a,
        ["Name", "Country", "Kind", "Language of the description", "City"],
        ["Alpha Design GmbH", "DE", "", "", "Ulm"],
    )

    org = Organisation.objects.get(pk=cast.org_a.pk)
    assert (org.city, org.kind, org.description_language) == ("Ulm", "medium", "de")


def test_a_former_member_cannot_be_updated_or_brought_back_by_import(cast):
    import_rows(
        cast.cluster_a,
        ["Name", "Country", "Membership status"],
        ["Alpha Design GmbH", "DE", "left"],
    )
    membership = Membership.objects.get(cluster=cast.cluster_a, organisation=cast.org_a)
    assert (membership.status, membership.left) == ("left", timezone.localdate())

    for status in ("", "active"):
        result = check(
            cast.cluster_a,
            ["Name", "Country", "Membership status", "City"],
            ["Alpha Design GmbH", "DE", status, "Ulm"],
        )
        assert [(e["row"], e["column"]) for e in result.errors] == [(2, "Name")]

    membership.refresh_from_db()
    assert Organisation.objects.get(pk=cast.org_a.pk).city == "Stuttgart"
    assert (membership.status, membership.left) == ("left", timezone.localdate())


def test_reimport_empty_status_cell_keeps_the_membership_status(cast):
    import_rows(
        cast.cluster_a,
        ["Name", "Country", "Membership status"],
        ["Alpha Design GmbH", "DE", "prospect"],
    )
    import_rows(
        cast.cluster_a,
        ["Name", "Country", "Membership status", "City"],
        ["Alpha Design GmbH", "DE", "", "Ulm"],
    )
    membership = Membership.objects.get(cluster=cast.cluster_a, organisation=cast.org_a)
    assert Organisation.objects.get(pk=cast.org_a.pk).city == "Ulm"
    assert membership.status == "prospect"


def test_reimport_empty_sectors_cell_keeps_the_sectors(cast):
    import_rows(
        cast.cluster_a,
        ["Name", "Country", "NACE sectors", "City"],
        ["Alpha Design GmbH", "DE", "", "Ulm"],
    )

    org = Organisation.objects.get(pk=cast.org_a.pk)
    assert org.city == "Ulm"
    assert (sector_codes(org), org.is_creative) == (["74.10"], True)


def test_reimport_does_not_duplicate_a_contact_without_email(cast):
    rows = (
        ["Name", "Country", "Contact first name", "Contact last name"],
        ["Nord Design GmbH", "DE", "Max", "Muster"],
    )
    import_rows(cast.cluster_a, *rows)
    import_rows(cast.cluster_a, *rows)

    org = Organisation.objects.get(name="Nord Design GmbH")
    assert list(org.contacts.values_list("first_name", "last_name")) == [("Max", "Muster")]


def test_reimport_of_own_export_matches_names_that_were_neutralised(cast):
    make_org("@home Studio GmbH", cluster=cast.cluster_a)
    headers, rows = read_table(
        write_csv(*exporting.member_rows(cluster=cast.cluster_a)), "export.csv"
    )

    result = members_check(
        cluster=cast.cluster_a, headers=headers, rows=rows, mapping=guess_mapping(headers)
    )

    assert result.errors == []
    assert [p.action for p in result.plans] == ["update", "update", "update"]


def test_check_reports_a_contact_email_too_long_for_the_database(cast):
    email = "a" * 250 + "@nord.example"

    result = check(
        cast.cluster_a,
        ["Name", "Country", "Contact last name", "E-mail"],
        ["Nord Design GmbH", "DE", "Nord", email],
    )

    assert [(e["row"], e["column"]) for e in result.errors] == [(2, "E-mail")]


# --- tenant isolation ------------------------------------------------------------------------


def test_row_naming_another_clusters_organisation_creates_a_new_one(cast):
    org_b_before = org_state(cast.org_b)
    b_memberships = list(cast.cluster_b.memberships.values_list("pk", "organisation_id"))

    result = check(
        cast.cluster_a,
        ["Name", "Country", "City", "Description", "Visibility", "Contact last name", "E-mail"],
        [
            "Bravo Textiles SAS",
            "FR",
            "Paris",
            "Overwritten?",
            "public",
            "Dupont",
            "bernard@bravo.example",
        ],
    )
    assert [(p.action, p.organisation_id) for p in result.plans] == [("create", None)]
    members_commit(cluster=cast.cluster_a, result=result)

    assert (result.created, result.updated) == (1, 0)
    assert org_state(cast.org_b) == org_b_before
    assert org_b_before["clusters"] == ["cluster-b"]
    assert list(cast.cluster_b.memberships.values_list("pk", "organisation_id")) == b_memberships
    twin = Organisation.objects.exclude(pk=cast.org_b.pk).get(name="Bravo Textiles SAS")
    assert (twin.city, twin.description, twin.visibility) == ("Paris", "Overwritten?", "public")
    assert list(twin.memberships.values_list("cluster__slug", flat=True)) == ["cluster-a"]
    assert list(twin.contacts.values_list("email", flat=True)) == ["bernard@bravo.example"]


def test_import_job_of_another_clusters_manager_is_refused(cast):
    with pytest.raises(NotAllowed):
        import_job_create(
            actor=cast.manager_b, cluster=cast.cluster_a, upload=upload("m.csv", GOOD_FILE)
        )

    assert ImportJob.objects.count() == 0


# --- the management command ------------------------------------------------------------------


@pytest.fixture
def good_csv(tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes(GOOD_FILE)
    return path


def test_command_dry_run_writes_nothing(cast, good_csv):
    before, history_before = counts(), history_counts()
    out = io.StringIO()

    call_command("import_members", str(good_csv), cluster="cluster-a", dry_run=True, stdout=out)

    assert out.getvalue() == "Dry run: 2 to create, 1 to update.\n"
    assert counts() == before
    assert history_counts() == history_before
    assert Organisation.objects.get(pk=cast.org_a.pk).city == "Stuttgart"


def test_command_imports(cast, good_csv):
    before = counts()
    out = io.StringIO()

    call_command("import_members", str(good_csv), "--cluster", "cluster-a", stdout=out)

    assert out.getvalue() == "Imported into cluster-a: 2 created, 1 updated.\n"
    assert counts() == (before[0] + 2, before[1] + 2, before[2])
    members = dict(
        Organisation.objects.filter(memberships__cluster=cast.cluster_a).values_list("name", "city")
    )
    assert members == {
        "Alpha Design GmbH": "Esslingen",
        "Atelier Public GmbH": "Stuttgart",
        "Nord Design GmbH": "Stuttgart",
        "Studio Milano Srl": "Milano",
    }


def test_command_map_option_names_a_column_the_header_does_not(cast, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(csv_file(["Member company", "Land"], ["Nord Design GmbH", "DE"]))
    out = io.StringIO()

    call_command(
        "import_members", str(path), cluster="cluster-a", map=["name=Member company"], stdout=out
    )

    assert out.getvalue() == "Imported into cluster-a: 1 created, 0 updated.\n"
    assert Organisation.objects.filter(name="Nord Design GmbH", country="DE").count() == 1


def test_command_with_bad_rows_fails_and_writes_nothing(cast, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_file(*BAD_FILE_ROWS))
    before, history_before = counts(), history_counts()
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as exc:
        call_command("import_members", str(path), cluster="cluster-a", stdout=out, stderr=err)

    assert str(exc.value) == "6 errors; nothing was imported."
    assert err.getvalue().splitlines() == [
        f"row {e['row']}, column {e['column']}: {e['message']}" for e in BAD_FILE_ERRORS
    ]
    assert out.getvalue() == ""
    assert counts() == before
    assert history_counts() == history_before


@pytest.mark.parametrize(
    ("content", "cluster", "message"),
    [
        (b"Name,Country\r\nAlpha\x00,DE\r\n", "cluster-a", "The file contains NUL bytes"),
        (b"", "cluster-a", "The file is empty."),
        (GOOD_FILE, "no-such-cluster", "No cluster with slug 'no-such-cluster'."),
        (b"Name,City\r\nNord,Ulm\r\n", "cluster-a", "Choose the column for: Country."),
    ],
    ids=["nul-bytes", "empty", "unknown-cluster", "no-country-column"],
)
def test_command_refuses_unusable_input(cast, tmp_path, content, cluster, message):
    path = tmp_path / "members.csv"
    path.write_bytes(content)
    before = counts()

    with pytest.raises(CommandError) as exc:
        call_command("import_members", str(path), cluster=cluster, stdout=io.StringIO())

    assert str(exc.value).startswith(message)
    assert counts() == before


def test_command_refuses_a_missing_file(cast, tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command("import_members", str(tmp_path / "nope.csv"), cluster="cluster-a")

    assert str(exc.value) == f"No file at {tmp_path / 'nope.csv'}."


# --- the pages: upload → check → commit ------------------------------------------------------


def test_page_flow_upload_check_commit(cast, clients, django_capture_on_commit_callbacks):
    client = clients.manager_a
    before = counts()
    data = csv_file(
        ["Company Name", "Land", "Sector", "NUTS region"],
        ["Nord Design GmbH", "DE", "74.10", "DE111"],
        ["Alpha Design GmbH", "DE", "62.01", ""],
        ["Studio Milano Srl", "IT", "90.03", "Milano"],
    )

    assert client.get("/workspace/cluster-a/import/").status_code == 200
    response = client.post("/workspace/cluster-a/import/", {"file": upload("members.csv", data)})

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == f"/workspace/cluster-a/import/{job.pk}/"
    assert (job.cluster, job.uploaded_by, job.status, job.filename) == (
        cast.cluster_a,
        cast.manager_a,
        ImportStatus.UPLOADED,
        "members.csv",
    )
    assert (job.headers, job.total_rows) == (["Company Name", "Land", "Sector", "NUTS region"], 3)
    assert job.mapping == {"country": "Land", "region": "NUTS region", "sectors": "Sector"}

    page = client.get(job_url(job)).content.decode()
    assert '<select name="name"' in page and '<select name="country"' in page
    assert '<option value="Company Name">Company Name</option>' in page

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            job_url(job),
            {
                "action": "check",
                "name": "Company Name",
                "country": "Land",
                "sectors": "Sector",
                "region": "NUTS region",
            },
        )
    assert response.status_code == 302 and response.url == job_url(job)
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.mapping == {
        "name": "Company Name",
        "country": "Land",
        "sectors": "Sector",
        "region": "NUTS region",
    }
    assert (job.status, job.errors, job.to_create, job.to_update) == (
        ImportStatus.PREVIEWED,
        [],
        2,
        1,
    )
    assert job.preview == [
        {
            "row": 2,
            "action": "create",
            "name": "Nord Design GmbH",
            "country": "DE",
            "region": "DE111",
            "sectors": 1,
        },
        {
            "row": 3,
            "action": "update",
            "name": "Alpha Design GmbH",
            "country": "DE",
            "region": "",
            "sectors": 1,
        },
        {
            "row": 4,
            "action": "create",
            "name": "Studio Milano Srl",
            "country": "IT",
            "region": "ITC4C",
            "sectors": 1,
        },
    ]
    assert counts() == before  # the dry run wrote nothing

    page = client.get(job_url(job)).content.decode()
    assert "Ready: 2 to create, 1 to update." in page
    assert 'id="import-commit"' in page
    assert "<td>4</td><td>create</td><td>Studio Milano Srl</td><td>IT</td><td>ITC4C</td>" in page

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(job_url(job), {"action": "commit"})
    assert response.status_code == 302 and response.url == job_url(job)
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert (job.status, job.to_create, job.to_update, job.message) == (
        ImportStatus.DONE,
        2,
        1,
        "",
    )
    assert job.finished_at is not None
    assert counts() == (before[0] + 2, before[1] + 2, before[2])
    assert sector_codes(Organisation.objects.get(pk=cast.org_a.pk)) == ["62.01"]
    assert Organisation.objects.get(name="Studio Milano Srl").memberships.get().cluster == (
        cast.cluster_a
    )
    assert "Imported: 2 created, 1 updated." in client.get(job_url(job)).content.decode()

    # A second commit (a double click, a replayed request) does nothing more.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(job_url(job), {"action": "commit"})
    assert callbacks == []
    assert counts() == (before[0] + 2, before[1] + 2, before[2])


def test_page_flow_lists_bad_rows_and_refuses_the_commit(
    cast, clients, django_capture_on_commit_callbacks
):
    client = clients.manager_a
    client.post(
        "/workspace/cluster-a/import/", {"file": upload("bad.csv", csv_file(*BAD_FILE_ROWS))}
    )
    job = ImportJob.objects.get()
    before, history_before = counts(), history_counts()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(job_url(job), {"action": "check", **job.mapping})
    job.refresh_from_db()

    assert job.status == ImportStatus.PREVIEWED
    assert job.errors == BAD_FILE_ERRORS
    page = client.get(job_url(job)).content.decode()
    assert "6 errors — nothing will be imported until they are fixed" in page
    shown = re.findall(
        r'<tr class="row-error"><td>(\d+)</td><td>([^<]*)</td><td>([^<]*)</td></tr>', page
    )
    assert shown == [(str(e["row"]), e["column"], e["message"]) for e in BAD_FILE_ERRORS]
    assert 'id="import-commit"' not in page

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(job_url(job), {"action": "commit"})

    assert response.status_code == 302
    assert callbacks == []
    job.refresh_from_db()
    assert job.status == ImportStatus.PREVIEWED
    assert counts() == before
    assert history_counts() == history_before


def _small_zip_bomb() -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings.xml", "w") as member,
    ):
        for _ in range(20):
            member.write(bytes(1024 * 1024))
    return out.getvalue()


def _unsafe_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("../evil", "owned")
    return out.getvalue()


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        (
            "members.csv",
            b"Name\x00,Country\r\n",
            "The file contains NUL bytes: it is not a text CSV file.",
        ),
        ("members.csv", b"\r\n", "The file is empty."),
        (
            "bomb.xlsx",
            _small_zip_bomb(),
            "The workbook is compressed suspiciously well (a zip bomb?).",
        ),
        ("evil.xlsx", _unsafe_zip(), "The workbook contains unsafe paths."),
        ("members.pdf", b"Name,Country\r\n", "Upload a .csv or .xlsx file."),
    ],
    ids=["nul-bytes", "empty", "zip-bomb", "unsafe-path", "wrong-extension"],
)
def test_page_upload_of_an_unusable_file_shows_the_reason(
    cast, clients, filename, content, message
):
    started = time.perf_counter()
    response = clients.manager_a.post(
        "/workspace/cluster-a/import/", {"file": upload(filename, content)}
    )

    assert time.perf_counter() - started < 1.0
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert ImportJob.objects.count() == 0


def test_page_round_trip_of_the_xlsx_export_updates_every_member(
    cast, clients, django_capture_on_commit_callbacks
):
    client = clients.manager_a
    exported = client.get("/workspace/cluster-a/export.xlsx").content
    before, org_a_before = counts(), org_state(cast.org_a)

    client.post(
        "/workspace/cluster-a/import/",
        {"file": SimpleUploadedFile("members.xlsx", exported)},
    )
    job = ImportJob.objects.get()
    assert job.mapping == {f.name: str(f.label) for f in IMPORT_FIELDS}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(job_url(job), {"action": "check", **job.mapping})
    job.refresh_from_db()
    assert (job.status, job.errors, job.to_create, job.to_update) == ("previewed", [], 0, 2)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(job_url(job), {"action": "commit"})

    job.refresh_from_db()
    assert (job.status, job.to_create, job.to_update) == (ImportStatus.DONE, 0, 2)
    assert counts() == before
    after = org_state(cast.org_a)
    assert after.pop("history") == org_a_before.pop("history") + 1
    assert after == org_a_before


# --- refusals: other managers and visitors ---------------------------------------------------


@pytest.fixture
def previewed_job_a(cast):
    """An import into cluster A, checked and ready to commit."""
    job = import_job_create(
        actor=cast.manager_a, cluster=cast.cluster_a, upload=upload("members.csv", GOOD_FILE)
    )
    return import_job_preview(job_id=job.pk)


def _refused(response, who: str, path: str) -> bool:
    if who == "visitor":
        return response.status_code == 302 and response.url == login_redirect(path)
    return response.status_code == 404


@pytest.mark.parametrize("who", ["manager_b", "member_a", "visitor"])
def test_others_cannot_use_cluster_a_import_pages(
    cast, clients, previewed_job_a, django_capture_on_commit_callbacks, who
):
    client = getattr(clients, who)
    job = previewed_job_a
    assert (job.status, job.errors) == (ImportStatus.PREVIEWED, [])
    before, history_before = counts(), history_counts()
    upload_path, detail = "/workspace/cluster-a/import/", job_url(job)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        responses = [
            (upload_path, client.get(upload_path)),
            (upload_path, client.post(upload_path, {"file": upload("x.csv", GOOD_FILE)})),
            (detail, client.get(detail)),
            (detail, client.post(detail, {"action": "check", **job.mapping})),
            (detail, client.post(detail, {"action": "commit"})),
        ]

    assert [_refused(r, who, path) for path, r in responses] == [True] * 5
    assert callbacks == []
    assert ImportJob.objects.count() == 1
    job.refresh_from_db()
    assert (job.status, job.to_create, job.to_update) == (ImportStatus.PREVIEWED, 2, 1)
    assert counts() == before
    assert history_counts() == history_before


def test_a_manager_cannot_reach_another_clusters_job_through_own_cluster(
    cast, clients, previewed_job_a, django_capture_on_commit_callbacks
):
    path = f"/workspace/cluster-b/import/{previewed_job_a.pk}/"
    before = counts()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert clients.manager_b.get(path).status_code == 404
        assert clients.manager_b.post(path, {"action": "commit"}).status_code == 404

    assert callbacks == []
    assert counts() == before
    previewed_job_a.refresh_from_db()
    assert previewed_job_a.status == ImportStatus.PREVIEWED


@pytest.mark.parametrize("who", ["manager_b", "member_a", "visitor"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_others_cannot_export_cluster_a(cast, clients, who, fmt):
    path = f"/workspace/cluster-a/export.{fmt}"

    response = getattr(clients, who).get(path)

    assert _refused(response, who, path)
    assert b"Alpha Design GmbH" not in response.content


# --- export ----------------------------------------------------------------------------------


@pytest.fixture
def formula_members(cast):
    """Members of cluster A whose names and contacts look like spreadsheet formulas."""
    evil = make_org('=HYPERLINK("http://evil.example","Click")', cluster=cast.cluster_a)
    make_org("+Plus Design GmbH", cluster=cast.cluster_a, city="-Ulm")
    services.contact_create(
        actor=None,
        organisation=evil,
        data={"first_name": "@SUM(1+1)", "last_name": "-Minus", "email": "x@evil.example"},
    )
    return evil


EXPECTED_EXPORT_NAMES = sorted(
    [
        '\'=HYPERLINK("http://evil.example","Click")',
        "'+Plus Design GmbH",
        "Alpha Design GmbH",
        "Atelier Public GmbH",
    ]
)


def _assert_cluster_a_export(cells: list[list[str]]):
    headers, rows = cells[0], cells[1:]
    assert headers == exporting.HEADERS
    by_name = {row[0]: dict(zip(headers, row, strict=True)) for row in rows}
    assert sorted(by_name) == EXPECTED_EXPORT_NAMES
    alpha = by_name["Alpha Design GmbH"]
    assert (alpha["Country"], alpha["NUTS region"], alpha["NACE sectors"]) == (
        "DE",
        "DE111",
        "74.10",
    )
    assert (alpha["Contact e-mail"], alpha["Contact phone"]) == (
        "anna@alpha.example",
        "'+49 711 1234",
    )
    assert by_name["Atelier Public GmbH"]["NACE sectors"] in ("71.11; 74.10", "74.10; 71.11")
    evil = by_name['\'=HYPERLINK("http://evil.example","Click")']
    assert (evil["Contact first name"], evil["Contact last name"]) == ("'@SUM(1+1)", "'-Minus")
    assert by_name["'+Plus Design GmbH"]["City"] == "'-Ulm"
    formula_starts = ("=", "+", "-", "@", "\t", "\r", "\n")
    assert [c for row in cells for c in row if c.startswith(formula_starts)] == []


def test_export_csv_has_only_own_members_with_formulas_neutralised(cast, clients, formula_members):
    response = clients.manager_a.get("/workspace/cluster-a/export.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    stamp = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="cluster-a-members-{stamp}.csv"'
    )
    text = response.content.decode("utf-8-sig")
    for foreign in ("Bravo", "Bernard", "bravo.example", "13.20", "Lille"):
        assert foreign not in text
    _assert_cluster_a_export(list(csv.reader(io.StringIO(text, newline=""))))


def test_export_xlsx_has_only_own_members_with_formulas_neutralised(cast, clients, formula_members):
    response = clients.manager_a.get("/workspace/cluster-a/export.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [["" if c.value is None else c.value for c in row] for row in sheet.iter_rows()]
    assert "f" not in {c.data_type for row in sheet.iter_rows() for c in row}  # no formula
    flat = " ".join(str(c) for row in cells for c in row)
    for foreign in ("Bravo", "Bernard", "bravo.example", "13.20", "Lille"):
        assert foreign not in flat
    _assert_cluster_a_export(cells)


def test_export_of_cluster_b_by_its_manager_has_none_of_cluster_a(cast, clients):
    text = clients.manager_b.get("/workspace/cluster-b/export.csv").content.decode("utf-8-sig")

    names = sorted(row[0] for row in list(csv.reader(io.StringIO(text, newline="")))[1:])
    assert names == ["Bravo Network SAS", "Bravo Textiles SAS"]
    assert "Alpha" not in text and "anna@alpha.example" not in text


def test_kind_follows_the_size_when_the_file_gives_none(cast):
    import_rows(
        cast.cluster_a,
        ["Name", "Country", "Size"],
        ["Big Maker AG", "DE", "250+"],
        ["Tiny Studio", "DE", ""],
    )
    kinds = dict(
        Organisation.objects.filter(name__in=["Big Maker AG", "Tiny Studio"]).values_list(
            "name", "kind"
        )
    )
    assert kinds == {"Big Maker AG": "large", "Tiny Studio": "micro"}
