from .brokerage import Meeting, MeetingFeedback, MeetingRequest, MeetingSlot, ScheduleRun
from .event import Event, Registration, RegistrationQuestion

__all__ = [
    "Event",
    "Meeting",
    "MeetingFeedback",
    "MeetingRequest",
    "MeetingSlot",
    "Registration",
    "RegistrationQuestion",
    "ScheduleRun",
]
