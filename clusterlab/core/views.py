"""The home page and the health check."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clusterlab.registry import selectors


@require_GET
def home(request):
    return render(request, "core/home.html", {"summary": selectors.network_summary()})


@require_GET
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})
