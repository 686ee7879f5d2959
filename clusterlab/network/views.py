"""Pages of the app (placeholders until the app is built)."""

from django.shortcuts import render


def home(request):
    return render(request, "network/placeholder.html", {"title": "Collaboration network"})
