"""Survey results for its owners: rates, distributions, cross-tabulations and exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from .. import exporting
from ..enums import CATEGORICAL_KINDS, Breakdown
from ..results import survey_crosstab, survey_results
from ._common import owned_survey


@require_GET
@login_required
def survey_results_page(request, pk: int):
    survey = owned_survey(request, pk)
    language = survey.language_or_default(request.GET.get("lang") or get_language())
    results = survey_results(survey=survey, language=language)
    categorical = [r.question for r in results.questions if r.question.kind in CATEGORICAL_KINDS]
    code, by = request.GET.get("question", ""), request.GET.get("by", "")
    chosen = next((q for q in categorical if q.code == code), None)
    crosstab = None
    if chosen is not None and by in Breakdown.values:
        crosstab = survey_crosstab(survey=survey, question=chosen, by=by, language=language)
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "language": language,
            "results": results,
            "figures": results.figures,
            "categorical": categorical,
            "breakdowns": Breakdown.choices,
            "chosen": chosen,
            "by": by,
            "crosstab": crosstab,
        },
    )


@require_GET
@login_required
def survey_export(request, pk: int, fmt: str):
    survey = owned_survey(request, pk)
    headers, rows = exporting.response_rows(user=request.user, survey=survey)
    if fmt == "xlsx":
        body = exporting.write_xlsx(headers, rows)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exporting.write_csv(headers, rows)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-responses.{fmt}"'
    return response
