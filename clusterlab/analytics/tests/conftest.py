"""A small service log over the cast, with hand-computed reach figures (see test_reach)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from clusterlab.registry import services as registry_services
from clusterlab.registry.enums import OrganisationKind
from conftest import make_org


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def log(cast):
    """2026: org_a served by A (Jan, Mar) and by B (Mar); org_b by B (Feb); Atelier by A (Apr);
    a large firm of A in May (not an SME); one service of A on 2025-12-31 (outside 2026)."""
    c = cast
    record = registry_services.service_record
    registry_services.membership_add(actor=None, cluster=c.cluster_b, organisation=c.org_a)
    large = make_org(
        "Lambda Motors AG", cluster=c.cluster_a, sectors=("29.10",), kind=OrganisationKind.LARGE
    )
    record(
        actor=None,
        cluster=c.cluster_b,
        organisation=c.org_a,
        kind="training",
        date=dt.date(2026, 3, 10),
    )
    record(
        actor=None,
        cluster=c.cluster_a,
        organisation=c.org_a,
        kind="advice",
        date=dt.date(2026, 3, 20),
    )
    record(
        actor=None,
        cluster=c.cluster_a,
        organisation=c.org_a_public,
        kind="event",
        date=dt.date(2026, 4, 1),
    )
    record(
        actor=None, cluster=c.cluster_a, organisation=large, kind="advice", date=dt.date(2026, 5, 5)
    )
    record(
        actor=None,
        cluster=c.cluster_a,
        organisation=c.org_a_public,
        kind="event",
        date=dt.date(2025, 12, 31),
    )
    return SimpleNamespace(**vars(c), large=large)
