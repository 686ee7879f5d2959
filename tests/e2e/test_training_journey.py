"""A trainer builds a programme from modules, enrols managers from two clusters and records
attendance; a manager answers the feedback survey and the self-assessments before and after;
the programme page shows the validation figures."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from clusterlab.surveys import services as survey_services
from clusterlab.training import services
from clusterlab.training.models import Competence, Programme
from conftest import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TODAY = dt.date.today()


def _login(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-for-tests-1")
    page.get_by_role("button", name="Log in").click()


def _assess(page, button: str, level: int) -> None:
    page.locator(button).click()
    for pk in Competence.objects.values_list("pk", flat=True):
        page.locator(f"#id_competence_{pk}_{level - 1}").check()
    page.locator("#save-assessment").click()
    expect(page.locator(".messages")).to_contain_text("Self-assessment saved")


def _others_answer(programme: Programme, people, session) -> None:
    """Two more participants answer (figures of fewer than three people stay hidden)."""
    levels = list(Competence.objects.values_list("pk", flat=True))
    for person in people:
        for phase, level in (("before", 2), ("after", 3)):
            services.self_assessment_submit(
                actor=person, levels=dict.fromkeys(levels, level), programme=programme, phase=phase
            )
    invitations = session.feedback_survey.invitations.exclude(email="manager_a@test.local")
    for invitation in invitations.order_by("pk"):
        survey_services.response_submit(
            invitation=invitation, answers={"satisfaction": 4, "usefulness": 4}
        )


def test_training_programme_is_validated(reference_data, cast, page):
    services.framework_load()  # transactional tests empty the tables the migration filled
    make_user("trainer_t", is_trainer=True, first_name="Tina")
    manager_c = make_user("manager_c", first_name="Carla")
    cast.cluster_b.managers.add(manager_c)
    for title, code in (
        ("Brokerage basics", "matchmaking"),
        ("Show your impact", "impact-measurement"),
    ):
        services.module_create(
            actor=None,
            data={"title": title, "summary": "s", "format": "workshop"},
            competences=[Competence.objects.get(code=code)],
        )

    _login(page, "trainer_t")
    page.goto("/training/")
    page.locator("#programme-new").click()
    page.locator("#id_title").fill("Creative Cluster Academy")
    page.locator("#id_cluster").select_option(label="Design Cluster A")
    page.locator("#id_starts_on").fill((TODAY - dt.timedelta(days=10)).isoformat())
    page.locator("#id_ends_on").fill((TODAY + dt.timedelta(days=30)).isoformat())
    page.locator("#save-programme").click()
    expect(page.locator("h1")).to_have_text("Creative Cluster Academy")
    programme = Programme.objects.get()

    for module in ("Brokerage basics", "Show your impact"):
        page.locator("#sessions #id_module").select_option(label=module)
        page.locator("#sessions #id_date").fill((TODAY - dt.timedelta(days=1)).isoformat())
        page.locator("#add-session").click()
        expect(page.locator(".messages")).to_contain_text("Session added")
    for label in (
        "Alice (Design Cluster A)",
        "Bob (Textile Cluster B)",
        "Carla (Textile Cluster B)",
    ):
        page.locator("#id_participant").select_option(label=label)
        page.locator("#enrol").click()
        expect(page.locator(".messages")).to_contain_text("Participant enrolled")

    page.locator("#attendance-1").click()
    for username in ("manager_a", "manager_b", "manager_c"):
        page.locator(f"#present-{username}").check()
    page.locator("#save-attendance").click()
    expect(page.locator(".messages")).to_contain_text("3 present")
    page.locator("#feedback-1").click()
    expect(page.locator(".messages")).to_contain_text("sent to 3 attendees")
    _others_answer(programme, [cast.manager_b, manager_c], programme.sessions.get(position=1))

    _login(page, "manager_a")
    page.goto(f"/training/{programme.pk}/")
    _assess(page, "#assess-before", 1)
    page.locator("#give-feedback-1").click()
    page.locator("input[name=q_satisfaction][value='5']").check()
    page.locator("input[name=q_usefulness][value='4']").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#respond-message")).to_contain_text("Thank you!")
    page.goto(f"/training/{programme.pk}/")
    _assess(page, "#assess-after", 4)

    _login(page, "trainer_t")
    page.goto(f"/training/{programme.pk}/")
    validation = page.locator("#validation")
    expect(validation.locator("#satisfaction")).to_contain_text("4.33")
    expect(validation.locator("#satisfaction")).to_contain_text("n = 3")
    # Attendance counts the sessions recorded so far (the second is still to be taken).
    expect(validation.locator("#attendance-rate")).to_contain_text("100 %")
    expect(validation.locator("#n-paired")).to_have_text("3")
    first = validation.locator("#competence-change tbody tr").first
    expect(first).to_contain_text("1.67")  # before: (1 + 2 + 2) / 3
    expect(first).to_contain_text("3.33")  # after: (4 + 3 + 3) / 3
    expect(first).to_contain_text("+1.67")
