"""REST API of self-assessments: the cluster's managers and the coordinator only."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework import permissions as drf_permissions
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from clusterlab.core.errors import NotAllowed
from clusterlab.registry.models import Cluster

from . import selectors, services
from .models import Assessment, AssessmentStatus


class ExcellenceReportRowSerializer(serializers.Serializer):
    code = serializers.CharField(source="indicator.code")
    area = serializers.CharField(source="indicator.area")
    label = serializers.CharField(source="indicator.label")
    computed = serializers.BooleanField(source="indicator.computed")
    unit = serializers.CharField(source="indicator.unit")
    value = serializers.CharField(allow_null=True)
    network_median = serializers.FloatField(source="median", allow_null=True)
    evidence_url = serializers.CharField()
    comment = serializers.CharField()


class ExcellenceAssessmentSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="slug", queryset=Cluster.objects.all())

    class Meta:
        model = Assessment
        fields = ["id", "cluster", "title", "status", "created_at", "updated_at"]
        read_only_fields = ["status", "created_at", "updated_at"]
        extra_kwargs = {"title": {"required": False}}


class ExcellenceAssessmentDetailSerializer(ExcellenceAssessmentSerializer):
    indicators = serializers.SerializerMethodField()

    class Meta(ExcellenceAssessmentSerializer.Meta):
        fields = [*ExcellenceAssessmentSerializer.Meta.fields, "indicators"]

    @extend_schema(responses=ExcellenceReportRowSerializer(many=True))
    def get_indicators(self, obj) -> list[dict]:
        report = selectors.assessment_report(assessment=obj, user=self.context["request"].user)
        rows = [row for area in report.areas for row in area.rows]
        return ExcellenceReportRowSerializer(rows, many=True).data


class ExcellenceAnswerSerializer(serializers.Serializer):
    indicator = serializers.CharField(max_length=60)
    value = serializers.CharField(max_length=300, allow_blank=True)
    comment = serializers.CharField(max_length=4000, allow_blank=True, required=False, default="")


class ExcellenceAnswersSerializer(serializers.Serializer):
    answers = ExcellenceAnswerSerializer(many=True, max_length=100)
    status = serializers.ChoiceField(choices=AssessmentStatus.choices, required=False)


class AssessmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Self-assessments of the clusters the caller manages (all for the coordinator)."""

    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Assessment.objects.none()
        return selectors.assessment_list(user=self.request.user)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ExcellenceAssessmentDetailSerializer
        if self.action == "answers":
            return ExcellenceAnswersSerializer
        return ExcellenceAssessmentSerializer

    def perform_create(self, serializer):
        cluster = serializer.validated_data["cluster"]
        if not selectors.assessable_clusters(user=self.request.user).filter(pk=cluster.pk).exists():
            raise NotAllowed(_("Only the cluster's managers and the coordinator assess it."))
        serializer.instance = services.assessment_create(
            actor=self.request.user,
            cluster=cluster,
            title=serializer.validated_data.get("title", ""),
        )

    @extend_schema(request=ExcellenceAnswersSerializer, responses=ExcellenceAssessmentSerializer)
    @action(detail=True, methods=["post"])
    def answers(self, request, pk=None):
        """Save the manager's answers to the questions the platform cannot compute."""
        assessment = self.get_object()
        serializer = ExcellenceAnswersSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.assessment_answers_save(
            actor=request.user,
            assessment=assessment,
            answers={a["indicator"]: (a["value"], a.get("comment", "")) for a in data["answers"]},
            status=data.get("status"),
        )
        assessment.refresh_from_db()
        return Response(ExcellenceAssessmentSerializer(assessment).data, status=status.HTTP_200_OK)


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the project's API router."""
    router.register("excellence-assessments", AssessmentViewSet, basename="excellence-assessment")
