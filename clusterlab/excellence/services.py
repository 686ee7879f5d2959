"""Writes of the excellence domain: create a self-assessment, save the manager's answers."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed, full_clean
from clusterlab.registry.models import Cluster

from .indicators import BY_CODE, NUMBER, TEXT, YES_NO
from .models import Assessment, AssessmentAnswer, AssessmentStatus
from .permissions import can_assess

MAX_COMMENT = 4000


def _check(actor, cluster: Cluster) -> None:
    if actor is not None and not can_assess(actor, cluster):
        raise NotAllowed(_("Only the cluster's managers and the coordinator assess it."))


@transaction.atomic
def assessment_create(*, actor, cluster: Cluster, title: str = "") -> Assessment:
    """Start a self-assessment of a cluster."""
    _check(actor, cluster)
    assessment = Assessment(
        cluster=cluster,
        title=(title or "").strip() or _("Self-assessment"),
        created_by=actor,
    )
    full_clean(assessment, exclude=["created_by"])
    assessment.save()
    return assessment


def _clean_value(code: str, raw) -> str:
    indicator = BY_CODE[code]
    text = "" if raw is None else str(raw).strip()
    if not text:
        return ""
    if indicator.unit == NUMBER:
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            number = float("nan")
        if not (0 <= number < 1e12):
            raise DomainError(_("Enter a number of 0 or more."), field=f"value_{code}")
        return f"{number:g}"
    if indicator.unit == YES_NO:
        if text not in ("yes", "no"):
            raise DomainError(_("Answer yes or no."), field=f"value_{code}")
        return text
    if indicator.unit == TEXT and len(text) > 300:
        raise DomainError(_("At most 300 characters."), field=f"value_{code}")
    return text


@transaction.atomic
def assessment_answers_save(
    *,
    actor,
    assessment: Assessment,
    answers: dict[str, tuple[str, str]],
    status: str | None = None,
) -> Assessment:
    """Save the manager's answers ({indicator code: (value, comment)}) and optionally the status."""
    _check(actor, assessment.cluster)
    for code, (value, comment) in answers.items():
        if code not in BY_CODE or BY_CODE[code].computed:
            raise DomainError(_("“%(code)s” is not a question to answer.") % {"code": code})
        comment = (comment or "").strip()
        if len(comment) > MAX_COMMENT or "\x00" in comment:
            raise DomainError(_("The comment is too long."), field=f"comment_{code}")
        cleaned = _clean_value(code, value)
        if "\x00" in cleaned:
            raise DomainError(_("Invalid characters."), field=f"value_{code}")
        AssessmentAnswer.objects.update_or_create(
            assessment=assessment, indicator=code, defaults={"value": cleaned, "comment": comment}
        )
    if status is not None:
        if status not in AssessmentStatus.values:
            raise DomainError(_("Unknown status."), field="status")
        assessment.status = status
    assessment.save()
    return assessment
