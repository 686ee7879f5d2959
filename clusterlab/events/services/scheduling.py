"""Running the meeting scheduler, publishing agendas and sending them."""

from __future__ import annotations

import time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError

from .. import adapters, engine, permissions
from ..enums import RunStatus
from ..models import Event, Meeting, ScheduleRun
from .brokerage import meeting_requests_expire
from .events import event_is_brokerage, require


@transaction.atomic
def schedule_run_start(*, actor, event: Event) -> ScheduleRun:
    """Queue a scheduler run for the event; the worker fills in the meetings."""
    require(actor is None or permissions.can_manage_event(actor, event))
    event_is_brokerage(event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.slots.exists():
        raise DomainError(_("Define the meeting slots first."))
    if event.schedule_runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).exists():
        raise DomainError(_("The scheduler is already running for this event."))
    run = ScheduleRun.objects.create(event=event, started_by=actor)
    from ..tasks import schedule_run_execute_task

    transaction.on_commit(lambda: schedule_run_execute_task(run.pk))
    return run


def schedule_run_execute(*, run_id: int, time_limit_s: float = 30.0) -> ScheduleRun:
    """Solve the event's schedule and store it: every accepted request a slot and a table
    where possible, published meetings kept. Records how good it is against the bound."""
    with transaction.atomic():
        run = ScheduleRun.objects.select_for_update().get(pk=run_id)
        if run.status != RunStatus.QUEUED:
            return run  # a retried task: the run is already done or under way
        run.status = RunStatus.RUNNING
        run.save(update_fields=["status"])
    try:
        return _execute(run, time_limit_s)
    except Exception as exc:  # noqa: BLE001 — the run records any failure for the organiser
        ScheduleRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise


def _execute(run: ScheduleRun, time_limit_s: float) -> ScheduleRun:
    meeting_requests_expire()
    event = run.event
    built = adapters.problem_from_event(event)
    started = time.perf_counter()
    schedule = engine.schedule_meetings(built.problem, time_limit_s=time_limit_s, seed=event.pk)
    solve_s = time.perf_counter() - started
    problems = engine.validate(built.problem, schedule)
    if problems:  # never store a schedule that breaks a rule
        raise RuntimeError("; ".join(problems[:5]))
    bounds = engine.upper_bounds(built.problem)
    greedy = engine.schedule_greedy(built.problem)
    weights = engine.PRIORITY_WEIGHT
    by_id = {r.id: r for r in built.problem.requests}
    with transaction.atomic():
        adapters.meetings_save(event, built, schedule)
        run.requests = len(built.problem.requests)
        run.kept = len(built.problem.fixed)
        run.scheduled = len(schedule.meetings)
        run.upper_bound = bounds.meetings
        run.weight = float(sum(weights[by_id[m.request_id].priority] for m in schedule.meetings))
        run.weight_upper_bound = float(bounds.weight)
        run.greedy_scheduled = len(greedy.meetings)
        run.idle_gaps = engine.idle_gaps(schedule)
        run.solve_s = round(solve_s, 3)
        run.status = RunStatus.DONE
        run.finished_at = timezone.now()
        run.save()
    return run


@transaction.atomic
def schedule_publish(*, actor, event: Event) -> int:
    """Publish the agendas: every scheduled meeting becomes fixed for later reschedules."""
    require(actor is None or permissions.can_manage_event(actor, event))
    event_is_brokerage(event)
    now = timezone.now()
    count = Meeting.objects.filter(event=event, published_at__isnull=True).update(published_at=now)
    Event.objects.filter(pk=event.pk).update(schedule_published_at=now)
    event.schedule_published_at = now
    return count


@transaction.atomic
def agendas_send(*, actor, event: Event) -> int:
    """E-mail every participant with published meetings their agenda (queued)."""
    require(actor is None or permissions.can_manage_event(actor, event))
    if not event.schedule_published_at:
        raise DomainError(_("Publish the agendas first."))
    ids = list(event.registrations.active().values_list("pk", flat=True))
    from ..tasks import agenda_send_task

    for registration_id in ids:
        transaction.on_commit(lambda rid=registration_id: agenda_send_task(rid))
    return len(ids)
