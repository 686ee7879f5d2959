from django.urls import path

from . import views

app_name = "matchmaking"

urlpatterns = [
    path("marketplace/", views.marketplace, name="marketplace"),
    path("marketplace/mine/", views.profile_mine, name="profile-mine"),
    path("marketplace/<int:pk>/", views.profile_detail, name="profile-detail"),
    path("marketplace/<int:pk>/edit/", views.profile_edit, name="profile-edit"),
    path(
        "marketplace/<int:pk>/publish/",
        views.profile_status,
        {"action": "publish"},
        name="profile-publish",
    ),
    path(
        "marketplace/<int:pk>/close/",
        views.profile_status,
        {"action": "close"},
        name="profile-close",
    ),
    path(
        "organisations/<int:organisation_pk>/profiles/new/", views.profile_new, name="profile-new"
    ),
]
