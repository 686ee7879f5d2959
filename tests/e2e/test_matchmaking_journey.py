"""A member publishes a request, sees explained recommendations, asks for an introduction;
the other side accepts and the contact details appear."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from clusterlab.matchmaking import services as matchmaking_services
from clusterlab.registry import services as registry_services
from clusterlab.registry.enums import Visibility
from clusterlab.registry.models import Country, NaceSector, Organisation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-for-tests-1")
    page.get_by_role("button", name="Log in").click()


def test_request_recommendation_introduction(reference_data, cast, browser, live_server):
    Organisation.objects.filter(pk=cast.org_a.pk).update(visibility=Visibility.NETWORK)
    designer = registry_services.organisation_create(
        actor=None,
        cluster=cast.cluster_b,
        data={
            "name": "Product Designers Ltd",
            "kind": "small",
            "city": "Lille",
            "country": Country.objects.get(pk="FR"),
            "visibility": Visibility.NETWORK,
            "sectors": list(NaceSector.objects.filter(code="74.10")),
            "description": "Product design for manufacturers",
        },
    )
    registry_services.contact_create(
        actor=None,
        organisation=designer,
        data={"first_name": "Dora", "last_name": "Design", "email": "dora@designers.example"},
        consents=[("network_contact", "membership form")],
    )
    matchmaking_services.profile_create(
        actor=None,
        organisation=designer,
        publish=True,
        data={
            "kind": "offer",
            "profile_type": "creative_service",
            "language": "en",
            "title": "We offer product design",
            "visibility": "network",
        },
    )
    member_context = browser.new_context(base_url=live_server.url)
    other_context = browser.new_context(base_url=live_server.url)
    try:
        _journey(member_context.new_page(), other_context.new_page())
    finally:  # no page may keep talking to the live server after the test
        member_context.close()
        other_context.close()


def _journey(member, other) -> None:
    member.set_default_timeout(15_000)
    _login(member, "member_a")
    member.get_by_role("link", name="My organisation").click()
    member.get_by_role("link", name="New offer or request").click()
    member.get_by_label("Offer or request").select_option("request")
    member.get_by_label("Type").select_option("creative_service")
    member.get_by_label("Title").fill("Wir suchen Produktdesign")
    member.get_by_label("Language of the text").select_option("de")
    member.get_by_label("Visibility").select_option("network")
    member.get_by_label("Publish now").check()
    member.get_by_role("button", name="Save").click()
    expect(member.get_by_role("heading", name="Wir suchen Produktdesign")).to_be_visible()

    member.get_by_role("link", name="My organisation").click()
    member.get_by_role("link", name="Recommended partners").click()
    first = member.locator("article.recommendation").first
    expect(first).to_contain_text("Product Designers Ltd")
    expect(first.locator(".reasons")).to_contain_text("Product design")
    first.get_by_role("link", name="Ask for an introduction").click()
    member.get_by_label("Message").fill("We make furniture and need a product designer.")
    member.get_by_role("button", name="Send request").click()
    expect(member.locator("#introduction-status")).to_have_text("Requested")
    expect(member.get_by_text("dora@designers.example")).to_have_count(0)

    other.set_default_timeout(15_000)
    _login(other, "manager_b")
    other.get_by_role("link", name="Introductions").click()
    other.get_by_role("link", name="Alpha Design GmbH → Product Designers Ltd").click()
    other.get_by_role("button", name="Accept").click()
    expect(other.locator("#introduction-status")).to_have_text("Accepted")

    member.reload()
    expect(member.locator("#introduction-status")).to_have_text("Accepted")
    expect(member.locator("#introduction-contacts")).to_contain_text("dora@designers.example")
