"""Peer exchanges and group study visits: offers to host, applications, visit reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterlab.registry.models import Cluster

from ..enums import ApplicationStatus, OfferKind, OfferStatus


class ExchangeOffer(models.Model):
    """A cluster's offer to host a visitor (peer exchange) or a group (study visit).

    Offers are seen by every logged-in user: they are an invitation to the network."""

    host_cluster = models.ForeignKey(
        Cluster,
        on_delete=models.PROTECT,
        related_name="exchange_offers",
        verbose_name=_("host cluster"),
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=OfferKind.choices, default=OfferKind.EXCHANGE
    )
    title = models.CharField(_("title"), max_length=200)
    topics = models.CharField(_("topics"), max_length=500)
    description = models.TextField(_("description"), max_length=6000, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    capacity = models.PositiveSmallIntegerField(_("places"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("exchange offer")
        verbose_name_plural = _("exchange offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="offer_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="offer_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coaching:offer-detail", args=[self.pk])

    @property
    def is_study_visit(self) -> bool:
        return self.kind == OfferKind.STUDY_VISIT


class VisitStop(models.Model):
    """One stop of a visit's programme: where, when, what to see."""

    offer = models.ForeignKey(ExchangeOffer, on_delete=models.CASCADE, related_name="stops")
    day = models.DateField(_("day"))
    time = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    what = models.TextField(_("what you will see"), max_length=2000, blank=True)

    class Meta:
        ordering = ["day", "time", "pk"]
        verbose_name = _("programme stop")
        verbose_name_plural = _("programme stops")

    def __str__(self) -> str:
        return f"{self.day} {self.place}"


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user) -> ApplicationQuerySet:
        """The applicant's own applications and those to offers of clusters the user manages
        (by name: the coordinator flag alone does not open them)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(Q(applicant=user) | Q(offer__host_cluster__managers=user)).distinct()


class Application(models.Model):
    """A manager's application to visit, with their learning goals."""

    offer = models.ForeignKey(ExchangeOffer, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="exchange_applications",
        verbose_name=_("applicant"),
    )
    applicant_cluster = models.ForeignKey(
        Cluster,
        on_delete=models.PROTECT,
        related_name="exchange_applications",
        verbose_name=_("your cluster"),
    )
    learning_goals = models.TextField(_("learning goals"), max_length=4000)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["offer", "applicant"], name="application_once")
        ]

    def __str__(self) -> str:
        return f"{self.applicant} → {self.offer}"

    def get_absolute_url(self) -> str:
        return reverse("coaching:application-detail", args=[self.pk])


class VisitReport(models.Model):
    """The visitor's short report: what they saw, what they will try."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="report")
    saw = models.TextField(_("what I saw"), max_length=6000)
    will_try = models.TextField(_("what I will try"), max_length=6000)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    toolbox_entry = models.ForeignKey(
        "toolbox.Entry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("visit report")
        verbose_name_plural = _("visit reports")

    def __str__(self) -> str:
        return f"Report on {self.application.offer}"
