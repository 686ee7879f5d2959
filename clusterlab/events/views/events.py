"""Event pages: the calendar, an event, registering, the organiser's pages and check-in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clusterlab.core.errors import DomainError, form_error
from clusterlab.registry.models import Cluster, Contact, Organisation

from .. import exporting, permissions, selectors, services
from ..enums import EventKind, RegistrationStatus
from ..forms import ContactRegistrationForm, EventForm, QuestionForm, RegistrationForm
from ..models import Registration, RegistrationQuestion
from ._common import organised_event, own_registration, visible_event


@require_GET
def event_list(request):
    filters = selectors.EventFilters(
        kind=request.GET.get("kind", ""),
        cluster=request.GET.get("cluster", ""),
        when=request.GET.get("when", "upcoming"),
    )
    events = selectors.event_list(user=request.user, filters=filters)
    page = Paginator(events, 30).get_page(request.GET.get("page"))
    organised = (
        selectors.event_organised_list(user=request.user)[:20]
        if request.user.is_authenticated
        else []
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/event_list.html",
        {
            "page": page,
            "filters": filters,
            "kinds": EventKind.choices,
            "clusters": Cluster.objects.order_by("name").values_list("slug", "name"),
            "organised": organised,
            "can_organise": request.user.is_authenticated
            and Cluster.objects.managed_by(request.user).exists(),
            "querystring": query.urlencode(),
        },
    )


@require_GET
def event_detail(request, pk: int):
    event = visible_event(request, pk)
    registration = selectors.registration_mine(user=request.user, event=event)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "registration": registration,
            "is_organiser": permissions.can_manage_event(request.user, event),
            "registered": event.registrations.active().count(),
            "waiting": event.registrations.filter(status=RegistrationStatus.WAITING).count(),
        },
    )


@require_GET
def event_ics(request, pk: int):
    event = visible_event(request, pk)
    url = request.build_absolute_uri(reverse("events:event-detail", args=[event.pk]))
    body = exporting.events_ics(event.title, [event], url_of=lambda _e: url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


@require_GET
def cluster_events_ics(request, slug: str):
    cluster = get_object_or_404(Cluster, slug=slug)
    events = selectors.cluster_public_events(cluster=cluster)
    body = exporting.events_ics(
        cluster.name,
        events,
        url_of=lambda e: request.build_absolute_uri(reverse("events:event-detail", args=[e.pk])),
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_required
def event_new(request):
    if not Cluster.objects.managed_by(request.user).exists():
        raise Http404
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                actor=request.user,
                clusters=list(form.cleaned_data["clusters"]),
                languages=form.cleaned_data["languages"],
                data=form.event_data(),
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Event created."))
            return redirect("events:event-detail", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form})


@login_required
def event_edit(request, pk: int):
    event = organised_event(request, pk)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                actor=request.user,
                event=event,
                clusters=list(form.cleaned_data["clusters"]),
                languages=form.cleaned_data["languages"],
                data=form.event_data(),
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Event saved."))
            return redirect("events:event-detail", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
def event_questions(request, pk: int):
    event = organised_event(request, pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(actor=request.user, event=event, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Question added."))
            return redirect("events:event-questions", pk=event.pk)
    return render(
        request,
        "events/event_questions.html",
        {"event": event, "form": form, "questions": event.questions.all()},
    )


@require_POST
@login_required
def question_delete(request, pk: int, question_pk: int):
    event = organised_event(request, pk)
    question = get_object_or_404(RegistrationQuestion, event=event, pk=question_pk)
    services.question_delete(actor=request.user, question=question)
    messages.success(request, _("Question removed."))
    return redirect("events:event-questions", pk=event.pk)


@login_required
def register(request, pk: int):
    event = visible_event(request, pk)
    if selectors.registration_mine(user=request.user, event=event):
        return redirect("events:registration-mine", pk=event.pk)
    form = RegistrationForm(request.POST if request.method == "POST" else None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                actor=request.user, event=event, answers=form.answers()
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            if registration.status == RegistrationStatus.WAITING:
                messages.info(request, _("The event is full: you are on the waiting list."))
            else:
                messages.success(request, _("You are registered."))
            return redirect("events:registration-mine", pk=event.pk)
    return render(request, "events/register.html", {"event": event, "form": form})


@login_required
def registration_mine(request, pk: int):
    event = visible_event(request, pk)
    registration = own_registration(request, event)
    form = RegistrationForm(request.POST or None, event=event, initial_answers=registration.answers)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_update_answers(
                actor=request.user, registration=registration, answers=form.answers()
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Answers saved."))
            return redirect("events:registration-mine", pk=event.pk)
    return render(
        request,
        "events/registration_mine.html",
        {"event": event, "registration": registration, "form": form},
    )


@require_POST
@login_required
def registration_cancel(request, registration_pk: int):
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=registration_pk
    )
    if not permissions.can_edit_registration(request.user, registration):
        raise Http404
    try:
        services.registration_cancel(actor=request.user, registration=registration)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The registration is cancelled."))
    if permissions.can_manage_event(request.user, registration.event):
        return redirect("events:registrations", pk=registration.event_id)
    return redirect("events:event-detail", pk=registration.event_id)


@login_required
def registration_list(request, pk: int):
    event = organised_event(request, pk)
    contacts = (
        Contact.objects.filter(
            organisation__in=Organisation.objects.private_to(request.user),
            erased_at__isnull=True,
        )
        .exclude(email="")
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )
    form = ContactRegistrationForm(request.POST or None, contacts=contacts)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_create(
                actor=request.user, event=event, contact=form.cleaned_data["contact"]
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Registered."))
            return redirect("events:registrations", pk=event.pk)
    query = request.GET.get("q", "").strip()
    rows = selectors.registration_list(user=request.user, event=event, query=query)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    questions = list(event.questions.all())
    for registration in page:
        registration.answer_cells = [
            _answer_text(registration.answers.get(str(q.pk), "")) for q in questions
        ]
    return render(
        request,
        "events/registration_list.html",
        {"event": event, "page": page, "form": form, "query": query, "questions": questions},
    )


def _answer_text(value) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


@login_required
def check_in(request, pk: int):
    event = organised_event(request, pk)
    query = request.GET.get("q", "").strip()
    rows = selectors.registration_list(user=request.user, event=event, query=query).filter(
        status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED]
    )
    template = (
        "events/_check_in_rows.html"
        if request.headers.get("HX-Request")
        else "events/check_in.html"
    )
    return render(
        request,
        template,
        {
            "event": event,
            "rows": rows[:50],
            "query": query,
            "present": event.registrations.filter(status=RegistrationStatus.ATTENDED).count(),
            "expected": event.registrations.active().count(),
        },
    )


@require_POST
@login_required
def check_in_toggle(request, pk: int, registration_pk: int):
    event = organised_event(request, pk)
    registration = get_object_or_404(event.registrations, pk=registration_pk)
    try:
        services.registration_check_in(
            actor=request.user, registration=registration, undo=request.POST.get("undo") == "1"
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse('events:check-in', args=[event.pk])}?q={request.POST.get('q', '')}")
