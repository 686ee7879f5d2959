"""Sending a survey: one invitation with a secret link per person, and reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError
from clusterlab.registry.models import Organisation

from ..models import Invitation, Survey
from ..permissions import can_manage_survey
from ._common import clean_string, require

MAX_RECIPIENTS = 5000
REMINDER_PAUSE = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Recipient:
    """Someone to invite. `reference` is the caller's own key for the person (e.g.
    "pilots.participant:12"), `group` a label such as "treatment" or "comparison"."""

    email: str
    name: str = ""
    language: str = ""
    organisation_id: int | None = None
    group: str = ""
    reference: str = ""


def _base_url(base_url: str) -> str:
    """Links in e-mails need the site's address: the caller's (a request's), else
    settings.SITE_URL, else the first trusted origin (set in production), else none."""
    origins = getattr(settings, "CSRF_TRUSTED_ORIGINS", None) or [""]
    return (base_url or getattr(settings, "SITE_URL", "") or origins[0]).rstrip("/")


def _check_accepting(survey: Survey) -> None:
    if not survey.is_accepting:
        raise DomainError(
            _("Open the survey (with a closing date in the future) before sending it."),
            field="status",
        )


def _clean_recipient(survey: Survey, recipient: Recipient, index: int) -> Recipient:
    field = "recipients"
    try:
        email = clean_string(recipient.email, field=field, max_length=254)
        validate_email(email)
    except (ValidationError, DomainError) as exc:
        raise DomainError(
            _("Recipient %(n)d: give a valid e-mail address.") % {"n": index}, field=field
        ) from exc
    organisation_id = recipient.organisation_id
    if organisation_id is not None and (
        isinstance(organisation_id, bool) or not isinstance(organisation_id, int)
    ):
        raise DomainError(_("Recipient %(n)d: unknown organisation.") % {"n": index}, field=field)
    return Recipient(
        email=email,
        name=clean_string(recipient.name, field=field, max_length=200, label=_("the name")),
        language=survey.language_or_default(recipient.language),
        organisation_id=organisation_id,
        group=clean_string(recipient.group, field=field, max_length=50, label=_("the group")),
        reference=clean_string(
            recipient.reference, field=field, max_length=200, label=_("the reference")
        ),
    )


def _check_organisations(actor, recipients: list[Recipient]) -> None:
    """Organisations must exist and, for a person acting, be private data they may see: a
    survey's answers then describe that organisation to the survey's cluster."""
    wanted = {r.organisation_id for r in recipients if r.organisation_id is not None}
    if not wanted:
        return
    allowed = (
        Organisation.objects.all() if actor is None else Organisation.objects.private_to(actor)
    )
    found = set(allowed.filter(pk__in=wanted).values_list("pk", flat=True))
    if wanted - found:
        raise DomainError(
            _("Some recipients' organisations are not among your clusters' members."),
            field="recipients",
        )


@transaction.atomic
def survey_send(
    *, actor, survey: Survey, recipients: list[Recipient], base_url: str = ""
) -> list[Invitation]:
    """Invite each recipient once (by e-mail address, case-insensitive) and e-mail their
    personal link after the commit. Return the new invitations; an address already invited
    to this survey keeps its invitation and is not e-mailed again.

    `base_url` ("https://host") makes the links absolute; without it, settings.SITE_URL or
    the first of settings.CSRF_TRUSTED_ORIGINS is used.
    """
    require(actor is None or can_manage_survey(actor, survey))
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _check_accepting(survey)
    if len(recipients) > MAX_RECIPIENTS:
        raise DomainError(
            _("Send to at most %(n)d people at once.") % {"n": MAX_RECIPIENTS}, field="recipients"
        )
    cleaned = [_clean_recipient(survey, r, i) for i, r in enumerate(recipients, start=1)]
    _check_organisations(actor, cleaned)
    seen = {email.lower() for email in survey.invitations.values_list("email", flat=True)}
    invitations = []
    for recipient in cleaned:
        if recipient.email.lower() in seen:
            continue
        seen.add(recipient.email.lower())
        invitations.append(
            Invitation(
                survey=survey,
                email=recipient.email,
                name=recipient.name,
                language=recipient.language,
                organisation_id=recipient.organisation_id,
                group=recipient.group,
                reference=recipient.reference,
                token=Invitation.new_token(),
                invited_by=actor,
            )
        )
    created = Invitation.objects.bulk_create(invitations)
    if created:
        from ..tasks import survey_send_task

        ids, link_base = [i.pk for i in created], _base_url(base_url)
        transaction.on_commit(lambda: survey_send_task(ids, link_base))
    return created


@transaction.atomic
def survey_remind(*, actor, survey: Survey, base_url: str = "") -> list[Invitation]:
    """Remind everyone invited who has not submitted, except those reminded in the last 24
    hours; record when, and e-mail the reminders after the commit. Return those reminded."""
    require(actor is None or can_manage_survey(actor, survey))
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _check_accepting(survey)
    now = timezone.now()
    due = list(
        # The survey row is locked above: two reminder runs cannot interleave.
        survey.invitations.filter(Q(response__isnull=True) | Q(response__submitted_at__isnull=True))
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMINDER_PAUSE))
        .order_by("pk")
    )
    for invitation in due:
        invitation.reminded_at = now
        invitation.reminder_count += 1
    Invitation.objects.bulk_update(due, ["reminded_at", "reminder_count"])
    if due:
        from ..tasks import survey_remind_task

        ids, link_base = [i.pk for i in due], _base_url(base_url)
        transaction.on_commit(lambda: survey_remind_task(ids, link_base))
    return due
