"""Search over the index tables: languages, translations, filters, visibility, related entries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clusterlab.toolbox import selectors, services
from clusterlab.toolbox.selectors import SearchFilters

from .conftest import entry_data

pytestmark = pytest.mark.django_db


def _titles(user, **filters) -> list[str]:
    return [
        h.entry.title for h in selectors.entry_search(user=user, filters=SearchFilters(**filters))
    ]


@pytest.fixture
def library(published, cast):
    english = services.entry_translate(
        actor=cast.manager_a,
        entry=published,
        data={
            "language": "en",
            "title": "Creative vouchers for craft firms",
            "summary": "How a cluster gives small vouchers for design services.",
        },
    )
    services.entry_submit(actor=cast.manager_a, entry=english)
    services.entry_publish(actor=cast.coordinator, entry=english)
    sprint = services.entry_create(
        actor=cast.manager_b,
        cluster=cast.cluster_b,
        data=entry_data(
            kind="case",
            language="en",
            title="Co-creation sprint with a textile mill",
            summary="Designers and engineers prototype in five days.",
            body="A sprint needs a clear brief and a voucher-free budget.",
        ),
        tags=["co-creation"],
    )
    services.entry_submit(actor=cast.manager_b, entry=sprint)
    services.entry_publish(actor=cast.coordinator, entry=sprint)
    return {"de": published, "en": english, "sprint": sprint}


def test_a_german_query_finds_the_german_entry_and_shows_its_english_translation(library, cast):
    hits = selectors.entry_search(user=None, filters=SearchFilters(query="Gutscheine"))
    assert [h.entry for h in hits] == [library["de"]]
    assert hits[0].translations == [library["en"]]


def test_an_english_query_ranks_by_relevance_with_title_first(library):
    found = _titles(None, query="vouchers")
    assert found[0] == "Creative vouchers for craft firms"
    assert set(found[1:]) == {library["de"].title, "Co-creation sprint with a textile mill"}
    assert _titles(None, query="sprints") == ["Co-creation sprint with a textile mill"]


def test_filters_by_kind_language_tag_cluster_and_domain(library, cast):
    assert _titles(None, query="vouchers", kind="case") == [
        "Co-creation sprint with a textile mill"
    ]
    assert _titles(None, language="de") == [library["de"].title]
    assert _titles(None, tag="CO-CREATION") == ["Co-creation sprint with a textile mill"]
    assert _titles(None, query="craft vouchers", cluster="cluster-a")[0] == library["en"].title
    assert set(_titles(None, domain="Design and designer fashion")) == {
        library["de"].title,
        library["en"].title,
    }


def test_drafts_are_found_only_by_those_who_may_see_them(library, cast):
    services.entry_create(
        actor=cast.manager_a,
        cluster=cast.cluster_a,
        data=entry_data(title="Geheime Gutscheinidee", language="de"),
    )
    assert "Geheime Gutscheinidee" in _titles(cast.manager_a, query="Gutschein")
    assert "Geheime Gutscheinidee" not in _titles(cast.manager_b, query="Gutschein")
    assert "Geheime Gutscheinidee" not in _titles(None, query="Gutschein")


def test_polish_and_catalan_are_stemmed(cast):
    for language, title in (("pl", "Bony na usługi projektowe"), ("ca", "Xecs de disseny")):
        services.entry_create(
            actor=cast.manager_a,
            cluster=cast.cluster_a,
            data=entry_data(language=language, title=title, summary="-", body=""),
        )
    assert _titles(cast.manager_a, query="bonów") == ["Bony na usługi projektowe"]
    assert _titles(cast.manager_a, query="xec") == ["Xecs de disseny"]


def test_editing_updates_the_index(draft, cast):
    services.entry_update(actor=cast.manager_a, entry=draft, data={"title": "Wertschöpfung"})
    assert _titles(cast.manager_a, query="Wertschöpfung") == ["Wertschöpfung"]
    assert _titles(cast.manager_a, query="Handwerksbetriebe") == []


def test_related_entries_share_tags_or_words_and_skip_translations(library, cast):
    related = selectors.entry_related(user=None, entry=library["de"])
    assert library["en"] not in related
    english_related = selectors.entry_related(user=None, entry=library["en"])
    assert english_related == [library["sprint"]]


def test_search_page_shows_hits_and_other_languages(library, clients):
    page = clients.visitor.get(reverse("toolbox:home"), {"q": "Gutscheine"}).content.decode()
    assert library["de"].title in page
    assert f'href="/toolbox/entries/{library["en"].pk}/"' in page
    page = clients.visitor.get(reverse("toolbox:home"), {"q": "x", "cluster": "nope", "kind": "?"})
    assert page.status_code == 200


def test_search_queries_are_few_for_many_entries(library, cast, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        selectors.entry_search(user=None, filters=SearchFilters(query="vouchers sprint"))


def test_reindex_command_indexes_entries_written_around_the_services(cast):
    from io import StringIO

    from django.core.management import call_command

    from clusterlab.toolbox.models import Entry, EntryStatus

    Entry.objects.create(
        kind="case",
        title="Besuch beim Designzentrum",
        summary="Bericht",
        language="de",
        cluster=cast.cluster_a,
        status=EntryStatus.PUBLISHED,
    )
    assert _titles(None, query="Designzentrum") == []
    out = StringIO()
    call_command("toolbox_reindex", stdout=out)
    assert out.getvalue().strip() == "Indexed 1 toolbox entries."
    assert _titles(None, query="Designzentrum") == ["Besuch beim Designzentrum"]


def test_sql_ranking_equals_the_engine_reference(library, cast):
    from clusterlab.toolbox.engine.search import bm25, query_terms, rank
    from clusterlab.toolbox.models import Entry, SearchDocument, SearchTerm

    n = SearchDocument.objects.count()
    average = sum(SearchDocument.objects.values_list("length", flat=True)) / n
    for query in ("vouchers", "Gutscheine für Betriebe", "sprint design firms", "craft"):
        terms = query_terms(query)
        postings = SearchTerm.objects.filter(term__in=list(terms)).values_list(
            "entry_id", "term", "weight", "length"
        )
        expected = rank(bm25(postings, n_documents=n, average_length=average, words=terms))
        assert selectors.ranked_ids(query, Entry.objects.all(), 50) == expected, query
