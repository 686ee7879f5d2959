"""Choices of the pilots domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PilotStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RECRUITING = "recruiting", _("Recruiting")
    RUNNING = "running", _("Running")
    EVALUATING = "evaluating", _("Evaluating")
    CLOSED = "closed", _("Closed")


class Group(models.TextChoices):
    UNASSIGNED = "", _("Not assigned")
    TREATMENT = "treatment", _("Treatment")
    COMPARISON = "comparison", _("Comparison")


class AssignmentMethod(models.TextChoices):
    MANUAL = "manual", _("Chosen by the manager")
    RANDOM = "random", _("Random, stratified by sector and size")


class MilestoneStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class MeasurementMethod(models.TextChoices):
    SURVEY = "survey", _("A survey question")
    MANUAL = "manual", _("A number entered by the manager")
    PLATFORM = "platform", _("A count from the platform")


class PlatformMetric(models.TextChoices):
    INTRODUCTIONS_ACCEPTED = "introductions_accepted", _("Introductions accepted")
    EVENTS_ATTENDED = "events_attended", _("Events attended")
    MEETINGS_HELD = "meetings_held", _("Brokerage meetings held")
    SERVICES_RECEIVED = "services_received", _("Services received from clusters")


class Phase(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    MIDLINE = "midline", _("Midline")
    ENDLINE = "endline", _("Endline")


class EvidenceLevel(models.TextChoices):
    ANECDOTE = "anecdote", _("Anecdote: one observation")
    OBSERVED = "observed", _("Observed across several participants")
    MEASURED = "measured", _("Measured against a comparison")
