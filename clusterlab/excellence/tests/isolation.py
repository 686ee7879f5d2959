"""The excellence app's part of the tenant matrix and the API fuzzing (see core.tenant_testing).

Self-assessments are private to the cluster's managers and the coordinator.
"""

from __future__ import annotations

from clusterlab.core.tenant_testing import ALL, PRIVATE, ApiCase, PageCase

ROUTE_CLASSES: dict[str, str] = {
    "excellence:home": PRIVATE,
    "excellence:assessment-new": PRIVATE,
    "excellence:assessment-detail": PRIVATE,
    "excellence:assessment-pdf": PRIVATE,
    "excellence-assessment-list": PRIVATE,
    "excellence-assessment-detail": PRIVATE,
    "excellence-assessment-answers": PRIVATE,
}

COMMENT_A = "Alpha cluster's board is split over the budget cut"
SECRETS_A = (COMMENT_A,)


def _models():
    from clusterlab.excellence.models import Assessment, AssessmentAnswer

    return [Assessment, AssessmentAnswer]


SNAPSHOT_MODELS = _models()


def _assessment(cluster, comment: str):
    from clusterlab.excellence import services

    assessment = services.assessment_create(actor=None, cluster=cluster, title="Assessment")
    services.assessment_answers_save(
        actor=None, assessment=assessment, answers={"staff_fte": ("2", comment)}
    )
    return assessment


def world(cast) -> dict:
    return {"excellence_a": _assessment(cast.cluster_a, COMMENT_A)}


PAGE_CASES = [
    PageCase(
        "excellence:assessment-detail",
        lambda w: {"pk": w.excellence_a.pk},
        post=lambda w: {"value_staff_fte": "5", "comment_staff_fte": "rewritten"},
    ),
    PageCase("excellence:assessment-pdf", lambda w: {"pk": w.excellence_a.pk}),
]

API_CASES = [
    ApiCase(
        "excellence-assessment-detail",
        lambda w: {"pk": w.excellence_a.pk},
        ALL,
        lambda w: {"cluster": "cluster-a", "title": "Hijacked"},
        absent=("put", "patch", "delete"),
    ),
    ApiCase(
        "excellence-assessment-answers",
        lambda w: {"pk": w.excellence_a.pk},
        ("post",),
        lambda w: {"answers": [{"indicator": "staff_fte", "value": "9", "comment": "x"}]},
    ),
]

PRIVATE_RESOURCES = {"excellence-assessments"}
CANARY_A = "canary-excellence-alpha-5c1e"
CANARY_B = "canary-excellence-bravo-8f3a"


def fuzz_world(world, cast, peer_a, peer_b, anonymous) -> None:
    """Each cluster's assessment with a canary comment: the other peer may not see or change it."""
    a = _assessment(cast.cluster_a, CANARY_A)
    b = _assessment(cast.cluster_b, CANARY_B)
    peer_a.canaries = (*peer_a.canaries, CANARY_B)
    peer_b.canaries = (*peer_b.canaries, CANARY_A)
    peer_a.forbidden["excellence-assessments"] = {str(b.pk)}
    peer_b.forbidden["excellence-assessments"] = {str(a.pk)}
    anonymous.canaries = (*anonymous.canaries, CANARY_A, CANARY_B)
    world.path_values["excellence-assessments"] = [a.pk, b.pk]
