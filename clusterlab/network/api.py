"""REST API of the network app: read-only figures, ties and drawing, as on the pages."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from clusterlab.registry.models import Cluster

from . import drawing, selectors
from .adapters import SECTIONS
from .forms import KIND_CHOICES

FIGURE_CHOICES = [*selectors.TIE_FIGURES, *selectors.CLUSTER_FIGURES]
MAX_TIES = 5000


class NetworkQuerySerializer(serializers.Serializer):
    cluster = serializers.SlugField(
        required=False, max_length=50, help_text="slug of a cluster you manage; none: whole network"
    )
    since = serializers.DateField(required=False)
    until = serializers.DateField(required=False)
    kind = serializers.ListField(
        child=serializers.ChoiceField(choices=KIND_CHOICES), required=False, default=list
    )
    sector = serializers.ChoiceField(
        choices=[(s, s) for s in SECTIONS], required=False, help_text="NACE section"
    )

    def validate(self, data):
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            raise serializers.ValidationError({"until": _("The period ends before it starts.")})
        return data


class TieQuerySerializer(NetworkQuerySerializer):
    figure = serializers.ChoiceField(choices=FIGURE_CHOICES, default="total")
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2200)
    of_kind = serializers.ChoiceField(choices=KIND_CHOICES, required=False)
    member_of = serializers.SlugField(
        required=False, max_length=50, help_text="the cluster of a per-cluster figure"
    )
    offset = serializers.IntegerField(required=False, min_value=0, default=0)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_TIES, default=500)


class GraphQuerySerializer(NetworkQuerySerializer):
    expand = serializers.SlugField(
        required=False, max_length=50, help_text="draw this cluster's members"
    )


class YearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    total = serializers.IntegerField()
    organisation_ties = serializers.IntegerField()
    cross_sectoral = serializers.IntegerField()
    cross_border = serializers.IntegerField()


class ClusterFiguresSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    members = serializers.IntegerField()
    outside_cluster = serializers.IntegerField()
    outside_sector = serializers.IntegerField()
    outside_country = serializers.IntegerField()


class BrokerSerializer(serializers.Serializer):
    name = serializers.CharField()
    betweenness = serializers.FloatField()
    bridging_sector = serializers.FloatField()
    bridging_country = serializers.FloatField()
    ties = serializers.IntegerField()


class SummarySerializer(serializers.Serializer):
    scope = serializers.DictField()
    filters = serializers.DictField()
    total_ties = serializers.IntegerField()
    organisation_ties = serializers.IntegerField()
    cross_sectoral = serializers.IntegerField()
    cross_sectoral_share = serializers.FloatField()
    cross_border = serializers.IntegerField()
    cross_border_share = serializers.FloatField()
    ties_by_kind = serializers.DictField(child=serializers.IntegerField())
    ties_by_year = YearSerializer(many=True)
    per_cluster = serializers.DictField(child=ClusterFiguresSerializer())
    top_organisations = BrokerSerializer(many=True)
    top_clusters = BrokerSerializer(many=True)
    betweenness = serializers.DictField()
    communities = serializers.DictField()


class TieSerializer(serializers.Serializer):
    kind = serializers.CharField()
    date = serializers.DateField()
    source = serializers.CharField(source="from")
    source_country = serializers.CharField(source="from_country")
    source_creative = serializers.BooleanField(source="from_creative")
    target = serializers.CharField(source="to")
    target_country = serializers.CharField(source="to_country")
    target_creative = serializers.BooleanField(source="to_creative")
    cross_sectoral = serializers.BooleanField()
    cross_border = serializers.BooleanField()
    record = serializers.IntegerField(allow_null=True)


class TiePageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = TieSerializer(many=True)


class GraphNodeSerializer(serializers.Serializer):
    id = serializers.CharField()
    kind = serializers.CharField()
    label = serializers.CharField()
    size = serializers.IntegerField()
    x = serializers.FloatField()
    y = serializers.FloatField()
    internal_ties = serializers.IntegerField()


class GraphEdgeSerializer(serializers.Serializer):
    source = serializers.CharField()
    target = serializers.CharField()
    weight = serializers.IntegerField()


class GraphSerializer(serializers.Serializer):
    nodes = GraphNodeSerializer(many=True)
    edges = GraphEdgeSerializer(many=True)
    expanded = serializers.CharField(allow_null=True)
    members_drawn = serializers.IntegerField()


def _cluster(user, slug: str | None) -> Cluster | None:
    """A cluster the caller may read the network of (404 for any other slug)."""
    if not slug:
        return None
    cluster = selectors.network_clusters(user=user).filter(slug=slug).first()
    if cluster is None:
        raise NotFound(_("No such cluster among yours."))
    return cluster


def _query(serializer_class, request) -> dict:
    params = {key: request.query_params.get(key) for key in request.query_params}
    params["kind"] = request.query_params.getlist("kind")
    serializer = serializer_class(data=params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _arguments(user, data: dict) -> dict:
    return {
        "cluster": _cluster(user, data.get("cluster")),
        "since": data.get("since"),
        "until": data.get("until"),
        "kinds": data.get("kind") or None,
        "sector": data.get("sector", ""),
    }


class NetworkViewSet(viewsets.ViewSet):
    """The collaboration network: coordinators read all of it, managers their clusters."""

    permission_classes = [drf_permissions.IsAuthenticated]

    @extend_schema(parameters=[NetworkQuerySerializer], responses=SummarySerializer)
    @action(detail=False, methods=["get"])
    def summary(self, request):
        data = _query(NetworkQuerySerializer, request)
        return Response(
            selectors.network_summary(user=request.user, **_arguments(request.user, data))
        )

    @extend_schema(parameters=[TieQuerySerializer], responses=TiePageSerializer)
    @action(detail=False, methods=["get"])
    def ties(self, request):
        data = _query(TieQuerySerializer, request)
        member_of = None
        if data["figure"] in selectors.CLUSTER_FIGURES:
            member_of = _cluster(request.user, data.get("member_of"))
            if member_of is None:
                raise NotFound(_("Name the cluster of this figure with member_of."))
        listing = selectors.tie_list(
            user=request.user,
            figure=data["figure"],
            year=data.get("year"),
            kind=data.get("of_kind", ""),
            member_of=member_of,
            **_arguments(request.user, data),
        )
        rows = listing.rows(data["offset"], data["limit"])
        return Response({"count": listing.count, "results": TieSerializer(rows, many=True).data})

    @extend_schema(parameters=[GraphQuerySerializer], responses=GraphSerializer)
    @action(detail=False, methods=["get"])
    def graph(self, request):
        data = _query(GraphQuerySerializer, request)
        expand = _cluster(request.user, data.get("expand"))
        return Response(
            drawing.network_graph(
                user=request.user, expand=expand, **_arguments(request.user, data)
            )
        )


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the project's API router."""
    router.register("network", NetworkViewSet, basename="network")
