"""Demo toolbox: about sixty entries in seven languages, translations, reviews and questions."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from clusterlab.registry.models import Cluster, NaceSector

from . import services
from .demo_content import ENTRIES, QUESTIONS, TRANSLATIONS
from .models import Entry, EntryStatus

# The NACE division each creative domain mostly falls in.
DOMAIN_DIVISIONS = {
    "Design and designer fashion": "74",
    "Architecture": "71",
    "Crafts": "32",
    "Film, TV, video, radio and photography": "59",
    "IT, software and computer services": "62",
    "Music, performing and visual arts": "90",
    "Publishing": "58",
    "Advertising and marketing": "73",
}
REVIEW_COMMENTS = [
    ("We ran something very close to this; the numbers match ours.", True, True, "documented"),
    ("Clear and usable. We would add a section on follow-up.", False, True, "anecdotal"),
    ("Our evaluation with a comparison group supports this.", True, True, "evaluated"),
    ("Interesting, but it needs a budget line for facilitation.", False, False, "anecdotal"),
]


def extend_demo(*, seed: int) -> int:
    """Create the demo toolbox; return how many rows were made."""
    clusters = list(Cluster.objects.order_by("pk").prefetch_related("managers"))
    if not clusters:
        return 0
    rng = random.Random(seed + 808)
    divisions = {s.code: s for s in NaceSector.objects.filter(version="2", level=2)}
    managed = [c for c in clusters if c.managers.all()]
    by_title: dict[str, Entry] = {}
    for index, row in enumerate(ENTRIES):
        # The clusters with demo manager accounts write a good share, so their pages show some.
        cluster = managed[index % len(managed)] if managed and index % 3 == 0 else None
        cluster = cluster or clusters[(index * 7 + seed) % len(clusters)]
        by_title[row[2]] = _entry(row, cluster, index, divisions)
    made = len(ENTRIES)
    for root_title, language, title, summary, body in TRANSLATIONS:
        root = by_title[root_title]
        translation = services.entry_translate(
            actor=None,
            entry=root,
            data={"language": language, "title": title, "summary": summary, "body": body},
        )
        if root.status == EntryStatus.PUBLISHED:
            _publish(translation, days_ago=rng.randint(1, 60))
        made += 1
    made += _lessons(rng)
    made += _reviews(managed, rng)
    made += _questions(managed)
    return made


def _manager(cluster: Cluster):
    managers = list(cluster.managers.all())
    return managers[0] if managers else None


def _entry(row, cluster: Cluster, index: int, divisions) -> Entry:
    kind, language, title, summary, body, tags, domains = row
    sectors = [
        divisions[DOMAIN_DIVISIONS[d]] for d in domains if DOMAIN_DIVISIONS.get(d) in divisions
    ]
    entry = services.entry_create(
        actor=_manager(cluster),
        cluster=cluster,
        data={"kind": kind, "language": language, "title": title, "summary": summary, "body": body},
        tags=tags,
        domains=domains,
        sectors=sectors,
    )
    if index % 4 == 1:  # a second, edited version shows the history and its diff
        services.entry_update(
            actor=None,
            entry=entry,
            data={"body": body + "\n\n*Updated after feedback from the network.*"},
        )
    if index % 11 == 5:
        return entry  # stays a draft
    services.entry_submit(actor=None, entry=entry)
    if index % 8 == 3:
        return entry  # waits in review
    _publish(entry, days_ago=400 - 7 * index)
    return entry


def _publish(entry: Entry, *, days_ago: int) -> None:
    if entry.status == EntryStatus.DRAFT:
        services.entry_submit(actor=None, entry=entry)
    services.entry_publish(actor=None, entry=entry)
    when = timezone.now() - dt.timedelta(days=max(days_ago, 1))
    Entry.objects.filter(pk=entry.pk).update(published_at=when)


def _lessons(rng: random.Random) -> int:
    from clusterlab.pilots.models import Lesson

    made = 0
    for number, lesson in enumerate(Lesson.objects.select_related("pilot").order_by("pk")[:3]):
        entry = services.entry_from_lesson(actor=None, lesson=lesson)
        if number < 2:
            _publish(entry, days_ago=rng.randint(5, 90))
        made += 1
    return made


def _reviews(managed: list[Cluster], rng: random.Random) -> int:
    made = 0
    reviewable = Entry.objects.exclude(status=EntryStatus.DRAFT).order_by("pk")
    for cluster in managed:
        reviewer = _manager(cluster)
        candidates = [
            e for e in reviewable if e.cluster_id != cluster.pk and e.author_id != reviewer.pk
        ]
        for entry in rng.sample(candidates, min(8, len(candidates))):
            comment, used, would, level = REVIEW_COMMENTS[rng.randrange(len(REVIEW_COMMENTS))]
            services.review_save(
                actor=reviewer,
                entry=entry,
                comment=comment,
                used_it=used,
                would_use=would,
                evidence_level=level,
                cluster=cluster,
            )
            made += 1
    return made


def _questions(managed: list[Cluster]) -> int:
    people = [_manager(c) for c in managed] or [None]
    made = 0
    for number, (title, language, answers, good) in enumerate(QUESTIONS):
        asker = people[number % len(people)]
        question = services.question_ask(actor=asker, title=title, language=language)
        for position, text in enumerate(answers):
            author = people[(number + position + 1) % len(people)]
            answer = services.answer_add(actor=author, question=question, body=text)
            if position == good:
                services.answer_mark(actor=None, answer=answer)
            made += 1
        made += 1
    return made
