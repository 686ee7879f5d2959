"""Demo coaching and exchanges (called by `seed_demo`): four default coaching schemes, a few
engagements (one with an SME, one closed with its review), a peer exchange that took place
with its report, and a group study visit with a programme of stops and an application."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from clusterlab.registry.enums import MembershipStatus, OrganisationKind
from clusterlab.registry.models import Cluster, Membership

from . import services
from .enums import Audience, OfferKind
from .models import ExchangeOffer

# (title, audience, summary, [(step, purpose, duration, tools, outputs)])
SCHEMES = [
    (
        "Innovation sprint coaching for a creative SME",
        Audience.SME,
        "Six steps that take a small creative firm from a vague opportunity to a tested "
        "offer in about three months. Made for studios and freelancers who work project to "
        "project and rarely have time to develop their own products.",
        [
            (
                "Frame the challenge",
                "Agree on one opportunity worth a sprint and what success looks like.",
                "1 session (2 h)",
                "Opportunity canvas; 'How might we' questions",
                "A one-page challenge brief with a success measure",
            ),
            (
                "Understand the users",
                "Meet five to eight potential clients or users and learn what they struggle with.",
                "2 weeks",
                "Interview guide; empathy map",
                "Interview notes and three insights",
            ),
            (
                "Generate and choose concepts",
                "Produce many ideas, then pick one concept against the insights.",
                "1 workshop (half a day)",
                "Crazy eights; dot voting; impact/effort matrix",
                "One chosen concept with its assumptions listed",
            ),
            (
                "Prototype and test",
                "Make the concept tangible and test it with real users.",
                "3–4 weeks",
                "Paper or click prototype; test script",
                "Test results: what worked, what did not",
            ),
            (
                "Business model and pitch",
                "Decide how the offer earns money and tell its story to a first client or funder.",
                "2 sessions",
                "Business model canvas; pricing sheet; pitch outline",
                "A priced offer and a five-minute pitch",
            ),
            (
                "Review and next steps",
                "Look back on the sprint and plan the launch or the next iteration.",
                "1 session",
                "Retrospective (start / stop / continue)",
                "A launch plan with dates and owners",
            ),
        ],
    ),
    (
        "Cluster strategy coaching",
        Audience.MANAGER,
        "For a cluster manager renewing the cluster's strategy: from evidence about the "
        "members to a shared action plan with indicators, over four to six months.",
        [
            (
                "Where the cluster stands",
                "Collect evidence: member survey, service log, reach against targets.",
                "3 weeks",
                "Member survey; Cluster Lab impact page; SWOT",
                "A short situation report",
            ),
            (
                "Listen to the stakeholders",
                "Hear members, traditional-industry partners and funders.",
                "4 weeks",
                "Stakeholder map; focus group guide",
                "Stakeholder expectations, in their words",
            ),
            (
                "Make the strategic choices",
                "Choose the few things the cluster will do better than anyone else.",
                "2 sessions",
                "Strategy kernel (diagnosis, guiding policy, actions)",
                "Three to five strategic priorities",
            ),
            (
                "Action plan and indicators",
                "Turn priorities into services, pilots and events with indicators and targets.",
                "3 weeks",
                "Logic model; KPI sheet",
                "An action plan with indicators and targets",
            ),
            (
                "Governance and funding",
                "Secure the board's support and the money for the plan.",
                "1–2 months",
                "Funding map; board paper template",
                "Board decision and funding plan",
            ),
        ],
    ),
    (
        "Cross-sectoral matchmaking coaching",
        Audience.MANAGER,
        "Helps a manager broker collaborations between creative firms and traditional "
        "industry: find real needs, design the format, follow the pairs up.",
        [
            (
                "Map industry needs",
                "Visit manufacturers, tourism or health firms and note problems creatives could "
                "solve.",
                "3 weeks",
                "Needs interview guide; sector map",
                "Ten written needs with a contact each",
            ),
            (
                "Design the matchmaking format",
                "Choose between B2B meetings, challenge calls and co-creation sprints.",
                "1 session",
                "Format comparison sheet",
                "A chosen format with timeline and budget",
            ),
            (
                "Run the matchmaking",
                "Bring the firms together and make the first conversations count.",
                "1 day event",
                "Cluster Lab events and B2B meetings",
                "Pairs with agreed next steps",
            ),
            (
                "Follow up the pairs",
                "Call each pair after one and three months; help with contracts and funding.",
                "3 months",
                "Follow-up call script; introduction log",
                "Collaborations started, with their outcomes",
            ),
        ],
    ),
    (
        "Internationalisation readiness coaching for creative firms",
        Audience.SME,
        "Prepares a creative SME for its first foreign market: choose the market, adapt the "
        "offer, meet partners abroad through the network.",
        [
            (
                "Readiness check",
                "Assess capacity, offer and references against what foreign clients expect.",
                "1 session",
                "Export readiness checklist",
                "A readiness score with gaps",
            ),
            (
                "Choose a target market",
                "Compare two or three markets and pick one.",
                "2 weeks",
                "Market comparison grid; partner clusters' profiles",
                "One target market with reasons",
            ),
            (
                "Adapt the offer",
                "Translate, price and package the offer for the market.",
                "3 weeks",
                "Pricing sheet; portfolio template",
                "An adapted portfolio and price list",
            ),
            (
                "Meet partners abroad",
                "Use the network's clusters to meet clients and partners in the market.",
                "1–2 months",
                "Cluster Lab marketplace; introductions; trade fair brokerage",
                "Meetings held and leads followed",
            ),
        ],
    ),
]


STEP_KEYS = ("title", "purpose", "typical_duration", "tools", "outputs")


def extend_demo(*, seed: int) -> int:
    """Create the default schemes, engagements and exchanges; return how many rows."""
    schemes = [
        services.scheme_create(
            actor=None,
            data={"title": title, "summary": summary, "audience": audience, "language": "en"},
            steps=[dict(zip(STEP_KEYS, s, strict=True)) for s in steps],
        )
        for title, audience, summary, steps in SCHEMES
    ]
    made = len(schemes) + sum(len(s[3]) for s in SCHEMES)
    clusters = list(Cluster.objects.filter(managers__isnull=False).distinct().order_by("pk")[:2])
    User = get_user_model()
    trainer = User.objects.filter(is_trainer=True).order_by("pk").first()
    if len(clusters) < 2 or trainer is None:
        return made
    today = timezone.localdate()
    manager_1 = clusters[0].managers.order_by("pk").first()
    manager_2 = clusters[1].managers.order_by("pk").first()
    made += _engagements(schemes, clusters, trainer, manager_1, manager_2, today, seed)
    made += _exchanges(clusters, manager_1, manager_2, today)
    return made


def _sme_of(cluster: Cluster, seed: int):
    members = (
        Membership.objects.filter(cluster=cluster, status=MembershipStatus.ACTIVE)
        .filter(organisation__kind__in=[OrganisationKind.MICRO, OrganisationKind.SMALL])
        .order_by("organisation_id")
    )
    n = members.count()
    return members[seed % n].organisation if n else None


def _engagements(schemes, clusters, trainer, manager_1, manager_2, today, seed) -> int:
    sprint, strategy, matchmaking, _international = schemes
    made = 0
    # 1. The trainer coaches the first manager through the strategy scheme, half way.
    strategy_run = services.engagement_create(
        actor=trainer,
        title=f"Strategy renewal of {clusters[0].name}",
        scheme=strategy,
        coachee=manager_1,
        goals="A strategy for 2027–2030 that the board adopts.",
        started_on=today - dt.timedelta(days=70),
    )
    made += 1 + _sessions(trainer, strategy_run, today, [63, 42, 14], 2)
    # 2. The first manager coaches an SME of their cluster through an innovation sprint.
    sme = _sme_of(clusters[0], seed)
    if sme is not None:
        sprint_run = services.engagement_create(
            actor=manager_1,
            title=f"Innovation sprint with {sme.name}",
            scheme=sprint,
            organisation=sme,
            cluster=clusters[0],
            goals="A tested new service offer for hotel interiors.",
            started_on=today - dt.timedelta(days=45),
        )
        made += 1 + _sessions(manager_1, sprint_run, today, [44, 30, 9], 3)
    # 3. A closed engagement with its review.
    closed = services.engagement_create(
        actor=trainer,
        title="Brokering creative–industry pairs",
        scheme=matchmaking,
        coachee=manager_2,
        started_on=today - dt.timedelta(days=160),
    )
    made += 1 + _sessions(trainer, closed, today, [150, 120, 90, 40], 4)
    services.engagement_close(
        actor=trainer,
        engagement=closed,
        outcomes="Twelve pairs met at the spring brokerage; four started paid projects.",
        goals_met="partly",
        next_steps="Repeat the format with the tourism sector in autumn.",
    )
    return made


def _sessions(coach, engagement, today, days_ago: list[int], steps_done: int) -> int:
    made = 0
    steps = list(engagement.steps.order_by("position"))
    for index, days in enumerate(days_ago):
        session = services.session_add(
            actor=coach,
            engagement=engagement,
            date=today - dt.timedelta(days=days),
            duration_minutes=90,
            notes=f"Session {index + 1}: worked on '{steps[min(index, len(steps) - 1)].title}'.",
        )
        services.action_add(
            actor=coach,
            engagement=engagement,
            session=session,
            text=f"Prepare the material for step {min(index + 2, len(steps))}",
            due_on=session.date + dt.timedelta(days=14),
        )
        made += 2
    for step in steps[:steps_done]:
        services.step_complete(
            actor=coach,
            step=step,
            output=f"Done: {step.expected_outputs or step.title}.",
            completed_on=today - dt.timedelta(days=days_ago[0] - 7 * step.position),
        )
    # Actions of past sessions are done, except the latest (it may be overdue).
    for action in engagement.actions.order_by("due_on")[: max(len(days_ago) - 1, 0)]:
        services.action_set_status(actor=coach, action=action, status="done")
    return made


def _exchanges(clusters, manager_1, manager_2, today) -> int:
    host_a, host_b = clusters
    # A peer exchange that took place three weeks ago, with its report.
    exchange = services.offer_create(
        actor=manager_2,
        host_cluster=host_b,
        data={
            "kind": OfferKind.EXCHANGE,
            "title": "Two days inside our maker-space programme",
            "topics": "maker spaces; creative–industry prototyping; membership fees",
            "description": "Shadow our team while it runs the weekly prototyping clinic.",
            "starts_on": today,
            "ends_on": today + dt.timedelta(days=1),
        },
    )
    application = services.application_create(
        actor=manager_1,
        offer=exchange,
        applicant_cluster=host_a,
        learning_goals="How do you finance a maker space and get manufacturers to use it?",
    )
    services.application_decide(actor=manager_2, application=application, accept=True)
    # Services refuse applications to past visits: move the visit back after the fact.
    ExchangeOffer.objects.filter(pk=exchange.pk).update(
        starts_on=today - dt.timedelta(days=21), ends_on=today - dt.timedelta(days=20)
    )
    application.offer.refresh_from_db()
    services.report_write(
        actor=manager_1,
        application=application,
        saw="A prototyping clinic where three manufacturers brought parts and designers "
        "sketched alternatives on the spot; a membership fee scaled by company size.",
        will_try="Run a monthly clinic with our two largest industrial members and test a "
        "scaled fee for the workshop.",
    )
    # A group study visit next season, with its programme and a waiting application.
    visit = services.offer_create(
        actor=manager_1,
        host_cluster=host_a,
        data={
            "kind": OfferKind.STUDY_VISIT,
            "title": "Study visit: creative districts and their industrial neighbours",
            "topics": "creative districts; cross-sectoral projects; regional funding",
            "description": "Three days, four stops, for up to six cluster managers.",
            "starts_on": today + dt.timedelta(days=40),
            "ends_on": today + dt.timedelta(days=42),
            "capacity": 6,
        },
    )
    stops = [
        (0, dt.time(10, 0), "Cluster office", "Welcome, the cluster's strategy in one hour"),
        (0, dt.time(14, 0), "Design district", "Walk through studios that work for industry"),
        (1, dt.time(9, 30), "Furniture manufacturer", "A design-led product line, told by both"),
        (2, dt.time(10, 0), "Regional development agency", "How the region funds cross-overs"),
    ]
    for offset, time, place, what in stops:
        services.stop_add(
            actor=manager_1,
            offer=visit,
            day=visit.starts_on + dt.timedelta(days=offset),
            time=time,
            place=place,
            what=what,
        )
    services.application_create(
        actor=manager_2,
        offer=visit,
        applicant_cluster=host_b,
        learning_goals="Learn how a creative district keeps its industrial neighbours involved.",
    )
    return 2 + 1 + 1 + len(stops) + 1
