"""Writes of the pilots domain: pilots and participants; indicators and measurements."""

from .measurements import (
    indicator_add,
    indicator_delete,
    measurements_from_platform,
    measurements_from_survey,
    measurements_record,
    pilot_survey_send,
)
from .pilots import (
    document_upload,
    lesson_add,
    milestone_add,
    milestone_update,
    participant_add,
    participant_remove,
    participant_set_group,
    participants_randomise,
    pilot_create,
    pilot_update,
)

__all__ = [
    "document_upload",
    "indicator_add",
    "indicator_delete",
    "lesson_add",
    "measurements_from_platform",
    "measurements_from_survey",
    "measurements_record",
    "milestone_add",
    "milestone_update",
    "participant_add",
    "participant_remove",
    "participant_set_group",
    "participants_randomise",
    "pilot_create",
    "pilot_survey_send",
    "pilot_update",
]
