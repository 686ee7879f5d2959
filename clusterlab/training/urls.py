from django.urls import path

from .views import certificates, competences, modules, programmes

app_name = "training"

urlpatterns = [
    path("training/", programmes.home, name="home"),
    path("training/new/", programmes.programme_new, name="programme-new"),
    path("training/<int:pk>/", programmes.programme_detail, name="programme-detail"),
    path("training/<int:pk>/edit/", programmes.programme_edit, name="programme-edit"),
    path("training/<int:pk>/sessions/", programmes.session_add, name="session-add"),
    path("training/<int:pk>/enrol/", programmes.enrol, name="enrol"),
    path(
        "training/<int:pk>/sessions/<int:session_pk>/attendance/",
        programmes.attendance,
        name="attendance",
    ),
    path(
        "training/<int:pk>/sessions/<int:session_pk>/feedback/",
        programmes.feedback_send,
        name="feedback-send",
    ),
    path("training/<int:pk>/assignments/", programmes.assignment_add, name="assignment-add"),
    path(
        "training/<int:pk>/assignments/<int:assignment_pk>/",
        programmes.assignment_detail,
        name="assignment-detail",
    ),
    path(
        "training/<int:pk>/submissions/<int:submission_pk>/done/",
        programmes.submission_done,
        name="submission-done",
    ),
    path(
        "training/<int:pk>/enrolments/<int:enrolment_pk>/complete/",
        programmes.enrolment_complete,
        name="enrolment-complete",
    ),
    path(
        "training/<int:pk>/assess/<slug:phase>/",
        programmes.programme_assess,
        name="programme-assess",
    ),
    path(
        "training/certificates/<int:pk>/pdf/", certificates.certificate_pdf, name="certificate-pdf"
    ),
    path(
        "training/verify/<str:code>/",
        certificates.certificate_verify,
        name="certificate-verify",
    ),
    path("training/competences/", competences.competences, name="competences"),
    path("training/competences/new/", competences.competence_new, name="competence-new"),
    path(
        "training/competences/<int:pk>/edit/", competences.competence_edit, name="competence-edit"
    ),
    path("training/profile/", competences.profile, name="profile"),
    path("training/profile/assess/", competences.self_assess, name="self-assess"),
    path("training/profile/ask/", competences.assessment_invite, name="assessment-invite"),
    path("training/ratings/<int:pk>/", competences.assessment_rate, name="assessment-rate"),
    path("training/modules/", modules.modules, name="modules"),
    path("training/modules/new/", modules.module_new, name="module-new"),
    path("training/modules/<int:pk>/", modules.module_detail, name="module-detail"),
    path("training/modules/<int:pk>/edit/", modules.module_edit, name="module-edit"),
    path("training/modules/<int:pk>/materials/", modules.material_add, name="material-add"),
    path(
        "training/materials/<int:pk>/download/",
        modules.material_download,
        name="material-download",
    ),
]
