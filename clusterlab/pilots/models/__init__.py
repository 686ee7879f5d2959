from .measurement import Indicator, Measurement, PilotSurvey
from .pilot import Lesson, Milestone, Participant, Pilot, PilotDocument

__all__ = [
    "Indicator",
    "Lesson",
    "Measurement",
    "Milestone",
    "Participant",
    "Pilot",
    "PilotDocument",
    "PilotSurvey",
]
