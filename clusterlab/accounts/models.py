"""Users and their roles in the network."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. Roles: coordinator flag, managed clusters, own organisation."""

    email = models.EmailField(_("e-mail"), unique=True)
    is_coordinator = models.BooleanField(
        _("coordinator"), default=False, help_text=_("Runs the whole network; sees everything.")
    )
    is_trainer = models.BooleanField(_("trainer / coach"), default=False)
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation represented"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def role_names(self) -> list[str]:
        roles = []
        if self.is_coordinator:
            roles.append("coordinator")
        if self.pk and self.managed_clusters.exists():
            roles.append("cluster manager")
        if self.organisation_id:
            roles.append("member")
        if self.is_trainer:
            roles.append("trainer")
        return roles


class Invitation(models.Model):
    """An e-mail invitation to join with a role; accepted once, through a secret link."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        MANAGER = "manager", _("Cluster manager")
        MEMBER = "member", _("Member of an organisation")
        TRAINER = "trainer", _("Trainer / coach")

    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    cluster = models.ForeignKey(
        "registry.Cluster",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("cluster"),
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("organisation"),
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} ({self.role})"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @staticmethod
    def default_expiry():
        return timezone.now() + timedelta(days=14)

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
