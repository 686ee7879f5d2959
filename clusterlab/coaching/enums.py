"""Choices of the coaching domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    MANAGER = "manager", _("Cluster managers")
    SME = "sme", _("SMEs (through their cluster)")


class EngagementStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class GoalsMet(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class OfferKind(models.TextChoices):
    EXCHANGE = "exchange", _("Peer exchange (one visitor)")
    STUDY_VISIT = "study_visit", _("Group study visit")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Open for applications")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the host")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
