"""Demo training (called by `seed_demo`): the default framework, a dozen modules and two
cohorts of cluster managers with attendance, feedback, self-assessments and certificates."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from clusterlab.registry.models import Cluster
from clusterlab.surveys import services as survey_services

from . import services
from .models import Competence

# (title, format, hours, competence codes, summary)
MODULES = [
    (
        "Growing a creative community",
        "workshop",
        6,
        ["community-building"],
        "Formats that make members meet each other: open studios, member circles, show-and-tell.",
    ),
    (
        "Brokerage that leads to contracts",
        "workshop",
        6,
        ["matchmaking", "cross-sectoral"],
        "Qualify a request, pick partners, prepare and follow up B2B meetings.",
    ),
    (
        "Creative meets industry",
        "study_visit",
        16,
        ["cross-sectoral", "innovation-coaching"],
        "Two days with a cluster that pairs designers with manufacturers.",
    ),
    (
        "Going abroad together",
        "online",
        4,
        ["internationalisation"],
        "Joint stands, delegation trips and partner clusters abroad.",
    ),
    (
        "Money for creative firms",
        "online",
        3,
        ["funding-business-models"],
        "Grants, loans, crowdfunding and investors for freelancers and micro firms.",
    ),
    (
        "Pricing creative services",
        "workshop",
        4,
        ["funding-business-models"],
        "Day rates, licences and value-based pricing with your members.",
    ),
    (
        "Design sprints for SMEs",
        "workshop",
        8,
        ["innovation-coaching"],
        "Coach a five-day sprint from question to tested prototype.",
    ),
    (
        "Show your impact",
        "online",
        4,
        ["impact-measurement"],
        "Indicators, baselines, comparison groups and honest reporting.",
    ),
    (
        "Feedback that changes services",
        "peer_exchange",
        3,
        ["impact-measurement", "community-building"],
        "Peers compare their feedback surveys and what they changed because of them.",
    ),
    (
        "Digital cluster services",
        "online",
        4,
        ["digital-services"],
        "Member databases, online matchmaking and self-service for members.",
    ),
    (
        "Data for targeting services",
        "workshop",
        5,
        ["digital-services", "impact-measurement"],
        "Use the cluster's own data to decide whom to serve with what.",
    ),
    (
        "Peer exchange: running a creative cluster",
        "peer_exchange",
        6,
        ["community-building", "matchmaking", "internationalisation"],
        "Managers visit each other's work and compare notes.",
    ),
]


def _participants(clusters: list[Cluster], count: int) -> list:
    """A manager per cluster: the demo's login managers, then added (no-login) managers."""
    User = get_user_model()
    people = []
    for cluster in clusters[:count]:
        manager = cluster.managers.order_by("pk").first()
        if manager is None:
            username = f"trainee-{cluster.slug}"[:150]
            manager = User(
                username=username,
                email=f"{username}@demo.clusterlab.local",
                first_name="Trainee",
                last_name=cluster.name[:150],
            )
            manager.set_unusable_password()
            manager.save()
            cluster.managers.add(manager)
        people.append(manager)
    return people


def _levels(rng: random.Random, competences, base: list[int], gain: int) -> dict[int, int]:
    return {
        c.pk: max(1, min(5, base[i] + rng.choice([0, gain, gain])))
        for i, c in enumerate(competences)
    }


def _cohort(*, title, cluster, trainer, people, modules, start, today, rng, finished) -> int:
    programme = services.programme_create(
        actor=None,
        data={
            "title": title,
            "summary": "Six modules over four months for managers of creative clusters.",
            "cluster": cluster,
            "starts_on": start,
            "ends_on": start + dt.timedelta(days=120),
            "status": "completed" if finished else "running",
        },
        trainers=[trainer] if trainer else [],
    )
    enrolments = [
        services.enrolment_create(actor=None, programme=programme, participant=p) for p in people
    ]
    competences = list(Competence.objects.filter(is_active=True))
    bases = {p.pk: [rng.randint(1, 3) for _ in competences] for p in people}
    for person in people:
        services.self_assessment_submit(
            actor=person,
            levels=_levels(rng, competences, bases[person.pk], 0),
            programme=programme,
            phase="before",
        )
    rows = 1 + len(enrolments) * 2
    for index, module in enumerate(modules):
        date = start + dt.timedelta(days=7 + 20 * index)
        session = services.session_add(
            actor=None, programme=programme, module=module, date=date, location="Online"
        )
        if date > today:
            continue
        present = {e.pk for e in enrolments if rng.random() < 0.85}
        if not present:
            continue
        services.attendance_record(actor=None, session=session, present=present)
        services.session_feedback_send(actor=None, session=session)
        session.refresh_from_db()
        for invitation in session.feedback_survey.invitations.order_by("pk"):
            if rng.random() < 0.8:
                survey_services.response_submit(
                    invitation=invitation,
                    answers={
                        "satisfaction": rng.choice([3, 4, 4, 5, 5]),
                        "usefulness": rng.choice([3, 4, 5]),
                    },
                )
        rows += len(present) + 1
    if finished:
        for person, enrolment in zip(people, enrolments, strict=True):
            services.self_assessment_submit(
                actor=person,
                levels=_levels(rng, competences, bases[person.pk], 1),
                programme=programme,
                phase="after",
            )
            services.enrolment_complete(
                actor=None, enrolment=enrolment, on=start + dt.timedelta(days=120)
            )
            rows += 2
    return rows


def extend_demo(*, seed: int) -> int:
    """Load the framework, twelve modules and two cohorts; return the rows made."""
    made = services.framework_load()
    competences = {c.code: c for c in Competence.objects.all()}
    modules = [
        services.module_create(
            actor=None,
            data={
                "title": title,
                "summary": summary,
                "format": fmt,
                "duration_hours": hours,
                "languages": ["en", "de", "fr"] if index % 3 else ["en"],
            },
            competences=[competences[code] for code in codes if code in competences],
        )
        for index, (title, fmt, hours, codes, summary) in enumerate(MODULES)
    ]
    made += len(modules)
    clusters = list(Cluster.objects.order_by("pk"))
    if len(clusters) < 2:
        return made
    rng = random.Random(seed + 707)
    today = timezone.localdate()
    trainer = get_user_model().objects.filter(username="trainer").first()
    people = _participants(clusters, 6)
    cohorts = [
        (
            "Creative Cluster Manager Academy – cohort 1",
            clusters[0],
            today - dt.timedelta(days=300),
            True,
        ),
        (
            "Creative Cluster Manager Academy – cohort 2",
            clusters[1],
            today - dt.timedelta(days=50),
            False,
        ),
    ]
    for index, (title, cluster, start, finished) in enumerate(cohorts):
        made += _cohort(
            title=title,
            cluster=cluster,
            trainer=trainer,
            people=people[index % 2 :] + people[: index % 2],
            modules=modules[index * 3 : index * 3 + 6],
            start=start,
            today=today,
            rng=rng,
            finished=finished,
        )
    return made
