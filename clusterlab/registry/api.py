"""REST API of the registry: ViewSets whose hooks call the same selectors and services."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import selectors, services
from .enums import MembershipStatus
from .models import (
    Capability,
    Cluster,
    Contact,
    CreativeDefinitionEntry,
    CreativeDefinitionSet,
    LetterOfSupport,
    Membership,
    NaceSector,
    NutsRegion,
    Organisation,
    ServiceRecord,
)


class PrivateOrganisationField(serializers.PrimaryKeyRelatedField):
    """An organisation id the caller may see the private data of; others do not exist."""

    def get_queryset(self):
        return Organisation.objects.private_to(self.context["request"].user)


class VisibleOrganisationField(serializers.PrimaryKeyRelatedField):
    """An organisation id whose profile the caller may see; others do not exist."""

    def get_queryset(self):
        return Organisation.objects.visible_to(self.context["request"].user)


def data_with_fixed_organisation(serializer, what: str) -> dict:
    """Return an update's validated data, refusing a change of the owning organisation."""
    data = dict(serializer.validated_data)
    if (
        data.pop("organisation", serializer.instance.organisation)
        != serializer.instance.organisation
    ):
        raise serializers.ValidationError({"organisation": f"{what} cannot move."})
    return data


# --- Reference data ------------------------------------------------------------------------


class NaceSectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = NaceSector
        fields = [
            "id",
            "version",
            "code",
            "level",
            "section",
            "name_en",
            "name_de",
            "name_fr",
            "name_es",
            "name_it",
            "name_pl",
            "name_ca",
        ]


class NutsRegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = NutsRegion
        fields = ["code", "level", "parent", "country", "name", "name_native", "system"]


class CapabilitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Capability
        fields = [
            "id",
            "code",
            "group",
            "label_en",
            "label_de",
            "label_fr",
            "label_es",
            "label_it",
            "label_pl",
            "label_ca",
        ]


class CreativeEntrySerializer(serializers.ModelSerializer):
    nace_code = serializers.CharField(source="sector.code")

    class Meta:
        model = CreativeDefinitionEntry
        fields = ["nace_code", "domain", "share", "note"]


class CreativeSetSerializer(serializers.ModelSerializer):
    entries = CreativeEntrySerializer(many=True, read_only=True)

    class Meta:
        model = CreativeDefinitionSet
        fields = ["slug", "name", "source", "nace_version", "entries"]


class NaceSectorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = NaceSector.objects.order_by("code")
    serializer_class = NaceSectorSerializer
    permission_classes = [permissions.AllowAny]


class NutsRegionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = NutsRegion.objects.order_by("code")
    serializer_class = NutsRegionSerializer
    permission_classes = [permissions.AllowAny]


class CapabilityViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Capability.objects.order_by("code")
    serializer_class = CapabilitySerializer
    permission_classes = [permissions.AllowAny]


class CreativeSetViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = CreativeDefinitionSet.objects.prefetch_related(
        Prefetch("entries", queryset=CreativeDefinitionEntry.objects.select_related("sector"))
    )
    serializer_class = CreativeSetSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "slug"


# --- Organisations ---------------------------------------------------------------------------


class OrganisationSerializer(serializers.ModelSerializer):
    sectors = serializers.SlugRelatedField(
        many=True,
        slug_field="code",
        required=False,
        queryset=NaceSector.objects.filter(version="2"),
    )
    capabilities_offered = serializers.SlugRelatedField(
        many=True, slug_field="code", required=False, queryset=Capability.objects.all()
    )
    capabilities_sought = serializers.SlugRelatedField(
        many=True, slug_field="code", required=False, queryset=Capability.objects.all()
    )
    clusters = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kind",
            "country",
            "region",
            "city",
            "size_band",
            "founded_year",
            "website",
            "description",
            "description_language",
            "sectors",
            "capabilities_offered",
            "capabilities_sought",
            "languages",
            "export_markets",
            "is_creative",
            "visibility",
            "clusters",
        ]
        read_only_fields = ["is_creative"]

    def get_clusters(self, obj) -> list[str]:
        memberships = getattr(obj, "current_memberships", None)
        if memberships is None:  # a fresh instance from a service: nothing prefetched
            return list(
                obj.memberships.filter(status=MembershipStatus.ACTIVE)
                .order_by("cluster__slug")
                .values_list("cluster__slug", flat=True)
            )
        return [m.cluster.slug for m in memberships]

    def validate(self, attrs):
        region, country = attrs.get("region"), attrs.get("country")
        if self.instance is not None:
            region = region if "region" in attrs else self.instance.region
            country = country if "country" in attrs else self.instance.country
        if region and country and region.country_id != country.pk:
            raise serializers.ValidationError({"region": "The region is not in the country."})
        return attrs


class OrganisationCreateSerializer(OrganisationSerializer):
    cluster = serializers.SlugRelatedField(
        slug_field="slug", queryset=Cluster.objects.all(), write_only=True
    )

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields, "cluster"]


DIRECTORY_PARAMS = [
    OpenApiParameter(name, OpenApiTypes.STR, description=text)
    for name, text in (
        ("q", "words in name, city or description"),
        ("country", "Eurostat country code"),
        ("region", "NUTS code (includes sub-regions)"),
        ("sector", "NACE code or section"),
        ("creative_domain", "domain in the network's default creative set"),
        ("creative", "yes / no"),
        ("kind", "organisation kind"),
        ("size", "size band"),
        ("cluster", "cluster slug"),
    )
]


@extend_schema_view(list=extend_schema(parameters=DIRECTORY_PARAMS))
class OrganisationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Organisations the caller may see; members and managers edit their own."""

    serializer_class = OrganisationSerializer

    def get_queryset(self):
        if self.action == "list":
            filters = selectors.DirectoryFilters.from_params(self.request.query_params)
            base = selectors.organisation_directory(user=self.request.user, filters=filters)
        elif self.action in ("update", "partial_update"):
            base = selectors.organisation_private(user=self.request.user)
        else:
            base = Organisation.objects.visible_to(self.request.user)
        return (
            selectors.organisation_cards(base)
            .prefetch_related(
                "capabilities_offered", "capabilities_sought", "languages", "export_markets"
            )
            .order_by("name", "pk")
        )

    def get_serializer_class(self):
        return OrganisationCreateSerializer if self.action == "create" else OrganisationSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        cluster = data.pop("cluster")
        serializer.instance = services.organisation_create(
            actor=self.request.user, data=data, cluster=cluster
        )

    def perform_update(self, serializer):
        serializer.instance = services.organisation_update(
            actor=self.request.user,
            organisation=serializer.instance,
            data=dict(serializer.validated_data),
        )


class ClusterSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True)
    sectors = serializers.SlugRelatedField(
        many=True,
        slug_field="code",
        required=False,
        queryset=NaceSector.objects.filter(version="2"),
    )

    class Meta:
        model = Cluster
        read_only_fields = ["slug", "managing_organisation"]
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "country",
            "managing_organisation",
            "sectors",
            "regions",
            "description",
            "description_language",
            "website",
            "founded_year",
            "member_count",
        ]


class ClusterViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Cluster profiles are public; their managers edit them."""

    serializer_class = ClusterSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    lookup_field = "slug"

    def get_queryset(self):
        if self.action in ("update", "partial_update"):
            base = selectors.cluster_managed(user=self.request.user)
        else:
            base = selectors.cluster_list(user=self.request.user)
        return base.prefetch_related("sectors", "regions").order_by("name")

    def perform_update(self, serializer):
        serializer.instance = services.cluster_update(
            actor=self.request.user,
            cluster=serializer.instance,
            data=dict(serializer.validated_data),
        )


# --- Private data: memberships, contacts, services ------------------------------------------


class MembershipSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="slug", queryset=Cluster.objects.all())
    organisation = VisibleOrganisationField()

    class Meta:
        model = Membership
        fields = ["id", "cluster", "organisation", "status", "joined", "left"]


class MembershipViewSet(viewsets.ModelViewSet):
    """Memberships of the clusters the caller manages. DELETE ends a membership (kept)."""

    serializer_class = MembershipSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return (
            Membership.objects.filter(cluster__in=Cluster.objects.managed_by(self.request.user))
            .select_related("cluster")
            .order_by("pk")
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.membership_add(
            actor=self.request.user,
            cluster=data["cluster"],
            organisation=data["organisation"],
            status=data.get("status", MembershipStatus.ACTIVE),
            joined=data.get("joined"),
        )

    def perform_update(self, serializer):
        data = serializer.validated_data
        membership = serializer.instance
        if (
            data.get("cluster", membership.cluster) != membership.cluster
            or data.get("organisation", membership.organisation) != membership.organisation
        ):
            raise serializers.ValidationError({"detail": "Cluster and organisation are fixed."})
        serializer.instance = services.membership_update(
            actor=self.request.user,
            membership=membership,
            status=data.get("status", membership.status),
            joined=data.get("joined"),
            left=data.get("left"),
        )

    def destroy(self, request, *args, **kwargs):
        membership = services.membership_remove(actor=request.user, membership=self.get_object())
        return Response(self.get_serializer(membership).data, status=status.HTTP_200_OK)


class ContactSerializer(serializers.ModelSerializer):
    organisation = PrivateOrganisationField()

    class Meta:
        model = Contact
        fields = [
            "id",
            "organisation",
            "first_name",
            "last_name",
            "email",
            "phone",
            "role",
            "languages",
            "erased_at",
        ]
        read_only_fields = ["erased_at"]


class ContactViewSet(viewsets.ModelViewSet):
    """Contact persons of organisations whose private data the caller may see."""

    serializer_class = ContactSerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return (
            selectors.contact_visible(user=self.request.user)
            .prefetch_related("languages")
            .order_by("pk")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        serializer.instance = services.contact_create(
            actor=self.request.user, organisation=organisation, data=data
        )

    def perform_update(self, serializer):
        data = data_with_fixed_organisation(serializer, "A contact")
        serializer.instance = services.contact_update(
            actor=self.request.user, contact=serializer.instance, data=data
        )

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def export(self, request, pk=None):
        """Everything held about this person (GDPR access)."""
        return Response(services.contact_export(actor=request.user, contact=self.get_object()))

    @extend_schema(request=None, responses=ContactSerializer)
    @action(detail=True, methods=["post"])
    def erase(self, request, pk=None):
        """Anonymise this person everywhere (GDPR erasure)."""
        contact = services.contact_erase(actor=request.user, contact=self.get_object())
        return Response(self.get_serializer(contact).data)


class ServiceRecordSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="slug", queryset=Cluster.objects.all())
    organisation = PrivateOrganisationField()

    class Meta:
        model = ServiceRecord
        fields = ["id", "cluster", "organisation", "kind", "date", "description"]


class ServiceRecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The service log of the caller's clusters."""

    serializer_class = ServiceRecordSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.service_list(user=self.request.user).order_by("-date", "-pk")

    def perform_create(self, serializer):
        serializer.instance = services.service_record(
            actor=self.request.user, **serializer.validated_data
        )


class LetterOfSupportSerializer(serializers.ModelSerializer):
    organisation = PrivateOrganisationField()

    class Meta:
        model = LetterOfSupport
        fields = ["id", "organisation", "date", "commitment"]


class LetterOfSupportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Letters of support of organisations whose private data the caller may see."""

    serializer_class = LetterOfSupportSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.letter_visible(user=self.request.user).order_by("-date", "pk")

    def perform_create(self, serializer):
        serializer.instance = services.letter_of_support_create(
            actor=self.request.user, **serializer.validated_data
        )
