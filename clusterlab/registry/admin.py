"""Django admin for coordinators: the same permission predicates as pages and API."""

from django.contrib import admin
from django.db import models as db_models
from simple_history.admin import SimpleHistoryAdmin

from . import models, services
from .permissions import is_coordinator


class CoordinatorOnly:
    """Only coordinators use the admin; everyone else is refused, whatever their flags."""

    formfield_overrides = {db_models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request):
        return is_coordinator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_coordinator(request.user)

    def has_add_permission(self, request, *args):
        return is_coordinator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_coordinator(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_coordinator(request.user)


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    autocomplete_fields = ["cluster"]

    has_add_permission = CoordinatorOnly.has_add_permission
    has_change_permission = CoordinatorOnly.has_change_permission
    has_delete_permission = CoordinatorOnly.has_delete_permission
    has_view_permission = CoordinatorOnly.has_view_permission


@admin.register(models.Organisation)
class OrganisationAdmin(CoordinatorOnly, SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "city", "is_creative", "visibility"]
    list_filter = ["kind", "visibility", "is_creative", "country"]
    search_fields = ["name", "city"]
    raw_id_fields = ["region"]
    autocomplete_fields = ["sectors", "capabilities_offered", "capabilities_sought"]
    filter_horizontal = ["languages", "export_markets"]
    inlines = [MembershipInline]
    list_select_related = ["country"]


@admin.register(models.Cluster)
class ClusterAdmin(CoordinatorOnly, SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind", "country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["managers", "sectors"]
    raw_id_fields = ["managing_organisation"]
    autocomplete_fields = ["regions"]


@admin.register(models.Contact)
class ContactAdmin(CoordinatorOnly, SimpleHistoryAdmin):
    list_display = ["__str__", "organisation", "email", "erased_at"]
    search_fields = ["last_name", "email"]
    raw_id_fields = ["organisation"]
    actions = ["erase_selected"]

    def has_delete_permission(self, request, obj=None):
        # Deleting would leave the person in the history tables: erase instead.
        return False

    @admin.action(description="Erase the personal data of the selected persons")
    def erase_selected(self, request, queryset):
        for contact in queryset.filter(erased_at__isnull=True):
            services.contact_erase(actor=request.user, contact=contact)
        self.message_user(request, "The selected persons' data was erased.")


@admin.register(models.NaceSector)
class NaceSectorAdmin(CoordinatorOnly, admin.ModelAdmin):
    list_display = ["code", "level", "name_en", "version"]
    search_fields = ["code", "name_en", "name_de"]
    list_filter = ["level", "version"]


@admin.register(models.NutsRegion)
class NutsRegionAdmin(CoordinatorOnly, admin.ModelAdmin):
    list_display = ["code", "level", "name", "country"]
    search_fields = ["code", "name"]
    list_filter = ["level", "country"]


@admin.register(models.Capability)
class CapabilityAdmin(CoordinatorOnly, admin.ModelAdmin):
    list_display = ["code", "group", "label_en", "label_de"]
    search_fields = ["code", "label_en", "label_de", "label_fr"]
    list_filter = ["group"]


class CreativeEntryInline(admin.TabularInline):
    model = models.CreativeDefinitionEntry
    extra = 0
    raw_id_fields = ["sector"]


@admin.register(models.CreativeDefinitionSet)
class CreativeDefinitionSetAdmin(CoordinatorOnly, admin.ModelAdmin):
    list_display = ["name", "slug"]
    inlines = [CreativeEntryInline]


@admin.register(models.NetworkSettings)
class NetworkSettingsAdmin(CoordinatorOnly, admin.ModelAdmin):
    list_display = ["name", "default_creative_set"]


for model in (
    models.Membership,
    models.ServiceRecord,
    models.LetterOfSupport,
    models.OrganisationNote,
    models.Consent,
    models.ImportJob,
    models.Country,
    models.Language,
):
    admin.site.register(
        model,
        type(f"{model.__name__}Admin", (CoordinatorOnly, admin.ModelAdmin), {"list_per_page": 50}),
    )
