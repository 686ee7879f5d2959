"""Programmes (one cohort each): sessions of modules in order, participants, attendance,
assignments and certificates."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Cluster, ServiceRecord

from ..enums import EnrolmentStatus, ProgrammeStatus
from .modules import TrainingModule


def _is_user(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


class ProgrammeQuerySet(models.QuerySet):
    def run_by(self, user) -> ProgrammeQuerySet:
        """Programmes the user runs: as trainer, as manager of the organising cluster, or as
        coordinator (all)."""
        if not _is_user(user):
            return self.none()
        if user.is_coordinator:
            return self
        ids = self.filter(Q(trainers=user) | Q(cluster__managers=user)).values("pk")
        return self.filter(pk__in=ids)

    def visible_to(self, user) -> ProgrammeQuerySet:
        """Programmes the user runs, and those they take part in."""
        if not _is_user(user):
            return self.none()
        if user.is_coordinator:
            return self
        ids = self.filter(
            Q(trainers=user)
            | Q(cluster__managers=user)
            | Q(enrolments__participant=user, enrolments__status__in=ACTIVE_ENROLMENT)
        ).values("pk")
        return self.filter(pk__in=ids)


ACTIVE_ENROLMENT = (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)


class Programme(models.Model):
    """A training programme run for one cohort of cluster managers by an organising cluster."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.PROTECT,
        related_name="training_programmes",
        verbose_name=_("organising cluster"),
        help_text=_("Its managers see the programme; its feedback surveys belong to it."),
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="programmes_trained",
        verbose_name=_("trainers"),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=12, choices=ProgrammeStatus.choices, default=ProgrammeStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="training_programme_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("training:programme-detail", args=[self.pk])


class Session(models.Model):
    """A module taught in the programme on a date, in the programme's order."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    module = models.ForeignKey(
        TrainingModule, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("module")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    date = models.DateField(_("date"))
    location = models.CharField(_("place or online link"), max_length=300, blank=True)
    feedback_survey = models.OneToOneField(
        "surveys.Survey",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_session",
        verbose_name=_("feedback survey"),
    )

    class Meta:
        ordering = ["position", "date", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.position}. {self.module}"


class Enrolment(models.Model):
    """A cluster manager taking part in a programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="enrolments")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_enrolments",
        verbose_name=_("participant"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EnrolmentStatus.choices, default="enrolled"
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["participant__last_name", "participant__username", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "participant"], name="training_enrolment_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} in {self.programme}"

    @property
    def reference(self) -> str:
        """How this enrolment is named on survey invitations."""
        return f"training.enrolment:{self.pk}"


class Attendance(models.Model):
    """Whether a participant attended a session; the service log entry it produced."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField(_("present"), default=False)
    service_record = models.ForeignKey(
        ServiceRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="training_attendance_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} @ {self.session_id}: {self.present}"


class Assignment(models.Model):
    """A task set to the participants, optionally after a session."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="assignments")
    session = models.ForeignKey(
        Session,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
        verbose_name=_("after session"),
    )
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    """A participant's work on an assignment; the trainer marks it done."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="submissions")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="submissions")
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), upload_to="training/submissions/%Y/", blank=True)
    submitted_at = models.DateTimeField(auto_now=True)
    is_done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "enrolment"], name="training_submission_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} by {self.enrolment_id}"


class Certificate(models.Model):
    """A certificate of completion; its code opens the public verification page.

    Holder name and programme title are copied on issue: the certificate says what it said
    when it was issued, whatever is renamed later."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=32, unique=True, editable=False)
    holder_name = models.CharField(_("holder"), max_length=300)
    programme_title = models.CharField(_("programme"), max_length=200)
    issued_on = models.DateField(_("issued"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code

    @staticmethod
    def new_code() -> str:
        # 12 characters from an unambiguous alphabet: easy to type from paper, hard to guess.
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        return "".join(secrets.choice(alphabet) for _ in range(12))

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
