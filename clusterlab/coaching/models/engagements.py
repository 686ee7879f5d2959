"""Coaching engagements: coach, coachee, scheme steps, sessions with private notes, actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Cluster, Organisation, ServiceRecord

from ..enums import ActionStatus, EngagementStatus, GoalsMet
from .schemes import Scheme


class EngagementQuerySet(models.QuerySet):
    def for_participant(self, user) -> EngagementQuerySet:
        """Engagements where the user is the coach or the coachee; nobody else, not even a
        coordinator or the coachee's other cluster managers (coaching notes are confidential).

        The coachee of an SME engagement is every user who represents that organisation."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        who = Q(coach=user) | Q(coachee=user)
        if user.organisation_id:
            who |= Q(organisation_id=user.organisation_id)
        return self.filter(who)


class Engagement(models.Model):
    """One coaching engagement: a coach, a coachee (a manager, or an SME through its cluster)."""

    title = models.CharField(_("title"), max_length=200)
    scheme = models.ForeignKey(
        Scheme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="engagements",
        verbose_name=_("scheme"),
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coaching_given",
        verbose_name=_("coach"),
    )
    coachee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coaching_received",
        verbose_name=_("coachee (cluster manager)"),
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coaching_engagements",
        verbose_name=_("coached SME"),
    )
    cluster = models.ForeignKey(
        Cluster,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coaching_engagements",
        verbose_name=_("arranging cluster"),
    )
    goals = models.TextField(_("goals"), max_length=4000, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=EngagementStatus.choices,
        default=EngagementStatus.ACTIVE,
    )
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcomes = models.TextField(_("outcomes"), max_length=4000, blank=True)
    goals_met = models.CharField(_("goals met"), max_length=8, choices=GoalsMet.choices, blank=True)
    next_steps = models.TextField(_("what happens next"), max_length=4000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("coaching engagement")
        verbose_name_plural = _("coaching engagements")
        constraints = [
            # Exactly one coachee: a manager, or an SME arranged by a cluster.
            models.CheckConstraint(
                condition=(
                    Q(coachee__isnull=False, organisation__isnull=True)
                    | Q(coachee__isnull=True, organisation__isnull=False, cluster__isnull=False)
                ),
                name="engagement_one_coachee",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coaching:engagement-detail", args=[self.pk])

    @property
    def is_sme(self) -> bool:
        return self.organisation_id is not None

    @property
    def is_closed(self) -> bool:
        return self.status == EngagementStatus.CLOSED

    @property
    def coachee_name(self) -> str:
        if self.organisation_id:
            return str(self.organisation)
        return self.coachee.get_full_name() or self.coachee.username


class EngagementStep(models.Model):
    """A scheme step copied into the engagement, so later edits of the scheme change nothing."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("step"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=2000, blank=True)
    typical_duration = models.CharField(_("typical duration"), max_length=80, blank=True)
    tools = models.TextField(_("tools to use"), max_length=2000, blank=True)
    expected_outputs = models.TextField(_("expected outputs"), max_length=2000, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    output = models.TextField(_("output"), max_length=4000, blank=True)

    class Meta:
        ordering = ["engagement", "position"]
        verbose_name = _("engagement step")
        verbose_name_plural = _("engagement steps")
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "position"], name="engagement_step_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def is_done(self) -> bool:
        return self.completed_on is not None


class Session(models.Model):
    """A coaching session; its notes are for the coach and the coachee only."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), max_length=20000, blank=True)
    service = models.OneToOneField(
        ServiceRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")

    def __str__(self) -> str:
        return f"{self.engagement} · {self.date}"


class Action(models.Model):
    """An action agreed in a session, with a due date."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="actions")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    text = models.CharField(_("action"), max_length=500)
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")

    def __str__(self) -> str:
        return self.text

    @property
    def is_overdue(self) -> bool:
        return self.status == ActionStatus.OPEN and self.due_on < timezone.localdate()
