"""The first demo Greenbook edition (called by `seed_demo` after the toolbox's demo).

Built from the published toolbox entries present at that time, one chapter per kind; the
PDF is not rendered here (a 60-entry edition takes several seconds): the first request for
it queues the render.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from clusterlab.registry.models import Cluster
from clusterlab.toolbox.models import Entry, EntryStatus

from . import services

TITLE = "Greenbook 2026: new approaches to supporting creative SMEs"
SUBTITLE = "Tools, methods, cases and lessons from the Cluster Lab network"
FOREWORD = """This first Greenbook collects what the clusters of our network tried, measured and
learned while supporting creative SMEs and their partners in traditional industry.

Every entry was written by a cluster manager, reviewed by peers from other clusters and
published in the shared toolbox. Where a lesson comes from a pilot action, its evaluation is
shown next to it. Use the entries freely, adapt them, and tell us what happened."""

# (kinds, title, introduction): one chapter per group that has published entries.
CHAPTERS = [
    (("tool",), "Instruments ready to use",
     "Vouchers, checklists and formats that a cluster can start using next week."),
    (("method",), "Methods for bringing creative and traditional firms together",
     "Processes that worked across sectors and borders, step by step."),
    (("case",), "Cases: what clusters did and what came of it",
     "Short stories of real projects, with the numbers that matter."),
    (("lesson",), "Lessons learned from pilot actions",
     "What our experiments showed, with the evidence behind each lesson."),
    (("template",), "Templates to download and adapt",
     "Documents the network uses: agreements, briefs and evaluation forms."),
]  # fmt: skip
GLOSSARY = [
    ("Creative voucher", "A small grant a firm spends on services from a creative business."),
    ("Cross-sectoral collaboration", "A project between a creative firm and a firm of another "
     "sector, such as manufacturing, tourism or health."),
    ("Difference-in-differences", "The change in the treated group minus the change in the "
     "comparison group: the effect estimate of our pilot evaluations."),
    ("Pilot action", "An instrument tried with a group of firms as an experiment, with "
     "indicators measured before and after."),
    ("SME", "A small or medium-sized enterprise: fewer than 250 employees."),
    ("Toolbox", "The network's shared collection of tools, methods, cases, lessons and "
     "templates, from which the Greenbook is edited."),
]  # fmt: skip
PER_CHAPTER = 14


def extend_demo(*, seed: int) -> int:
    """Create and publish the first edition from the published entries; return rows made."""
    entries = list(
        Entry.objects.filter(status=EntryStatus.PUBLISHED).order_by("kind", "title", "pk")
    )
    if not entries:
        return 0
    User = get_user_model()
    coordinator = User.objects.filter(is_coordinator=True).order_by("pk").first()
    manager = User.objects.filter(managed_clusters__in=Cluster.objects.all()).order_by("pk")
    edition = services.edition_create(
        actor=None,
        data={"title": TITLE, "subtitle": SUBTITLE, "language": "en", "foreword": FOREWORD},
        editors=[u for u in (coordinator, manager.first()) if u is not None],
    )
    made = 1
    for kinds, title, introduction in CHAPTERS:
        picked = [e for e in entries if e.kind in kinds][:PER_CHAPTER]
        if not picked:
            continue
        chapter = services.chapter_add(
            actor=None, edition=edition, data={"title": title, "introduction": introduction}
        )
        made += 1
        for entry in picked:
            services.chapter_entry_add(actor=None, chapter=chapter, entry=entry)
            made += 1
    for term, definition in GLOSSARY:
        services.glossary_term_add(actor=None, edition=edition, term=term, definition=definition)
        made += 1
    services.edition_publish(actor=None, edition=edition)
    return made
