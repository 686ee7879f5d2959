"""REST API of cooperation profiles: the same selectors and services as the pages."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from clusterlab.registry.api import PrivateOrganisationField, data_with_fixed_organisation
from clusterlab.registry.models import Capability, Country, NaceSector, Organisation

from . import selectors, services
from .enums import AgreementType, OutcomeStage
from .models import CooperationProfile, Introduction


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
        data = data_with_fixed_organisation(serializer, "A profile")
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


class VisibleTargetField(serializers.PrimaryKeyRelatedField):
    """An organisation the caller may see (the one to be introduced to)."""

    def get_queryset(self):
        return Organisation.objects.visible_to(self.context["request"].user)


class IntroductionSerializer(serializers.ModelSerializer):
    requester = PrivateOrganisationField()
    target = VisibleTargetField()
    contacts = serializers.SerializerMethodField()

    class Meta:
        model = Introduction
        fields = [
            "id",
            "requester",
            "target",
            "profile",
            "message",
            "status",
            "answer",
            "outcome",
            "agreement_type",
            "outcome_notes",
            "created_at",
            "responded_at",
            "contacts",
        ]
        read_only_fields = [
            "status",
            "answer",
            "outcome",
            "agreement_type",
            "outcome_notes",
            "responded_at",
        ]

    def get_contacts(self, obj) -> list[dict]:
        contacts = selectors.introduction_contacts(
            user=self.context["request"].user, introduction=obj
        )
        return [
            {"name": str(c), "email": c.email, "phone": c.phone, "role": c.role} for c in contacts
        ]


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[c for c in OutcomeStage.choices if c[0]])
    agreement_type = serializers.ChoiceField(
        choices=AgreementType.choices, required=False, allow_blank=True
    )
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class IntroductionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Introductions the caller may act on; contacts appear once accepted."""

    serializer_class = IntroductionSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.introduction_list(user=self.request.user).order_by("-pk")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.introduction_request(
            actor=self.request.user,
            requester=data["requester"],
            target=data["target"],
            message=data["message"],
            profile=data.get("profile"),
        )

    def _answer(self, request, accept: bool):
        introduction = self.get_object()  # another's introduction is a 404 before any parsing
        body = AnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        introduction = services.introduction_answer(
            actor=request.user,
            introduction=introduction,
            accept=accept,
            answer=body.validated_data.get("answer", ""),
        )
        return Response(self.get_serializer(introduction).data)

    @extend_schema(request=AnswerSerializer, responses=IntroductionSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept (the other side only); reveals contacts."""
        return self._answer(request, accept=True)

    @extend_schema(request=AnswerSerializer, responses=IntroductionSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """Decline (the other side only)."""
        return self._answer(request, accept=False)

    @extend_schema(request=None, responses=IntroductionSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw a waiting request (the requester only)."""
        introduction = services.introduction_withdraw(
            actor=request.user, introduction=self.get_object()
        )
        return Response(self.get_serializer(introduction).data)

    @extend_schema(request=OutcomeSerializer, responses=IntroductionSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        """Record what came of an accepted introduction."""
        introduction = self.get_object()
        body = OutcomeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        introduction = services.introduction_outcome(
            actor=request.user, introduction=introduction, **body.validated_data
        )
        return Response(self.get_serializer(introduction).data)


class RecommendationSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(source="organisation.pk")
    name = serializers.CharField(source="organisation.name")
    country = serializers.CharField(source="organisation.country_id")
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class RecommendationsView(generics.GenericAPIView):
    """Top partners for an organisation the caller acts for, with reasons (202 while the
    index is being prepared)."""

    serializer_class = RecommendationSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Organisation.objects.private_to(self.request.user)

    @extend_schema(responses=RecommendationSerializer(many=True))
    def get(self, request, pk: int):
        organisation = self.get_object()
        found = selectors.organisation_recommendations(user=request.user, organisation=organisation)
        if found is None:
            return Response({"detail": "Recommendations are being prepared."}, status=202)
        recommendations, _built_at = found
        return Response(self.get_serializer(recommendations, many=True).data)


class SuggestedIntroductionSerializer(serializers.Serializer):
    member = serializers.IntegerField(source="member.pk")
    member_name = serializers.CharField(source="member.name")
    partner = serializers.IntegerField(source="partner.pk")
    partner_name = serializers.CharField(source="partner.name")
    score = serializers.FloatField()
    cross_sectoral = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())


class PartnerClusterSerializer(serializers.Serializer):
    cluster = serializers.CharField(source="cluster.slug")
    name = serializers.CharField(source="cluster.name")
    score = serializers.FloatField()
    pairs = serializers.IntegerField()
    reasons = serializers.ListField(child=serializers.CharField())


class ClusterMatchmakingSerializer(serializers.Serializer):
    introductions = SuggestedIntroductionSerializer(many=True)
    partner_clusters = PartnerClusterSerializer(many=True)


class ClusterMatchmakingView(generics.GenericAPIView):
    """For a cluster's managers: introductions to make and clusters that fit (202 while the
    index is being prepared)."""

    serializer_class = ClusterMatchmakingSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "slug"

    def get_queryset(self):
        from clusterlab.registry.models import Cluster

        return Cluster.objects.managed_by(self.request.user)

    def get(self, request, slug: str):
        cluster = self.get_object()
        found = selectors.cluster_matchmaking(user=request.user, cluster=cluster)
        if found is None:
            return Response({"detail": "Recommendations are being prepared."}, status=202)
        introductions, partners = found
        return Response(
            self.get_serializer({"introductions": introductions, "partner_clusters": partners}).data
        )
