"""Writes of the coaching domain: schemes, engagements; peer exchanges and study visits."""

from .engagements import (
    action_add,
    action_set_status,
    engagement_close,
    engagement_create,
    session_add,
    session_update,
    step_complete,
)
from .exchanges import (
    application_create,
    application_decide,
    application_withdraw,
    offer_create,
    offer_update,
    report_to_toolbox_draft,
    report_write,
    stop_add,
    stop_remove,
)
from .schemes import scheme_create, scheme_update

__all__ = [
    "action_add",
    "action_set_status",
    "application_create",
    "application_decide",
    "application_withdraw",
    "engagement_close",
    "engagement_create",
    "offer_create",
    "offer_update",
    "report_to_toolbox_draft",
    "report_write",
    "scheme_create",
    "scheme_update",
    "session_add",
    "session_update",
    "step_complete",
    "stop_add",
    "stop_remove",
]
