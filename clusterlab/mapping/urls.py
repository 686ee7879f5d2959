from django.urls import path

from . import views

app_name = "mapping"

urlpatterns = [
    path("mapping/", views.home, name="home"),
    path("mapping/export.csv", views.export, {"fmt": "csv"}, name="export-csv"),
    path("mapping/export.xlsx", views.export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("mapping/import/", views.employment_import, name="import"),
]
