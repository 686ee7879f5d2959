"""Self-assessment pages: the list, a new assessment, the assessment with its answers, the PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, form_error

from . import selectors, services
from .forms import AnswersForm, AssessmentForm
from .models import Assessment


def _visible(request, pk: int) -> Assessment:
    return get_object_or_404(selectors.assessment_list(user=request.user), pk=pk)


@login_required
def home(request):
    clusters = selectors.assessable_clusters(user=request.user)
    if not clusters.exists():
        raise Http404(_("You manage no cluster."))
    context = {
        "assessments": selectors.assessment_list(user=request.user),
        "form": AssessmentForm(clusters=clusters),
    }
    return render(request, "excellence/home.html", context)


@require_POST
@login_required
def assessment_new(request):
    clusters = selectors.assessable_clusters(user=request.user)
    if not clusters.exists():
        raise Http404
    form = AssessmentForm(request.POST, clusters=clusters)
    if form.is_valid():
        try:
            assessment = services.assessment_create(
                actor=request.user,
                cluster=form.cleaned_data["cluster"],
                title=form.cleaned_data["title"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Self-assessment started."))
            return redirect(assessment)
    context = {"assessments": selectors.assessment_list(user=request.user), "form": form}
    return render(request, "excellence/home.html", context)


def _initial(report) -> dict:
    initial = {"completed": report.assessment.status == "completed"}
    for area in report.areas:
        for row in area.rows:
            if not row.indicator.computed:
                initial[f"value_{row.indicator.code}"] = row.value
                initial[f"comment_{row.indicator.code}"] = row.comment
    return initial


@login_required
def assessment_detail(request, pk: int):
    assessment = _visible(request, pk)
    report = selectors.assessment_report(assessment=assessment, user=request.user)
    form = AnswersForm(request.POST or None, initial=_initial(report))
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_answers_save(
                actor=request.user,
                assessment=assessment,
                answers=form.answers(),
                status=form.status(),
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Answers saved."))
            return redirect(assessment)
    return render(
        request, "excellence/assessment.html", {"report": report, "form": form, "a": assessment}
    )


@login_required
def assessment_pdf(request, pk: int):
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    assessment = _visible(request, pk)
    report = selectors.assessment_report(assessment=assessment, user=request.user)
    html = render_to_string(
        "excellence/report_print.html",
        {"report": report, "a": assessment, "today": timezone.localdate()},
        request=request,
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="excellence-{assessment.cluster.slug}-{assessment.pk}.pdf"'
    )
    return response
