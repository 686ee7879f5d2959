"""Pilot actions, their participants, milestones, documents and lessons learned."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Cluster, Contact, Organisation

from ..enums import AssignmentMethod, EvidenceLevel, Group, MilestoneStatus, PilotStatus


class PilotQuerySet(models.QuerySet):
    def visible_to(self, user) -> PilotQuerySet:
        """Pilots of the clusters the user manages (lead or partner); all for coordinators."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_coordinator:
            return self
        managed = Cluster.objects.filter(managers=user).values("pk")
        ids = self.filter(Q(lead_cluster__in=managed) | Q(partner_clusters__in=managed)).values(
            "pk"
        )
        return self.filter(pk__in=ids)


class Pilot(models.Model):
    """A pilot action: one support instrument tried with a group of firms, as an experiment."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    lead_cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, related_name="pilots_led", verbose_name=_("lead cluster")
    )
    partner_clusters = models.ManyToManyField(
        Cluster, blank=True, related_name="pilots_joined", verbose_name=_("partner clusters")
    )
    is_cross_sectoral = models.BooleanField(_("cross-sectoral"), default=False)
    is_international = models.BooleanField(_("international"), default=False)
    is_social_community = models.BooleanField(_("social-community based"), default=False)
    instrument = models.CharField(_("instrument tested"), max_length=300)
    hypothesis = models.TextField(_("hypothesis"))
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=12, choices=PilotStatus.choices, default=PilotStatus.PLANNED
    )
    budget_eur = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    assignment = models.CharField(
        _("assignment to groups"),
        max_length=8,
        choices=AssignmentMethod.choices,
        default=AssignmentMethod.MANUAL,
    )
    assignment_seed = models.PositiveIntegerField(_("random seed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PilotQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("pilot action")
        verbose_name_plural = _("pilot actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="pilot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("pilots:pilot-detail", args=[self.pk])

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The pilot must end after it starts.")})

    @property
    def type_labels(self) -> list[str]:
        flags = (
            (self.is_cross_sectoral, _("cross-sectoral")),
            (self.is_international, _("international")),
            (self.is_social_community, _("social-community based")),
        )
        return [str(label) for on, label in flags if on]


class Participant(models.Model):
    """An organisation (and where needed a person) taking part, in a group."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="pilot_participations"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    group = models.CharField(_("group"), max_length=12, choices=Group.choices, blank=True)
    stratum = models.CharField(_("stratum"), max_length=40, blank=True)
    joined_on = models.DateField(_("joined"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["organisation__name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["pilot", "organisation"], name="pilot_participant_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Milestone(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=8, choices=MilestoneStatus.choices, default=MilestoneStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class PilotDocument(models.Model):
    """A file of the pilot (plan, contract, report); served only to those who see the pilot."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="pilots/%Y/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    """A lesson learned: what, for whom, on what evidence. Feeds the toolbox and Greenbook."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="lessons")
    what = models.TextField(_("what we learned"))
    for_whom = models.CharField(_("for whom it matters"), max_length=300)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=10,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.OBSERVED,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")

    def __str__(self) -> str:
        return self.what[:80]
