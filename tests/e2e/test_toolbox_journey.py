"""A manager writes a toolbox entry in German with an English translation, a peer of another
cluster reviews it, the editor publishes it, and a visitor's search finds it in both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from clusterlab.toolbox.models import Entry, Review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def login_as(browser, live_server):
    """A fresh browser per person; all closed before the live server stops."""
    contexts = []

    def open_page(username: str | None):
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        if username:
            page.goto("/accounts/login/")
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password").fill("pw-for-tests-1")
            page.get_by_role("button", name="Log in").click()
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_entry_from_writing_to_search(reference_data, cast, login_as):
    author = login_as("manager_a")
    author.goto("/toolbox/")
    author.get_by_role("link", name="Write an entry").click()
    author.locator("#id_cluster").select_option(label="Design Cluster A")
    author.locator("#id_kind").select_option("method")
    author.locator("#id_language").select_option("de")
    author.locator("#id_title").fill("Kreativgutscheine für Handwerksbetriebe")
    author.locator("#id_summary").fill(
        "Wie kleine Betriebe Designleistungen mit Gutscheinen kaufen."
    )
    author.locator("#id_body").fill("## Ablauf\n\nEin einseitiger Antrag genügt.")
    author.locator("#id_tags").fill("vouchers, crafts")
    author.get_by_role("button", name="Save").click()
    expect(author.locator("h1")).to_have_text("Kreativgutscheine für Handwerksbetriebe")
    expect(author.locator(".entry-body h2")).to_have_text("Ablauf")
    german = Entry.objects.get(language="de")

    author.locator("#translate-entry").click()
    author.locator("#id_language").select_option("en")
    author.locator("#id_title").fill("Creative vouchers for craft businesses")
    author.locator("#id_summary").fill("How small firms buy design services with vouchers.")
    author.locator("#id_body").fill("## How it works\n\nA one-page application is enough.")
    author.get_by_role("button", name="Save translation").click()
    expect(author.locator("h1")).to_have_text("Creative vouchers for craft businesses")
    english = Entry.objects.get(language="en")
    assert english.original == german
    expect(author.locator("#translations")).to_contain_text("Deutsch")
    author.locator("#submit-entry").click()
    expect(author.locator("#entry-status")).to_have_text("In review")
    author.goto(f"/toolbox/entries/{german.pk}/")
    expect(author.locator("#translations")).to_contain_text("English")
    author.locator("#submit-entry").click()
    expect(author.locator("#entry-status")).to_have_text("In review")

    peer = login_as("manager_b")
    peer.goto("/toolbox/")
    peer.locator("#unpublished").get_by_role(
        "link", name="Kreativgutscheine für Handwerksbetriebe"
    ).click()
    peer.locator("#id_comment").fill("Wir haben das in Lille ausprobiert: es funktioniert.")
    peer.locator("#id_used_it").check()
    peer.locator("#id_evidence_level").select_option("documented")
    peer.locator("#review-button").click()
    expect(peer.locator("#reviews")).to_contain_text("Textile Cluster B")
    review = Review.objects.get()
    assert (review.entry, review.reviewer, review.used_it) == (german, cast.manager_b, True)
    expect(peer.locator("#publish-entry")).to_have_count(0)

    editor = login_as("coordinator")
    for entry in (german, english):
        editor.goto(f"/toolbox/entries/{entry.pk}/")
        editor.locator("#publish-entry").click()
        expect(editor.locator("#entry-status")).to_have_text("Published")

    visitor = login_as(None)
    visitor.goto("/toolbox/")
    visitor.locator("#id_q").fill("Gutscheine")
    visitor.locator("#search-button").click()
    hit = visitor.locator("#results article").first
    expect(hit).to_contain_text("Kreativgutscheine für Handwerksbetriebe")
    expect(hit.locator(".translations")).to_contain_text("English")
    visitor.locator("#id_q").fill("voucher")
    visitor.locator("#search-button").click()
    expect(visitor.locator("#results article").first).to_contain_text(
        "Creative vouchers for craft businesses"
    )
    visitor.locator("#results article").first.get_by_role("link", name="Deutsch").click()
    expect(visitor.locator("h1")).to_have_text("Kreativgutscheine für Handwerksbetriebe")
    expect(visitor.locator("#reviews")).to_contain_text("es funktioniert")
