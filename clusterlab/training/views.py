"""Pages of the app (placeholders until the app is built)."""

from django.shortcuts import render


def home(request):
    return render(request, "training/placeholder.html", {"title": "Programmes"})


def competences(request):
    return render(request, "training/placeholder.html", {"title": "Competences"})


def modules(request):
    return render(request, "training/placeholder.html", {"title": "Modules"})
