"""The respondent's page behind a personal link: no account, one response per link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from clusterlab.core.errors import DomainError

from .. import selectors, services
from ..enums import QuestionKind, SurveyStatus
from ..models import Invitation, Response
from ._common import questionnaire

LANGUAGE_NAMES = dict(settings.LANGUAGES)


@never_cache
@require_http_methods(["GET", "POST"])
def respond(request, token: str):
    invitation = selectors.invitation_by_token(token=token)
    if invitation is None:
        raise Http404
    survey = invitation.survey
    language = survey.language_or_default(
        request.POST.get("lang") or request.GET.get("lang") or invitation.language
    )
    with translation.override(language):
        response = _respond(request, invitation, language)
    # The address is a credential: keep it out of search engines and shared caches.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _saved(invitation: Invitation) -> Response | None:
    try:
        return invitation.response
    except Response.DoesNotExist:
        return None


def _message(request, invitation: Invitation, language: str, kind: str) -> HttpResponse:
    survey = invitation.survey
    return render(
        request,
        "surveys/respond_message.html",
        {"survey": survey, "title": survey.title_in(language), "kind": kind},
    )


def _raw_answers(request, invitation: Invitation) -> dict:
    """Every question's input as typed: lists for multiple choice, strings otherwise."""
    raw = {}
    for question in selectors.survey_questions(survey=invitation.survey):
        name = services.field_name(question)
        if question.kind == QuestionKind.MULTIPLE:
            raw[question.code] = request.POST.getlist(name)
        else:
            raw[question.code] = request.POST.get(name, "")
    return raw


def _respond(request, invitation: Invitation, language: str) -> HttpResponse:
    survey = invitation.survey
    saved = _saved(invitation)
    if saved is not None and saved.is_submitted:
        return _message(request, invitation, language, "submitted")
    if not survey.is_accepting:
        kind = "not_open" if survey.status == SurveyStatus.DRAFT else "closed"
        return _message(request, invitation, language, kind)
    values = selectors.response_answers(saved) if saved else {}
    errors: dict[str, str] = {}
    if request.method == "POST":
        raw = _raw_answers(request, invitation)
        submit = request.POST.get("action") == "submit"
        try:
            services.response_save(
                invitation=invitation, answers=raw, language=language, submit=submit
            )
        except services.AnswerErrors as exc:
            errors, values = exc.errors, {**values, **raw}
            messages.error(request, _("Please check the answers marked below."))
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(_here(invitation, language))
        else:
            if not submit:
                messages.success(
                    request, _("Your answers are saved. Come back with the same link to go on.")
                )
            return redirect(_here(invitation, language))
    return render(
        request,
        "surveys/respond.html",
        {
            "survey": survey,
            "invitation": invitation,
            "title": survey.title_in(language),
            "introduction": survey.text(survey.introduction, language),
            "language": language,
            "languages": [(code, LANGUAGE_NAMES[code]) for code in survey.languages],
            "page": questionnaire(survey, language, values=values, errors=errors),
            "saved": saved,
        },
    )


def _here(invitation: Invitation, language: str) -> str:
    return f"{reverse('surveys:respond', args=[invitation.token])}?lang={language}"
