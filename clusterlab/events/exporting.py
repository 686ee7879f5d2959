"""Calendar (.ics) and PDF exports of events and agendas."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import Event, Registration
from .selectors import AgendaLine

PRODUCT_ID = "-//Cluster Lab//Events//EN"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _uid(kind: str, pk: int) -> str:
    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "clusterlab.local"
    return f"{kind}-{pk}@{host.lstrip('.') or 'clusterlab.local'}"


def _event_entry(event: Event, url: str = "") -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", _uid("event", event.pk))
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.starts_at.astimezone(event.zone))
    entry.add("dtend", event.ends_at.astimezone(event.zone))
    entry.add("summary", event.title)
    entry.add("description", event.description)
    location = event.venue or event.online_url
    if location:
        entry.add("location", location)
    if url:
        entry.add("url", url)
    return entry


def events_ics(name: str, events: Iterable[Event], url_of=None) -> bytes:
    """Return an iCalendar file with one entry per event (a cluster feed or a single event)."""
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_event_entry(event, url_of(event) if url_of else ""))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def agenda_ics(registration: Registration, lines: list[AgendaLine]) -> bytes:
    """Return a participant's meetings as an iCalendar file."""
    event = registration.event
    calendar = _calendar(event.title)
    for line in lines:
        if line.meeting is None or line.partner is None:
            continue
        entry = CalendarEvent()
        entry.add("uid", _uid(f"meeting-{registration.pk}", line.meeting.pk))
        entry.add("dtstamp", timezone.now())
        entry.add("dtstart", line.slot.starts_at.astimezone(event.zone))
        entry.add("dtend", line.slot.ends_at.astimezone(event.zone))
        entry.add(
            "summary",
            _("Meeting with %(name)s (%(organisation)s)")
            % {"name": line.partner.name, "organisation": line.partner.organisation.name},
        )
        entry.add("location", _("Table %(n)d") % {"n": line.meeting.table})
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def agenda_pdf(registration: Registration, lines: list[AgendaLine]) -> bytes:
    """Return a printable agenda (WeasyPrint; fonts and styles are local)."""
    from weasyprint import HTML  # imported late: it loads Pango, which pages rarely need

    html = render_to_string(
        "events/agenda_print.html", {"registration": registration, "lines": lines}
    )
    return HTML(string=html).write_pdf()
