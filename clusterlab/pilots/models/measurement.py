"""What a pilot measures: indicators, measurements by phase, and the surveys it sends."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import Direction, MeasurementMethod, Phase, PlatformMetric
from .pilot import Participant, Pilot


class Indicator(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    target = models.FloatField(_("target"), null=True, blank=True)
    method = models.CharField(
        _("how it is measured"),
        max_length=8,
        choices=MeasurementMethod.choices,
        default=MeasurementMethod.MANUAL,
    )
    question_code = models.SlugField(
        _("survey question code"),
        max_length=60,
        blank=True,
        help_text=_("The code of the question in the pilot's surveys."),
    )
    platform_metric = models.CharField(
        _("platform count"), max_length=24, choices=PlatformMetric.choices, blank=True
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.method == MeasurementMethod.SURVEY and not self.question_code:
            raise ValidationError({"question_code": _("Name the survey question's code.")})
        if self.method == MeasurementMethod.PLATFORM and not self.platform_metric:
            raise ValidationError({"platform_metric": _("Choose what the platform counts.")})

    @property
    def higher_is_better(self) -> bool:
        return self.direction == Direction.HIGHER


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="measurements"
    )
    phase = models.CharField(_("phase"), max_length=8, choices=Phase.choices)
    value = models.FloatField(_("value"))
    source = models.CharField(_("source"), max_length=8, choices=MeasurementMethod.choices)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator_id", "participant_id", "phase"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "participant", "phase"], name="measurement_once_per_phase"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.phase}: {self.value}"


class PilotSurvey(models.Model):
    """A survey the pilot sends to its participants at one phase."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="pilot_surveys")
    survey = models.ForeignKey("surveys.Survey", on_delete=models.CASCADE, related_name="+")
    phase = models.CharField(_("phase"), max_length=8, choices=Phase.choices)

    class Meta:
        ordering = ["phase", "pk"]
        verbose_name = _("pilot survey")
        verbose_name_plural = _("pilot surveys")
        constraints = [
            models.UniqueConstraint(fields=["pilot", "phase"], name="pilot_survey_per_phase"),
        ]

    def __str__(self) -> str:
        return f"{self.pilot.code} {self.phase}"
