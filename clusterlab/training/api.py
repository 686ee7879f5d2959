"""REST API of the training app: the same selectors, permissions and services as the pages."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework import permissions as drf_permissions
from rest_framework.routers import DefaultRouter

from clusterlab.core.errors import DomainError
from clusterlab.core.params import int_or_none
from clusterlab.registry.models import Cluster

from . import selectors, services
from .models import Assessment, Attendance, Competence, Enrolment, Programme, Rating, TrainingModule


class CompetenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Competence
        fields = ["id", "code", "position", "name", "description", "levels", "expected_level"]


class RatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = ["competence", "level", "target"]


class AssessmentSerializer(serializers.ModelSerializer):
    ratings = RatingSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "subject", "rater", "role", "programme", "phase", "submitted_at", "ratings"]


class ModuleSerializer(serializers.ModelSerializer):
    competences = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Competence.objects.filter(is_active=True), required=False
    )
    languages = serializers.ListField(child=serializers.CharField(max_length=8), required=False)

    class Meta:
        model = TrainingModule
        fields = [
            "id",
            "title",
            "summary",
            "competences",
            "format",
            "duration_hours",
            "languages",
            "is_active",
        ]


class ProgrammeSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="slug", queryset=Cluster.objects.all())

    class Meta:
        model = Programme
        fields = ["id", "title", "summary", "cluster", "language", "starts_on", "ends_on", "status"]


class EnrolmentSerializer(serializers.ModelSerializer):
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.none())

    class Meta:
        model = Enrolment
        fields = ["id", "programme", "participant", "status", "completed_on"]
        read_only_fields = ["status", "completed_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["programme"].queryset = Programme.objects.run_by(request.user)
        # Enrolment accepts cluster managers only; the service checks it.
        self.fields["participant"].queryset = services.enrollable_managers()


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["id", "session", "enrolment", "present"]


@extend_schema_view(list=extend_schema(summary="The competence framework"))
class CompetenceViewSet(viewsets.ReadOnlyModelViewSet):
    """The competence framework (the coordinator edits it on the pages)."""

    serializer_class = CompetenceSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.competence_list()


class AssessmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Assessments about the caller and those the caller was asked to give."""

    serializer_class = AssessmentSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Assessment.objects.none()
        return selectors.assessment_visible(user=self.request.user).prefetch_related("ratings")


class ModuleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The module catalogue; coordinators and trainers write it."""

    serializer_class = ModuleSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.module_list(active_only=False)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        competences = data.pop("competences", None)
        serializer.instance = services.module_create(
            actor=self.request.user, data=data, competences=competences
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        competences = data.pop("competences", None)
        serializer.instance = services.module_update(
            actor=self.request.user, module=serializer.instance, data=data, competences=competences
        )


class ProgrammeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Programmes the caller runs or takes part in."""

    serializer_class = ProgrammeSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.programme_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.programme_create(
            actor=self.request.user, data=dict(serializer.validated_data)
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if data.pop("cluster", serializer.instance.cluster) != serializer.instance.cluster:
            raise DomainError(_("The organising cluster cannot change."), field="cluster")
        serializer.instance = services.programme_update(
            actor=self.request.user, programme=serializer.instance, data=data
        )


PROGRAMME_PARAM = [OpenApiParameter("programme", OpenApiTypes.INT)]


def _programme_filter(request, rows, field: str):
    value = int_or_none(request.query_params.get("programme"))
    return rows if value is None else rows.filter(**{field: value})


@extend_schema_view(list=extend_schema(parameters=PROGRAMME_PARAM))
class EnrolmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Enrolments of programmes the caller runs, and the caller's own."""

    serializer_class = EnrolmentSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Enrolment.objects.none()
        user = self.request.user
        runs = Programme.objects.run_by(user).values("pk")
        rows = Enrolment.objects.filter(Q(programme__in=runs) | Q(participant=user))
        return _programme_filter(self.request, rows, "programme_id").order_by("pk")

    def perform_create(self, serializer):
        serializer.instance = services.enrolment_create(
            actor=self.request.user,
            programme=serializer.validated_data["programme"],
            participant=serializer.validated_data["participant"],
        )


@extend_schema_view(list=extend_schema(parameters=PROGRAMME_PARAM))
class AttendanceViewSet(viewsets.ReadOnlyModelViewSet):
    """Attendance in programmes the caller runs, and the caller's own (recorded on the pages)."""

    serializer_class = AttendanceSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Attendance.objects.none()
        user = self.request.user
        runs = Programme.objects.run_by(user).values("pk")
        rows = Attendance.objects.filter(
            Q(session__programme__in=runs) | Q(enrolment__participant=user)
        )
        return _programme_filter(self.request, rows, "session__programme_id").order_by("pk")


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the project's API router."""
    router.register("training-competences", CompetenceViewSet, basename="training-competence")
    router.register("training-assessments", AssessmentViewSet, basename="training-assessment")
    router.register("training-modules", ModuleViewSet, basename="training-module")
    router.register("training-programmes", ProgrammeViewSet, basename="training-programme")
    router.register("training-enrolments", EnrolmentViewSet, basename="training-enrolment")
    router.register("training-attendance", AttendanceViewSet, basename="training-attendance")
