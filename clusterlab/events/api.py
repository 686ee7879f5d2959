"""REST API of events and brokerage: the same selectors, permissions and services as the pages."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework import permissions as drf_permissions
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from clusterlab.core.params import int_or_none
from clusterlab.registry.models import Cluster, Language

from . import permissions, selectors, services
from .enums import EventKind, ParticipantType, Priority, RegistrationStatus
from .models import Event, Meeting, MeetingRequest, MeetingSlot, Registration, ScheduleRun


class EventSerializer(serializers.ModelSerializer):
    clusters = serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=Cluster.objects.all()
    )
    languages = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Language.objects.all()
    )
    max_meetings_by_type = serializers.DictField(
        child=serializers.IntegerField(min_value=0), required=False
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "kind",
            "clusters",
            "description",
            "description_language",
            "starts_at",
            "ends_at",
            "time_zone",
            "venue",
            "online_url",
            "capacity",
            "registration_opens",
            "registration_closes",
            "audience",
            "languages",
            "is_published",
            "meeting_tables",
            "request_rule",
            "max_meetings",
            "max_meetings_by_type",
            "request_expiry_hours",
            "schedule_published_at",
        ]
        read_only_fields = ["schedule_published_at"]

    def validate_max_meetings_by_type(self, value):
        unknown = set(value) - set(ParticipantType.values)
        if unknown:
            raise serializers.ValidationError(f"Unknown participant types: {sorted(unknown)}")
        return value


EVENT_PARAMS = [
    OpenApiParameter("kind", OpenApiTypes.STR, enum=EventKind.values),
    OpenApiParameter("cluster", OpenApiTypes.STR, description="cluster slug"),
    OpenApiParameter("when", OpenApiTypes.STR, enum=["upcoming", "past", "all"]),
]


class RegisterSerializer(serializers.Serializer):
    answers = serializers.DictField(required=False, default=dict)


class SlotsSerializer(serializers.Serializer):
    first_start = serializers.DateTimeField()
    count = serializers.IntegerField(min_value=1, max_value=64)
    minutes = serializers.IntegerField(min_value=5, max_value=180)
    pause_minutes = serializers.IntegerField(min_value=0, max_value=600, default=5)
    break_after = serializers.IntegerField(min_value=0, max_value=64, default=0)
    break_minutes = serializers.IntegerField(min_value=0, max_value=600, default=0)


class MeetingSlotSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingSlot
        fields = ["id", "event", "starts_at", "ends_at"]


class ScheduleRunSerializer(serializers.ModelSerializer):
    ratio_to_bound = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = ScheduleRun
        fields = [
            "id",
            "event",
            "status",
            "created_at",
            "finished_at",
            "requests",
            "kept",
            "scheduled",
            "upper_bound",
            "ratio_to_bound",
            "weight",
            "weight_upper_bound",
            "greedy_scheduled",
            "idle_gaps",
            "solve_s",
            "error",
        ]


class ParticipantSerializer(serializers.ModelSerializer):
    """What other participants see: no e-mail, no answers."""

    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "name",
            "organisation",
            "organisation_name",
            "participant_type",
            "offer",
            "seek",
            "cooperation_profile",
        ]


class AgendaLineSerializer(serializers.Serializer):
    slot = serializers.IntegerField(source="slot.pk")
    starts_at = serializers.DateTimeField(source="slot.starts_at")
    ends_at = serializers.DateTimeField(source="slot.ends_at")
    available = serializers.BooleanField()
    meeting = serializers.IntegerField(source="meeting.pk", allow_null=True, default=None)
    table = serializers.IntegerField(source="meeting.table", allow_null=True, default=None)
    partner = ParticipantSerializer(allow_null=True)


class RegistrationSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    unavailable_slots = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=MeetingSlot.objects.all()
    )

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "organisation",
            "organisation_name",
            "name",
            "email",
            "status",
            "answers",
            "participant_type",
            "offer",
            "seek",
            "cooperation_profile",
            "unavailable_slots",
            "checked_in_at",
            "created_at",
        ]
        read_only_fields = [
            "event",
            "organisation",
            "name",
            "email",
            "status",
            "answers",
            "cooperation_profile",
            "checked_in_at",
            "created_at",
        ]


def _of_event(request, rows):
    """Narrow a list to one event when `?event=` names one."""
    event = int_or_none(request.query_params.get("event"))
    return rows if event is None else rows.filter(event_id=event)


class IsOrganiserOrReadOnly(drf_permissions.BasePermission):
    """Changing an event is for its organisers; checked before the body is read."""

    def has_object_permission(self, request, view, obj) -> bool:
        if view.action in ("update", "partial_update"):
            return permissions.can_manage_event(request.user, obj)
        return True


@extend_schema_view(list=extend_schema(parameters=EVENT_PARAMS))
class EventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Events the caller may see; organisers create and change them."""

    serializer_class = EventSerializer
    permission_classes = [drf_permissions.IsAuthenticatedOrReadOnly, IsOrganiserOrReadOnly]

    def get_queryset(self):
        if self.action == "list":
            params = self.request.query_params
            filters = selectors.EventFilters(
                kind=params.get("kind", ""),
                cluster=params.get("cluster", ""),
                when=params.get("when", "upcoming"),
            )
            return selectors.event_list(user=self.request.user, filters=filters).order_by(
                "starts_at", "pk"
            )
        return Event.objects.visible_to(self.request.user).prefetch_related("clusters", "languages")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        clusters, languages = data.pop("clusters"), data.pop("languages", [])
        serializer.instance = services.event_create(
            actor=self.request.user, clusters=clusters, languages=languages, data=data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.event_update(
            actor=self.request.user,
            event=serializer.instance,
            clusters=data.pop("clusters", None),
            languages=data.pop("languages", None),
            data=data,
        )

    @extend_schema(request=RegisterSerializer, responses={201: RegistrationSerializer})
    @action(detail=True, methods=["post"], permission_classes=[drf_permissions.IsAuthenticated])
    def register(self, request, pk=None):
        """Register the caller for their organisation (waiting list when full)."""
        event = self.get_object()
        body = RegisterSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        registration = services.registration_create(
            actor=request.user, event=event, answers=body.validated_data["answers"]
        )
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=ParticipantSerializer(many=True))
    @action(detail=True, methods=["get"], permission_classes=[drf_permissions.IsAuthenticated])
    def participants(self, request, pk=None):
        """The participant list of a brokerage event (participants and organisers only)."""
        event = self.get_object()
        if not event.is_brokerage or not permissions.can_browse_participants(request.user, event):
            raise NotFound()
        rows = selectors.participant_list(user=request.user, event=event)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ParticipantSerializer(page, many=True).data)

    @extend_schema(responses=AgendaLineSerializer(many=True))
    @action(detail=True, methods=["get"], permission_classes=[drf_permissions.IsAuthenticated])
    def agenda(self, request, pk=None):
        """The caller's published agenda at this event, one line per slot."""
        event = self.get_object()
        registration = selectors.registration_mine(user=request.user, event=event)
        if registration is None:
            raise NotFound()
        lines = selectors.agenda(registration=registration)
        return Response(AgendaLineSerializer(lines, many=True).data)

    @extend_schema(request=SlotsSerializer, responses={201: MeetingSlotSerializer(many=True)})
    @action(detail=True, methods=["post"], permission_classes=[drf_permissions.IsAuthenticated])
    def slots(self, request, pk=None):
        """Add a run of meeting slots (organisers)."""
        event = self._organised()
        body = SlotsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        slots = services.slots_generate(actor=request.user, event=event, **body.validated_data)
        return Response(MeetingSlotSerializer(slots, many=True).data, status=201)

    @extend_schema(request=None, responses={202: ScheduleRunSerializer})
    @action(detail=True, methods=["post"], permission_classes=[drf_permissions.IsAuthenticated])
    def schedule(self, request, pk=None):
        """Run the scheduler (organisers); poll the run for its figures."""
        run = services.schedule_run_start(actor=request.user, event=self._organised())
        run.refresh_from_db()
        return Response(ScheduleRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses=ScheduleRunSerializer(many=True))
    @action(detail=True, methods=["get"], permission_classes=[drf_permissions.IsAuthenticated])
    def runs(self, request, pk=None):
        """The scheduler runs of the event, newest first (organisers)."""
        event = self._organised()
        return Response(ScheduleRunSerializer(event.schedule_runs.all()[:20], many=True).data)

    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"], permission_classes=[drf_permissions.IsAuthenticated])
    def publish(self, request, pk=None):
        """Publish the agendas; published meetings stay put when rescheduling (organisers)."""
        count = services.schedule_publish(actor=request.user, event=self._organised())
        return Response({"published": count})

    def _organised(self) -> Event:
        event = self.get_object()
        if not permissions.can_manage_event(self.request.user, event):
            raise NotFound()
        return event


class CheckInSerializer(serializers.Serializer):
    undo = serializers.BooleanField(default=False)


REGISTRATION_PARAMS = [OpenApiParameter("event", OpenApiTypes.INT)]


@extend_schema_view(list=extend_schema(parameters=REGISTRATION_PARAMS))
class RegistrationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The caller's own registrations and those of events they organise (personal data)."""

    serializer_class = RegistrationSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        user = self.request.user
        rows = Registration.objects.select_related("organisation").prefetch_related(
            "unavailable_slots"
        )
        if not user.is_authenticated:  # the schema generator asks anonymously
            return rows.none()
        if not user.is_coordinator:
            rows = rows.filter(
                Q(user=user) | Q(event__in=Event.objects.organised_by(user).values("pk"))
            )
        rows = _of_event(self.request, rows)
        return rows.order_by("pk")

    def perform_update(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.brokerage_profile_update(
            actor=self.request.user,
            registration=serializer.instance,
            participant_type=data.get("participant_type"),
            offer=data.get("offer"),
            seek=data.get("seek"),
            unavailable_slots=data.get("unavailable_slots"),
        )

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel; the waiting list moves up."""
        registration = services.registration_cancel(
            actor=request.user, registration=self.get_object()
        )
        return Response(self.get_serializer(registration).data)

    @extend_schema(request=CheckInSerializer, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        """Mark present (organisers); logged as a service to the organisation."""
        registration = self.get_object()  # another's registration is a 404 before any parsing
        body = CheckInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        registration = services.registration_check_in(
            actor=request.user, registration=registration, undo=body.validated_data["undo"]
        )
        return Response(self.get_serializer(registration).data)


class MeetingSlotViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Slots of events the caller may see."""

    serializer_class = MeetingSlotSerializer
    permission_classes = [drf_permissions.IsAuthenticatedOrReadOnly]

    @extend_schema(parameters=REGISTRATION_PARAMS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        rows = MeetingSlot.objects.filter(
            event__in=Event.objects.visible_to(self.request.user).values("pk")
        )
        rows = _of_event(self.request, rows)
        return rows.order_by("event_id", "starts_at")


class MeetingRequestSerializer(serializers.ModelSerializer):
    requester = serializers.PrimaryKeyRelatedField(queryset=Registration.objects.none())
    recipient = serializers.PrimaryKeyRelatedField(queryset=Registration.objects.none())
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.NORMAL)

    class Meta:
        model = MeetingRequest
        fields = [
            "id",
            "event",
            "requester",
            "recipient",
            "priority",
            "message",
            "status",
            "source",
            "created_at",
            "responded_at",
        ]
        read_only_fields = ["event", "status", "source", "created_at", "responded_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # The requester is one of the caller's own active registrations; the recipient any
            # participant of an event the caller takes part in.
            own = Registration.objects.filter(user=user).filter(
                status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED]
            )
            self.fields["requester"].queryset = own
            self.fields["recipient"].queryset = Registration.objects.filter(
                event__in=own.values("event_id")
            ).filter(status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED])


@extend_schema_view(list=extend_schema(parameters=REGISTRATION_PARAMS))
class MeetingRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Requests the caller sent or received (and all of events they organise)."""

    serializer_class = MeetingRequestSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        rows = _of_event(self.request, selectors.request_visible(user=self.request.user))
        return rows.order_by("-pk")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.meeting_request_create(
            actor=self.request.user,
            requester=data["requester"],
            recipient=data["recipient"],
            priority=data["priority"],
            message=data.get("message", ""),
        )

    def _answer(self, request, accept: bool):
        answered = services.meeting_request_answer(
            actor=request.user, request=self.get_object(), accept=accept
        )
        return Response(self.get_serializer(answered).data)

    @extend_schema(request=None, responses=MeetingRequestSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept a request you received (an expired one comes back as expired)."""
        return self._answer(request, accept=True)

    @extend_schema(request=None, responses=MeetingRequestSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """Decline a request you received."""
        return self._answer(request, accept=False)

    @extend_schema(request=None, responses=MeetingRequestSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw a request you sent, or cancel an agreed meeting."""
        withdrawn = services.meeting_request_withdraw(actor=request.user, request=self.get_object())
        return Response(self.get_serializer(withdrawn).data)


class MeetingSerializer(serializers.ModelSerializer):
    requester = serializers.IntegerField(source="request.requester_id", read_only=True)
    recipient = serializers.IntegerField(source="request.recipient_id", read_only=True)
    starts_at = serializers.DateTimeField(source="slot.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="slot.ends_at", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "event",
            "request",
            "requester",
            "recipient",
            "slot",
            "starts_at",
            "ends_at",
            "table",
            "published_at",
        ]


@extend_schema_view(list=extend_schema(parameters=REGISTRATION_PARAMS))
class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published meetings the caller takes part in; every meeting of events they organise."""

    serializer_class = MeetingSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        user = self.request.user
        own = selectors.meeting_visible(user=user).filter(published_at__isnull=False)
        organised = Meeting.objects.filter(event__in=Event.objects.organised_by(user).values("pk"))
        rows = Meeting.objects.filter(
            Q(pk__in=own.values("pk")) | Q(pk__in=organised.values("pk"))
        ).select_related("request", "slot")
        rows = _of_event(self.request, rows)
        return rows.order_by("slot__starts_at", "table")
