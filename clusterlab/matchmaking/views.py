"""Marketplace pages: browse offers and requests, publish your own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clusterlab.core.errors import DomainError, form_error
from clusterlab.registry import selectors as registry_selectors
from clusterlab.registry.enums import SizeBand
from clusterlab.registry.models import Capability

from . import selectors, services
from .enums import ProfileKind, ProfileType
from .forms import CooperationProfileForm
from .models import CooperationProfile


@require_GET
def marketplace(request):
    filters = selectors.MarketplaceFilters.from_params(request.GET)
    queryset = selectors.profile_marketplace(user=request.user, filters=filters)
    page = Paginator(selectors.profile_cards(queryset), 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "matchmaking/marketplace.html",
        {
            "page": page,
            "filters": filters,
            "kinds": ProfileKind.choices,
            "types": ProfileType.choices,
            "options": registry_selectors.directory_options(),
            "capabilities": Capability.objects.order_by("label_en").values_list("code", "label_en"),
            "regions": registry_selectors.region_options(filters.country),
            "sizes": SizeBand.choices,
            "querystring": query.urlencode(),
        },
    )


@require_GET
def profile_detail(request, pk: int):
    profile = get_object_or_404(
        selectors.profile_cards(CooperationProfile.objects.visible_to(request.user)), pk=pk
    )
    can_edit = selectors.profile_editable(user=request.user).filter(pk=pk).exists()
    matches = selectors.profile_matches(user=request.user, profile=profile) if can_edit else []
    return render(
        request,
        "matchmaking/profile_detail.html",
        {"profile": profile, "can_edit": can_edit, "matches": matches},
    )


@login_required
def profile_mine(request):
    profiles = selectors.profile_editable(user=request.user).order_by(
        "organisation__name", "-created_at"
    )
    organisations = registry_selectors.organisation_private(user=request.user)
    return render(
        request,
        "matchmaking/profile_mine.html",
        {
            "page": Paginator(profiles, 50).get_page(request.GET.get("page")),
            "own_organisation": request.user.organisation,
            "organisation_count": organisations.count(),
        },
    )


@login_required
def profile_new(request, organisation_pk: int):
    organisation = get_object_or_404(
        registry_selectors.organisation_private(user=request.user), pk=organisation_pk
    )
    form = CooperationProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        publish = data.pop("publish")
        try:
            profile = services.profile_create(
                actor=request.user, organisation=organisation, data=data, publish=publish
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Saved.") if not publish else _("Published."))
            return redirect("matchmaking:profile-detail", pk=profile.pk)
    return render(
        request,
        "matchmaking/profile_form.html",
        {"form": form, "organisation": organisation, "profile": None},
    )


@login_required
def profile_edit(request, pk: int):
    profile = get_object_or_404(selectors.profile_editable(user=request.user), pk=pk)
    form = CooperationProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        publish = data.pop("publish")
        try:
            services.profile_update(actor=request.user, profile=profile, data=data)
            if publish and profile.status == "draft":
                services.profile_publish(actor=request.user, profile=profile)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("matchmaking:profile-detail", pk=profile.pk)
    return render(
        request,
        "matchmaking/profile_form.html",
        {"form": form, "organisation": profile.organisation, "profile": profile},
    )


@login_required
@require_POST
def profile_status(request, pk: int, action: str):
    profile = get_object_or_404(selectors.profile_editable(user=request.user), pk=pk)
    change = {"publish": services.profile_publish, "close": services.profile_close}[action]
    try:
        change(actor=request.user, profile=profile)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Published.") if action == "publish" else _("Closed."))
    return redirect("matchmaking:profile-detail", pk=profile.pk)


@login_required
def organisation_recommendations(request, organisation_pk: int):
    organisation = get_object_or_404(
        registry_selectors.organisation_private(user=request.user), pk=organisation_pk
    )
    found = selectors.organisation_recommendations(user=request.user, organisation=organisation)
    recommendations, built_at = found if found else ([], None)
    return render(
        request,
        "matchmaking/recommendations.html",
        {
            "organisation": organisation,
            "recommendations": recommendations,
            "built_at": built_at,
            "preparing": found is None,
        },
    )


@login_required
def cluster_matchmaking(request, slug: str):
    from clusterlab.registry.models import Cluster

    cluster = get_object_or_404(Cluster.objects.managed_by(request.user), slug=slug)
    found = selectors.cluster_matchmaking(user=request.user, cluster=cluster)
    suggestions, partners = found if found else ([], [])
    return render(
        request,
        "matchmaking/cluster_matchmaking.html",
        {
            "cluster": cluster,
            "suggestions": suggestions,
            "partners": partners,
            "preparing": found is None,
        },
    )
