"""Introduction pages: ask, answer, withdraw, record what came of it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, form_error
from clusterlab.core.params import int_or_none
from clusterlab.registry.models import Organisation

from . import selectors, services
from .enums import IntroductionStatus
from .forms import IntroductionAnswerForm, IntroductionOutcomeForm, IntroductionRequestForm
from .models import CooperationProfile


@login_required
def introduction_list(request):
    introductions = selectors.introduction_list(user=request.user)
    mine = set(selectors.actable_organisations(user=request.user).values_list("pk", flat=True))
    waiting = [
        i for i in introductions.filter(status=IntroductionStatus.REQUESTED) if i.target_id in mine
    ]
    return render(
        request,
        "matchmaking/introduction_list.html",
        {
            "waiting": waiting,
            "page": Paginator(introductions, 50).get_page(request.GET.get("page")),
        },
    )


@login_required
def introduction_new(request, organisation_pk: int):
    target = get_object_or_404(Organisation.objects.visible_to(request.user), pk=organisation_pk)
    profile = None
    profile_id = int_or_none(request.GET.get("profile"))
    if profile_id is not None:
        profile = (
            CooperationProfile.objects.visible_to(request.user)
            .filter(pk=profile_id, organisation=target)
            .first()
        )
    organisations = selectors.actable_organisations(user=request.user).exclude(pk=target.pk)
    form = IntroductionRequestForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            introduction = services.introduction_request(
                actor=request.user,
                requester=form.cleaned_data["requester"],
                target=target,
                message=form.cleaned_data["message"],
                profile=profile,
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Your request was sent."))
            return redirect("matchmaking:introduction-detail", pk=introduction.pk)
    return render(
        request,
        "matchmaking/introduction_form.html",
        {"form": form, "target": target, "profile": profile, "can_ask": organisations.exists()},
    )


@login_required
def introduction_detail(request, pk: int):
    introduction = get_object_or_404(selectors.introduction_list(user=request.user), pk=pk)
    mine = set(
        selectors.actable_organisations(user=request.user)
        .filter(pk__in=[introduction.requester_id, introduction.target_id])
        .values_list("pk", flat=True)
    )
    waiting = introduction.status == IntroductionStatus.REQUESTED
    return render(
        request,
        "matchmaking/introduction_detail.html",
        {
            "introduction": introduction,
            "can_answer": waiting and introduction.target_id in mine,
            "can_withdraw": waiting and introduction.requester_id in mine,
            "can_record": introduction.status == IntroductionStatus.ACCEPTED and bool(mine),
            "answer_form": IntroductionAnswerForm(),
            "outcome_form": IntroductionOutcomeForm(
                initial={
                    "outcome": introduction.outcome or None,
                    "agreement_type": introduction.agreement_type,
                }
            ),
            "contacts": selectors.introduction_contacts(
                user=request.user, introduction=introduction
            ),
        },
    )


@login_required
@require_POST
def introduction_answer(request, pk: int, accept: bool):
    introduction = get_object_or_404(selectors.introduction_list(user=request.user), pk=pk)
    form = IntroductionAnswerForm(request.POST)
    form.is_valid()
    try:
        services.introduction_answer(
            actor=request.user,
            introduction=introduction,
            accept=accept,
            answer=form.cleaned_data.get("answer", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Accepted: you can now see each other's contacts.") if accept else _("Declined."),
        )
    return redirect("matchmaking:introduction-detail", pk=pk)


@login_required
@require_POST
def introduction_withdraw(request, pk: int):
    introduction = get_object_or_404(selectors.introduction_list(user=request.user), pk=pk)
    try:
        services.introduction_withdraw(actor=request.user, introduction=introduction)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("matchmaking:introduction-detail", pk=pk)


@login_required
@require_POST
def introduction_outcome(request, pk: int):
    introduction = get_object_or_404(selectors.introduction_list(user=request.user), pk=pk)
    form = IntroductionOutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.introduction_outcome(
                actor=request.user, introduction=introduction, **form.cleaned_data
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Outcome recorded."))
    else:
        messages.error(request, _("Choose an outcome."))
    return redirect("matchmaking:introduction-detail", pk=pk)
