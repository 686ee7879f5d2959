"""Pilot pages: the list and portfolio, a pilot, its participants and groups, timeline,
lessons and documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, form_error
from clusterlab.registry.enums import MembershipStatus
from clusterlab.registry.models import Cluster, Contact, Organisation

from .. import selectors, services
from ..enums import Group
from ..forms import (
    DocumentForm,
    GroupForm,
    IndicatorForm,
    LessonForm,
    MilestoneForm,
    ParticipantForm,
    PilotForm,
    RandomiseForm,
    SurveySendForm,
)
from ..models import Milestone, Pilot, PilotDocument


def visible_pilot(request, pk: int) -> Pilot:
    return get_object_or_404(Pilot.objects.visible_to(request.user), pk=pk)


@login_required
def pilot_list(request):
    if not (request.user.is_coordinator or Cluster.objects.managed_by(request.user).exists()):
        raise Http404
    portfolio = selectors.pilot_portfolio(user=request.user)
    return render(request, "pilots/pilot_list.html", {"portfolio": portfolio})


@login_required
def pilot_new(request):
    if not Cluster.objects.managed_by(request.user).exists():
        raise Http404
    form = PilotForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            pilot = services.pilot_create(
                actor=request.user,
                data=form.pilot_data(),
                partner_clusters=form.cleaned_data["partner_clusters"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Pilot created."))
            return redirect("pilots:pilot-detail", pk=pilot.pk)
    return render(request, "pilots/pilot_form.html", {"form": form})


@login_required
def pilot_edit(request, pk: int):
    pilot = visible_pilot(request, pk)
    form = PilotForm(request.POST or None, instance=pilot, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_update(
                actor=request.user,
                pilot=pilot,
                data=form.pilot_data(),
                partner_clusters=form.cleaned_data["partner_clusters"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Pilot saved."))
            return redirect("pilots:pilot-detail", pk=pilot.pk)
    return render(request, "pilots/pilot_form.html", {"form": form, "pilot": pilot})


def _member_organisations(pilot: Pilot):
    clusters = [pilot.lead_cluster_id, *pilot.partner_clusters.values_list("pk", flat=True)]
    return (
        Organisation.objects.filter(memberships__cluster_id__in=clusters)
        .exclude(memberships__status=MembershipStatus.LEFT)
        .exclude(pilot_participations__pilot=pilot)
        .distinct()
        .order_by("name")
    )


def _contacts(user, organisations):
    return (
        Contact.objects.filter(
            organisation__in=organisations.filter(pk__in=Organisation.objects.private_to(user)),
            erased_at__isnull=True,
        )
        .select_related("organisation")
        .order_by("organisation__name", "last_name")
    )


def _detail_context(request, pilot: Pilot, **forms) -> dict:
    from clusterlab.surveys.models import Survey

    organisations = _member_organisations(pilot)
    clusters = [pilot.lead_cluster_id, *pilot.partner_clusters.values_list("pk", flat=True)]
    context = {
        "pilot": pilot,
        "participants": pilot.participants.select_related(
            "organisation", "organisation__country", "contact"
        ),
        "participant_form": ParticipantForm(
            organisations=organisations, contacts=_contacts(request.user, organisations)
        ),
        "randomise_form": RandomiseForm(),
        "milestone_form": MilestoneForm(),
        "indicator_form": IndicatorForm(),
        "lesson_form": LessonForm(),
        "document_form": DocumentForm(),
        "survey_form": SurveySendForm(surveys=Survey.objects.filter(cluster_id__in=clusters)),
        "pilot_surveys": pilot.pilot_surveys.select_related("survey"),
        "results": selectors.pilot_evaluation(pilot=pilot),
        "groups": Group.choices,
    }
    context.update(forms)
    return context


@login_required
def pilot_detail(request, pk: int):
    pilot = visible_pilot(request, pk)
    return render(request, "pilots/pilot_detail.html", _detail_context(request, pilot))


def _after(request, pilot: Pilot, anchor: str):
    return redirect(f"{pilot.get_absolute_url()}#{anchor}")


def _add(request, pk: int, form_class, name: str, create):
    """Validate one of the detail page's forms; on errors show the page with them in place."""
    pilot = visible_pilot(request, pk)
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            create(pilot, form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return _after(request, pilot, name)
    context = _detail_context(request, pilot, **{f"{name}_form": form})
    return render(request, "pilots/pilot_detail.html", context, status=200)


@require_POST
@login_required
def participant_add(request, pk: int):
    pilot = visible_pilot(request, pk)
    organisations = _member_organisations(pilot)
    form = ParticipantForm(
        request.POST, organisations=organisations, contacts=_contacts(request.user, organisations)
    )
    if form.is_valid():
        try:
            services.participant_add(actor=request.user, pilot=pilot, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Participant added."))
            return _after(request, pilot, "participants")
    context = _detail_context(request, pilot, participant_form=form)
    return render(request, "pilots/pilot_detail.html", context)


@require_POST
@login_required
def participant_group(request, pk: int, participant_pk: int):
    pilot = visible_pilot(request, pk)
    participant = get_object_or_404(pilot.participants, pk=participant_pk)
    form = GroupForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Choose a group."))
        services.participant_set_group(
            actor=request.user, participant=participant, group=form.cleaned_data["group"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return _after(request, pilot, "participants")


@require_POST
@login_required
def participant_remove(request, pk: int, participant_pk: int):
    pilot = visible_pilot(request, pk)
    participant = get_object_or_404(pilot.participants, pk=participant_pk)
    services.participant_remove(actor=request.user, participant=participant)
    messages.success(request, _("Participant removed."))
    return _after(request, pilot, "participants")


@require_POST
@login_required
def randomise(request, pk: int):
    pilot = visible_pilot(request, pk)
    form = RandomiseForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Give a whole number as the seed, or leave it empty."))
        groups = services.participants_randomise(
            actor=request.user, pilot=pilot, seed=form.cleaned_data["seed"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        pilot.refresh_from_db()
        messages.success(
            request,
            _("%(n)d participants assigned at random (seed %(seed)d).")
            % {"n": len(groups), "seed": pilot.assignment_seed},
        )
    return _after(request, pilot, "participants")


@require_POST
@login_required
def milestone_add(request, pk: int):
    return _add(
        request,
        pk,
        MilestoneForm,
        "milestone",
        lambda pilot, data: services.milestone_add(actor=request.user, pilot=pilot, **data),
    )


@require_POST
@login_required
def milestone_update(request, pk: int, milestone_pk: int):
    pilot = visible_pilot(request, pk)
    milestone = get_object_or_404(Milestone, pilot=pilot, pk=milestone_pk)
    try:
        services.milestone_update(
            actor=request.user, milestone=milestone, status=request.POST.get("status", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return _after(request, pilot, "milestone")


@require_POST
@login_required
def lesson_add(request, pk: int):
    return _add(
        request,
        pk,
        LessonForm,
        "lesson",
        lambda pilot, data: services.lesson_add(actor=request.user, pilot=pilot, **data),
    )


@require_POST
@login_required
def document_upload(request, pk: int):
    return _add(
        request,
        pk,
        DocumentForm,
        "document",
        lambda pilot, data: services.document_upload(actor=request.user, pilot=pilot, **data),
    )


@login_required
def document_download(request, pk: int, document_pk: int):
    pilot = visible_pilot(request, pk)
    document = get_object_or_404(PilotDocument, pilot=pilot, pk=document_pk)
    return FileResponse(document.file.open("rb"), as_attachment=True)


@require_POST
@login_required
def indicator_add(request, pk: int):
    return _add(
        request,
        pk,
        IndicatorForm,
        "indicator",
        lambda pilot, data: services.indicator_add(actor=request.user, pilot=pilot, data=data),
    )
