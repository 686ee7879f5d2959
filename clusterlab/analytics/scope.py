"""What a figure is about: the whole network or one cluster, over one period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateparse import parse_date

from clusterlab.registry.models import Cluster

MAX_PERIOD_DAYS = 20 * 366  # a bound on user input; targets run for years, not centuries


@dataclass(frozen=True)
class Scope:
    cluster: Cluster | None = None

    @property
    def is_network(self) -> bool:
        return self.cluster is None

    @property
    def slug(self) -> str:
        return self.cluster.slug if self.cluster else ""


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def elapsed_end(self, today: dt.date | None = None) -> dt.date:
        """The last day of the period that has already happened."""
        today = today or timezone.localdate()
        return min(self.end, max(today, self.start))


def current_year() -> Period:
    today = timezone.localdate()
    return Period(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(value or "")
    except ValueError:  # "2026-02-31" has the shape of a date but is none
        return None


def period_from(start, end, default: Period) -> Period:
    """Return the period named by two ISO dates; the default for anything missing or odd."""
    start_d, end_d = _date(start), _date(end)
    if start_d is None or end_d is None or end_d < start_d:
        return default
    if (end_d - start_d).days > MAX_PERIOD_DAYS:
        return default
    return Period(start_d, end_d)
