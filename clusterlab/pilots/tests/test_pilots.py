"""Pilots: creation, participants and groups, measurements, evaluation, pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.pilots import selectors, services
from clusterlab.pilots.models import Measurement, Participant, Pilot
from clusterlab.registry.models import ServiceRecord

from .conftest import pilot_data

pytestmark = pytest.mark.django_db


def test_only_managers_of_the_lead_cluster_create_pilots(cast):
    with pytest.raises(NotAllowed):
        services.pilot_create(actor=cast.manager_b, data=pilot_data(cast))
    assert not Pilot.objects.exists()


def test_pilot_codes_are_unique_and_dates_ordered(cast, pilot):
    with pytest.raises(DomainError) as duplicate:
        services.pilot_create(actor=cast.manager_a, data=pilot_data(cast, code="p01"))
    assert duplicate.value.field == "code"
    with pytest.raises(DomainError) as dates:
        services.pilot_create(
            actor=cast.manager_a,
            data=pilot_data(cast, code="P02", ends_on=dt.date(2025, 1, 1)),
        )
    assert dates.value.field == "ends_on"


def test_participants_must_be_members_of_the_pilots_clusters(cast, pilot):
    with pytest.raises(DomainError, match="Only members"):
        services.participant_add(actor=cast.manager_a, pilot=pilot.pilot, organisation=cast.org_b)
    services.pilot_update(
        actor=cast.manager_a, pilot=pilot.pilot, data={}, partner_clusters=[cast.cluster_b]
    )
    added = services.participant_add(
        actor=cast.manager_a, pilot=pilot.pilot, organisation=cast.org_b
    )
    assert added.stratum == "C|" + (cast.org_b.size_band or cast.org_b.kind)


def test_random_assignment_is_stratified_reproducible_and_recorded(cast, pilot):
    first = services.participants_randomise(actor=cast.manager_a, pilot=pilot.pilot, seed=7)
    again = services.participants_randomise(actor=cast.manager_a, pilot=pilot.pilot, seed=7)
    assert first == again
    pilot.pilot.refresh_from_db()
    assert (pilot.pilot.assignment, pilot.pilot.assignment_seed) == ("random", 7)
    groups = list(Participant.objects.filter(pilot=pilot.pilot).values_list("group", flat=True))
    assert sorted(groups) == ["comparison"] * 3 + ["treatment"] * 3


def test_manual_group_switches_the_method(cast, pilot):
    services.participants_randomise(actor=cast.manager_a, pilot=pilot.pilot, seed=1)
    services.participant_set_group(
        actor=cast.manager_a, participant=pilot.participants[0], group="comparison"
    )
    pilot.pilot.refresh_from_db()
    assert pilot.pilot.assignment == "manual"


def test_groups_are_fixed_once_evaluating(cast, pilot):
    services.pilot_update(actor=cast.manager_a, pilot=pilot.pilot, data={"status": "evaluating"})
    with pytest.raises(DomainError, match="fixed"):
        services.participants_randomise(actor=cast.manager_a, pilot=pilot.pilot, seed=1)


def _indicator(cast, pilot, **extra):
    data = {"name": "New products", "unit": "products", "method": "manual", **extra}
    return services.indicator_add(actor=cast.manager_a, pilot=pilot.pilot, data=data)


def test_evaluation_with_comparison_group(cast, pilot):
    services.participants_randomise(actor=cast.manager_a, pilot=pilot.pilot, seed=3)
    indicator = _indicator(cast, pilot, target=3)
    treated = [p.pk for p in Participant.objects.filter(pilot=pilot.pilot, group="treatment")]
    compared = [p.pk for p in Participant.objects.filter(pilot=pilot.pilot, group="comparison")]
    base = {pk: 1.0 for pk in treated + compared}
    end = {treated[0]: 3.0, treated[1]: 4.0, treated[2]: 5.0}
    end |= {compared[0]: 1.0, compared[1]: 2.0, compared[2]: 3.0}
    services.measurements_record(
        actor=cast.manager_a, indicator=indicator, phase="baseline", values=base
    )
    services.measurements_record(
        actor=cast.manager_a, indicator=indicator, phase="endline", values=end
    )
    (result,) = selectors.pilot_evaluation(pilot=pilot.pilot)
    assert result.evaluation.method == "did"
    assert result.evaluation.estimate == pytest.approx(2.0)  # ΔT = 2,3,4; ΔC = 0,1,2
    assert result.target_met is True  # treated endline mean 4 ≥ 3


def test_evaluation_says_too_few_instead_of_a_number(cast, pilot):
    indicator = _indicator(cast, pilot)
    first, second = pilot.participants[:2]
    services.measurements_record(
        actor=cast.manager_a,
        indicator=indicator,
        phase="baseline",
        values={first.pk: 1, second.pk: 2},
    )
    services.measurements_record(
        actor=cast.manager_a,
        indicator=indicator,
        phase="endline",
        values={first.pk: 2, second.pk: 4},
    )
    (result,) = selectors.pilot_evaluation(pilot=pilot.pilot)
    assert result.evaluation.reading == "too_few" and result.evaluation.estimate is None


def test_a_bad_value_saves_nothing(cast, pilot):
    indicator = _indicator(cast, pilot)
    first, second = pilot.participants[:2]
    with pytest.raises(DomainError):
        services.measurements_record(
            actor=cast.manager_a,
            indicator=indicator,
            phase="baseline",
            values={first.pk: 1.0, second.pk: float("nan")},
        )
    assert not Measurement.objects.exists()


def test_platform_counts_services_in_the_phase_window(cast, pilot):
    indicator = _indicator(cast, pilot, method="platform", platform_metric="services_received")
    ServiceRecord.objects.create(
        organisation=cast.org_a, cluster=cast.cluster_a, kind="advice", date=dt.date(2026, 3, 1)
    )
    ServiceRecord.objects.create(
        organisation=cast.org_a, cluster=cast.cluster_a, kind="event", date=dt.date(2026, 5, 1)
    )
    services.measurements_from_platform(actor=cast.manager_a, indicator=indicator, phase="endline")
    services.measurements_from_platform(actor=cast.manager_a, indicator=indicator, phase="baseline")
    values = {
        (m.participant.organisation_id, m.phase): m.value
        for m in Measurement.objects.select_related("participant")
    }
    # The cast's service of 15 January 2026 and the two above fall in the pilot; none before.
    assert values[(cast.org_a.pk, "endline")] == 3.0
    assert values[(cast.org_a.pk, "baseline")] == 0.0


def test_indicator_by_survey_needs_a_question_code(cast, pilot):
    with pytest.raises(DomainError) as error:
        _indicator(cast, pilot, method="survey")
    assert error.value.field == "question_code"


def test_document_types_are_limited(cast, pilot, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bad = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(DomainError) as error:
        services.document_upload(actor=cast.manager_a, pilot=pilot.pilot, title="x", file=bad)
    assert error.value.field == "file"
    good = SimpleUploadedFile("plan.pdf", b"%PDF-1.4", content_type="application/pdf")
    document = services.document_upload(
        actor=cast.manager_a, pilot=pilot.pilot, title="Plan", file=good
    )
    assert document.file.read() == b"%PDF-1.4"


# --- Pages --------------------------------------------------------------------------------


def test_pages_are_for_the_pilots_clusters_only(cast, pilot, clients):
    url = reverse("pilots:pilot-detail", args=[pilot.pilot.pk])
    assert clients.manager_a.get(url).status_code == 200
    assert clients.coordinator.get(url).status_code == 200
    assert clients.manager_b.get(url).status_code == 404
    assert clients.member_a.get(url).status_code == 404
    assert clients.visitor.get(url).status_code == 302
    assert (
        clients.manager_b.get(reverse("pilots:report-pdf", args=[pilot.pilot.pk])).status_code
        == 404
    )


def test_portfolio_shows_the_target_and_results(cast, pilot, clients):
    page = clients.coordinator.get(reverse("pilots:pilots")).content.decode()
    assert "1 / 10" in page and "Design vouchers" in page
    assert "Design vouchers" not in clients.manager_b.get(reverse("pilots:pilots")).content.decode()


def test_randomise_page_and_measurement_grid(cast, pilot, clients):
    clients.manager_a.post(reverse("pilots:randomise", args=[pilot.pilot.pk]), {"seed": "11"})
    pilot.pilot.refresh_from_db()
    assert pilot.pilot.assignment_seed == 11
    indicator = _indicator(cast, pilot)
    url = reverse("pilots:measurements", args=[pilot.pilot.pk, indicator.pk, "baseline"])
    first = pilot.participants[0]
    response = clients.manager_a.post(url, {f"p_{first.pk}": "2.5"})
    assert response.status_code == 302
    assert Measurement.objects.get().value == 2.5
    bad = clients.manager_a.post(url, {f"p_{first.pk}": "lots"})
    assert bad.status_code == 200 and "Enter a number." in bad.content.decode()
    assert Measurement.objects.get().value == 2.5


def test_indicator_form_errors_show_next_to_the_field(cast, pilot, clients):
    response = clients.manager_a.post(
        reverse("pilots:indicator-add", args=[pilot.pilot.pk]),
        {"name": "By survey", "direction": "higher", "method": "survey"},
    )
    assert response.status_code == 200
    assert "Name the survey question" in response.content.decode()


def test_report_and_pdf(cast, pilot, clients):
    services.participants_randomise(actor=cast.manager_a, pilot=pilot.pilot, seed=5)
    indicator = _indicator(cast, pilot)
    values = {p.pk: float(i) for i, p in enumerate(pilot.participants)}
    services.measurements_record(actor=None, indicator=indicator, phase="baseline", values=values)
    services.measurements_record(
        actor=None,
        indicator=indicator,
        phase="endline",
        values={k: v + 1 for k, v in values.items()},
    )
    page = clients.manager_a.get(reverse("pilots:report", args=[pilot.pilot.pk])).content.decode()
    assert "<svg" in page and "Difference-in-differences" in page
    pdf = clients.manager_a.get(reverse("pilots:report-pdf", args=[pilot.pilot.pk]))
    assert pdf.content.startswith(b"%PDF")
