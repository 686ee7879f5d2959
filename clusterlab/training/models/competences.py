"""The competence framework, and assessments of a manager against it."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from clusterlab.surveys.texts import translate

from ..enums import Phase, RaterRole

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Competence(models.Model):
    """A competence of creative cluster managers, with five level descriptors.

    Texts are {language: text} dictionaries: `name` and `description`, and `levels`, a list
    of five such dictionaries (level 1 first). Pages fall back to English.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    levels = models.JSONField(_("level descriptors"), default=list)
    expected_level = models.PositiveSmallIntegerField(
        _("expected level"),
        default=3,
        validators=LEVEL_VALIDATORS,
        help_text=_("The level the network expects of an experienced cluster manager."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    def __str__(self) -> str:
        return self.display_name

    def text(self, texts, language: str | None = None) -> str:
        return translate(texts, language or get_language() or "en", "en")

    @property
    def display_name(self) -> str:
        return self.text(self.name) or self.code

    @property
    def display_description(self) -> str:
        return self.text(self.description)

    @property
    def level_texts(self) -> list[tuple[int, str]]:
        levels = list(self.levels or [])
        return [(n, self.text(levels[n - 1]) if n <= len(levels) else "") for n in (1, 2, 3, 4, 5)]


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> AssessmentQuerySet:
        """Assessments about the user, and those the user was asked to give."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(Q(subject=user) | Q(rater=user))


class Assessment(models.Model):
    """One rating of a manager (the subject) on every competence, by themself, a peer or
    their coach; in a programme, a self-assessment before or after it."""

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="competence_assessments",
        verbose_name=_("manager assessed"),
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="competence_ratings_given",
        verbose_name=_("rated by"),
    )
    role = models.CharField(_("role"), max_length=8, choices=RaterRole.choices)
    programme = models.ForeignKey(
        "training.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
        verbose_name=_("programme"),
    )
    phase = models.CharField(_("phase"), max_length=8, choices=Phase.choices, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("competence assessment")
        verbose_name_plural = _("competence assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="self", rater=models.F("subject"))
                | (~Q(role="self") & ~Q(rater=models.F("subject"))),
                name="training_assessment_rater_matches_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_role_display()})"


class Rating(models.Model):
    """The level (1–5) given on one competence; on a self-assessment, the level aimed at."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="ratings")
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    target = models.PositiveSmallIntegerField(
        _("target level"), null=True, blank=True, validators=LEVEL_VALIDATORS
    )

    class Meta:
        ordering = ["competence__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "competence"], name="training_rating_once_per_competence"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="training_rating_level_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competence_id}: {self.level}"
