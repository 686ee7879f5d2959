"""Django admin of surveys: for coordinators only, like the rest of the admin."""

from django.contrib import admin

from clusterlab.registry.permissions import is_coordinator

from .models import Answer, Invitation, Question, Response, Section, Survey


class CoordinatorOnly:
    """Only coordinators use the admin, whatever other flags a user has."""

    def has_module_permission(self, request, *args):
        return is_coordinator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_coordinator(request.user)

    def has_add_permission(self, request, *args):
        return is_coordinator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_coordinator(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_coordinator(request.user)


class SectionInline(CoordinatorOnly, admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Survey)
class SurveyAdmin(CoordinatorOnly, admin.ModelAdmin):
    list_display = ["__str__", "cluster", "status", "closes_at", "created_at"]
    list_filter = ["status", "cluster"]
    raw_id_fields = ["cluster", "created_by", "copied_from"]
    inlines = [SectionInline]


@admin.register(Question)
class QuestionAdmin(CoordinatorOnly, admin.ModelAdmin):
    list_display = ["code", "survey", "kind", "required", "position"]
    list_filter = ["kind"]
    search_fields = ["code"]
    raw_id_fields = ["survey", "section"]


@admin.register(Invitation)
class InvitationAdmin(CoordinatorOnly, admin.ModelAdmin):
    list_display = ["email", "survey", "group", "sent_at", "reminded_at"]
    search_fields = ["email", "name", "reference"]
    raw_id_fields = ["survey", "organisation", "invited_by"]
    # The token is the respondent's credential: never shown, not even to coordinators.
    exclude = ["token", "reminder_mailed_at"]


class AnswerInline(CoordinatorOnly, admin.TabularInline):
    model = Answer
    extra = 0
    raw_id_fields = ["question"]


@admin.register(Response)
class ResponseAdmin(CoordinatorOnly, admin.ModelAdmin):
    list_display = ["pk", "survey", "language", "started_at", "submitted_at"]
    raw_id_fields = ["invitation", "survey"]
    inlines = [AnswerInline]
