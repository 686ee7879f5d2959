"""Writes of the events domain, one module per part: events, brokerage, scheduling."""

from .brokerage import (
    brokerage_profile_update,
    may_request,
    meeting_cap,
    meeting_feedback_record,
    meeting_request_answer,
    meeting_request_create,
    meeting_request_withdraw,
    meeting_requests_expire,
    slot_delete,
    slots_generate,
)
from .events import (
    default_participant_type,
    event_create,
    event_update,
    question_add,
    question_delete,
    registration_cancel,
    registration_check_in,
    registration_create,
    registration_update_answers,
)
from .scheduling import agendas_send, schedule_publish, schedule_run_execute, schedule_run_start

__all__ = [
    "agendas_send",
    "brokerage_profile_update",
    "default_participant_type",
    "event_create",
    "event_update",
    "may_request",
    "meeting_cap",
    "meeting_feedback_record",
    "meeting_request_answer",
    "meeting_request_create",
    "meeting_request_withdraw",
    "meeting_requests_expire",
    "question_add",
    "question_delete",
    "registration_cancel",
    "registration_check_in",
    "registration_create",
    "registration_update_answers",
    "schedule_publish",
    "schedule_run_execute",
    "schedule_run_start",
    "slot_delete",
    "slots_generate",
]
