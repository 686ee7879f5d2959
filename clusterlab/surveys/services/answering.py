"""Answering through a personal link: save as you go, then submit once."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError

from ..enums import LIKERT_POINTS, QuestionKind
from ..models import Answer, Invitation, Question, Response

MAX_TEXT_ANSWER = 5000
# Digits with an optional decimal part; a comma is accepted as the decimal mark (de, fr, es…).
NUMBER_PATTERN = re.compile(r"^[+-]?\d{1,13}([.,]\d{1,6})?$")
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


class AnswerErrors(DomainError):
    """Some answers are not acceptable; `errors` maps each form field to its message."""

    def __init__(self, errors: dict[str, str]):
        field, message = next(iter(errors.items()))
        super().__init__(message, field=field)
        self.errors = errors


def field_name(question: Question) -> str:
    """The name of a question's input on the respondent's page."""
    return f"q_{question.code}"


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _clean_text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(_("Give a text."))
    if "\x00" in value:
        raise ValueError(_("The text contains a NUL character."))
    value = value.strip()
    if len(value) > MAX_TEXT_ANSWER:
        raise ValueError(_("Keep the answer to at most %(n)d characters.") % {"n": MAX_TEXT_ANSWER})
    return value


def _clean_number(question: Question, value: Any) -> int | float:
    if isinstance(value, bool):
        raise ValueError(_("Give a number."))
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if not NUMBER_PATTERN.match(text):
            raise ValueError(_("Give a number, e.g. 12 or 3.5."))
        value = float(text.replace(",", "."))
    if not isinstance(value, int | float) or value != value or abs(value) > 1e13:
        raise ValueError(_("Give a number, e.g. 12 or 3.5."))
    if question.min_value is not None and value < question.min_value:
        raise ValueError(_("Give at least %(n)s.") % {"n": _plain(question.min_value)})
    if question.max_value is not None and value > question.max_value:
        raise ValueError(_("Give at most %(n)s.") % {"n": _plain(question.max_value)})
    return int(value) if float(value).is_integer() else float(value)


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _clean_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip()[:10]) if len(value) < 20 else None
        except ValueError:
            value = None
    if not isinstance(value, dt.date) or not EARLIEST <= value <= LATEST:
        raise ValueError(_("Give a date between 1900 and 2100, e.g. 2026-03-31."))
    return value.isoformat()


def clean_value(question: Question, value: Any) -> Any:
    """Return the value to store for a non-empty answer; raise ValueError with the reason."""
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        if value not in question.choice_values:
            raise ValueError(_("Choose one of the choices."))
        return value
    if kind == QuestionKind.MULTIPLE:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list | tuple) or any(
            v not in question.choice_values for v in values
        ):
            raise ValueError(_("Choose among the choices."))
        return [v for v in question.choice_values if v in values]  # in the question's order
    if kind == QuestionKind.LIKERT:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or value not in LIKERT_POINTS:
            raise ValueError(_("Choose a point from 1 to 5."))
        return int(value)
    if kind == QuestionKind.NUMBER:
        return _clean_number(question, value)
    if kind == QuestionKind.DATE:
        return _clean_date(value)
    return _clean_text(value)


def clean_answers(
    questions: list[Question], raw: dict[str, Any]
) -> tuple[dict[int, Any], set[int]]:
    """Split raw answers (by question code) into values to keep and question ids to clear.

    Questions not named in `raw` are left alone; raise AnswerErrors listing every bad answer.
    """
    keep: dict[int, Any] = {}
    clear: set[int] = set()
    errors: dict[str, str] = {}
    for question in questions:
        if question.code not in raw:
            continue
        value = raw[question.code]
        if isinstance(value, str):
            value = value.strip()
        if _is_empty(value):
            clear.add(question.pk)
            continue
        try:
            keep[question.pk] = clean_value(question, value)
        except ValueError as exc:
            errors[field_name(question)] = str(exc)
    if errors:
        raise AnswerErrors(errors)
    return keep, clear


def _check_open(invitation: Invitation) -> None:
    survey = invitation.survey
    if hasattr(invitation, "response") and invitation.response.is_submitted:
        raise DomainError(_("You have already submitted your answers. Thank you!"))
    if not survey.is_accepting:
        raise DomainError(_("This survey is closed."))


def _questions(invitation: Invitation) -> list[Question]:
    return list(
        invitation.survey.questions.select_related("survey").order_by(
            "section__position", "section_id", "position", "pk"
        )
    )


@transaction.atomic
def response_save(
    *, invitation: Invitation, answers: dict[str, Any], language: str = "", submit: bool = False
) -> Response:
    """Save a respondent's answers (by question code); with `submit`, check that every required
    question is answered and close the response for good. The token is the credential."""
    # Lock the invitation: two tabs saving at once must not create two responses.
    invitation = (
        Invitation.objects.select_for_update().select_related("survey").get(pk=invitation.pk)
    )
    _check_open(invitation)
    questions = _questions(invitation)
    keep, clear = clean_answers(questions, answers)
    response, _created = Response.objects.get_or_create(
        invitation=invitation,
        defaults={
            "survey": invitation.survey,
            "language": invitation.survey.language_or_default(language or invitation.language),
        },
    )
    saved = dict(response.answers.values_list("question_id", "value"))
    saved.update(keep)
    for question_id in clear:
        saved.pop(question_id, None)
    if submit:
        missing = {
            field_name(q): _("This question needs an answer.")
            for q in questions
            if q.required and _is_empty(saved.get(q.pk))
        }
        if missing:
            raise AnswerErrors(missing)
    response.answers.filter(question_id__in=clear).delete()
    for question_id, value in keep.items():
        Answer.objects.update_or_create(
            response=response, question_id=question_id, defaults={"value": value}
        )
    if language in invitation.survey.languages:
        response.language = language
    if submit:
        response.submitted_at = timezone.now()
    response.save()
    return response


@transaction.atomic
def response_submit(
    *, invitation: Invitation, answers: dict[str, Any], language: str = ""
) -> Response:
    """Save the last answers and submit: afterwards the link only says thank you."""
    return response_save(invitation=invitation, answers=answers, language=language, submit=True)
