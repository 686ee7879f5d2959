from django.contrib import admin

from .models import Indicator, Lesson, Measurement, Milestone, Participant, Pilot, PilotDocument


@admin.register(Pilot)
class PilotAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "lead_cluster", "status", "starts_on", "ends_on"]
    list_filter = ["status", "is_cross_sectoral", "is_international", "is_social_community"]
    search_fields = ["code", "title"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["organisation", "pilot", "group"]
    list_filter = ["group"]
    raw_id_fields = ["organisation", "contact", "pilot"]


admin.site.register(Milestone)
admin.site.register(Indicator)
admin.site.register(Lesson)
admin.site.register(PilotDocument)


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "participant", "phase", "value", "source"]
    raw_id_fields = ["indicator", "participant"]
