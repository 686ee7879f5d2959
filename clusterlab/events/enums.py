"""Choices of the events domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    BROKERAGE = "brokerage", _("Brokerage event")
    STUDY_VISIT = "study_visit", _("Study visit")
    CONFERENCE = "conference", _("Conference")
    TRAINING = "training", _("Training")
    ONLINE = "online", _("Online session")


class EventAudience(models.TextChoices):
    PUBLIC = "public", _("Public: anyone with an account may register")
    MEMBERS = "members", _("Members only: members of the organising clusters")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("Waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Free text")
    CHOICE = "choice", _("One of several choices")
    YES_NO = "yes_no", _("Yes or no")


class ParticipantType(models.TextChoices):
    CREATIVE = "creative", _("Creative business")
    INDUSTRY = "industry", _("Traditional industry")
    RESEARCH = "research", _("Research and education")
    SUPPORT = "support", _("Cluster or support organisation")
    OTHER = "other", _("Other")


class RequestRule(models.TextChoices):
    ANYONE = "anyone", _("Anyone may request anyone")
    ACROSS_TYPES = "across_types", _("Only across participant types (e.g. creative ↔ industry)")
    CREATIVE_INDUSTRY = "creative_industry", _("Only between creative businesses and industry")


class Priority(models.IntegerChoices):
    LOW = 1, _("Nice to have")
    NORMAL = 2, _("Normal")
    HIGH = 3, _("High")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RequestSource(models.TextChoices):
    PARTICIPANT = "participant", _("Sent by the participant")
    RECOMMENDATION = "recommendation", _("Suggested by matchmaking")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
