from django.contrib import admin

from .models import Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["metric", "cluster", "value", "starts_on", "ends_on", "updated_at"]
    list_filter = ["metric", "cluster"]
    raw_id_fields = ["cluster", "set_by"]
