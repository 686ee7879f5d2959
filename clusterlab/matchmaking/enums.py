"""Choices of the matchmaking domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfileKind(models.TextChoices):
    OFFER = "offer", _("Offer")
    REQUEST = "request", _("Request")


class ProfileType(models.TextChoices):
    PARTNERSHIP = "partnership", _("Business partnership")
    SUPPLIER = "supplier", _("Supplier / commission")
    TECHNOLOGY = "technology", _("Technology")
    RESEARCH = "research", _("R&D cooperation")
    CREATIVE_SERVICE = "creative_service", _("Creative service (design, branding, content)")
    MARKET_ENTRY = "market_entry", _("Market entry abroad")


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class IntroductionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class OutcomeStage(models.TextChoices):
    NONE = "", _("Not recorded yet")
    MEETING = "meeting", _("Met")
    AGREEMENT = "agreement", _("Agreement signed")
    PROJECT = "project", _("Joint pilot or project running")
    NOTHING = "nothing", _("Nothing came of it")


class AgreementType(models.TextChoices):
    COMMERCIAL = "commercial", _("Commercial")
    TECHNICAL = "technical", _("Technical cooperation")
    JOINT_PROJECT = "joint_project", _("Joint project or funding application")
    SUBCONTRACTING = "subcontracting", _("Subcontracting")
    LICENCE = "licence", _("Licence")
