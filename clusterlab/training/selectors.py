"""Reads of the training domain, filtered by what the viewer may see."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import mean

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from clusterlab.registry.models import Cluster
from clusterlab.surveys.selectors import answers_for

from .enums import EnrolmentStatus, Phase, RaterRole
from .models import (
    Assessment,
    Attendance,
    Competence,
    Enrolment,
    Programme,
    Rating,
    Session,
    TrainingModule,
)
from .models.programmes import ACTIVE_ENROLMENT
from .services.feedback import SATISFACTION

# Figures about fewer people than this are not shown: they would reveal individuals.
MIN_GROUP = 3


def competence_list(*, include_inactive: bool = False) -> QuerySet[Competence]:
    """The framework in order (active competences unless asked)."""
    rows = Competence.objects.all()
    return rows if include_inactive else rows.filter(is_active=True)


def module_list(*, competence: int | None = None, active_only: bool = True):
    """The module catalogue with the competences each addresses."""
    rows = TrainingModule.objects.prefetch_related("competences").order_by("title")
    if active_only:
        rows = rows.filter(is_active=True)
    if competence is not None:
        rows = rows.filter(competences__pk=competence).distinct()
    return rows


def programme_list(*, user) -> QuerySet[Programme]:
    """Programmes the viewer runs or takes part in, with their participant counts."""
    return (
        Programme.objects.visible_to(user)
        .select_related("cluster")
        .annotate(
            n_participants=Count(
                "enrolments", filter=Q(enrolments__status__in=ACTIVE_ENROLMENT), distinct=True
            ),
            n_sessions=Count("sessions", distinct=True),
        )
        .order_by("-starts_on", "pk")
    )


def assessment_visible(*, user) -> QuerySet[Assessment]:
    """Assessments about the viewer and those the viewer was asked to give."""
    return Assessment.objects.visible_to(user).select_related("subject", "rater", "programme")


def ratings_requested(*, user) -> QuerySet[Assessment]:
    """Ratings others asked of the viewer."""
    return assessment_visible(user=user).filter(rater=user).exclude(role=RaterRole.SELF)


@dataclass
class ProfileRow:
    competence: Competence
    self_level: int | None = None
    target: int | None = None
    peer: int | None = None
    coach: int | None = None

    @property
    def gap(self) -> int:
        if self.self_level is None:
            return 0
        return max(0, (self.target or self.competence.expected_level) - self.self_level)


@dataclass
class Profile:
    rows: list[ProfileRow]
    assessed_at: dt.datetime | None
    recommendations: list[tuple[TrainingModule, list[str]]] = field(default_factory=list)


def _latest(subject, role: str) -> Assessment | None:
    return (
        Assessment.objects.filter(subject=subject, role=role, submitted_at__isnull=False)
        .order_by("-submitted_at", "-pk")
        .first()
    )


def competence_profile(*, user) -> Profile:
    """The viewer's own latest self-assessment, peer and coach ratings, gaps and the modules
    that address the gaps (largest first)."""
    rows = {c.pk: ProfileRow(c) for c in competence_list()}
    latest = {role: _latest(user, role) for role in RaterRole.values}
    for role, assessment in latest.items():
        if assessment is None:
            continue
        for rating in assessment.ratings.all():
            row = rows.get(rating.competence_id)
            if row is None:
                continue
            if role == RaterRole.SELF:
                row.self_level, row.target = rating.level, rating.target
            else:
                setattr(row, role, rating.level)
    profile = Profile(list(rows.values()), getattr(latest[RaterRole.SELF], "submitted_at", None))
    profile.recommendations = modules_for_gaps(profile.rows)
    return profile


def modules_for_gaps(rows: list[ProfileRow], limit: int = 6):
    """Modules addressing competences with a gap, those closing most of it first."""
    gaps = {row.competence.pk: row for row in rows if row.gap > 0}
    if not gaps:
        return []
    scored = []
    for module in module_list().filter(competences__in=list(gaps)).distinct():
        hit = [gaps[c.pk] for c in module.competences.all() if c.pk in gaps]
        scored.append((-sum(r.gap for r in hit), module.title, module, hit))
    scored.sort(key=lambda item: item[:2])
    return [(m, [r.competence.display_name for r in hit]) for _s, _t, m, hit in scored[:limit]]


# --- Validation of a programme ---------------------------------------------------------------


@dataclass(frozen=True)
class SessionFigures:
    session: Session
    enrolled: int
    recorded: bool
    present: int
    satisfaction: float | None  # None below MIN_GROUP answers
    n_answers: int


@dataclass(frozen=True)
class CompetenceChange:
    competence: Competence
    n: int  # participants with both a before and an after self-assessment
    before: float | None
    after: float | None
    change: float | None


@dataclass(frozen=True)
class Validation:
    sessions: list[SessionFigures]
    attendance_rate: float | None
    satisfaction: float | None
    n_satisfaction: int
    changes: list[CompetenceChange]
    n_paired: int
    min_group: int = MIN_GROUP


def _satisfaction(session: Session) -> list[tuple[str, int]]:
    """(respondent's enrolment reference, score) of each submitted feedback."""
    if session.feedback_survey_id is None:
        return []
    rows = answers_for(session.feedback_survey, reference_prefix="training.enrolment:")
    return [
        (r.reference, r.answers[SATISFACTION])
        for r in rows
        if r.submitted and isinstance(r.answers.get(SATISFACTION), int)
    ]


def _competence_changes(programme: Programme) -> tuple[list[CompetenceChange], int]:
    participants = programme.enrolments.filter(status__in=ACTIVE_ENROLMENT).values("participant")
    ratings = Rating.objects.filter(
        assessment__programme=programme,
        assessment__role=RaterRole.SELF,
        assessment__submitted_at__isnull=False,
        assessment__subject__in=participants,
    ).values_list("competence_id", "assessment__phase", "assessment__subject_id", "level")
    levels: dict[int, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for competence_id, phase, subject_id, level in ratings:
        levels[competence_id][phase][subject_id] = level
    changes, paired_people = [], set()
    for competence in competence_list():
        before = levels[competence.pk][Phase.BEFORE]
        after = levels[competence.pk][Phase.AFTER]
        paired = sorted(before.keys() & after.keys())
        paired_people.update(paired)
        means = None
        if len(paired) >= MIN_GROUP:
            means = mean(before[p] for p in paired), mean(after[p] for p in paired)
        changes.append(
            CompetenceChange(
                competence=competence,
                n=len(paired),
                before=round(means[0], 2) if means else None,
                after=round(means[1], 2) if means else None,
                change=round(means[1] - means[0], 2) if means else None,
            )
        )
    return changes, len(paired_people)


def programme_validation(*, programme: Programme) -> Validation:
    """Attendance per session, satisfaction from the feedback surveys and the competence
    change before → after of participants who assessed themselves both times. Averages of
    fewer than MIN_GROUP people are withheld. For those who run the programme only."""
    enrolled = programme.enrolments.filter(status__in=ACTIVE_ENROLMENT).count()
    sessions = programme.sessions.select_related("module", "feedback_survey").annotate(
        n_recorded=Count("attendances", distinct=True),
        n_present=Count("attendances", filter=Q(attendances__present=True), distinct=True),
    )
    figures, all_scores, respondents, present_total, possible = [], [], set(), 0, 0
    for session in sessions:
        answers = _satisfaction(session)
        scores = [score for _reference, score in answers]
        all_scores += scores
        respondents.update(reference for reference, _score in answers)
        if session.n_recorded:
            present_total += session.n_present
            possible += enrolled
        figures.append(
            SessionFigures(
                session=session,
                enrolled=enrolled,
                recorded=bool(session.n_recorded),
                present=session.n_present,
                satisfaction=round(mean(scores), 2) if len(scores) >= MIN_GROUP else None,
                n_answers=len(scores),
            )
        )
    changes, n_paired = _competence_changes(programme)
    return Validation(
        sessions=figures,
        attendance_rate=round(present_total / possible, 3) if possible else None,
        # The threshold counts people, not answers: one person's answers to three sessions
        # would otherwise reveal their own average.
        satisfaction=round(mean(all_scores), 2) if len(respondents) >= MIN_GROUP else None,
        n_satisfaction=len(all_scores),
        changes=changes,
        n_paired=n_paired,
    )


def attendance_grid(*, programme: Programme):
    """Every active enrolment with its presence per session (None: not recorded)."""
    sessions = list(programme.sessions.select_related("module"))
    enrolments = list(
        programme.enrolments.filter(status__in=ACTIVE_ENROLMENT)
        .select_related("participant", "certificate")
        .prefetch_related(
            "participant__managed_clusters",
            Prefetch("attendances", queryset=Attendance.objects.only("session_id", "present")),
        )
    )
    for enrolment in enrolments:
        marks = {a.session_id: a.present for a in enrolment.attendances.all()}
        enrolment.marks = [marks.get(s.pk) for s in sessions]
    return sessions, enrolments


def my_feedback_links(*, programme: Programme, user) -> dict[int, str]:
    """Session id → the viewer's own feedback-survey token (to answer from the page)."""
    enrolment = programme.enrolments.filter(participant=user).first()
    if enrolment is None:
        return {}
    links = {}
    for session in programme.sessions.filter(feedback_survey__isnull=False):
        invitation = session.feedback_survey.invitations.filter(
            reference=enrolment.reference
        ).first()
        if invitation is not None:
            links[session.pk] = invitation.token
    return links


def managers_trained(
    *, cluster: Cluster | None = None, since: dt.date | None = None, until: dt.date | None = None
):
    """Users who completed a programme (completion date within [since, until] when given);
    with `cluster`, only that cluster's managers."""
    done = Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED)
    if since is not None:
        done = done.filter(completed_on__gte=since)
    if until is not None:
        done = done.filter(completed_on__lte=until)
    users = get_user_model().objects.filter(pk__in=done.values("participant"))
    if cluster is not None:
        users = users.filter(managed_clusters=cluster)
    return users.order_by("pk")
