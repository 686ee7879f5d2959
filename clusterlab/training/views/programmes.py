"""Pages of programmes: list, a programme for those who run it and for participants,
sessions, enrolment, attendance, feedback, assignments, completion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, form_error
from clusterlab.core.params import int_or_none

from .. import permissions, selectors, services
from ..enums import ACTIVE_PHASES, Phase
from ..forms import (
    AssignmentForm,
    EnrolForm,
    ProgrammeEditForm,
    ProgrammeForm,
    RatingForm,
    SessionForm,
    SubmissionForm,
)
from ..models import Assignment, Programme, Submission
from ..models.programmes import ACTIVE_ENROLMENT


def visible_programme(request, pk: int) -> Programme:
    return get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)


def run_programme(request, pk: int) -> Programme:
    return get_object_or_404(Programme.objects.run_by(request.user), pk=pk)


@login_required
def home(request):
    context = {
        "programmes": selectors.programme_list(user=request.user),
        "can_create": permissions.can_create_programme(request.user),
    }
    return render(request, "training/home.html", context)


@login_required
def programme_new(request):
    if not permissions.can_create_programme(request.user):
        raise Http404
    form = ProgrammeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.user, data=form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Programme created: add its sessions."))
            return redirect(programme)
    return render(request, "training/programme_form.html", {"form": form})


@login_required
def programme_edit(request, pk: int):
    programme = run_programme(request, pk)
    form = ProgrammeEditForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "trainers"}
        try:
            services.programme_update(
                actor=request.user,
                programme=programme,
                data=data,
                trainers=form.cleaned_data["trainers"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Programme saved."))
            return redirect(programme)
    context = {"form": form, "programme": programme}
    return render(request, "training/programme_form.html", context)


def _runner_context(programme: Programme, **forms) -> dict:
    sessions, enrolments = selectors.attendance_grid(programme=programme)
    enrolled = {e.participant_id for e in enrolments}
    managers = services.enrollable_managers().exclude(pk__in=enrolled)
    return {
        "sessions": sessions,
        "enrolments": enrolments,
        "validation": selectors.programme_validation(programme=programme),
        "session_form": forms.get("session_form") or SessionForm(),
        "enrol_form": EnrolForm(managers=managers.prefetch_related("managed_clusters")),
        "assignment_form": forms.get("assignment_form") or AssignmentForm(),
    }


def _participant_context(request, programme: Programme) -> dict:
    enrolment = programme.enrolments.filter(participant=request.user).first()
    marks = {a.session_id: a.present for a in enrolment.attendances.all()} if enrolment else {}
    sessions = list(programme.sessions.select_related("module"))
    for session in sessions:
        session.mark = marks.get(session.pk)
    done = set(
        programme.assessments.filter(
            subject=request.user, role="self", submitted_at__isnull=False
        ).values_list("phase", flat=True)
    )
    return {
        "enrolment": enrolment,
        "sessions": sessions,
        "feedback_links": selectors.my_feedback_links(programme=programme, user=request.user),
        "phases_done": done,
        "certificate": getattr(enrolment, "certificate", None) if enrolment else None,
    }


@login_required
def programme_detail(request, pk: int):
    programme = visible_programme(request, pk)
    runs = permissions.can_run_programme(request.user, programme)
    context = {
        "programme": programme,
        "runs": runs,
        "assignments": programme.assignments.all(),
        "phases": [(p, Phase(p).label) for p in ACTIVE_PHASES],
        **_participant_context(request, programme),
    }
    if runs:
        context.update(_runner_context(programme))
    return render(request, "training/programme_detail.html", context)


@login_required
@require_POST
def session_add(request, pk: int):
    programme = run_programme(request, pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_add(actor=request.user, programme=programme, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Session added."))
            return redirect(programme)
    context = {"programme": programme, "runs": True, **_participant_context(request, programme)}
    context.update(_runner_context(programme, session_form=form))
    return render(request, "training/programme_detail.html", context, status=400)


@login_required
@require_POST
def enrol(request, pk: int):
    programme = run_programme(request, pk)
    form = EnrolForm(request.POST, managers=services.enrollable_managers())
    if form.is_valid():
        try:
            services.enrolment_create(
                actor=request.user,
                programme=programme,
                participant=form.cleaned_data["participant"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Participant enrolled."))
    else:
        messages.error(request, _("Choose a cluster manager."))
    return redirect(programme)


@login_required
def attendance(request, pk: int, session_pk: int):
    programme = run_programme(request, pk)
    session = get_object_or_404(programme.sessions.select_related("module"), pk=session_pk)
    enrolments = programme.enrolments.filter(status__in=ACTIVE_ENROLMENT).select_related(
        "participant"
    )
    present = set(session.attendances.filter(present=True).values_list("enrolment_id", flat=True))
    if request.method == "POST":
        chosen = {int_or_none(v) for v in request.POST.getlist("present")} - {None}
        try:
            count = services.attendance_record(actor=request.user, session=session, present=chosen)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Attendance saved: %(n)d present.") % {"n": count})
            return redirect(programme)
    context = {
        "programme": programme,
        "session": session,
        "rows": [(e, e.pk in present) for e in enrolments],
    }
    return render(request, "training/attendance.html", context)


@login_required
@require_POST
def feedback_send(request, pk: int, session_pk: int):
    programme = run_programme(request, pk)
    session = get_object_or_404(programme.sessions.select_related("module"), pk=session_pk)
    try:
        sent = services.session_feedback_send(
            actor=request.user, session=session, base_url=request.build_absolute_uri("/")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Feedback survey sent to %(n)d attendees.") % {"n": sent})
    return redirect(programme)


@login_required
@require_POST
def assignment_add(request, pk: int):
    programme = run_programme(request, pk)
    form = AssignmentForm(request.POST)
    if form.is_valid():
        try:
            services.assignment_add(actor=request.user, programme=programme, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Assignment set."))
    else:
        messages.error(request, _("Give the assignment a title."))
    return redirect(programme)


@login_required
def assignment_detail(request, pk: int, assignment_pk: int):
    programme = visible_programme(request, pk)
    assignment = get_object_or_404(Assignment, pk=assignment_pk, programme=programme)
    runs = permissions.can_run_programme(request.user, programme)
    mine = assignment.submissions.filter(enrolment__participant=request.user).first()
    form = SubmissionForm(
        request.POST or None, request.FILES or None, initial={"text": mine.text if mine else ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_save(
                actor=request.user,
                assignment=assignment,
                text=form.cleaned_data["text"],
                file=form.cleaned_data["file"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Your work was handed in."))
            return redirect(
                "training:assignment-detail", pk=programme.pk, assignment_pk=assignment.pk
            )
    context = {
        "programme": programme,
        "assignment": assignment,
        "runs": runs,
        "mine": mine,
        "form": form,
        "submissions": assignment.submissions.select_related("enrolment__participant")
        if runs
        else [],
    }
    return render(request, "training/assignment.html", context)


@login_required
@require_POST
def submission_done(request, pk: int, submission_pk: int):
    programme = run_programme(request, pk)
    submission = get_object_or_404(
        Submission.objects.select_related("assignment"),
        pk=submission_pk,
        assignment__programme=programme,
    )
    services.submission_mark(
        actor=request.user, submission=submission, done=request.POST.get("done") != "0"
    )
    return redirect(
        "training:assignment-detail", pk=programme.pk, assignment_pk=submission.assignment_id
    )


@login_required
@require_POST
def enrolment_complete(request, pk: int, enrolment_pk: int):
    programme = run_programme(request, pk)
    enrolment = get_object_or_404(programme.enrolments, pk=enrolment_pk)
    try:
        services.enrolment_complete(actor=request.user, enrolment=enrolment)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Completed: the certificate is issued."))
    return redirect(programme)


@login_required
def programme_assess(request, pk: int, phase: str):
    programme = visible_programme(request, pk)
    if phase not in ACTIVE_PHASES:
        raise Http404
    if not programme.enrolments.filter(participant=request.user, status__in=ACTIVE_ENROLMENT):
        raise Http404
    form = RatingForm(request.POST or None, competences=selectors.competence_list())
    if request.method == "POST" and form.is_valid():
        try:
            services.self_assessment_submit(
                actor=request.user, levels=form.levels(), programme=programme, phase=phase
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Self-assessment saved."))
            return redirect(programme)
    heading = f"{programme.title}: {Phase(phase).label}"
    return render(request, "training/assess.html", {"form": form, "heading": heading})
