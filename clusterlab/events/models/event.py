"""Events, the questions organisers ask, and registrations."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.enums import MembershipStatus
from clusterlab.registry.models import Cluster, Contact, Language, Organisation, ServiceRecord
from clusterlab.registry.models.network import cluster_ids_of

from ..enums import (
    EventAudience,
    EventKind,
    ParticipantType,
    QuestionKind,
    RegistrationStatus,
    RequestRule,
)

TIME_ZONES = sorted(zoneinfo.available_timezones())
MAX_TABLES = 5_000
MAX_SLOTS = 64
MAX_EXPIRY_HOURS = 24 * 365


def _valid_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s."), params={"zone": value})


class EventQuerySet(models.QuerySet):
    def organised_by(self, user) -> EventQuerySet:
        """Events this user runs: their clusters' events; every event for a coordinator."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_coordinator:
            return self
        return self.filter(clusters__managers=user).distinct()

    def visible_to(self, user) -> EventQuerySet:
        """Published public events for all; members-only for the clusters' people; drafts to
        their organisers."""
        public = Q(is_published=True, audience=EventAudience.PUBLIC)
        if user is None or not user.is_authenticated:
            return self.filter(public)
        if user.is_coordinator:
            return self
        own = Q(is_published=True, clusters__in=cluster_ids_of(user))
        organiser = Q(clusters__managers=user)
        registered = Q(registrations__user=user)
        ids = self.filter(public | own | organiser | registered).values("pk")
        return self.filter(pk__in=ids)


class Event(models.Model):
    """A workshop, conference, study visit or brokerage event organised by one or more clusters."""

    clusters = models.ManyToManyField(
        Cluster, related_name="events", verbose_name=_("organising clusters")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    description = models.TextField(_("description"), blank=True)
    description_language = models.CharField(
        _("language of the description"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[_valid_time_zone]
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    audience = models.CharField(
        _("who may register"),
        max_length=10,
        choices=EventAudience.choices,
        default=EventAudience.PUBLIC,
    )
    languages = models.ManyToManyField(Language, blank=True, verbose_name=_("languages spoken"))
    is_published = models.BooleanField(_("published"), default=False)
    # Brokerage rules; used when kind is "brokerage".
    meeting_tables = models.PositiveIntegerField(
        _("tables"), default=20, validators=[MaxValueValidator(MAX_TABLES)]
    )
    request_rule = models.CharField(
        _("who may request whom"),
        max_length=20,
        choices=RequestRule.choices,
        default=RequestRule.ANYONE,
    )
    max_meetings = models.PositiveIntegerField(
        _("maximum meetings per participant"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_SLOTS)],
    )
    max_meetings_by_type = models.JSONField(
        _("maximum meetings per participant type"), default=dict, blank=True
    )
    request_expiry_hours = models.PositiveIntegerField(
        _("unanswered requests expire after (hours)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_EXPIRY_HOURS)],
    )
    schedule_published_at = models.DateTimeField(_("agendas published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})
        opens, closes = self.registration_opens, self.registration_closes
        if opens and closes and closes <= opens:
            raise ValidationError(
                {"registration_closes": _("Registration must close after it opens.")}
            )
        if self.kind != EventKind.ONLINE and not (self.venue or self.online_url):
            raise ValidationError({"venue": _("Give a venue or an online link.")})
        allowed = set(ParticipantType.values)
        for key, value in (self.max_meetings_by_type or {}).items():
            if key not in allowed or not isinstance(value, int) or not 0 <= value <= MAX_SLOTS:
                raise ValidationError(
                    {"max_meetings_by_type": _("Give a whole number per participant type.")}
                )

    @property
    def is_brokerage(self) -> bool:
        return self.kind == EventKind.BROKERAGE

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def member_organisation_ids(self) -> models.QuerySet:
        """Organisations that are current members of an organising cluster."""
        from clusterlab.registry.models import Membership

        return (
            Membership.objects.filter(cluster__in=self.clusters.all())
            .exclude(status=MembershipStatus.LEFT)
            .values("organisation_id")
        )


class RegistrationQuestion(models.Model):
    """A question the organiser asks everyone who registers."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(
        _("kind of answer"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    choices = models.TextField(_("choices, one per line"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self) -> str:
        return self.text

    def clean(self):
        if self.kind == QuestionKind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> RegistrationQuerySet:
        return self.filter(status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED])


class Registration(models.Model):
    """A person registered for an organisation. Name and e-mail are personal data: the person,
    and the event's organisers, see them; other participants see name and organisation only."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    participant_type = models.CharField(
        _("participant type"), max_length=10, choices=ParticipantType.choices, blank=True
    )
    offer = models.TextField(_("what I offer"), blank=True)
    seek = models.TextField(_("what I am looking for"), blank=True)
    cooperation_profile = models.ForeignKey(
        "matchmaking.CooperationProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cooperation profile"),
    )
    unavailable_slots = models.ManyToManyField(
        "events.MeetingSlot", blank=True, related_name="+", verbose_name=_("not available in")
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    service_record = models.OneToOneField(
        ServiceRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False),
                name="registration_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["event", "contact"],
                condition=Q(contact__isnull=False),
                name="registration_once_per_contact",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    @property
    def is_active(self) -> bool:
        return self.status in (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED)
