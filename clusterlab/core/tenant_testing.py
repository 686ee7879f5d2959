"""Shared vocabulary of the tenant matrix and the API fuzzing, and their per-app plug-ins.

Each domain app may ship `clusterlab/<app>/tests/isolation.py`; the two project-wide tests
(`registry/tests/test_tenant_isolation.py`, `registry/tests/test_api_fuzz.py`) collect from it:

Tenant matrix (objects of cluster A; cluster B's manager and a visitor must be refused):
  ROUTE_CLASSES: dict[str, str]    every URL name of the app → PUBLIC / PRIVATE / AUTH
  SECRETS_A: tuple[str, ...]       texts of cluster A that must never reach outsiders
  SNAPSHOT_MODELS: list[Model]     rows compared before and after each refused request
  def world(cast) -> dict          cluster A's objects, merged into the matrix's `world`
  PAGE_CASES: list[PageCase]       one per private page that takes an object id or slug
  API_CASES: list[ApiCase]         one per private API route that takes an object id

API fuzzing (schemathesis; every operation of the schema is fuzzed anyway):
  PRIVATE_RESOURCES: set[str]      API resources whose rows are one cluster's private data
  OPEN_ACTIONS: set[str]           writes any account may make on another's visible object
  BODY_KEYS / QUERY_KEYS           keys whose generated values are swapped for real ones
  def fuzz_world(world, cast, peer_a, peer_b, anonymous) -> None
      build each cluster's objects, add canaries and `forbidden` ids to the peers, and the
      real values to world.path_values / body_values / query_values
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from django.apps import apps

PUBLIC, PRIVATE, AUTH = "public", "private", "auth"


@dataclass(frozen=True)
class PageCase:
    """A request on cluster A's objects; `control` says manager_a may do the same."""

    route: str
    kwargs: Callable
    post: Callable | None = None
    get: bool = True  # False for POST-only views (GET answers 405)
    control: bool = True
    label: str = ""

    @property
    def id(self) -> str:
        return self.route.split(":")[-1] + (f"[{self.label}]" if self.label else "")


@dataclass(frozen=True)
class ApiCase:
    """Requests on one of cluster A's API objects; `absent` methods answer 405."""

    route: str
    kwargs: Callable
    methods: tuple[str, ...]
    body: Callable = lambda w: {}
    absent: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.route


ALL = ("get", "put", "patch", "delete")


def isolation_plugins() -> list[ModuleType]:
    """The `tests.isolation` modules of the project's apps, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("clusterlab."):
            continue
        name = f"{config.name}.tests.isolation"
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name not in (name, f"{config.name}.tests"):
                raise
    return found


def collect(attribute: str) -> list:
    """Every plug-in's value of `attribute` (plug-ins without it are skipped)."""
    return [getattr(m, attribute) for m in isolation_plugins() if hasattr(m, attribute)]
