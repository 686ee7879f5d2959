"""Choices of the Greenbook domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class RenderStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RenderStage(models.TextChoices):
    """The steps of a PDF render, in order; each has the percent reached when it starts."""

    WAITING = "waiting", _("Waiting for a worker")
    SNAPSHOT = "snapshot", _("Collecting the content")
    HTML = "html", _("Building the HTML")
    LAYOUT = "layout", _("Laying out the pages")
    WRITE = "write", _("Writing the PDF")
    FINISHED = "finished", _("Finished")


STAGE_PERCENT = {
    RenderStage.WAITING: 0,
    RenderStage.SNAPSHOT: 5,
    RenderStage.HTML: 20,
    RenderStage.LAYOUT: 35,
    RenderStage.WRITE: 85,
    RenderStage.FINISHED: 100,
}
