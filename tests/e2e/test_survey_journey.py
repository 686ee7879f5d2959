"""A manager builds a small survey, previews it and sends it to a member's contact person; the
respondent opens the link from the e-mail, saves, comes back, submits; the manager sees the
response rate and the distribution."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from clusterlab.surveys.models import Answer, Survey

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Client satisfaction 2026"
LIKERT = "How satisfied are you with our services?"
WISH = "What should we do next?"


def _login(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-for-tests-1")
    page.get_by_role("button", name="Log in").click()


def test_survey_from_building_to_results(reference_data, cast, browser, live_server):
    contexts = [browser.new_context(base_url=live_server.url, locale="en-GB") for _ in range(3)]
    try:
        manager, respondent, later = (c.new_page() for c in contexts)
        for page in (manager, respondent, later):
            page.set_default_timeout(20_000)
        _build(manager)
        _preview(manager)
        link = _send(manager)
        _answer_and_save(respondent, link)
        _come_back_and_submit(later, link)
        _results(manager)
    finally:
        for context in contexts:
            context.close()


def _build(page) -> None:
    _login(page, "manager_a")
    page.goto("/workspace/cluster-a/")
    page.get_by_role("link", name="Surveys").click()
    page.get_by_role("link", name="New survey").click()
    page.locator("#id_cluster").select_option(label="Design Cluster A")
    page.locator("#id_default_language").select_option("en")
    page.locator("#id_title_en").fill(TITLE)
    page.locator("#id_introduction_en").fill("Five minutes, and it helps us a lot.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text(TITLE)

    page.get_by_role("link", name="Add a question").click()
    page.locator("#id_kind").select_option("likert")
    page.locator("#id_code").fill("satisfaction")
    page.locator("#id_text_en").fill(LIKERT)
    page.locator("#id_low_en").fill("not at all")
    page.locator("#id_high_en").fill("very")
    page.locator("#id_required").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Question added")

    page.get_by_role("link", name="Add a question").click()
    page.locator("#id_kind").select_option("text")
    page.locator("#id_code").fill("wishes")
    page.locator("#id_text_en").fill(WISH)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("tr.question")).to_have_count(2)
    page.get_by_role("button", name="Open for answers").click()
    expect(page.locator("#survey-status")).to_have_text("Open")


def _preview(page) -> None:
    page.get_by_role("link", name="Preview").first.click()
    preview = page.locator("#preview")
    expect(preview.locator("h1")).to_have_text(TITLE)
    expect(preview).to_contain_text(LIKERT)
    expect(preview).to_contain_text("not at all")
    expect(preview.locator("input[name=q_satisfaction]")).to_have_count(5)
    expect(preview.locator("textarea[name=q_wishes]")).to_be_disabled()


def _send(page) -> str:
    mail.outbox.clear()
    page.get_by_role("link", name="Send").first.click()
    page.get_by_label("Anna Schmidt · Alpha Design GmbH").check()
    page.get_by_role("button", name="Send invitations").click()
    expect(page.locator(".messages")).to_contain_text("1 invitation sent.")
    expect(page.locator("#invitation-list")).to_contain_text("anna@alpha.example")
    (message,) = mail.outbox
    assert message.to == ["anna@alpha.example"]
    match = re.search(r"https?://\S+/s/[A-Za-z0-9_-]+/", message.body)
    assert match, message.body
    return match.group(0)


def _answer_and_save(page, link: str) -> None:
    page.goto(link)  # no account, no login: the link is the key
    expect(page.locator("h1")).to_have_text(TITLE)
    page.locator("input[name=q_satisfaction][value='4']").check()
    page.locator("textarea[name=q_wishes]").fill("More matchmaking with manufacturers, please.")
    page.get_by_role("button", name="Save and continue later").click()
    expect(page.locator(".messages")).to_contain_text("Your answers are saved")
    assert Survey.objects.get().responses.get().submitted_at is None


def _come_back_and_submit(page, link: str) -> None:
    page.goto(link)  # another browser, later: the saved answers are there
    expect(page.locator("input[name=q_satisfaction][value='4']")).to_be_checked()
    expect(page.locator("textarea[name=q_wishes]")).to_have_value(
        "More matchmaking with manufacturers, please."
    )
    page.locator("input[name=q_satisfaction][value='5']").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#respond-message")).to_contain_text("Thank you!")
    page.goto(link)
    expect(page.locator("#respond-message")).to_contain_text("can no longer be changed")
    assert Answer.objects.get(question__code="satisfaction").value == 5


def _results(page) -> None:
    page.get_by_role("link", name="Results").click()
    expect(page.locator("#figure-response-rate")).to_have_text("100%")
    expect(page.locator("#figures")).to_contain_text("(1 / 1)")
    likert = page.locator("#result-satisfaction")
    expect(likert.locator(".n")).to_have_text("1")
    very = likert.locator("table.distribution tr", has_text="5 very")
    expect(very.locator(".count")).to_have_text("1")
    expect(very.locator(".share")).to_have_text("100%")
    expect(likert.locator(".mean")).to_have_text("5.00")
    expect(page.locator("#result-wishes")).to_contain_text("More matchmaking with manufacturers")
