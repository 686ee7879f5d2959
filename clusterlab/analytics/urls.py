from django.urls import path

from . import views

app_name = "analytics"

urlpatterns = [
    path("analytics/", views.home, name="home"),
    path("analytics/clusters/<slug:slug>/", views.cluster_dashboard, name="cluster-dashboard"),
    path("analytics/records/", views.records, name="records"),
    path("analytics/records.<str:fmt>", views.records_export, name="records-export"),
    path("analytics/export/<str:figure>.<str:fmt>", views.figure_export, name="figure-export"),
    path("analytics/targets/new/", views.target_new, name="target-new"),
    path("analytics/targets/<int:pk>/edit/", views.target_edit, name="target-edit"),
    path("analytics/targets/<int:pk>/delete/", views.target_delete, name="target-delete"),
]
