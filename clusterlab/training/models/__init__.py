"""Models of the training domain: the competence framework, assessments, modules,
programmes (cohorts) with sessions, attendance, assignments and certificates."""

from .competences import Assessment, Competence, Rating
from .modules import Material, TrainingModule
from .programmes import (
    Assignment,
    Attendance,
    Certificate,
    Enrolment,
    Programme,
    Session,
    Submission,
)

__all__ = [
    "Assessment",
    "Assignment",
    "Attendance",
    "Certificate",
    "Competence",
    "Enrolment",
    "Material",
    "Programme",
    "Rating",
    "Session",
    "Submission",
    "TrainingModule",
]
