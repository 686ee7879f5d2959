from django.urls import path

from . import views

app_name = "coaching"

urlpatterns = [
    path("coaching/", views.home, name="home"),
    path("exchanges/", views.exchanges, name="exchanges"),
]
