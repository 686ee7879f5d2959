"""Writes of the training domain."""

from .competences import (
    assessment_rate,
    assessment_request,
    competence_create,
    competence_update,
    framework_load,
    self_assessment_submit,
)
from .feedback import session_feedback_send
from .modules import material_add, module_create, module_update
from .programmes import (
    assignment_add,
    attendance_record,
    certificate_revoke,
    enrollable_managers,
    enrolment_complete,
    enrolment_create,
    programme_create,
    programme_update,
    session_add,
    submission_mark,
    submission_save,
)

__all__ = [
    "assessment_rate",
    "assessment_request",
    "assignment_add",
    "attendance_record",
    "certificate_revoke",
    "competence_create",
    "competence_update",
    "enrollable_managers",
    "enrolment_complete",
    "enrolment_create",
    "framework_load",
    "material_add",
    "module_create",
    "module_update",
    "programme_create",
    "programme_update",
    "self_assessment_submit",
    "session_add",
    "session_feedback_send",
    "submission_mark",
    "submission_save",
]
