"""Choices of the surveys domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    LIKERT = "likert", _("Likert scale 1–5")
    NUMBER = "number", _("Number")
    TEXT = "text", _("Free text")
    DATE = "date", _("Date")


# Kinds whose answers are picked from the question's own list of choices.
CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})
# Kinds that can be counted by category, and so cross-tabulated.
CATEGORICAL_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.LIKERT})
LIKERT_POINTS = (1, 2, 3, 4, 5)


class Breakdown(models.TextChoices):
    """What a cross-tabulation splits the respondents by."""

    GROUP = "group", _("Group")
    SECTOR = "sector", _("Sector (NACE section)")
    COUNTRY = "country", _("Country")
