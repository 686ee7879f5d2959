"""The toolbox app's part of the tenant matrix and the API fuzzing (see core.tenant_testing).

Drafts are cluster A's private work: cluster B's manager and visitors never see or change
them. Entries in review are deliberately shown to every cluster manager (the peer reviewers),
and published entries to everyone, so the object routes are classified PUBLIC and their cases
below use a draft. Questions and answers are the whole network's (AUTH: any logged-in user).
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from clusterlab.core.tenant_testing import AUTH, PRIVATE, PUBLIC, ApiCase, PageCase

ROUTE_CLASSES: dict[str, str] = {
    "toolbox:home": PUBLIC,
    "toolbox:entry-new": PRIVATE,
    "toolbox:entry-detail": PUBLIC,
    "toolbox:entry-edit": PRIVATE,
    "toolbox:entry-translate": PRIVATE,
    "toolbox:entry-submit": PRIVATE,
    "toolbox:entry-publish": PRIVATE,
    "toolbox:entry-send-back": PRIVATE,
    "toolbox:entry-review": PRIVATE,
    "toolbox:entry-versions": PUBLIC,
    "toolbox:attachment-add": PRIVATE,
    "toolbox:attachment": PUBLIC,
    "toolbox:lessons": PRIVATE,
    "toolbox:lesson-to-entry": PRIVATE,
    "toolbox:questions": AUTH,
    "toolbox:question-detail": AUTH,
    "toolbox:answer-mark": AUTH,
    "toolbox-entry-list": PUBLIC,
    "toolbox-entry-detail": PUBLIC,
    "toolbox-entry-submit": PRIVATE,
    "toolbox-entry-publish": PRIVATE,
    "toolbox-entry-send-back": PRIVATE,
    "toolbox-entry-translate": PRIVATE,
    "toolbox-review-list": PUBLIC,
    "toolbox-review-detail": PUBLIC,
    "toolbox-question-list": AUTH,
    "toolbox-question-detail": AUTH,
    "toolbox-answer-list": AUTH,
    "toolbox-answer-detail": AUTH,
    "toolbox-answer-mark": AUTH,
}

DRAFT_TITLE_A = "Entwurf canary-toolbox-alpha-61c2"
DRAFT_BODY_A = "canary-toolbox-body-alpha-93fe"
SECRETS_A = (DRAFT_TITLE_A, DRAFT_BODY_A)


def _snapshot_models():
    from clusterlab.toolbox import models

    return [
        models.Entry,
        models.EntryVersion,
        models.EntryDomain,
        models.Attachment,
        models.Review,
        models.SearchTerm,
        models.Question,
        models.Answer,
    ]


SNAPSHOT_MODELS = _snapshot_models()


def _draft(cluster, author, title: str, body: str):
    from clusterlab.toolbox import services

    return services.entry_create(
        actor=author,
        cluster=cluster,
        data={"kind": "method", "title": title, "summary": "Kurz", "body": body, "language": "de"},
        tags=["vouchers"],
    )


def _lesson(cluster, code: str):
    from clusterlab.pilots import services as pilot_services

    pilot = pilot_services.pilot_create(
        actor=None,
        data={
            "code": code,
            "title": f"Pilot {code}",
            "lead_cluster": cluster,
            "instrument": "voucher",
            "hypothesis": "Vouchers help",
            "starts_on": dt.date(2026, 1, 1),
            "ends_on": dt.date(2026, 12, 31),
        },
    )
    return pilot_services.lesson_add(
        actor=None,
        pilot=pilot,
        what="Small vouchers work",
        for_whom="craft firms",
        evidence_level="observed",
    )


def world(cast) -> dict:
    from clusterlab.toolbox import services

    draft = _draft(cast.cluster_a, cast.manager_a, DRAFT_TITLE_A, DRAFT_BODY_A)
    attachment = services.attachment_add(
        actor=None, entry=draft, file=SimpleUploadedFile("plan.txt", b"private plan")
    )
    return {
        "toolbox_draft_a": draft,
        "toolbox_attachment_a": attachment,
        "toolbox_lesson_a": _lesson(cast.cluster_a, "TBX-A"),
    }


def _draft_pk(w) -> dict:
    return {"pk": w.toolbox_draft_a.pk}


PAGE_CASES: list[PageCase] = [
    PageCase("toolbox:entry-detail", _draft_pk),
    PageCase("toolbox:entry-versions", _draft_pk),
    PageCase(
        "toolbox:entry-edit",
        _draft_pk,
        post=lambda w: {"kind": "tool", "language": "de", "title": "Neu", "summary": "Kurz"},
    ),
    PageCase(
        "toolbox:entry-translate",
        _draft_pk,
        post=lambda w: {"language": "en", "title": "Draft", "summary": "Short"},
    ),
    PageCase("toolbox:entry-submit", _draft_pk, post=lambda w: {}, get=False),
    PageCase("toolbox:entry-publish", _draft_pk, post=lambda w: {}, get=False, control=False),
    PageCase(
        "toolbox:entry-send-back",
        _draft_pk,
        post=lambda w: {"back-comment": "No"},
        get=False,
        control=False,
    ),
    PageCase(
        "toolbox:entry-review",
        _draft_pk,
        post=lambda w: {"comment": "Fine", "evidence_level": "anecdotal"},
        get=False,
        control=False,
    ),
    PageCase(
        "toolbox:attachment-add",
        _draft_pk,
        post=lambda w: {"file": SimpleUploadedFile("notes.txt", b"notes")},
        get=False,
    ),
    PageCase("toolbox:attachment", lambda w: {"pk": w.toolbox_attachment_a.pk}),
    PageCase(
        "toolbox:lesson-to-entry",
        lambda w: {"pk": w.toolbox_lesson_a.pk},
        post=lambda w: {},
        get=False,
    ),
]

API_CASES: list[ApiCase] = [
    ApiCase(
        "toolbox-entry-detail",
        _draft_pk,
        ("get", "put", "patch", "delete"),
        body=lambda w: {"title": "Changed", "summary": "x", "kind": "tool", "language": "de"},
        absent=("delete",),
    ),
    ApiCase("toolbox-entry-submit", _draft_pk, ("post",)),
    ApiCase("toolbox-entry-publish", _draft_pk, ("post",)),
    ApiCase("toolbox-entry-send-back", _draft_pk, ("post",), body=lambda w: {"comment": "x"}),
    ApiCase(
        "toolbox-entry-translate",
        _draft_pk,
        ("post",),
        body=lambda w: {"language": "en", "title": "T", "summary": "S"},
    ),
]

BODY_KEYS = ("entry", "question")

# The API fuzzing: each cluster's draft; the other peer may neither read nor change it.
CANARY_DRAFT = {"a": "canary-toolbox-fuzz-alpha-0c7d", "b": "canary-toolbox-fuzz-bravo-5e1b"}


def fuzz_world(world, cast, peer_a, peer_b, anonymous) -> None:
    draft_a = _draft(cast.cluster_a, cast.manager_a, CANARY_DRAFT["a"], CANARY_DRAFT["a"])
    draft_b = _draft(cast.cluster_b, cast.manager_b, CANARY_DRAFT["b"], CANARY_DRAFT["b"])
    peer_a.canaries = (*peer_a.canaries, CANARY_DRAFT["b"])
    peer_b.canaries = (*peer_b.canaries, CANARY_DRAFT["a"])
    peer_a.forbidden["toolbox-entries"] = {str(draft_b.pk)}
    peer_b.forbidden["toolbox-entries"] = {str(draft_a.pk)}
    anonymous.canaries = (*anonymous.canaries, *CANARY_DRAFT.values())
    world.path_values["toolbox-entries"] = [draft_a.pk, draft_b.pk]
    world.body_values.setdefault("entry", []).extend([draft_a.pk, draft_b.pk])
    from clusterlab.toolbox import services

    question = services.question_ask(actor=cast.manager_a, title="How do you price vouchers?")
    services.answer_add(actor=cast.manager_b, question=question, body="By the day.")
    world.body_values.setdefault("question", []).append(question.pk)
