"""The training app's part of the tenant matrix and the API fuzzing (see core.tenant_testing).

Cluster A organises a programme (manager_a runs it and takes part); a manager of A asked
manager_a for a peer rating; cluster B's manager and a visitor must get none of it."""

from __future__ import annotations

import datetime as dt

from clusterlab.core.tenant_testing import ALL, PRIVATE, PUBLIC, ApiCase, PageCase

ROUTE_CLASSES: dict[str, str] = {
    "training:home": PRIVATE,
    "training:programme-new": PRIVATE,
    "training:programme-detail": PRIVATE,
    "training:programme-edit": PRIVATE,
    "training:session-add": PRIVATE,
    "training:enrol": PRIVATE,
    "training:attendance": PRIVATE,
    "training:feedback-send": PRIVATE,
    "training:assignment-add": PRIVATE,
    "training:assignment-detail": PRIVATE,
    "training:submission-done": PRIVATE,
    "training:enrolment-complete": PRIVATE,
    "training:programme-assess": PRIVATE,
    "training:certificate-pdf": PRIVATE,
    "training:certificate-verify": PUBLIC,  # says only what the certificate itself says
    "training:competences": PRIVATE,
    "training:competence-new": PRIVATE,
    "training:competence-edit": PRIVATE,  # the coordinator's alone
    "training:profile": PRIVATE,
    "training:self-assess": PRIVATE,
    "training:assessment-invite": PRIVATE,
    "training:assessment-rate": PRIVATE,
    "training:modules": PRIVATE,
    "training:module-new": PRIVATE,
    # The module catalogue is the whole network's (no cluster's data): any account reads it.
    "training:module-detail": PUBLIC,
    "training:material-download": PUBLIC,
    "training:module-edit": PRIVATE,  # coordinators and trainers
    "training:material-add": PRIVATE,
    "training-competence-list": PUBLIC,  # the framework: any account
    "training-competence-detail": PUBLIC,
    "training-module-list": PUBLIC,
    "training-module-detail": PUBLIC,  # read by any account; writes: coordinators, trainers
    "training-assessment-list": PRIVATE,
    "training-assessment-detail": PRIVATE,
    "training-programme-list": PRIVATE,
    "training-programme-detail": PRIVATE,
    "training-enrolment-list": PRIVATE,
    "training-enrolment-detail": PRIVATE,
    "training-attendance-list": PRIVATE,
    "training-attendance-detail": PRIVATE,
}

SUBMISSION_A = "Alpha's manager plans a confidential member survey"
SECRETS_A = (SUBMISSION_A,)


def _models():
    from clusterlab.training import models

    return [
        models.Programme,
        models.Session,
        models.Enrolment,
        models.Attendance,
        models.Assignment,
        models.Submission,
        models.Certificate,
        models.Assessment,
        models.Rating,
        models.Competence,
        models.TrainingModule,
    ]


SNAPSHOT_MODELS = _models()


def build_programme(cluster, manager, *, title: str, text: str, peer_username: str):
    """A past programme of `cluster` with one session, `manager` enrolled and present, an
    assignment with the manager's submission, a before self-assessment and a peer rating
    asked of the manager."""
    from clusterlab.training import services
    from clusterlab.training.models import Competence
    from conftest import make_user

    today = dt.date.today()
    module = services.module_create(
        actor=None,
        data={"title": f"Workshop of {cluster.slug}", "summary": "s", "format": "workshop"},
    )
    programme = services.programme_create(
        actor=None,
        data={
            "title": title,
            "cluster": cluster,
            "starts_on": today - dt.timedelta(days=30),
            "ends_on": today + dt.timedelta(days=30),
        },
    )
    session = services.session_add(
        actor=None, programme=programme, module=module, date=today - dt.timedelta(days=1)
    )
    enrolment = services.enrolment_create(actor=None, programme=programme, participant=manager)
    services.attendance_record(actor=None, session=session, present={enrolment.pk})
    assignment = services.assignment_add(actor=None, programme=programme, title="Plan")
    submission = services.submission_save(actor=manager, assignment=assignment, text=text)
    competence = Competence.objects.order_by("position").first()
    own = services.self_assessment_submit(
        actor=manager, levels={competence.pk: 2}, programme=programme, phase="before"
    )
    peer = make_user(peer_username)
    asked = services.assessment_request(actor=peer, rater_email=manager.email, role="peer")
    certificate = services.enrolment_complete(actor=None, enrolment=enrolment)
    return {
        "module": module,
        "programme": programme,
        "session": session,
        "enrolment": enrolment,
        "assignment": assignment,
        "submission": submission,
        "own_assessment": own,
        "asked_assessment": asked,
        "certificate": certificate,
        "attendance": session.attendances.get(),
    }


def world(cast) -> dict:
    built = build_programme(
        cast.cluster_a, cast.manager_a, title="Academy A", text=SUBMISSION_A, peer_username="peer_a"
    )
    return {f"training_{key}": value for key, value in built.items()}


def _all_levels(level: int) -> dict:
    from clusterlab.training.models import Competence

    return {f"competence_{pk}": level for pk in Competence.objects.values_list("pk", flat=True)}


PAGE_CASES = [
    PageCase("training:programme-detail", lambda w: {"pk": w.training_programme.pk}),
    PageCase(
        "training:programme-edit",
        lambda w: {"pk": w.training_programme.pk},
        post=lambda w: {
            "title": "Renamed academy",
            "language": "en",
            "starts_on": w.training_programme.starts_on.isoformat(),
            "ends_on": w.training_programme.ends_on.isoformat(),
            "status": "running",
        },
    ),
    PageCase(
        "training:session-add",
        lambda w: {"pk": w.training_programme.pk},
        post=lambda w: {
            "module": w.training_module.pk,
            "date": w.training_session.date.isoformat(),
        },
        get=False,
    ),
    PageCase(
        "training:enrol",
        lambda w: {"pk": w.training_programme.pk},
        post=lambda w: {"participant": w.manager_b.pk},
        get=False,
    ),
    PageCase(
        "training:attendance",
        lambda w: {"pk": w.training_programme.pk, "session_pk": w.training_session.pk},
        post=lambda w: {"present": []},
    ),
    PageCase(
        "training:feedback-send",
        lambda w: {"pk": w.training_programme.pk, "session_pk": w.training_session.pk},
        post=lambda w: {},
        get=False,
    ),
    PageCase(
        "training:assignment-add",
        lambda w: {"pk": w.training_programme.pk},
        post=lambda w: {"title": "Second"},
        get=False,
    ),
    PageCase(
        "training:assignment-detail",
        lambda w: {"pk": w.training_programme.pk, "assignment_pk": w.training_assignment.pk},
        post=lambda w: {"text": "overwritten"},
    ),
    PageCase(
        "training:submission-done",
        lambda w: {"pk": w.training_programme.pk, "submission_pk": w.training_submission.pk},
        post=lambda w: {"done": "1"},
        get=False,
    ),
    PageCase(
        "training:enrolment-complete",
        lambda w: {"pk": w.training_programme.pk, "enrolment_pk": w.training_enrolment.pk},
        post=lambda w: {},
        get=False,
        control=False,  # already completed: a no-op for the control
    ),
    PageCase(
        "training:programme-assess",
        lambda w: {"pk": w.training_programme.pk, "phase": "after"},
        post=lambda w: _all_levels(4),
    ),
    PageCase("training:certificate-pdf", lambda w: {"pk": w.training_certificate.pk}),
    PageCase(
        "training:assessment-rate",
        lambda w: {"pk": w.training_asked_assessment.pk},
        post=lambda w: _all_levels(3),
    ),
    PageCase(
        "training:competence-edit",
        lambda w: {"pk": w.training_own_assessment.ratings.get().competence_id},
        post=lambda w: {"name": "Renamed", "expected_level": 3},
        control=False,  # the coordinator's alone
    ),
    PageCase(
        "training:module-edit",
        lambda w: {"pk": w.training_module.pk},
        post=lambda w: {
            "title": "Renamed",
            "summary": "x",
            "format": "online",
            "duration_hours": 2,
        },
        control=False,  # coordinators and trainers
    ),
    PageCase(
        "training:material-add",
        lambda w: {"pk": w.training_module.pk},
        post=lambda w: {"title": "Slides", "url": "https://example.org/slides"},
        get=False,
        control=False,  # coordinators and trainers
    ),
]

API_CASES = [
    ApiCase(
        "training-assessment-detail",
        lambda w: {"pk": w.training_own_assessment.pk},
        ALL,
        absent=("put", "patch", "delete"),
    ),
    ApiCase(
        "training-programme-detail",
        lambda w: {"pk": w.training_programme.pk},
        ALL,
        lambda w: {"title": "Hijacked"},
        absent=("delete",),
    ),
    ApiCase(
        "training-enrolment-detail",
        lambda w: {"pk": w.training_enrolment.pk},
        ALL,
        absent=("put", "patch", "delete"),
    ),
    ApiCase(
        "training-attendance-detail",
        lambda w: {"pk": w.training_attendance.pk},
        ALL,
        absent=("put", "patch", "delete"),
    ),
]

# --- API fuzzing ---------------------------------------------------------------------------

PRIVATE_RESOURCES = {
    "training-assessments",
    "training-programmes",
    "training-enrolments",
    "training-attendance",
}
BODY_KEYS = ("programme", "participant", "competences")
QUERY_KEYS = ("programme",)


def fuzz_world(world, cast, peer_a, peer_b, anonymous) -> None:
    """Each cluster's programme: the other peer may neither read nor change any of it."""
    built = {
        "a": build_programme(
            cast.cluster_a,
            cast.manager_a,
            title="Academy A",
            text="canary-training-alpha-4c2e",
            peer_username="fuzz_peer_a",
        ),
        "b": build_programme(
            cast.cluster_b,
            cast.manager_b,
            title="Academy B",
            text="canary-training-bravo-7d1f",
            peer_username="fuzz_peer_b",
        ),
    }
    for peer, other in ((peer_a, built["b"]), (peer_b, built["a"])):
        peer.canaries = (*peer.canaries, other["submission"].text)
        peer.forbidden["training-programmes"] = {str(other["programme"].pk)}
        peer.forbidden["training-enrolments"] = {str(other["enrolment"].pk)}
        peer.forbidden["training-attendance"] = {str(other["attendance"].pk)}
        peer.forbidden["training-assessments"] = {str(other["own_assessment"].pk)}
    both = (built["a"], built["b"])
    world.path_values["training-programmes"] = [b["programme"].pk for b in both]
    world.path_values["training-enrolments"] = [b["enrolment"].pk for b in both]
    world.path_values["training-attendance"] = [b["attendance"].pk for b in both]
    world.path_values["training-assessments"] = [b["own_assessment"].pk for b in both]
    world.path_values["training-modules"] = [b["module"].pk for b in both]
    world.body_values["programme"] = [b["programme"].pk for b in both]
    world.body_values["participant"] = [cast.manager_a.pk, cast.manager_b.pk]
    world.body_values["competences"] = [
        [b["own_assessment"].ratings.get().competence_id] for b in both
    ]
    world.query_values["programme"] = [b["programme"].pk for b in both]
