"""Results of a survey: response rates, distributions, summary statistics, cross-tabulations.

Distributions and statistics count submitted responses only; a share is the count divided by
the number of respondents who answered that question (multiple-choice shares can sum above 1).
The standard deviation is the sample one (n − 1), empty below two answers.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from clusterlab.registry.models import Country, NaceSector, Organisation

from .enums import CATEGORICAL_KINDS, LIKERT_POINTS, Breakdown, QuestionKind
from .models import Answer, Question, Response, Survey
from .selectors import response_figures, survey_questions


@dataclass(frozen=True)
class Cell:
    count: int
    share: float | None  # 0–1

    @property
    def percent(self) -> int:
        return round(100 * self.share) if self.share is not None else 0


@dataclass(frozen=True)
class Category:
    value: Any
    label: str
    cell: Cell


@dataclass
class QuestionResult:
    question: Question
    label: str
    n: int = 0
    categories: list[Category] = field(default_factory=list)
    stats: dict[str, float | None] = field(default_factory=dict)  # mean, median, sd, min, max
    texts: list[str] = field(default_factory=list)


@dataclass
class SurveyResults:
    figures: dict[str, Any]
    questions: list[QuestionResult]


def describe(values: Iterable[float]) -> dict[str, float | None]:
    """Return n, mean, median, sample standard deviation, minimum and maximum."""
    numbers = sorted(float(v) for v in values)
    if not numbers:
        return {"n": 0, "mean": None, "median": None, "sd": None, "min": None, "max": None}
    return {
        "n": len(numbers),
        "mean": statistics.fmean(numbers),
        "median": statistics.median(numbers),
        "sd": statistics.stdev(numbers) if len(numbers) > 1 else None,
        "min": numbers[0],
        "max": numbers[-1],
    }


def categories_of(question: Question, language: str) -> list[tuple[Any, str]]:
    """The (value, label) columns of a categorical question."""
    if question.kind == QuestionKind.LIKERT:
        low = question.survey.text(question.low_label, language)
        high = question.survey.text(question.high_label, language)
        ends = {1: low, 5: high}
        return [(p, f"{p} {ends[p]}".strip() if p in ends else str(p)) for p in LIKERT_POINTS]
    return [(c["value"], question.choice_label(c["value"], language)) for c in question.choices]


def _count(question: Question, values: list[Any], language: str) -> list[Category]:
    counts: dict[Any, int] = defaultdict(int)
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            counts[item] += 1
    n = len(values)
    return [
        Category(value, label, Cell(counts[value], counts[value] / n if n else None))
        for value, label in categories_of(question, language)
    ]


def _numbers(values: list[Any]) -> list[float]:
    return [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]


def question_result(question: Question, values: list[Any], language: str) -> QuestionResult:
    """Summarise one question's submitted answers."""
    result = QuestionResult(question=question, label=question.text_in(language), n=len(values))
    if question.kind in CATEGORICAL_KINDS:
        result.categories = _count(question, values, language)
    if question.kind in (QuestionKind.LIKERT, QuestionKind.NUMBER):
        result.stats = describe(_numbers(values))
    if question.kind == QuestionKind.TEXT:
        result.texts = [v for v in values if isinstance(v, str)]
    if question.kind == QuestionKind.DATE:
        dates = sorted(v for v in values if isinstance(v, str))
        result.stats = {"n": len(dates), "min": dates[0], "max": dates[-1]} if dates else {}
    return result


def _submitted_answers(survey: Survey) -> dict[int, list[Any]]:
    rows = (
        Answer.objects.filter(response__survey=survey, response__submitted_at__isnull=False)
        .order_by("response__submitted_at", "pk")
        .values_list("question_id", "value")
    )
    by_question: dict[int, list[Any]] = defaultdict(list)
    for question_id, value in rows:
        by_question[question_id].append(value)
    return by_question


def survey_results(*, survey: Survey, language: str = "") -> SurveyResults:
    """Response rates and every question's distribution (callers check the owner first)."""
    language = survey.language_or_default(language)
    answers = _submitted_answers(survey)
    return SurveyResults(
        figures=response_figures(survey=survey),
        questions=[
            question_result(q, answers.get(q.pk, []), language)
            for q in survey_questions(survey=survey)
        ],
    )


# --- Cross-tabulation ---------------------------------------------------------------------


@dataclass
class CrossTabRow:
    key: str
    label: str
    n: int
    cells: list[Cell]
    mean: float | None = None  # Likert only


@dataclass
class CrossTab:
    question: Question
    by: str
    columns: list[tuple[Any, str]]
    rows: list[CrossTabRow]
    total: CrossTabRow


def _first_sections(organisation_ids: set[int]) -> dict[int, str]:
    """The NACE section of each organisation's first recorded sector."""
    through = Organisation.sectors.through
    rows = (
        through.objects.filter(organisation_id__in=organisation_ids)
        .order_by("pk")
        .values_list("organisation_id", "nacesector__section")
    )
    sections: dict[int, str] = {}
    for organisation_id, section in rows:
        sections.setdefault(organisation_id, section)
    return sections


def _respondent_keys(survey: Survey, by: str) -> dict[int, str]:
    """Response id → the respondent's group, sector section or country ("" when unknown)."""
    rows = list(
        Response.objects.filter(survey=survey, submitted_at__isnull=False).values_list(
            "pk",
            "invitation__group",
            "invitation__organisation_id",
            "invitation__organisation__country_id",
        )
    )
    if by == Breakdown.GROUP:
        return {pk: group for pk, group, _org, _country in rows}
    if by == Breakdown.COUNTRY:
        return {pk: country or "" for pk, _group, _org, country in rows}
    sections = _first_sections({org for _pk, _group, org, _country in rows if org})
    return {pk: sections.get(org, "") for pk, _group, org, _country in rows}


def _key_labels(by: str, keys: set[str]) -> dict[str, str]:
    labels = {"": _("(no group)") if by == Breakdown.GROUP else _("(unknown)")}
    if by == Breakdown.COUNTRY:
        labels.update({c.code: str(c) for c in Country.objects.filter(code__in=keys)})
    elif by == Breakdown.SECTOR:
        sections = NaceSector.objects.filter(version="2", level=1, code__in=keys)
        labels.update({s.code: f"{s.code} — {s.name}" for s in sections})
    return labels


def _row(key: str, label: str, question: Question, values: list[Any]) -> CrossTabRow:
    counts = _count(question, values, question.survey.default_language)
    mean = None
    if question.kind == QuestionKind.LIKERT and values:
        mean = statistics.fmean(_numbers(values))
    return CrossTabRow(key, label, len(values), [c.cell for c in counts], mean)


def survey_crosstab(*, survey: Survey, question: Question, by: str, language: str = "") -> CrossTab:
    """Split a choice or Likert question's submitted answers by group, sector or country:
    per row, counts and shares of each choice (and the mean for Likert)."""
    language = survey.language_or_default(language)
    keys = _respondent_keys(survey, by)
    values_by_key: dict[str, list[Any]] = defaultdict(list)
    everyone: list[Any] = []
    answers = Answer.objects.filter(question=question, response_id__in=keys).order_by("pk")
    for response_id, value in answers.values_list("response_id", "value"):
        values_by_key[keys[response_id]].append(value)
        everyone.append(value)
    labels = _key_labels(by, set(values_by_key))
    columns = categories_of(question, language)
    ordered = sorted(values_by_key, key=lambda k: (k == "", labels.get(k, k)))
    rows = [_row(k, labels.get(k, k), question, values_by_key[k]) for k in ordered]
    total = _row("*", _("All respondents"), question, everyone)
    return CrossTab(question=question, by=by, columns=columns, rows=rows, total=total)
