from django.urls import path

from . import introduction_views as intro
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
    path("introductions/", intro.introduction_list, name="introductions"),
    path(
        "organisations/<int:organisation_pk>/introduce/",
        intro.introduction_new,
        name="introduction-new",
    ),
    path("introductions/<int:pk>/", intro.introduction_detail, name="introduction-detail"),
    path(
        "introductions/<int:pk>/accept/",
        intro.introduction_answer,
        {"accept": True},
        name="introduction-accept",
    ),
    path(
        "introductions/<int:pk>/decline/",
        intro.introduction_answer,
        {"accept": False},
        name="introduction-decline",
    ),
    path(
        "introductions/<int:pk>/withdraw/",
        intro.introduction_withdraw,
        name="introduction-withdraw",
    ),
    path(
        "introductions/<int:pk>/outcome/", intro.introduction_outcome, name="introduction-outcome"
    ),
    path(
        "organisations/<int:organisation_pk>/recommendations/",
        views.organisation_recommendations,
        name="recommendations",
    ),
    path(
        "workspace/<slug:slug>/matchmaking/", views.cluster_matchmaking, name="cluster-matchmaking"
    ),
]
