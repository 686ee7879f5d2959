"""Pages of the app (placeholders until the app is built)."""

from django.shortcuts import render


def home(request):
    return render(
        request, "excellence/placeholder.html", {"title": "Cluster management excellence"}
    )
