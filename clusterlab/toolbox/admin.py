"""Admin views of the toolbox (coordinators); writes by users go through the services."""

from django.contrib import admin

from .models import Answer, Entry, Question, Review, Tag


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "language", "cluster", "status", "published_at"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["original", "author", "source_lesson", "source_answer", "related_entries"]
    filter_horizontal = ["tags"]


admin.site.register(Tag)
admin.site.register(Review)
admin.site.register(Question)
admin.site.register(Answer)
