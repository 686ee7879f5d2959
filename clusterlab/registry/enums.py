"""Choices of the registry domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MICRO = "micro", _("Micro company")
    SMALL = "small", _("Small company")
    MEDIUM = "medium", _("Medium-sized company")
    LARGE = "large", _("Large company")
    CLUSTER_ORG = "cluster_org", _("Cluster organisation")
    RESEARCH = "research", _("University or research")
    PUBLIC_BODY = "public_body", _("Public body")
    SUPPORT_AGENCY = "support_agency", _("Support agency")
    INVESTOR = "investor", _("Investor")
    ASSOCIATION = "association", _("Association")


SME_KINDS = (OrganisationKind.MICRO, OrganisationKind.SMALL, OrganisationKind.MEDIUM)


class SizeBand(models.TextChoices):
    SOLO = "1", _("1 person")
    MICRO = "2-9", _("2–9 employees")
    SMALL = "10-49", _("10–49 employees")
    MEDIUM = "50-249", _("50–249 employees")
    LARGE = "250+", _("250 or more employees")


class Visibility(models.TextChoices):
    """Who may see an organisation's profile: chosen by the organisation itself."""

    CLUSTER = "cluster", _("Own clusters only")
    NETWORK = "network", _("All clusters of the network")
    PUBLIC = "public", _("Public (listed in the directory)")


class ClusterKind(models.TextChoices):
    CREATIVE = "creative", _("Creative")
    TRADITIONAL = "traditional", _("Traditional industry")
    CROSS_SECTORAL = "cross_sectoral", _("Cross-sectoral")


class MembershipStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    ACTIVE = "active", _("Active")
    LEFT = "left", _("Left")


class ServiceKind(models.TextChoices):
    ADVICE = "advice", _("Advice")
    EVENT = "event", _("Event")
    TRAINING = "training", _("Training")
    INTRODUCTION = "introduction", _("Introduction")
    INTERNATIONALISATION = "internationalisation", _("Internationalisation support")
    PILOT = "pilot", _("Pilot participation")
    COACHING = "coaching", _("Coaching")
    FUNDING = "funding", _("Funding support")
    OTHER = "other", _("Other")


class ConsentPurpose(models.TextChoices):
    NETWORK_CONTACT = "network_contact", _("Being contacted by the network's clusters")
    NEWSLETTER = "newsletter", _("Newsletter")
    DIRECTORY = "directory", _("Listing as contact in the directory")
    EVENTS = "events", _("Event communication")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    PREVIEWING = "previewing", _("Checking")
    PREVIEWED = "previewed", _("Checked")
    COMMITTING = "committing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")
