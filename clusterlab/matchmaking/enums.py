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
