from django.urls import path

from .views import brokerage as b
from .views import events as e

app_name = "events"

urlpatterns = [
    path("events/", e.event_list, name="events"),
    path("events/new/", e.event_new, name="event-new"),
    path("events/<int:pk>/", e.event_detail, name="event-detail"),
    path("events/<int:pk>/event.ics", e.event_ics, name="event-ics"),
    path("clusters/<slug:slug>/events.ics", e.cluster_events_ics, name="cluster-events-ics"),
    path("events/<int:pk>/edit/", e.event_edit, name="event-edit"),
    path("events/<int:pk>/questions/", e.event_questions, name="event-questions"),
    path(
        "events/<int:pk>/questions/<int:question_pk>/delete/",
        e.question_delete,
        name="question-delete",
    ),
    path("events/<int:pk>/register/", e.register, name="register"),
    path("events/<int:pk>/registration/", e.registration_mine, name="registration-mine"),
    path(
        "registrations/<int:registration_pk>/cancel/",
        e.registration_cancel,
        name="registration-cancel",
    ),
    path("events/<int:pk>/registrations/", e.registration_list, name="registrations"),
    path("events/<int:pk>/check-in/", e.check_in, name="check-in"),
    path(
        "events/<int:pk>/check-in/<int:registration_pk>/",
        e.check_in_toggle,
        name="check-in-toggle",
    ),
    # Brokerage
    path("events/<int:pk>/brokerage/", b.console, name="console"),
    path("events/<int:pk>/slots/<int:slot_pk>/delete/", b.slot_delete, name="slot-delete"),
    path("events/<int:pk>/schedule/", b.schedule_run, name="schedule-run"),
    path("events/<int:pk>/schedule/runs/<int:run_pk>/", b.run_detail, name="run-detail"),
    path("events/<int:pk>/schedule/publish/", b.schedule_publish, name="schedule-publish"),
    path("events/<int:pk>/agendas/send/", b.agendas_send, name="agendas-send"),
    path("events/<int:pk>/tables/", b.table_list, name="tables"),
    path("events/<int:pk>/profile/", b.brokerage_profile, name="brokerage-profile"),
    path("events/<int:pk>/participants/", b.participant_list, name="participants"),
    path(
        "events/<int:pk>/participants/<int:registration_pk>/request/",
        b.request_new,
        name="request-new",
    ),
    path(
        "events/<int:pk>/participants/<int:registration_pk>/agenda/",
        b.agenda,
        name="participant-agenda",
    ),
    path(
        "events/<int:pk>/participants/<int:registration_pk>/agenda.pdf",
        b.agenda_pdf,
        name="participant-agenda-pdf",
    ),
    path("events/<int:pk>/requests/", b.request_list, name="requests"),
    path("meeting-requests/<int:request_pk>/answer/", b.request_answer, name="request-answer"),
    path(
        "meeting-requests/<int:request_pk>/withdraw/", b.request_withdraw, name="request-withdraw"
    ),
    path("events/<int:pk>/agenda/", b.agenda, name="agenda"),
    path("events/<int:pk>/agenda.pdf", b.agenda_pdf, name="agenda-pdf"),
    path("events/<int:pk>/agenda.ics", b.agenda_ics, name="agenda-ics"),
    path("meetings/<int:meeting_pk>/feedback/", b.meeting_feedback, name="meeting-feedback"),
]
