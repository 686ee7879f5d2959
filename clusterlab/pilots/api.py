"""REST API of pilot actions: the same selectors, permissions and services as the pages."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework import permissions as drf_permissions
from rest_framework.decorators import action
from rest_framework.response import Response

from clusterlab.core.params import int_or_none
from clusterlab.registry.models import Cluster, Organisation

from . import selectors, services
from .enums import Phase
from .models import Indicator, Measurement, Participant, Pilot


class PilotSerializer(serializers.ModelSerializer):
    lead_cluster = serializers.SlugRelatedField(slug_field="slug", queryset=Cluster.objects.all())
    partner_clusters = serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=Cluster.objects.all(), required=False
    )

    class Meta:
        model = Pilot
        fields = [
            "id",
            "code",
            "title",
            "lead_cluster",
            "partner_clusters",
            "is_cross_sectoral",
            "is_international",
            "is_social_community",
            "instrument",
            "hypothesis",
            "target_group",
            "description",
            "language",
            "starts_on",
            "ends_on",
            "status",
            "budget_eur",
            "assignment",
            "assignment_seed",
        ]
        read_only_fields = ["assignment", "assignment_seed"]


class RandomiseSerializer(serializers.Serializer):
    seed = serializers.IntegerField(min_value=0, max_value=2**31 - 1, required=False)


class GroupSummarySerializer(serializers.Serializer):
    group = serializers.CharField()
    n_baseline = serializers.IntegerField()
    n_endline = serializers.IntegerField()
    n_complete = serializers.IntegerField()
    baseline_mean = serializers.FloatField(allow_null=True)
    endline_mean = serializers.FloatField(allow_null=True)
    change_mean = serializers.FloatField(allow_null=True)


class EvaluationSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(source="indicator.pk")
    name = serializers.CharField(source="indicator.name")
    method = serializers.CharField(source="evaluation.method")
    estimate = serializers.FloatField(source="evaluation.estimate", allow_null=True)
    ci_low = serializers.FloatField(source="evaluation.ci_low", allow_null=True)
    ci_high = serializers.FloatField(source="evaluation.ci_high", allow_null=True)
    p_value = serializers.FloatField(source="evaluation.p_value", allow_null=True)
    standardised = serializers.FloatField(source="evaluation.standardised", allow_null=True)
    n = serializers.IntegerField(source="evaluation.n")
    n_missing_endline = serializers.IntegerField(source="evaluation.n_missing_endline")
    reading = serializers.CharField(source="evaluation.reading")
    target_met = serializers.BooleanField(allow_null=True)
    groups = GroupSummarySerializer(source="evaluation.groups", many=True)


class PilotViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Pilots of the caller's clusters (all for coordinators)."""

    serializer_class = PilotSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.pilot_list(user=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        partners = data.pop("partner_clusters", [])
        serializer.instance = services.pilot_create(
            actor=self.request.user, data=data, partner_clusters=partners
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        partners = data.pop("partner_clusters", None)
        serializer.instance = services.pilot_update(
            actor=self.request.user, pilot=serializer.instance, data=data, partner_clusters=partners
        )

    @extend_schema(responses=EvaluationSerializer(many=True))
    @action(detail=True, methods=["get"])
    def evaluation(self, request, pk=None):
        """Effect estimates per indicator, with 95% intervals and a plain reading."""
        results = selectors.pilot_evaluation(pilot=self.get_object())
        return Response(EvaluationSerializer(results, many=True).data)

    @extend_schema(request=RandomiseSerializer, responses=PilotSerializer)
    @action(detail=True, methods=["post"])
    def randomise(self, request, pk=None):
        """Assign participants at random, stratified by sector and size (seed kept)."""
        pilot = self.get_object()
        body = RandomiseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.participants_randomise(
            actor=request.user, pilot=pilot, seed=body.validated_data.get("seed")
        )
        pilot.refresh_from_db()
        return Response(self.get_serializer(pilot).data)


PILOT_PARAM = [OpenApiParameter("pilot", OpenApiTypes.INT)]


def _pilot_filter(request, rows, field: str = "pilot_id"):
    value = int_or_none(request.query_params.get("pilot"))
    return rows if value is None else rows.filter(**{field: value})


class PilotParticipantSerializer(serializers.ModelSerializer):
    pilot = serializers.PrimaryKeyRelatedField(queryset=Pilot.objects.none())
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Participant
        fields = ["id", "pilot", "organisation", "organisation_name", "group", "stratum"]
        read_only_fields = ["stratum"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            self.fields["pilot"].queryset = Pilot.objects.visible_to(request.user)


@extend_schema_view(list=extend_schema(parameters=PILOT_PARAM))
class ParticipantViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Participants of the caller's pilots; `group` changes by the manager's choice."""

    serializer_class = PilotParticipantSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        rows = Participant.objects.filter(
            pilot__in=Pilot.objects.visible_to(self.request.user).values("pk")
        ).select_related("organisation")
        return _pilot_filter(self.request, rows).order_by("pk")

    def perform_create(self, serializer):
        data = serializer.validated_data
        participant = services.participant_add(
            actor=self.request.user, pilot=data["pilot"], organisation=data["organisation"]
        )
        if data.get("group"):
            services.participant_set_group(
                actor=self.request.user, participant=participant, group=data["group"]
            )
        serializer.instance = participant

    def perform_update(self, serializer):
        participant = serializer.instance
        if serializer.validated_data.get("pilot", participant.pilot) != participant.pilot or (
            serializer.validated_data.get("organisation", participant.organisation)
            != participant.organisation
        ):
            raise serializers.ValidationError({"detail": "Add a new participant instead."})
        serializer.instance = services.participant_set_group(
            actor=self.request.user,
            participant=participant,
            group=serializer.validated_data.get("group", participant.group),
        )

    def perform_destroy(self, instance):
        services.participant_remove(actor=self.request.user, participant=instance)


class IndicatorSerializer(serializers.ModelSerializer):
    pilot = serializers.PrimaryKeyRelatedField(queryset=Pilot.objects.none())

    class Meta:
        model = Indicator
        fields = [
            "id",
            "pilot",
            "name",
            "unit",
            "direction",
            "target",
            "method",
            "question_code",
            "platform_metric",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            self.fields["pilot"].queryset = Pilot.objects.visible_to(request.user)


@extend_schema_view(list=extend_schema(parameters=PILOT_PARAM))
class IndicatorViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Indicators of the caller's pilots."""

    serializer_class = IndicatorSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        rows = Indicator.objects.filter(
            pilot__in=Pilot.objects.visible_to(self.request.user).values("pk")
        )
        return _pilot_filter(self.request, rows).order_by("pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        pilot = data.pop("pilot")
        serializer.instance = services.indicator_add(
            actor=self.request.user, pilot=pilot, data=data
        )

    def perform_destroy(self, instance):
        services.indicator_delete(actor=self.request.user, indicator=instance)


class MeasurementSerializer(serializers.ModelSerializer):
    indicator = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.none())
    participant = serializers.PrimaryKeyRelatedField(queryset=Participant.objects.none())
    phase = serializers.ChoiceField(choices=Phase.choices)
    value = serializers.FloatField(min_value=-1e12, max_value=1e12)

    class Meta:
        model = Measurement
        fields = ["id", "indicator", "participant", "phase", "value", "source", "recorded_at"]
        read_only_fields = ["source", "recorded_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            pilots = Pilot.objects.visible_to(request.user).values("pk")
            self.fields["indicator"].queryset = Indicator.objects.filter(pilot__in=pilots)
            self.fields["participant"].queryset = Participant.objects.filter(pilot__in=pilots)


@extend_schema_view(list=extend_schema(parameters=PILOT_PARAM))
class MeasurementViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Measurements of the caller's pilots; posting one stores (or replaces) a value."""

    serializer_class = MeasurementSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        rows = Measurement.objects.filter(
            indicator__pilot__in=Pilot.objects.visible_to(self.request.user).values("pk")
        )
        return _pilot_filter(self.request, rows, "indicator__pilot_id").order_by("pk")

    def perform_create(self, serializer):
        data = serializer.validated_data
        indicator, participant = data["indicator"], data["participant"]
        if participant.pilot_id != indicator.pilot_id:
            raise serializers.ValidationError({"participant": ["Not in this indicator's pilot."]})
        services.measurements_record(
            actor=self.request.user,
            indicator=indicator,
            phase=data["phase"],
            values={participant.pk: data["value"]},
        )
        serializer.instance = Measurement.objects.get(
            indicator=indicator, participant=participant, phase=data["phase"]
        )
