"""REST API of coaching and peer exchanges: the same selectors, permissions and services as
the pages. Engagements and sessions answer only their coach and coachee; applications only
the host's managers and the applicant."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework import permissions as drf_permissions
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from clusterlab.core.errors import NotAllowed
from clusterlab.registry.models import Cluster, Organisation

from . import forms, permissions, selectors, services
from .models import (
    Action,
    Application,
    Engagement,
    EngagementStep,
    ExchangeOffer,
    Scheme,
    SchemeStep,
    Session,
    VisitReport,
    VisitStop,
)


class SchemeStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = SchemeStep
        fields = ["position", "title", "purpose", "typical_duration", "tools", "outputs"]


class SchemeSerializer(serializers.ModelSerializer):
    steps = SchemeStepSerializer(many=True, read_only=True)

    class Meta:
        model = Scheme
        fields = ["id", "title", "summary", "audience", "language", "steps"]


class SchemeViewSet(viewsets.ReadOnlyModelViewSet):
    """Coaching schemes with their steps: readable by every logged-in user."""

    serializer_class = SchemeSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.scheme_list(user=self.request.user).prefetch_related("steps")


class EngagementStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = EngagementStep
        fields = ["id", "position", "title", "purpose", "completed_on", "output"]


class ActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Action
        fields = ["id", "session", "text", "due_on", "status", "done_on", "is_overdue"]


class EngagementSerializer(serializers.ModelSerializer):
    scheme = serializers.PrimaryKeyRelatedField(
        queryset=Scheme.objects.all(), allow_null=True, required=False
    )
    coach = serializers.PrimaryKeyRelatedField(read_only=True)
    coachee = serializers.PrimaryKeyRelatedField(
        queryset=forms.cluster_managers(), allow_null=True, required=False
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True, required=False
    )
    cluster = serializers.SlugRelatedField(
        slug_field="slug", queryset=Cluster.objects.all(), allow_null=True, required=False
    )
    steps = EngagementStepSerializer(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = Engagement
        fields = [
            "id",
            "title",
            "scheme",
            "coach",
            "coachee",
            "organisation",
            "cluster",
            "goals",
            "language",
            "status",
            "started_on",
            "closed_on",
            "outcomes",
            "goals_met",
            "next_steps",
            "steps",
            "actions",
        ]
        read_only_fields = ["status", "closed_on", "outcomes", "goals_met", "next_steps"]


class SessionSerializer(serializers.ModelSerializer):
    engagement = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Session
        fields = ["id", "engagement", "date", "duration_minutes", "notes"]


class SessionNotesSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "engagement", "date", "duration_minutes", "notes"]
        read_only_fields = ["engagement", "date"]


class CloseSerializer(serializers.Serializer):
    outcomes = serializers.CharField(max_length=4000)
    goals_met = serializers.ChoiceField(choices=Engagement._meta.get_field("goals_met").choices)
    next_steps = serializers.CharField(max_length=4000, required=False, default="")


class StepCompleteSerializer(serializers.Serializer):
    output = serializers.CharField(max_length=4000)


class EngagementViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Coaching engagements of the caller, as coach or coachee (nobody else sees them)."""

    serializer_class = EngagementSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        return (
            Engagement.objects.for_participant(self.request.user)
            .prefetch_related("steps", "actions")
            .order_by("pk")
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.engagement_create(
            actor=self.request.user,
            title=data["title"],
            scheme=data.get("scheme"),
            coachee=data.get("coachee"),
            organisation=data.get("organisation"),
            cluster=data.get("cluster"),
            goals=data.get("goals", ""),
            language=data.get("language", "en"),
            started_on=data.get("started_on"),
        )

    @extend_schema(methods=["get"], responses=SessionSerializer(many=True))
    @extend_schema(methods=["post"], request=SessionSerializer, responses=SessionSerializer)
    @action(detail=True, methods=["get", "post"])
    def sessions(self, request, pk=None):
        """The engagement's sessions with their notes; POST records a session held."""
        engagement = self.get_object()
        if request.method == "GET":
            return Response(SessionSerializer(engagement.sessions.all(), many=True).data)
        body = SessionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        session = services.session_add(
            actor=request.user, engagement=engagement, **body.validated_data
        )
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StepCompleteSerializer, responses=EngagementSerializer)
    @action(detail=True, methods=["post"], url_path="complete-step")
    def complete_step(self, request, pk=None):
        """Complete the current step with its output."""
        engagement = self.get_object()
        body = StepCompleteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        step = services.engagements.current_step(engagement)
        if step is None:
            raise serializers.ValidationError({"detail": _("Every step is completed.")})
        services.step_complete(actor=request.user, step=step, **body.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=engagement.pk)).data)

    @extend_schema(request=CloseSerializer, responses=EngagementSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the engagement with its review."""
        engagement = self.get_object()
        body = CloseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.engagement_close(actor=request.user, engagement=engagement, **body.validated_data)
        return Response(self.get_serializer(engagement).data)


class SessionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Sessions of the caller's engagements; their notes may be changed."""

    serializer_class = SessionNotesSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        engagements = Engagement.objects.for_participant(self.request.user).values("pk")
        return Session.objects.filter(engagement__in=engagements).order_by("pk")

    def perform_update(self, serializer):
        session = serializer.instance
        data = serializer.validated_data
        serializer.instance = services.session_update(
            actor=self.request.user,
            session=session,
            notes=data.get("notes", session.notes),
            duration_minutes=data.get("duration_minutes", session.duration_minutes),
        )


class VisitStopSerializer(serializers.ModelSerializer):
    class Meta:
        model = VisitStop
        fields = ["day", "time", "place", "what"]


class OfferSerializer(serializers.ModelSerializer):
    host_cluster = serializers.SlugRelatedField(slug_field="slug", queryset=Cluster.objects.all())
    stops = VisitStopSerializer(many=True, read_only=True)
    places_taken = serializers.IntegerField(source="n_accepted", read_only=True, default=0)

    class Meta:
        model = ExchangeOffer
        fields = [
            "id",
            "host_cluster",
            "kind",
            "title",
            "topics",
            "description",
            "language",
            "starts_on",
            "ends_on",
            "capacity",
            "places_taken",
            "status",
            "stops",
        ]


class ApplySerializer(serializers.Serializer):
    applicant_cluster = serializers.SlugRelatedField(
        slug_field="slug", queryset=Cluster.objects.all()
    )
    learning_goals = serializers.CharField(max_length=4000)


class ReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = VisitReport
        fields = ["saw", "will_try", "language", "toolbox_entry"]
        read_only_fields = ["toolbox_entry"]


class ApplicationSerializer(serializers.ModelSerializer):
    report = ReportSerializer(read_only=True)
    applicant_cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "offer",
            "applicant",
            "applicant_cluster",
            "learning_goals",
            "status",
            "decided_at",
            "report",
        ]
        read_only_fields = fields


class IsHostForWrites(drf_permissions.BasePermission):
    """Anyone logged in reads an offer; only the host cluster's managers change it (checked
    before the body is read, so an outsider's write is refused whatever it carries)."""

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in drf_permissions.SAFE_METHODS or view.action == "apply":
            return True
        return permissions.can_manage_offer(request.user, obj)


class OfferViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Offers to host peer exchanges and study visits: read by all logged-in users, written
    by the host cluster's managers."""

    serializer_class = OfferSerializer
    permission_classes = [drf_permissions.IsAuthenticated, IsHostForWrites]

    def get_queryset(self):
        offers = selectors.offer_list(user=self.request.user, include_past=True)
        return offers.prefetch_related("stops").order_by("pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.offer_create(
            actor=self.request.user, host_cluster=data.pop("host_cluster"), data=data
        )

    def perform_update(self, serializer):
        offer = serializer.instance
        data = dict(serializer.validated_data)
        if data.pop("host_cluster", offer.host_cluster) != offer.host_cluster:
            raise serializers.ValidationError({"host_cluster": [_("The host cannot change.")]})
        serializer.instance = services.offer_update(actor=self.request.user, offer=offer, data=data)

    @extend_schema(request=ApplySerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        """Apply to visit, as a manager of another cluster."""
        offer = self.get_object()
        body = ApplySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application = services.application_create(
            actor=request.user, offer=offer, **body.validated_data
        )
        return Response(ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Applications the caller made, or must answer as a manager of the host cluster."""

    serializer_class = ApplicationSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.application_list(user=self.request.user).order_by("pk")

    def _decide(self, request, accept: bool):
        application = self.get_object()
        if not permissions.can_manage_offer(request.user, application.offer):
            raise NotAllowed(_("Only the host cluster's managers answer applications."))
        services.application_decide(actor=request.user, application=application, accept=accept)
        return Response(self.get_serializer(self.get_queryset().get(pk=application.pk)).data)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept the application (never beyond the offer's places)."""
        return self._decide(request, True)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """Decline the application."""
        return self._decide(request, False)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw one's own application."""
        application = services.application_withdraw(
            actor=request.user, application=self.get_object()
        )
        return Response(self.get_serializer(application).data)

    @extend_schema(request=ReportSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        """Write or rewrite the visit report (the visitor, after the visit)."""
        application = self.get_object()
        body = ReportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report = services.report_write(
            actor=request.user, application=application, **body.validated_data
        )
        return Response(ReportSerializer(report).data)

    @extend_schema(request=None, responses=ReportSerializer)
    @action(detail=True, methods=["post"], url_path="toolbox-draft")
    def toolbox_draft(self, request, pk=None):
        """Turn the visit report into a draft toolbox case."""
        application = self.get_object()
        report = VisitReport.objects.filter(application=application).first()
        if report is None:
            raise serializers.ValidationError({"detail": _("Write the report first.")})
        services.report_to_toolbox_draft(actor=request.user, report=report)
        report.refresh_from_db()
        return Response(ReportSerializer(report).data)


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the project's API router."""
    router.register("coaching-schemes", SchemeViewSet, basename="coaching-scheme")
    router.register("coaching-engagements", EngagementViewSet, basename="coaching-engagement")
    router.register("coaching-sessions", SessionViewSet, basename="coaching-session")
    router.register("exchange-offers", OfferViewSet, basename="exchange-offer")
    router.register("exchange-applications", ApplicationViewSet, basename="exchange-application")
