"""Lookups every survey page shares: always scoped to what the viewer may see."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from ..enums import LIKERT_POINTS, QuestionKind
from ..models import Question, Section, Survey
from ..selectors import survey_list, survey_sections
from ..services import field_name


def owned_survey(request, pk: int) -> Survey:
    """The survey if the viewer runs it; 404 otherwise (no hint that it exists)."""
    return get_object_or_404(survey_list(user=request.user), pk=pk)


def owned_section(request, pk: int, section_pk: int) -> Section:
    survey = owned_survey(request, pk)
    return get_object_or_404(survey.sections.select_related("survey"), pk=section_pk)


def owned_question(request, pk: int, question_pk: int) -> Question:
    survey = owned_survey(request, pk)
    return get_object_or_404(survey.questions.select_related("survey", "section"), pk=question_pk)


def move_direction(request) -> int:
    return -1 if request.POST.get("direction") == "up" else 1


def base_url(request) -> str:
    """The site's address as this request sees it, for links in e-mails."""
    return request.build_absolute_uri("/")[:-1]


def int_param(value: str | None) -> int | None:
    """A query parameter as a database id, or None (never an error for odd input)."""
    if value and value.isdigit() and len(value) < 19:
        return int(value)
    return None


def _options(question, language: str, chosen: set[str]) -> list[tuple[str, str, bool]]:
    if question.kind == QuestionKind.LIKERT:
        return [(str(p), str(p), str(p) in chosen) for p in LIKERT_POINTS]
    return [
        (c["value"], question.choice_label(c["value"], language), c["value"] in chosen)
        for c in question.choices
    ]


def questionnaire(survey: Survey, language: str, *, values: dict, errors: dict) -> list[dict]:
    """What a respondent sees: per section its title and its questions, each with the value to
    show (saved or just typed) and its error."""
    page = []
    for section in survey_sections(survey=survey):
        items = []
        for question in section.questions.all():
            value = values.get(question.code)
            chosen = {str(v) for v in (value if isinstance(value, list) else [value])}
            items.append(
                {
                    "question": question,
                    "name": field_name(question),
                    "label": question.text_in(language),
                    "help": survey.text(question.help_text, language),
                    "value": "" if value is None or isinstance(value, list) else value,
                    "options": _options(question, language, chosen),
                    "low": survey.text(question.low_label, language),
                    "high": survey.text(question.high_label, language),
                    "error": errors.get(field_name(question), ""),
                }
            )
        page.append({"title": survey.text(section.title, language), "questions": items})
    return page
