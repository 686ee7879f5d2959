"""The coordinator sets a network target, sees its progress, opens the drill-down behind the
figure and downloads it as CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clusterlab.analytics.models import Target
from clusterlab.registry import services as registry_services
from conftest import make_org

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-for-tests-1")
    page.get_by_role("button", name="Log in").click()


def test_coordinator_sets_a_target_and_traces_it(reference_data, cast, page):
    today = timezone.localdate()
    second = make_org("Gamma Studio", cluster=cast.cluster_b)
    registry_services.service_record(
        actor=None, cluster=cast.cluster_b, organisation=second, kind="coaching", date=today
    )
    year = today.year
    _login(page, "coordinator")
    page.goto("/analytics/")
    page.get_by_role("link", name="Set a target").click()
    page.locator("#id_metric").select_option("organisations_reached")
    page.locator("#id_value").fill("6")
    page.locator("#id_starts_on").fill(f"{year}-01-01")
    page.locator("#id_ends_on").fill(f"{year}-12-31")
    page.get_by_role("button", name="Save").click()
    assert Target.objects.get().value == 6

    row = page.locator('#targets tr[data-metric="organisations_reached"]')
    # Services this year: cast's (Jan/Feb 2026 when the year is 2026) and Gamma's today.
    expected = 1 + sum(1 for s in (cast.service_a, cast.service_b) if s.date >= dt.date(year, 1, 1))
    expect(row.locator("a.drill")).to_have_text(str(expected))
    expect(row.locator("progress")).to_be_visible()
    row.locator("a.drill").click()
    expect(page.locator("h1")).to_contain_text("Organisations reached")
    expect(page.locator("#records")).to_contain_text("Gamma Studio")

    with page.expect_download() as download_info:
        page.locator("#export-csv").click()
    path = download_info.value.path()
    text = Path(path).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Organisation,Country")
    assert "Gamma Studio" in text
