"""Survey pages for sending: choose people, send, remind, and see who answered."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from clusterlab.core.errors import DomainError

from .. import selectors, services
from ..forms import SendForm
from ..models import Survey
from ._common import base_url, int_param, owned_survey


def _contact_recipient(survey: Survey, contact, group: str) -> services.Recipient:
    spoken = [language.code for language in contact.languages.all()]
    language = next((code for code in spoken if code in survey.languages), "")
    return services.Recipient(
        email=contact.email,
        name=str(contact),
        language=language,
        organisation_id=contact.organisation_id,
        group=group,
        reference=f"registry.contact:{contact.pk}",
    )


def _registration_recipient(registration, group: str) -> services.Recipient:
    return services.Recipient(
        email=registration.email,
        name=registration.name,
        language=registration.user.preferred_language if registration.user else "",
        organisation_id=registration.organisation_id,
        group=group,
        reference=f"events.registration:{registration.pk}",
    )


@login_required
def survey_send(request, pk: int):
    survey = owned_survey(request, pk)
    events = selectors.attendee_events(user=request.user)
    event = events.filter(
        pk=int_param(request.POST.get("event") or request.GET.get("event"))
    ).first()
    contacts = selectors.contact_recipients(user=request.user, survey=survey)
    registrations = selectors.attendee_recipients(user=request.user, event=event)
    form = SendForm(request.POST or None, contacts=contacts, registrations=registrations)
    if request.method == "POST" and form.is_valid():
        group = form.cleaned_data["group"]
        recipients = [_contact_recipient(survey, c, group) for c in form.cleaned_data["contacts"]]
        recipients += [
            _registration_recipient(r, group) for r in form.cleaned_data["registrations"]
        ]
        try:
            sent = services.survey_send(
                actor=request.user, survey=survey, recipients=recipients, base_url=base_url(request)
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            skipped = len(recipients) - len(sent)
            messages.success(
                request,
                ngettext("%(n)d invitation sent.", "%(n)d invitations sent.", len(sent))
                % {"n": len(sent)}
                + (" " + _("%(n)d already invited.") % {"n": skipped} if skipped else ""),
            )
            return redirect("surveys:invitations", pk=survey.pk)
    invited = {email.lower() for email in survey.invitations.values_list("email", flat=True)}
    return render(
        request,
        "surveys/send.html",
        {
            "survey": survey,
            "form": form,
            "events": events[:100],
            "event": event,
            "invited": invited,
        },
    )


@require_POST
@login_required
def survey_remind(request, pk: int):
    survey = owned_survey(request, pk)
    try:
        reminded = services.survey_remind(
            actor=request.user, survey=survey, base_url=base_url(request)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            ngettext("%(n)d reminder sent.", "%(n)d reminders sent.", len(reminded))
            % {"n": len(reminded)},
        )
    return redirect("surveys:invitations", pk=survey.pk)


@require_GET
@login_required
def invitation_list(request, pk: int):
    survey = owned_survey(request, pk)
    rows = selectors.invitation_list(user=request.user, survey=survey)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/invitation_list.html",
        {"survey": survey, "page": page, "figures": selectors.response_figures(survey=survey)},
    )
