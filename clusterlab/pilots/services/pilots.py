"""Pilots, participants and their groups, milestones, lessons and documents."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed, full_clean
from clusterlab.registry.enums import MembershipStatus
from clusterlab.registry.models import Cluster, Contact, Membership, Organisation
from clusterlab.registry.permissions import can_manage_cluster

from .. import engine, permissions
from ..enums import AssignmentMethod, Group, MilestoneStatus, PilotStatus
from ..models import Lesson, Milestone, Participant, Pilot, PilotDocument

PILOT_FIELDS = (
    "code",
    "title",
    "lead_cluster",
    "is_cross_sectoral",
    "is_international",
    "is_social_community",
    "instrument",
    "hypothesis",
    "target_group",
    "description",
    "language",
    "starts_on",
    "ends_on",
    "status",
    "budget_eur",
)
DOCUMENT_TYPES = {".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".png", ".jpg", ".txt"}
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def require_manager(actor, pilot: Pilot) -> None:
    if actor is not None and not permissions.can_manage_pilot(actor, pilot):
        raise NotAllowed(_("Only the pilot's clusters may change it."))


def _check_clusters(actor, lead: Cluster | None, partners: list[Cluster]) -> None:
    if lead is None:
        raise DomainError(_("Choose the lead cluster."), field="lead_cluster")
    if actor is not None and not can_manage_cluster(actor, lead):
        raise NotAllowed(_("You may only lead pilots for clusters you manage."))
    if lead in partners:
        raise DomainError(_("The lead cluster is not also a partner."), field="partner_clusters")


@transaction.atomic
def pilot_create(*, actor, data: dict[str, Any], partner_clusters: Iterable = ()) -> Pilot:
    """Create a pilot led by a cluster the actor manages."""
    partners = list(partner_clusters)
    _check_clusters(actor, data.get("lead_cluster"), partners)
    pilot = Pilot(created_by=actor, **{k: v for k, v in data.items() if k in PILOT_FIELDS})
    full_clean(pilot, exclude=["created_by"])
    if Pilot.objects.filter(code__iexact=pilot.code).exists():
        raise DomainError(_("Another pilot has this code."), field="code")
    pilot.save()
    pilot.partner_clusters.set(partners)
    return pilot


@transaction.atomic
def pilot_update(
    *, actor, pilot: Pilot, data: dict[str, Any], partner_clusters: Iterable | None = None
) -> Pilot:
    """Change a pilot's description, dates, status or clusters."""
    require_manager(actor, pilot)
    for key, value in data.items():
        if key in PILOT_FIELDS:
            setattr(pilot, key, value)
    partners = list(partner_clusters) if partner_clusters is not None else None
    _check_clusters(actor, pilot.lead_cluster, partners or [])
    full_clean(pilot, exclude=["created_by"])
    if Pilot.objects.filter(code__iexact=pilot.code).exclude(pk=pilot.pk).exists():
        raise DomainError(_("Another pilot has this code."), field="code")
    pilot.save()
    if partners is not None:
        pilot.partner_clusters.set(partners)
    return pilot


def pilot_clusters(pilot: Pilot) -> list[int]:
    return [pilot.lead_cluster_id, *pilot.partner_clusters.values_list("pk", flat=True)]


def stratum_of(organisation: Organisation) -> str:
    """Sector section and size band: the strata of a stratified random assignment."""
    sector = organisation.sectors.order_by("code").first()
    section = sector.section if sector is not None else "?"
    return f"{section}|{organisation.size_band or organisation.kind}"


@transaction.atomic
def participant_add(
    *, actor, pilot: Pilot, organisation: Organisation, contact: Contact | None = None
) -> Participant:
    """Add a member organisation of the pilot's clusters as a participant."""
    require_manager(actor, pilot)
    is_member = (
        Membership.objects.filter(cluster_id__in=pilot_clusters(pilot), organisation=organisation)
        .exclude(status=MembershipStatus.LEFT)
        .exists()
    )
    if not is_member:
        raise DomainError(
            _("Only members of the pilot's clusters can take part."), field="organisation"
        )
    if contact is not None and contact.organisation_id != organisation.pk:
        raise DomainError(_("The person works for another organisation."), field="contact")
    if pilot.participants.filter(organisation=organisation).exists():
        raise DomainError(_("This organisation already takes part."), field="organisation")
    return Participant.objects.create(
        pilot=pilot,
        organisation=organisation,
        contact=contact,
        stratum=stratum_of(organisation),
        joined_on=timezone.localdate(),
    )


@transaction.atomic
def participant_remove(*, actor, participant: Participant) -> None:
    """Remove a participant with its measurements."""
    require_manager(actor, participant.pilot)
    participant.delete()


def _refuse_late_assignment(pilot: Pilot) -> None:
    if pilot.status in (PilotStatus.EVALUATING, PilotStatus.CLOSED):
        raise DomainError(_("Groups are fixed once the pilot is being evaluated."))


@transaction.atomic
def participant_set_group(*, actor, participant: Participant, group: str) -> Participant:
    """Put a participant in a group by the manager's choice."""
    pilot = participant.pilot
    require_manager(actor, pilot)
    _refuse_late_assignment(pilot)
    if group not in Group.values:
        raise DomainError(_("Choose a group."), field="group")
    participant.group = group
    participant.save(update_fields=["group"])
    if pilot.assignment != AssignmentMethod.MANUAL:
        Pilot.objects.filter(pk=pilot.pk).update(assignment=AssignmentMethod.MANUAL)
    return participant


@transaction.atomic
def participants_randomise(*, actor, pilot: Pilot, seed: int | None = None) -> dict[int, str]:
    """Assign every participant at random, stratified by sector and size; the seed is kept so
    that anyone can reproduce the draw."""
    require_manager(actor, pilot)
    _refuse_late_assignment(pilot)
    participants = list(pilot.participants.all())
    if len(participants) < 2:
        raise DomainError(_("Add at least two participants first."))
    if seed is None:
        seed = secrets.randbelow(1_000_000)
    if not 0 <= seed < 2**31:
        raise DomainError(_("Give a whole number below 2,147,483,648."), field="seed")
    groups = engine.assign_random([engine.Unit(p.pk, p.stratum) for p in participants], seed=seed)
    for participant in participants:
        participant.group = groups[participant.pk]
    Participant.objects.bulk_update(participants, ["group"])
    Pilot.objects.filter(pk=pilot.pk).update(
        assignment=AssignmentMethod.RANDOM, assignment_seed=seed
    )
    pilot.assignment, pilot.assignment_seed = AssignmentMethod.RANDOM, seed
    return groups


@transaction.atomic
def milestone_add(*, actor, pilot: Pilot, title: str, due_on: dt.date) -> Milestone:
    """Add a milestone to the pilot's timeline."""
    require_manager(actor, pilot)
    milestone = Milestone(pilot=pilot, title=title.strip(), due_on=due_on)
    full_clean(milestone)
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(*, actor, milestone: Milestone, status: str) -> Milestone:
    """Mark a milestone done, dropped or open again."""
    require_manager(actor, milestone.pilot)
    if status not in MilestoneStatus.values:
        raise DomainError(_("Choose a status."), field="status")
    milestone.status = status
    milestone.done_on = timezone.localdate() if status == MilestoneStatus.DONE else None
    milestone.save(update_fields=["status", "done_on"])
    return milestone


@transaction.atomic
def lesson_add(
    *, actor, pilot: Pilot, what: str, for_whom: str, evidence: str = "", evidence_level: str
) -> Lesson:
    """Record a lesson learned from the pilot."""
    require_manager(actor, pilot)
    lesson = Lesson(
        pilot=pilot,
        what=what.strip(),
        for_whom=for_whom.strip(),
        evidence=evidence.strip(),
        evidence_level=evidence_level,
        author=actor,
    )
    full_clean(lesson, exclude=["author"])
    lesson.save()
    return lesson


@transaction.atomic
def document_upload(*, actor, pilot: Pilot, title: str, file) -> PilotDocument:
    """Attach a document (office formats, PDF, images; at most 20 MB)."""
    require_manager(actor, pilot)
    if Path(file.name).suffix.lower() not in DOCUMENT_TYPES:
        raise DomainError(_("Upload a PDF, office document, image or text file."), field="file")
    if file.size > DOCUMENT_MAX_BYTES:
        raise DomainError(_("The file is larger than 20 MB."), field="file")
    document = PilotDocument(pilot=pilot, title=title.strip() or file.name, uploaded_by=actor)
    document.file.save(Path(file.name).name, file, save=False)
    document.save()
    return document
