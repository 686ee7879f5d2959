"""REST API of the Greenbook: editions with their chapters, entries, glossary and PDF status.

Read-only: editions are shaped in the editor pages; published ones are public, drafts are
shown to their editors and coordinators (the same `visible_to` as the pages).
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework import permissions as drf_permissions
from rest_framework.routers import DefaultRouter

from . import selectors
from .models import Edition, RenderJob


class EntryItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    anchor = serializers.CharField()
    entry = serializers.IntegerField(source="entry_id", allow_null=True)
    kind = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    language = serializers.CharField()
    author = serializers.CharField(source="author_name")
    cluster = serializers.CharField(source="cluster_name")
    body_html = serializers.CharField()


class ChapterSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.IntegerField()
    title = serializers.CharField()
    introduction_html = serializers.CharField()
    has_figure = serializers.SerializerMethodField()
    entries = EntryItemSerializer(source="items", many=True)

    def get_has_figure(self, chapter) -> bool:
        return bool(chapter.figure_svg)


class GlossaryTermSerializer(serializers.Serializer):
    term = serializers.CharField()
    definition = serializers.CharField()


class RenderJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = RenderJob
        fields = ["id", "status", "stage", "percent", "pages", "error", "created_at", "finished_at"]


class EditionSerializer(serializers.ModelSerializer):
    editors = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    render = serializers.SerializerMethodField()

    class Meta:
        model = Edition
        fields = [
            "id", "title", "subtitle", "language", "status", "published_at", "based_on",
            "editors", "pdf_url", "pdf_pages", "render",
        ]  # fmt: skip

    def get_editors(self, edition) -> list[str]:
        return [u.get_full_name() or u.username for u in edition.editors.all()]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_pdf_url(self, edition):
        if not edition.pdf:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("greenbook:pdf", args=[edition.pk])
        )

    @extend_schema_field(RenderJobSerializer(allow_null=True))
    def get_render(self, edition):
        jobs = list(edition.render_jobs.all())  # prefetched newest first by the selector
        return RenderJobSerializer(jobs[0]).data if jobs else None


class EditionDetailSerializer(EditionSerializer):
    foreword_html = serializers.SerializerMethodField()
    chapters = serializers.SerializerMethodField()
    glossary = serializers.SerializerMethodField()

    class Meta(EditionSerializer.Meta):
        fields = [*EditionSerializer.Meta.fields, "foreword_html", "chapters", "glossary"]

    def _publication(self, edition):
        cache = self.context.setdefault("publications", {})
        if edition.pk not in cache:
            cache[edition.pk] = selectors.edition_publication(edition=edition)
        return cache[edition.pk]

    def get_foreword_html(self, edition) -> str:
        return self._publication(edition).foreword_html

    @extend_schema_field(ChapterSerializer(many=True))
    def get_chapters(self, edition):
        return ChapterSerializer(self._publication(edition).chapters, many=True).data

    @extend_schema_field(GlossaryTermSerializer(many=True))
    def get_glossary(self, edition):
        return GlossaryTermSerializer(self._publication(edition).glossary, many=True).data


class EditionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Greenbook editions: published ones for everyone, drafts for their editors."""

    permission_classes = [drf_permissions.AllowAny]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Edition.objects.none()
        return selectors.edition_list(user=self.request.user)

    def get_serializer_class(self):
        return EditionDetailSerializer if self.action == "retrieve" else EditionSerializer


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the project's API router."""
    router.register("greenbook-editions", EditionViewSet, basename="greenbook-edition")
