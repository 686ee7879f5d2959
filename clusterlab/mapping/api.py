"""REST API of cluster mapping: read-only figures per region × sector group × year (public)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from clusterlab.core.errors import DomainError
from clusterlab.core.params import int_or_none

from . import selectors


class MappingSectorGroupSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.CharField()
    label = serializers.CharField()
    source = serializers.CharField()


class MappingRegionFigureSerializer(serializers.Serializer):
    region_code = serializers.CharField()
    region_name = serializers.CharField()
    country = serializers.CharField()
    employment = serializers.FloatField()
    region_total = serializers.FloatField()
    share = serializers.FloatField(allow_null=True)
    lq = serializers.FloatField(allow_null=True)
    focus = serializers.FloatField(allow_null=True)
    size_star = serializers.BooleanField()
    specialisation_star = serializers.BooleanField()
    focus_star = serializers.BooleanField()
    stars = serializers.IntegerField()


class MappingGroupViewSet(viewsets.ViewSet):
    """Sector groups that can be mapped, and the years with statistics."""

    permission_classes = [drf_permissions.AllowAny]

    @extend_schema(responses=MappingSectorGroupSerializer(many=True))
    def list(self, request):
        return Response(MappingSectorGroupSerializer(selectors.mapping_groups(), many=True).data)


class MappingFigureViewSet(viewsets.GenericViewSet):
    """Employment, location quotient, share, focus and stars of every NUTS 2 region."""

    permission_classes = [drf_permissions.AllowAny]
    serializer_class = MappingRegionFigureSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("group", OpenApiTypes.STR, required=True, description="Group key"),
            OpenApiParameter("year", OpenApiTypes.INT, description="Default: the latest year"),
            OpenApiParameter("region", OpenApiTypes.STR, description="Only this NUTS code"),
        ]
    )
    def list(self, request):
        years = selectors.mapping_years()
        raw_year = request.query_params.get("year")
        year = int_or_none(raw_year) if raw_year else (years[0] if years else None)
        if year not in years:
            raise DomainError(_("No statistics for this year."), field="year")
        group = request.query_params.get("group", "")
        if group not in {g.key for g in selectors.mapping_groups()}:
            raise DomainError(_("Unknown sector group: see /api/mapping-groups/."), field="group")
        figures = selectors.region_figures(year=year, group_key=group)
        region = request.query_params.get("region")
        if region:
            figures = [f for f in figures if f.region_code == region.upper()]
        page = self.paginate_queryset(figures)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the project's API router."""
    router.register("mapping-groups", MappingGroupViewSet, basename="mapping-group")
    router.register("mapping-figures", MappingFigureViewSet, basename="mapping-figure")
