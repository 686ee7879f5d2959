from django.urls import path

from . import views

app_name = "excellence"

urlpatterns = [
    path("excellence/", views.home, name="home"),
]
