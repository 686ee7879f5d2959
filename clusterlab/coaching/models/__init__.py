"""Coaching schemes and engagements; peer exchanges and study visits."""

from .engagements import Action, Engagement, EngagementStep, Session
from .exchanges import Application, ExchangeOffer, VisitReport, VisitStop
from .schemes import Scheme, SchemeStep

__all__ = [
    "Action",
    "Application",
    "Engagement",
    "EngagementStep",
    "ExchangeOffer",
    "Scheme",
    "SchemeStep",
    "Session",
    "VisitReport",
    "VisitStop",
]
