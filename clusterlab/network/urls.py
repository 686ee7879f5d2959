from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("network/", views.home, name="home"),
    path("network/ties/", views.tie_list, name="ties"),
    path("network/ties.csv", views.ties_csv, name="ties-csv"),
    path("network/ties.xlsx", views.ties_xlsx, name="ties-xlsx"),
    path("network/figures.csv", views.export_csv, name="export-csv"),
    path("network/figures.xlsx", views.export_xlsx, name="export-xlsx"),
    path("network/graph.json", views.graph, name="graph"),
]
