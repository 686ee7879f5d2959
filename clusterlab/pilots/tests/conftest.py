"""A pilot of cluster A with six member organisations."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from clusterlab.pilots import services
from conftest import make_org


def pilot_data(cast, **extra) -> dict:
    return {
        "code": "P01",
        "title": "Design vouchers",
        "lead_cluster": cast.cluster_a,
        "instrument": "A design voucher",
        "hypothesis": "Voucher firms launch more new products",
        "starts_on": dt.date(2026, 1, 1),
        "ends_on": dt.date(2026, 12, 31),
        "is_cross_sectoral": True,
        **extra,
    }


@pytest.fixture
def pilot(cast):
    created = services.pilot_create(actor=cast.manager_a, data=pilot_data(cast))
    firms = [cast.org_a] + [
        make_org(f"Firm {n}", cluster=cast.cluster_a, sectors=("74.10" if n % 2 else "28.41",))
        for n in range(5)
    ]
    participants = [
        services.participant_add(actor=cast.manager_a, pilot=created, organisation=firm)
        for firm in firms
    ]
    return SimpleNamespace(pilot=created, firms=firms, participants=participants)
