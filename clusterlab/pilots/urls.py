from django.urls import path

from .views import evaluation as ev
from .views import pilots as p

app_name = "pilots"

urlpatterns = [
    path("pilots/", p.pilot_list, name="pilots"),
    path("pilots/new/", p.pilot_new, name="pilot-new"),
    path("pilots/<int:pk>/", p.pilot_detail, name="pilot-detail"),
    path("pilots/<int:pk>/edit/", p.pilot_edit, name="pilot-edit"),
    path("pilots/<int:pk>/participants/", p.participant_add, name="participant-add"),
    path(
        "pilots/<int:pk>/participants/<int:participant_pk>/group/",
        p.participant_group,
        name="participant-group",
    ),
    path(
        "pilots/<int:pk>/participants/<int:participant_pk>/remove/",
        p.participant_remove,
        name="participant-remove",
    ),
    path("pilots/<int:pk>/randomise/", p.randomise, name="randomise"),
    path("pilots/<int:pk>/milestones/", p.milestone_add, name="milestone-add"),
    path(
        "pilots/<int:pk>/milestones/<int:milestone_pk>/",
        p.milestone_update,
        name="milestone-update",
    ),
    path("pilots/<int:pk>/lessons/", p.lesson_add, name="lesson-add"),
    path("pilots/<int:pk>/documents/", p.document_upload, name="document-upload"),
    path(
        "pilots/<int:pk>/documents/<int:document_pk>/",
        p.document_download,
        name="document-download",
    ),
    path("pilots/<int:pk>/indicators/", p.indicator_add, name="indicator-add"),
    path(
        "pilots/<int:pk>/indicators/<int:indicator_pk>/count/",
        ev.platform_count,
        name="platform-count",
    ),
    path(
        "pilots/<int:pk>/indicators/<int:indicator_pk>/<str:phase>/",
        ev.measurements,
        name="measurements",
    ),
    path("pilots/<int:pk>/surveys/send/", ev.survey_send, name="survey-send"),
    path("pilots/<int:pk>/surveys/import/", ev.survey_import, name="survey-import"),
    path("pilots/<int:pk>/report/", ev.report, name="report"),
    path("pilots/<int:pk>/report.pdf", ev.report_pdf, name="report-pdf"),
]
