"""The REST API: the same visibility and services as the pages."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from clusterlab.toolbox import services
from clusterlab.toolbox.models import Entry, Review

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_entries_published_to_all_drafts_to_authors_and_editors(draft, published_other, cast):
    def ids(user) -> set[int]:
        rows = api(user).get("/api/toolbox-entries/").json()["results"]
        return {row["id"] for row in rows}

    assert ids(None) == {published_other.pk}
    assert ids(cast.manager_a) == {draft.pk, published_other.pk}
    assert ids(cast.coordinator) == {draft.pk, published_other.pk}
    assert ids(cast.manager_b) == {published_other.pk}
    assert api(cast.manager_b).get(f"/api/toolbox-entries/{draft.pk}/").status_code == 404


@pytest.fixture
def published_other(cast):
    entry = services.entry_create(
        actor=cast.manager_b,
        cluster=cast.cluster_b,
        data={"kind": "case", "title": "Lille case", "summary": "s", "language": "fr"},
    )
    services.entry_submit(actor=cast.manager_b, entry=entry)
    return services.entry_publish(actor=cast.coordinator, entry=entry)


def test_create_update_translate_submit_publish_over_the_api(cast):
    client = api(cast.manager_a)
    created = client.post(
        "/api/toolbox-entries/",
        {
            "cluster": "cluster-a",
            "kind": "tool",
            "title": "Gutschein-Vorlage",
            "summary": "Vorlage",
            "body": "<script>x</script>**fett**",
            "language": "de",
            "tags": ["Vouchers"],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["tags"] == ["vouchers"]
    assert "<script>" not in created.json()["body_html"]
    assert (
        client.patch(f"/api/toolbox-entries/{pk}/", {"title": "Neu"}, format="json").status_code
        == 200
    )
    translated = client.post(
        f"/api/toolbox-entries/{pk}/translate/",
        {"language": "en", "title": "Voucher template", "summary": "Template"},
        format="json",
    )
    assert translated.status_code == 201 and translated.json()["original"] == pk
    assert client.post(f"/api/toolbox-entries/{pk}/submit/").json()["status"] == "review"
    assert client.post(f"/api/toolbox-entries/{pk}/publish/").status_code == 403
    published = api(cast.coordinator).post(f"/api/toolbox-entries/{pk}/publish/")
    assert published.json()["status"] == "published"
    assert Entry.objects.get(pk=pk).versions.count() == 2


def test_writing_into_another_cluster_is_refused(cast):
    response = api(cast.manager_b).post(
        "/api/toolbox-entries/",
        {"cluster": "cluster-a", "kind": "tool", "title": "x", "summary": "y", "language": "en"},
        format="json",
    )
    assert response.status_code == 403
    assert Entry.objects.count() == 0


def test_reviews_over_the_api(in_review, cast):
    body = {
        "entry": in_review.pk,
        "comment": "Good",
        "evidence_level": "documented",
        "used_it": True,
    }
    assert api(cast.manager_a).post("/api/toolbox-reviews/", body, format="json").status_code == 403
    response = api(cast.manager_b).post("/api/toolbox-reviews/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["cluster"] == "cluster-b"
    assert api(None).get("/api/toolbox-reviews/").json()["count"] == 0  # still in review
    assert Review.objects.count() == 1


def test_reviews_of_invisible_drafts_cannot_be_written(draft, cast):
    body = {"entry": draft.pk, "comment": "x", "evidence_level": "anecdotal"}
    assert api(cast.manager_b).post("/api/toolbox-reviews/", body, format="json").status_code == 400


def test_questions_and_answers_need_a_login(cast):
    assert api(None).get("/api/toolbox-questions/").status_code in (401, 403)
    asked = api(cast.manager_a).post(
        "/api/toolbox-questions/", {"title": "Pricing?", "language": "en"}, format="json"
    )
    assert asked.status_code == 201
    qid = asked.json()["id"]
    answered = api(cast.manager_b).post(
        "/api/toolbox-answers/", {"question": qid, "body": "Day rates"}, format="json"
    )
    assert answered.status_code == 201
    aid = answered.json()["id"]
    assert (
        api(cast.manager_b).post(f"/api/toolbox-answers/{aid}/mark/", {}, format="json").status_code
        == 403
    )
    marked = api(cast.manager_a).post(
        f"/api/toolbox-answers/{aid}/mark/", {"good": True}, format="json"
    )
    assert marked.json()["is_good"] is True
    detail = api(cast.member_a).get(f"/api/toolbox-questions/{qid}/").json()
    assert detail["answers"][0]["body"] == "Day rates"


def test_an_entry_cannot_be_moved_to_another_cluster(draft, cast):
    url = f"/api/toolbox-entries/{draft.pk}/"
    response = api(cast.manager_a).patch(url, {"cluster": "cluster-b"}, format="json")
    assert response.status_code == 400
    assert (
        api(cast.manager_a).patch(url, {"cluster": "cluster-a"}, format="json").status_code == 200
    )
    draft.refresh_from_db()
    assert draft.cluster == cast.cluster_a
