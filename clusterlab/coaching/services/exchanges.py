"""Peer exchanges and study visits: offers with a programme, applications, visit reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed, full_clean
from clusterlab.registry.models import Cluster
from clusterlab.toolbox.models import Entry, EntryKind

from .. import permissions
from ..enums import ApplicationStatus, OfferKind, OfferStatus
from ..models import Application, ExchangeOffer, VisitReport, VisitStop

OFFER_FIELDS = (
    "kind",
    "title",
    "topics",
    "description",
    "language",
    "starts_on",
    "ends_on",
    "capacity",
    "status",
)
SUMMARY_CHARS = 600


def _require_host(actor, cluster: Cluster) -> None:
    if actor is not None and not permissions.can_host(actor, cluster):
        raise NotAllowed(_("Only the host cluster's managers change its offers."))


def _check_offer(offer: ExchangeOffer) -> None:
    if offer.kind == OfferKind.EXCHANGE:
        offer.capacity = 1  # a peer exchange hosts one visitor
    elif (offer.capacity or 0) < 2:
        raise DomainError(_("A group study visit has at least two places."), field="capacity")
    full_clean(offer, exclude=["created_by"])
    if offer.ends_on < offer.starts_on:
        raise DomainError(_("The visit must end after it starts."), field="ends_on")


@transaction.atomic
def offer_create(*, actor, host_cluster: Cluster, data: dict[str, Any]) -> ExchangeOffer:
    """Offer to host a visitor or a group at a cluster the actor manages."""
    _require_host(actor, host_cluster)
    offer = ExchangeOffer(
        host_cluster=host_cluster,
        created_by=actor,
        **{k: v for k, v in data.items() if k in OFFER_FIELDS},
    )
    _check_offer(offer)
    offer.save()
    return offer


@transaction.atomic
def offer_update(*, actor, offer: ExchangeOffer, data: dict[str, Any]) -> ExchangeOffer:
    """Change an offer; the places cannot drop below the visitors already accepted."""
    offer = ExchangeOffer.objects.select_for_update().get(pk=offer.pk)
    _require_host(actor, offer.host_cluster)
    for key, value in data.items():
        if key in OFFER_FIELDS:
            setattr(offer, key, value)
    _check_offer(offer)
    accepted = offer.applications.filter(status=ApplicationStatus.ACCEPTED).count()
    if offer.capacity < accepted:
        raise DomainError(
            _("%(n)d visitors are already accepted.") % {"n": accepted}, field="capacity"
        )
    offer.save()
    return offer


@transaction.atomic
def stop_add(
    *,
    actor,
    offer: ExchangeOffer,
    day: dt.date,
    place: str,
    what: str = "",
    time: dt.time | None = None,
) -> VisitStop:
    """Add a stop to the visit's programme, on one of its days."""
    _require_host(actor, offer.host_cluster)
    if not offer.starts_on <= day <= offer.ends_on:
        raise DomainError(_("The stop must be during the visit."), field="day")
    stop = VisitStop(offer=offer, day=day, time=time, place=place.strip(), what=what.strip())
    full_clean(stop)
    stop.save()
    return stop


@transaction.atomic
def stop_remove(*, actor, stop: VisitStop) -> None:
    """Remove a stop from the programme."""
    _require_host(actor, stop.offer.host_cluster)
    stop.delete()


@transaction.atomic
def application_create(
    *, actor, offer: ExchangeOffer, applicant_cluster: Cluster, learning_goals: str
) -> Application:
    """Apply, as a manager of another cluster, to visit with learning goals."""
    if actor is None or not permissions.can_host(actor, applicant_cluster):
        raise NotAllowed(_("Apply for a cluster you manage."))
    if applicant_cluster.pk == offer.host_cluster_id or permissions.can_manage_offer(actor, offer):
        raise DomainError(_("Hosts do not apply to their own offer."), field="applicant_cluster")
    if offer.status != OfferStatus.OPEN or offer.starts_on < timezone.localdate():
        raise DomainError(_("This offer no longer takes applications."))
    if offer.applications.filter(applicant=actor).exists():
        raise DomainError(_("You have already applied."))
    application = Application(
        offer=offer,
        applicant=actor,
        applicant_cluster=applicant_cluster,
        learning_goals=learning_goals.strip(),
    )
    full_clean(application, exclude=["decided_by"])
    application.save()
    return application


@transaction.atomic
def application_decide(*, actor, application: Application, accept: bool) -> Application:
    """Accept or decline a waiting application; accepting never exceeds the places."""
    # Lock the offer so two managers accepting at once cannot both take the last place.
    offer = ExchangeOffer.objects.select_for_update().get(pk=application.offer_id)
    _require_host(actor, offer.host_cluster)
    current = (
        Application.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=application.pk)
    )
    if current != ApplicationStatus.PENDING:
        raise DomainError(_("This application has already been answered."))
    if accept:
        accepted = offer.applications.filter(status=ApplicationStatus.ACCEPTED).count()
        if accepted >= offer.capacity:
            raise DomainError(_("All places are taken."))
    application.status = ApplicationStatus.ACCEPTED if accept else ApplicationStatus.DECLINED
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_by", "decided_at"])
    return application


@transaction.atomic
def application_withdraw(*, actor, application: Application) -> Application:
    """Withdraw one's own application before the visit."""
    if actor is not None and application.applicant_id != actor.pk:
        raise NotAllowed(_("Only the applicant withdraws an application."))
    if application.status not in (ApplicationStatus.PENDING, ApplicationStatus.ACCEPTED):
        raise DomainError(_("This application cannot be withdrawn."))
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status"])
    return application


@transaction.atomic
def report_write(
    *, actor, application: Application, saw: str, will_try: str, language: str = "en"
) -> VisitReport:
    """Write (or rewrite) the visitor's report once the visit has begun."""
    if actor is not None and application.applicant_id != actor.pk:
        raise NotAllowed(_("Only the visitor writes the report."))
    if application.status != ApplicationStatus.ACCEPTED:
        raise DomainError(_("Only accepted visitors write a report."))
    if application.offer.starts_on > timezone.localdate():
        raise DomainError(_("Write the report after the visit."))
    report = VisitReport.objects.filter(application=application).first() or VisitReport(
        application=application
    )
    report.saw, report.will_try, report.language = saw.strip(), will_try.strip(), language
    full_clean(report, exclude=["application", "toolbox_entry"])
    report.save()
    return report


def _summary(text: str) -> str:
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"


@transaction.atomic
def report_to_toolbox_draft(*, actor, report: VisitReport) -> Entry:
    """Turn a visit report into a draft toolbox case of the visitor's cluster (once)."""
    application = report.application
    if actor is not None and application.applicant_id != actor.pk:
        raise NotAllowed(_("Only the visitor turns the report into a toolbox entry."))
    report = VisitReport.objects.select_for_update().get(pk=report.pk)
    if report.toolbox_entry_id is not None:
        raise DomainError(_("This report is already in the toolbox."))
    offer = application.offer
    body = "\n\n".join(
        [
            f"*{offer.get_kind_display()}: {offer.title}, {offer.host_cluster.name}, "
            f"{offer.starts_on:%Y-%m-%d}–{offer.ends_on:%Y-%m-%d}*",
            f"## {_('What I saw')}",
            report.saw,
            f"## {_('What I will try')}",
            report.will_try,
        ]
    )
    title = _("Visit to %(cluster)s: %(title)s") % {
        "cluster": offer.host_cluster.name,
        "title": offer.title,
    }
    # Through the toolbox's own service, so the draft has its first version and is searchable.
    from clusterlab.toolbox import services as toolbox_services

    entry = toolbox_services.entry_create(
        actor=None,
        author=application.applicant,
        cluster=application.applicant_cluster,
        data={
            "kind": EntryKind.CASE,
            "title": title[:200],
            "summary": _summary(report.saw),
            "body": body,
            "language": report.language,
        },
    )
    report.toolbox_entry = entry
    report.save(update_fields=["toolbox_entry"])
    return entry
