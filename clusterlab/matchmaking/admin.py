from django.contrib import admin

from clusterlab.registry.admin import CoordinatorOnly

from .models import CooperationProfile


@admin.register(CooperationProfile)
class CooperationProfileAdmin(CoordinatorOnly, admin.ModelAdmin):
    list_display = ["title", "kind", "profile_type", "organisation", "status", "visibility"]
    list_filter = ["kind", "profile_type", "status", "visibility"]
    search_fields = ["title"]
    raw_id_fields = ["organisation", "created_by"]
    filter_horizontal = ["capabilities", "target_countries"]
    autocomplete_fields = ["sectors_sought"]
