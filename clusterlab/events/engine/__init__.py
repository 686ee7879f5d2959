"""Pure scheduling engine for B2B brokerage events: problem in, schedule out, no Django."""

from .bounds import Bounds, upper_bounds
from .checks import idle_gaps, total_weight, validate
from .greedy import schedule_greedy
from .instances import generate_instance
from .problem import (
    PRIORITY_WEIGHT,
    FixedMeeting,
    Meeting,
    MeetingRequest,
    Problem,
    Schedule,
    split_fixed,
)
from .solve import schedule_meetings

__all__ = [
    "PRIORITY_WEIGHT",
    "Bounds",
    "FixedMeeting",
    "Meeting",
    "MeetingRequest",
    "Problem",
    "Schedule",
    "generate_instance",
    "idle_gaps",
    "schedule_greedy",
    "schedule_meetings",
    "split_fixed",
    "total_weight",
    "upper_bounds",
    "validate",
]
