"""Measuring and evaluating a pilot: measurement entry, platform counts, surveys, the report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, form_error

from .. import charts, selectors, services
from ..enums import Phase
from ..forms import PhaseForm, SurveySendForm, measurement_form
from .pilots import _after, _detail_context, visible_pilot


@login_required
def measurements(request, pk: int, indicator_pk: int, phase: str):
    pilot = visible_pilot(request, pk)
    indicator = get_object_or_404(pilot.indicators, pk=indicator_pk)
    if phase not in Phase.values:
        phase = Phase.BASELINE
    grid = selectors.measurement_grid(indicator=indicator, phase=phase)
    form = measurement_form(grid, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        values = {int(name[2:]): value for name, value in form.cleaned_data.items()}
        try:
            services.measurements_record(
                actor=request.user, indicator=indicator, phase=phase, values=values
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Measurements saved."))
            return redirect(
                "pilots:measurements", pk=pilot.pk, indicator_pk=indicator.pk, phase=phase
            )
    return render(
        request,
        "pilots/measurements.html",
        {
            "pilot": pilot,
            "indicator": indicator,
            "phase": phase,
            "phases": Phase.choices,
            "form": form,
        },
    )


@require_POST
@login_required
def platform_count(request, pk: int, indicator_pk: int):
    pilot = visible_pilot(request, pk)
    indicator = get_object_or_404(pilot.indicators, pk=indicator_pk)
    form = PhaseForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Choose a phase."))
        count = services.measurements_from_platform(
            actor=request.user, indicator=indicator, phase=form.cleaned_data["phase"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(n)d values counted on the platform.") % {"n": count})
    return _after(request, pilot, "indicator")


@require_POST
@login_required
def survey_send(request, pk: int):
    pilot = visible_pilot(request, pk)
    context = _detail_context(request, pilot)
    form = SurveySendForm(request.POST, surveys=context["survey_form"].fields["survey"].queryset)
    if form.is_valid():
        try:
            count = services.pilot_survey_send(
                actor=request.user,
                pilot=pilot,
                base_url=request.build_absolute_uri("/").rstrip("/"),
                **form.cleaned_data,
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Survey sent to %(n)d participants.") % {"n": count})
            return _after(request, pilot, "surveys")
    context["survey_form"] = form
    return render(request, "pilots/pilot_detail.html", context)


@require_POST
@login_required
def survey_import(request, pk: int):
    pilot = visible_pilot(request, pk)
    form = PhaseForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Choose a phase."))
        count = services.measurements_from_survey(
            actor=request.user, pilot=pilot, phase=form.cleaned_data["phase"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(n)d answers taken over as measurements.") % {"n": count})
    return _after(request, pilot, "surveys")


def _report_context(pilot) -> dict:
    results = selectors.pilot_evaluation(pilot=pilot)
    return {
        "pilot": pilot,
        "results": [
            {
                "result": r,
                "bars": charts.group_bars(r.evaluation),
                "whisker": charts.effect_whisker(r.evaluation),
            }
            for r in results
        ],
        "participants": pilot.participants.select_related("organisation__country"),
        "lessons": pilot.lessons.all(),
        "milestones": pilot.milestones.all(),
    }


@login_required
def report(request, pk: int):
    pilot = visible_pilot(request, pk)
    return render(request, "pilots/report.html", _report_context(pilot))


@login_required
def report_pdf(request, pk: int):
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    pilot = visible_pilot(request, pk)
    html = render_to_string("pilots/report_print.html", _report_context(pilot), request=request)
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="pilot-{pilot.code}.pdf"'
    return response
