from django.urls import path

from . import views

app_name = "mapping"

urlpatterns = [
    path("mapping/", views.home, name="home"),
]
