"""Surveys, their sections and questions; every text is a {language: text} dictionary."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Cluster

from ..enums import CHOICE_KINDS, QuestionKind, SurveyStatus
from ..texts import translate


class SurveyQuerySet(models.QuerySet):
    def owned_by(self, user) -> SurveyQuerySet:
        """Surveys this user runs: their clusters' surveys; every survey for a coordinator."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_coordinator:
            return self
        return self.filter(cluster__managers=user)


class Survey(models.Model):
    """A questionnaire of one cluster, in one or more of the working languages."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("cluster")
    )
    title = models.JSONField(_("title"), default=dict)
    introduction = models.JSONField(_("introduction"), default=dict, blank=True)
    languages = models.JSONField(_("languages"), default=list)
    default_language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        indexes = [models.Index(fields=["cluster", "status"])]

    def __str__(self) -> str:
        return self.title_in(self.default_language) or f"#{self.pk}"

    def text(self, texts: dict, language: str) -> str:
        """One of this survey's texts in `language`, falling back to the default language."""
        return translate(texts, language, self.default_language)

    def title_in(self, language: str) -> str:
        return self.text(self.title, language)

    def language_or_default(self, language: str | None) -> str:
        return language if language in self.languages else self.default_language

    @property
    def is_past_closing(self) -> bool:
        return self.closes_at is not None and timezone.now() >= self.closes_at

    @property
    def is_accepting(self) -> bool:
        """Whether respondents may answer now: open, and not past the closing date."""
        return self.status == SurveyStatus.OPEN and not self.is_past_closing


class Section(models.Model):
    """A titled part of a survey; questions are shown section by section."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.JSONField(_("title"), default=dict, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        """The title in the default language, or "Section n" for an untitled one."""
        title = self.survey.text(self.title, self.survey.default_language)
        return title or _("Section %(n)d") % {"n": self.position}


class Question(models.Model):
    """A question with a stable `code` that other apps (pilots) refer to."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(_("code"), max_length=50)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.JSONField(_("question"), default=dict)
    help_text = models.JSONField(_("help text"), default=dict, blank=True)
    required = models.BooleanField(_("required"), default=False)
    # [{"value": "yes", "label": {"en": "Yes", "de": "Ja"}}, …] for single and multiple choice.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    low_label = models.JSONField(_("label of 1"), default=dict, blank=True)
    high_label = models.JSONField(_("label of 5"), default=dict, blank=True)
    min_value = models.FloatField(_("minimum"), null=True, blank=True)
    max_value = models.FloatField(_("maximum"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="survey_question_code_unique"),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=models.F("max_value")),
                name="survey_question_min_le_max",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def text_in(self, language: str) -> str:
        return self.survey.text(self.text, language)

    @property
    def default_text(self) -> str:
        """The question in the survey's default language (for the builder's pages)."""
        return self.text_in(self.survey.default_language)

    @property
    def default_choice_labels(self) -> list[str]:
        default = self.survey.default_language
        return [self.choice_label(choice["value"], default) for choice in self.choices]

    @property
    def has_choices(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def choice_values(self) -> list[str]:
        return [choice["value"] for choice in self.choices]

    def choice_label(self, value: str, language: str) -> str:
        for choice in self.choices:
            if choice["value"] == value:
                return self.survey.text(choice["label"], language) or value
        return value
