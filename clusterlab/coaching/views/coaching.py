"""Coaching pages: schemes, engagements with sessions, actions, steps and the closing review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, NotAllowed, form_error
from clusterlab.core.params import int_or_none

from .. import permissions, selectors, services
from ..forms import (
    ActionForm,
    ActionStatusForm,
    CloseForm,
    EngagementForm,
    SchemeForm,
    SessionForm,
    SessionNotesForm,
    StepCompleteForm,
    StepFormSet,
    step_rows,
)
from ..models import Engagement, EngagementStep, Scheme
from ..services.engagements import current_step


def participant_engagement(request, pk: int) -> Engagement:
    """The engagement if the viewer is its coach or coachee; 404 for everyone else."""
    return get_object_or_404(selectors.engagement_list(user=request.user), pk=pk)


@login_required
def home(request):
    return render(
        request,
        "coaching/home.html",
        {
            "engagements": selectors.engagement_list(user=request.user),
            "can_start": permissions.can_coach(request.user),
            "n_schemes": selectors.scheme_list(user=request.user).count(),
        },
    )


@login_required
def scheme_list(request):
    return render(
        request,
        "coaching/scheme_list.html",
        {
            "schemes": selectors.scheme_list(user=request.user),
            "can_create": permissions.can_create_scheme(request.user),
        },
    )


@login_required
def scheme_detail(request, pk: int):
    scheme = get_object_or_404(selectors.scheme_list(user=request.user), pk=pk)
    return render(
        request,
        "coaching/scheme_detail.html",
        {
            "scheme": scheme,
            "steps": scheme.steps.order_by("position"),
            "can_edit": permissions.can_edit_scheme(request.user, scheme),
        },
    )


def _scheme_form(request, scheme: Scheme | None):
    form = SchemeForm(request.POST or None, instance=scheme)
    initial = (
        list(scheme.steps.order_by("position").values(*StepFormSet.form.Meta.fields))
        if (scheme)
        else []
    )
    steps = StepFormSet(request.POST or None, initial=initial, prefix="steps")
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        data = {k: form.cleaned_data[k] for k in SchemeForm.Meta.fields}
        try:
            if scheme is None:
                scheme = services.scheme_create(
                    actor=request.user, data=data, steps=step_rows(steps)
                )
            else:
                services.scheme_update(
                    actor=request.user, scheme=scheme, data=data, steps=step_rows(steps)
                )
        except NotAllowed:
            raise Http404 from None
        except DomainError as exc:
            if exc.field in form.fields:
                form_error(form, exc)
            else:
                steps._non_form_errors = steps.error_class([exc.message])
        else:
            messages.success(request, _("Scheme saved."))
            return redirect(scheme)
    return render(
        request, "coaching/scheme_form.html", {"form": form, "steps": steps, "scheme": scheme}
    )


@login_required
def scheme_new(request):
    if not permissions.can_create_scheme(request.user):
        raise Http404
    return _scheme_form(request, None)


@login_required
def scheme_edit(request, pk: int):
    scheme = get_object_or_404(Scheme, pk=pk)
    if not permissions.can_edit_scheme(request.user, scheme):
        raise Http404
    return _scheme_form(request, scheme)


@login_required
def engagement_new(request):
    if not permissions.can_coach(request.user):
        raise Http404
    form = EngagementForm(request.POST or None, user=request.user)
    if request.method != "POST":
        form.initial["scheme"] = int_or_none(request.GET.get("scheme"))
    if request.method == "POST" and form.is_valid():
        try:
            engagement = services.engagement_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Engagement started."))
            return redirect(engagement)
    return render(request, "coaching/engagement_form.html", {"form": form})


def _detail_context(request, engagement: Engagement, **forms) -> dict:
    steps = list(engagement.steps.order_by("position"))
    current = next((s for s in steps if not s.is_done), None)
    context = {
        "engagement": engagement,
        "steps": steps,
        "current": current,
        "progress": selectors.engagement_progress(engagement=engagement),
        "sessions": engagement.sessions.prefetch_related("actions"),
        "actions": selectors.action_list(engagement=engagement),
        "session_form": SessionForm(),
        "action_form": ActionForm(),
        "step_form": StepCompleteForm(),
        "statuses": ActionStatusForm.base_fields["status"].choices,
    }
    context.update(forms)
    return context


@login_required
def engagement_detail(request, pk: int):
    engagement = participant_engagement(request, pk)
    return render(request, "coaching/engagement_detail.html", _detail_context(request, engagement))


def _back(engagement: Engagement, anchor: str):
    return redirect(f"{engagement.get_absolute_url()}#{anchor}")


def _invalid(request, engagement: Engagement, **forms):
    context = _detail_context(request, engagement, **forms)
    return render(request, "coaching/engagement_detail.html", context)


@require_POST
@login_required
def session_add(request, pk: int):
    engagement = participant_engagement(request, pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the session and its agreed action, or neither
                session = services.session_add(
                    actor=request.user,
                    engagement=engagement,
                    date=data["date"],
                    notes=data["notes"],
                    duration_minutes=data["duration_minutes"],
                )
                if data["action_text"]:
                    services.action_add(
                        actor=request.user,
                        engagement=engagement,
                        session=session,
                        text=data["action_text"],
                        due_on=data["action_due"],
                    )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Session recorded."))
            return _back(engagement, "sessions")
    return _invalid(request, engagement, session_form=form)


@login_required
def session_edit(request, pk: int, session_pk: int):
    engagement = participant_engagement(request, pk)
    session = get_object_or_404(engagement.sessions, pk=session_pk)
    form = SessionNotesForm(
        request.POST or None,
        initial={"notes": session.notes, "duration_minutes": session.duration_minutes},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(actor=request.user, session=session, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Notes saved."))
            return _back(engagement, "sessions")
    return render(
        request,
        "coaching/session_form.html",
        {"form": form, "engagement": engagement, "session": session},
    )


@require_POST
@login_required
def action_add(request, pk: int):
    engagement = participant_engagement(request, pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.action_add(actor=request.user, engagement=engagement, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Action added."))
            return _back(engagement, "actions")
    return _invalid(request, engagement, action_form=form)


@require_POST
@login_required
def action_status(request, pk: int, action_pk: int):
    engagement = participant_engagement(request, pk)
    action = get_object_or_404(engagement.actions, pk=action_pk)
    form = ActionStatusForm(request.POST)
    error = None
    try:
        if not form.is_valid():
            raise DomainError(_("Choose a status."))
        services.action_set_status(
            actor=request.user, action=action, status=form.cleaned_data["status"]
        )
    except DomainError as exc:
        error = exc.message
    if request.headers.get("HX-Request"):
        action.refresh_from_db()
        return render(
            request,
            "coaching/_action_row.html",
            {
                "action": action,
                "engagement": engagement,
                "statuses": ActionStatusForm.base_fields["status"].choices,
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    return _back(engagement, "actions")


@require_POST
@login_required
def step_complete(request, pk: int, step_pk: int):
    engagement = participant_engagement(request, pk)
    step = get_object_or_404(EngagementStep.objects.filter(engagement=engagement), pk=step_pk)
    form = StepCompleteForm(request.POST)
    if form.is_valid():
        try:
            services.step_complete(
                actor=request.user, step=step, output=form.cleaned_data["output"]
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            following = current_step(engagement)
            messages.success(
                request,
                _("Step completed. Next: %(step)s") % {"step": following.title}
                if following
                else _("All steps completed."),
            )
            return _back(engagement, "steps")
    return _invalid(request, engagement, step_form=form)


@login_required
def engagement_close(request, pk: int):
    engagement = participant_engagement(request, pk)
    if engagement.is_closed:
        return redirect(engagement)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_close(
                actor=request.user, engagement=engagement, **form.cleaned_data
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Engagement closed."))
            return redirect(engagement)
    return render(
        request,
        "coaching/engagement_close.html",
        {
            "form": form,
            "engagement": engagement,
            "progress": selectors.engagement_progress(engagement=engagement),
            "open_actions": engagement.actions.filter(status="open"),
        },
    )
