"""The tenant matrix: no cluster reaches another cluster's private pages, rows or data.

Every URL pattern of the project must be classified below; a new route that is not makes
`test_every_route_is_classified` fail. Every private route that takes an object id or slug
must have cases in PAGE_MATRIX / API_MATRIX, where the other cluster's manager and an
anonymous visitor are refused (404/403, or a redirect to the login page) and the database is
left exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.html import escape
from django.views.static import serve as static_serve

from clusterlab.accounts.models import User
from clusterlab.core.tenant_testing import (
    ALL,
    AUTH,
    PRIVATE,
    PUBLIC,
    ApiCase,
    PageCase,
    collect,
)
from clusterlab.events import services as event_services
from clusterlab.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingSlot,
    Registration,
    RegistrationQuestion,
    ScheduleRun,
)
from clusterlab.matchmaking import services as matchmaking_services
from clusterlab.matchmaking.models import CooperationProfile, Introduction
from clusterlab.pilots import services as pilot_services
from clusterlab.pilots.models import (
    Indicator,
    Lesson,
    Measurement,
    Milestone,
    Participant,
    Pilot,
    PilotDocument,
)
from clusterlab.registry import services
from clusterlab.registry.enums import Visibility
from clusterlab.registry.models import (
    Cluster,
    Consent,
    Contact,
    ImportJob,
    LetterOfSupport,
    Membership,
    NaceSector,
    Organisation,
    OrganisationNote,
    ServiceRecord,
)
from clusterlab.surveys import models as survey_models
from clusterlab.surveys import services as survey_services

pytestmark = pytest.mark.django_db


# Every named route of the project. "public": reachable without logging in (object-level
# visibility rules still apply); "private": tenant-scoped, needs a login; "auth": accounts.
ROUTE_CLASSES: dict[str, str] = {
    "home": PUBLIC,
    "health": PUBLIC,
    # Pages of the registry
    "registry:directory": PUBLIC,
    "registry:organisation-detail": PUBLIC,
    "registry:organisation-edit": PRIVATE,
    "registry:organisation-history": PRIVATE,
    "registry:note-add": PRIVATE,
    "registry:contact-add": PRIVATE,
    "registry:letter-add": PRIVATE,
    "registry:contact-edit": PRIVATE,
    "registry:contact-export": PRIVATE,
    "registry:contact-erase": PRIVATE,
    "registry:clusters": PUBLIC,
    "registry:cluster-detail": PUBLIC,
    "registry:workspace": PRIVATE,
    "registry:workspace-members": PRIVATE,
    "registry:cluster-edit": PRIVATE,
    "registry:member-add": PRIVATE,
    "registry:membership-edit": PRIVATE,
    "registry:membership-remove": PRIVATE,
    "registry:workspace-services": PRIVATE,
    "registry:member-export-csv": PRIVATE,
    "registry:member-export-xlsx": PRIVATE,
    "registry:import-upload": PRIVATE,
    "registry:import-detail": PRIVATE,
    # Pages of matchmaking
    "matchmaking:marketplace": PUBLIC,
    "matchmaking:profile-detail": PUBLIC,  # by visibility; drafts are private
    "matchmaking:profile-mine": PRIVATE,
    "matchmaking:profile-new": PRIVATE,
    "matchmaking:profile-edit": PRIVATE,
    "matchmaking:profile-publish": PRIVATE,
    "matchmaking:profile-close": PRIVATE,
    "matchmaking:introductions": PRIVATE,
    "matchmaking:recommendations": PRIVATE,
    "matchmaking:cluster-matchmaking": PRIVATE,
    "matchmaking:introduction-new": PRIVATE,
    "matchmaking:introduction-detail": PRIVATE,
    "matchmaking:introduction-accept": PRIVATE,
    "matchmaking:introduction-decline": PRIVATE,
    "matchmaking:introduction-withdraw": PRIVATE,
    "matchmaking:introduction-outcome": PRIVATE,
    # Pages of events and brokerage
    "events:events": PUBLIC,
    "events:event-detail": PUBLIC,  # by visibility: drafts and members-only are private
    "events:event-ics": PUBLIC,
    "events:cluster-events-ics": PUBLIC,  # public events only
    "events:register": PUBLIC,  # any account may register for an event it can see
    "events:event-new": PRIVATE,
    "events:event-edit": PRIVATE,
    "events:event-questions": PRIVATE,
    "events:question-delete": PRIVATE,
    "events:registration-mine": PRIVATE,
    "events:registration-cancel": PRIVATE,
    "events:registrations": PRIVATE,
    "events:check-in": PRIVATE,
    "events:check-in-toggle": PRIVATE,
    "events:console": PRIVATE,
    "events:slot-delete": PRIVATE,
    "events:schedule-run": PRIVATE,
    "events:run-detail": PRIVATE,
    "events:schedule-publish": PRIVATE,
    "events:agendas-send": PRIVATE,
    "events:tables": PRIVATE,
    "events:brokerage-profile": PRIVATE,
    "events:participants": PRIVATE,
    "events:request-new": PRIVATE,
    "events:participant-agenda": PRIVATE,
    "events:participant-agenda-pdf": PRIVATE,
    "events:requests": PRIVATE,
    "events:request-answer": PRIVATE,
    "events:request-withdraw": PRIVATE,
    "events:agenda": PRIVATE,
    "events:agenda-pdf": PRIVATE,
    "events:agenda-ics": PRIVATE,
    "events:meeting-feedback": PRIVATE,
    # Pages of pilot actions (all private to the pilot's clusters)
    "pilots:pilots": PRIVATE,
    "pilots:pilot-new": PRIVATE,
    "pilots:pilot-detail": PRIVATE,
    "pilots:pilot-edit": PRIVATE,
    "pilots:participant-add": PRIVATE,
    "pilots:participant-group": PRIVATE,
    "pilots:participant-remove": PRIVATE,
    "pilots:randomise": PRIVATE,
    "pilots:milestone-add": PRIVATE,
    "pilots:milestone-update": PRIVATE,
    "pilots:lesson-add": PRIVATE,
    "pilots:document-upload": PRIVATE,
    "pilots:document-download": PRIVATE,
    "pilots:indicator-add": PRIVATE,
    "pilots:platform-count": PRIVATE,
    "pilots:measurements": PRIVATE,
    "pilots:survey-send": PRIVATE,
    "pilots:survey-import": PRIVATE,
    "pilots:report": PRIVATE,
    "pilots:report-pdf": PRIVATE,
    # Accounts
    "accounts:login": AUTH,
    "accounts:logout": AUTH,
    "accounts:account": AUTH,
    "accounts:password-change": AUTH,
    "accounts:password-reset": AUTH,
    "accounts:password-reset-done": AUTH,
    "accounts:password-reset-confirm": AUTH,
    "accounts:invitation-new": AUTH,
    "accounts:invitation-accept": AUTH,
    # REST API (router names are not namespaced)
    "api-root": PUBLIC,
    "organisation-list": PUBLIC,
    "organisation-detail": PUBLIC,  # read by visibility; writes are private (API_MATRIX)
    "cluster-list": PUBLIC,
    "cluster-detail": PUBLIC,  # profiles are public; writes are private (API_MATRIX)
    "membership-list": PRIVATE,
    "membership-detail": PRIVATE,
    "contact-list": PRIVATE,
    "contact-detail": PRIVATE,
    "contact-export": PRIVATE,
    "contact-erase": PRIVATE,
    "service-list": PRIVATE,
    "service-detail": PRIVATE,
    "letter-of-support-list": PRIVATE,
    "letter-of-support-detail": PRIVATE,
    "cooperation-profile-list": PUBLIC,
    "cooperation-profile-detail": PUBLIC,  # read by visibility; writes are private
    "cooperation-profile-publish": PRIVATE,
    "cooperation-profile-close": PRIVATE,
    "introduction-list": PRIVATE,
    "organisation-recommendations": PRIVATE,
    "cluster-matchmaking": PRIVATE,
    "introduction-detail": PRIVATE,
    "introduction-accept": PRIVATE,
    "introduction-decline": PRIVATE,
    "introduction-withdraw": PRIVATE,
    "introduction-outcome": PRIVATE,
    "event-list": PUBLIC,
    "event-detail": PUBLIC,  # read by visibility; writes are the organisers' (API_MATRIX)
    "event-register": PUBLIC,  # any account, for an event it can see
    "event-participants": PRIVATE,
    "event-agenda": PRIVATE,
    "event-slots": PRIVATE,
    "event-schedule": PRIVATE,
    "event-runs": PRIVATE,
    "event-publish": PRIVATE,
    "registration-list": PRIVATE,
    "registration-detail": PRIVATE,
    "registration-cancel": PRIVATE,
    "registration-check-in": PRIVATE,
    "meeting-slot-list": PUBLIC,
    "meeting-slot-detail": PUBLIC,  # slots of events the caller can see
    "meeting-request-list": PRIVATE,
    "meeting-request-detail": PRIVATE,
    "meeting-request-accept": PRIVATE,
    "meeting-request-decline": PRIVATE,
    "meeting-request-withdraw": PRIVATE,
    "meeting-list": PRIVATE,
    "meeting-detail": PRIVATE,
    "pilot-list": PRIVATE,
    "pilot-detail": PRIVATE,
    "pilot-evaluation": PRIVATE,
    "pilot-randomise": PRIVATE,
    "pilot-participant-list": PRIVATE,
    "pilot-participant-detail": PRIVATE,
    "indicator-list": PRIVATE,
    "indicator-detail": PRIVATE,
    "measurement-list": PRIVATE,
    "measurement-detail": PRIVATE,
    "nace-sector-list": PUBLIC,
    "nace-sector-detail": PUBLIC,
    "nuts-region-list": PUBLIC,
    "nuts-region-detail": PUBLIC,
    "capability-list": PUBLIC,
    "capability-detail": PUBLIC,
    "creative-set-list": PUBLIC,
    "creative-set-detail": PUBLIC,
}

# --- Surveys: every page and endpoint is the owner cluster's, except the respondent's link.
SURVEY_ROUTE_CLASSES: dict[str, str] = {
    "surveys:surveys": PRIVATE,
    "surveys:survey-new": PRIVATE,
    "surveys:survey-detail": PRIVATE,
    "surveys:survey-edit": PRIVATE,
    "surveys:survey-status": PRIVATE,
    "surveys:survey-copy": PRIVATE,
    "surveys:survey-preview": PRIVATE,
    "surveys:section-add": PRIVATE,
    "surveys:section-edit": PRIVATE,
    "surveys:section-delete": PRIVATE,
    "surveys:section-move": PRIVATE,
    "surveys:question-add": PRIVATE,
    "surveys:question-edit": PRIVATE,
    "surveys:question-delete": PRIVATE,
    "surveys:question-move": PRIVATE,
    "surveys:survey-send": PRIVATE,
    "surveys:survey-remind": PRIVATE,
    "surveys:invitations": PRIVATE,
    "surveys:results": PRIVATE,
    "surveys:export-csv": PRIVATE,
    "surveys:export-xlsx": PRIVATE,
    "surveys:respond": PUBLIC,  # the secret token in the address is the credential
    "survey-list": PRIVATE,
    "survey-detail": PRIVATE,
    "survey-sections": PRIVATE,
    "survey-questions": PRIVATE,
    "survey-send": PRIVATE,
    "survey-remind": PRIVATE,
    "survey-copy": PRIVATE,
    "survey-results": PRIVATE,
    "survey-invitation-list": PRIVATE,
    "survey-invitation-detail": PRIVATE,
    "survey-response-list": PRIVATE,
    "survey-response-detail": PRIVATE,
}
ROUTE_CLASSES.update(SURVEY_ROUTE_CLASSES)
# Apps that ship `tests/isolation.py` classify their own routes (see core.tenant_testing).
for _routes in collect("ROUTE_CLASSES"):
    ROUTE_CLASSES.update(_routes)

SKIPPED_PREFIXES = ("admin/", "i18n/")
SKIPPED_NAMES = {"schema", "api-docs", "api-redoc"}


@dataclass(frozen=True)
class Route:
    name: str | None
    route: str

    @property
    def has_object(self) -> bool:
        # <int:pk>, <slug:slug>… and the router's (?P<pk>…); a format suffix is not an object.
        text = self.route.replace("(?P<format>", "")
        return "<" in text


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            ns = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _walk(entry.url_patterns, route, ns)
        elif isinstance(entry, URLPattern):
            if entry.callback is static_serve:
                continue
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(name, route)


def project_routes() -> list[Route]:
    return [r for r in _walk(get_resolver().url_patterns) if r.name not in SKIPPED_NAMES]


def test_every_route_is_named_and_classified():
    routes = project_routes()
    unnamed = sorted(r.route for r in routes if r.name is None)
    assert unnamed == [], "every route must be named so it can be classified"
    names = {r.name for r in routes}
    unclassified = sorted(n for n in names if n is not None and n not in ROUTE_CLASSES)
    assert unclassified == [], f"classify these routes in ROUTE_CLASSES: {unclassified}"
    stale = sorted(ROUTE_CLASSES.keys() - names)
    assert stale == [], f"these classified routes no longer exist: {stale}"
    assert set(ROUTE_CLASSES.values()) == {PUBLIC, PRIVATE, AUTH}


def test_walker_sees_the_known_routes():
    """Guard the walker itself: it must find pages, accounts and API routes, and skip admin."""
    names = {r.name for r in project_routes()}
    assert {"registry:import-detail", "accounts:login", "contact-erase", "api-root"} <= names
    assert not any(n.startswith("admin:") for n in names)
    assert "set_language" not in names


# --- The world the matrix runs in ---------------------------------------------------------


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The cast sets four passwords; the default PBKDF2 would cost ~1 s per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


NOTE_A = "Confidential note on Alpha from cluster A"
EMAIL_A = "anna@alpha.example"
PHONE_A = "+49 711 1234"
LETTER_A = "Alpha commits two designers to the pilot"
DRAFT_A = "Unpublished plan of Alpha for a design sprint"
INTRO_A = "Alpha asks Atelier for a private introduction"
ANSWER_A = "Alpha's participant needs a wheelchair-accessible table"
MEETING_A = "Alpha wants to discuss a confidential textile prototype"
PILOT_A = "Alpha's voucher pilot tests a confidential pricing scheme"
SECRETS_A = (EMAIL_A, PHONE_A, NOTE_A, LETTER_A, DRAFT_A, INTRO_A, ANSWER_A, MEETING_A, PILOT_A)
# Surveys: a free-text answer to cluster A's survey (it may hold personal data).
SURVEY_ANSWER_A = "Alpha's respondent says the founder leaves in March"
SECRETS_A = (*SECRETS_A, SURVEY_ANSWER_A)
SECRETS_A = (*SECRETS_A, *(secret for secrets in collect("SECRETS_A") for secret in secrets))


@pytest.fixture
def world(cast, settings, tmp_path):
    """The cast, plus cluster A's note on org_a and an import job of cluster A."""
    settings.MEDIA_ROOT = tmp_path
    note_a = services.note_add(
        actor=cast.manager_a, cluster=cast.cluster_a, organisation=cast.org_a, text=NOTE_A
    )
    job_a = ImportJob.objects.create(
        cluster=cast.cluster_a,
        uploaded_by=cast.manager_a,
        filename="members-a.csv",
        file="imports/members-a.csv",
        headers=["Name", "Country", "City"],
        mapping={"name": "Name", "country": "Country"},
        total_rows=1,
    )
    letter_a = services.letter_of_support_create(
        actor=None, organisation=cast.org_a, date=dt.date(2026, 2, 2), commitment=LETTER_A
    )
    profile_a = matchmaking_services.profile_create(
        actor=None,
        organisation=cast.org_a,
        data={"kind": "request", "profile_type": "creative_service", "title": DRAFT_A},
    )
    intro_a = matchmaking_services.introduction_request(
        actor=None, requester=cast.org_a, target=cast.org_a_public, message=INTRO_A
    )
    membership_a = Membership.objects.get(cluster=cast.cluster_a, organisation=cast.org_a)
    membership_b = Membership.objects.get(cluster=cast.cluster_b, organisation=cast.org_b)
    brokerage = _brokerage_of_cluster_a(cast)
    survey = _survey_of_cluster_a(cast)
    pilot = _pilot_of_cluster_a(cast, tmp_path)
    plugged = {}
    for build in collect("world"):
        plugged.update(build(cast))
    return SimpleNamespace(
        **vars(cast),
        **plugged,
        **brokerage,
        **survey,
        **pilot,
        note_a=note_a,
        letter_a=letter_a,
        profile_a=profile_a,
        intro_a=intro_a,
        job_a=job_a,
        membership_a=membership_a,
        membership_b=membership_b,
    )


def _brokerage_of_cluster_a(cast) -> dict:
    """A public brokerage event of cluster A: the event is visible, its people are not."""
    start = timezone.now() + dt.timedelta(days=10)
    event_a = event_services.event_create(
        actor=None,
        clusters=[cast.cluster_a],
        data={
            "title": "Brokerage A",
            "kind": "brokerage",
            "starts_at": start,
            "ends_at": start + dt.timedelta(hours=8),
            "venue": "Hall A",
            "is_published": True,
        },
    )
    question_a = event_services.question_add(
        actor=None, event=event_a, text="Accessibility needs?", kind="text"
    )
    slot_a, slot_a2 = event_services.slots_generate(
        actor=None, event=event_a, first_start=start, count=2, minutes=25
    )
    atelier = User.objects.create(
        username="atelier", email="atelier@test.local", organisation=cast.org_a_public
    )
    registration_a = event_services.registration_create(
        actor=cast.member_a, event=event_a, answers={str(question_a.pk): ANSWER_A}
    )
    registration_atelier = event_services.registration_create(actor=atelier, event=event_a)
    request_a = event_services.meeting_request_create(
        actor=None, requester=registration_a, recipient=registration_atelier, message=MEETING_A
    )
    third = User.objects.create(
        username="third", email="third@test.local", organisation=cast.org_b_network
    )
    registration_third = event_services.registration_create(actor=third, event=event_a)
    accepted_a = event_services.meeting_request_create(
        actor=None, requester=registration_third, recipient=registration_a
    )
    event_services.meeting_request_answer(actor=None, request=accepted_a, accept=True)
    meeting_a = Meeting.objects.create(
        event=event_a, request=accepted_a, slot=slot_a, table=1, published_at=timezone.now()
    )
    Event.objects.filter(pk=event_a.pk).update(schedule_published_at=timezone.now())
    run_a = ScheduleRun.objects.create(event=event_a, status="done", scheduled=1, upper_bound=1)
    return {
        "event_a": event_a,
        "question_a": question_a,
        "slot_a2": slot_a2,
        "registration_a": registration_a,
        "request_a": request_a,
        "accepted_a": accepted_a,
        "meeting_a": meeting_a,
        "run_a": run_a,
    }


def _pilot_of_cluster_a(cast, media) -> dict:
    """A pilot of cluster A with org_a as participant, an indicator, a value and a document."""
    pilot_a = pilot_services.pilot_create(
        actor=None,
        data={
            "code": "PA",
            "title": "Alpha vouchers",
            "lead_cluster": cast.cluster_a,
            "instrument": "Design voucher",
            "hypothesis": PILOT_A,
            "starts_on": dt.date(2026, 1, 1),
            "ends_on": dt.date(2026, 12, 31),
        },
    )
    participant_a = pilot_services.participant_add(
        actor=None, pilot=pilot_a, organisation=cast.org_a
    )
    indicator_a = pilot_services.indicator_add(
        actor=None,
        pilot=pilot_a,
        data={"name": "Products", "method": "platform", "platform_metric": "services_received"},
    )
    pilot_services.measurements_record(
        actor=None, indicator=indicator_a, phase="baseline", values={participant_a.pk: 2}
    )
    milestone_a = pilot_services.milestone_add(
        actor=None, pilot=pilot_a, title="Kick-off", due_on=dt.date(2026, 2, 1)
    )
    document_a = pilot_services.document_upload(
        actor=None,
        pilot=pilot_a,
        title="Plan",
        file=SimpleUploadedFile("plan.txt", PILOT_A.encode(), content_type="text/plain"),
    )
    return {
        "pilot_a": pilot_a,
        "participant_a": participant_a,
        "indicator_a": indicator_a,
        "milestone_a": milestone_a,
        "document_a": document_a,
    }


def _survey_of_cluster_a(cast) -> dict:
    """An open survey of cluster A: one submitted answer with a secret, one invitation waiting,
    and a spare section and question that nobody answered (for the delete cases)."""
    survey_a = survey_services.survey_create(
        actor=None, cluster=cast.cluster_a, title={"en": "Members A"}, languages=["en", "de"]
    )
    section_a = survey_a.sections.get()
    text_a = survey_services.question_add(
        actor=None,
        survey=survey_a,
        section=section_a,
        kind="text",
        code="remarks",
        text={"en": "Remarks?"},
    )
    spare_question_a = survey_services.question_add(
        actor=None, survey=survey_a, section=section_a, kind="likert", text={"en": "Rate"}
    )
    spare_section_a = survey_services.section_add(actor=None, survey=survey_a)
    survey_services.survey_set_status(actor=None, survey=survey_a, status="open")
    invitation_a, _waiting = survey_services.survey_send(
        actor=None,
        survey=survey_a,
        recipients=[
            survey_services.Recipient(
                email="respondent@alpha.example", organisation_id=cast.org_a.pk
            ),
            survey_services.Recipient(email="later@alpha.example"),
        ],
    )
    response_a = survey_services.response_submit(
        invitation=invitation_a, answers={"remarks": SURVEY_ANSWER_A}
    )
    return {
        "survey_a": survey_a,
        "survey_section_a": section_a,
        "survey_question_a": text_a,
        "spare_question_a": spare_question_a,
        "spare_section_a": spare_section_a,
        "invitation_a": invitation_a,
        "response_a": response_a,
    }


def snapshot() -> dict:
    """Every row a request could touch: compared before and after each refused request."""
    models = [
        Organisation,
        Organisation.sectors.through,
        Cluster,
        Cluster.sectors.through,
        Cluster.regions.through,
        Membership,
        Contact,
        Contact.languages.through,
        Consent,
        OrganisationNote,
        ServiceRecord,
        ImportJob,
        LetterOfSupport,
        CooperationProfile,
        CooperationProfile.capabilities.through,
        Introduction,
        Event,
        RegistrationQuestion,
        Registration,
        MeetingSlot,
        MeetingRequest,
        Meeting,
        ScheduleRun,
        survey_models.Survey,
        survey_models.Section,
        survey_models.Question,
        survey_models.Invitation,
        survey_models.Response,
        survey_models.Answer,
        Pilot,
        Pilot.partner_clusters.through,
        Participant,
        Milestone,
        Indicator,
        Measurement,
        Lesson,
        PilotDocument,
        *(model for models in collect("SNAPSHOT_MODELS") for model in models),
    ]
    state = {m._meta.label: list(m.objects.order_by("pk").values()) for m in models}
    for m in (Organisation, Membership, Contact, Cluster):
        hist = m.history.model
        state[hist._meta.label] = list(hist.objects.order_by("pk").values())
    return state


def _sector_pk(code: str) -> int:
    return NaceSector.objects.get(version="2", code=code).pk


def _organisation_form(w, name: str) -> dict:
    return {
        "name": name,
        "kind": "small",
        "country": "DE",
        "region": "",
        "city": "Berlin",
        "size_band": "",
        "founded_year": "2001",
        "website": "",
        "description": "changed by someone",
        "description_language": "en",
        "visibility": Visibility.PUBLIC,
        "sectors": [_sector_pk("13.20")],
    }


def _contact_form(w) -> dict:
    return {
        "first_name": "Mallory",
        "last_name": "Intruder",
        "email": "mallory@evil.example",
        "phone": "",
        "role": "",
    }


def _upload(w):
    return {
        "file": SimpleUploadedFile(
            "members.csv", b"Name,Country\nIntruder GmbH,DE\n", content_type="text/csv"
        )
    }


def _profile_form(w) -> dict:
    return {
        "kind": "offer",
        "profile_type": "technology",
        "title": "Hijacked plan",
        "language": "en",
        "visibility": "public",
        "publish": "on",
    }


def _event_form(w) -> dict:
    return {
        "title": "Hijacked brokerage",
        "kind": "brokerage",
        "clusters": [w.cluster_a.pk],
        "description_language": "en",
        "starts_at": "2027-05-01T09:00",
        "ends_at": "2027-05-01T18:00",
        "time_zone": "Europe/Berlin",
        "venue": "Elsewhere",
        "audience": "public",
        "meeting_tables": 5,
        "request_rule": "anyone",
    }


def _slot_form(w) -> dict:
    start = (w.event_a.starts_at + dt.timedelta(hours=3)).astimezone(w.event_a.zone)
    return {
        "first_start": start.strftime("%Y-%m-%dT%H:%M"),
        "count": 1,
        "minutes": 25,
        "pause_minutes": 0,
        "break_after": 0,
        "break_minutes": 0,
    }


def _ev(route: str, **extra) -> PageCase:
    """A page case on cluster A's brokerage event (kwarg `pk`)."""
    return PageCase(route, lambda w: {"pk": w.event_a.pk}, **extra)


EVENT_PAGE_CASES: list[PageCase] = [
    _ev("events:event-edit", post=_event_form),
    _ev("events:event-questions", post=lambda w: {"text": "Planted?", "kind": "text"}),
    PageCase(
        "events:question-delete",
        lambda w: {"pk": w.event_a.pk, "question_pk": w.question_a.pk},
        post=lambda w: {},
        get=False,
    ),
    _ev("events:registrations", post=lambda w: {"contact": w.contact_a.pk}),
    _ev("events:check-in"),
    PageCase(
        "events:check-in-toggle",
        lambda w: {"pk": w.event_a.pk, "registration_pk": w.registration_a.pk},
        post=lambda w: {},
        get=False,
    ),
    PageCase(
        "events:registration-cancel",
        lambda w: {"registration_pk": w.registration_a.pk},
        post=lambda w: {},
        get=False,
    ),
    _ev("events:console", post=_slot_form),
    PageCase(
        "events:slot-delete",
        lambda w: {"pk": w.event_a.pk, "slot_pk": w.slot_a2.pk},
        post=lambda w: {},
        get=False,
    ),
    _ev("events:schedule-run", post=lambda w: {}, get=False),
    PageCase("events:run-detail", lambda w: {"pk": w.event_a.pk, "run_pk": w.run_a.pk}),
    _ev("events:schedule-publish", post=lambda w: {}, get=False),
    _ev("events:agendas-send", post=lambda w: {}, get=False, control=False),  # sends mail only
    _ev("events:tables"),
    PageCase(
        "events:participant-agenda",
        lambda w: {"pk": w.event_a.pk, "registration_pk": w.registration_a.pk},
    ),
    PageCase(
        "events:participant-agenda-pdf",
        lambda w: {"pk": w.event_a.pk, "registration_pk": w.registration_a.pk},
    ),
    _ev("events:participants"),
    PageCase(
        "events:request-answer",
        lambda w: {"request_pk": w.request_a.pk},
        post=lambda w: {"answer": "accept"},
        get=False,
    ),
    PageCase(
        "events:request-withdraw",
        lambda w: {"request_pk": w.accepted_a.pk},
        post=lambda w: {},
        get=False,
    ),
    # The participant's own pages: the organiser has no registration (control off).
    _ev("events:registration-mine", post=lambda w: {}, control=False),
    _ev(
        "events:brokerage-profile",
        post=lambda w: {"participant_type": "industry", "offer": "planted"},
        control=False,
    ),
    PageCase(
        "events:request-new",
        lambda w: {"pk": w.event_a.pk, "registration_pk": w.registration_a.pk},
        post=lambda w: {"priority": "3", "message": "planted"},
        control=False,
    ),
    _ev("events:requests", control=False),
    _ev("events:agenda", control=False),
    _ev("events:agenda-pdf", control=False),
    _ev("events:agenda-ics", control=False),
    PageCase(
        "events:meeting-feedback",
        lambda w: {"meeting_pk": w.meeting_a.pk},
        post=lambda w: {"held": "yes", "useful": "yes"},
        get=False,
        control=False,
    ),
]


def _pilot(route: str, **extra) -> PageCase:
    """A page case on cluster A's pilot (kwarg `pk`)."""
    return PageCase(route, lambda w: {"pk": w.pilot_a.pk}, **extra)


def _pilot_form(w) -> dict:
    return {
        "code": "PX",
        "title": "Hijacked pilot",
        "lead_cluster": w.cluster_a.pk,
        "instrument": "x",
        "hypothesis": "x",
        "language": "en",
        "starts_on": "2026-01-01",
        "ends_on": "2026-02-01",
        "status": "running",
    }


PILOT_PAGE_CASES: list[PageCase] = [
    _pilot("pilots:pilot-detail"),
    _pilot("pilots:pilot-edit", post=_pilot_form),
    _pilot(
        "pilots:participant-add",
        post=lambda w: {"organisation": w.org_a_public.pk},
        get=False,
    ),
    PageCase(
        "pilots:participant-group",
        lambda w: {"pk": w.pilot_a.pk, "participant_pk": w.participant_a.pk},
        post=lambda w: {"group": "treatment"},
        get=False,
    ),
    PageCase(
        "pilots:participant-remove",
        lambda w: {"pk": w.pilot_a.pk, "participant_pk": w.participant_a.pk},
        post=lambda w: {},
        get=False,
    ),
    _pilot("pilots:randomise", post=lambda w: {"seed": "4"}, get=False, control=False),
    _pilot(
        "pilots:milestone-add",
        post=lambda w: {"title": "Planted", "due_on": "2026-05-01"},
        get=False,
    ),
    PageCase(
        "pilots:milestone-update",
        lambda w: {"pk": w.pilot_a.pk, "milestone_pk": w.milestone_a.pk},
        post=lambda w: {"status": "done"},
        get=False,
    ),
    _pilot(
        "pilots:lesson-add",
        post=lambda w: {"what": "planted", "for_whom": "x", "evidence_level": "observed"},
        get=False,
    ),
    _pilot(
        "pilots:document-upload",
        post=lambda w: {
            "title": "Planted",
            "file": SimpleUploadedFile("x.txt", b"planted", content_type="text/plain"),
        },
        get=False,
    ),
    PageCase(
        "pilots:document-download",
        lambda w: {"pk": w.pilot_a.pk, "document_pk": w.document_a.pk},
    ),
    _pilot(
        "pilots:indicator-add",
        post=lambda w: {"name": "Planted", "direction": "higher", "method": "manual"},
        get=False,
    ),
    PageCase(
        "pilots:platform-count",
        lambda w: {"pk": w.pilot_a.pk, "indicator_pk": w.indicator_a.pk},
        post=lambda w: {"phase": "endline"},
        get=False,
    ),
    PageCase(
        "pilots:measurements",
        lambda w: {"pk": w.pilot_a.pk, "indicator_pk": w.indicator_a.pk, "phase": "baseline"},
        post=lambda w: {f"p_{w.participant_a.pk}": "9"},
    ),
    _pilot(
        "pilots:survey-send",
        post=lambda w: {"phase": "baseline", "survey": ""},
        get=False,
        control=False,
    ),
    _pilot("pilots:survey-import", post=lambda w: {"phase": "baseline"}, get=False, control=False),
    _pilot("pilots:report"),
    _pilot("pilots:report-pdf"),
]


def _sv(route: str, **extra) -> PageCase:
    """A page case on cluster A's survey (kwarg `pk`)."""
    return PageCase(route, lambda w: {"pk": w.survey_a.pk}, **extra)


SURVEY_PAGE_CASES: list[PageCase] = [
    _sv("surveys:survey-detail"),
    _sv(
        "surveys:survey-edit",
        post=lambda w: {"languages": ["en"], "default_language": "en", "title_en": "Hijacked"},
    ),
    _sv("surveys:survey-status", post=lambda w: {"status": "closed"}, get=False),
    _sv("surveys:survey-copy", post=lambda w: {}, get=False),
    _sv("surveys:survey-preview"),
    _sv("surveys:section-add", post=lambda w: {"title_en": "Planted"}),
    PageCase(
        "surveys:section-edit",
        lambda w: {"pk": w.survey_a.pk, "section_pk": w.survey_section_a.pk},
        post=lambda w: {"title_en": "Renamed"},
    ),
    PageCase(
        "surveys:section-delete",
        lambda w: {"pk": w.survey_a.pk, "section_pk": w.spare_section_a.pk},
        post=lambda w: {},
        get=False,
    ),
    PageCase(
        "surveys:section-move",
        lambda w: {"pk": w.survey_a.pk, "section_pk": w.survey_section_a.pk},
        post=lambda w: {"direction": "down"},
        get=False,
    ),
    _sv(
        "surveys:question-add",
        post=lambda w: {"section": w.survey_section_a.pk, "kind": "text", "text_en": "Planted?"},
    ),
    PageCase(
        "surveys:question-edit",
        lambda w: {"pk": w.survey_a.pk, "question_pk": w.survey_question_a.pk},
        post=lambda w: {
            "section": w.survey_section_a.pk,
            "kind": "text",
            "code": "remarks",
            "text_en": "Renamed?",
        },
    ),
    PageCase(
        "surveys:question-delete",
        lambda w: {"pk": w.survey_a.pk, "question_pk": w.spare_question_a.pk},
        post=lambda w: {},
        get=False,
    ),
    PageCase(
        "surveys:question-move",
        lambda w: {"pk": w.survey_a.pk, "question_pk": w.survey_question_a.pk},
        post=lambda w: {"direction": "down"},
        get=False,
    ),
    _sv("surveys:survey-send", post=lambda w: {"contacts": [w.contact_a.pk]}),
    _sv("surveys:survey-remind", post=lambda w: {}, get=False),
    _sv("surveys:invitations"),
    _sv("surveys:results"),
    _sv("surveys:export-csv"),
    _sv("surveys:export-xlsx"),
]

PAGE_MATRIX: list[PageCase] = [
    *SURVEY_PAGE_CASES,
    *EVENT_PAGE_CASES,
    *PILOT_PAGE_CASES,
    PageCase("matchmaking:cluster-matchmaking", lambda w: {"slug": "cluster-a"}),
    PageCase("matchmaking:recommendations", lambda w: {"organisation_pk": w.org_a.pk}),
    PageCase("matchmaking:introduction-detail", lambda w: {"pk": w.intro_a.pk}),
    PageCase(
        "matchmaking:introduction-accept",
        lambda w: {"pk": w.intro_a.pk},
        post=lambda w: {"answer": "yes"},
        get=False,
    ),
    PageCase(
        "matchmaking:introduction-decline",
        lambda w: {"pk": w.intro_a.pk},
        post=lambda w: {"answer": "no"},
        get=False,
    ),
    PageCase(
        "matchmaking:introduction-withdraw",
        lambda w: {"pk": w.intro_a.pk},
        post=lambda w: {},
        get=False,
    ),
    PageCase(
        "matchmaking:introduction-outcome",
        lambda w: {"pk": w.intro_a.pk},
        post=lambda w: {"outcome": "meeting"},
        get=False,
        control=False,
    ),
    PageCase(
        "matchmaking:introduction-new",
        lambda w: {"organisation_pk": w.org_a.pk},
        post=lambda w: {"requester": w.org_b.pk, "message": "hello"},
        control=False,
    ),
    PageCase(
        "matchmaking:profile-new", lambda w: {"organisation_pk": w.org_a.pk}, post=_profile_form
    ),
    PageCase("matchmaking:profile-edit", lambda w: {"pk": w.profile_a.pk}, post=_profile_form),
    PageCase(
        "matchmaking:profile-publish",
        lambda w: {"pk": w.profile_a.pk},
        post=lambda w: {},
        get=False,
    ),
    PageCase(
        "matchmaking:profile-close", lambda w: {"pk": w.profile_a.pk}, post=lambda w: {}, get=False
    ),
    PageCase(
        "registry:organisation-edit",
        lambda w: {"pk": w.org_a.pk},
        post=lambda w: _organisation_form(w, "Hacked GmbH"),
    ),
    PageCase("registry:organisation-history", lambda w: {"pk": w.org_a.pk}),
    PageCase(
        "registry:note-add",
        lambda w: {"pk": w.org_a.pk},
        post=lambda w: {"cluster": "cluster-a", "text": "planted note"},
        get=False,
        label="cluster-a",
    ),
    PageCase(
        "registry:note-add",
        lambda w: {"pk": w.org_a.pk},
        post=lambda w: {"cluster": "cluster-b", "text": "planted note"},
        get=False,
        control=False,
        label="cluster-b",
    ),
    PageCase(
        "registry:contact-add",
        lambda w: {"pk": w.org_a.pk},
        post=_contact_form,
    ),
    PageCase(
        "registry:contact-edit",
        lambda w: {"pk": w.contact_a.pk},
        post=_contact_form,
    ),
    PageCase("registry:contact-export", lambda w: {"pk": w.contact_a.pk}),
    PageCase(
        "registry:letter-add",
        lambda w: {"pk": w.org_a.pk},
        post=lambda w: {"date": "2026-01-10", "commitment": "planted letter"},
    ),
    PageCase("registry:contact-erase", lambda w: {"pk": w.contact_a.pk}, post=lambda w: {}),
    PageCase("registry:workspace-members", lambda w: {"slug": "cluster-a"}),
    PageCase(
        "registry:cluster-edit",
        lambda w: {"slug": "cluster-a"},
        post=lambda w: {
            "name": "Hacked Cluster",
            "kind": "traditional",
            "country": "FR",
            "description": "taken over",
            "description_language": "en",
            "website": "",
            "founded_year": "",
            "sectors": [_sector_pk("13.20")],
            "regions": [],
        },
    ),
    PageCase(
        "registry:member-add",
        lambda w: {"slug": "cluster-a"},
        post=lambda w: {**_organisation_form(w, "Planted GmbH"), "membership_status": "active"},
    ),
    PageCase(
        "registry:membership-edit",
        lambda w: {"slug": "cluster-a", "pk": w.membership_a.pk},
        post=lambda w: {"status": "prospect", "joined": "2020-01-01", "left": ""},
    ),
    PageCase(
        "registry:membership-edit",
        lambda w: {"slug": "cluster-b", "pk": w.membership_a.pk},
        post=lambda w: {"status": "prospect", "joined": "2020-01-01", "left": ""},
        control=False,
        label="own-slug",
    ),
    PageCase(
        "registry:membership-remove",
        lambda w: {"slug": "cluster-a", "pk": w.membership_a.pk},
        post=lambda w: {},
        get=False,
    ),
    PageCase(
        "registry:membership-remove",
        lambda w: {"slug": "cluster-b", "pk": w.membership_a.pk},
        post=lambda w: {},
        get=False,
        control=False,
        label="own-slug",
    ),
    PageCase(
        "registry:workspace-services",
        lambda w: {"slug": "cluster-a"},
        post=lambda w: {
            "organisation": w.org_a.pk,
            "kind": "training",
            "date": "2025-06-01",
            "description": "planted service",
        },
    ),
    PageCase("registry:member-export-csv", lambda w: {"slug": "cluster-a"}),
    PageCase("registry:member-export-xlsx", lambda w: {"slug": "cluster-a"}),
    PageCase("registry:import-upload", lambda w: {"slug": "cluster-a"}, post=_upload),
    PageCase(
        "registry:import-detail",
        lambda w: {"slug": "cluster-a", "pk": w.job_a.pk},
        post=lambda w: {"action": "check", "name": "Name", "country": "Country", "city": "City"},
    ),
    PageCase(
        "registry:import-detail",
        lambda w: {"slug": "cluster-b", "pk": w.job_a.pk},
        post=lambda w: {"action": "check", "name": "Name", "country": "Country", "city": "City"},
        control=False,
        label="own-slug",
    ),
]
PAGE_MATRIX += [case for cases in collect("PAGE_CASES") for case in cases]


SURVEY_API_CASES: list[ApiCase] = [
    ApiCase(
        "survey-detail",
        lambda w: {"pk": w.survey_a.pk},
        ALL,
        lambda w: {"cluster": "cluster-a", "title": {"en": "Hijacked"}, "languages": ["en"]},
        absent=("delete",),
    ),
    ApiCase(
        "survey-sections",
        lambda w: {"pk": w.survey_a.pk},
        ("post",),
        lambda w: {"title": {"en": "Planted"}},
    ),
    ApiCase(
        "survey-questions",
        lambda w: {"pk": w.survey_a.pk},
        ("post",),
        lambda w: {"kind": "text", "text": {"en": "Planted?"}},
    ),
    ApiCase(
        "survey-send",
        lambda w: {"pk": w.survey_a.pk},
        ("post",),
        lambda w: {"recipients": [{"email": "mallory@evil.example"}]},
    ),
    ApiCase("survey-remind", lambda w: {"pk": w.survey_a.pk}, ("post",)),
    ApiCase("survey-copy", lambda w: {"pk": w.survey_a.pk}, ("post",)),
    ApiCase("survey-results", lambda w: {"pk": w.survey_a.pk}, ("get",)),
    ApiCase(
        "survey-invitation-detail",
        lambda w: {"pk": w.invitation_a.pk},
        ALL,
        lambda w: {"email": "mallory@evil.example"},
        absent=("put", "patch", "delete"),
    ),
    ApiCase(
        "survey-response-detail",
        lambda w: {"pk": w.response_a.pk},
        ALL,
        lambda w: {"answers": {"remarks": "planted"}},
        absent=("put", "patch", "delete"),
    ),
]

API_MATRIX: list[ApiCase] = [
    *SURVEY_API_CASES,
    ApiCase(
        "pilot-detail",
        lambda w: {"pk": w.pilot_a.pk},
        ALL,
        lambda w: {"title": "Hijacked", "lead_cluster": "cluster-b"},
        absent=("delete",),
    ),
    ApiCase("pilot-evaluation", lambda w: {"pk": w.pilot_a.pk}, ("get",)),
    ApiCase("pilot-randomise", lambda w: {"pk": w.pilot_a.pk}, ("post",), lambda w: {"seed": 3}),
    ApiCase(
        "pilot-participant-detail",
        lambda w: {"pk": w.participant_a.pk},
        ALL,
        lambda w: {"group": "comparison"},
    ),
    ApiCase(
        "indicator-detail",
        lambda w: {"pk": w.indicator_a.pk},
        ALL,
        lambda w: {"name": "Hijacked"},
        absent=("put", "patch"),
    ),
    ApiCase(
        "measurement-detail",
        lambda w: {"pk": w.indicator_a.measurements.get().pk},
        ALL,
        lambda w: {"value": 99},
        absent=("put", "patch", "delete"),
    ),
    ApiCase(
        # Public event: GET answers 200; writes belong to the organisers.
        "event-detail",
        lambda w: {"pk": w.event_a.pk},
        ("put", "patch", "delete"),
        lambda w: {"title": "Hijacked", "clusters": ["cluster-b"]},
        absent=("delete",),
    ),
    ApiCase("event-participants", lambda w: {"pk": w.event_a.pk}, ("get",)),
    ApiCase("event-agenda", lambda w: {"pk": w.event_a.pk}, ("get",)),
    ApiCase(
        "event-slots",
        lambda w: {"pk": w.event_a.pk},
        ("post",),
        lambda w: {"first_start": "2030-01-01T10:00:00Z", "count": 1, "minutes": 25},
    ),
    ApiCase("event-schedule", lambda w: {"pk": w.event_a.pk}, ("post",)),
    ApiCase("event-runs", lambda w: {"pk": w.event_a.pk}, ("get",)),
    ApiCase("event-publish", lambda w: {"pk": w.event_a.pk}, ("post",)),
    ApiCase(
        "registration-detail",
        lambda w: {"pk": w.registration_a.pk},
        ALL,
        lambda w: {"offer": "planted", "participant_type": "industry"},
        absent=("delete",),
    ),
    ApiCase("registration-cancel", lambda w: {"pk": w.registration_a.pk}, ("post",)),
    ApiCase("registration-check-in", lambda w: {"pk": w.registration_a.pk}, ("post",)),
    ApiCase(
        "meeting-request-detail",
        lambda w: {"pk": w.request_a.pk},
        ALL,
        lambda w: {"message": "planted"},
        absent=("put", "patch", "delete"),
    ),
    ApiCase("meeting-request-accept", lambda w: {"pk": w.request_a.pk}, ("post",)),
    ApiCase("meeting-request-decline", lambda w: {"pk": w.request_a.pk}, ("post",)),
    ApiCase("meeting-request-withdraw", lambda w: {"pk": w.accepted_a.pk}, ("post",)),
    ApiCase(
        "meeting-detail",
        lambda w: {"pk": w.meeting_a.pk},
        ALL,
        lambda w: {"table": 9},
        absent=("put", "patch", "delete"),
    ),
    ApiCase("cluster-matchmaking", lambda w: {"slug": "cluster-a"}, ("get",)),
    ApiCase("organisation-recommendations", lambda w: {"pk": w.org_a.pk}, ("get",)),
    ApiCase(
        "introduction-detail",
        lambda w: {"pk": w.intro_a.pk},
        ALL,
        absent=("put", "patch", "delete"),
    ),
    ApiCase("introduction-accept", lambda w: {"pk": w.intro_a.pk}, ("post",)),
    ApiCase("introduction-decline", lambda w: {"pk": w.intro_a.pk}, ("post",)),
    ApiCase("introduction-withdraw", lambda w: {"pk": w.intro_a.pk}, ("post",)),
    ApiCase(
        "introduction-outcome",
        lambda w: {"pk": w.intro_a.pk},
        ("post",),
        lambda w: {"outcome": "meeting"},
    ),
    ApiCase(
        "cooperation-profile-detail",
        lambda w: {"pk": w.profile_a.pk},
        ALL,
        lambda w: {"title": "Hijacked", "kind": "offer", "profile_type": "technology"},
        absent=("delete",),
    ),
    ApiCase("cooperation-profile-publish", lambda w: {"pk": w.profile_a.pk}, ("post",)),
    ApiCase("cooperation-profile-close", lambda w: {"pk": w.profile_a.pk}, ("post",)),
    ApiCase(
        "organisation-detail",
        lambda w: {"pk": w.org_a.pk},
        ALL,
        lambda w: {"name": "Hacked", "kind": "micro", "country": "FR", "visibility": "public"},
        absent=("delete",),
    ),
    ApiCase(
        # The profile is public (GET answers 200); writes belong to cluster A's managers.
        "cluster-detail",
        lambda w: {"slug": "cluster-a"},
        ("put", "patch", "delete"),
        lambda w: {"name": "Hacked Cluster", "kind": "traditional", "country": "FR"},
        absent=("delete",),
    ),
    ApiCase(
        "membership-detail",
        lambda w: {"pk": w.membership_a.pk},
        ALL,
        lambda w: {"cluster": "cluster-a", "organisation": w.org_a.pk, "status": "left"},
    ),
    ApiCase(
        "contact-detail",
        lambda w: {"pk": w.contact_a.pk},
        ALL,
        lambda w: {"organisation": w.org_a.pk, "first_name": "Mallory", "last_name": "X"},
        absent=("delete",),  # contacts are erased, never deleted
    ),
    ApiCase("contact-export", lambda w: {"pk": w.contact_a.pk}, ("get",)),
    ApiCase("contact-erase", lambda w: {"pk": w.contact_a.pk}, ("post",)),
    ApiCase(
        "service-detail",
        lambda w: {"pk": w.service_a.pk},
        ALL,
        lambda w: {"kind": "other"},
        absent=("put", "patch", "delete"),
    ),
    ApiCase(
        "letter-of-support-detail",
        lambda w: {"pk": w.letter_a.pk},
        ALL,
        lambda w: {"commitment": "rewritten"},
        absent=("put", "patch", "delete"),
    ),
]
API_MATRIX += [case for cases in collect("API_CASES") for case in cases]


def test_every_private_route_with_an_object_is_in_the_matrix():
    with_object = {
        r.name
        for r in project_routes()
        if r.has_object and ROUTE_CLASSES.get(r.name, PRIVATE) == PRIVATE
    }
    covered = {c.route for c in PAGE_MATRIX} | {c.route for c in API_MATRIX}
    assert sorted(with_object - covered) == []


def _contains(body: str, text: str) -> bool:
    return text in body or escape(text) in body


def _assert_refused(response, *, anonymous: bool, post_only_get: bool = False):
    allowed = {403, 404} | ({405} if post_only_get else set())
    if anonymous and response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code in allowed, response.status_code
    body = response.content.decode("utf-8", "replace")
    for secret in SECRETS_A:
        assert not _contains(body, secret)


@pytest.mark.parametrize("actor", ["manager_b", "visitor"])
@pytest.mark.parametrize("case", PAGE_MATRIX, ids=lambda c: c.id)
def test_private_page_refuses_other_cluster_and_visitor(world, clients, case, actor):
    client = getattr(clients, actor)
    url = reverse(case.route, kwargs=case.kwargs(world))
    before = snapshot()
    anonymous = actor == "visitor"
    _assert_refused(client.get(url), anonymous=anonymous, post_only_get=not case.get)
    assert snapshot() == before
    if case.post is not None:
        _assert_refused(client.post(url, case.post(world)), anonymous=anonymous)
        assert snapshot() == before
    world.contact_a.refresh_from_db()
    assert (world.contact_a.first_name, world.contact_a.email) == ("Anna", EMAIL_A)


@pytest.mark.parametrize("case", [c for c in PAGE_MATRIX if c.control], ids=lambda c: c.id)
def test_private_page_works_for_own_manager(world, clients, case):
    """The control: the same requests by cluster A's manager succeed and change the data."""
    url = reverse(case.route, kwargs=case.kwargs(world))
    if case.get:
        assert clients.manager_a.get(url).status_code == 200
    else:
        assert clients.manager_a.get(url).status_code == 405
    if case.post is not None:
        before = snapshot()
        response = clients.manager_a.post(url, case.post(world))
        assert response.status_code == 302, response.content.decode()[:2000]
        assert snapshot() != before


@pytest.mark.parametrize("actor", ["manager_b", "visitor"])
@pytest.mark.parametrize("case", API_MATRIX, ids=lambda c: c.id)
def test_api_object_refuses_other_cluster_and_visitor(world, clients, case, actor):
    client = getattr(clients, actor)
    url = reverse(case.route, kwargs=case.kwargs(world))
    before = snapshot()
    for method in case.methods:
        kwargs = {"content_type": "application/json"} if method != "get" else {}
        data = case.body(world) if method in ("put", "patch", "post") else None
        response = getattr(client, method)(url, data, **kwargs)
        allowed = {401, 403, 404} | ({405} if method in case.absent else set())
        assert response.status_code in allowed, (method, response.status_code)
        if actor == "manager_b" and method == "get":
            assert response.status_code == 404
        for secret in SECRETS_A:
            assert not _contains(response.content.decode(), secret)
        assert snapshot() == before


# --- Organisation profiles and the directory ----------------------------------------------

PROFILE_STATUS = {
    "manager_a": 200,
    "member_a": 200,
    "coordinator": 200,
    "manager_b": 404,
    "visitor": 404,
}


@pytest.mark.parametrize("actor", sorted(PROFILE_STATUS))
def test_cluster_only_profile_is_seen_by_its_cluster_only(world, clients, actor):
    url = reverse("registry:organisation-detail", kwargs={"pk": world.org_a.pk})
    response = getattr(clients, actor).get(url)
    assert response.status_code == PROFILE_STATUS[actor]


@pytest.mark.parametrize("visibility", [Visibility.CLUSTER, Visibility.NETWORK, Visibility.PUBLIC])
@pytest.mark.parametrize("actor", ["manager_b", "visitor"])
def test_private_section_never_reaches_outsiders(world, clients, actor, visibility):
    Organisation.objects.filter(pk=world.org_a.pk).update(visibility=visibility)
    seen = visibility == Visibility.PUBLIC or (
        visibility == Visibility.NETWORK and actor == "manager_b"
    )
    client = getattr(clients, actor)
    detail = client.get(reverse("registry:organisation-detail", kwargs={"pk": world.org_a.pk}))
    assert detail.status_code == (200 if seen else 404)
    if seen:
        assert _contains(detail.content.decode(), "Alpha Design GmbH")
        assert detail.context["can_private"] is False
    pages = [
        detail,
        client.get("/"),
        client.get("/directory/"),
        client.get("/directory/?q=Alpha"),
        client.get("/clusters/"),
        client.get("/clusters/cluster-a/"),
        client.get(f"/api/organisations/{world.org_a.pk}/"),
        client.get("/api/organisations/?q=Alpha"),
    ]
    for page in pages:
        body = page.content.decode()
        for secret in (*SECRETS_A, "Schmidt"):
            assert not _contains(body, secret), (page.request["PATH_INFO"], secret)


def test_private_section_is_shown_to_own_manager(world, clients):
    """Control for the test above: the same page does show the secrets to cluster A."""
    url = reverse("registry:organisation-detail", kwargs={"pk": world.org_a.pk})
    body = clients.manager_a.get(url).content.decode()
    assert _contains(body, EMAIL_A)
    assert _contains(body, NOTE_A)
    assert _contains(body, LETTER_A)
    member_body = clients.member_a.get(url).content.decode()
    assert _contains(member_body, EMAIL_A)
    assert not _contains(member_body, NOTE_A)  # notes are for cluster managers only


def test_shared_member_shows_each_cluster_only_its_own_notes(world, clients):
    services.membership_add(actor=None, cluster=world.cluster_b, organisation=world.org_a)
    note_b_on_a = services.note_add(
        actor=world.manager_b,
        cluster=world.cluster_b,
        organisation=world.org_a,
        text="Bravo view of Alpha",
    )
    url = reverse("registry:organisation-detail", kwargs={"pk": world.org_a.pk})
    body_b = clients.manager_b.get(url).content.decode()
    assert _contains(body_b, EMAIL_A)  # both clusters manage the member: contacts are shared
    assert _contains(body_b, note_b_on_a.text)
    assert not _contains(body_b, NOTE_A)
    body_a = clients.manager_a.get(url).content.decode()
    assert _contains(body_a, NOTE_A)
    assert not _contains(body_a, note_b_on_a.text)
    # Bob cannot file a note under cluster A's name either.
    before = OrganisationNote.objects.count()
    note_url = reverse("registry:note-add", kwargs={"pk": world.org_a.pk})
    response = clients.manager_b.post(note_url, {"cluster": "cluster-a", "text": "forged"})
    assert response.status_code == 404
    assert OrganisationNote.objects.count() == before


DIRECTORY_NAMES = {
    "visitor": {"Atelier Public GmbH"},
    "manager_a": {"Alpha Design GmbH", "Atelier Public GmbH", "Bravo Network SAS"},
    "member_a": {"Alpha Design GmbH", "Atelier Public GmbH", "Bravo Network SAS"},
    "manager_b": {"Atelier Public GmbH", "Bravo Textiles SAS", "Bravo Network SAS"},
    "coordinator": {
        "Alpha Design GmbH",
        "Atelier Public GmbH",
        "Bravo Textiles SAS",
        "Bravo Network SAS",
    },
}


@pytest.mark.parametrize("actor", sorted(DIRECTORY_NAMES))
def test_directory_lists_what_each_user_may_see(world, clients, actor):
    response = getattr(clients, actor).get("/directory/")
    assert response.status_code == 200
    names = [o.name for o in response.context["organisations"]]
    assert len(names) == len(set(names))
    assert set(names) == DIRECTORY_NAMES[actor]


@pytest.mark.parametrize("actor", ["manager_b", "visitor"])
def test_cluster_page_hides_cluster_only_members_from_outsiders(world, clients, actor):
    response = getattr(clients, actor).get("/clusters/cluster-a/")
    assert response.status_code == 200
    names = {m.organisation.name for m in response.context["page"].object_list}
    assert names == {"Atelier Public GmbH"}
    assert response.context["can_manage"] is False


def test_contact_erase_by_other_manager_is_refused(world, clients):
    url = reverse("registry:contact-erase", kwargs={"pk": world.contact_a.pk})
    response = clients.manager_b.post(url)
    assert response.status_code == 404
    world.contact_a.refresh_from_db()
    assert (world.contact_a.first_name, world.contact_a.last_name) == ("Anna", "Schmidt")
    assert world.contact_a.email == EMAIL_A
    assert world.contact_a.erased_at is None


def test_note_add_under_another_cluster_is_refused(world, clients):
    url = reverse("registry:note-add", kwargs={"pk": world.org_a.pk})
    before = list(OrganisationNote.objects.order_by("pk").values_list("pk", "cluster__slug"))
    response = clients.manager_a.post(url, {"cluster": "cluster-b", "text": "under B's name"})
    assert response.status_code == 404
    after = list(OrganisationNote.objects.order_by("pk").values_list("pk", "cluster__slug"))
    assert after == before
    assert not OrganisationNote.objects.filter(text="under B's name").exists()
    # …and on another cluster's organisation, even naming her own cluster.
    url_b = reverse("registry:note-add", kwargs={"pk": world.org_b.pk})
    response = clients.manager_a.post(url_b, {"cluster": "cluster-a", "text": "on B's member"})
    assert response.status_code == 404
    assert not OrganisationNote.objects.filter(text="on B's member").exists()


def test_workspace_export_contains_only_own_members(world, clients):
    body = clients.manager_a.get("/workspace/cluster-a/export.csv").content.decode("utf-8-sig")
    assert "Alpha Design GmbH" in body
    assert "Bravo" not in body
    body_b = clients.manager_b.get("/workspace/cluster-b/export.csv").content.decode("utf-8-sig")
    assert "Bravo Textiles SAS" in body_b
    assert "Alpha" not in body_b
    assert EMAIL_A not in body_b


def test_workspace_home_of_other_manager_lists_only_own_cluster(world, clients):
    response = clients.manager_b.get("/workspace/")
    assert response.status_code == 302
    assert response["Location"] == "/workspace/cluster-b/"


def test_ended_membership_ends_access_to_private_data(world, clients):
    services.membership_remove(actor=world.manager_a, membership=world.membership_a)
    # The profile itself is already hidden from cluster A (visible_to skips 'left')…
    detail = reverse("registry:organisation-detail", kwargs={"pk": world.org_a.pk})
    assert clients.manager_a.get(detail).status_code == 404
    # …but the private pages behind it must be closed too.
    edit = reverse("registry:organisation-edit", kwargs={"pk": world.org_a.pk})
    export = reverse("registry:contact-export", kwargs={"pk": world.contact_a.pk})
    assert clients.manager_a.get(edit).status_code == 404
    assert clients.manager_a.get(export).status_code == 404
    api = clients.manager_a.get("/api/contacts/").json()
    assert [c["id"] for c in api["results"]] == []


def test_profile_with_a_note_without_author_renders(world, clients):
    # conftest's note_b was added with actor=None, as a command or an import would.
    url = reverse("registry:organisation-detail", kwargs={"pk": world.org_b.pk})
    response = clients.manager_b.get(url)
    assert response.status_code == 200
    assert _contains(response.content.decode(), "Bob's private note")


def test_import_into_own_cluster_never_touches_the_other_clusters_rows(
    world, clients, django_capture_on_commit_callbacks
):
    """Bob imports a list naming Alice's cluster-only member: a new row in B, org_a untouched."""
    before_a = Organisation.objects.filter(pk=world.org_a.pk).values().get()
    memberships_a = list(world.cluster_a.memberships.order_by("pk").values())
    upload = SimpleUploadedFile(
        "members.csv",
        b"Name,Country,City\nAlpha Design GmbH,DE,Hijacked\nBravo Textiles SAS,FR,Tourcoing\n",
        content_type="text/csv",
    )
    response = clients.manager_b.post("/workspace/cluster-b/import/", {"file": upload})
    assert response.status_code == 302
    job = ImportJob.objects.get(cluster=world.cluster_b)
    url = f"/workspace/cluster-b/import/{job.pk}/"
    mapping = {"name": "Name", "country": "Country", "city": "City"}
    with django_capture_on_commit_callbacks(execute=True):
        assert clients.manager_b.post(url, {"action": "check", **mapping}).status_code == 302
    job.refresh_from_db()
    assert (job.status, job.errors, job.to_create, job.to_update) == ("previewed", [], 1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert clients.manager_b.post(url, {"action": "commit"}).status_code == 302
    job.refresh_from_db()
    assert job.status == "done"
    # Alice's organisation and her cluster's memberships are exactly as they were.
    assert Organisation.objects.filter(pk=world.org_a.pk).values().get() == before_a
    assert list(world.cluster_a.memberships.order_by("pk").values()) == memberships_a
    # Bob got his own new row, and his existing member was updated.
    twins = Organisation.objects.filter(name="Alpha Design GmbH").order_by("pk")
    assert [(o.pk == world.org_a.pk, o.city) for o in twins] == [
        (True, "Stuttgart"),
        (False, "Hijacked"),
    ]
    assert Membership.objects.filter(cluster=world.cluster_b, organisation=twins[1]).exists()
    assert Organisation.objects.get(pk=world.org_b.pk).city == "Tourcoing"
