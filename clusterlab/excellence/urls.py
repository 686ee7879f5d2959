from django.urls import path

from . import views

app_name = "excellence"

urlpatterns = [
    path("excellence/", views.home, name="home"),
    path("excellence/new/", views.assessment_new, name="assessment-new"),
    path("excellence/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path("excellence/<int:pk>/report.pdf", views.assessment_pdf, name="assessment-pdf"),
]
