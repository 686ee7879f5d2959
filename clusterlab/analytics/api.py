"""REST API of the analytics app: targets and the reach figures, as on the dashboards."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework import permissions as drf_permissions
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from clusterlab.registry.models import Cluster

from . import permissions, reach, selectors, services
from .enums import Split
from .models import Target
from .scope import Period, Scope, period_from


class TargetSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(
        slug_field="slug", queryset=Cluster.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Target
        fields = ["id", "metric", "cluster", "value", "starts_on", "ends_on", "note", "updated_at"]
        read_only_fields = ["updated_at"]
        # The service checks duplicates with a clear message (DRF's own check of the
        # conditional unique constraints would also need the cluster on every partial update).
        validators: list = []


class TargetProgressSerializer(serializers.Serializer):
    target = serializers.IntegerField(source="target.pk")
    metric = serializers.CharField(source="target.metric")
    value = serializers.IntegerField(source="target.value")
    actual = serializers.IntegerField(allow_null=True)
    share = serializers.FloatField(allow_null=True)
    projected = serializers.FloatField(allow_null=True)
    expected_now = serializers.FloatField()
    on_track = serializers.BooleanField(allow_null=True)


class TargetViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Targets the caller may read: the network's and those of the clusters they manage."""

    serializer_class = TargetSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Target.objects.none()
        return selectors.target_list(user=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        cluster = data.pop("cluster", None)
        if cluster is not None and not permissions.can_view_cluster(self.request.user, cluster):
            raise Http404  # another cluster's slug: as if it did not exist
        serializer.instance = services.target_create(
            actor=self.request.user, cluster=cluster, **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("cluster", None)  # a target keeps its scope
        serializer.instance = services.target_update(
            actor=self.request.user, target=serializer.instance, data=data
        )

    def perform_destroy(self, instance):
        services.target_delete(actor=self.request.user, target=instance)

    @extend_schema(responses=TargetProgressSerializer)
    @action(detail=True, methods=["get"])
    def progress(self, request, pk=None):
        """The target's actual value in its period, its share and the linear projection."""
        progress = selectors.target_progress(target=self.get_object(), user=request.user)
        return Response(TargetProgressSerializer(progress).data)


class SplitRowSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    organisations = serializers.IntegerField()


class TrendPointSerializer(serializers.Serializer):
    month = serializers.DateField(help_text="first day of the month or quarter")
    last_day = serializers.DateField()
    label = serializers.CharField()
    new = serializers.IntegerField()
    active = serializers.IntegerField()
    cumulative = serializers.IntegerField()


class ReachSerializer(serializers.Serializer):
    cluster = serializers.CharField(allow_null=True)
    start = serializers.DateField()
    end = serializers.DateField()
    organisations = serializers.IntegerField()
    creative = serializers.IntegerField()
    services = serializers.IntegerField()
    projected = serializers.FloatField(allow_null=True)
    splits = serializers.DictField(child=SplitRowSerializer(many=True))
    trend = TrendPointSerializer(many=True)
    network_organisations = serializers.IntegerField(allow_null=True)
    median_organisations = serializers.FloatField(allow_null=True)


REACH_PARAMETERS = [
    OpenApiParameter("cluster", OpenApiTypes.STR, description="cluster slug; none: network"),
    OpenApiParameter("start", OpenApiTypes.DATE),
    OpenApiParameter("end", OpenApiTypes.DATE),
    OpenApiParameter("country", OpenApiTypes.STR),
    OpenApiParameter("creative", OpenApiTypes.STR, enum=["yes", "no"]),
    OpenApiParameter("service_kind", OpenApiTypes.STR),
    OpenApiParameter("size", OpenApiTypes.STR),
    OpenApiParameter("sme_only", OpenApiTypes.STR, enum=["1"]),
    OpenApiParameter("by", OpenApiTypes.STR, enum=["month", "quarter"]),
    OpenApiParameter("split", OpenApiTypes.STR, enum=list(Split.values)),
    OpenApiParameter("value", OpenApiTypes.STR),
]


class ReachViewSet(viewsets.ViewSet):
    """Distinct organisations reached, with splits and monthly trend (as on the dashboard)."""

    permission_classes = [drf_permissions.IsAuthenticated]

    @extend_schema(parameters=REACH_PARAMETERS, responses=ReachSerializer)
    def list(self, request):
        user = request.user
        slug = request.query_params.get("cluster")
        if slug:
            scope = Scope(get_object_or_404(selectors.managed_clusters(user=user), slug=slug))
        elif permissions.can_view_network_records(user):
            scope = Scope()
        else:
            raise Http404
        period = period_from(
            request.query_params.get("start"),
            request.query_params.get("end"),
            selectors.default_period(scope),
        )
        return Response(ReachSerializer(_reach_body(scope, period, request.query_params)).data)


def _reach_body(scope: Scope, period: Period, params) -> dict:
    filters = reach.filters_from(params)
    summary = reach.reach_summary(scope=scope, period=period, filters=filters)
    trend = reach.reach_trend(scope=scope, period=period, filters=filters)
    body = {
        "cluster": scope.slug or None,
        "start": period.start,
        "end": period.end,
        "organisations": summary.organisations,
        "creative": summary.creative,
        "services": summary.services,
        "projected": selectors.projection(trend, period),
        "splits": {k: [vars(r) for r in rows] for k, rows in summary.splits.items()},
        "trend": [vars(p) for p in trend],
        "network_organisations": None,
        "median_organisations": None,
    }
    if scope.cluster is not None:
        comparison = selectors.cluster_comparison(
            cluster=scope.cluster, period=period, filters=filters
        )
        body["network_organisations"] = comparison.network_organisations
        body["median_organisations"] = comparison.median_organisations
    return body


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the project's API router."""
    router.register("targets", TargetViewSet, basename="target")
    router.register("reach", ReachViewSet, basename="reach")
