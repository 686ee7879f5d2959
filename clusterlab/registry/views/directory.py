"""Public pages: the directory of organisations and clusters, and profile pages."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .. import permissions, selectors
from ..enums import OrganisationKind, SizeBand
from ..models import Cluster, Organisation

PAGE_SIZE = 25


@require_GET
def organisation_directory(request):
    filters = selectors.DirectoryFilters.from_params(request.GET)
    queryset = selectors.organisation_directory(user=request.user, filters=filters)
    paginator = Paginator(queryset.order_by("name", "pk").values_list("pk", flat=True), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    # Fetch the cards of this page only, by id, so sorting and counting stay on the index.
    ids = list(page.object_list)
    cards = selectors.organisation_cards(Organisation.objects.filter(pk__in=ids)).in_bulk(ids)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "registry/directory.html",
        {
            "filters": filters,
            "page": page,
            "organisations": [cards[i] for i in ids if i in cards],
            "options": selectors.directory_options(),
            "regions": selectors.region_options(filters.country),
            "kinds": OrganisationKind.choices,
            "sizes": SizeBand.choices,
            "querystring": query.urlencode(),
        },
    )


@require_GET
def organisation_detail(request, pk: int):
    try:
        organisation = selectors.organisation_profile(user=request.user, pk=pk)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc
    can_private = permissions.can_view_private(request.user, organisation)
    context = {"organisation": organisation, "can_private": can_private, "can_edit": can_private}
    if can_private:
        context.update(
            {
                "contacts": selectors.contact_list(user=request.user, organisation=organisation),
                "services": selectors.service_list(user=request.user, organisation=organisation)[
                    :50
                ],
                "notes": selectors.note_list(user=request.user, organisation=organisation),
                "managed_cluster": permissions.managed_cluster_of(request.user, organisation),
                "letters": selectors.letter_list(user=request.user, organisation=organisation),
            }
        )
    return render(request, "registry/organisation_detail.html", context)


@require_GET
def cluster_directory(request):
    clusters = selectors.cluster_list(user=request.user).order_by("name")
    return render(request, "registry/cluster_list.html", {"clusters": clusters})


@require_GET
def cluster_detail(request, slug: str):
    cluster = get_object_or_404(selectors.cluster_list(user=request.user), slug=slug)
    paginator = Paginator(selectors.cluster_members(user=request.user, cluster=cluster), 50)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "registry/cluster_detail.html",
        {
            "cluster": cluster,
            "page": page,
            "sectors": cluster.sectors.order_by("code"),
            "regions": cluster.regions.order_by("code"),
            "can_manage": permissions.can_manage_cluster(request.user, cluster),
        },
    )


def cluster_or_404(slug: str) -> Cluster:
    return get_object_or_404(Cluster, slug=slug)
