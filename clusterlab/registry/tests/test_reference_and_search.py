"""Reference data loaded from the shipped files; full-text search on both databases."""

import pytest

from clusterlab.registry.models import (
    Capability,
    Country,
    CreativeDefinitionSet,
    Language,
    NaceSector,
    NutsRegion,
    Organisation,
)
from clusterlab.registry.reference_data import reference_data_load
from clusterlab.registry.search import filter_by_text, tokens_of
from clusterlab.registry.selectors import DirectoryFilters, organisation_directory

pytestmark = pytest.mark.django_db


def test_reference_data_is_complete_and_loading_again_adds_nothing():
    assert NaceSector.objects.filter(level=4).count() == 615
    assert NaceSector.objects.count() == 996
    assert NutsRegion.objects.count() == 2320
    assert NutsRegion.objects.get(code="DE11").name == "Stuttgart"
    assert NutsRegion.objects.get(code="ES51").parent_id == "ES5"
    assert Country.objects.get(code="EL").iso_code == "GR"
    assert Language.objects.filter(is_working_language=True).count() == 7
    assert (
        NaceSector.objects.get(code="74.10").name_de
        == "Ateliers für Textil-, Schmuck-, Grafik- u. ä. Design"
    )
    assert 100 <= Capability.objects.count() <= 200
    assert all(all(c.all_labels()) for c in Capability.objects.all())
    sets = {s.slug: s.entries.count() for s in CreativeDefinitionSet.objects.all()}
    assert sets == {"eurostat-cultural": 34, "dcms-creative": 31}
    assert all(s.source for s in CreativeDefinitionSet.objects.all())
    assert set(reference_data_load().values()) == {0}


def test_words_are_sanitised_before_they_reach_the_index():
    assert tokens_of('design" OR * -- ; DROP') == ["design", "or", "drop"]


def test_full_text_search_matches_prefixes_of_every_word(cast):
    base = Organisation.objects.all()
    assert set(filter_by_text(base, "alpha")) == {cast.org_a}
    assert set(filter_by_text(base, "Bravo lil")) == {cast.org_b}  # name + city prefix
    assert set(filter_by_text(base, "profile atelier")) == {cast.org_a_public}
    assert list(filter_by_text(base, "nothinglikethis")) == []


def test_search_index_follows_updates_and_deletes(cast):
    from clusterlab.registry import services

    services.organisation_update(
        actor=None, organisation=cast.org_a, data={"description": "Typography and wayfinding"}
    )
    assert set(filter_by_text(Organisation.objects.all(), "wayfind")) == {cast.org_a}
    cast.org_b.delete()
    assert list(filter_by_text(Organisation.objects.all(), "Bravo Textiles")) == []


def test_directory_filters_combine(cast):
    def names(**filters):
        qs = organisation_directory(user=cast.coordinator, filters=DirectoryFilters(**filters))
        return sorted(qs.values_list("name", flat=True))

    assert names(country="fr") == ["Bravo Network SAS", "Bravo Textiles SAS"]
    assert names(region="DE1") == ["Alpha Design GmbH"]  # DE111 lies in DE1
    assert names(sector="C") == ["Bravo Network SAS", "Bravo Textiles SAS"]  # manufacturing
    assert names(sector="13.2") == ["Bravo Textiles SAS"]
    assert names(sector="71") == ["Atelier Public GmbH"]
    assert names(creative="yes") == ["Alpha Design GmbH", "Atelier Public GmbH"]
    assert names(creative_domain="architecture") == ["Atelier Public GmbH"]
    assert names(cluster="cluster-b", q="network") == ["Bravo Network SAS"]
