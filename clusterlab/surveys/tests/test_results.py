"""Results checked against hand-computed numbers; cross-tabs; exports; answers for pilots."""

from __future__ import annotations

import csv
import io
import math
from types import SimpleNamespace

import openpyxl
import pytest
from django.urls import reverse

from clusterlab.surveys import services
from clusterlab.surveys.results import describe, survey_crosstab, survey_results
from clusterlab.surveys.selectors import answers_for
from clusterlab.surveys.services import Recipient

from .conftest import invite

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def answered(survey, cast):
    """Seven invited: five submitted (two groups and no group, four organisations or none),
    one in progress, one silent."""
    people = [
        ("p1@x.example", "treatment", cast.org_a.pk),  # DE, 74.10 → section M
        ("p2@x.example", "treatment", cast.org_a_public.pk),  # DE, first sector 74.10 → M
        ("p3@x.example", "comparison", cast.org_b.pk),  # FR, 13.20 → C
        ("p4@x.example", "comparison", None),
        ("p5@x.example", "", cast.org_b_network.pk),  # FR, 13.92 → C
        ("p6@x.example", "treatment", None),
        ("p7@x.example", "", None),
    ]
    invitations = services.survey_send(
        actor=None,  # the system may link any organisation (as a pilot's import would)
        survey=survey.survey,
        recipients=[
            Recipient(email=e, group=g, organisation_id=o, reference=f"pilots.participant:{n}")
            for n, (e, g, o) in enumerate(people, start=1)
        ],
    )
    answers = [
        {
            "satisfaction": 5,
            "channel": "web",
            "topics": ["design", "export"],
            "employees": 10,
            "comments": FORMULA,
        },
        {
            "satisfaction": 4,
            "channel": "web",
            "topics": ["design"],
            "employees": 3,
            "founded": "2019-05-01",
        },
        {
            "satisfaction": 2,
            "channel": "event",
            "topics": [],
            "employees": 250,
            "comments": "Très bien",
        },
        {"satisfaction": 1, "topics": ["funding", "design"]},
        {"satisfaction": 5, "channel": "friend", "employees": 7, "founded": "2001-01-31"},
    ]
    for invitation, given in zip(invitations, answers, strict=False):
        services.response_submit(invitation=invitation, answers=given)
    services.response_save(invitation=invitations[5], answers={"satisfaction": 1})
    return SimpleNamespace(**vars(survey), invitations=invitations)


def by_code(results) -> dict:
    return {r.question.code: r for r in results.questions}


def test_response_rates(answered):
    figures = survey_results(survey=answered.survey).figures
    assert figures == {
        "invited": 7,
        "started": 6,
        "submitted": 5,
        "in_progress": 1,
        "response_rate": 5 / 7,
        "started_rate": 6 / 7,
    }


def test_likert_distribution_and_statistics(answered):
    result = by_code(survey_results(survey=answered.survey))["satisfaction"]
    assert result.n == 5  # the answer in progress does not count
    assert [(c.value, c.cell.count, c.cell.share) for c in result.categories] == [
        (1, 1, 0.2),
        (2, 1, 0.2),
        (3, 0, 0.0),
        (4, 1, 0.2),
        (5, 2, 0.4),
    ]
    assert result.categories[0].label == "1 not at all"
    assert result.stats["mean"] == pytest.approx(3.4)
    assert result.stats["median"] == 4
    assert result.stats["sd"] == pytest.approx(math.sqrt(13.2 / 4))  # sample sd of 5,4,2,1,5


def test_choice_distributions(answered):
    results = by_code(survey_results(survey=answered.survey, language="de"))
    channel = results["channel"]
    assert channel.n == 4
    assert [(c.label, c.cell.count, c.cell.share) for c in channel.categories] == [
        ("Webseite", 2, 0.5),
        ("Veranstaltung", 1, 0.25),
        ("A friend", 1, 0.25),
    ]
    topics = results["topics"]
    assert topics.n == 3  # an empty selection is no answer
    assert [(c.value, c.cell.count) for c in topics.categories] == [
        ("design", 3),
        ("export", 1),
        ("funding", 1),
    ]
    assert [c.cell.share for c in topics.categories] == pytest.approx([1, 1 / 3, 1 / 3])
    assert [c.cell.percent for c in topics.categories] == [100, 33, 33]


def test_number_text_and_date_summaries(answered):
    results = by_code(survey_results(survey=answered.survey))
    employees = results["employees"].stats
    assert (employees["n"], employees["min"], employees["max"]) == (4, 3, 250)
    assert employees["mean"] == pytest.approx(67.5)
    assert employees["median"] == pytest.approx(8.5)
    assert employees["sd"] == pytest.approx(math.sqrt(44433 / 3))
    assert results["comments"].texts == [FORMULA, "Très bien"]
    assert results["founded"].stats == {"n": 2, "min": "2001-01-31", "max": "2019-05-01"}


def test_describe_handles_few_values():
    assert describe([]) == {
        "n": 0,
        "mean": None,
        "median": None,
        "sd": None,
        "min": None,
        "max": None,
    }
    assert describe([2])["sd"] is None


def _rows(crosstab):
    return [(r.label, r.n, [c.count for c in r.cells], r.mean) for r in crosstab.rows]


def test_crosstab_by_group(answered):
    crosstab = survey_crosstab(survey=answered.survey, question=answered.q.satisfaction, by="group")
    assert _rows(crosstab) == [
        ("comparison", 2, [1, 1, 0, 0, 0], 1.5),
        ("treatment", 2, [0, 0, 0, 1, 1], 4.5),
        ("(no group)", 1, [0, 0, 0, 0, 1], 5.0),
    ]
    assert (crosstab.total.n, crosstab.total.mean) == (5, pytest.approx(3.4))
    assert [c.share for c in crosstab.rows[0].cells] == [0.5, 0.5, 0, 0, 0]


def test_crosstab_by_country_and_sector(answered):
    by_country = survey_crosstab(
        survey=answered.survey, question=answered.q.satisfaction, by="country"
    )
    assert _rows(by_country) == [
        ("France", 2, [0, 1, 0, 0, 1], 3.5),
        ("Germany", 2, [0, 0, 0, 1, 1], 4.5),
        ("(unknown)", 1, [1, 0, 0, 0, 0], 1.0),
    ]
    by_sector = survey_crosstab(survey=answered.survey, question=answered.q.channel, by="sector")
    assert [(r.key, r.n, [c.count for c in r.cells]) for r in by_sector.rows] == [
        ("C", 2, [0, 1, 1]),
        ("M", 2, [2, 0, 0]),
    ]
    assert by_sector.rows[0].label.startswith("C — ")
    assert by_sector.columns == [("web", "Website"), ("event", "Event"), ("friend", "A friend")]


def test_csv_export_has_every_response_and_neutralised_cells(answered, clients):
    response = clients.manager_a.get(reverse("surveys:export-csv", args=[answered.survey.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][-6:] == ["satisfaction", "channel", "topics", "employees", "comments", "founded"]
    assert rows[0][:3] == ["response", "reference", "group"]
    assert len(rows) == 1 + 6  # five submitted and one in progress
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["reference"] == "pilots.participant:1"
    assert (first["email"], first["organisation"], first["country"]) == (
        "p1@x.example",
        "Alpha Design GmbH",
        "DE",
    )
    assert first["topics"] == "design; export"
    assert first["comments"] == "'" + FORMULA  # no formula runs in a spreadsheet
    assert first["satisfaction"] == "5" and first["submitted_at"]
    in_progress = dict(zip(rows[0], rows[6], strict=True))
    assert (in_progress["submitted_at"], in_progress["satisfaction"]) == ("", "1")


def test_xlsx_export_keeps_numbers_and_neutralises_text(answered, clients):
    response = clients.manager_a.get(reverse("surveys:export-xlsx", args=[answered.survey.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["satisfaction"] == 5 and first["employees"] == 10
    assert first["comments"] == "'" + FORMULA
    assert sheet.title == "Responses"
    assert len(rows) == 7


def test_answers_for_other_apps(answered, cast):
    rows = answers_for(answered.survey, reference_prefix="pilots.participant:")
    assert [(r.reference, r.group, r.submitted) for r in rows] == [
        (f"pilots.participant:{n}", g, n <= 5)
        for n, g in enumerate(
            ["treatment", "treatment", "comparison", "comparison", "", "treatment", ""], start=1
        )
    ]
    assert rows[0].answers == {
        "satisfaction": 5,
        "channel": "web",
        "topics": ["design", "export"],
        "employees": 10,
        "comments": FORMULA,
    }
    assert rows[0].organisation_id == cast.org_a.pk
    assert rows[5].answers == {"satisfaction": 1} and rows[6].answers == {}
    assert answers_for(answered.survey, reference_prefix="events.") == []
    assert answers_for(answered.survey, user=cast.manager_b) == []
    assert len(answers_for(answered.survey, user=cast.manager_a)) == 7


def test_results_page_shows_rates_distributions_texts_and_a_crosstab(answered, clients):
    url = reverse("surveys:results", args=[answered.survey.pk])
    response = clients.manager_a.get(url, {"question": "satisfaction", "by": "group"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="figure-response-rate">71%' in body
    assert "Très bien" in body
    assert '<progress class="progress" max="100" value="40">' in body
    assert response.context["crosstab"].rows[0].label == "comparison"
    assert 'style="' not in body  # the content security policy forbids inline styles
    for odd in ({"question": "comments", "by": "group"}, {"question": "x", "by": "planet"}):
        page = clients.manager_a.get(url, odd)
        assert page.status_code == 200 and page.context["crosstab"] is None


def test_results_api_with_crosstab(answered, clients):
    url = f"/api/surveys/{answered.survey.pk}/results/"
    body = clients.manager_a.get(url, {"question": "channel", "by": "country"}).json()
    assert body["figures"]["submitted"] == 5
    satisfaction = next(q for q in body["questions"] if q["code"] == "satisfaction")
    assert satisfaction["stats"]["mean"] == pytest.approx(3.4)
    assert [c["count"] for c in satisfaction["categories"]] == [1, 1, 0, 1, 2]
    assert body["crosstab"]["columns"] == ["web", "event", "friend"]
    assert [r["label"] for r in body["crosstab"]["rows"]] == ["France", "Germany"]  # p4 skipped it
    bad = clients.manager_a.get(url, {"question": "comments", "by": "group"})
    assert bad.status_code == 400 and "question" in bad.json()
    assert clients.manager_a.get(url, {"question": "channel", "by": "x"}).status_code == 400


def test_result_and_invitation_pages_do_not_query_per_response(survey, cast, clients):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def answer(n: int) -> None:
        for invitation in invite(
            cast, survey.survey, *[(f"r{n}-{i}@x.example", "g") for i in range(n)]
        ):
            services.response_submit(
                invitation=invitation, answers={"satisfaction": 3, "comments": "ok"}
            )

    def count(name: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = clients.manager_a.get(reverse(name, args=[survey.survey.pk]))
            assert response.status_code == 200
        return len(queries)

    answer(1)
    before = {name: count(name) for name in ("surveys:results", "surveys:invitations")}
    answer(2)
    assert {name: count(name) for name in before} == before
