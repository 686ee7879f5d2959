"""Reads of the excellence domain: assessments the viewer may see, and the full report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from clusterlab.registry.models import Cluster

from . import evidence
from .indicators import AREAS, INDICATORS, Indicator
from .models import Assessment, AssessmentAnswer


def assessment_list(*, user):
    """Return the assessments this user may see (their clusters'; all for the coordinator)."""
    return Assessment.objects.visible_to(user).select_related("cluster", "created_by")


def assessable_clusters(*, user):
    """Return the clusters this user may assess."""
    return Cluster.objects.managed_by(user).order_by("name")


def _evidence_url(kind: str, cluster: Cluster) -> str:
    routes = {
        "members": ("registry:workspace-members", {"slug": cluster.slug}),
        "services": ("registry:workspace-services", {"slug": cluster.slug}),
        "profile": ("registry:cluster-detail", {"slug": cluster.slug}),
        "events": ("events:events", {}),
        "pilots": ("pilots:pilots", {}),
        "introductions": ("matchmaking:introductions", {}),
        "network": ("network:home", {}),
    }
    if kind not in routes:
        return ""
    name, kwargs = routes[kind]
    return reverse(name, kwargs=kwargs)


@dataclass
class ReportRow:
    indicator: Indicator
    value: float | str | None = None
    median: float | None = None
    evidence_url: str = ""
    comment: str = ""

    @property
    def compared(self) -> str:
        """above / below / equal the network median, for computed figures."""
        if not isinstance(self.value, int | float) or self.median is None:
            return ""
        if self.value > self.median:
            return "above"
        return "below" if self.value < self.median else "equal"


@dataclass
class ReportArea:
    code: str
    label: str
    rows: list[ReportRow] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for r in self.rows if not r.indicator.computed and r.value not in ("", None))

    @property
    def questions(self) -> int:
        return sum(1 for r in self.rows if not r.indicator.computed)


@dataclass
class Report:
    assessment: Assessment
    areas: list[ReportArea]
    with_network: bool
    cluster_count: int


def assessment_report(*, assessment: Assessment, user, today: dt.date | None = None) -> Report:
    """Return every indicator of an assessment: computed with the network median, or answered."""
    today = today or timezone.localdate()
    values = dict(evidence.network_values(today=today))
    cooperation = evidence.cooperation_values(
        user=user, cluster=assessment.cluster, since=today - dt.timedelta(days=365)
    )
    if cooperation is not None:
        values.update(cooperation)
    with_network = cooperation is not None
    answers = {a.indicator: a for a in AssessmentAnswer.objects.filter(assessment=assessment)}
    cluster = assessment.cluster
    areas = {code: ReportArea(code, str(label)) for code, label in AREAS}
    for indicator in INDICATORS:
        if indicator.computed:
            by_cluster = values.get(indicator.code, {})
            row = ReportRow(
                indicator,
                value=by_cluster.get(cluster.pk),
                median=evidence.median(by_cluster),
                evidence_url=_evidence_url(indicator.evidence, cluster),
            )
        else:
            answer = answers.get(indicator.code)
            row = ReportRow(
                indicator,
                value=answer.value if answer else "",
                comment=answer.comment if answer else "",
            )
        areas[indicator.area].rows.append(row)
    count = len(next(iter(values.values()), {}))
    return Report(assessment, list(areas.values()), with_network, count)
