"""REST API of the toolbox: the same selectors, permissions and services as the pages."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework import permissions as drf_permissions
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from clusterlab.core.errors import DomainError
from clusterlab.registry.models import Cluster

from . import selectors, services
from .markdown import render_markdown
from .models import Answer, Entry, EvidenceLevel, Question, Review


class NameListField(serializers.ListField):
    """A list of names: written as strings, read from a related manager (tags, domains)."""

    def to_representation(self, data):
        return [str(item) for item in data.all()]


class ToolboxEntrySerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="slug", queryset=Cluster.objects.all())
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    tags = NameListField(child=serializers.CharField(max_length=60), required=False, max_length=12)
    domains = NameListField(
        child=serializers.CharField(max_length=100), required=False, max_length=20
    )
    body_html = serializers.SerializerMethodField()

    class Meta:
        model = Entry
        fields = [
            "id",
            "kind",
            "title",
            "summary",
            "body",
            "body_html",
            "language",
            "original",
            "cluster",
            "author",
            "status",
            "published_at",
            "tags",
            "domains",
        ]
        read_only_fields = ["original", "status", "published_at"]

    def get_body_html(self, entry: Entry) -> str:
        return str(render_markdown(entry.body))


class ToolboxTranslateSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=Entry._meta.get_field("language").choices)
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=1000)
    body = serializers.CharField(required=False, allow_blank=True, default="")


class ToolboxSendBackSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=4000)


def _links(data: dict) -> dict:
    return {key: data.pop(key) for key in ("tags", "domains") if key in data}


class EntryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Toolbox entries: published ones to everyone; drafts to their authors, their cluster's
    managers and editors; entries in review also to peer reviewers (managers)."""

    permission_classes = [drf_permissions.IsAuthenticatedOrReadOnly]

    serializer_class = ToolboxEntrySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Entry.objects.none()
        return selectors.entry_list(user=self.request.user).order_by("-published_at", "-pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        cluster = data.pop("cluster")
        links = _links(data)
        serializer.instance = services.entry_create(
            actor=self.request.user, cluster=cluster, data=data, **links
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        cluster = data.pop("cluster", None)
        if cluster is not None and cluster.pk != serializer.instance.cluster_id:
            raise DomainError(_("An entry stays with its cluster."), field="cluster")
        links = _links(data)
        serializer.instance = services.entry_update(
            actor=self.request.user, entry=serializer.instance, data=data, **links
        )

    def _done(self, entry: Entry) -> Response:
        entry = self.get_queryset().get(pk=entry.pk)
        return Response(ToolboxEntrySerializer(entry, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=ToolboxEntrySerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send a draft to review."""
        return self._done(services.entry_submit(actor=request.user, entry=self.get_object()))

    @extend_schema(request=None, responses=ToolboxEntrySerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish the entry (editors)."""
        return self._done(services.entry_publish(actor=request.user, entry=self.get_object()))

    @extend_schema(request=ToolboxSendBackSerializer, responses=ToolboxEntrySerializer)
    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request, pk=None):
        """Return an entry in review to its authors with a comment (editors)."""
        entry = self.get_object()
        body = ToolboxSendBackSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._done(
            services.entry_send_back(
                actor=request.user, entry=entry, comment=body.validated_data["comment"]
            )
        )

    @extend_schema(request=ToolboxTranslateSerializer, responses={201: ToolboxEntrySerializer})
    @action(detail=True, methods=["post"])
    def translate(self, request, pk=None):
        """Create a draft translation in another language."""
        entry = self.get_object()
        body = ToolboxTranslateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        translation = services.entry_translate(
            actor=request.user, entry=entry, data=dict(body.validated_data)
        )
        data = ToolboxEntrySerializer(translation, context=self.get_serializer_context()).data
        return Response(data, status=201)


class VisibleEntryField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        request = self.context.get("request")
        return Entry.objects.visible_to(request.user if request else None)


class ToolboxReviewSerializer(serializers.ModelSerializer):
    entry = VisibleEntryField()
    reviewer = serializers.SlugRelatedField(slug_field="username", read_only=True)
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    evidence_level = serializers.ChoiceField(choices=EvidenceLevel.choices)

    class Meta:
        model = Review
        fields = [
            "id",
            "entry",
            "reviewer",
            "cluster",
            "comment",
            "used_it",
            "would_use",
            "evidence_level",
            "created_at",
        ]
        read_only_fields = ["created_at"]
        validators: list = []  # one review per reviewer: a second one replaces the first


class ReviewViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Peer reviews of the entries the caller may see; managers of other clusters write them."""

    serializer_class = ToolboxReviewSerializer
    permission_classes = [drf_permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Review.objects.none()
        visible = Entry.objects.visible_to(self.request.user)
        return Review.objects.filter(entry__in=visible).select_related(
            "reviewer", "cluster", "entry"
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.review_save(actor=self.request.user, **data)


class ToolboxAnswerSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Answer
        fields = ["id", "question", "body", "author", "is_good", "created_at"]
        read_only_fields = ["is_good", "created_at"]


class ToolboxQuestionSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    answers = ToolboxAnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = ["id", "title", "body", "language", "author", "created_at", "answers"]
        read_only_fields = ["created_at"]


class ToolboxMarkSerializer(serializers.Serializer):
    good = serializers.BooleanField(default=True)


class QuestionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Questions to the network, with their answers (logged-in users)."""

    serializer_class = ToolboxQuestionSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Question.objects.none()
        return selectors.question_list(user=self.request.user).prefetch_related("answers__author")

    def perform_create(self, serializer):
        serializer.instance = services.question_ask(
            actor=self.request.user, **serializer.validated_data
        )


class AnswerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Answers to the network's questions (logged-in users); the asker marks good ones."""

    serializer_class = ToolboxAnswerSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Answer.objects.none()
        if not self.request.user.is_authenticated:
            return Answer.objects.none()
        return Answer.objects.select_related("author").order_by("pk")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.answer_add(
            actor=self.request.user, question=data["question"], body=data["body"]
        )

    @extend_schema(request=ToolboxMarkSerializer, responses=ToolboxAnswerSerializer)
    @action(detail=True, methods=["post"])
    def mark(self, request, pk=None):
        """Mark or unmark a good answer (the asker or an editor)."""
        answer = self.get_object()
        body = ToolboxMarkSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with transaction.atomic():
            answer = services.answer_mark(
                actor=request.user, answer=answer, good=body.validated_data["good"]
            )
        return Response(ToolboxAnswerSerializer(answer).data)


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the project's API router."""
    router.register("toolbox-entries", EntryViewSet, basename="toolbox-entry")
    router.register("toolbox-reviews", ReviewViewSet, basename="toolbox-review")
    router.register("toolbox-questions", QuestionViewSet, basename="toolbox-question")
    router.register("toolbox-answers", AnswerViewSet, basename="toolbox-answer")
