"""Invitations (one secret link per person), their responses and the answers given."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Organisation

from .survey import Question, Survey


class Invitation(models.Model):
    """A person asked to answer a survey; the token in their link is the only credential."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_invitations",
        verbose_name=_("organisation"),
    )
    group = models.CharField(_("group"), max_length=50, blank=True)
    # Another app's own key for this person, e.g. "pilots.participant:12".
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("reminders"), default=0)
    # When the e-mail of the last reminder went out: makes the reminder task idempotent.
    reminder_mailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                models.F("survey"), Lower("email"), name="survey_invitation_email_unique"
            )
        ]
        indexes = [models.Index(fields=["survey", "reference"])]

    def __str__(self) -> str:
        return f"{self.name or self.email} ({self.survey})"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)


class Response(models.Model):
    """The answers given through one invitation's link; at most one per link."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ["started_at", "pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "submitted_at"])]

    def __str__(self) -> str:
        return f"Response #{self.pk} to {self.survey}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Answer(models.Model):
    """One question's answer: a choice value, a list of them, a number, a text or a date."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(_("answer"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.value}"
