"""The mapping app's part of the tenant matrix and the API fuzzing (see core.tenant_testing)."""

from __future__ import annotations

from clusterlab.core.tenant_testing import PUBLIC

ROUTE_CLASSES: dict[str, str] = {
    "mapping:home": PUBLIC,
}
