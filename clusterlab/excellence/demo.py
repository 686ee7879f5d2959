"""Demo self-assessments (called by `seed_demo`): a few clusters answered part of the questions."""

from __future__ import annotations

import random

from clusterlab.registry.models import Cluster

from . import services
from .indicators import MANUAL, NUMBER, YES_NO
from .models import AssessmentStatus

CLUSTERS = 4
COMMENTS = (
    "Figures from the annual report of the cluster management.",
    "Discussed with the board in the spring meeting.",
    "Estimate; to be checked with the finance officer.",
    "",
)
TEXTS = {
    "communication": "Monthly newsletter, members' forum, quarterly meet-ups",
    "labels": "ESCA bronze label (2023)",
    "recognition": "Regional innovation award; two success stories in the trade press",
}


def _answer(rng: random.Random, indicator) -> str:
    if indicator.unit == YES_NO:
        return rng.choice(["yes", "yes", "no"])
    if indicator.unit == NUMBER:
        ranges = {
            "staff_fte": (2, 9),
            "manager_experience": (3, 20),
            "annual_budget": (150_000, 1_200_000),
            "public_share": (20, 70),
            "fee_share": (10, 40),
            "financing_secured_years": (1, 4),
            "strategy_review_year": (2021, 2025),
            "working_groups": (2, 8),
            "international_projects": (0, 6),
        }
        low, high = ranges.get(indicator.code, (0, 10))
        return str(rng.randint(low, high))
    return TEXTS.get(indicator.code, "")


def extend_demo(*, seed: int) -> int:
    """Create self-assessments for the first few clusters; return the rows made."""
    rng = random.Random(seed * 7919 + 17)
    made = 0
    for index, cluster in enumerate(Cluster.objects.order_by("pk")[:CLUSTERS]):
        assessment = services.assessment_create(
            actor=None, cluster=cluster, title="Self-assessment 2026"
        )
        # The last one is a fresh draft with half of the questions still open.
        questions = MANUAL if index < CLUSTERS - 1 else MANUAL[: len(MANUAL) // 2]
        answers = {i.code: (_answer(rng, i), rng.choice(COMMENTS)) for i in questions}
        services.assessment_answers_save(
            actor=None,
            assessment=assessment,
            answers=answers,
            status=AssessmentStatus.COMPLETED if index == 0 else AssessmentStatus.DRAFT,
        )
        made += 1 + len(answers)
    return made
