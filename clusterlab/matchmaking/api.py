"""REST API of cooperation profiles: the same selectors and services as the pages."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from clusterlab.registry.api import PrivateOrganisationField
from clusterlab.registry.models import Capability, Country, NaceSector

from . import selectors, services
from .models import CooperationProfile


class CooperationProfileSerializer(serializers.ModelSerializer):
    organisation = PrivateOrganisationField()
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    capabilities = serializers.SlugRelatedField(
        many=True, slug_field="code", required=False, queryset=Capability.objects.all()
    )
    sectors_sought = serializers.SlugRelatedField(
        many=True,
        slug_field="code",
        required=False,
        queryset=NaceSector.objects.filter(version="2"),
    )
    target_countries = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Country.objects.all()
    )

    class Meta:
        model = CooperationProfile
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "kind",
            "profile_type",
            "title",
            "description",
            "language",
            "capabilities",
            "sectors_sought",
            "target_countries",
            "deadline",
            "status",
            "visibility",
            "published_at",
        ]
        read_only_fields = ["status", "published_at"]


MARKETPLACE_PARAMS = [
    OpenApiParameter(name, OpenApiTypes.STR)
    for name in (
        "q",
        "kind",
        "profile_type",
        "country",
        "sector",
        "capability",
        "creative",
        "cluster",
    )
]


@extend_schema_view(list=extend_schema(parameters=MARKETPLACE_PARAMS))
class CooperationProfileViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Offers and requests: the list is the marketplace; members and managers edit theirs."""

    serializer_class = CooperationProfileSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            filters = selectors.MarketplaceFilters.from_params(self.request.query_params)
            base = selectors.profile_marketplace(user=user, filters=filters)
        elif self.action in ("update", "partial_update", "publish", "close"):
            base = selectors.profile_editable(user=user)
        else:
            base = CooperationProfile.objects.visible_to(user)
        return selectors.profile_cards(base).prefetch_related("sectors_sought").order_by("-pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        serializer.instance = services.profile_create(
            actor=self.request.user, organisation=organisation, data=data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if (
            data.pop("organisation", serializer.instance.organisation)
            != serializer.instance.organisation
        ):
            raise serializers.ValidationError({"organisation": "A profile cannot move."})
        serializer.instance = services.profile_update(
            actor=self.request.user, profile=serializer.instance, data=data
        )

    @extend_schema(request=None, responses=CooperationProfileSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish a draft."""
        profile = services.profile_publish(actor=request.user, profile=self.get_object())
        return Response(self.get_serializer(profile).data)

    @extend_schema(request=None, responses=CooperationProfileSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close an offer or request."""
        profile = services.profile_close(actor=request.user, profile=self.get_object())
        return Response(self.get_serializer(profile).data)
