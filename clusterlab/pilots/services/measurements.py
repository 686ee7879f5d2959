"""Indicators and measurements: typed by the manager, counted on the platform, or read from
the pilot's surveys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, full_clean
from clusterlab.events.enums import RegistrationStatus
from clusterlab.events.models import Meeting, Registration
from clusterlab.matchmaking.enums import IntroductionStatus
from clusterlab.matchmaking.models import Introduction
from clusterlab.registry.models import Contact, Organisation, ServiceRecord

from ..enums import MeasurementMethod, Phase, PlatformMetric
from ..models import Indicator, Measurement, Participant, Pilot, PilotSurvey
from .pilots import require_manager

REFERENCE_PREFIX = "pilots.participant:"
MAX_VALUE = 1e12


@transaction.atomic
def indicator_add(*, actor, pilot: Pilot, data: dict) -> Indicator:
    """Define what the pilot measures and how."""
    require_manager(actor, pilot)
    fields = ("name", "unit", "direction", "target", "method", "question_code", "platform_metric")
    indicator = Indicator(pilot=pilot, **{k: v for k, v in data.items() if k in fields})
    full_clean(indicator)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_delete(*, actor, indicator: Indicator) -> None:
    """Remove an indicator and its measurements."""
    require_manager(actor, indicator.pilot)
    indicator.delete()


def _check_value(value: float, field: str) -> float:
    if value != value or abs(value) > MAX_VALUE:  # NaN or absurdly large
        raise DomainError(_("Give a number."), field=field)
    return float(value)


@transaction.atomic
def measurements_record(
    *,
    actor,
    indicator: Indicator,
    phase: str,
    values: Mapping[int, float | None],
    source: str = MeasurementMethod.MANUAL,
) -> int:
    """Store one phase's values by participant id (None clears a value); all or nothing."""
    require_manager(actor, indicator.pilot)
    if phase not in Phase.values:
        raise DomainError(_("Choose a phase."), field="phase")
    known = set(indicator.pilot.participants.values_list("pk", flat=True))
    changed = 0
    for participant_id, value in values.items():
        if participant_id not in known:
            raise DomainError(_("Unknown participant."), field=f"p_{participant_id}")
        rows = Measurement.objects.filter(
            indicator=indicator, participant_id=participant_id, phase=phase
        )
        if value is None:
            changed += rows.delete()[0]
            continue
        Measurement.objects.update_or_create(
            indicator=indicator,
            participant_id=participant_id,
            phase=phase,
            defaults={"value": _check_value(value, f"p_{participant_id}"), "source": source},
        )
        changed += 1
    return changed


def phase_window(pilot: Pilot, phase: str) -> tuple[dt.date, dt.date]:
    """The period a platform count covers: the year before the start for the baseline, the
    first half of the pilot for the midline, the whole pilot (up to today) for the endline."""
    today = timezone.localdate()
    if phase == Phase.BASELINE:
        return pilot.starts_on - dt.timedelta(days=365), pilot.starts_on - dt.timedelta(days=1)
    end = min(pilot.ends_on, today)
    if phase == Phase.MIDLINE:
        return pilot.starts_on, pilot.starts_on + (pilot.ends_on - pilot.starts_on) / 2
    return pilot.starts_on, max(end, pilot.starts_on)


def _platform_counts(metric: str, organisations: list[int], start, end) -> dict[int, int]:
    if metric == PlatformMetric.SERVICES_RECEIVED:
        rows = (
            ServiceRecord.objects.filter(
                organisation_id__in=organisations, date__range=(start, end)
            )
            .values("organisation_id")
            .annotate(n=Count("pk"))
        )
        return {r["organisation_id"]: r["n"] for r in rows}
    if metric == PlatformMetric.EVENTS_ATTENDED:
        rows = (
            Registration.objects.filter(
                organisation_id__in=organisations,
                status=RegistrationStatus.ATTENDED,
                event__starts_at__date__range=(start, end),
            )
            .values("organisation_id")
            .annotate(n=Count("pk"))
        )
        return {r["organisation_id"]: r["n"] for r in rows}
    counts: dict[int, int] = {}
    if metric == PlatformMetric.INTRODUCTIONS_ACCEPTED:
        pairs = Introduction.objects.filter(
            Q(requester_id__in=organisations) | Q(target_id__in=organisations),
            status=IntroductionStatus.ACCEPTED,
            responded_at__date__range=(start, end),
        ).values_list("requester_id", "target_id")
    else:  # meetings held at brokerage events
        pairs = Meeting.objects.filter(
            Q(request__requester__organisation_id__in=organisations)
            | Q(request__recipient__organisation_id__in=organisations),
            published_at__isnull=False,
            slot__starts_at__date__range=(start, end),
        ).values_list("request__requester__organisation_id", "request__recipient__organisation_id")
    wanted = set(organisations)
    for a, b in pairs:
        for org in {a, b} & wanted:
            counts[org] = counts.get(org, 0) + 1
    return counts


@transaction.atomic
def measurements_from_platform(*, actor, indicator: Indicator, phase: str) -> int:
    """Count, for each participant, what the platform recorded in the phase's window."""
    pilot = indicator.pilot
    require_manager(actor, pilot)
    if indicator.method != MeasurementMethod.PLATFORM:
        raise DomainError(_("This indicator is not counted by the platform."))
    participants = list(pilot.participants.all())
    start, end = phase_window(pilot, phase)
    counts = _platform_counts(
        indicator.platform_metric, [p.organisation_id for p in participants], start, end
    )
    values = {p.pk: float(counts.get(p.organisation_id, 0)) for p in participants}
    return measurements_record(
        actor=None,
        indicator=indicator,
        phase=phase,
        values=values,
        source=MeasurementMethod.PLATFORM,
    )


def _numeric(value) -> float | None:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", "."))
        except ValueError:
            return None
    return None


@transaction.atomic
def measurements_from_survey(*, actor, pilot: Pilot, phase: str) -> int:
    """Turn the submitted answers of the phase's survey into measurements of the indicators
    measured by a survey question (matched by question code)."""
    from clusterlab.surveys.selectors import answers_for

    require_manager(actor, pilot)
    link = PilotSurvey.objects.filter(pilot=pilot, phase=phase).select_related("survey").first()
    if link is None:
        raise DomainError(_("No survey was sent for this phase."), field="phase")
    indicators = list(pilot.indicators.filter(method=MeasurementMethod.SURVEY))
    known = set(pilot.participants.values_list("pk", flat=True))
    values: dict[int, dict[int, float]] = {i.pk: {} for i in indicators}
    for row in answers_for(link.survey, reference_prefix=REFERENCE_PREFIX):
        participant_id = int(row.reference.removeprefix(REFERENCE_PREFIX))
        if not row.submitted or participant_id not in known:
            continue
        for indicator in indicators:
            value = _numeric(row.answers.get(indicator.question_code))
            if value is not None:
                values[indicator.pk][participant_id] = value
    stored = 0
    for indicator in indicators:
        stored += measurements_record(
            actor=None,
            indicator=indicator,
            phase=phase,
            values=values[indicator.pk],
            source=MeasurementMethod.SURVEY,
        )
    return stored


def _recipient_contact(participant: Participant) -> Contact | None:
    if participant.contact_id and participant.contact.email and not participant.contact.erased_at:
        return participant.contact
    return (
        Contact.objects.filter(organisation_id=participant.organisation_id, erased_at__isnull=True)
        .exclude(email="")
        .order_by("pk")
        .first()
    )


@transaction.atomic
def pilot_survey_send(*, actor, pilot: Pilot, phase: str, survey, base_url: str = "") -> int:
    """Send a survey of the pilot's clusters to every participant for one phase; each answer
    is tied to its participant and group."""
    from clusterlab.surveys.permissions import can_manage_survey
    from clusterlab.surveys.services import Recipient, survey_send

    require_manager(actor, pilot)
    if actor is not None and not can_manage_survey(actor, survey):
        raise DomainError(_("Choose one of your clusters' surveys."), field="survey")
    if phase not in Phase.values:
        raise DomainError(_("Choose a phase."), field="phase")
    if survey.cluster_id not in [
        pilot.lead_cluster_id,
        *pilot.partner_clusters.values_list("pk", flat=True),
    ]:
        raise DomainError(_("Choose a survey of the pilot's clusters."), field="survey")
    existing = PilotSurvey.objects.filter(pilot=pilot, phase=phase).first()
    if existing is not None and existing.survey_id != survey.pk:
        raise DomainError(_("Another survey was already sent for this phase."), field="phase")
    PilotSurvey.objects.get_or_create(pilot=pilot, phase=phase, survey=survey)
    participants = pilot.participants.select_related("contact", "organisation")
    if actor is not None:
        # A partner cluster's manager reaches only the people whose organisation's private
        # data they may see; the other clusters send to theirs.
        participants = participants.filter(organisation__in=Organisation.objects.private_to(actor))
    recipients = []
    for participant in participants:
        contact = _recipient_contact(participant)
        if contact is None:
            continue
        recipients.append(
            Recipient(
                email=contact.email,
                name=str(contact),
                language=pilot.language,
                organisation_id=participant.organisation_id,
                group=participant.group,
                reference=f"{REFERENCE_PREFIX}{participant.pk}",
            )
        )
    if not recipients:
        raise DomainError(_("No participant has a contact person with an e-mail address."))
    # The pilot's participants may belong to a partner cluster whose private data the actor
    # does not see; the pilot's own checks above stand in for the survey's.
    return len(survey_send(actor=None, survey=survey, recipients=recipients, base_url=base_url))
