"""The feedback survey after each session, through the survey instrument."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterlab.core.errors import DomainError
from clusterlab.surveys import services as survey_services
from clusterlab.surveys.models import Survey

from .. import permissions
from ..models import Session
from ._common import require

FEEDBACK_LANGUAGES = ["en", "de", "fr", "es", "it"]
FEEDBACK_OPEN_FOR = dt.timedelta(days=30)
SATISFACTION = "satisfaction"

# The template of every session's feedback survey: (kind, code, texts by language).
FEEDBACK_QUESTIONS = [
    (
        "likert",
        SATISFACTION,
        {
            "en": "Overall, how satisfied are you with this module?",
            "de": "Wie zufrieden sind Sie insgesamt mit diesem Modul?",
            "fr": "Dans l'ensemble, êtes-vous satisfait·e de ce module ?",
            "es": "En general, ¿qué tan satisfecho/a está con este módulo?",
            "it": "Nel complesso, quanto è soddisfatto/a di questo modulo?",
        },
    ),
    (
        "likert",
        "usefulness",
        {
            "en": "How useful is it for your work as a cluster manager?",
            "de": "Wie nützlich ist es für Ihre Arbeit im Clustermanagement?",
            "fr": "Quelle utilité pour votre travail de gestionnaire de cluster ?",
            "es": "¿Qué utilidad tiene para su trabajo como gestor/a de clúster?",
            "it": "Quanto è utile per il suo lavoro di cluster manager?",
        },
    ),
    (
        "text",
        "try-next",
        {
            "en": "What will you try in your cluster?",
            "de": "Was werden Sie in Ihrem Cluster ausprobieren?",
            "fr": "Qu'allez-vous essayer dans votre cluster ?",
            "es": "¿Qué va a probar en su clúster?",
            "it": "Cosa proverà nel suo cluster?",
        },
    ),
]


def _create_survey(session: Session) -> Survey:
    """A new survey of the organising cluster from the feedback template, opened."""
    title = f"{session.programme.title} – {session.module.title}"[:200]
    survey = survey_services.survey_create(
        actor=None,
        cluster=session.programme.cluster,
        title=dict.fromkeys(FEEDBACK_LANGUAGES, title),
        languages=FEEDBACK_LANGUAGES,
        default_language=session.programme.language
        if session.programme.language in FEEDBACK_LANGUAGES
        else "en",
        closes_at=timezone.now() + FEEDBACK_OPEN_FOR,
    )
    for kind, code, text in FEEDBACK_QUESTIONS:
        survey_services.question_add(
            actor=None, survey=survey, kind=kind, code=code, text=text, required=kind == "likert"
        )
    survey_services.survey_set_status(actor=None, survey=survey, status="open")
    return survey


@transaction.atomic
def session_feedback_send(*, actor, session: Session, base_url: str = "") -> int:
    """Invite the session's attendees to its feedback survey (made on first use, owned by the
    organising cluster); return how many were newly invited."""
    require(actor is None or permissions.can_run_programme(actor, session.programme))
    attendees = [
        a.enrolment
        for a in session.attendances.filter(present=True).select_related("enrolment__participant")
    ]
    if not attendees:
        raise DomainError(_("Record who attended before asking for feedback."), field="session")
    if session.feedback_survey is None:
        session.feedback_survey = _create_survey(session)
        session.save(update_fields=["feedback_survey"])
    recipients = [
        survey_services.Recipient(
            email=e.participant.email,
            name=e.participant.get_full_name(),
            language=e.participant.preferred_language,
            reference=e.reference,
        )
        for e in attendees
    ]
    # The trainer may not manage the organising cluster: the permission was checked above.
    sent = survey_services.survey_send(
        actor=None, survey=session.feedback_survey, recipients=recipients, base_url=base_url
    )
    return len(sent)
