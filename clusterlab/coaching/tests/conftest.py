"""Coaching fixtures: a trainer, a second manager of cluster A, a scheme, an SME engagement."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from clusterlab.coaching import services
from conftest import client_for, make_user

from .isolation import make_scheme


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def coaching(cast):
    """Trainer Tom coaches Alice (manager of A); Alice coaches her member Alpha (an SME)."""
    today = timezone.localdate()
    trainer = make_user("trainer", is_trainer=True, first_name="Tom")
    manager_a2 = make_user("manager_a2", first_name="Andrea")
    cast.cluster_a.managers.add(manager_a2)
    scheme = make_scheme(cast.coordinator)
    of_manager = services.engagement_create(
        actor=trainer,
        title="Strategy coaching for Alice",
        scheme=scheme,
        coachee=cast.manager_a,
        started_on=today - dt.timedelta(days=30),
    )
    manager_session = services.session_add(
        actor=trainer,
        engagement=of_manager,
        date=today - dt.timedelta(days=2),
        notes="Alice doubts her board backs the plan",
    )
    of_sme = services.engagement_create(
        actor=cast.manager_a,
        title="Sprint with Alpha",
        scheme=scheme,
        organisation=cast.org_a,
        cluster=cast.cluster_a,
        started_on=today - dt.timedelta(days=30),
    )
    return SimpleNamespace(
        today=today,
        trainer=trainer,
        manager_a2=manager_a2,
        scheme=scheme,
        of_manager=of_manager,
        manager_session=manager_session,
        of_sme=of_sme,
        trainer_client=client_for(trainer),
        manager_a2_client=client_for(manager_a2),
    )
