"""A manager creates a pilot, adds participants, randomises them, sends a baseline survey,
takes over the answers, enters endline values and reads the evaluation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clusterlab.pilots.models import Participant, Pilot
from clusterlab.registry import services as registry_services
from clusterlab.surveys import services as survey_services
from clusterlab.surveys.models import Invitation
from conftest import make_org

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIRMS = ["Anker Design", "Bauer Werkstatt", "Cello Studio", "Delta Metall", "Echo Print", "Fink"]


def _login(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-for-tests-1")
    page.get_by_role("button", name="Log in").click()


def _baseline_survey(cast):
    survey = survey_services.survey_create(
        actor=cast.manager_a,
        cluster=cast.cluster_a,
        title={"en": "Pilot baseline"},
        languages=["en"],
        closes_at=timezone.now() + dt.timedelta(days=30),
    )
    survey_services.question_add(
        actor=cast.manager_a,
        survey=survey,
        kind="number",
        code="new_products",
        text={"en": "How many new products did you launch last year?"},
        required=True,
    )
    survey_services.survey_set_status(actor=cast.manager_a, survey=survey, status="open")
    return survey


def test_pilot_from_creation_to_evaluation(reference_data, cast, page):
    for name in FIRMS:
        firm = make_org(name, cluster=cast.cluster_a)
        registry_services.contact_create(
            actor=None,
            organisation=firm,
            data={
                "first_name": name.split()[0],
                "email": f"{name.split()[0].lower()}@firm.example",
            },
        )
    survey = _baseline_survey(cast)
    _login(page, "manager_a")
    page.goto("/pilots/")
    page.get_by_role("link", name="New pilot").click()
    page.locator("#id_code").fill("P42")
    page.locator("#id_title").fill("Design vouchers")
    page.locator("#id_lead_cluster").select_option(label="Design Cluster A")
    page.locator("#id_instrument").fill("A design voucher")
    page.locator("#id_hypothesis").fill("Voucher firms launch more products")
    page.locator("#id_starts_on").fill("2026-01-01")
    page.locator("#id_ends_on").fill("2026-12-31")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text("Design vouchers")
    pilot = Pilot.objects.get(code="P42")

    for name in FIRMS:
        page.locator("#participants #id_organisation").select_option(label=name)
        page.locator("#participants").get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#participant-table tbody tr")).to_have_count(len(FIRMS))
    page.locator("#id_seed").fill("5")
    page.locator("#randomise").click()
    expect(page.locator(".messages")).to_contain_text("seed 5")

    indicator = page.locator("#indicator")
    indicator.locator("#id_name").fill("New products")
    indicator.locator("#id_method").select_option("survey")
    indicator.locator("#id_question_code").fill("new_products")
    indicator.get_by_role("button", name="Add indicator").click()
    expect(page.locator("#indicator table")).to_contain_text("New products")

    surveys = page.locator("#surveys")
    surveys.locator("#id_phase").select_option("baseline")
    surveys.locator("#id_survey").select_option(label=str(survey))
    page.locator("#send-survey").click()
    expect(page.locator(".messages")).to_contain_text("Survey sent to 6 participants")

    groups = dict(Participant.objects.filter(pilot=pilot).values_list("pk", "group"))
    for invitation in Invitation.objects.filter(survey=survey).order_by("pk"):
        survey_services.response_submit(invitation=invitation, answers={"new_products": 1})
    surveys.locator("#import-phase").select_option("baseline")
    surveys.get_by_role("button", name="Take over").click()
    expect(page.locator(".messages")).to_contain_text("6 answers taken over")

    page.locator("#indicator").get_by_role("link", name="Endline").click()
    treated = sorted(pk for pk, g in groups.items() if g == "treatment")
    compared = sorted(pk for pk, g in groups.items() if g == "comparison")
    for pk, value in [
        *zip(treated, (3, 4, 5), strict=True),
        *zip(compared, (1, 2, 3), strict=True),
    ]:
        page.locator(f"#id_p_{pk}").fill(str(value))
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Measurements saved")

    page.goto(f"/pilots/{pilot.pk}/report/")
    result = page.locator(".indicator-result")
    expect(result).to_contain_text("Difference-in-differences: 2.00")
    expect(result.locator("svg.chart").first).to_be_visible()
