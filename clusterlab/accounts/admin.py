from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from clusterlab.registry.admin import CoordinatorOnly

from .models import Invitation, User


@admin.register(User)
class ClusterLabUserAdmin(CoordinatorOnly, UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (
            "Cluster Lab",
            {"fields": ("is_coordinator", "is_trainer", "organisation", "preferred_language")},
        ),
    )
    list_display = ["username", "email", "is_coordinator", "is_trainer", "organisation"]
    raw_id_fields = ["organisation"]


@admin.register(Invitation)
class InvitationAdmin(CoordinatorOnly, admin.ModelAdmin):
    list_display = ["email", "role", "cluster", "created_at", "accepted_at"]
    readonly_fields = ["token"]
