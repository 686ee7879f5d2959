"""Brokerage pages: the organiser's console, participants, requests, agendas and feedback."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from clusterlab.core.errors import DomainError, form_error

from .. import exporting, permissions, selectors, services
from ..enums import ParticipantType, RequestStatus
from ..forms import BrokerageProfileForm, FeedbackForm, MeetingRequestForm, SlotsForm
from ..models import Event, MeetingSlot, Registration, ScheduleRun
from ._common import organised_event, own_registration, visible_event


def _brokerage(event: Event) -> Event:
    if not event.is_brokerage:
        raise Http404
    return event


@login_required
def console(request, pk: int):
    event = _brokerage(organised_event(request, pk))
    form = SlotsForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.slots_generate(actor=request.user, event=event, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Slots added."))
            return redirect("events:console", pk=event.pk)
    return render(
        request,
        "events/console.html",
        {
            "event": event,
            "form": form,
            "slots": event.slots.all(),
            "figures": selectors.brokerage_figures(event=event),
            "runs": event.schedule_runs.all()[:5],
        },
    )


@require_POST
@login_required
def slot_delete(request, pk: int, slot_pk: int):
    event = organised_event(request, pk)
    slot = get_object_or_404(MeetingSlot, event=event, pk=slot_pk)
    try:
        services.slot_delete(actor=request.user, slot=slot)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("events:console", pk=event.pk)


@require_POST
@login_required
def schedule_run(request, pk: int):
    event = organised_event(request, pk)
    try:
        run = services.schedule_run_start(actor=request.user, event=event)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("events:console", pk=event.pk)
    return redirect("events:run-detail", pk=event.pk, run_pk=run.pk)


@login_required
def run_detail(request, pk: int, run_pk: int):
    event = organised_event(request, pk)
    run = get_object_or_404(ScheduleRun, event=event, pk=run_pk)
    template = "events/_run.html" if request.headers.get("HX-Request") else "events/run_detail.html"
    return render(request, template, {"event": event, "run": run})


@require_POST
@login_required
def schedule_publish(request, pk: int):
    event = organised_event(request, pk)
    try:
        count = services.schedule_publish(actor=request.user, event=event)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            ngettext("%(n)d meeting published.", "%(n)d meetings published.", count) % {"n": count},
        )
    return redirect("events:console", pk=event.pk)


@require_POST
@login_required
def agendas_send(request, pk: int):
    event = organised_event(request, pk)
    try:
        count = services.agendas_send(actor=request.user, event=event)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            ngettext(
                "The agenda is being sent to %(n)d participant.",
                "Agendas are being sent to %(n)d participants.",
                count,
            )
            % {"n": count},
        )
    return redirect("events:console", pk=event.pk)


@login_required
def table_list(request, pk: int):
    event = organised_event(request, pk)
    return render(
        request,
        "events/table_list.html",
        {"event": event, "slots": selectors.meeting_table_list(user=request.user, event=event)},
    )


@login_required
def brokerage_profile(request, pk: int):
    event = _brokerage(visible_event(request, pk))
    registration = own_registration(request, event)
    initial = {
        "participant_type": registration.participant_type,
        "offer": registration.offer,
        "seek": registration.seek,
        "cooperation_profile": registration.cooperation_profile_id,
        "unavailable_slots": list(registration.unavailable_slots.all()),
    }
    form = BrokerageProfileForm(request.POST or None, initial=initial, registration=registration)
    if request.method == "POST" and form.is_valid():
        try:
            services.brokerage_profile_update(
                actor=request.user, registration=registration, **form.cleaned_data
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Your brokerage profile is saved."))
            return redirect("events:participants", pk=event.pk)
    return render(
        request,
        "events/brokerage_profile.html",
        {"event": event, "registration": registration, "form": form},
    )


@login_required
def participant_list(request, pk: int):
    event = _brokerage(visible_event(request, pk))
    if not permissions.can_browse_participants(request.user, event):
        raise Http404
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("type", "")
    rows = selectors.participant_list(
        user=request.user, event=event, query=query, participant_type=kind
    )
    mine = selectors.registration_mine(user=request.user, event=event)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    contacted = selectors.contacted_ids(registration=mine) if mine else {}
    for row in page:
        status = contacted.get(row.pk)
        row.request_status = RequestStatus(status).label if status else ""
    return render(
        request,
        "events/participant_list.html",
        {
            "event": event,
            "page": page,
            "query": query,
            "type": kind,
            "types": ParticipantType.choices,
            "mine": mine,
            "suggestions": selectors.participant_suggestions(user=request.user, registration=mine)
            if mine and not query
            else [],
        },
    )


@login_required
def request_new(request, pk: int, registration_pk: int):
    event = _brokerage(visible_event(request, pk))
    mine = own_registration(request, event)
    recipient = get_object_or_404(
        selectors.participant_list(user=request.user, event=event), pk=registration_pk
    )
    form = MeetingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_request_create(
                actor=request.user,
                requester=mine,
                recipient=recipient,
                source=request.POST.get("source", "participant"),
                **form.cleaned_data,
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Request sent to %(name)s.") % {"name": recipient.name})
            return redirect("events:participants", pk=event.pk)
    return render(
        request,
        "events/request_form.html",
        {"event": event, "recipient": recipient, "form": form},
    )


@login_required
def request_list(request, pk: int):
    event = _brokerage(visible_event(request, pk))
    mine = own_registration(request, event)
    return render(
        request,
        "events/request_list.html",
        {
            "event": event,
            "registration": mine,
            "requests": selectors.request_list(user=request.user, registration=mine),
            "cap": services.meeting_cap(mine),
        },
    )


@require_POST
@login_required
def request_answer(request, request_pk: int):
    meeting_request = get_object_or_404(selectors.request_visible(user=request.user), pk=request_pk)
    accept = request.POST.get("answer") == "accept"
    try:
        answered = services.meeting_request_answer(
            actor=request.user, request=meeting_request, accept=accept
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if answered.status == RequestStatus.EXPIRED:
            messages.error(request, _("This request had expired."))
        else:
            messages.success(request, answered.get_status_display())
    return redirect("events:requests", pk=meeting_request.event_id)


@require_POST
@login_required
def request_withdraw(request, request_pk: int):
    meeting_request = get_object_or_404(selectors.request_visible(user=request.user), pk=request_pk)
    try:
        services.meeting_request_withdraw(actor=request.user, request=meeting_request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Withdrawn."))
    return redirect("events:requests", pk=meeting_request.event_id)


def _agenda_registration(request, pk: int, registration_pk: int | None) -> Registration:
    event = _brokerage(visible_event(request, pk))
    if registration_pk is None:
        return own_registration(request, event)
    if not permissions.can_manage_event(request.user, event):
        raise Http404
    return get_object_or_404(event.registrations.select_related("organisation"), pk=registration_pk)


@login_required
def agenda(request, pk: int, registration_pk: int | None = None):
    registration = _agenda_registration(request, pk, registration_pk)
    event = registration.event
    organiser_view = registration_pk is not None
    lines = selectors.agenda(registration=registration, published_only=not organiser_view)
    feedback = selectors.feedback_given(registration=registration)
    return render(
        request,
        "events/agenda.html",
        {
            "event": event,
            "registration": registration,
            "lines": lines,
            "organiser_view": organiser_view,
            "feedback": feedback,
            "feedback_form": FeedbackForm(),
            "feedback_open": selectors.feedback_open(event=event),
        },
    )


@login_required
def agenda_pdf(request, pk: int, registration_pk: int | None = None):
    registration = _agenda_registration(request, pk, registration_pk)
    lines = selectors.agenda(registration=registration, published_only=registration_pk is None)
    response = HttpResponse(
        exporting.agenda_pdf(registration, lines), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="agenda-{registration.event_id}.pdf"'
    return response


@require_GET
@login_required
def agenda_ics(request, pk: int):
    registration = _agenda_registration(request, pk, None)
    body = exporting.agenda_ics(registration, selectors.agenda(registration=registration))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agenda-{registration.event_id}.ics"'
    return response


@require_POST
@login_required
def meeting_feedback(request, meeting_pk: int):
    meeting = get_object_or_404(
        selectors.meeting_visible(user=request.user).select_related("slot", "request"),
        pk=meeting_pk,
    )
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_feedback_record(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you for the feedback."))
    else:
        messages.error(request, _("Answer whether the meeting took place."))
    return redirect("events:agenda", pk=meeting.event_id)
