"""Brokerage: meeting slots, requests between participants, scheduled meetings, feedback."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..enums import Priority, RequestSource, RequestStatus, RunStatus
from .event import Event, Registration


class MeetingSlot(models.Model):
    """A time slot in which every table can hold one one-to-one meeting."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        constraints = [
            models.UniqueConstraint(fields=["event", "starts_at"], name="slot_unique_start"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class MeetingRequest(models.Model):
    """One participant asks another for a meeting; accepted requests go to the scheduler."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="requests_sent"
    )
    recipient = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="requests_received"
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    message = models.TextField(_("message"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    source = models.CharField(
        _("source"), max_length=16, choices=RequestSource.choices, default=RequestSource.PARTICIPANT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "recipient"], name="meeting_request_once_per_pair"
            ),
            models.CheckConstraint(
                condition=~Q(requester=models.F("recipient")), name="meeting_request_not_self"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"


class Meeting(models.Model):
    """A scheduled meeting: an accepted request at a slot and a table. Published meetings stay
    put when the organiser reschedules."""

    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    slot = models.ForeignKey(MeetingSlot, on_delete=models.CASCADE, related_name="meetings")
    table = models.PositiveIntegerField(_("table"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["slot__starts_at", "table"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["slot", "table"], name="meeting_one_per_table"),
        ]

    def __str__(self) -> str:
        return f"{self.request} @ {self.slot} T{self.table}"


class MeetingFeedback(models.Model):
    """After the event: was the meeting useful, is a follow-up planned? A collaboration signal."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    held = models.BooleanField(_("the meeting took place"), default=True)
    useful = models.BooleanField(_("useful"), null=True)
    follow_up = models.BooleanField(_("follow-up planned"), null=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting feedback")
        verbose_name_plural = _("meeting feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "registration"], name="meeting_feedback_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.registration}"


class ScheduleRun(models.Model):
    """One run of the scheduler, with how good it was against the proven upper bound."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_runs")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    requests = models.PositiveIntegerField(default=0)
    kept = models.PositiveIntegerField(default=0)
    scheduled = models.PositiveIntegerField(default=0)
    upper_bound = models.PositiveIntegerField(default=0)
    weight = models.FloatField(default=0)
    weight_upper_bound = models.FloatField(default=0)
    greedy_scheduled = models.PositiveIntegerField(default=0)
    idle_gaps = models.PositiveIntegerField(default=0)
    solve_s = models.FloatField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")

    def __str__(self) -> str:
        return f"{self.event} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def ratio_to_bound(self) -> float | None:
        return self.scheduled / self.upper_bound if self.upper_bound else None
