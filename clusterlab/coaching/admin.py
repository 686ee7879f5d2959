"""Admin for the shared parts only: schemes and offers. Engagements, sessions, applications and
reports are deliberately absent: coaching notes are private even from coordinators."""

from django.contrib import admin

from .models import ExchangeOffer, Scheme, SchemeStep, VisitStop


class SchemeStepInline(admin.TabularInline):
    model = SchemeStep
    extra = 0


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["title", "audience", "language", "updated_at"]
    list_filter = ["audience", "language"]
    search_fields = ["title"]
    inlines = [SchemeStepInline]


class VisitStopInline(admin.TabularInline):
    model = VisitStop
    extra = 0


@admin.register(ExchangeOffer)
class ExchangeOfferAdmin(admin.ModelAdmin):
    list_display = ["title", "host_cluster", "kind", "starts_on", "capacity", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "topics"]
    raw_id_fields = ["host_cluster", "created_by"]
    inlines = [VisitStopInline]
