"""The greenbook app's part of the tenant matrix and the API fuzzing (see core.tenant_testing).

A draft edition is private to its editors and coordinators: in the matrix, cluster A's
manager edits the draft; cluster B's manager and visitors must be refused everything.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone

from clusterlab.core.tenant_testing import AUTH, PRIVATE, PUBLIC, ApiCase, PageCase
from clusterlab.greenbook.models import Chapter, ChapterEntry, Edition, GlossaryTerm, RenderJob

ROUTE_CLASSES: dict[str, str] = {
    "greenbook:home": PUBLIC,
    "greenbook:edition-new": AUTH,
    "greenbook:edition": PRIVATE,
    "greenbook:chapter": PRIVATE,
    "greenbook:glossary": PRIVATE,
    "greenbook:pdf": PRIVATE,
    "greenbook:render-job": PRIVATE,
    "greenbook:edit": PRIVATE,
    "greenbook:chapter-add": PRIVATE,
    "greenbook:chapter-edit": PRIVATE,
    "greenbook:chapter-move": PRIVATE,
    "greenbook:chapter-delete": PRIVATE,
    "greenbook:item-add": PRIVATE,
    "greenbook:item-move": PRIVATE,
    "greenbook:item-remove": PRIVATE,
    "greenbook:term-add": PRIVATE,
    "greenbook:term-delete": PRIVATE,
    "greenbook:publish": PRIVATE,
    "greenbook:render": PRIVATE,
    "greenbook-edition-list": PUBLIC,  # lists by visibility: published ones, own drafts
    "greenbook-edition-detail": PRIVATE,
}

DRAFT_TITLE_A = "Draft Greenbook of Alpha's confidential voucher pricing"
CHAPTER_A = "Chapter on Alpha's unannounced pricing"
TERM_A = "Alpha-secret-term"
SECRETS_A: tuple[str, ...] = (DRAFT_TITLE_A, CHAPTER_A, TERM_A)


SNAPSHOT_MODELS = [
    Edition, Edition.editors.through, Chapter, ChapterEntry, GlossaryTerm, RenderJob,
]  # fmt: skip


def _draft(cast, title: str, chapter_title: str, term: str, editor):
    from clusterlab.greenbook import services
    from clusterlab.toolbox.models import Entry

    entries = [
        Entry.objects.create(
            kind=kind,
            title=f"{title[:20]} {kind}",
            summary="s",
            body="b",
            language="en",
            cluster=cast.cluster_a,
            author=cast.manager_a,
            status="published",
            published_at=timezone.now(),
        )  # fmt: skip
        for kind in ("tool", "method", "case")
    ]
    edition = services.edition_create(
        actor=None, data={"title": title, "foreword": "Private draft."}, editors=[editor]
    )
    chapter = services.chapter_add(actor=None, edition=edition, data={"title": chapter_title})
    second = services.chapter_add(actor=None, edition=edition, data={"title": "Second"})
    items = [
        services.chapter_entry_add(actor=None, chapter=chapter, entry=entry)
        for entry in entries[:2]
    ]
    term = services.glossary_term_add(actor=None, edition=edition, term=term, definition="x")
    edition.pdf.save("greenbook-draft.pdf", ContentFile(b"%PDF-1.4 draft"), save=True)
    job = RenderJob.objects.create(edition=edition, status="done", stage="finished", percent=100)
    return edition, chapter, second, items, term, job, entries[2]


def world(cast) -> dict:
    edition, chapter, second, items, term, job, spare = _draft(
        cast, DRAFT_TITLE_A, CHAPTER_A, TERM_A, cast.manager_a
    )
    return {
        "gb_edition": edition,
        "gb_chapter": chapter,
        "gb_second": second,
        "gb_items": items,
        "gb_term": term,
        "gb_job": job,
        "gb_spare_entry": spare,
    }


def _e(w) -> dict:
    return {"pk": w.gb_edition.pk}


def _c(w) -> dict:
    return {"pk": w.gb_edition.pk, "chapter_pk": w.gb_chapter.pk}


def _i(w) -> dict:
    return {**_c(w), "item_pk": w.gb_items[0].pk}


PAGE_CASES = [
    PageCase("greenbook:edition", _e),
    PageCase("greenbook:chapter", _c),
    PageCase("greenbook:glossary", _e),
    PageCase("greenbook:pdf", _e),
    PageCase("greenbook:render-job", lambda w: {**_e(w), "job_pk": w.gb_job.pk}),
    PageCase("greenbook:edit", _e, post=lambda w: {"title": "Renamed", "language": "en"}),
    PageCase("greenbook:chapter-add", _e, post=lambda w: {"chapter-title": "New"}, get=False),
    PageCase(
        "greenbook:chapter-edit", _c, post=lambda w: {"title": "Renamed chapter"}, label="save"
    ),
    PageCase("greenbook:chapter-move", _c, post=lambda w: {"direction": "down"}, get=False),
    PageCase(
        "greenbook:chapter-delete",
        lambda w: {"pk": w.gb_edition.pk, "chapter_pk": w.gb_second.pk},
        post=lambda w: {},
        get=False,
    ),
    PageCase("greenbook:item-add", _c, post=lambda w: {"entry": w.gb_spare_entry.pk}, get=False),
    PageCase("greenbook:item-move", _i, post=lambda w: {"direction": "down"}, get=False),
    PageCase("greenbook:item-remove", _i, post=lambda w: {}, get=False),
    PageCase(
        "greenbook:term-add",
        _e,
        post=lambda w: {"term-term": "Cluster", "term-definition": "A network."},
        get=False,
    ),
    PageCase(
        "greenbook:term-delete",
        lambda w: {"pk": w.gb_edition.pk, "term_pk": w.gb_term.pk},
        post=lambda w: {},
        get=False,
    ),
    # Publishing is the coordinator's: cluster A's editor is refused too (no control).
    PageCase("greenbook:publish", _e, post=lambda w: {}, get=False, control=False),
    PageCase("greenbook:render", _e, post=lambda w: {}, get=False),
]

API_CASES = [
    ApiCase(
        "greenbook-edition-detail",
        _e,
        ("get", "put", "patch", "delete"),
        lambda w: {"title": "rewritten"},
        absent=("put", "patch", "delete"),
    ),  # fmt: skip
]

# --- API fuzzing ------------------------------------------------------------------------------

PRIVATE_RESOURCES: set[str] = {"greenbook-editions"}
CANARY_EDITION_A = "Greenbook draft alpha canary 7c1e"
CANARY_EDITION_B = "Greenbook draft bravo canary 2b9d"


def fuzz_world(world, cast, peer_a, peer_b, anonymous) -> None:
    """Each peer edits a draft edition the other may not see; a published one all may read."""
    from clusterlab.greenbook import services

    draft_a = _draft(cast, CANARY_EDITION_A, "Alpha chapter", "alpha-term", cast.manager_a)[0]
    draft_b = _draft(cast, CANARY_EDITION_B, "Bravo chapter", "bravo-term", cast.manager_b)[0]
    published = _draft(cast, "Published Greenbook", "Open chapter", "open-term", cast.manager_a)
    services.edition_publish(actor=None, edition=published[0])
    peer_a.canaries = (*peer_a.canaries, CANARY_EDITION_B)
    peer_b.canaries = (*peer_b.canaries, CANARY_EDITION_A)
    peer_a.forbidden["greenbook-editions"] = {str(draft_b.pk)}
    peer_b.forbidden["greenbook-editions"] = {str(draft_a.pk)}
    anonymous.canaries = (*anonymous.canaries, CANARY_EDITION_A, CANARY_EDITION_B)
    world.path_values["greenbook-editions"] = [draft_a.pk, draft_b.pk, published[0].pk]
