"""Pages of the app (placeholders until the app is built)."""

from django.shortcuts import render


def home(request):
    return render(request, "coaching/placeholder.html", {"title": "Coaching"})


def exchanges(request):
    return render(
        request, "coaching/placeholder.html", {"title": "Peer exchanges and study visits"}
    )
