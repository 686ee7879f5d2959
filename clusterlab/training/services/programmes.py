"""Writes of programmes: sessions, enrolments, attendance (and its service log), assignments,
completion and certificates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, full_clean
from clusterlab.registry import services as registry_services
from clusterlab.registry.enums import MembershipStatus, ServiceKind
from clusterlab.registry.models import Cluster, Membership, ServiceRecord
from clusterlab.registry.permissions import can_manage_cluster

from .. import permissions
from ..enums import EnrolmentStatus, ProgrammeStatus
from ..models import (
    Assignment,
    Attendance,
    Certificate,
    Enrolment,
    Programme,
    Session,
    Submission,
    TrainingModule,
)
from ..models.programmes import ACTIVE_ENROLMENT
from ._common import clean_language, clean_text, require

PROGRAMME_FIELDS = ("title", "summary", "language", "starts_on", "ends_on", "status")


def _apply(programme: Programme, data: dict[str, Any]) -> None:
    if "title" in data:
        programme.title = clean_text(data["title"], field="title", max_length=200, required=True)
    if "summary" in data:
        programme.summary = clean_text(data["summary"], field="summary", max_length=5000)
    if "language" in data:
        programme.language = clean_language(data["language"])
    for field in ("starts_on", "ends_on"):
        if field in data:
            if not isinstance(data[field], dt.date) or isinstance(data[field], dt.datetime):
                raise DomainError(_("Give a date."), field=field)
            setattr(programme, field, data[field])
    if "status" in data:
        if data["status"] not in ProgrammeStatus.values:
            raise DomainError(_("Unknown status."), field="status")
        programme.status = data["status"]
    if programme.starts_on and programme.ends_on and programme.ends_on < programme.starts_on:
        raise DomainError(_("The programme must end after it starts."), field="ends_on")


def _clean_trainers(trainers) -> list:
    trainers = list(trainers or [])
    User = get_user_model()
    if any(not isinstance(t, User) or not t.is_active for t in trainers):
        raise DomainError(_("Unknown trainer."), field="trainers")
    return trainers


@transaction.atomic
def programme_create(*, actor, data: dict[str, Any], trainers=None) -> Programme:
    """Start a programme organised by a cluster; a trainer who creates it trains it."""
    cluster = data.get("cluster")
    if not isinstance(cluster, Cluster):
        raise DomainError(_("Choose the organising cluster."), field="cluster")
    allowed = actor is None or (
        can_manage_cluster(actor, cluster) or (actor.is_active and actor.is_trainer)
    )
    require(allowed)
    programme = Programme(cluster=cluster, created_by=actor)
    _apply(programme, {k: v for k, v in data.items() if k in PROGRAMME_FIELDS})
    full_clean(programme, exclude=["created_by"])
    programme.save()
    trainers = _clean_trainers(trainers)
    if actor is not None and actor.is_trainer and actor not in trainers:
        trainers.append(actor)
    programme.trainers.set(trainers)
    return programme


@transaction.atomic
def programme_update(
    *, actor, programme: Programme, data: dict[str, Any], trainers=None
) -> Programme:
    """Change a programme's texts, dates, status or trainers (not its organising cluster)."""
    require(actor is None or permissions.can_run_programme(actor, programme))
    _apply(programme, {k: v for k, v in data.items() if k in PROGRAMME_FIELDS})
    full_clean(programme, exclude=["created_by"])
    programme.save()
    if trainers is not None:
        programme.trainers.set(_clean_trainers(trainers))
    return programme


@transaction.atomic
def session_add(
    *, actor, programme: Programme, module: TrainingModule, date: dt.date, location: str = ""
) -> Session:
    """Add a module to the programme, after the sessions already there."""
    require(actor is None or permissions.can_run_programme(actor, programme))
    if not isinstance(module, TrainingModule):
        raise DomainError(_("Choose a module."), field="module")
    if not isinstance(date, dt.date) or not programme.starts_on <= date <= programme.ends_on:
        raise DomainError(_("The session must fall within the programme's dates."), field="date")
    last = programme.sessions.order_by("-position").values_list("position", flat=True).first()
    return Session.objects.create(
        programme=programme,
        module=module,
        date=date,
        position=(last or 0) + 1,
        location=clean_text(location, field="location", max_length=300),
    )


def enrollable_managers():
    """Accounts that may be enrolled: active managers of a cluster."""
    return (
        get_user_model()
        .objects.filter(is_active=True, managed_clusters__isnull=False)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@transaction.atomic
def enrolment_create(*, actor, programme: Programme, participant) -> Enrolment:
    """Enrol a cluster manager (again, after a withdrawal)."""
    require(actor is None or permissions.can_run_programme(actor, programme))
    if not enrollable_managers().filter(pk=getattr(participant, "pk", None)).exists():
        raise DomainError(_("Only cluster managers can be enrolled."), field="participant")
    enrolment, created = Enrolment.objects.get_or_create(
        programme=programme, participant=participant, defaults={"enrolled_by": actor}
    )
    if not created and enrolment.status == EnrolmentStatus.WITHDRAWN:
        enrolment.status = EnrolmentStatus.ENROLLED
        enrolment.save(update_fields=["status"])
    elif not created:
        raise DomainError(_("Already enrolled."), field="participant")
    return enrolment


def _service_cluster(programme: Programme, organisation_id: int | None) -> Cluster | None:
    """The organising cluster when the attendee's organisation is its current member, else
    another cluster it currently belongs to (the service log lists members only)."""
    if organisation_id is None:
        return None
    current = Membership.objects.filter(organisation_id=organisation_id).exclude(
        status=MembershipStatus.LEFT
    )
    ids = list(current.order_by("cluster_id").values_list("cluster_id", flat=True))
    if not ids:
        return None
    return Cluster.objects.get(pk=programme.cluster_id if programme.cluster_id in ids else ids[0])


def _log_service(attendance: Attendance, session: Session) -> None:
    participant = attendance.enrolment.participant
    cluster = _service_cluster(session.programme, participant.organisation_id)
    if cluster is None:
        return
    attendance.service_record = registry_services.service_record(
        actor=None,
        cluster=cluster,
        organisation=participant.organisation,
        kind=ServiceKind.TRAINING,
        date=session.date,
        description=f"{session.programme.title}: {session.module.title}"[:300],
    )


@transaction.atomic
def attendance_record(*, actor, session: Session, present: set[int]) -> int:
    """Record who attended (enrolment ids); each attendance counts once in the service log of
    the attendee organisation's cluster. Return how many were present."""
    require(actor is None or permissions.can_run_programme(actor, session.programme))
    if session.date > timezone.localdate():
        raise DomainError(_("Record attendance once the session has taken place."), field="date")
    # Lock the session: two people recording at once would each see no service record yet
    # and both log the same attendance.
    Session.objects.select_for_update().only("pk").get(pk=session.pk)
    enrolments = session.programme.enrolments.filter(status__in=ACTIVE_ENROLMENT)
    enrolments = enrolments.select_related("participant")
    count = 0
    for enrolment in enrolments:
        attendance, _created = Attendance.objects.get_or_create(
            session=session, enrolment=enrolment, defaults={"recorded_by": actor}
        )
        attendance.present = enrolment.pk in present
        count += attendance.present
        if attendance.present and attendance.service_record_id is None:
            _log_service(attendance, session)
        elif not attendance.present and attendance.service_record_id is not None:
            # Recorded by mistake: the service was not delivered after all.
            ServiceRecord.objects.filter(pk=attendance.service_record_id).delete()
            attendance.service_record = None
        attendance.recorded_by = actor
        attendance.save()
    return count


@transaction.atomic
def assignment_add(
    *,
    actor,
    programme: Programme,
    title: str,
    instructions: str = "",
    due_on: dt.date | None = None,
    session: Session | None = None,
) -> Assignment:
    """Set an assignment to the programme's participants."""
    require(actor is None or permissions.can_run_programme(actor, programme))
    if session is not None and session.programme_id != programme.pk:
        raise DomainError(_("Choose a session of this programme."), field="session")
    return Assignment.objects.create(
        programme=programme,
        session=session,
        title=clean_text(title, field="title", max_length=200, required=True),
        instructions=clean_text(instructions, field="instructions", max_length=5000),
        due_on=due_on,
    )


@transaction.atomic
def submission_save(*, actor, assignment: Assignment, text: str = "", file=None) -> Submission:
    """Hand in (or replace) the actor's work on an assignment: a text, a file or both."""
    enrolment = assignment.programme.enrolments.filter(
        participant=actor, status__in=ACTIVE_ENROLMENT
    ).first()
    require(enrolment is not None)
    text = clean_text(text, field="text", max_length=20000)
    if not text and not file:
        raise DomainError(_("Write a text or attach a file."), field="text")
    submission, _created = Submission.objects.get_or_create(
        assignment=assignment, enrolment=enrolment
    )
    submission.text = text
    if file:
        submission.file = file
    submission.save()
    return submission


@transaction.atomic
def submission_mark(*, actor, submission: Submission, done: bool) -> Submission:
    """Mark a participant's submission done (or not yet)."""
    programme = submission.assignment.programme
    require(actor is None or permissions.can_run_programme(actor, programme))
    submission.is_done = bool(done)
    submission.save(update_fields=["is_done"])
    return submission


def _holder_name(user) -> str:
    return (user.get_full_name() or user.username)[:300]


@transaction.atomic
def enrolment_complete(*, actor, enrolment: Enrolment, on: dt.date | None = None) -> Certificate:
    """Mark a participant's programme completed and issue their certificate (once)."""
    require(actor is None or permissions.can_run_programme(actor, enrolment.programme))
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        raise DomainError(_("The participant withdrew."), field="participant")
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.completed_on = on or timezone.localdate()
    enrolment.save(update_fields=["status", "completed_on"])
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    code = Certificate.new_code()
    while Certificate.objects.filter(code=code).exists():  # pragma: no cover - 32**12 codes
        code = Certificate.new_code()
    return Certificate.objects.create(
        enrolment=enrolment,
        code=code,
        holder_name=_holder_name(enrolment.participant),
        programme_title=enrolment.programme.title,
        issued_on=enrolment.completed_on,
    )


@transaction.atomic
def certificate_revoke(*, actor, certificate: Certificate) -> Certificate:
    """Revoke a certificate: its verification page then says so."""
    require(permissions.can_run_programme(actor, certificate.enrolment.programme))
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.save(update_fields=["revoked_at"])
    return certificate
