"""The demo edition: built from the published toolbox entries, published; none without them."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from clusterlab.greenbook import demo
from clusterlab.greenbook.models import ChapterEntry, Edition
from clusterlab.toolbox.models import Entry

from .conftest import make_entry

pytestmark = pytest.mark.django_db


def test_demo_makes_nothing_without_published_entries(cast):
    make_entry(cast, "Only a draft", status="draft")
    assert demo.extend_demo(seed=1) == 0
    assert not Edition.objects.exists()


def test_demo_edition_has_a_chapter_per_kind_a_glossary_and_is_published(cast, entries):
    made = demo.extend_demo(seed=1)
    edition = Edition.objects.get()
    assert (edition.title, edition.status) == (demo.TITLE, "published")
    assert [c.title for c in edition.chapters.order_by("position")] == [
        "Instruments ready to use",
        "Methods for bringing creative and traditional firms together",
        "Cases: what clusters did and what came of it",
    ]
    assert edition.glossary.count() == len(demo.GLOSSARY)
    assert ChapterEntry.objects.filter(chapter__edition=edition).count() == 4
    assert made == 1 + 3 + 4 + len(demo.GLOSSARY)


def test_seed_demo_builds_the_edition_from_the_toolbox_demo():
    call_command(
        "seed_demo", "--clusters", "4", "--organisations", "240", "--seed", "2", stdout=StringIO()
    )
    published = Entry.objects.filter(status="published").count()
    editions = Edition.objects.filter(title=demo.TITLE, status="published")
    assert editions.count() == (1 if published else 0)
    if published:
        assert 1 <= editions.get().chapters.count() <= len(demo.CHAPTERS)
