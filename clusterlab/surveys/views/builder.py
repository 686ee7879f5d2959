"""Survey pages of the questionnaire builder: list, create, edit, sections, questions, preview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clusterlab.core.errors import DomainError
from clusterlab.registry.models import Cluster

from .. import selectors, services
from ..enums import SurveyStatus
from ..forms import QuestionForm, SectionForm, SurveyForm
from ._common import (
    int_param,
    move_direction,
    owned_question,
    owned_section,
    owned_survey,
    questionnaire,
)


@require_GET
@login_required
def survey_list(request):
    clusters = Cluster.objects.managed_by(request.user).order_by("name")
    if not clusters.exists():
        raise Http404
    cluster = request.GET.get("cluster", "")
    if cluster not in {c.slug for c in clusters}:
        cluster = ""
    return render(
        request,
        "surveys/survey_list.html",
        {
            "surveys": selectors.survey_list(user=request.user, cluster_slug=cluster)[:200],
            "clusters": clusters,
            "cluster": cluster,
        },
    )


@login_required
def survey_new(request):
    if not Cluster.objects.managed_by(request.user).exists():
        raise Http404
    form = SurveyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                actor=request.user, cluster=form.cleaned_data["cluster"], **form.survey_data()
            )
        except DomainError as exc:
            form.show_error(exc)
        else:
            messages.success(request, _("Survey created: add its questions."))
            return redirect("surveys:survey-detail", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form})


@require_GET
@login_required
def survey_detail(request, pk: int):
    survey = owned_survey(request, pk)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "sections": selectors.survey_sections(survey=survey),
            "figures": selectors.response_figures(survey=survey),
            "statuses": SurveyStatus,
        },
    )


@login_required
def survey_edit(request, pk: int):
    survey = owned_survey(request, pk)
    form = SurveyForm(request.POST or None, user=request.user, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(actor=request.user, survey=survey, data=form.survey_data())
        except DomainError as exc:
            form.show_error(exc)
        else:
            messages.success(request, _("Survey saved."))
            return redirect("surveys:survey-detail", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": survey})


@require_POST
@login_required
def survey_status(request, pk: int):
    survey = owned_survey(request, pk)
    try:
        services.survey_set_status(
            actor=request.user, survey=survey, status=request.POST.get("status", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Status changed."))
    return redirect("surveys:survey-detail", pk=survey.pk)


@require_POST
@login_required
def survey_copy(request, pk: int):
    survey = owned_survey(request, pk)
    try:
        copy = services.survey_copy(actor=request.user, survey=survey)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("surveys:survey-detail", pk=survey.pk)
    messages.success(request, _("Copied: this is the new draft."))
    return redirect("surveys:survey-detail", pk=copy.pk)


@require_GET
@login_required
def survey_preview(request, pk: int):
    survey = owned_survey(request, pk)
    language = survey.language_or_default(request.GET.get("lang"))
    return render(
        request,
        "surveys/preview.html",
        {
            "survey": survey,
            "language": language,
            "title": survey.title_in(language),
            "introduction": survey.text(survey.introduction, language),
            "page": questionnaire(survey, language, values={}, errors={}),
        },
    )


# --- Sections -----------------------------------------------------------------------------


@login_required
def section_add(request, pk: int):
    survey = owned_survey(request, pk)
    form = SectionForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_add(actor=request.user, survey=survey, title=form.section_title())
        except DomainError as exc:
            form.show_error(exc)
        else:
            messages.success(request, _("Section added."))
            return redirect("surveys:survey-detail", pk=survey.pk)
    return render(request, "surveys/section_form.html", {"form": form, "survey": survey})


@login_required
def section_edit(request, pk: int, section_pk: int):
    section = owned_section(request, pk, section_pk)
    survey = section.survey
    form = SectionForm(request.POST or None, survey=survey, section=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(actor=request.user, section=section, title=form.section_title())
        except DomainError as exc:
            form.show_error(exc)
        else:
            messages.success(request, _("Section saved."))
            return redirect("surveys:survey-detail", pk=survey.pk)
    return render(
        request, "surveys/section_form.html", {"form": form, "survey": survey, "section": section}
    )


@require_POST
@login_required
def section_delete(request, pk: int, section_pk: int):
    section = owned_section(request, pk, section_pk)
    try:
        services.section_delete(actor=request.user, section=section)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Section removed."))
    return redirect("surveys:survey-detail", pk=pk)


@require_POST
@login_required
def section_move(request, pk: int, section_pk: int):
    section = owned_section(request, pk, section_pk)
    services.section_move(actor=request.user, section=section, direction=move_direction(request))
    return redirect("surveys:survey-detail", pk=pk)


# --- Questions ----------------------------------------------------------------------------


@login_required
def question_add(request, pk: int):
    survey = owned_survey(request, pk)
    form = QuestionForm(request.POST or None, survey=survey)
    if not request.POST:
        section = survey.sections.filter(pk=int_param(request.GET.get("section"))).first()
        form.initial["section"] = section.pk if section else None
    if request.method == "POST" and form.is_valid():
        data = form.question_data()
        try:
            services.question_add(
                actor=request.user,
                survey=survey,
                kind=data.pop("kind"),
                text=data.pop("text"),
                section=data.pop("section"),
                **data,
            )
        except DomainError as exc:
            form.show_error(exc)
        else:
            messages.success(request, _("Question added."))
            return redirect("surveys:survey-detail", pk=survey.pk)
    return render(request, "surveys/question_form.html", {"form": form, "survey": survey})


@login_required
def question_edit(request, pk: int, question_pk: int):
    question = owned_question(request, pk, question_pk)
    survey = question.survey
    form = QuestionForm(request.POST or None, survey=survey, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(
                actor=request.user, question=question, data=form.question_data()
            )
        except DomainError as exc:
            form.show_error(exc)
        else:
            messages.success(request, _("Question saved."))
            return redirect("surveys:survey-detail", pk=survey.pk)
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "survey": survey, "question": question},
    )


@require_POST
@login_required
def question_delete(request, pk: int, question_pk: int):
    question = owned_question(request, pk, question_pk)
    try:
        services.question_delete(actor=request.user, question=question)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Question removed."))
    return redirect("surveys:survey-detail", pk=pk)


@require_POST
@login_required
def question_move(request, pk: int, question_pk: int):
    question = owned_question(request, pk, question_pk)
    services.question_move(actor=request.user, question=question, direction=move_direction(request))
    return redirect("surveys:survey-detail", pk=pk)
