from django.urls import path

from . import views

app_name = "toolbox"

urlpatterns = [
    path("toolbox/", views.home, name="home"),
]
