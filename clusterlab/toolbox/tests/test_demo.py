"""The demo toolbox loads on a small network: entries in every language, reviews, questions."""

from __future__ import annotations

import pytest

from clusterlab.pilots import demo as pilots_demo
from clusterlab.registry.demo import seed_demo
from clusterlab.toolbox import demo, selectors
from clusterlab.toolbox.models import Answer, Entry, EntryStatus, Question, Review

pytestmark = pytest.mark.django_db


def test_demo_toolbox_on_a_small_network():
    seed_demo(clusters=4, organisations=120, seed=3)
    pilots_demo.extend_demo(seed=3)
    made = demo.extend_demo(seed=3)
    entries = Entry.objects.all()
    assert 55 <= entries.count() <= 65
    assert (
        made
        == entries.count()
        + Review.objects.count()
        + Question.objects.count()
        + Answer.objects.count()
    )
    assert set(entries.values_list("language", flat=True)) == {
        "en",
        "de",
        "fr",
        "es",
        "it",
        "pl",
        "ca",
    }
    assert set(entries.values_list("status", flat=True)) == set(EntryStatus.values)
    assert entries.filter(original__isnull=False).count() == 9
    assert entries.filter(kind="lesson", source_lesson__isnull=False).count() == 3
    assert Review.objects.exists() and Answer.objects.filter(is_good=True).exists()
    hits = selectors.entry_search(user=None, filters=selectors.SearchFilters(query="Gutscheine"))
    assert hits and any(h.translations for h in hits)
    assert entries.filter(versions__number=2).exists()
