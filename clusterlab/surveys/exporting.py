"""Export a survey's responses as CSV or XLSX, every cell safe to open in a spreadsheet."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from clusterlab.registry.tabular import neutralise, write_csv

from .models import Survey
from .selectors import response_answers, response_visible, survey_questions

__all__ = ["response_rows", "write_csv", "write_xlsx"]

FIXED_HEADERS = [
    "response",
    "reference",
    "group",
    "name",
    "email",
    "organisation",
    "country",
    "language",
    "started_at",
    "submitted_at",
]


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def response_rows(*, user, survey: Survey) -> tuple[list[str], list[list[Any]]]:
    """Return the header and one row per response (started or submitted), question codes as
    columns; multiple choices are joined with "; "."""
    codes = [q.code for q in survey_questions(survey=survey)]
    responses = (
        response_visible(user=user)
        .filter(survey=survey)
        .select_related("invitation__organisation")
        .order_by("pk")
    )
    rows = []
    for response in responses:
        invitation, answers = response.invitation, response_answers(response)
        organisation = invitation.organisation
        rows.append(
            [
                response.pk,
                invitation.reference,
                invitation.group,
                invitation.name,
                invitation.email,
                organisation.name if organisation else "",
                organisation.country_id if organisation else "",
                response.language,
                response.started_at.isoformat(timespec="seconds"),
                response.submitted_at.isoformat(timespec="seconds")
                if response.submitted_at
                else "",
                *(_cell(answers.get(code)) for code in codes),
            ]
        )
    return [*FIXED_HEADERS, *codes], rows


def write_xlsx(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """Return a workbook of the responses: numbers as numbers, every text neutralised."""
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value  # a number cannot start a formula
        # XML cannot hold most control characters; a pasted \x0b must not break the export.
        return ILLEGAL_CHARACTERS_RE.sub(" ", neutralise(value))

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Responses")
    sheet.append([cell(h) for h in headers])
    for row in rows:
        sheet.append([cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
