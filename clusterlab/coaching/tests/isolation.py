"""The coaching app's part of the tenant matrix and the API fuzzing (see core.tenant_testing).

Cluster A's world: Alice (manager_a) coaches her member Alpha (an SME engagement arranged by
cluster A) with a confidential session note; she hosts a study visit that Carla, manager of a
third cluster C, applied to with confidential learning goals; and Alice herself visited
cluster C and wrote a report. Bob (manager_b) and a visitor must get none of it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from clusterlab.core.tenant_testing import ALL, AUTH, PRIVATE, ApiCase, PageCase
from clusterlab.registry.models import Cluster, Country
from clusterlab.toolbox.models import Entry
from conftest import make_user

from .. import services
from ..models import (
    Action,
    Application,
    Engagement,
    EngagementStep,
    ExchangeOffer,
    Scheme,
    SchemeStep,
    Session,
    VisitReport,
    VisitStop,
)

ROUTE_CLASSES: dict[str, str] = {
    "coaching:home": PRIVATE,
    "coaching:schemes": AUTH,
    "coaching:scheme-new": AUTH,
    "coaching:scheme-detail": AUTH,  # schemes are the network's shared method
    "coaching:scheme-edit": PRIVATE,
    "coaching:engagement-new": AUTH,
    "coaching:engagement-detail": PRIVATE,
    "coaching:session-add": PRIVATE,
    "coaching:session-edit": PRIVATE,
    "coaching:action-add": PRIVATE,
    "coaching:action-status": PRIVATE,
    "coaching:step-complete": PRIVATE,
    "coaching:engagement-close": PRIVATE,
    "coaching:exchanges": PRIVATE,
    "coaching:offer-new": AUTH,
    "coaching:offer-detail": AUTH,  # offers are open to the whole network (applications not)
    "coaching:offer-edit": PRIVATE,
    "coaching:stop-add": PRIVATE,
    "coaching:stop-remove": PRIVATE,
    "coaching:offer-apply": AUTH,  # any other cluster's manager may apply
    "coaching:application-detail": PRIVATE,
    "coaching:application-decide": PRIVATE,
    "coaching:application-withdraw": PRIVATE,
    "coaching:report-edit": PRIVATE,
    "coaching:report-toolbox": PRIVATE,
    "coaching-scheme-list": AUTH,
    "coaching-scheme-detail": AUTH,
    "coaching-engagement-list": PRIVATE,
    "coaching-engagement-detail": PRIVATE,
    "coaching-engagement-sessions": PRIVATE,
    "coaching-engagement-complete-step": PRIVATE,
    "coaching-engagement-close": PRIVATE,
    "coaching-session-list": PRIVATE,
    "coaching-session-detail": PRIVATE,
    "exchange-offer-list": AUTH,
    "exchange-offer-detail": PRIVATE,  # read by all; written by the host only (cases below)
    "exchange-offer-apply": AUTH,
    "exchange-application-list": PRIVATE,
    "exchange-application-detail": PRIVATE,
    "exchange-application-accept": PRIVATE,
    "exchange-application-decline": PRIVATE,
    "exchange-application-withdraw": PRIVATE,
    "exchange-application-report": PRIVATE,
    "exchange-application-toolbox-draft": PRIVATE,
}

COACHING_NOTE_A = "Alpha's founder admits the studio runs out of cash in May"
ACTION_A = "Alpha renegotiates the confidential hotel contract"
GOALS_A = "Carla wants to copy Alice's confidential pricing of memberships"
REPORT_A = "Alice saw cluster C's unpublished funding trick"
SECRETS_A = (COACHING_NOTE_A, ACTION_A, GOALS_A, REPORT_A)

SNAPSHOT_MODELS = [
    Scheme,
    SchemeStep,
    Engagement,
    EngagementStep,
    Session,
    Action,
    ExchangeOffer,
    VisitStop,
    Application,
    VisitReport,
    Entry,
]


def make_scheme(actor=None, title: str = "Sprint") -> Scheme:
    return services.scheme_create(
        actor=actor,
        data={"title": title, "summary": "A short process", "audience": "sme"},
        steps=[
            {"title": "Frame", "purpose": "Agree the challenge", "outputs": "A brief"},
            {"title": "Test", "purpose": "Try it with users"},
        ],
    )


def _cluster_c():
    cluster_c = Cluster.objects.create(
        name="Media Cluster C",
        slug="cluster-c",
        kind="creative",
        country=Country.objects.get(pk="IT"),
    )
    manager_c = make_user("manager_c", first_name="Carla")
    cluster_c.managers.add(manager_c)
    return cluster_c, manager_c


def world(cast) -> dict:
    """Cluster A's coaching and exchange objects (see the module's docstring)."""
    today = timezone.localdate()
    scheme_a = make_scheme(cast.manager_a)
    engagement_a = services.engagement_create(
        actor=cast.manager_a,
        title="Sprint with Alpha",
        scheme=scheme_a,
        organisation=cast.org_a,
        cluster=cast.cluster_a,
        started_on=today - dt.timedelta(days=10),
    )
    session_a = services.session_add(
        actor=cast.manager_a,
        engagement=engagement_a,
        date=today - dt.timedelta(days=3),
        notes=COACHING_NOTE_A,
    )
    action_a = services.action_add(
        actor=cast.manager_a,
        engagement=engagement_a,
        session=session_a,
        text=ACTION_A,
        due_on=today - dt.timedelta(days=1),
    )
    cluster_c, manager_c = _cluster_c()
    offer_a = services.offer_create(
        actor=cast.manager_a,
        host_cluster=cast.cluster_a,
        data={
            "kind": "study_visit",
            "title": "Stuttgart design district",
            "topics": "districts",
            "starts_on": today + dt.timedelta(days=30),
            "ends_on": today + dt.timedelta(days=31),
            "capacity": 4,
        },
    )
    stop_a = services.stop_add(
        actor=cast.manager_a, offer=offer_a, day=offer_a.starts_on, place="Cluster office"
    )
    application_in = services.application_create(
        actor=manager_c, offer=offer_a, applicant_cluster=cluster_c, learning_goals=GOALS_A
    )
    offer_c = services.offer_create(
        actor=manager_c,
        host_cluster=cluster_c,
        data={"title": "Turin media lab", "topics": "media", "starts_on": today, "ends_on": today},
    )
    application_out = services.application_create(
        actor=cast.manager_a, offer=offer_c, applicant_cluster=cast.cluster_a, learning_goals="Lab"
    )
    services.application_decide(actor=manager_c, application=application_out, accept=True)
    report_a = services.report_write(
        actor=cast.manager_a, application=application_out, saw=REPORT_A, will_try="A lab"
    )
    return {
        "scheme_a": scheme_a,
        "engagement_a": engagement_a,
        "session_a": session_a,
        "coaching_action_a": action_a,
        "offer_a": offer_a,
        "stop_a": stop_a,
        "application_in": application_in,
        "application_out": application_out,
        "report_a": report_a,
        "manager_c": manager_c,
        "cluster_c": cluster_c,
    }


def _eng(route: str, **extra) -> PageCase:
    return PageCase(route, lambda w: {"pk": w.engagement_a.pk}, **extra)


def _offer_form(w) -> dict:
    return {
        "kind": "study_visit",
        "title": "Hijacked visit",
        "topics": "x",
        "language": "en",
        "starts_on": w.offer_a.starts_on.isoformat(),
        "ends_on": w.offer_a.ends_on.isoformat(),
        "capacity": "9",
        "status": "open",
    }


PAGE_CASES: list[PageCase] = [
    PageCase(
        "coaching:scheme-edit",
        lambda w: {"pk": w.scheme_a.pk},
        post=lambda w: {
            "title": "Hijacked",
            "summary": "x",
            "audience": "sme",
            "language": "en",
            "steps-TOTAL_FORMS": "1",
            "steps-INITIAL_FORMS": "0",
            "steps-0-title": "Taken",
            "steps-0-purpose": "over",
        },
    ),
    _eng("coaching:engagement-detail"),
    _eng(
        "coaching:session-add",
        get=False,
        post=lambda w: {"date": timezone.localdate().isoformat(), "notes": "planted"},
    ),
    PageCase(
        "coaching:session-edit",
        lambda w: {"pk": w.engagement_a.pk, "session_pk": w.session_a.pk},
        post=lambda w: {"notes": "rewritten"},
    ),
    _eng(
        "coaching:action-add",
        get=False,
        post=lambda w: {"text": "planted", "due_on": "2030-01-01"},
    ),
    PageCase(
        "coaching:action-status",
        lambda w: {"pk": w.engagement_a.pk, "action_pk": w.coaching_action_a.pk},
        get=False,
        post=lambda w: {"status": "done"},
    ),
    PageCase(
        "coaching:step-complete",
        lambda w: {"pk": w.engagement_a.pk, "step_pk": w.engagement_a.steps.get(position=1).pk},
        get=False,
        post=lambda w: {"output": "planted"},
    ),
    _eng(
        "coaching:engagement-close",
        post=lambda w: {"outcomes": "closed by someone", "goals_met": "no"},
    ),
    PageCase("coaching:offer-edit", lambda w: {"pk": w.offer_a.pk}, post=_offer_form),
    PageCase(
        "coaching:stop-add",
        lambda w: {"pk": w.offer_a.pk},
        get=False,
        post=lambda w: {"day": w.offer_a.starts_on.isoformat(), "place": "Planted"},
    ),
    PageCase(
        "coaching:stop-remove",
        lambda w: {"pk": w.offer_a.pk, "stop_pk": w.stop_a.pk},
        get=False,
        post=lambda w: {},
    ),
    PageCase("coaching:application-detail", lambda w: {"pk": w.application_in.pk}),
    PageCase(
        "coaching:application-decide",
        lambda w: {"pk": w.application_in.pk},
        get=False,
        post=lambda w: {"accept": "1"},
    ),
    PageCase(
        "coaching:application-withdraw",
        lambda w: {"pk": w.application_out.pk},
        get=False,
        post=lambda w: {},
    ),
    PageCase(
        "coaching:report-edit",
        lambda w: {"pk": w.application_out.pk},
        post=lambda w: {"saw": "rewritten", "will_try": "x", "language": "en"},
    ),
    PageCase(
        "coaching:report-toolbox",
        lambda w: {"pk": w.application_out.pk},
        get=False,
        post=lambda w: {},
    ),
]

API_CASES: list[ApiCase] = [
    ApiCase(
        "coaching-engagement-detail",
        lambda w: {"pk": w.engagement_a.pk},
        ALL,
        lambda w: {"title": "Hijacked"},
        absent=("put", "patch", "delete"),
    ),
    ApiCase(
        "coaching-engagement-sessions",
        lambda w: {"pk": w.engagement_a.pk},
        ("get", "post"),
        lambda w: {"date": timezone.localdate().isoformat(), "notes": "planted"},
    ),
    ApiCase(
        "coaching-engagement-complete-step",
        lambda w: {"pk": w.engagement_a.pk},
        ("post",),
        lambda w: {"output": "planted"},
    ),
    ApiCase(
        "coaching-engagement-close",
        lambda w: {"pk": w.engagement_a.pk},
        ("post",),
        lambda w: {"outcomes": "x", "goals_met": "no"},
    ),
    ApiCase(
        "coaching-session-detail",
        lambda w: {"pk": w.session_a.pk},
        ALL,
        lambda w: {"notes": "rewritten"},
        absent=("delete",),
    ),
    ApiCase(
        # Offers are read by every logged-in user; only the host writes them.
        "exchange-offer-detail",
        lambda w: {"pk": w.offer_a.pk},
        ("put", "patch", "delete"),
        lambda w: {
            "host_cluster": "cluster-a",
            "title": "Hijacked",
            "topics": "x",
            "starts_on": w.offer_a.starts_on.isoformat(),
            "ends_on": w.offer_a.ends_on.isoformat(),
        },
        absent=("delete",),
    ),
    ApiCase(
        "exchange-application-detail",
        lambda w: {"pk": w.application_in.pk},
        ALL,
        absent=("put", "patch", "delete"),
    ),
    ApiCase("exchange-application-accept", lambda w: {"pk": w.application_in.pk}, ("post",)),
    ApiCase("exchange-application-decline", lambda w: {"pk": w.application_in.pk}, ("post",)),
    ApiCase("exchange-application-withdraw", lambda w: {"pk": w.application_out.pk}, ("post",)),
    ApiCase(
        "exchange-application-report",
        lambda w: {"pk": w.application_out.pk},
        ("post",),
        lambda w: {"saw": "rewritten", "will_try": "x"},
    ),
    ApiCase(
        "exchange-application-toolbox-draft",
        lambda w: {"pk": w.application_out.pk},
        ("post",),
    ),
]

# --- API fuzzing --------------------------------------------------------------------------

PRIVATE_RESOURCES = {"coaching-engagements", "coaching-sessions", "exchange-applications"}
# Applying changes nothing of the other cluster's offer: it adds the applicant's own row.
OPEN_ACTIONS = {"/api/exchange-offers/{id}/apply/"}
BODY_KEYS = ("scheme", "coachee", "applicant_cluster", "host_cluster")
QUERY_KEYS: tuple[str, ...] = ()
CANARY_A = "canary-coaching-alpha-4b7e"
CANARY_B = "canary-coaching-bravo-8d2f"


def _fuzz_side(manager, cluster, organisation, canary: str) -> dict:
    """One cluster's engagement with an SME (a canary note) and an application it received."""
    today = timezone.localdate()
    scheme = make_scheme(None, title=f"Scheme {cluster.slug}")
    engagement = services.engagement_create(
        actor=manager,
        title=f"Coaching {cluster.slug}",
        scheme=scheme,
        organisation=organisation,
        cluster=cluster,
        started_on=today - dt.timedelta(days=5),
    )
    session = services.session_add(
        actor=manager, engagement=engagement, date=today - dt.timedelta(days=1), notes=canary
    )
    offer = services.offer_create(
        actor=manager,
        host_cluster=cluster,
        data={
            "title": f"Visit {cluster.slug}",
            "topics": "t",
            "starts_on": today + dt.timedelta(days=20),
            "ends_on": today + dt.timedelta(days=20),
        },
    )
    return {
        "scheme": scheme,
        "engagement": engagement,
        "session": session,
        "offer": offer,
        "canary": canary,
    }


def fuzz_world(world, cast, peer_a, peer_b, anonymous) -> None:
    c = cast
    side_a = _fuzz_side(c.manager_a, c.cluster_a, c.org_a, CANARY_A)
    side_b = _fuzz_side(c.manager_b, c.cluster_b, c.org_b, CANARY_B)
    # A third cluster's manager applies to each offer with a canary goal.
    cluster_c, manager_c = _cluster_c()
    applications = {}
    for key, side in (("a", side_a), ("b", side_b)):
        applications[key] = services.application_create(
            actor=manager_c,
            offer=side["offer"],
            applicant_cluster=cluster_c,
            learning_goals=f"goals {side['canary']}",
        )
    for peer, other, key in ((peer_a, side_b, "b"), (peer_b, side_a, "a")):
        peer.canaries = (*peer.canaries, other["canary"])
        peer.forbidden["coaching-engagements"] = {str(other["engagement"].pk)}
        peer.forbidden["coaching-sessions"] = {str(other["session"].pk)}
        peer.forbidden["exchange-applications"] = {str(applications[key].pk)}
        peer.read_only["exchange-offers"] = {str(other["offer"].pk)}
    anonymous.canaries = (*anonymous.canaries, CANARY_A, CANARY_B)
    sides = (side_a, side_b)
    world.path_values["coaching-engagements"] = [s["engagement"].pk for s in sides]
    world.path_values["coaching-sessions"] = [s["session"].pk for s in sides]
    world.path_values["coaching-schemes"] = [s["scheme"].pk for s in sides]
    world.path_values["exchange-offers"] = [s["offer"].pk for s in sides]
    world.path_values["exchange-applications"] = [a.pk for a in applications.values()]
    world.body_values["scheme"] = [s["scheme"].pk for s in sides]
    world.body_values["coachee"] = [c.manager_a.pk, c.manager_b.pk]
    world.body_values["applicant_cluster"] = [c.cluster_a.slug, c.cluster_b.slug, "cluster-c"]
    world.body_values["host_cluster"] = [c.cluster_a.slug, c.cluster_b.slug]
