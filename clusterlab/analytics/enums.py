"""Choices of the analytics domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    """What a target counts; `metrics.METRICS` says how each is computed."""

    CLUSTERS_LINKED = "clusters_linked", _("Clusters linked")
    SMES_REACHED = "smes_reached", _("SMEs reached")
    CREATIVE_SMES_REACHED = "creative_smes_reached", _("Creative SMEs reached")
    ORGANISATIONS_REACHED = "organisations_reached", _("Organisations reached")
    PILOT_ACTIONS = "pilot_actions", _("Pilot actions")
    CROSS_SECTORAL = "cross_sectoral_collaborations", _("Cross-sectoral collaborations")
    INTERNATIONAL = "international_collaborations", _("International collaborations")
    MANAGERS_TRAINED = "managers_trained", _("Cluster managers trained")


class Split(models.TextChoices):
    """Ways to break reach down; every split counts distinct organisations per value."""

    CREATIVE = "creative", _("Creative / traditional")
    COUNTRY = "country", _("Country")
    REGION = "region", _("NUTS 2 region")
    SECTOR = "sector", _("NACE section")
    SIZE = "size", _("Size")
    KIND = "kind", _("Kind of organisation")
    SERVICE = "service", _("Kind of service")
