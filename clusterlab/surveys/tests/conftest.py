"""An open survey of cluster A with one question of every kind, and helpers to answer it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from clusterlab.surveys import services
from clusterlab.surveys.models import Invitation, Survey


def make_survey(cast, **extra) -> Survey:
    data = {
        "title": {"en": "Member survey 2026", "de": "Mitgliederumfrage 2026"},
        "languages": ["en", "de"],
        "default_language": "en",
        "introduction": {"en": "Tell us how we did."},
        **extra,
    }
    return services.survey_create(actor=cast.manager_a, cluster=cast.cluster_a, **data)


@pytest.fixture
def survey(cast):
    """Survey of cluster A (en, de), open, with six questions in two sections."""
    survey = make_survey(cast)
    first = survey.sections.get()
    second = services.section_add(
        actor=cast.manager_a, survey=survey, title={"en": "About you", "de": "Über Sie"}
    )
    add = lambda **kw: services.question_add(actor=cast.manager_a, survey=survey, **kw)  # noqa: E731
    questions = SimpleNamespace(
        satisfaction=add(
            section=first,
            code="satisfaction",
            kind="likert",
            text={"en": "How satisfied are you?", "de": "Wie zufrieden sind Sie?"},
            low_label={"en": "not at all", "de": "gar nicht"},
            high_label={"en": "very", "de": "sehr"},
            required=True,
        ),
        channel=add(
            section=first,
            code="channel",
            kind="single",
            text={"en": "How did you hear of us?"},
            choices=[
                {"value": "web", "label": {"en": "Website", "de": "Webseite"}},
                {"value": "event", "label": {"en": "Event", "de": "Veranstaltung"}},
                {"value": "friend", "label": {"en": "A friend"}},
            ],
        ),
        topics=add(
            section=first,
            code="topics",
            kind="multiple",
            text={"en": "Which topics interest you?"},
            choices=["Design", "Export", "Funding"],
        ),
        employees=add(
            section=second,
            code="employees",
            kind="number",
            text={"en": "How many people work for you?"},
            min_value=0,
            max_value=1000,
        ),
        comments=add(section=second, code="comments", kind="text", text={"en": "Comments?"}),
        founded=add(section=second, code="founded", kind="date", text={"en": "Founded on"}),
    )
    services.survey_set_status(actor=cast.manager_a, survey=survey, status="open")
    survey.refresh_from_db()
    return SimpleNamespace(survey=survey, first=first, second=second, q=questions)


def invite(cast, survey: Survey, *people: tuple[str, str]) -> list[Invitation]:
    """Invite (email, group) pairs without e-mailing (on_commit never runs in these tests)."""
    return services.survey_send(
        actor=cast.manager_a,
        survey=survey,
        recipients=[services.Recipient(email=email, group=group) for email, group in people],
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The cast sets five passwords; the default PBKDF2 would cost about a second per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
