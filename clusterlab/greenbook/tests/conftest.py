"""Published toolbox entries (one German with an English translation) and an edition of them."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.utils import timezone

from clusterlab.greenbook import services
from clusterlab.toolbox.models import Entry


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make_entry(cast, title: str, *, kind: str = "tool", language: str = "en", **extra) -> Entry:
    return Entry.objects.create(
        kind=kind,
        title=title,
        summary=extra.pop("summary", f"Summary of {title}"),
        body=extra.pop("body", f"What **{title}** is, and how to use it."),
        language=language,
        cluster=extra.pop("cluster", cast.cluster_a),
        author=extra.pop("author", cast.manager_a),
        status=extra.pop("status", "published"),
        published_at=timezone.now(),
        **extra,
    )


@pytest.fixture
def entries(cast):
    voucher_de = make_entry(cast, "Kreativgutschein", language="de", kind="tool")
    voucher_en = make_entry(cast, "Creative voucher", language="en", original=voucher_de)
    sprint = make_entry(cast, "Co-creation sprint", kind="method")
    case = make_entry(cast, "Textile meets design", kind="case", cluster=cast.cluster_b)
    draft = make_entry(cast, "Unfinished idea", status="draft")
    return SimpleNamespace(
        voucher_de=voucher_de, voucher_en=voucher_en, sprint=sprint, case=case, draft=draft
    )


@pytest.fixture
def edition(cast, entries):
    """A draft with two chapters, three entries, a glossary term; manager_a is an editor."""
    edition = services.edition_create(
        actor=cast.coordinator,
        data={"title": "Greenbook 2026", "subtitle": "New approaches", "foreword": "Welcome."},
        editors=[cast.manager_a],
    )
    tools = services.chapter_add(
        actor=cast.coordinator,
        edition=edition,
        data={"title": "Tools", "introduction": "Instruments ready to use."},
    )
    methods = services.chapter_add(
        actor=cast.coordinator, edition=edition, data={"title": "Methods"}
    )
    for entry in (entries.voucher_de, entries.voucher_en):
        services.chapter_entry_add(actor=cast.coordinator, chapter=tools, entry=entry)
    services.chapter_entry_add(actor=cast.coordinator, chapter=methods, entry=entries.sprint)
    services.glossary_term_add(
        actor=cast.coordinator, edition=edition, term="Voucher", definition="A small grant."
    )
    return edition
