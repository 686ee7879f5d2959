"""Writes of the registry domain: every page, API call, import and command goes through here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed, full_clean

from . import permissions
from .enums import ImportStatus, MembershipStatus
from .models import (
    Cluster,
    Consent,
    Contact,
    CreativeDefinitionEntry,
    CreativeDefinitionSet,
    ImportJob,
    LetterOfSupport,
    Membership,
    NetworkSettings,
    Organisation,
    OrganisationNote,
    ServiceRecord,
)

ORGANISATION_M2M = (
    "sectors",
    "capabilities_offered",
    "capabilities_sought",
    "languages",
    "export_markets",
)
ORGANISATION_FIELDS = (
    "name",
    "kind",
    "country",
    "region",
    "city",
    "size_band",
    "founded_year",
    "website",
    "description",
    "description_language",
    "visibility",
)
CONTACT_FIELDS = ("first_name", "last_name", "email", "phone", "role")
CLUSTER_FIELDS = (
    "name",
    "kind",
    "country",
    "managing_organisation",
    "description",
    "description_language",
    "website",
    "founded_year",
)


def _require(allowed: bool) -> None:
    if not allowed:
        raise NotAllowed(_("You may not change this."))


def _check_year(organisation: Organisation) -> None:
    year = organisation.founded_year
    if year is not None and not 1500 <= year <= timezone.localdate().year:
        raise DomainError(_("Enter a year between 1500 and this year."), field="founded_year")


def _check_region(organisation: Organisation) -> None:
    if organisation.region_id and organisation.region.country_id != organisation.country_id:
        raise DomainError(_("The region is not in the chosen country."), field="region")


def creative_sector_ids(definition_set: CreativeDefinitionSet | None = None) -> set[int]:
    """Return the NACE sector ids counted as creative by a set (the network default if none)."""
    dset = definition_set or NetworkSettings.current().default_creative_set
    if dset is None:
        return set()
    return set(
        CreativeDefinitionEntry.objects.filter(definition_set=dset).values_list(
            "sector_id", flat=True
        )
    )


def organisation_creative_refresh(*, organisation_ids: Iterable[int] | None = None) -> int:
    """Recompute the derived `is_creative` flag from sectors; return how many rows changed."""
    creative = creative_sector_ids()
    through = Organisation.sectors.through
    links = through.objects.all()
    scope = Organisation.objects.all()
    if organisation_ids is not None:
        ids = list(organisation_ids)
        links = links.filter(organisation_id__in=ids)
        scope = scope.filter(pk__in=ids)
    creative_orgs = set(
        links.filter(nacesector_id__in=creative).values_list("organisation_id", flat=True)
    )
    changed = 0
    changed += scope.filter(pk__in=creative_orgs, is_creative=False).update(is_creative=True)
    changed += (
        scope.exclude(pk__in=creative_orgs).filter(is_creative=True).update(is_creative=False)
    )
    return changed


@transaction.atomic
def organisation_create(
    *,
    actor,
    data: dict[str, Any],
    cluster: Cluster | None = None,
    membership_status: str = MembershipStatus.ACTIVE,
) -> Organisation:
    """Create an organisation (and its membership of `cluster`, which the actor must manage)."""
    if cluster is not None:
        _require(actor is None or permissions.can_manage_cluster(actor, cluster))
    elif actor is not None:
        _require(permissions.is_coordinator(actor))
    organisation = Organisation(**{k: data[k] for k in ORGANISATION_FIELDS if k in data})
    full_clean(organisation)
    _check_year(organisation)
    _check_region(organisation)
    organisation._history_user = actor
    organisation.save()
    _set_m2m(organisation, data)
    if cluster is not None:
        _membership_create(cluster, organisation, status=membership_status, actor=actor)
    return organisation


@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, data: dict[str, Any]) -> Organisation:
    """Change an organisation's profile; the actor must be allowed to edit it."""
    _require(actor is None or permissions.can_edit_organisation(actor, organisation))
    for key in ORGANISATION_FIELDS:
        if key in data:
            setattr(organisation, key, data[key])
    full_clean(organisation)
    _check_year(organisation)
    _check_region(organisation)
    organisation._history_user = actor
    organisation.save()
    _set_m2m(organisation, data)
    return organisation


def _set_m2m(organisation: Organisation, data: dict[str, Any]) -> None:
    for key in ORGANISATION_M2M:
        if key in data:
            getattr(organisation, key).set(data[key])
    if "sectors" in data:
        organisation_creative_refresh(organisation_ids=[organisation.pk])
        organisation.refresh_from_db(fields=["is_creative"])


@transaction.atomic
def cluster_update(*, actor, cluster: Cluster, data: dict[str, Any]) -> Cluster:
    """Change a cluster's profile (its managers and coordinators only)."""
    _require(actor is None or permissions.can_manage_cluster(actor, cluster))
    for key in CLUSTER_FIELDS:
        if key in data:
            setattr(cluster, key, data[key])
    full_clean(cluster, exclude=["slug"])
    cluster._history_user = actor
    cluster.save()
    for key in ("sectors", "regions"):
        if key in data:
            getattr(cluster, key).set(data[key])
    return cluster


@transaction.atomic
def membership_add(
    *,
    actor,
    cluster: Cluster,
    organisation: Organisation,
    status: str = MembershipStatus.ACTIVE,
    joined: dt.date | None = None,
) -> Membership:
    """Add an organisation to a cluster (or re-activate a past membership).

    Membership opens the organisation's private data to the cluster's managers, so a
    manager may only add organisations already theirs (in this or another of their
    clusters); anyone else joins through the organisation itself or a coordinator.
    """
    _require(actor is None or permissions.can_manage_cluster(actor, cluster))
    current = Membership.objects.filter(cluster=cluster, organisation=organisation).exclude(
        status=MembershipStatus.LEFT
    )
    if not current.exists():
        _require_consent_to_join(actor, organisation)
    return _membership_create(cluster, organisation, status=status, joined=joined, actor=actor)


def _is_current_member(cluster: Cluster, organisation: Organisation) -> bool:
    return (
        Membership.objects.filter(cluster=cluster, organisation=organisation)
        .exclude(status=MembershipStatus.LEFT)
        .exists()
    )


def _require_consent_to_join(actor, organisation: Organisation) -> None:
    """Joining (or re-joining after leaving) opens private data: not a manager's own call."""
    if actor is not None and not permissions.can_view_private(actor, organisation):
        raise NotAllowed(
            _(
                "Only the organisation itself or a coordinator can add it to your cluster; "
                "invite it instead."
            ),
            field="organisation",
        )


def _membership_create(
    cluster: Cluster,
    organisation: Organisation,
    *,
    status: str,
    actor,
    joined: dt.date | None = None,
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        cluster=cluster,
        organisation=organisation,
        defaults={"status": status, "joined": joined or timezone.localdate()},
    )
    if not created and membership.status != status:
        membership.status = status
        membership.left = None
        membership._history_user = actor
        membership.save()
    return membership


@transaction.atomic
def membership_update(
    *,
    actor,
    membership: Membership,
    status: str,
    joined: dt.date | None = None,
    left: dt.date | None = None,
) -> Membership:
    """Change a membership's status and dates; leaving sets the date it ended."""
    _require(actor is None or permissions.can_manage_cluster(actor, membership.cluster))
    # Read the stored status: a bound ModelForm has already changed the instance.
    stored = Membership.objects.filter(pk=membership.pk).values_list("status", flat=True).first()
    if stored == MembershipStatus.LEFT and status != MembershipStatus.LEFT:
        _require_consent_to_join(actor, membership.organisation)
    membership.status = status
    if joined is not None:
        membership.joined = joined
    if status == MembershipStatus.LEFT:
        membership.left = left or membership.left or timezone.localdate()
    else:
        membership.left = None
    if membership.joined and membership.left and membership.left < membership.joined:
        raise DomainError(_("A membership cannot end before it began."), field="left")
    full_clean(membership)
    membership._history_user = actor
    membership.save()
    return membership


def membership_remove(*, actor, membership: Membership) -> Membership:
    """End a membership (kept as 'left' so history and counts stay true)."""
    return membership_update(actor=actor, membership=membership, status=MembershipStatus.LEFT)


@transaction.atomic
def contact_create(
    *,
    actor,
    organisation: Organisation,
    data: dict[str, Any],
    consents: Iterable[tuple[str, str]] = (),
) -> Contact:
    """Add a contact person with the consents they gave (purpose, how)."""
    _require(actor is None or permissions.can_edit_organisation(actor, organisation))
    contact = Contact(
        organisation=organisation, **{k: data[k] for k in CONTACT_FIELDS if k in data}
    )
    full_clean(contact)
    contact._history_user = actor
    contact.save()
    if "languages" in data:
        contact.languages.set(data["languages"])
    for purpose, source in consents:
        consent_record(actor=actor, contact=contact, purpose=purpose, source=source)
    return contact


@transaction.atomic
def contact_update(*, actor, contact: Contact, data: dict[str, Any]) -> Contact:
    """Change a contact person's details."""
    _require(actor is None or permissions.can_edit_contact(actor, contact))
    if contact.is_erased:
        raise DomainError(_("This person's data was erased; it cannot be edited."))
    for key in CONTACT_FIELDS:
        if key in data:
            setattr(contact, key, data[key])
    full_clean(contact)
    contact._history_user = actor
    contact.save()
    if "languages" in data:
        contact.languages.set(data["languages"])
    return contact


@transaction.atomic
def consent_record(
    *, actor, contact: Contact, purpose: str, source: str = "", given_at: dt.datetime | None = None
) -> Consent:
    """Record a consent with its date and purpose."""
    _require(actor is None or permissions.can_edit_contact(actor, contact))
    consent = Consent(
        contact=contact, purpose=purpose, source=source, given_at=given_at or timezone.now()
    )
    full_clean(consent, exclude=["contact"])
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent) -> Consent:
    """Mark a consent withdrawn now."""
    _require(actor is None or permissions.can_edit_contact(actor, consent.contact))
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
    return consent


ERASED_NAME = "Erased"


@transaction.atomic
def contact_erase(*, actor, contact: Contact) -> Contact:
    """Anonymise a person everywhere (row and history); counts and dates stay true."""
    _require(actor is None or permissions.can_edit_contact(actor, contact))
    _import_files_forget(
        [contact.email, f"{contact.first_name} {contact.last_name}".strip(), contact.phone]
    )
    anonymous = {
        "first_name": ERASED_NAME,
        "last_name": f"#{contact.pk}",
        "email": "",
        "phone": "",
        "role": "",
    }
    for key, value in anonymous.items():
        setattr(contact, key, value)
    contact.erased_at = timezone.now()
    contact.skip_history_when_saving = True
    contact.save()
    del contact.skip_history_when_saving
    contact.languages.clear()
    # History rows would otherwise keep the name and e-mail the person asked us to forget.
    Contact.history.filter(id=contact.pk).update(**anonymous)
    contact.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=contact.erased_at)
    contact.consents.update(source="")
    return contact


def _import_files_forget(needles: list[str]) -> int:
    """Drop waiting import files (and their previews) that mention an erased person."""
    needles = [n.lower() for n in needles if n and len(n) > 3]
    dropped = 0
    for job in ImportJob.objects.exclude(file="").exclude(status=ImportStatus.DONE):
        try:
            with job.file.open("rb") as fh:
                text = fh.read().decode("utf-8", "ignore").lower()
        except OSError:
            continue
        # XLSX is zipped: its text is not searchable here, so such files are dropped too.
        if job.filename.lower().endswith(".xlsx") or any(n in text for n in needles):
            job.file.delete(save=False)
            job.file = ""
            job.status = ImportStatus.FAILED
            job.errors, job.preview, job.queued = [], [], ""
            job.message = _("Removed after a request to erase personal data; upload again.")
            job.save()
            dropped += 1
    return dropped


def contact_export(*, actor, contact: Contact) -> dict[str, Any]:
    """Return everything held about a person, machine-readable (GDPR access request)."""
    _require(actor is None or permissions.can_edit_contact(actor, contact))
    return {
        "id": contact.pk,
        "organisation": {"id": contact.organisation_id, "name": contact.organisation.name},
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "email": contact.email,
        "phone": contact.phone,
        "role": contact.role,
        "languages": sorted(contact.languages.values_list("code", flat=True)),
        "created_at": contact.created_at.isoformat(),
        "erased_at": contact.erased_at.isoformat() if contact.erased_at else None,
        "consents": [
            {
                "purpose": c.purpose,
                "given_at": c.given_at.isoformat(),
                "source": c.source,
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in contact.consents.all()
        ],
        "history": [
            {
                "date": h.history_date.isoformat(),
                "change": h.get_history_type_display(),
                "first_name": h.first_name,
                "last_name": h.last_name,
                "email": h.email,
                "phone": h.phone,
                "role": h.role,
            }
            for h in contact.history.all()
        ],
    }


@transaction.atomic
def note_add(*, actor, cluster: Cluster, organisation: Organisation, text: str) -> OrganisationNote:
    """Add a manager's private note on a member of their cluster."""
    _require(actor is None or permissions.can_manage_cluster(actor, cluster))
    if not _is_current_member(cluster, organisation):
        raise DomainError(_("This organisation is not a member of the cluster."))
    if not text.strip():
        raise DomainError(_("The note is empty."), field="text")
    return OrganisationNote.objects.create(
        organisation=organisation, cluster=cluster, author=actor, text=text.strip()
    )


@transaction.atomic
def service_record(
    *,
    actor,
    cluster: Cluster,
    organisation: Organisation,
    kind: str,
    date: dt.date,
    description: str = "",
) -> ServiceRecord:
    """Log a service a cluster delivered to an organisation (counted in "SMEs reached")."""
    _require(actor is None or permissions.can_manage_cluster(actor, cluster))
    if not _is_current_member(cluster, organisation):
        raise DomainError(
            _("This organisation is not a member of the cluster."), field="organisation"
        )
    record = ServiceRecord(
        cluster=cluster,
        organisation=organisation,
        kind=kind,
        date=date,
        description=description,
        recorded_by=actor,
    )
    full_clean(record, exclude=["recorded_by"])
    if date > timezone.localdate():
        raise DomainError(_("A delivered service cannot be in the future."), field="date")
    record.save()
    return record


@transaction.atomic
def letter_of_support_create(
    *,
    actor,
    organisation: Organisation,
    date: dt.date,
    commitment: str,
    cluster: Cluster | None = None,
) -> LetterOfSupport:
    """Record a supporter's letter."""
    allowed = actor is None or permissions.can_edit_organisation(actor, organisation)
    _require(allowed)
    if cluster is None and actor is not None and actor.organisation_id != organisation.pk:
        # Recorded by a cluster's manager: the letter is part of that cluster's records.
        cluster = permissions.managed_cluster_of(actor, organisation)
    letter = LetterOfSupport(
        organisation=organisation, cluster=cluster, date=date, commitment=commitment
    )
    full_clean(letter, exclude=["cluster"])
    letter.save()
    return letter


@transaction.atomic
def network_creative_set_choose(*, actor, definition_set: CreativeDefinitionSet) -> int:
    """Choose the network's default creative definition set and re-derive every flag."""
    _require(actor is None or permissions.is_coordinator(actor))
    row = NetworkSettings.current()
    row.default_creative_set = definition_set
    row.save()
    return organisation_creative_refresh()
