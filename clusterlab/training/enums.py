"""Choices of the training domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _

LEVELS = (1, 2, 3, 4, 5)


class ModuleFormat(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    ONLINE = "online", _("Online")
    STUDY_VISIT = "study_visit", _("Study visit")
    PEER_EXCHANGE = "peer_exchange", _("Peer exchange")


class MaterialKind(models.TextChoices):
    # A later integration adds entries of the shared toolbox here.
    LINK = "link", _("Link")
    FILE = "file", _("File")


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RaterRole(models.TextChoices):
    SELF = "self", _("Self-assessment")
    PEER = "peer", _("Peer")
    COACH = "coach", _("Coach")


class Phase(models.TextChoices):
    """When a self-assessment was made in a programme: before it starts or at its end."""

    BEFORE = "before", _("Before the programme")
    AFTER = "after", _("After the programme")


ACTIVE_PHASES = (Phase.BEFORE, Phase.AFTER)
