"""The coordinator builds a Greenbook edition from published toolbox entries (one German
with its English translation), publishes it, renders the PDF, and its contents are true."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clusterlab.greenbook.models import Edition
from clusterlab.greenbook.tests.test_pdf import assert_toc_true
from clusterlab.toolbox.models import Entry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-for-tests-1")
    page.get_by_role("button", name="Log in").click()


def _entry(cast, title: str, language: str, **extra) -> Entry:
    return Entry.objects.create(
        kind=extra.pop("kind", "tool"),
        title=title,
        summary=f"Summary of {title}",
        body=f"How **{title}** works.\n\n" + "Practice matters. " * 200,
        language=language,
        cluster=cast.cluster_a,
        author=cast.manager_a,
        status="published",
        published_at=timezone.now(),
        **extra,
    )


def _pick(page, query: str, title: str) -> None:
    page.locator("#id_q").fill(query)
    add = page.get_by_role("button", name=f"Add: {title}")
    expect(add).to_be_visible()
    add.click()
    expect(page.locator("#items")).to_contain_text(title)


def test_coordinator_publishes_an_edition_and_its_pdf_contents_are_true(
    reference_data, cast, page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    german = _entry(cast, "Kreativgutschein", "de")
    _entry(cast, "Creative voucher", "en", original=german)
    _entry(cast, "Co-creation sprint", "en", kind="method")
    _login(page, "coordinator")
    page.goto("/greenbook/")
    page.get_by_role("link", name="New edition").click()
    page.locator("#id_title").fill("Greenbook 2026")
    page.locator("#id_subtitle").fill("New approaches to supporting creative SMEs")
    page.get_by_role("button", name="Start the edition").click()
    expect(page.locator("h1")).to_contain_text("Greenbook 2026")

    page.locator("#id_chapter-title").fill("Vouchers")
    page.locator("#id_chapter-introduction").fill("Small grants, big effects.")
    page.get_by_role("button", name="Add the chapter").click()
    expect(page.locator("h1")).to_contain_text("Vouchers")
    _pick(page, "gutschein", "Kreativgutschein")
    _pick(page, "voucher", "Creative voucher")
    _pick(page, "sprint", "Co-creation sprint")

    page.get_by_role("link", name="Greenbook 2026").click()
    page.get_by_role("button", name="Publish the edition").click()
    expect(page.locator(".gb-cover h1")).to_contain_text("Greenbook 2026")
    expect(page.locator("#toc")).to_contain_text("Kreativgutschein")
    page.get_by_role("link", name="Editor's page").click()
    page.get_by_role("button", name="Render the PDF").click()
    expect(page.locator("#render-percent")).to_have_text("100", timeout=60_000)
    expect(page.locator("#render-status")).to_contain_text("Done")

    href = page.locator("#pdf-download").get_attribute("href")
    response = page.request.get(href)
    assert response.headers["content-type"] == "application/pdf"
    numbers = assert_toc_true(
        response.body(),
        ["1. Vouchers", "Kreativgutschein", "Creative voucher", "Co-creation sprint"],
    )
    assert numbers["Kreativgutschein"] < numbers["Co-creation sprint"]
    assert Edition.objects.get().status == "published"
