"""An organiser creates a brokerage event, two participants register, request and accept a
meeting, the organiser schedules and publishes, and each participant sees a correct agenda."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clusterlab.events.models import Event, Meeting
from conftest import make_org, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-for-tests-1")
    page.get_by_role("button", name="Log in").click()


def test_brokerage_event_from_creation_to_agendas(reference_data, cast, browser, live_server):
    studio = make_org("Studio Nord", cluster=cast.cluster_a)
    works = make_org("Nordwerk AG", cluster=cast.cluster_b, country="FR", sectors=("28.41",))
    make_user("carla", first_name="Carla", last_name="Creative", organisation=studio)
    make_user("ivan", first_name="Ivan", last_name="Industry", organisation=works)
    day = (timezone.now() + dt.timedelta(days=20)).astimezone(dt.UTC).date()
    contexts = [browser.new_context(base_url=live_server.url, locale="en-GB") for _ in range(3)]
    try:
        organiser, carla, ivan = (c.new_page() for c in contexts)
        for page in (organiser, carla, ivan):
            page.set_default_timeout(20_000)
        event_id = _organiser_creates_event(organiser, day)
        _register(carla, "carla", event_id)
        _register(ivan, "ivan", event_id)
        _request(carla, event_id, "Ivan Industry")
        _accept(ivan, event_id)
        _schedule_and_publish(organiser, event_id)
        meeting = Meeting.objects.get()
        for page, partner in ((carla, "Ivan Industry"), (ivan, "Carla Creative")):
            page.goto(f"/events/{event_id}/agenda/")
            row = page.locator("#agenda tr.meeting")
            expect(row).to_have_count(1)
            expect(row).to_contain_text(partner)
            expect(row).to_contain_text(f"{meeting.slot.starts_at.astimezone(dt.UTC):%H:%M}")
            expect(row.locator("td").nth(1)).to_have_text(str(meeting.table))
    finally:
        for context in contexts:
            context.close()


def _organiser_creates_event(page, day: dt.date) -> int:
    _login(page, "manager_a")
    page.goto("/events/")
    page.get_by_role("link", name="New event").click()
    page.locator("#id_title").fill("Design meets Industry")
    page.locator("#id_kind").select_option("brokerage")
    page.locator("#id_clusters").select_option(label="Design Cluster A")
    page.locator("#id_starts_at").fill(f"{day:%Y-%m-%d}T08:00")
    page.locator("#id_ends_at").fill(f"{day:%Y-%m-%d}T18:00")
    page.locator("#id_time_zone").select_option("UTC")
    page.locator("#id_venue").fill("Hall 4")
    page.locator("#id_is_published").check()
    page.locator("#id_meeting_tables").fill("5")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text("Design meets Industry")
    event = Event.objects.get(title="Design meets Industry")
    page.get_by_role("link", name="Brokerage").first.click()
    page.locator("#id_first_start").fill(f"{day:%Y-%m-%d}T09:00")
    page.locator("#id_count").fill("4")
    page.get_by_role("button", name="Add slots").click()
    expect(page.locator("ol.slots li")).to_have_count(4)
    return event.pk


def _register(page, username: str, event_id: int) -> None:
    _login(page, username)
    page.goto(f"/events/{event_id}/")
    page.get_by_role("link", name="Register").click()
    page.get_by_role("button", name="Register").click()
    expect(page.locator("#registration-status")).to_contain_text("Registered")
    page.get_by_role("link", name="My brokerage profile").click()
    page.get_by_label("What I offer").fill(f"{username} offers something useful")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text("Participants")


def _request(page, event_id: int, name: str) -> None:
    page.goto(f"/events/{event_id}/participants/")
    card = page.locator("article.participant", has_text=name)
    card.get_by_role("link", name="Request a meeting").click()
    page.get_by_label("Priority").select_option("3")
    page.get_by_label("Message").fill("Shall we talk about your next product?")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".messages")).to_contain_text("Request sent")


def _accept(page, event_id: int) -> None:
    page.goto(f"/events/{event_id}/requests/")
    received = page.locator("#received")
    expect(received).to_contain_text("Shall we talk about your next product?")
    received.get_by_role("button", name="Accept").click()
    expect(page.locator("#received")).to_contain_text("Accepted")


def _schedule_and_publish(page, event_id: int) -> None:
    page.goto(f"/events/{event_id}/brokerage/")
    page.get_by_role("button", name="Run the scheduler").click()
    expect(page.locator("#run-status")).to_contain_text("Done")
    expect(page.locator("#run-scheduled")).to_have_text("1")
    page.get_by_role("link", name="Back to the brokerage console").click()
    page.get_by_role("button", name="Publish the agendas").click()
    expect(page.locator(".messages")).to_contain_text("1 meeting published")
