"""A cluster manager opens the network view, sees the clusters drawn, filters the ties by
kind and expands their own cluster into its members."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from clusterlab.network.tests.world import build_network

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A function (not an expression string): Playwright would `eval` a string, which CSP forbids.
DRAWN = "(n) => !!window.clusterlabNetwork && window.clusterlabNetwork.nodes().length === n"


def _login(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-for-tests-1")
    page.get_by_role("button", name="Log in").click()


def _click_node(page, node_id: str) -> None:
    """Click the node where cytoscape drew it on its canvas (a real mouse click)."""
    page.locator("#network-view").scroll_into_view_if_needed()
    # Cytoscape caches where its canvas sits on the page; refresh it after scrolling.
    page.evaluate("() => window.clusterlabNetwork.resize()")
    page.wait_for_timeout(200)
    point = page.evaluate(
        """(id) => {
            const cy = window.clusterlabNetwork;
            const p = cy.getElementById(id).renderedPosition();
            const box = cy.container().getBoundingClientRect();
            return {x: box.left + p.x, y: box.top + p.y};
        }""",
        node_id,
    )
    page.mouse.click(point["x"], point["y"])


def test_network_view_filters_and_expands(reference_data, cast, page):
    world = build_network(cast)
    _login(page, "manager_a")
    page.goto("/network/")
    expect(page.locator("h1")).to_contain_text("Design Cluster A")
    expect(page.locator("#network-figures")).to_contain_text("5")
    # The drawing: both clusters, on cytoscape's canvas.
    page.wait_for_function(DRAWN, arg=2)
    expect(page.locator("#network-view canvas").first).to_be_attached()
    labels = page.evaluate("window.clusterlabNetwork.nodes().map(n => n.data('label')).sort()")
    assert labels == ["Design Cluster A", "Textile Cluster B"]

    # Only accepted introductions: two ties touch cluster A's members.
    page.locator("#id_kind input[value='introduction']").check()
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#network-figures .stat").first).to_contain_text("2")
    assert "kind=introduction" in page.url
    page.wait_for_function(DRAWN, arg=2)

    # Expand cluster A: its members appear by name; the other cluster stays one node.
    _click_node(page, f"c{world.cluster_a.pk}")
    expect(page.locator("#network-view")).to_have_attribute("data-expanded", "cluster-a")
    page.wait_for_function(DRAWN, arg=4)
    drawn = page.evaluate(
        "window.clusterlabNetwork.nodes('[kind = \"organisation\"]').map(n => n.data('label'))"
    )
    assert sorted(drawn) == sorted([world.org_a.name, world.org_a_public.name])
    page.get_by_role("button", name="Back to clusters").click()
    page.wait_for_function(DRAWN, arg=2)

    # The figure opens the ties behind it.
    page.locator("#network-figures .stat a").first.click()
    expect(page.locator("#ties tbody tr")).to_have_count(2)
