"""Coaching schemes and their steps."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed, full_clean

from .. import permissions
from ..models import Scheme, SchemeStep

SCHEME_FIELDS = ("title", "summary", "audience", "language")
STEP_FIELDS = ("title", "purpose", "typical_duration", "tools", "outputs")
MAX_STEPS = 30


def _steps(scheme: Scheme, steps: Iterable[dict[str, Any]]) -> list[SchemeStep]:
    rows = []
    for position, data in enumerate(steps, start=1):
        step = SchemeStep(
            scheme=scheme,
            position=position,
            **{k: str(data.get(k) or "").strip() for k in STEP_FIELDS},
        )
        try:
            full_clean(step, exclude=["scheme"])
        except DomainError as exc:
            label = step._meta.get_field(exc.field).verbose_name if exc.field else ""
            message = _("Step %(n)d, %(field)s: %(error)s")
            raise DomainError(
                message % {"n": position, "field": label, "error": exc.message}, field="steps"
            ) from exc
        rows.append(step)
    if not rows:
        raise DomainError(_("A scheme needs at least one step."), field="steps")
    if len(rows) > MAX_STEPS:
        raise DomainError(_("A scheme has at most 30 steps."), field="steps")
    return rows


@transaction.atomic
def scheme_create(*, actor, data: dict[str, Any], steps: Iterable[dict[str, Any]]) -> Scheme:
    """Create a coaching scheme with its steps in order."""
    if actor is not None and not permissions.can_create_scheme(actor):
        raise NotAllowed(_("Coordinators, trainers and cluster managers write schemes."))
    scheme = Scheme(created_by=actor, **{k: v for k, v in data.items() if k in SCHEME_FIELDS})
    full_clean(scheme, exclude=["created_by"])
    rows = _steps(scheme, steps)
    scheme.save()
    for row in rows:
        row.scheme = scheme
    SchemeStep.objects.bulk_create(rows)
    return scheme


@transaction.atomic
def scheme_update(
    *, actor, scheme: Scheme, data: dict[str, Any], steps: Iterable[dict[str, Any]] | None = None
) -> Scheme:
    """Change a scheme; given steps replace the old ones (running engagements keep theirs)."""
    if actor is not None and not permissions.can_edit_scheme(actor, scheme):
        raise NotAllowed(_("Only the scheme's author and coordinators change it."))
    for key, value in data.items():
        if key in SCHEME_FIELDS:
            setattr(scheme, key, value)
    full_clean(scheme, exclude=["created_by"])
    scheme.save()
    if steps is not None:
        rows = _steps(scheme, steps)
        scheme.steps.all().delete()
        SchemeStep.objects.bulk_create(rows)
    return scheme
