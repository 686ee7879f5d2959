"""Fuzzing the REST API against its own OpenAPI schema (RELIABILITY.md: no 500 for user input).

schemathesis fetches the schema in-process from `/api/schema/` through the Django WSGI
application and generates valid and invalid requests for every operation in it (one test item
per operation). Each generated request is sent, each time in its own savepoint that is rolled
back, so that every request meets the same `cast`:

- as manager_a and as manager_b: two peer users (DRF token auth); a write is also sent
  retargeted across the tenant boundary (own organisation into the other's cluster, the other's
  organisation into one's own);
- anonymously, and with a token that does not exist.

What must hold for every answer:

- no server error (status >= 500), for any identity;
- no cross-user object read: a peer never receives the other cluster's private data (canary
  values of contacts, services, letters and the cluster-only organisation; rows of memberships,
  contacts, services or letters of the other's cluster or organisations); the other's private
  objects answer 403/404 to every method, the other's visible profiles are read-only, and a write
  naming the other's cluster or organisations is never accepted;
- no auth ignored: a made-up token is refused everywhere, anonymous writes and anonymous calls
  of operations the schema declares authenticated-only are refused: 401/403, or turned away
  before the API is reached (a non-JSON 4xx, e.g. a 400 for a NUL byte).

Random ids would almost never hit a real row, so path ids, query filters and the reference
fields of request bodies are mostly replaced by the cast's real values (and a NUL byte, which
only PostgreSQL refuses). Bounded and reproducible: a fixed seed, derandomized Hypothesis,
MAX_EXAMPLES per operation, no coverage or stateful phase.
"""

from __future__ import annotations

import datetime as dt
import json
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.settings import api_settings

from clusterlab.accounts.models import User
from clusterlab.core.tenant_testing import collect
from clusterlab.events import services as event_services
from clusterlab.events.models import Meeting, ScheduleRun
from clusterlab.matchmaking import services as profile_services
from clusterlab.pilots import services as pilot_services
from clusterlab.registry import services
from clusterlab.registry.models import (
    Capability,
    CreativeDefinitionSet,
    Language,
    Membership,
    NaceSector,
    NutsRegion,
    ServiceRecord,
)
from clusterlab.surveys import services as survey_services

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 20
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
REFUSED = {401, 403}
NOT_YOURS = {403, 404}
RENDERER_FORMATS = {renderer.format for renderer in api_settings.DEFAULT_RENDERER_CLASSES}
# Routes whose rows are a cluster's private data.
PRIVATE_RESOURCES = {
    "memberships",
    "contacts",
    "services",
    "letters-of-support",
    "introductions",
    "registrations",
    "meeting-requests",
    "meetings",
    "pilot-participants",
}

# Writes any account may make on another cluster's visible object (they change nothing of it).
OPEN_ACTIONS = {"/api/events/{id}/register/"}

CANARY_SERVICE_A = "canary-service-alpha-7f3a"
CANARY_SERVICE_B = "canary-service-bravo-2c9e"
CANARY_LETTER_A = "canary-letter-alpha-5d1b"
CANARY_LETTER_B = "canary-letter-bravo-8e4f"
CANARY_DRAFT_A = "canary-draft-alpha-3b6c"
CANARY_DRAFT_B = "canary-draft-bravo-9a0d"
CANARY_INTRO_A = "canary-intro-alpha-4e2f"
CANARY_INTRO_B = "canary-intro-bravo-6c1a"
CANARY_ANSWER_A = "canary-answer-alpha-1d7e"
CANARY_ANSWER_B = "canary-answer-bravo-5f2a"
CANARY_MEETING_A = "canary-meeting-alpha-8b3c"
CANARY_MEETING_B = "canary-meeting-bravo-0e9d"
CANARY_PILOT_A = "canary-pilot-alpha-2b8f"
CANARY_PILOT_B = "canary-pilot-bravo-7c4e"

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20260101,
        "generation": {
            "mode": "all",  # valid and invalid requests
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "database": "none",
            # Identities are set per call below; no random Authorization header or session cookie.
            "with-security-parameters": False,
        },
        "phases": {
            # The coverage phase sends thousands of mostly-404 requests (minutes, not seconds).
            "coverage": {"enabled": False},
            "stateful": {"enabled": False},
            # Feeding earlier answers back into generation would make runs depend on each other.
            "fuzzing": {
                "extra-data-sources": {"responses": False},
                "error-feedback": {"enabled": False},
            },
        },
    }
)

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application(), config=CONFIG)


# --- The cast's real values, mixed into generated requests ------------------------------------

_current: World | None = None


def _world() -> World:
    assert _current is not None, "the `world` fixture sets the cast's values"
    return _current


def _route(path: str) -> tuple[str, str | None]:
    """`/api/contacts/{id}/export/` → ("contacts", "id")."""
    parts = path.strip("/").split("/")
    param = parts[2][1:-1] if len(parts) > 2 and parts[2].startswith("{") else None
    return parts[1], param


DROP = object()  # a pick that removes the key
NUL = "\x00"  # PostgreSQL text cannot hold it: the classic 500 that SQLite never shows
# An index into the real values (about three times in four), or None: keep the generated value.
PICK = st.integers(min_value=-5, max_value=15).map(lambda i: i if i >= 0 else None)
BODY_KEYS = (
    "organisation",
    "cluster",
    "country",
    "region",
    "regions",
    "sectors",
    "capabilities_offered",
    "capabilities_sought",
    "languages",
    "export_markets",
    "clusters",
    "requester",
    "recipient",
    "unavailable_slots",
    "lead_cluster",
    "partner_clusters",
    "pilot",
    "indicator",
    "participant",
)
QUERY_KEYS = ("page", "cluster", "country", "region", "sector", "event", "pilot")

# --- Surveys: surveys, their invitations and responses are the owner cluster's alone; a
# free-text answer and the respondents' addresses are the canaries.
PRIVATE_RESOURCES |= {"surveys", "survey-invitations", "survey-responses"}
QUERY_KEYS = (*QUERY_KEYS, "survey")
CANARY_SURVEY_A = "canary-survey-alpha-6a4d"
CANARY_SURVEY_B = "canary-survey-bravo-3e8b"

# Apps that ship `tests/isolation.py` add their resources, keys and objects (core.tenant_testing).
for _resources in collect("PRIVATE_RESOURCES"):
    PRIVATE_RESOURCES |= set(_resources)
for _actions in collect("OPEN_ACTIONS"):
    OPEN_ACTIONS |= set(_actions)
BODY_KEYS = (*BODY_KEYS, *(key for keys in collect("BODY_KEYS") for key in keys))
QUERY_KEYS = (*QUERY_KEYS, *(key for keys in collect("QUERY_KEYS") for key in keys))


def _mix(values: Any, picks: dict[str, int | None], table: dict[str, list]) -> Any:
    """Replace present keys of a generated dict with real values, except where the pick is None."""
    if not isinstance(values, dict):
        return values
    values = dict(values)
    for key, index in picks.items():
        if index is not None and key in values:
            choices = table[key]
            values[key] = choices[index % len(choices)]
            if values[key] is DROP:
                del values[key]
    return values


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    resource, param = _route(context.operation.path)
    if param is None:
        return st.just(path_parameters)

    def pick(i: int | None):
        values = _world().path_values.get(resource)
        return _mix(path_parameters, {param: i}, {param: values}) if values else path_parameters

    return PICK.map(pick)


@schema.hook
def flatmap_body(context, body):
    picks = st.fixed_dictionaries(dict.fromkeys(BODY_KEYS, PICK))
    return picks.map(lambda chosen: _mix(body, chosen, _world().body_values))


@schema.hook
def flatmap_query(context, query):
    picks = st.fixed_dictionaries(dict.fromkeys(QUERY_KEYS, PICK))
    return picks.map(lambda chosen: _mix(query, chosen, _world().query_values))


# --- Identities and what each must never get -----------------------------------------------------


@dataclass
class Identity:
    name: str
    headers: dict[str, str]
    kind: str  # "peer", "anonymous" or "bogus"
    canaries: tuple[str, ...] = ()
    own_slug: str = ""
    own_org: int = 0
    other_slug: str = ""
    other_org: int = 0  # the other cluster's cluster-only member
    other_orgs: set[int] = field(default_factory=set)
    # resource → path values of the other's private objects (no read, no write)
    forbidden: dict[str, set[str]] = field(default_factory=dict)
    # resource → path values of the other's profiles this peer may read but not change
    read_only: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class World:
    path_values: dict[str, list]
    body_values: dict[str, list]
    query_values: dict[str, list]
    identities: list[Identity]
    server_errors: list[str] = field(default_factory=list)


def _ids(*objects) -> set[str]:
    return {str(o.pk) for o in objects}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The cast sets five passwords; the default PBKDF2 would cost ~1 s per operation."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _brokerage(cluster, organisations, answer: str, message: str) -> SimpleNamespace:
    """A public brokerage event of the cluster where two of its members meet."""
    start = dt.datetime(2031, 5, 6, 8, 0, tzinfo=dt.UTC)
    event = event_services.event_create(
        actor=None,
        clusters=[cluster],
        data={
            "title": f"Brokerage {cluster.slug}",
            "kind": "brokerage",
            "starts_at": start,
            "ends_at": start + dt.timedelta(hours=8),
            "venue": "Hall",
            "is_published": True,
        },
    )
    question = event_services.question_add(actor=None, event=event, text="Needs?", kind="text")
    slots = event_services.slots_generate(
        actor=None, event=event, first_start=start, count=2, minutes=25
    )
    registrations = []
    for organisation in organisations:
        user = User.objects.create(
            username=f"p{organisation.pk}",
            email=f"p{organisation.pk}@test.local",
            organisation=organisation,
        )
        registrations.append(
            event_services.registration_create(
                actor=user, event=event, answers={str(question.pk): answer}
            )
        )
    request = event_services.meeting_request_create(
        actor=None, requester=registrations[0], recipient=registrations[1], message=message
    )
    event_services.meeting_request_answer(actor=None, request=request, accept=True)
    meeting = Meeting.objects.create(event=event, request=request, slot=slots[0], table=1)
    ScheduleRun.objects.create(event=event, status="done")
    return SimpleNamespace(
        event=event, slots=slots, registrations=registrations, request=request, meeting=meeting
    )


def _pilot(cluster, organisation, code: str, canary: str) -> SimpleNamespace:
    """A pilot of the cluster with one participant, an indicator and a measurement."""
    pilot = pilot_services.pilot_create(
        actor=None,
        data={
            "code": code,
            "title": f"Pilot {code}",
            "lead_cluster": cluster,
            "instrument": "voucher",
            "hypothesis": canary,
            "starts_on": dt.date(2026, 1, 1),
            "ends_on": dt.date(2026, 12, 31),
        },
    )
    participant = pilot_services.participant_add(actor=None, pilot=pilot, organisation=organisation)
    indicator = pilot_services.indicator_add(
        actor=None, pilot=pilot, data={"name": "Products", "method": "manual"}
    )
    pilot_services.measurements_record(
        actor=None, indicator=indicator, phase="baseline", values={participant.pk: 1.0}
    )
    return SimpleNamespace(
        pilot=pilot,
        participant=participant,
        indicator=indicator,
        measurement=indicator.measurements.get(),
    )


def _survey(cluster, organisation, canary: str, email: str) -> SimpleNamespace:
    """An open survey of the cluster: one submitted response with a free-text canary, one
    invitation still waiting."""
    survey = survey_services.survey_create(
        actor=None, cluster=cluster, title={"en": f"Survey {cluster.slug}"}, languages=["en"]
    )
    for kind, code in (("text", "remarks"), ("likert", "rating")):
        survey_services.question_add(
            actor=None, survey=survey, kind=kind, code=code, text={"en": code}
        )
    survey_services.survey_set_status(actor=None, survey=survey, status="open")
    invitations = survey_services.survey_send(
        actor=None,
        survey=survey,
        recipients=[
            survey_services.Recipient(email=email, organisation_id=organisation.pk, group="g"),
            survey_services.Recipient(email=f"waiting-{email}", organisation_id=organisation.pk),
        ],
    )
    response = survey_services.response_submit(
        invitation=invitations[0], answers={"remarks": canary, "rating": 4}
    )
    return SimpleNamespace(
        survey=survey, invitations=invitations, response=response, secrets=(canary, email)
    )


def _add_surveys(world: World, c, peer_a: Identity, peer_b: Identity, anonymous: Identity):
    """Each cluster's survey: the other peer may neither read nor change any of it."""
    survey_a = _survey(c.cluster_a, c.org_a, CANARY_SURVEY_A, "survey-alpha-9f2c@x.example")
    survey_b = _survey(c.cluster_b, c.org_b, CANARY_SURVEY_B, "survey-bravo-4d1e@x.example")
    for peer, other in ((peer_a, survey_b), (peer_b, survey_a)):
        peer.canaries = (*peer.canaries, *other.secrets)
        peer.forbidden["surveys"] = _ids(other.survey)
        peer.forbidden["survey-invitations"] = _ids(*other.invitations)
        peer.forbidden["survey-responses"] = _ids(other.response)
    anonymous.canaries = (*anonymous.canaries, *survey_a.secrets, *survey_b.secrets)
    both = (survey_a, survey_b)
    world.path_values["surveys"] = [s.survey.pk for s in both]
    world.path_values["survey-invitations"] = [i.pk for s in both for i in s.invitations]
    world.path_values["survey-responses"] = [s.response.pk for s in both]
    world.query_values["survey"] = [survey_a.survey.pk, survey_b.survey.pk, NUL]


@pytest.fixture
def world(cast):
    """The cast plus letters and canaries, the identities, and the values mixed into requests.

    Built once per operation, shared by its examples (hence the suppressed
    `function_scoped_fixture` health check): every request runs in a savepoint that is rolled
    back, so each example meets the same data.
    """
    global _current
    c = cast
    letter_a = services.letter_of_support_create(
        actor=None, organisation=c.org_a, date=dt.date(2026, 1, 20), commitment=CANARY_LETTER_A
    )
    letter_b = services.letter_of_support_create(
        actor=None, organisation=c.org_b, date=dt.date(2026, 2, 3), commitment=CANARY_LETTER_B
    )
    draft = {"kind": "request", "profile_type": "technology"}
    draft_a = profile_services.profile_create(
        actor=None, organisation=c.org_a, data={**draft, "title": CANARY_DRAFT_A}
    )
    draft_b = profile_services.profile_create(
        actor=None, organisation=c.org_b, data={**draft, "title": CANARY_DRAFT_B}
    )
    intro_a = profile_services.introduction_request(
        actor=None, requester=c.org_a, target=c.org_a_public, message=CANARY_INTRO_A
    )
    intro_b = profile_services.introduction_request(
        actor=None, requester=c.org_b, target=c.org_b_network, message=CANARY_INTRO_B
    )
    fair_a = _brokerage(c.cluster_a, [c.org_a, c.org_a_public], CANARY_ANSWER_A, CANARY_MEETING_A)
    fair_b = _brokerage(c.cluster_b, [c.org_b, c.org_b_network], CANARY_ANSWER_B, CANARY_MEETING_B)
    pilot_a = _pilot(c.cluster_a, c.org_a, "PA", CANARY_PILOT_A)
    pilot_b = _pilot(c.cluster_b, c.org_b, "PB", CANARY_PILOT_B)
    ServiceRecord.objects.filter(pk=c.service_a.pk).update(description=CANARY_SERVICE_A)
    ServiceRecord.objects.filter(pk=c.service_b.pk).update(description=CANARY_SERVICE_B)
    memberships_a = list(Membership.objects.filter(cluster=c.cluster_a).order_by("pk"))
    memberships_b = list(Membership.objects.filter(cluster=c.cluster_b).order_by("pk"))
    region_fr = NutsRegion.objects.filter(country_id="FR").order_by("-level", "code").first()
    sectors = [NaceSector.objects.get(version="2", code=code) for code in ("74.10", "13.20")]
    capabilities = list(Capability.objects.order_by("code")[:2])
    languages = list(Language.objects.order_by("code").values_list("code", flat=True)[:2])

    secrets_a = (
        "anna@alpha.example",
        "+49 711 1234",
        c.org_a.name,
        CANARY_SERVICE_A,
        CANARY_LETTER_A,
        CANARY_DRAFT_A,
        CANARY_INTRO_A,
        CANARY_ANSWER_A,
        CANARY_MEETING_A,
        CANARY_PILOT_A,
        *(r.email for r in fair_a.registrations),
    )
    secrets_b = (
        "bernard@bravo.example",
        c.org_b.name,
        c.note_b.text,
        CANARY_SERVICE_B,
        CANARY_LETTER_B,
        CANARY_DRAFT_B,
        CANARY_INTRO_B,
        CANARY_ANSWER_B,
        CANARY_MEETING_B,
        CANARY_PILOT_B,
        *(r.email for r in fair_b.registrations),
    )
    peer_a = Identity(
        name="manager_a",
        headers={"Authorization": f"Token {Token.objects.create(user=c.manager_a).key}"},
        kind="peer",
        canaries=secrets_b,
        own_slug=c.cluster_a.slug,
        own_org=c.org_a.pk,
        other_slug=c.cluster_b.slug,
        other_org=c.org_b.pk,
        other_orgs={c.org_b.pk, c.org_b_network.pk},
        forbidden={
            "organisations": _ids(c.org_b),
            "contacts": _ids(c.contact_b),
            "memberships": _ids(*memberships_b),
            "services": _ids(c.service_b),
            "letters-of-support": _ids(letter_b),
            "cooperation-profiles": _ids(draft_b),
            "introductions": _ids(intro_b),
            "registrations": _ids(*fair_b.registrations),
            "meeting-requests": _ids(fair_b.request),
            "meetings": _ids(fair_b.meeting),
            "pilots": _ids(pilot_b.pilot),
            "pilot-participants": _ids(pilot_b.participant),
            "indicators": _ids(pilot_b.indicator),
            "measurements": _ids(pilot_b.measurement),
        },
        read_only={
            "organisations": _ids(c.org_b_network),
            "clusters": {c.cluster_b.slug},
            "events": _ids(fair_b.event),
        },
    )
    peer_b = Identity(
        name="manager_b",
        headers={"Authorization": f"Token {Token.objects.create(user=c.manager_b).key}"},
        kind="peer",
        canaries=secrets_a,
        own_slug=c.cluster_b.slug,
        own_org=c.org_b.pk,
        other_slug=c.cluster_a.slug,
        other_org=c.org_a.pk,
        other_orgs={c.org_a.pk, c.org_a_public.pk},
        forbidden={
            "organisations": _ids(c.org_a),
            "contacts": _ids(c.contact_a),
            "memberships": _ids(*memberships_a),
            "services": _ids(c.service_a),
            "letters-of-support": _ids(letter_a),
            "cooperation-profiles": _ids(draft_a),
            "introductions": _ids(intro_a),
            "registrations": _ids(*fair_a.registrations),
            "meeting-requests": _ids(fair_a.request),
            "meetings": _ids(fair_a.meeting),
            "pilots": _ids(pilot_a.pilot),
            "pilot-participants": _ids(pilot_a.participant),
            "indicators": _ids(pilot_a.indicator),
            "measurements": _ids(pilot_a.measurement),
        },
        read_only={
            "organisations": _ids(c.org_a_public),
            "clusters": {c.cluster_a.slug},
            "events": _ids(fair_a.event),
        },
    )
    anonymous = Identity(
        name="anonymous",
        headers={},
        kind="anonymous",
        canaries=(*secrets_a, *secrets_b, c.org_b_network.name),
    )
    bogus = Identity(
        name="made-up token", headers={"Authorization": "Token " + "0" * 40}, kind="bogus"
    )

    world = World(
        path_values={
            "organisations": [o.pk for o in (c.org_a, c.org_a_public, c.org_b, c.org_b_network)],
            "clusters": [c.cluster_a.slug, c.cluster_b.slug, NUL],
            "memberships": [m.pk for m in memberships_a + memberships_b],
            "contacts": [c.contact_a.pk, c.contact_b.pk],
            "services": [c.service_a.pk, c.service_b.pk],
            "letters-of-support": [letter_a.pk, letter_b.pk],
            "cooperation-profiles": [draft_a.pk, draft_b.pk],
            "introductions": [intro_a.pk, intro_b.pk],
            "events": [fair_a.event.pk, fair_b.event.pk],
            "registrations": [r.pk for r in fair_a.registrations + fair_b.registrations],
            "meeting-slots": [s.pk for s in fair_a.slots + fair_b.slots],
            "meeting-requests": [fair_a.request.pk, fair_b.request.pk],
            "meetings": [fair_a.meeting.pk, fair_b.meeting.pk],
            "pilots": [pilot_a.pilot.pk, pilot_b.pilot.pk],
            "pilot-participants": [pilot_a.participant.pk, pilot_b.participant.pk],
            "indicators": [pilot_a.indicator.pk, pilot_b.indicator.pk],
            "measurements": [pilot_a.measurement.pk, pilot_b.measurement.pk],
            "nace-sectors": [s.pk for s in sectors],
            "capabilities": [cap.pk for cap in capabilities],
            "nuts-regions": ["DE111", region_fr.code, NUL],
            "creative-sets": [
                *CreativeDefinitionSet.objects.order_by("slug").values_list("slug", flat=True)[:2],
                NUL,
            ],
        },
        body_values={
            "organisation": [o.pk for o in (c.org_a, c.org_a_public, c.org_b, c.org_b_network)],
            "cluster": [c.cluster_a.slug, c.cluster_b.slug, NUL],
            "country": ["DE", "FR", NUL],
            "region": ["DE111", region_fr.code, NUL],
            "regions": [["DE111"], [region_fr.code], [NUL]],
            "sectors": [*([s.code] for s in sectors), [NUL]],
            "capabilities_offered": [*([cap.code] for cap in capabilities), [NUL]],
            "capabilities_sought": [*([cap.code] for cap in capabilities), [NUL]],
            "languages": [*([code] for code in languages), [NUL]],
            "export_markets": [["DE"], ["FR"], [NUL]],
            "clusters": [[c.cluster_a.slug], [c.cluster_b.slug], [NUL]],
            "requester": [r.pk for r in fair_a.registrations + fair_b.registrations],
            "recipient": [r.pk for r in fair_a.registrations + fair_b.registrations],
            "unavailable_slots": [[s.pk] for s in fair_a.slots + fair_b.slots],
            "lead_cluster": [c.cluster_a.slug, c.cluster_b.slug, NUL],
            "partner_clusters": [[c.cluster_a.slug], [c.cluster_b.slug], [NUL]],
            "pilot": [pilot_a.pilot.pk, pilot_b.pilot.pk],
            "indicator": [pilot_a.indicator.pk, pilot_b.indicator.pk],
            "participant": [pilot_a.participant.pk, pilot_b.participant.pk],
        },
        query_values={
            "page": [DROP, 1],
            "cluster": [c.cluster_a.slug, c.cluster_b.slug, NUL],
            "country": ["DE", "FR", NUL],
            "region": ["DE1", "DE111", region_fr.code, NUL],
            "sector": ["74.10", "13", "C", NUL],
            "event": [fair_a.event.pk, fair_b.event.pk, NUL],
            "pilot": [pilot_a.pilot.pk, pilot_b.pilot.pk, NUL],
        },
        identities=[peer_a, peer_b, anonymous, bogus],
    )

    _add_surveys(world, c, peer_a, peer_b, anonymous)
    for contribute in collect("fuzz_world"):
        contribute(world, c, peer_a, peer_b, anonymous)

    def record(sender, request=None, **kwargs):
        world.server_errors.append(traceback.format_exc())

    # As Django's test client does: a WSGI request must not close the test's connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    signals.got_request_exception.connect(record)
    _current = world
    try:
        yield world
    finally:
        _current = None
        signals.got_request_exception.disconnect(record)
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


# --- Checks -------------------------------------------------------------------------------------


def _walk(value: Any) -> Iterator[dict]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def _json(response) -> Any:
    try:
        return json.loads(response.content)
    except ValueError:
        return None


def _names_other(identity: Identity, row: dict) -> bool:
    return row.get("cluster") == identity.other_slug or (
        type(row.get("organisation")) is int and row["organisation"] in identity.other_orgs
    )


def _is_routed(response) -> bool:
    """Whether the URL reaches a view as a resource; `…/1.5/` is resource 1 in unknown format 5."""
    try:
        match = resolve(unquote(urlsplit(response.request.url).path))
    except Resolver404:
        return False
    return match.kwargs.get("format") in (None, *RENDERER_FORMATS)


def _refused(response) -> bool:
    """401/403, or a 4xx from before the API (not DRF's JSON), e.g. a 400 for a NUL byte."""
    if response.status_code in REFUSED:
        return True
    content_type = response.headers.get("content-type", [""])[0]
    return 400 <= response.status_code < 500 and not content_type.startswith("application/json")


def _requires_auth(case) -> bool:
    """drf-spectacular lists `{}` among the security requirements when auth is optional."""
    operation = schema.raw_schema["paths"][case.operation.path][case.operation.method.lower()]
    return {} not in operation.get("security", [{}])


def problems_of(case, identity: Identity, response) -> Iterator[str]:
    status, method = response.status_code, case.method.upper()
    resource, param = _route(case.operation.path)
    if status >= 500:
        yield f"server error {status}"
    text = response.text
    for canary in identity.canaries:
        if canary in text:
            yield f"cross-user read: the answer contains {canary!r}"
    if identity.kind == "peer":
        if resource in PRIVATE_RESOURCES:
            for row in _walk(_json(response)):
                if _names_other(identity, row):
                    yield f"cross-user read: a row of the other cluster: {row}"
        value = str(case.path_parameters.get(param)) if param else None
        denied = status in NOT_YOURS or _refused(response)
        if value in identity.forbidden.get(resource, ()) and not denied:
            yield f"cross-user object: {resource} {value} of the other cluster answered {status}"
        changes_other = (
            value in identity.read_only.get(resource, ())
            and method not in SAFE_METHODS
            and case.operation.path not in OPEN_ACTIONS
        )
        if changes_other and not denied:
            yield f"cross-user write: {method} of the other's {resource} {value} gave {status}"
        if method not in SAFE_METHODS and 200 <= status < 300:
            named = [row for row in _walk(case.body) if _names_other(identity, row)]
            if named:
                yield f"cross-user write accepted ({status}): the body names {named[0]}"
    elif _is_routed(response) and not _refused(response):
        if identity.kind == "bogus":
            yield f"auth ignored: a made-up token got {status}"
        elif method not in SAFE_METHODS:
            yield f"auth ignored: an anonymous {method} got {status}"
        elif _requires_auth(case):
            yield f"auth ignored: the schema requires auth, anonymous got {status}"


def crossings(case, identity: Identity) -> list:
    """The generated write, retargeted across the tenant boundary: it must never be accepted."""
    body = case.body
    if identity.kind != "peer" or case.method.upper() in SAFE_METHODS or not isinstance(body, dict):
        return []
    variants = []
    if "cluster" in body:  # own organisation into the other's cluster
        own = {"organisation": identity.own_org} if "organisation" in body else {}
        variants.append({**body, "cluster": identity.other_slug, **own})
    if "organisation" in body:  # the other's organisation into one's own cluster
        own = {"cluster": identity.own_slug} if "cluster" in body else {}
        variants.append({**body, "organisation": identity.other_org, **own})
    return [
        case.operation.Case(
            method=case.method,
            path_parameters=case.path_parameters,
            query=case.query,
            body=variant,
            media_type=case.media_type,
        )
        for variant in variants
    ]


def send(case, identity: Identity):
    with transaction.atomic():
        response = case.call(headers=dict(identity.headers))
        transaction.set_rollback(True)
    return response


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_api_fuzz(case, world):
    report = []
    for identity in world.identities:
        for sent in (case, *crossings(case, identity)):
            del world.server_errors[:]
            response = send(sent, identity)
            found = list(problems_of(sent, identity, response))
            if found:
                report.append(
                    f"{sent.operation.label} as {identity.name}: {'; '.join(found)}\n"
                    f"  {sent.as_curl_command(headers=identity.headers)}\n"
                    f"  -> {response.status_code} {response.text[:500]}\n"
                    + "".join(world.server_errors)
                )
    assert not report, "\n".join(report)
