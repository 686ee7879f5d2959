"""Writes of the questionnaire builder: surveys, sections, questions, status and copies."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.registry.models import Cluster

from ..enums import SurveyStatus
from ..models import Question, Section, Survey
from ..permissions import can_create_survey, can_manage_survey
from ._common import clean_languages, clean_texts, require
from .questions import apply_question

SURVEY_FIELDS = ("title", "introduction", "languages", "default_language", "closes_at", "status")
MAX_TITLE = 200
MAX_INTRODUCTION = 5000
MAX_SECTION_TITLE = 300


def _apply_survey(survey: Survey, data: dict[str, Any]) -> None:
    """Validate and set the given fields (in dependency order: languages first)."""
    if "languages" in data:
        survey.languages = clean_languages(data["languages"])
    if "default_language" in data or "languages" in data:
        default = data.get("default_language") or survey.default_language
        if default not in survey.languages:
            if "default_language" in data and data["default_language"]:
                raise DomainError(
                    _("The default language must be one of the survey's languages."),
                    field="default_language",
                )
            default = survey.languages[0]
        survey.default_language = default
    languages, default = survey.languages, survey.default_language
    if "title" in data or not survey.title.get(default):
        survey.title = clean_texts(
            data.get("title", survey.title),
            languages=languages,
            field="title",
            max_length=MAX_TITLE,
            required_language=default,
        )
    if "introduction" in data:
        survey.introduction = clean_texts(
            data["introduction"],
            languages=languages,
            field="introduction",
            max_length=MAX_INTRODUCTION,
        )
    if "closes_at" in data and data["closes_at"] != survey.closes_at:
        closes_at = data["closes_at"]
        if closes_at is not None and (
            not isinstance(closes_at, dt.datetime)
            or timezone.is_naive(closes_at)
            or closes_at <= timezone.now()
        ):
            raise DomainError(_("The closing date must be in the future."), field="closes_at")
        survey.closes_at = closes_at


@transaction.atomic
def survey_create(
    *,
    actor,
    cluster: Cluster,
    title: dict[str, str],
    languages: list[str],
    default_language: str = "",
    introduction: dict[str, str] | None = None,
    closes_at: dt.datetime | None = None,
) -> Survey:
    """Create a draft survey of a cluster the actor manages, with one empty section."""
    if actor is not None and not can_create_survey(actor, cluster):
        raise NotAllowed(_("You may only create surveys for clusters you manage."))
    survey = Survey(cluster=cluster, created_by=actor, status=SurveyStatus.DRAFT)
    _apply_survey(
        survey,
        {
            "languages": languages,
            "default_language": default_language,
            "title": title,
            "introduction": introduction or {},
            "closes_at": closes_at,
        },
    )
    survey.save()
    Section.objects.create(survey=survey, position=1)
    return survey


@transaction.atomic
def survey_update(*, actor, survey: Survey, data: dict[str, Any]) -> Survey:
    """Change a survey's texts, languages, closing date or status."""
    require(actor is None or can_manage_survey(actor, survey))
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _apply_survey(survey, {k: v for k, v in data.items() if k in SURVEY_FIELDS})
    if "status" in data:
        _change_status(survey, data["status"])
    survey.save()
    return survey


@transaction.atomic
def survey_set_status(*, actor, survey: Survey, status: str) -> Survey:
    """Open, close or reopen a survey (back to draft only while nobody was invited)."""
    return survey_update(actor=actor, survey=survey, data={"status": status})


def _change_status(survey: Survey, status: str) -> None:
    if status not in SurveyStatus.values:
        raise DomainError(_("Unknown status."), field="status")
    if status == survey.status:
        return
    if status == SurveyStatus.OPEN:
        if not survey.questions.exists():
            raise DomainError(_("Add at least one question before opening."), field="status")
        if survey.is_past_closing:
            raise DomainError(
                _("The closing date has passed: move it before reopening."), field="closes_at"
            )
    if status == SurveyStatus.DRAFT and survey.invitations.exists():
        raise DomainError(
            _("The survey was sent already: close it instead of going back to draft."),
            field="status",
        )
    survey.status = status


@transaction.atomic
def survey_copy(
    *,
    actor,
    survey: Survey,
    title: dict[str, str] | None = None,
    cluster: Cluster | None = None,
) -> Survey:
    """Copy a survey with its sections and questions (same codes) as a new draft, e.g. an
    endline from a baseline; invitations and answers are not copied."""
    require(actor is None or can_manage_survey(actor, survey))
    cluster = cluster or survey.cluster
    if actor is not None and not can_create_survey(actor, cluster):
        raise NotAllowed(_("You may only create surveys for clusters you manage."))
    if title is None:
        title = {
            code: _("%(title)s (copy)") % {"title": text} for code, text in survey.title.items()
        }
        title = {code: text[:MAX_TITLE] for code, text in title.items()}
    copy = Survey(
        cluster=cluster,
        created_by=actor,
        status=SurveyStatus.DRAFT,
        languages=list(survey.languages),
        default_language=survey.default_language,
        introduction=dict(survey.introduction),
        copied_from=survey,
    )
    _apply_survey(copy, {"title": title})
    copy.save()
    for section in survey.sections.prefetch_related("questions"):
        questions = list(section.questions.all())
        section.pk, section.survey = None, copy
        section.save()
        for question in questions:
            question.pk, question.survey, question.section = None, copy, section
        Question.objects.bulk_create(questions)
    return copy


# --- Sections -----------------------------------------------------------------------------


def _next_position(rows) -> int:
    return (rows.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def section_add(*, actor, survey: Survey, title: dict[str, str] | None = None) -> Section:
    """Add a section at the end of the survey."""
    require(actor is None or can_manage_survey(actor, survey))
    title = clean_texts(
        title, languages=survey.languages, field="title", max_length=MAX_SECTION_TITLE
    )
    return Section.objects.create(
        survey=survey, title=title, position=_next_position(survey.sections.all())
    )


@transaction.atomic
def section_update(*, actor, section: Section, title: dict[str, str]) -> Section:
    """Rename a section."""
    survey = section.survey
    require(actor is None or can_manage_survey(actor, survey))
    section.title = clean_texts(
        title, languages=survey.languages, field="title", max_length=MAX_SECTION_TITLE
    )
    section.save(update_fields=["title"])
    return section


@transaction.atomic
def section_delete(*, actor, section: Section) -> None:
    """Remove a section and its questions, unless some of them have answers."""
    require(actor is None or can_manage_survey(actor, section.survey))
    if section.questions.filter(answers__isnull=False).exists():
        raise DomainError(_("Questions of this section have answers: it cannot be removed."))
    section.delete()


def _swap(rows: list, item, direction: int) -> None:
    """Number the rows 1…n in their order, then swap `item` with its neighbour."""
    index = next(i for i, row in enumerate(rows) if row.pk == item.pk)
    other = index + (1 if direction > 0 else -1)
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows, start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])


@transaction.atomic
def section_move(*, actor, section: Section, direction: int) -> Section:
    """Move a section one place up (direction -1) or down (+1)."""
    require(actor is None or can_manage_survey(actor, section.survey))
    _swap(list(section.survey.sections.select_for_update()), section, direction)
    section.refresh_from_db()
    return section


# --- Questions ----------------------------------------------------------------------------


def _section_of(survey: Survey, section: Section | None) -> Section:
    if section is None:
        last = survey.sections.order_by("-position", "-pk").first()
        return last or Section.objects.create(survey=survey, position=1)
    if section.survey_id != survey.pk:
        raise DomainError(_("Choose a section of this survey."), field="section")
    return section


@transaction.atomic
def question_add(
    *,
    actor,
    survey: Survey,
    kind: str,
    text: dict[str, str],
    section: Section | None = None,
    **data: Any,
) -> Question:
    """Add a question at the end of a section (the last one when none is given).

    Further keywords: code (a slug, unique in the survey; made up when empty), help_text,
    required, choices ([{"value": …, "label": {lang: text}}] or labels in the default
    language), low_label / high_label (Likert ends), min_value / max_value (numbers).
    """
    require(actor is None or can_manage_survey(actor, survey))
    section = _section_of(survey, section)
    question = Question(
        survey=survey, section=section, position=_next_position(section.questions.all())
    )
    apply_question(question, {**data, "kind": kind, "text": text}, locked=False)
    question.save()
    return question


@transaction.atomic
def question_update(*, actor, question: Question, data: dict[str, Any]) -> Question:
    """Change a question; once answered, its code, kind and choice values stay as they are."""
    survey = question.survey
    require(actor is None or can_manage_survey(actor, survey))
    question = Question.objects.select_for_update().get(pk=question.pk)
    section = data.pop("section", None)
    if section is not None and section.pk != question.section_id:
        question.section = _section_of(survey, section)
        question.position = _next_position(question.section.questions.all())
    apply_question(question, data, locked=question.answers.exists())
    question.save()
    return question


@transaction.atomic
def question_delete(*, actor, question: Question) -> None:
    """Remove a question that nobody has answered yet."""
    require(actor is None or can_manage_survey(actor, question.survey))
    if question.answers.exists():
        raise DomainError(_("This question has answers: it cannot be removed."))
    question.delete()


@transaction.atomic
def question_move(*, actor, question: Question, direction: int) -> Question:
    """Move a question one place up (-1) or down (+1) within its section."""
    require(actor is None or can_manage_survey(actor, question.survey))
    _swap(list(question.section.questions.select_for_update()), question, direction)
    question.refresh_from_db()
    return question
