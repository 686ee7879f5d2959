"""Demo events for the demo network (called by `seed_demo`): a past workshop with check-ins,
an upcoming members-only conference with a waiting list, and a brokerage event with
participants, requests and a published schedule."""

from __future__ import annotations

import contextlib
import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from clusterlab.core.errors import DomainError
from clusterlab.registry.models import Cluster, Contact

from . import services
from .enums import EventAudience, EventKind, ParticipantType, RequestRule
from .models import Event, ScheduleRun

BROKERAGE_PARTICIPANTS = 80


def _at(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _contacts(rng: random.Random, count: int, exclude: set[int]) -> list[Contact]:
    """One contact with an e-mail per organisation, in a reproducible order."""
    rows = (
        Contact.objects.filter(erased_at__isnull=True)
        .exclude(email="")
        .exclude(organisation_id__in=exclude)
        .order_by("organisation_id", "pk")
        .select_related("organisation")
    )
    first_per_org = {}
    for contact in rows:
        first_per_org.setdefault(contact.organisation_id, contact)
    chosen = list(first_per_org.values())
    rng.shuffle(chosen)
    return chosen[:count]


def _event(cluster: Cluster, **data) -> Event:
    return services.event_create(
        actor=None,
        clusters=[cluster],
        data={"time_zone": "Europe/Berlin", "is_published": True, **data},
    )


@transaction.atomic
def extend_demo(*, seed: int) -> int:
    """Create the demo events; return how many."""
    cluster = Cluster.objects.order_by("pk").first()
    if cluster is None:
        return 0
    rng = random.Random(seed + 404)
    _past_workshop(cluster, rng)
    _conference(cluster, rng)
    _brokerage(cluster, rng)
    return 3


def _past_workshop(cluster: Cluster, rng: random.Random) -> None:
    event = _event(
        cluster,
        title="Design thinking for manufacturers",
        kind=EventKind.WORKSHOP,
        description="A hands-on day where designers and production managers redesign one "
        "product together.",
        starts_at=_at(-21, 9),
        ends_at=_at(-21, 17),
        venue="Design Centre, Stuttgart",
        capacity=30,
    )
    for contact in _contacts(rng, 28, set()):
        registration = services.registration_create(actor=None, event=event, contact=contact)
        if rng.random() < 0.85:
            services.registration_check_in(actor=None, registration=registration)


def _conference(cluster: Cluster, rng: random.Random) -> None:
    event = _event(
        cluster,
        title="Creative industries summit",
        kind=EventKind.CONFERENCE,
        description="Keynotes and panels on creative spill-overs into traditional industry.",
        starts_at=_at(30, 10),
        ends_at=_at(31, 16),
        venue="Haus der Wirtschaft, Stuttgart",
        capacity=20,
        audience=EventAudience.PUBLIC,
    )
    services.question_add(
        actor=None,
        event=event,
        text="Which day will you attend?",
        kind="choice",
        choices="Both days\nFirst day\nSecond day",
        required=True,
    )
    question = event.questions.get()
    for contact in _contacts(rng, 24, set()):
        services.registration_create(
            actor=None,
            event=event,
            contact=contact,
            answers={str(question.pk): rng.choice(question.choice_list)},
        )


def _brokerage(cluster: Cluster, rng: random.Random) -> None:
    start = _at(14, 9)
    event = _event(
        cluster,
        title="Design meets Industry: B2B brokerage",
        kind=EventKind.BROKERAGE,
        description="Pre-arranged 25-minute meetings between creative firms and manufacturers "
        "looking for design, digital and branding partners.",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=10),
        venue="Messe Stuttgart, Hall 4",
        meeting_tables=25,
        request_rule=RequestRule.ANYONE,
        max_meetings=10,
        request_expiry_hours=72,
    )
    services.slots_generate(
        actor=None,
        event=event,
        first_start=start + dt.timedelta(minutes=30),
        count=16,
        minutes=25,
        pause_minutes=5,
        break_after=4,
        break_minutes=15,
    )
    registrations = []
    member = get_user_model().objects.filter(username="member").first()
    if member is not None and member.organisation_id:
        registrations.append(services.registration_create(actor=member, event=event))
    taken = {r.organisation_id for r in registrations}
    for contact in _contacts(rng, BROKERAGE_PARTICIPANTS - len(registrations), taken):
        registrations.append(services.registration_create(actor=None, event=event, contact=contact))
    slots = list(event.slots.order_by("starts_at"))
    for registration in registrations:
        offer_seek = (
            ("Product and service design, UX research", "Manufacturers with a product to renew")
            if registration.participant_type == ParticipantType.CREATIVE
            else ("Production capacity and engineering", "Designers and digital studios")
        )
        services.brokerage_profile_update(
            actor=None,
            registration=registration,
            offer=offer_seek[0],
            seek=offer_seek[1],
            unavailable_slots=rng.sample(slots, rng.randint(0, 4)),
        )
    _requests(registrations, rng)
    run = ScheduleRun.objects.create(event=event)
    services.schedule_run_execute(run_id=run.pk, time_limit_s=10)
    services.schedule_publish(actor=None, event=event)


def _requests(registrations: list, rng: random.Random) -> None:
    """Each participant asks a few others, more often across types; most are accepted. The
    demo member also has requests waiting for an answer."""
    for registration in registrations:
        others = [r for r in registrations if r.organisation_id != registration.organisation_id]
        across = [r for r in others if r.participant_type != registration.participant_type]
        pool = across if across and rng.random() < 0.8 else others
        for recipient in rng.sample(pool, min(len(pool), rng.randint(1, 6))):
            try:
                request = services.meeting_request_create(
                    actor=None,
                    requester=registration,
                    recipient=recipient,
                    priority=rng.choice([1, 2, 2, 3]),
                    message="Looking forward to talking.",
                )
            except DomainError:
                continue  # the pair already exists the other way round, or a cap is reached
            if recipient is registrations[0] and rng.random() < 0.5:
                continue  # left for the demo member to answer
            roll = rng.random()
            if roll < 0.75:
                with contextlib.suppress(DomainError):  # the recipient's meeting cap is reached
                    services.meeting_request_answer(actor=None, request=request, accept=True)
            elif roll < 0.85:
                services.meeting_request_answer(actor=None, request=request, accept=False)
