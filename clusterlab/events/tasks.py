"""Background work of events: scheduler runs, agenda e-mails, waiting-list notices, expiry."""

from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import exporting, selectors, services
from .models import Registration


@db_task()
def schedule_run_execute_task(run_id: int) -> None:
    services.schedule_run_execute(run_id=run_id)


@db_task()
def agenda_send_task(registration_id: int) -> None:
    """E-mail one participant their published agenda, with an .ics file of the meetings."""
    registration = Registration.objects.select_related("event", "user").get(pk=registration_id)
    language = registration.user.preferred_language if registration.user else "en"
    with translation.override(language):
        lines = selectors.agenda(registration=registration)
        body = render_to_string(
            "events/agenda_email.txt", {"registration": registration, "lines": lines}
        )
        message = EmailMessage(
            subject=_("Your meetings at %(title)s") % {"title": registration.event.title},
            body=body,
            to=[registration.email],
        )
        message.attach("agenda.ics", exporting.agenda_ics(registration, lines), "text/calendar")
        message.send()


@db_task()
def registration_promoted_notify_task(registration_ids: list[int]) -> None:
    """Tell people who moved up from the waiting list that they have a place."""
    for registration in Registration.objects.filter(pk__in=registration_ids).select_related(
        "event", "user"
    ):
        language = registration.user.preferred_language if registration.user else "en"
        with translation.override(language):
            send_mail(
                _("You have a place at %(title)s") % {"title": registration.event.title},
                _("A place became free and you are now registered for %(title)s.")
                % {"title": registration.event.title},
                None,
                [registration.email],
            )


@db_periodic_task(crontab(minute="*/15"))
def meeting_requests_expire_task() -> None:
    services.meeting_requests_expire()
