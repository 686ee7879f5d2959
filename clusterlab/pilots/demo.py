"""Ten demo pilot actions (called by `seed_demo`): participants in groups, milestones,
indicators with baseline and endline measurements drawn with a known effect, lessons."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from clusterlab.registry.enums import MembershipStatus
from clusterlab.registry.models import Cluster, Membership, Organisation

from . import services
from .enums import EvidenceLevel, MeasurementMethod, Phase, PilotStatus, PlatformMetric

# (code, title, instrument, hypothesis, types, indicator, unit, effect, comparison group)
PILOTS = [
    (
        "P01",
        "Design vouchers for manufacturers",
        "A €5,000 voucher for design services bought from a creative firm",
        "Manufacturers that use a design voucher launch more new products within 12 months",
        "c",
        "New products launched",
        "products",
        0.9,
        True,
    ),
    (
        "P02",
        "Cross-border creative residencies",
        "Four-week residencies of designers in a partner region's firms",
        "Resident firms gain international partners",
        "i",
        "International partners",
        "partners",
        1.4,
        True,
    ),
    (
        "P03",
        "Co-creation sprints",
        "Five-day sprints pairing a creative team with an industrial product team",
        "Sprint firms bring a prototype to market faster",
        "c",
        "Prototypes tested with customers",
        "prototypes",
        1.1,
        True,
    ),
    (
        "P04",
        "Mentoring circles for creative freelancers",
        "Monthly peer mentoring circles of six freelancers with a facilitator",
        "Circle members raise their day rates",
        "s",
        "Average day rate",
        "EUR",
        45.0,
        False,
    ),
    (
        "P05",
        "Game studios' digital clinic for retailers",
        "Two-day clinics where game studios prototype digital services for shops",
        "Retailers launch a digital service more often",
        "c",
        "Digital services launched",
        "services",
        0.4,
        True,
    ),
    (
        "P06",
        "Creative export desk",
        "A shared export advisor for small creative firms",
        "Firms using the desk export to more countries",
        "i",
        "Export countries",
        "countries",
        0.8,
        True,
    ),
    (
        "P07",
        "Neighbourhood makerspaces",
        "Open workshops run by makers in two districts",
        "Local firms join community projects",
        "s",
        "Community projects joined",
        "projects",
        0.6,
        False,
    ),
    (
        "P08",
        "Fashion and textile circularity lab",
        "A lab where designers and textile firms test recycled fibres",
        "Lab firms cut virgin fibre use",
        "ci",
        "Virgin fibre share",
        "%",
        -6.0,
        True,
    ),
    (
        "P09",
        "Music tech accelerator",
        "A six-month accelerator for music-tech start-ups with international mentors",
        "Accelerated start-ups raise follow-on funding",
        "i",
        "Funding raised",
        "kEUR",
        35.0,
        True,
    ),
    (
        "P10",
        "Crafts and tourism trails",
        "Trails linking craft workshops with regional tourism offices",
        "Workshops on a trail receive more visitors",
        "cs",
        "Visitors per month",
        "visitors",
        12.0,
        False,
    ),
]
LESSONS = [
    (
        "Pair firms with a named contact on both sides before the first session.",
        "Cluster managers running cross-sectoral pilots",
    ),
    (
        "Budget a facilitator: groups without one lost momentum after the second month.",
        "Managers of peer-learning formats",
    ),
    (
        "Measure at baseline before the kick-off event; afterwards answers are coloured by it.",
        "Anyone evaluating a pilot",
    ),
]


def _members(cluster: Cluster, count: int, rng: random.Random) -> list[Organisation]:
    ids = list(
        Membership.objects.filter(cluster=cluster)
        .exclude(status=MembershipStatus.LEFT)
        .order_by("organisation_id")
        .values_list("organisation_id", flat=True)
    )
    rng.shuffle(ids)
    return list(Organisation.objects.filter(pk__in=ids[:count]).order_by("pk"))


@transaction.atomic
def extend_demo(*, seed: int) -> int:
    """Create the ten demo pilots; return how many."""
    clusters = list(Cluster.objects.order_by("pk"))
    if not clusters:
        return 0
    rng = random.Random(seed + 505)
    today = timezone.localdate()
    for index, row in enumerate(PILOTS):
        lead = clusters[(index // 2) % len(clusters)]
        _pilot(row, lead, clusters, index, today, rng)
    return len(PILOTS)


def _pilot(row, lead, clusters, index, today, rng) -> None:
    code, title, instrument, hypothesis, types, name, unit, effect, comparison = row
    started = today - dt.timedelta(days=420 - 35 * index)
    status = [PilotStatus.CLOSED, PilotStatus.EVALUATING, PilotStatus.RUNNING][index % 3]
    if index == 9:
        status = PilotStatus.RECRUITING
    partners = [c for c in clusters if c != lead][: 1 + index % 2] if "i" in types else []
    pilot = services.pilot_create(
        actor=None,
        data={
            "code": code,
            "title": title,
            "lead_cluster": lead,
            "instrument": instrument,
            "hypothesis": hypothesis,
            "target_group": "Small firms among the clusters' members",
            "starts_on": started,
            "ends_on": started + dt.timedelta(days=365),
            "status": PilotStatus.RECRUITING,
            "budget_eur": 40_000 + 10_000 * (index % 5),
            "is_cross_sectoral": "c" in types,
            "is_international": "i" in types,
            "is_social_community": "s" in types,
        },
        partner_clusters=partners,
    )
    for organisation in _members(lead, rng.randint(14, 28), rng):
        services.participant_add(actor=None, pilot=pilot, organisation=organisation)
    if comparison:
        services.participants_randomise(actor=None, pilot=pilot, seed=1000 + index)
    pilot = services.pilot_update(actor=None, pilot=pilot, data={"status": status})
    for step, label in enumerate(["Recruitment closed", "Kick-off", "Midline check", "Endline"]):
        milestone = services.milestone_add(
            actor=None, pilot=pilot, title=label, due_on=started + dt.timedelta(days=120 * step)
        )
        if milestone.due_on < today:
            services.milestone_update(actor=None, milestone=milestone, status="done")
    _measure(pilot, name, unit, effect, status, rng)
    if index < 4 and status != PilotStatus.RECRUITING:
        _surveys(pilot, status, rng)
    what, whom = LESSONS[index % len(LESSONS)]
    services.lesson_add(
        actor=None,
        pilot=pilot,
        what=what,
        for_whom=whom,
        evidence=f"Observed in {code} with its participants.",
        evidence_level=EvidenceLevel.OBSERVED if not comparison else EvidenceLevel.MEASURED,
    )


def _measure(pilot, name, unit, effect, status, rng) -> None:
    direction = "lower" if effect < 0 else "higher"
    indicator = services.indicator_add(
        actor=None,
        pilot=pilot,
        data={"name": name, "unit": unit, "direction": direction, "method": "manual"},
    )
    counted = services.indicator_add(
        actor=None,
        pilot=pilot,
        data={
            "name": "Services received from clusters",
            "method": MeasurementMethod.PLATFORM,
            "platform_metric": PlatformMetric.SERVICES_RECEIVED,
        },
    )
    if status == PilotStatus.RECRUITING:
        return  # nothing measured yet: the evaluation says so
    participants = list(pilot.participants.all())
    scale = max(abs(effect), 1.0)
    base = {p.pk: round(rng.gauss(scale * 3, scale), 2) for p in participants}
    end = {}
    for p in participants:
        if rng.random() < 0.1:
            continue  # no endline answer
        lift = effect if p.group in ("treatment", "") else 0.0
        end[p.pk] = round(base[p.pk] + lift + rng.gauss(0.1 * scale, scale * 0.8), 2)
    services.measurements_record(actor=None, indicator=indicator, phase=Phase.BASELINE, values=base)
    services.measurements_from_platform(actor=None, indicator=counted, phase=Phase.BASELINE)
    if status != PilotStatus.RUNNING:
        services.measurements_record(
            actor=None, indicator=indicator, phase=Phase.ENDLINE, values=end
        )
        services.measurements_from_platform(actor=None, indicator=counted, phase=Phase.ENDLINE)


def _surveys(pilot, status, rng) -> None:
    """A baseline (and, once the pilot is over, an endline) survey with a Likert question
    that an indicator reads; about nine in ten participants answer."""
    from clusterlab.surveys import services as surveys
    from clusterlab.surveys.models import Invitation

    services.indicator_add(
        actor=None,
        pilot=pilot,
        data={
            "name": "Confidence to innovate (1-5)",
            "method": MeasurementMethod.SURVEY,
            "question_code": "confidence",
        },
    )
    closes = timezone.now() + dt.timedelta(days=60)
    baseline = surveys.survey_create(
        actor=None,
        cluster=pilot.lead_cluster,
        title={"en": f"{pilot.code} baseline", "de": f"{pilot.code} Ausgangsbefragung"},
        languages=["en", "de"],
        closes_at=closes,
    )
    surveys.question_add(
        actor=None,
        survey=baseline,
        kind="likert",
        code="confidence",
        text={
            "en": "How confident are you to launch something new this year?",
            "de": "Wie zuversichtlich sind Sie, dieses Jahr etwas Neues zu starten?",
        },
        required=True,
    )
    surveys.question_add(
        actor=None,
        survey=baseline,
        kind="text",
        code="expectations",
        text={"en": "What do you expect from the pilot?", "de": "Was erwarten Sie?"},
    )
    phases = [(Phase.BASELINE, baseline, 0)]
    if status != PilotStatus.RUNNING:
        endline = surveys.survey_copy(
            actor=None, survey=baseline, title={"en": f"{pilot.code} endline"}
        )
        phases.append((Phase.ENDLINE, endline, 1))
    groups = dict(pilot.participants.values_list("pk", "group"))
    for phase, survey, lift in phases:
        surveys.survey_set_status(actor=None, survey=survey, status="open")
        services.pilot_survey_send(actor=None, pilot=pilot, phase=phase, survey=survey)
        for invitation in Invitation.objects.filter(survey=survey).order_by("pk"):
            if rng.random() < 0.1:
                continue  # never answered
            participant = int(invitation.reference.rsplit(":", 1)[1])
            boost = lift if groups.get(participant) in ("treatment", "") else 0
            value = max(1, min(5, rng.choice([2, 3, 3, 4]) + boost))
            surveys.response_submit(
                invitation=invitation,
                answers={"confidence": value, "expectations": "New contacts and a first order."},
            )
        services.measurements_from_survey(actor=None, pilot=pilot, phase=phase)
