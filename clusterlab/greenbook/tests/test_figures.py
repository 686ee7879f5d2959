"""Figures from pilot evaluations: a chapter's chosen pilot, a lesson's related pilot."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from clusterlab.greenbook import selectors, services
from clusterlab.greenbook.models import Edition
from clusterlab.pilots import services as pilot_services
from conftest import make_org

from .conftest import make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated_pilot(cast):
    pilot = pilot_services.pilot_create(
        actor=None,
        data={
            "code": "P07",
            "title": "Design vouchers",
            "lead_cluster": cast.cluster_a,
            "instrument": "A voucher",
            "hypothesis": "More products",
            "starts_on": dt.date(2026, 1, 1),
            "ends_on": dt.date(2026, 12, 31),
        },
    )
    indicator = pilot_services.indicator_add(
        actor=None, pilot=pilot, data={"name": "New products", "method": "manual"}
    )
    participants = [
        pilot_services.participant_add(
            actor=None, pilot=pilot, organisation=make_org(f"Firm {n}", cluster=cast.cluster_a)
        )
        for n in range(4)
    ]
    for phase, base in (("baseline", 1.0), ("endline", 3.0)):
        pilot_services.measurements_record(
            actor=None,
            indicator=indicator,
            phase=phase,
            values={p.pk: base + i for i, p in enumerate(participants)},
        )
    return pilot


def test_chapter_pilot_chart_is_frozen_into_the_published_edition(cast, edition, evaluated_pilot):
    chapter = edition.chapters.get(title="Tools")
    services.chapter_update(actor=cast.manager_a, chapter=chapter, data={"pilot": evaluated_pilot})
    services.edition_publish(actor=cast.coordinator, edition=edition)
    evaluated_pilot.delete()
    pub = selectors.edition_publication(edition=Edition.objects.get(pk=edition.pk))
    assert "<svg" in pub.chapters[0].figure_svg and "P07" in pub.chapters[0].figure_caption


def test_editor_may_only_attach_a_pilot_they_can_see(cast, edition, evaluated_pilot):
    from clusterlab.core.errors import DomainError
    from clusterlab.registry.models import Cluster

    services.edition_update(
        actor=cast.coordinator, edition=edition, data={}, editors=[cast.manager_b]
    )
    chapter = edition.chapters.get(title="Tools")
    assert not Cluster.objects.filter(managers=cast.manager_b, pk=cast.cluster_a.pk).exists()
    with pytest.raises(DomainError, match="pilot"):
        services.chapter_update(
            actor=cast.manager_b, chapter=chapter, data={"pilot": evaluated_pilot}
        )


def test_lesson_related_to_a_pilot_carries_its_chart(cast, edition, evaluated_pilot):
    lesson = make_entry(cast, "Vouchers need a broker", kind="lesson")
    lesson.related_pilots.add(evaluated_pilot)
    chapter = edition.chapters.get(title="Methods")
    services.chapter_entry_add(actor=cast.coordinator, chapter=chapter, entry=lesson)
    services.edition_publish(actor=cast.coordinator, edition=edition)
    item = selectors.edition_publication(edition=Edition.objects.get(pk=edition.pk)).items[-1]
    assert item.title == "Vouchers need a broker" and "<svg" in item.figure_svg


def test_chart_coordinates_are_not_localised(evaluated_pilot):
    from django.utils import translation

    from clusterlab.greenbook import figures

    with translation.override("de"):
        svg, _caption = figures.pilot_figure(evaluated_pilot)
    coordinates = re.findall(r'\b(?:x|y|width|height|cx|x1|x2)="([^"]*)"', svg)
    assert coordinates and not [c for c in coordinates if "," in c]


def test_a_draft_hides_a_pilot_chart_from_an_editor_of_another_cluster(
    cast, edition, evaluated_pilot
):
    lesson = make_entry(cast, "Vouchers need a broker", kind="lesson")
    lesson.related_pilots.add(evaluated_pilot)
    services.chapter_entry_add(
        actor=cast.coordinator, chapter=edition.chapters.get(title="Methods"), entry=lesson
    )
    services.chapter_update(
        actor=cast.coordinator,
        chapter=edition.chapters.get(title="Tools"),
        data={"pilot": evaluated_pilot},
    )
    pub = selectors.edition_publication(edition=edition)
    assert pub.chapters[0].figure_svg and pub.items[-1].figure_svg  # manager_a runs the pilot
    services.edition_update(
        actor=cast.coordinator, edition=edition, data={}, editors=[cast.manager_a, cast.manager_b]
    )
    pub = selectors.edition_publication(edition=edition)
    assert not pub.chapters[0].figure_svg and not pub.items[-1].figure_svg
    # Publishing, the coordinator's decision, discloses the charts.
    services.edition_publish(actor=cast.coordinator, edition=edition)
    pub = selectors.edition_publication(edition=Edition.objects.get(pk=edition.pk))
    assert pub.chapters[0].figure_svg and pub.items[-1].figure_svg
