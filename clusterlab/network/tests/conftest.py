"""The hand-built network of world.py as a fixture."""

from __future__ import annotations

import pytest

from .world import build_network


@pytest.fixture
def network(cast):
    return build_network(cast)
