"""The coordinator imports regional employment statistics: a bad file is refused with its row
and column, a good one draws the map and the table with the expected LQ and stars."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from clusterlab.mapping.models import RegionalEmployment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BAD_FILE = "geo,nace_r2,time,value\nDE11,74,2022,60\nDE12,74,2022,many\n"
# Section M (division 74) is 100 of 500 persons employed: DE11 has 60 of its 100, LQ 3.0.
GOOD_FILE = (
    "geo;nace_r2;time;value\n"
    "DE11;74;2022;60\nDE11;10;2022;40\n"
    "DE12;74;2022;10\nDE12;10;2022;90\n"
    "FR10;74;2022;30\nFR10;10;2022;270\n"
)


def _upload(page, content: str, name: str) -> None:
    page.get_by_label("Statistics file (CSV, TSV or XLSX) *").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content.encode()}]
    )
    page.get_by_role("button", name="Import").click()


def test_coordinator_imports_statistics_and_reads_the_map(reference_data, cast, page):
    cast.cluster_a.regions.set(["DE11"])
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill("pw-for-tests-1")
    page.get_by_role("button", name="Log in").click()
    page.goto("/mapping/")
    expect(
        page.get_by_text("No regional employment statistics have been imported yet.")
    ).to_be_visible()
    page.get_by_role("link", name="Import regional employment statistics").click()

    _upload(page, BAD_FILE, "bad.csv")
    problems = page.locator("#import-problems tbody tr")
    expect(problems).to_have_count(1)
    expect(problems.nth(0).locator("td").nth(0)).to_have_text("3")
    expect(problems.nth(0).locator("td").nth(1)).to_have_text("value")
    expect(problems.nth(0)).to_contain_text("many")
    assert RegionalEmployment.objects.count() == 0

    _upload(page, GOOD_FILE, "good.csv")
    expect(page.get_by_text("6 figures imported for 2022")).to_be_visible()
    page.locator("#id_group").select_option("section:M")
    page.locator("#id_show").select_option("stars")
    page.get_by_role("button", name="Show").click()

    first = page.locator("#mapping-table tbody tr").first
    expect(first).to_have_attribute("data-region", "DE11")
    expect(first.locator("td.lq")).to_have_text("3.00")
    expect(first.locator("td.stars")).to_contain_text("★★★")
    expect(page.locator("#mapping-table tbody tr")).to_have_count(3)
    # The map: DE11 drawn in the three-star colour, with its hover title, and cluster A on it.
    region = page.locator('#europe-map path[data-region="DE11"]')
    expect(region).to_have_attribute("fill", "#d7301f")
    expect(region.locator("title")).to_contain_text("LQ 3.00")
    expect(page.locator('#europe-map circle[data-cluster="cluster-a"]')).to_have_count(1)
    expect(
        page.get_by_text("© EuroGeographics for the administrative boundaries").first
    ).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename == "cluster-mapping-section-M-2022.csv"
