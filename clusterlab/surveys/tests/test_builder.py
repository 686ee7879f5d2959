"""The questionnaire builder: surveys, sections, questions, translations, status, copies."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clusterlab.core.errors import DomainError, NotAllowed
from clusterlab.surveys import services
from clusterlab.surveys.models import Question, Section, Survey

from .conftest import invite, make_survey

pytestmark = pytest.mark.django_db


def test_a_new_survey_is_a_draft_with_one_section(cast):
    survey = make_survey(cast)
    assert (survey.status, survey.languages, survey.default_language) == (
        "draft",
        ["en", "de"],
        "en",
    )
    assert survey.sections.count() == 1
    assert survey.created_by == cast.manager_a
    assert str(survey) == "Member survey 2026"
    assert survey.title_in("de") == "Mitgliederumfrage 2026"
    assert survey.title_in("fr") == "Member survey 2026"  # falls back to the default language


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"languages": []}, "languages"),
        ({"languages": ["en", "xx"]}, "languages"),
        ({"default_language": "fr"}, "default_language"),
        ({"title": {"de": "Nur Deutsch"}}, "title"),
        ({"title": {"en": "x" * 201}}, "title"),
        ({"title": {"en": "Survey", "fr": "Enquête"}}, "title"),  # fr is not a survey language
        ({"title": {"en": "bad\x00"}}, "title"),
        ({"title": ["en", "Survey"]}, "title"),
    ],
)
def test_survey_input_is_checked(cast, extra, field):
    with pytest.raises(DomainError) as error:
        make_survey(cast, **extra)
    assert error.value.field == field
    assert not Survey.objects.exists()


def test_only_the_clusters_managers_create_its_surveys(cast):
    with pytest.raises(NotAllowed):
        services.survey_create(
            actor=cast.manager_b, cluster=cast.cluster_a, title={"en": "X"}, languages=["en"]
        )
    with pytest.raises(NotAllowed):
        services.survey_create(
            actor=cast.member_a, cluster=cast.cluster_a, title={"en": "X"}, languages=["en"]
        )
    assert not Survey.objects.exists()
    by_coordinator = services.survey_create(
        actor=cast.coordinator, cluster=cast.cluster_a, title={"en": "X"}, languages=["en"]
    )
    assert by_coordinator.cluster == cast.cluster_a


def test_choice_question_needs_two_choices(cast):
    survey = make_survey(cast)
    with pytest.raises(DomainError) as error:
        services.question_add(
            actor=cast.manager_a, survey=survey, kind="single", text={"en": "Pick"}, choices=["a"]
        )
    assert error.value.field == "choices"
    with pytest.raises(DomainError) as error:
        services.question_add(
            actor=cast.manager_a, survey=survey, kind="multiple", text={"en": "P"}
        )
    assert error.value.field == "choices"
    assert not Question.objects.exists()


def test_question_codes_are_unique_in_a_survey_and_made_up_when_empty(cast):
    survey = make_survey(cast)
    first = services.question_add(
        actor=cast.manager_a, survey=survey, kind="text", text={"en": "A"}
    )
    second = services.question_add(
        actor=cast.manager_a, survey=survey, kind="text", text={"en": "B"}
    )
    assert (first.code, second.code) == ("q1", "q2")
    with pytest.raises(DomainError) as error:
        services.question_add(
            actor=cast.manager_a, survey=survey, kind="text", text={"en": "C"}, code="q1"
        )
    assert error.value.field == "code"
    with pytest.raises(DomainError) as error:
        services.question_add(
            actor=cast.manager_a, survey=survey, kind="text", text={"en": "C"}, code="no spaces"
        )
    assert error.value.field == "code"
    # Another survey may use the same code (pilots refer to a code within one survey).
    other = make_survey(cast)
    again = services.question_add(
        actor=cast.manager_a, survey=other, kind="text", text={"en": "A"}, code="q1"
    )
    assert again.code == "q1"


def test_translations_are_limited_to_the_survey_languages_and_fall_back(cast):
    survey = make_survey(cast)
    with pytest.raises(DomainError) as error:
        services.question_add(
            actor=cast.manager_a, survey=survey, kind="text", text={"en": "Hi", "pl": "Cześć"}
        )
    assert error.value.field == "text"
    with pytest.raises(DomainError) as error:
        services.question_add(
            actor=cast.manager_a, survey=survey, kind="text", text={"de": "Hallo"}
        )
    assert error.value.field == "text"  # the default language is required
    question = services.question_add(
        actor=cast.manager_a,
        survey=survey,
        kind="single",
        text={"en": "Size?", "de": "Größe?"},
        choices=[{"label": {"en": "Small", "de": "Klein"}}, {"label": {"en": "Large"}}],
    )
    assert question.text_in("de") == "Größe?"
    assert question.text_in("fr") == "Size?"
    assert question.choices == [
        {"value": "small", "label": {"en": "Small", "de": "Klein"}},
        {"value": "large", "label": {"en": "Large"}},
    ]
    assert question.choice_label("large", "de") == "Large"


def test_choice_values_are_made_unique(cast):
    survey = make_survey(cast)
    question = services.question_add(
        actor=cast.manager_a,
        survey=survey,
        kind="single",
        text={"en": "Pick"},
        choices=["Yes", "yes!", {"value": "yes-2", "label": {"en": "Other"}}],
    )
    assert question.choice_values == ["yes", "yes-3", "yes-2"]
    with pytest.raises(DomainError, match="same value"):
        services.question_update(
            actor=cast.manager_a,
            question=question,
            data={"choices": [{"value": "a", "label": {"en": "A"}}] * 2},
        )


@pytest.mark.parametrize(
    ("bounds", "field"),
    [
        ({"min_value": 5, "max_value": 1}, "max_value"),
        ({"min_value": float("inf")}, "min_value"),
        ({"max_value": float("nan")}, "max_value"),
        ({"max_value": "12"}, "max_value"),
        ({"min_value": 1e13}, "min_value"),
    ],
)
def test_number_bounds_are_checked(cast, bounds, field):
    survey = make_survey(cast)
    with pytest.raises(DomainError) as error:
        services.question_add(
            actor=cast.manager_a, survey=survey, kind="number", text={"en": "N"}, **bounds
        )
    assert error.value.field == field


def test_fields_of_other_kinds_are_cleared(cast):
    survey = make_survey(cast)
    question = services.question_add(
        actor=cast.manager_a,
        survey=survey,
        kind="text",
        text={"en": "T"},
        choices=["a", "b"],
        min_value=1,
        low_label={"en": "low"},
    )
    assert (question.choices, question.min_value, question.low_label) == ([], None, {})


def test_answered_questions_keep_code_kind_and_choice_values(survey, cast):
    (invitation,) = invite(cast, survey.survey, ("a@example.org", ""))
    services.response_save(invitation=invitation, answers={"channel": "web"})
    channel = survey.q.channel
    for data, field in (
        ({"kind": "multiple"}, "kind"),
        ({"code": "source"}, "code"),
        ({"choices": [{"value": "web", "label": {"en": "Web"}}, "Other"]}, "choices"),
    ):
        with pytest.raises(DomainError) as error:
            services.question_update(actor=cast.manager_a, question=channel, data=data)
        assert error.value.field == field
    with pytest.raises(DomainError, match="has answers"):
        services.question_delete(actor=cast.manager_a, question=channel)
    with pytest.raises(DomainError, match="have answers"):
        services.section_delete(actor=cast.manager_a, section=survey.first)
    # Labels may change and choices may be added.
    grown = [*channel.choices, {"label": {"en": "Newsletter"}}]
    grown[0] = {"value": "web", "label": {"en": "Our website"}}
    updated = services.question_update(
        actor=cast.manager_a, question=channel, data={"choices": grown}
    )
    assert updated.choice_values == ["web", "event", "friend", "newsletter"]
    assert updated.choice_label("web", "en") == "Our website"


def test_sections_and_questions_move_up_and_down(survey, cast):
    s = survey.survey
    services.section_move(actor=cast.manager_a, section=survey.second, direction=-1)
    assert list(s.sections.values_list("pk", flat=True)) == [survey.second.pk, survey.first.pk]
    services.question_move(actor=cast.manager_a, question=survey.q.topics, direction=-1)
    services.question_move(actor=cast.manager_a, question=survey.q.topics, direction=-1)
    services.question_move(actor=cast.manager_a, question=survey.q.topics, direction=-1)  # at top
    codes = list(survey.first.questions.values_list("code", flat=True))
    assert codes == ["topics", "satisfaction", "channel"]


def test_a_question_moves_to_another_section_at_its_end(survey, cast):
    services.question_update(
        actor=cast.manager_a, question=survey.q.channel, data={"section": survey.second}
    )
    codes = list(survey.second.questions.values_list("code", flat=True))
    assert codes == ["employees", "comments", "founded", "channel"]


def test_status_rules(cast):
    survey = make_survey(cast)
    with pytest.raises(DomainError) as error:
        services.survey_set_status(actor=cast.manager_a, survey=survey, status="open")
    assert error.value.field == "status"  # no question yet
    services.question_add(actor=cast.manager_a, survey=survey, kind="text", text={"en": "T"})
    services.survey_set_status(actor=cast.manager_a, survey=survey, status="open")
    invite(cast, survey, ("x@example.org", ""))
    with pytest.raises(DomainError, match="close it instead"):
        services.survey_set_status(actor=cast.manager_a, survey=survey, status="draft")
    closed = services.survey_set_status(actor=cast.manager_a, survey=survey, status="closed")
    assert closed.status == "closed"
    with pytest.raises(DomainError):
        services.survey_set_status(actor=cast.manager_a, survey=survey, status="bogus")
    with pytest.raises(NotAllowed):
        services.survey_set_status(actor=cast.manager_b, survey=survey, status="open")


def test_closing_date_must_be_in_the_future(cast):
    import datetime as dt

    from django.utils import timezone

    with pytest.raises(DomainError) as error:
        make_survey(cast, closes_at=timezone.now() - dt.timedelta(days=1))
    assert error.value.field == "closes_at"


def test_copy_makes_a_draft_with_the_same_sections_and_codes(survey, cast):
    invite(cast, survey.survey, ("a@example.org", ""))
    endline = services.survey_copy(
        actor=cast.manager_a, survey=survey.survey, title={"en": "Endline", "de": "Endline"}
    )
    assert (endline.status, endline.copied_from, endline.title_in("en")) == (
        "draft",
        survey.survey,
        "Endline",
    )
    assert not endline.invitations.exists()
    original = [
        (q.section.position, q.code, q.kind, q.choices) for q in survey.survey.questions.all()
    ]
    copied = [(q.section.position, q.code, q.kind, q.choices) for q in endline.questions.all()]
    assert sorted(copied) == sorted(original)
    assert Section.objects.filter(survey=endline).count() == 2
    default_title = services.survey_copy(actor=cast.manager_a, survey=survey.survey)
    assert default_title.title_in("en") == "Member survey 2026 (copy)"
    with pytest.raises(NotAllowed):
        services.survey_copy(actor=cast.manager_b, survey=survey.survey)


# --- Pages --------------------------------------------------------------------------------


def test_new_survey_page_shows_errors_next_to_fields_and_saves_nothing(cast, clients):
    response = clients.manager_a.post(
        reverse("surveys:survey-new"),
        {
            "cluster": cast.cluster_a.pk,
            "languages": ["en", "de"],
            "default_language": "de",
            "title_en": "Only English",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "title_de" in form.errors
    assert not Survey.objects.exists()


def test_new_survey_page_creates_and_redirects(cast, clients):
    response = clients.manager_a.post(
        reverse("surveys:survey-new"),
        {
            "cluster": cast.cluster_a.pk,
            "languages": ["en", "fr"],
            "default_language": "en",
            "title_en": "Baseline",
            "title_fr": "Base",
            "title_de": "ignored (not a language)",
        },
    )
    survey = Survey.objects.get()
    assert response["Location"] == reverse("surveys:survey-detail", args=[survey.pk])
    assert survey.title == {"en": "Baseline", "fr": "Base"}


def test_question_page_builds_translated_choices_and_keeps_values(survey, cast, clients):
    s = survey.survey
    url = reverse("surveys:question-add", args=[s.pk])
    form = {
        "section": survey.first.pk,
        "kind": "single",
        "code": "size",
        "text_en": "Size?",
        "text_de": "Größe?",
        "choices_en": "Small\nLarge\n",
        "choices_de": "Klein\nGroß",
    }
    assert clients.manager_a.post(url, {**form, "choices_en": "Only one"}).status_code == 200
    assert not s.questions.filter(code="size").exists()
    response = clients.manager_a.post(url, form)
    assert response.status_code == 302
    size = s.questions.get(code="size")
    assert size.choices == [
        {"value": "small", "label": {"en": "Small", "de": "Klein"}},
        {"value": "large", "label": {"en": "Large", "de": "Groß"}},
    ]
    # Renaming a label in place and reordering keep the stored values.
    edit = reverse("surveys:question-edit", args=[s.pk, size.pk])
    clients.manager_a.post(
        edit, {**form, "choices_en": "Large\nTiny", "choices_de": "Groß\nWinzig"}
    )
    size.refresh_from_db()
    assert size.choices == [
        {"value": "large", "label": {"en": "Large", "de": "Groß"}},
        {"value": "small", "label": {"en": "Tiny", "de": "Winzig"}},
    ]


def test_question_page_error_is_shown_next_to_the_field(survey, cast, clients):
    url = reverse("surveys:question-add", args=[survey.survey.pk])
    response = clients.manager_a.post(
        url, {"section": survey.first.pk, "kind": "text", "code": "comments", "text_en": "Again"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "Another question of this survey has this code."
    ]


def test_builder_pages_render(survey, clients):
    s = survey.survey
    for name, args in (
        ("surveys:surveys", []),
        ("surveys:survey-new", []),
        ("surveys:survey-detail", [s.pk]),
        ("surveys:survey-edit", [s.pk]),
        ("surveys:section-add", [s.pk]),
        ("surveys:section-edit", [s.pk, survey.first.pk]),
        ("surveys:question-add", [s.pk]),
        ("surveys:question-edit", [s.pk, survey.q.channel.pk]),
    ):
        response = clients.manager_a.get(reverse(name, args=args))
        assert response.status_code == 200, name
    detail = clients.manager_a.get(reverse("surveys:survey-detail", args=[s.pk])).content.decode()
    assert "How satisfied are you?" in detail and "Website · Event · A friend" in detail


def test_odd_query_parameters_never_fail(survey, clients):
    url = reverse("surveys:question-add", args=[survey.survey.pk])
    for value in ("abc", "9" * 40, "-1", ""):
        assert clients.manager_a.get(url, {"section": value}).status_code == 200


def test_preview_renders_the_questionnaire_in_each_language(survey, clients):
    url = reverse("surveys:survey-preview", args=[survey.survey.pk])
    german = clients.manager_a.get(url, {"lang": "de"}).content.decode()
    assert "Mitgliederumfrage 2026" in german
    assert "Wie zufrieden sind Sie?" in german and "gar nicht" in german
    assert "Webseite" in german and "A friend" in german  # the missing translation falls back
    assert "Über Sie" in german
    english = clients.manager_a.get(url, {"lang": "xx"}).content.decode()
    assert "How satisfied are you?" in english


def test_workspace_navigation_links_to_the_surveys(cast, clients):
    page = clients.manager_a.get(reverse("registry:workspace-members", args=["cluster-a"]))
    assert f"{reverse('surveys:surveys')}?cluster=cluster-a" in page.content.decode()


def test_survey_list_page_queries_do_not_grow_with_the_surveys(cast, clients):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert clients.manager_a.get(reverse("surveys:surveys")).status_code == 200
        return len(queries)

    make_survey(cast)
    one = count()
    make_survey(cast)
    make_survey(cast)
    assert count() == one
