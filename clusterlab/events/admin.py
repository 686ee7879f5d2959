from django.contrib import admin

from .models import Event, Meeting, MeetingRequest, MeetingSlot, Registration, ScheduleRun


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "audience", "is_published"]
    list_filter = ["kind", "audience", "is_published"]
    search_fields = ["title"]
    filter_horizontal = ["clusters", "languages"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "event", "status"]
    list_filter = ["status"]
    search_fields = ["name", "email", "organisation__name"]
    raw_id_fields = ["event", "organisation", "user", "contact", "cooperation_profile"]
    exclude = ["unavailable_slots", "service_record"]


admin.site.register(MeetingSlot)
admin.site.register(ScheduleRun)


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ["requester", "recipient", "event", "status", "priority"]
    list_filter = ["status"]
    raw_id_fields = ["event", "requester", "recipient"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["request", "slot", "table", "published_at"]
    raw_id_fields = ["request", "event", "slot"]
