"""Writes for events and registrations: pages, API, demo and commands all come through here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed, full_clean
from clusterlab.registry.enums import ServiceKind
from clusterlab.registry.models import Cluster, Contact, Organisation, ServiceRecord
from clusterlab.registry.permissions import can_manage_cluster

from .. import permissions
from ..enums import (
    EventKind,
    ParticipantType,
    QuestionKind,
    RegistrationStatus,
)
from ..models import Event, Registration, RegistrationQuestion

EVENT_FIELDS = (
    "title",
    "kind",
    "description",
    "description_language",
    "starts_at",
    "ends_at",
    "time_zone",
    "venue",
    "online_url",
    "capacity",
    "registration_opens",
    "registration_closes",
    "audience",
    "is_published",
    "meeting_tables",
    "request_rule",
    "max_meetings",
    "max_meetings_by_type",
    "request_expiry_hours",
)


def require(allowed: bool) -> None:
    if not allowed:
        raise NotAllowed(_("You may not do this."))


def _check_clusters(actor, clusters: list[Cluster]) -> None:
    if not clusters:
        raise DomainError(_("Choose at least one organising cluster."), field="clusters")
    if actor is not None and not all(can_manage_cluster(actor, c) for c in clusters):
        raise NotAllowed(_("You may only organise events for clusters you manage."))


@transaction.atomic
def event_create(
    *, actor, clusters: list[Cluster], data: dict[str, Any], languages: Iterable = ()
) -> Event:
    """Create an event organised by clusters the actor manages."""
    _check_clusters(actor, clusters)
    event = Event(created_by=actor, **{k: v for k, v in data.items() if k in EVENT_FIELDS})
    full_clean(event, exclude=["created_by"])
    event.save()
    event.clusters.set(clusters)
    event.languages.set(languages)
    return event


@transaction.atomic
def event_update(
    *,
    actor,
    event: Event,
    data: dict[str, Any],
    clusters: list[Cluster] | None = None,
    languages: Iterable | None = None,
) -> Event:
    """Change an event's details; a change of capacity promotes from the waiting list."""
    require(actor is None or permissions.can_manage_event(actor, event))
    event = Event.objects.select_for_update().get(pk=event.pk)
    for key, value in data.items():
        if key in EVENT_FIELDS:
            setattr(event, key, value)
    full_clean(event, exclude=["created_by"])
    _check_published_tables(event)
    if clusters is not None:
        _check_clusters(actor, clusters)
        if actor is not None and not actor.is_coordinator:
            # A manager cannot drop a co-organiser they do not manage.
            kept = {c.pk for c in event.clusters.all() if not can_manage_cluster(actor, c)}
            if not kept <= {c.pk for c in clusters}:
                raise NotAllowed(_("Only that cluster's managers can leave the event."))
    event.save()
    if clusters is not None:
        event.clusters.set(clusters)
    if languages is not None:
        event.languages.set(languages)
    _promote_waiting(event)
    return event


def _check_published_tables(event: Event) -> None:
    highest = (
        event.meetings.filter(published_at__isnull=False)
        .order_by("-table")
        .values_list("table", flat=True)
        .first()
    )
    if highest and event.meeting_tables < highest:
        raise DomainError(
            _("Published meetings use table %(n)d: keep at least that many tables.")
            % {"n": highest},
            field="meeting_tables",
        )


@transaction.atomic
def question_add(
    *, actor, event: Event, text: str, kind: str, choices: str = "", required: bool = False
) -> RegistrationQuestion:
    """Add a question that everyone who registers answers."""
    require(actor is None or permissions.can_manage_event(actor, event))
    position = event.questions.count() + 1
    question = RegistrationQuestion(
        event=event, text=text, kind=kind, choices=choices, required=required, position=position
    )
    full_clean(question)
    question.save()
    return question


@transaction.atomic
def question_delete(*, actor, question: RegistrationQuestion) -> None:
    """Remove a question; answers already given stay in the registrations."""
    require(actor is None or permissions.can_manage_event(actor, question.event))
    question.delete()


def _clean_answers(event: Event, answers: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for question in event.questions.all():
        key = str(question.pk)
        value = answers.get(key, answers.get(question.pk))
        if value in (None, ""):
            if question.required:
                raise DomainError(_("This question needs an answer."), field=f"q_{question.pk}")
            continue
        if question.kind == QuestionKind.YES_NO:
            if not isinstance(value, bool):
                raise DomainError(_("Answer yes or no."), field=f"q_{question.pk}")
        elif question.kind == QuestionKind.CHOICE:
            if value not in question.choice_list:
                raise DomainError(_("Choose one of the choices."), field=f"q_{question.pk}")
        elif not isinstance(value, str) or len(value) > 2000:
            raise DomainError(
                _("Give a text of at most 2,000 characters."), field=f"q_{question.pk}"
            )
        cleaned[key] = value
    return cleaned


def default_participant_type(organisation: Organisation) -> str:
    """Guess the participant type from the organisation: creative, research, support…"""
    if organisation.kind == "research":
        return ParticipantType.RESEARCH
    if organisation.kind in ("cluster_org", "support_agency", "public_body", "association"):
        return ParticipantType.SUPPORT
    return ParticipantType.CREATIVE if organisation.is_creative else ParticipantType.INDUSTRY


def _check_window(event: Event) -> None:
    now = timezone.now()
    if not event.is_published:
        raise DomainError(_("This event is not open for registration yet."))
    if event.registration_opens and now < event.registration_opens:
        raise DomainError(_("Registration has not opened yet."))
    if event.registration_closes and now > event.registration_closes:
        raise DomainError(_("Registration has closed."))
    if now > event.ends_at:
        raise DomainError(_("This event is over."))


def _has_place(event: Event) -> bool:
    return event.capacity is None or event.registrations.active().count() < event.capacity


@transaction.atomic
def registration_create(
    *,
    actor,
    event: Event,
    organisation: Organisation | None = None,
    contact: Contact | None = None,
    answers: dict[str, Any] | None = None,
    participant_type: str = "",
) -> Registration:
    """Register the actor (for their organisation) or, by an organiser, a contact person; full
    events put newcomers on the waiting list."""
    # Lock the event row so that two people cannot take the last place together.
    event = Event.objects.select_for_update().get(pk=event.pk)
    organiser = actor is None or permissions.can_manage_event(actor, event)
    if contact is not None:
        require(organiser)
        organisation = contact.organisation
        if contact.is_erased or not contact.email:
            raise DomainError(_("This contact has no e-mail address."), field="contact")
        name, email, user = str(contact), contact.email, None
        if event.registrations.filter(contact=contact).exists():
            raise DomainError(_("This person is already registered."), field="contact")
    else:
        if actor is None or not actor.is_authenticated:
            raise NotAllowed(_("Log in to register."))
        organisation = organisation or actor.organisation
        if organisation is None or organisation.pk != actor.organisation_id:
            raise DomainError(
                _("Your account does not represent an organisation yet."), field="organisation"
            )
        name, email, user = actor.get_full_name() or actor.username, actor.email, actor
        if event.registrations.filter(user=actor).exists():
            raise DomainError(_("You are already registered for this event."))
    if not organiser:
        _check_window(event)
    if not permissions.may_register_organisation(event, organisation.pk):
        raise DomainError(_("This event is for members of the organising clusters only."))
    registration = Registration(
        event=event,
        organisation=organisation,
        contact=contact,
        user=user,
        name=name,
        email=email,
        answers=_clean_answers(event, answers or {}),
        participant_type=participant_type or default_participant_type(organisation),
        status=RegistrationStatus.REGISTERED if _has_place(event) else RegistrationStatus.WAITING,
    )
    full_clean(registration, exclude=["unavailable_slots", "service_record"])
    registration.save()
    return registration


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> Registration:
    """Cancel a registration; the first on the waiting list takes the freed place. The
    person's meeting requests and unpublished meetings are withdrawn."""
    require(actor is None or permissions.can_edit_registration(actor, registration))
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    if registration.status == RegistrationStatus.ATTENDED:
        raise DomainError(_("An attended registration cannot be cancelled."))
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    from .brokerage import requests_withdraw_for

    requests_withdraw_for(registration)
    _promote_waiting(event)
    return registration


def _promote_waiting(event: Event) -> list[Registration]:
    """Move people from the waiting list, first come first served, while places are free."""
    promoted = []
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING).order_by(
        "created_at", "pk"
    )
    for registration in waiting:
        if not _has_place(event):
            break
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status", "updated_at"])
        promoted.append(registration)
    if promoted:
        from ..tasks import registration_promoted_notify_task

        ids = [r.pk for r in promoted]
        transaction.on_commit(lambda: registration_promoted_notify_task(ids))
    return promoted


def _attendance_cluster(event: Event, organisation: Organisation) -> Cluster:
    """The organising cluster the organisation belongs to, else the first organiser."""
    clusters = list(event.clusters.order_by("pk"))
    member_of = set(
        organisation.memberships.exclude(status="left").values_list("cluster_id", flat=True)
    )
    return next((c for c in clusters if c.pk in member_of), clusters[0])


@transaction.atomic
def registration_check_in(*, actor, registration: Registration, undo: bool = False) -> Registration:
    """Mark a participant present (or undo it); attendance is logged as a service of the
    organising cluster to the organisation, once."""
    require(actor is None or permissions.can_manage_event(actor, registration.event))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    event = registration.event
    if undo:
        if registration.status == RegistrationStatus.ATTENDED:
            record = registration.service_record
            registration.status = RegistrationStatus.REGISTERED
            registration.checked_in_at = None
            registration.service_record = None
            registration.save()
            if record is not None:
                record.delete()
        return registration
    if registration.status not in (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED):
        raise DomainError(_("Only registered participants can be checked in."))
    if registration.status == RegistrationStatus.ATTENDED:
        return registration
    registration.status = RegistrationStatus.ATTENDED
    registration.checked_in_at = timezone.now()
    registration.service_record = ServiceRecord.objects.create(
        organisation=registration.organisation,
        cluster=_attendance_cluster(event, registration.organisation),
        kind=ServiceKind.EVENT,
        date=timezone.localdate(registration.checked_in_at, event.zone),
        description=_("Attended: %(title)s") % {"title": event.title[:250]},
        recorded_by=actor,
    )
    registration.save()
    return registration


@transaction.atomic
def registration_update_answers(
    *, actor, registration: Registration, answers: dict[str, Any]
) -> Registration:
    """Change the answers to the organiser's questions."""
    require(actor is None or permissions.can_edit_registration(actor, registration))
    registration.answers = _clean_answers(registration.event, answers)
    registration.save(update_fields=["answers", "updated_at"])
    return registration


def event_is_brokerage(event: Event) -> None:
    if event.kind != EventKind.BROKERAGE:
        raise DomainError(_("This is not a brokerage event."))
