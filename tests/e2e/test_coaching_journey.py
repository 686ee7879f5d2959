"""A coach runs an SME engagement through a scheme (start, session with notes and an action,
steps, closing review); a manager applies to a peer exchange, the host accepts, the visitor
writes the report and turns it into a toolbox draft."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clusterlab.coaching import services
from clusterlab.coaching.models import Application, Engagement
from clusterlab.registry.models import ServiceRecord
from clusterlab.toolbox.models import Entry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def login(browser, live_server):
    """Log a user in, in a browser context of their own (closed at the end of the test)."""
    contexts = []

    def open_page(username: str):
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        contexts.append(context)
        return _page_of(context, username)

    yield open_page
    for context in contexts:
        context.close()


def _page_of(context, username: str):
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-for-tests-1")
    page.get_by_role("button", name="Log in").click()
    return page


def _scheme(cast):
    return services.scheme_create(
        actor=cast.coordinator,
        data={"title": "Innovation sprint", "summary": "From idea to tested offer"},
        steps=[
            {"title": "Frame the challenge", "purpose": "Agree one opportunity"},
            {"title": "Prototype and test", "purpose": "Test with users"},
        ],
    )


def test_coach_runs_an_engagement_through_a_scheme(reference_data, cast, login):
    _scheme(cast)
    page = login("manager_a")
    page.goto("/coaching/")
    page.locator("#new-engagement").click()
    page.locator("#id_title").fill("Sprint with Alpha")
    page.locator("#id_scheme").select_option(label="Innovation sprint")
    page.locator("#id_organisation").select_option(label="Alpha Design GmbH")
    page.locator("#id_cluster").select_option(label="Design Cluster A")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("h1")).to_contain_text("Sprint with Alpha")
    expect(page.locator("#step-1")).to_contain_text("current step")

    page.locator("#id_notes").fill("Alpha wants a hotel client")
    page.locator("#id_action_text").fill("Call two hotels")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    page.locator("#id_action_due").fill(yesterday.isoformat())
    page.locator("#add-session").click()
    expect(page.locator(".messages")).to_contain_text("Session recorded")
    expect(page.locator(".session")).to_contain_text("Alpha wants a hotel client")
    expect(page.locator("#action-rows tr.overdue")).to_contain_text("Call two hotels")

    page.locator("#id_output").fill("A one-page brief")
    page.locator("#complete-step").click()
    expect(page.locator(".messages")).to_contain_text("Next: Prototype and test")
    expect(page.locator("#step-2")).to_contain_text("current step")

    page.locator("#action-rows select").select_option("done")
    expect(page.locator("#action-rows tr.status-done")).to_have_count(1)

    page.locator("#close-engagement").click()
    page.locator("#id_outcomes").fill("A brief and a first hotel meeting")
    page.locator("#id_goals_met").select_option("partly")
    page.locator("#close").click()
    expect(page.locator("#review")).to_contain_text("A brief and a first hotel meeting")

    engagement = Engagement.objects.get(title="Sprint with Alpha")
    assert engagement.status == "closed"
    assert list(engagement.actions.values_list("status", flat=True)) == ["done"]
    assert ServiceRecord.objects.filter(
        kind="coaching", cluster=cast.cluster_a, organisation=cast.org_a
    ).exists()


def test_peer_exchange_from_application_to_toolbox_draft(reference_data, cast, login):
    today = timezone.localdate()
    services.offer_create(
        actor=cast.manager_a,
        host_cluster=cast.cluster_a,
        data={
            "kind": "exchange",
            "title": "A day in our design district",
            "topics": "districts; industry visits",
            "starts_on": today,
            "ends_on": today + dt.timedelta(days=1),
        },
    )
    visitor = login("manager_b")
    visitor.goto("/exchanges/")
    visitor.get_by_role("link", name="A day in our design district").click()
    visitor.locator("#id_learning_goals").fill("How do designers work with manufacturers?")
    visitor.locator("#apply-button").click()
    expect(visitor.locator("#application-status")).to_contain_text("Waiting for the host")

    host = login("manager_a")
    host.goto("/exchanges/")
    host.locator("#to-answer a").first.click()
    expect(host.locator("body")).to_contain_text("How do designers work with manufacturers?")
    host.locator("#accept").click()
    expect(host.locator("#application-status")).to_contain_text("Accepted")

    visitor.reload()
    visitor.locator("#write-report").click()
    visitor.locator("#id_saw").fill("Designers sketching on the factory floor")
    visitor.locator("#id_will_try").fill("A monthly factory clinic")
    visitor.locator("#save-report").click()
    expect(visitor.locator("#report")).to_be_visible()
    visitor.locator("#to-toolbox").click()
    expect(visitor.locator("#toolbox-draft")).to_contain_text("A day in our design district")

    application = Application.objects.get()
    assert application.status == "accepted"
    entry = Entry.objects.get()
    assert (entry.kind, entry.status, entry.cluster, entry.author) == (
        "case",
        "draft",
        cast.cluster_b,
        cast.manager_b,
    )
