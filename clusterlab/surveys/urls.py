from django.urls import path

from .views import builder as b
from .views import respond as r
from .views import results as res
from .views import sending as s

app_name = "surveys"

urlpatterns = [
    path("surveys/", b.survey_list, name="surveys"),
    path("surveys/new/", b.survey_new, name="survey-new"),
    path("surveys/<int:pk>/", b.survey_detail, name="survey-detail"),
    path("surveys/<int:pk>/edit/", b.survey_edit, name="survey-edit"),
    path("surveys/<int:pk>/status/", b.survey_status, name="survey-status"),
    path("surveys/<int:pk>/copy/", b.survey_copy, name="survey-copy"),
    path("surveys/<int:pk>/preview/", b.survey_preview, name="survey-preview"),
    path("surveys/<int:pk>/sections/new/", b.section_add, name="section-add"),
    path("surveys/<int:pk>/sections/<int:section_pk>/", b.section_edit, name="section-edit"),
    path(
        "surveys/<int:pk>/sections/<int:section_pk>/delete/",
        b.section_delete,
        name="section-delete",
    ),
    path("surveys/<int:pk>/sections/<int:section_pk>/move/", b.section_move, name="section-move"),
    path("surveys/<int:pk>/questions/new/", b.question_add, name="question-add"),
    path("surveys/<int:pk>/questions/<int:question_pk>/", b.question_edit, name="question-edit"),
    path(
        "surveys/<int:pk>/questions/<int:question_pk>/delete/",
        b.question_delete,
        name="question-delete",
    ),
    path(
        "surveys/<int:pk>/questions/<int:question_pk>/move/",
        b.question_move,
        name="question-move",
    ),
    path("surveys/<int:pk>/send/", s.survey_send, name="survey-send"),
    path("surveys/<int:pk>/remind/", s.survey_remind, name="survey-remind"),
    path("surveys/<int:pk>/invitations/", s.invitation_list, name="invitations"),
    path("surveys/<int:pk>/results/", res.survey_results_page, name="results"),
    path(
        "surveys/<int:pk>/responses.csv",
        res.survey_export,
        {"fmt": "csv"},
        name="export-csv",
    ),
    path(
        "surveys/<int:pk>/responses.xlsx",
        res.survey_export,
        {"fmt": "xlsx"},
        name="export-xlsx",
    ),
    # The respondent's personal link: the token is the credential (no account needed).
    path("s/<str:token>/", r.respond, name="respond"),
]
