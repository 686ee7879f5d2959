"""Reads of the pilots domain, filtered by what the viewer may see."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from . import engine
from .enums import Phase, PilotStatus
from .models import Indicator, Measurement, Participant, Pilot

PILOT_TARGET = 10  # the network's target (ten pilot actions) until the coordinator sets one


def pilot_list(*, user) -> QuerySet[Pilot]:
    """Pilots the viewer may see, with their participant counts."""
    return (
        Pilot.objects.visible_to(user)
        .select_related("lead_cluster")
        .prefetch_related("partner_clusters")
        .annotate(n_participants=Count("participants", distinct=True))
        .order_by("code")
    )


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    evaluation: engine.Evaluation
    target_met: bool | None


def pilot_evaluation(*, pilot: Pilot) -> list[IndicatorResult]:
    """Evaluate every indicator of the pilot from its baseline and endline measurements."""
    groups = dict(pilot.participants.values_list("pk", "group"))
    indicators = pilot.indicators.prefetch_related(
        Prefetch(
            "measurements",
            queryset=Measurement.objects.filter(phase__in=[Phase.BASELINE, Phase.ENDLINE]),
        )
    )
    results = []
    for indicator in indicators:
        baseline, endline = {}, {}
        for m in indicator.measurements.all():
            (baseline if m.phase == Phase.BASELINE else endline)[m.participant_id] = m.value
        evaluation = engine.evaluate(
            baseline=baseline,
            endline=endline,
            groups=groups,
            higher_is_better=indicator.higher_is_better,
        )
        results.append(IndicatorResult(indicator, evaluation, _target_met(indicator, evaluation)))
    return results


def _target_met(indicator: Indicator, evaluation: engine.Evaluation) -> bool | None:
    if indicator.target is None:
        return None
    treated = evaluation.groups[0].endline_mean if evaluation.groups else None
    if treated is None:
        return None
    return (
        treated >= indicator.target if indicator.higher_is_better else treated <= indicator.target
    )


def measurement_grid(*, indicator: Indicator, phase: str) -> list[tuple[Participant, float | None]]:
    """Every participant with its value for one indicator and phase (None when missing)."""
    values = dict(
        Measurement.objects.filter(indicator=indicator, phase=phase).values_list(
            "participant_id", "value"
        )
    )
    participants = indicator.pilot.participants.select_related("organisation")
    return [(p, values.get(p.pk)) for p in participants]


@dataclass(frozen=True)
class Portfolio:
    pilots: list[Pilot]
    target: int
    by_status: dict[str, int]
    participants: int
    countries: list[tuple[str, int]]
    types: dict[str, int]


def pilot_portfolio(*, user) -> Portfolio:
    """All pilots the viewer sees, with status counts, reach and results at a glance."""
    pilots = list(
        pilot_list(user=user).prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("organisation__country"),
            )
        )
    )
    countries: Counter[str] = Counter()
    for pilot in pilots:
        pilot.results = pilot_evaluation(pilot=pilot)
        pilot.countries = sorted(
            {p.organisation.country.display_name for p in pilot.participants.all()}
        )
        countries.update(p.organisation.country_id for p in pilot.participants.all())
    return Portfolio(
        pilots=pilots,
        target=_pilot_target(),
        by_status={
            label: sum(1 for p in pilots if p.status == value)
            for value, label in PilotStatus.choices
        },
        participants=sum(p.n_participants for p in pilots),
        countries=countries.most_common(),
        types={
            "cross_sectoral": sum(p.is_cross_sectoral for p in pilots),
            "international": sum(p.is_international for p in pilots),
            "social_community": sum(p.is_social_community for p in pilots),
        },
    )


def _pilot_target() -> int:
    """The coordinator's running target for pilot actions (Impact), else the project's ten."""
    from clusterlab.analytics.selectors import network_target_value  # analytics reads pilots

    return network_target_value("pilot_actions") or PILOT_TARGET
