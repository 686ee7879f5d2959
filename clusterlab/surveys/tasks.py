"""Background work of surveys: the invitation and reminder e-mails (ids in, idempotent)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from huey.contrib.djhuey import db_task

from .models import Invitation


def survey_link(invitation: Invitation, base_url: str) -> str:
    return base_url + reverse("surveys:respond", args=[invitation.token])


def _mail(invitation: Invitation, base_url: str, *, reminder: bool) -> None:
    survey = invitation.survey
    with translation.override(invitation.language):
        title = survey.title_in(invitation.language)
        context = {
            "invitation": invitation,
            "survey": survey,
            "title": title,
            "link": survey_link(invitation, base_url),
            "reminder": reminder,
        }
        subject = (
            _("Reminder: %(title)s") if reminder else _("Your opinion, please: %(title)s")
        ) % {"title": title}
        body = render_to_string("surveys/invitation_email.txt", context)
        send_mail(subject, body, None, [invitation.email])


@db_task()
def survey_send_task(invitation_ids: list[int], base_url: str = "") -> None:
    """E-mail each new invitation its personal link, once."""
    for invitation_id in invitation_ids:
        # Mark and send in one transaction: a failed send un-marks; a repeated job sends nothing.
        with transaction.atomic():
            marked = Invitation.objects.filter(pk=invitation_id, sent_at__isnull=True).update(
                sent_at=timezone.now()
            )
            if marked:
                invitation = Invitation.objects.select_related("survey").get(pk=invitation_id)
                _mail(invitation, base_url, reminder=False)


@db_task()
def survey_remind_task(invitation_ids: list[int], base_url: str = "") -> None:
    """E-mail the reminder recorded on each invitation, once per recording."""
    for invitation_id in invitation_ids:
        with transaction.atomic():
            marked = (
                Invitation.objects.filter(pk=invitation_id, reminded_at__isnull=False)
                .filter(Q(response__isnull=True) | Q(response__submitted_at__isnull=True))
                .filter(
                    Q(reminder_mailed_at__isnull=True) | Q(reminder_mailed_at__lt=F("reminded_at"))
                )
                .update(reminder_mailed_at=timezone.now())
            )
            if marked:
                invitation = Invitation.objects.select_related("survey").get(pk=invitation_id)
                _mail(invitation, base_url, reminder=True)
