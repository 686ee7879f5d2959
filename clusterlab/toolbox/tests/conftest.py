"""Entries of the toolbox for the tests: a German draft of cluster A, and fast passwords."""

from __future__ import annotations

import pytest

from clusterlab.toolbox import services


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path


def entry_data(**extra) -> dict:
    return {
        "kind": "method",
        "title": "Kreativgutscheine für Handwerksbetriebe",
        "summary": "Wie ein Cluster kleine Gutscheine für Designleistungen vergibt.",
        "body": "## Ablauf\n\nDie Betriebe beantragen einen Gutschein.",
        "language": "de",
        **extra,
    }


@pytest.fixture
def draft(cast):
    return services.entry_create(
        actor=cast.manager_a,
        cluster=cast.cluster_a,
        data=entry_data(),
        tags=["Vouchers", "crafts"],
        domains=["Design and designer fashion"],
    )


@pytest.fixture
def in_review(draft, cast):
    return services.entry_submit(actor=cast.manager_a, entry=draft)


@pytest.fixture
def published(in_review, cast):
    return services.entry_publish(actor=cast.coordinator, entry=in_review)
