"""Peer exchange and study visit pages: offers with programmes, applications, reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, NotAllowed, form_error

from .. import permissions, selectors, services
from ..enums import ApplicationStatus
from ..forms import ApplicationForm, OfferForm, ReportForm, StopForm
from ..models import Application, ExchangeOffer, VisitReport


def visible_offer(request, pk: int) -> ExchangeOffer:
    offer = selectors.offer_detail(user=request.user, pk=pk)
    if offer is None:
        raise Http404
    return offer


def hosted_offer(request, pk: int) -> ExchangeOffer:
    """An offer of a cluster the viewer manages by name; 404 for everyone else."""
    offer = visible_offer(request, pk)
    if not permissions.can_manage_offer(request.user, offer):
        raise Http404
    return offer


def visible_application(request, pk: int) -> Application:
    return get_object_or_404(selectors.application_list(user=request.user), pk=pk)


@login_required
def exchanges(request):
    applications = list(selectors.application_list(user=request.user))
    return render(
        request,
        "coaching/exchanges.html",
        {
            "offers": selectors.offer_list(user=request.user),
            "mine": [a for a in applications if a.applicant_id == request.user.pk],
            "to_answer": [a for a in applications if a.applicant_id != request.user.pk],
            "can_host": selectors.hosted_clusters(user=request.user).exists(),
            "hosted": selectors.offer_list(user=request.user, include_past=True).filter(
                host_cluster__in=selectors.hosted_clusters(user=request.user)
            ),
        },
    )


@login_required
def offer_new(request):
    if not selectors.hosted_clusters(user=request.user).exists():
        raise Http404
    form = OfferForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            offer = services.offer_create(
                actor=request.user, host_cluster=data.pop("host_cluster"), data=data
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Offer published. Add the programme's stops below."))
            return redirect(offer)
    return render(request, "coaching/offer_form.html", {"form": form})


@login_required
def offer_edit(request, pk: int):
    offer = hosted_offer(request, pk)
    form = OfferForm(request.POST or None, instance=offer, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("host_cluster", None)
        try:
            services.offer_update(actor=request.user, offer=offer, data=data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Offer saved."))
            return redirect(offer)
    return render(request, "coaching/offer_form.html", {"form": form, "offer": offer})


def _offer_context(request, offer: ExchangeOffer, **forms) -> dict:
    is_host = permissions.can_manage_offer(request.user, offer)
    own = offer.applications.filter(applicant=request.user).first()
    context = {
        "offer": offer,
        "is_host": is_host,
        # Applications are for the host's managers; an applicant sees only their own.
        "applications": (
            offer.applications.select_related("applicant", "applicant_cluster") if is_host else []
        ),
        "own": own,
        "stop_form": StopForm(initial={"day": offer.starts_on}) if is_host else None,
        "apply_form": (
            ApplicationForm(user=request.user, offer=offer) if not is_host and own is None else None
        ),
    }
    context.update(forms)
    return context


@login_required
def offer_detail(request, pk: int):
    offer = visible_offer(request, pk)
    return render(request, "coaching/offer_detail.html", _offer_context(request, offer))


@require_POST
@login_required
def stop_add(request, pk: int):
    offer = hosted_offer(request, pk)
    form = StopForm(request.POST)
    if form.is_valid():
        try:
            services.stop_add(actor=request.user, offer=offer, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Stop added."))
            return redirect(f"{offer.get_absolute_url()}#programme")
    context = _offer_context(request, offer, stop_form=form)
    return render(request, "coaching/offer_detail.html", context)


@require_POST
@login_required
def stop_remove(request, pk: int, stop_pk: int):
    offer = hosted_offer(request, pk)
    stop = get_object_or_404(offer.stops, pk=stop_pk)
    services.stop_remove(actor=request.user, stop=stop)
    messages.success(request, _("Stop removed."))
    return redirect(f"{offer.get_absolute_url()}#programme")


@require_POST
@login_required
def offer_apply(request, pk: int):
    offer = visible_offer(request, pk)
    form = ApplicationForm(request.POST, user=request.user, offer=offer)
    if form.is_valid():
        try:
            application = services.application_create(
                actor=request.user, offer=offer, **form.cleaned_data
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Application sent to the host."))
            return redirect(application)
    context = _offer_context(request, offer, apply_form=form)
    return render(request, "coaching/offer_detail.html", context)


@login_required
def application_detail(request, pk: int):
    application = visible_application(request, pk)
    report = VisitReport.objects.filter(application=application).first()
    return render(
        request,
        "coaching/application_detail.html",
        {
            "application": application,
            "offer": application.offer,
            "report": report,
            "is_host": permissions.can_manage_offer(request.user, application.offer),
            "is_applicant": application.applicant_id == request.user.pk,
            "can_report": application.status == ApplicationStatus.ACCEPTED
            and application.applicant_id == request.user.pk,
        },
    )


@require_POST
@login_required
def application_decide(request, pk: int):
    application = visible_application(request, pk)
    if not permissions.can_manage_offer(request.user, application.offer):
        raise Http404
    try:
        services.application_decide(
            actor=request.user, application=application, accept=request.POST.get("accept") == "1"
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Answer sent."))
    return redirect(application)


@require_POST
@login_required
def application_withdraw(request, pk: int):
    application = visible_application(request, pk)
    try:
        services.application_withdraw(actor=request.user, application=application)
    except NotAllowed:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Application withdrawn."))
    return redirect(application)


@login_required
def report_edit(request, pk: int):
    application = visible_application(request, pk)
    if application.applicant_id != request.user.pk:
        raise Http404
    report = VisitReport.objects.filter(application=application).first()
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_write(actor=request.user, application=application, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Report saved."))
            return redirect(application)
    return render(
        request,
        "coaching/report_form.html",
        {"form": form, "application": application, "offer": application.offer},
    )


@require_POST
@login_required
def report_toolbox(request, pk: int):
    application = visible_application(request, pk)
    if application.applicant_id != request.user.pk:
        raise Http404
    report = get_object_or_404(VisitReport, application=application)
    try:
        services.report_to_toolbox_draft(actor=request.user, report=report)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("A draft case is now in the toolbox."))
    return redirect(application)
