"""Pages of the app (placeholders until the app is built)."""

from django.shortcuts import render


def home(request):
    return render(request, "mapping/placeholder.html", {"title": "Cluster mapping"})
