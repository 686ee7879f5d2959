from django.urls import path

from . import views

app_name = "greenbook"

urlpatterns = [
    path("greenbook/", views.home, name="home"),
]
