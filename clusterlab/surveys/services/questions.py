"""Validation of a question's fields: code, kind, texts, choices, Likert ends, bounds."""

from __future__ import annotations

import math
import re
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError

from ..enums import CHOICE_KINDS, QuestionKind
from ..models import Question
from ._common import clean_string, clean_texts

QUESTION_FIELDS = (
    "code",
    "kind",
    "text",
    "help_text",
    "required",
    "choices",
    "low_label",
    "high_label",
    "min_value",
    "max_value",
)
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$")
MAX_QUESTION_TEXT = 1000
MAX_LABEL = 300
MAX_CHOICES = 50
NUMBER_LIMIT = 1e12  # far beyond any count or amount a survey asks for; keeps floats exact


def apply_question(question: Question, data: dict[str, Any], *, locked: bool) -> None:
    """Validate `data` (a subset of QUESTION_FIELDS) and set it on the question.

    `locked` means answers exist: the code, the kind and the choice values must then stay.
    """
    survey = question.survey
    data = {key: value for key, value in data.items() if key in QUESTION_FIELDS}
    kind = data.get("kind", question.kind)
    if kind not in QuestionKind.values:
        raise DomainError(_("Choose a kind of question."), field="kind")
    if locked and kind != question.kind:
        raise DomainError(_("This question has answers: its kind cannot change."), field="kind")
    question.kind = kind
    if "code" in data or not question.code:
        _set_code(question, data.get("code"), locked=locked)
    texts = {"languages": survey.languages}
    if "text" in data or not question.text:
        question.text = clean_texts(
            data.get("text"),
            **texts,
            field="text",
            max_length=MAX_QUESTION_TEXT,
            required_language=survey.default_language,
        )
    if "help_text" in data:
        question.help_text = clean_texts(
            data["help_text"], **texts, field="help_text", max_length=MAX_QUESTION_TEXT
        )
    if "required" in data:
        question.required = bool(data["required"])
    _set_choices(question, data, locked=locked)
    _set_likert_labels(question, data)
    _set_bounds(question, data)


def _set_code(question: Question, code: Any, *, locked: bool) -> None:
    code = clean_string(code, field="code", max_length=50, label=_("the code"))
    if not code:
        code = question.code or _free_code(question)
    if not CODE_PATTERN.match(code):
        raise DomainError(
            _("Use letters, digits, hyphens and underscores only (e.g. “satisfaction”)."),
            field="code",
        )
    if locked and code != question.code:
        raise DomainError(_("This question has answers: its code cannot change."), field="code")
    taken = question.survey.questions.filter(code=code).exclude(pk=question.pk)
    if taken.exists():
        raise DomainError(_("Another question of this survey has this code."), field="code")
    question.code = code


def _free_code(question: Question) -> str:
    used = set(question.survey.questions.values_list("code", flat=True))
    number = len(used) + 1
    while f"q{number}" in used:
        number += 1
    return f"q{number}"


def _set_choices(question: Question, data: dict[str, Any], *, locked: bool) -> None:
    if question.kind not in CHOICE_KINDS:
        question.choices = []
        return
    if "choices" not in data and len(question.choices) >= 2:
        return
    old_values = set(question.choice_values)
    question.choices = clean_choices(data.get("choices") or [], question)
    if locked and not old_values <= set(question.choice_values):
        raise DomainError(
            _("Answers use these choices: add choices or change their labels, don't remove any."),
            field="choices",
        )


def clean_choices(raw: Any, question: Question) -> list[dict]:
    """Return [{"value", "label"}]; a missing value is made from the default-language label."""
    survey = question.survey
    if not isinstance(raw, list):
        raise DomainError(_("Give the choices as a list."), field="choices")
    if len(raw) > MAX_CHOICES:
        raise DomainError(_("Give at most %(n)d choices.") % {"n": MAX_CHOICES}, field="choices")
    items = [_clean_choice(item, survey) for item in raw]
    explicit = [value for value, _label in items if value]
    if len(set(explicit)) != len(explicit):
        raise DomainError(_("Two choices have the same value."), field="choices")
    taken = set(explicit)
    choices: list[dict] = []
    for index, (value, label) in enumerate(items, start=1):
        if not value:
            value = _free_value(slugify(label[survey.default_language])[:40] or f"c{index}", taken)
            taken.add(value)
        choices.append({"value": value, "label": label})
    if len(choices) < 2:
        raise DomainError(_("Give at least two choices."), field="choices")
    return choices


def _clean_choice(item: Any, survey) -> tuple[str, dict[str, str]]:
    if isinstance(item, str):
        item = {"label": {survey.default_language: item}}
    if not isinstance(item, dict):
        raise DomainError(_("Give each choice a label."), field="choices")
    label = clean_texts(
        item.get("label"),
        languages=survey.languages,
        field="choices",
        max_length=MAX_LABEL,
        required_language=survey.default_language,
    )
    value = clean_string(item.get("value"), field="choices", max_length=50)
    if value and not CODE_PATTERN.match(value):
        raise DomainError(
            _("A choice value uses letters, digits, hyphens and underscores only."),
            field="choices",
        )
    return value, label


def _free_value(base: str, taken: set[str]) -> str:
    value, number = base, 2
    while value in taken:
        value, number = f"{base}-{number}", number + 1
    return value


def _set_likert_labels(question: Question, data: dict[str, Any]) -> None:
    if question.kind != QuestionKind.LIKERT:
        question.low_label, question.high_label = {}, {}
        return
    survey = question.survey
    for name in ("low_label", "high_label"):
        if name in data:
            setattr(
                question,
                name,
                clean_texts(
                    data[name], languages=survey.languages, field=name, max_length=MAX_LABEL
                ),
            )


def _number(value: Any, field: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DomainError(_("Give a number."), field=field)
    if not math.isfinite(value) or abs(value) > NUMBER_LIMIT:
        raise DomainError(_("Give a number between -10¹² and 10¹²."), field=field)
    return float(value)


def _set_bounds(question: Question, data: dict[str, Any]) -> None:
    if question.kind != QuestionKind.NUMBER:
        question.min_value = question.max_value = None
        return
    if "min_value" in data:
        question.min_value = _number(data["min_value"], "min_value")
    if "max_value" in data:
        question.max_value = _number(data["max_value"], "max_value")
    low, high = question.min_value, question.max_value
    if low is not None and high is not None and low > high:
        raise DomainError(_("The minimum must not be above the maximum."), field="max_value")
