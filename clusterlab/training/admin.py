"""Admin of the training catalogue and programmes. Assessments are left out on purpose: they
are visible only to the manager assessed and the person asked to rate."""

from django.contrib import admin

from .models import Certificate, Competence, Material, Programme, Session, TrainingModule


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ["code", "position", "expected_level", "is_active"]


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0


@admin.register(TrainingModule)
class TrainingModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "format", "duration_hours", "is_active"]
    list_filter = ["format", "is_active"]
    search_fields = ["title"]
    inlines = [MaterialInline]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    raw_id_fields = ["module", "feedback_survey"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "cluster", "starts_on", "ends_on", "status"]
    list_filter = ["status"]
    raw_id_fields = ["trainers"]
    inlines = [SessionInline]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "holder_name", "programme_title", "issued_on", "revoked_at"]
    search_fields = ["code", "holder_name"]
    readonly_fields = ["code", "enrolment"]
