"""Private pages of one organisation: edit, contacts (GDPR export/erase), notes, history."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, form_error

from .. import selectors, services
from ..forms import ContactForm, LetterOfSupportForm, NoteForm, OrganisationForm
from ..models import Organisation


def private_organisation_or_404(request, pk: int) -> Organisation:
    """Return an organisation whose private data the viewer may see; 404 for anyone else."""
    return get_object_or_404(selectors.organisation_private(user=request.user), pk=pk)


def private_contact_or_404(request, pk: int):
    return get_object_or_404(
        selectors.contact_visible(user=request.user).select_related("organisation"), pk=pk
    )


@login_required
def organisation_edit(request, pk: int):
    organisation = private_organisation_or_404(request, pk)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, data=form.service_data()
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Profile saved."))
            return redirect("registry:organisation-detail", pk=organisation.pk)
    return render(
        request, "registry/organisation_form.html", {"organisation": organisation, "form": form}
    )


@login_required
def contact_add(request, pk: int):
    organisation = private_organisation_or_404(request, pk)
    return _contact_form(request, organisation, None)


@login_required
def contact_edit(request, pk: int):
    contact = private_contact_or_404(request, pk)
    if contact.is_erased:
        messages.error(request, _("This person's data was erased; it cannot be edited."))
        return redirect("registry:organisation-detail", pk=contact.organisation_id)
    return _contact_form(request, contact.organisation, contact)


def _contact_form(request, organisation, contact):
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        consents = [(p, data.pop("consent_source")) for p in data.pop("consents")]
        try:
            if contact is None:
                services.contact_create(
                    actor=request.user, organisation=organisation, data=data, consents=consents
                )
            else:
                services.contact_update(actor=request.user, contact=contact, data=data)
                for purpose, source in consents:
                    services.consent_record(
                        actor=request.user, contact=contact, purpose=purpose, source=source
                    )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Contact saved."))
            return redirect("registry:organisation-detail", pk=organisation.pk)
    return render(
        request,
        "registry/contact_form.html",
        {"organisation": organisation, "contact": contact, "form": form},
    )


@login_required
def contact_export(request, pk: int):
    contact = private_contact_or_404(request, pk)
    data = services.contact_export(actor=request.user, contact=contact)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="contact-{contact.pk}.json"'
    return response


@login_required
def contact_erase(request, pk: int):
    contact = private_contact_or_404(request, pk)
    if request.method == "POST":
        services.contact_erase(actor=request.user, contact=contact)
        messages.success(request, _("The person's data was erased."))
        return redirect("registry:organisation-detail", pk=contact.organisation_id)
    return render(request, "registry/contact_erase.html", {"contact": contact})


@login_required
@require_POST
def note_add(request, pk: int):
    organisation = private_organisation_or_404(request, pk)
    form = NoteForm(request.POST)
    cluster = get_object_or_404(
        selectors.cluster_managed(user=request.user), slug=request.POST.get("cluster", "")
    )
    if form.is_valid():
        try:
            services.note_add(
                actor=request.user,
                cluster=cluster,
                organisation=organisation,
                text=form.cleaned_data["text"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Note added."))
    else:
        messages.error(request, _("The note is empty."))
    return redirect("registry:organisation-detail", pk=organisation.pk)


@login_required
def organisation_history(request, pk: int):
    organisation = private_organisation_or_404(request, pk)
    return render(
        request,
        "registry/organisation_history.html",
        {
            "organisation": organisation,
            "changes": selectors.organisation_history(organisation=organisation, user=request.user),
        },
    )


@login_required
def letter_add(request, pk: int):
    organisation = private_organisation_or_404(request, pk)
    form = LetterOfSupportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_of_support_create(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Letter of support recorded."))
            return redirect("registry:organisation-detail", pk=organisation.pk)
    return render(
        request, "registry/letter_form.html", {"organisation": organisation, "form": form}
    )
