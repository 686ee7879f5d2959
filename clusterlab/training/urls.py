from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("training/", views.home, name="home"),
    path("training/competences/", views.competences, name="competences"),
    path("training/modules/", views.modules, name="modules"),
]
