"""A new user's walk: the public directory, a profile, the manager workspace, an import with
bad rows that is refused, then fixed and committed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from clusterlab.registry.models import Membership, Organisation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BAD_FILE = (
    "Organisation;Land;Stadt;NACE;E-Mail\n"
    "Gamma Studio GmbH;DE;Stuttgart;74.10;info@gamma.example\n"
    "Delta Druck GmbH;Atlantis;Esslingen;18.12;delta@example\n"
    "Epsilon Sound;Germany;Ludwigsburg;99.99;epsilon@example.org\n"
)
GOOD_FILE = (
    "Organisation;Land;Stadt;NACE;E-Mail\n"
    "Gamma Studio GmbH;DE;Stuttgart;74.10;info@gamma.example\n"
    "Delta Druck GmbH;Deutschland;Esslingen;18.12;delta@example.org\n"
    "Epsilon Sound;Germany;Ludwigsburg;Sound recording and music publishing activities;\n"
)


def test_visitor_browses_directory_and_profile(reference_data, cast, page):
    page.goto("/")
    page.get_by_label("Search the directory").fill("atelier")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#result-count")).to_have_text("1 organisation")
    expect(page.get_by_role("link", name="Alpha Design GmbH")).to_have_count(0)
    page.get_by_role("link", name="Atelier Public GmbH").click()
    expect(page.get_by_role("heading", name="Atelier Public GmbH")).to_be_visible()
    expect(page.get_by_text("71.11 Architectural activities")).to_be_visible()
    expect(page.get_by_role("heading", name="Contact persons")).to_have_count(0)

    page.goto("/directory/")
    page.get_by_label("Country").select_option("FR")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#result-count")).to_have_text("0 organisations")  # FR ones aren't public


def _upload(page, content: str, name: str) -> None:
    page.get_by_role("link", name="Import members").first.click()
    page.get_by_label("Member list (CSV or XLSX)").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content.encode("cp1252")}]
    )
    page.get_by_role("button", name="Upload and check").click()
    # Headers in German were recognised: the mapping is pre-filled.
    expect(page.get_by_label("Name *")).to_have_value("Organisation")
    expect(page.get_by_label("Country *")).to_have_value("Land")
    page.get_by_role("button", name="Check the rows (dry run)").click()


def test_manager_workspace_and_import_with_bad_rows(reference_data, cast, page):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("manager_a")
    page.get_by_label("Password").fill("pw-for-tests-1")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Workspace").click()
    expect(page.get_by_role("heading", name=re.compile("Design Cluster A"))).to_be_visible()
    expect(page.get_by_role("link", name="Alpha Design GmbH")).to_be_visible()
    expect(page.get_by_role("link", name="Bravo Textiles SAS")).to_have_count(0)

    # A profile with its private part: contacts are shown to the cluster's manager.
    page.get_by_role("link", name="Alpha Design GmbH").click()
    expect(page.get_by_text("anna@alpha.example")).to_be_visible()
    page.get_by_role("link", name="Workspace").click()

    before = Organisation.objects.count()
    _upload(page, BAD_FILE, "mitglieder.csv")
    errors = page.locator("#import-errors tbody tr")
    expect(errors).to_have_count(3)
    expect(errors.nth(0)).to_contain_text("3")
    expect(errors.nth(0)).to_contain_text("Land")
    expect(errors.nth(0)).to_contain_text("Atlantis")
    expect(page.locator("#import-errors")).to_contain_text("delta@example")
    expect(page.locator("#import-errors")).to_contain_text("99.99")
    expect(page.get_by_role("button", name="Import all rows")).to_have_count(0)
    assert Organisation.objects.count() == before

    page.get_by_role("link", name="Members").first.click()
    _upload(page, GOOD_FILE, "mitglieder-korrigiert.csv")
    expect(page.locator("#import-summary")).to_have_text("Ready: 3 to create, 0 to update.")
    expect(page.locator("#import-preview tbody tr")).to_have_count(3)
    page.get_by_role("button", name="Import all rows").click()
    expect(page.locator("#import-summary")).to_have_text("Imported: 3 created, 0 updated.")
    assert Organisation.objects.count() == before + 3
    assert Membership.objects.filter(
        cluster=cast.cluster_a, organisation__name="Epsilon Sound"
    ).exists()

    page.get_by_role("link", name="Members").first.click()
    expect(page.get_by_role("link", name="Gamma Studio GmbH")).to_be_visible()
