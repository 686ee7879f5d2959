"""The self-assessment's indicators along the ESCA benchmarking areas.

The areas follow the European Secretariat for Cluster Analysis (ESCA) benchmarking of
cluster management excellence (the basis of the bronze / silver / gold labels of the
European Cluster Excellence Initiative): structure of the cluster participants; governance
and management; financing; strategy, objectives and services; interaction within the
cluster; achievements and recognition. Indicators marked `computed` are filled from the
cluster's own records; the rest are answered by the manager.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

AREAS: tuple[tuple[str, Promise], ...] = (
    ("structure", _("Structure of the cluster participants")),
    ("governance", _("Governance and management")),
    ("financing", _("Financing")),
    ("strategy", _("Strategy, objectives and services")),
    ("interaction", _("Interaction within the cluster")),
    ("achievements", _("Achievements and recognition")),
)

NUMBER, PERCENT, YES_NO, TEXT = "number", "percent", "yes_no", "text"


@dataclass(frozen=True)
class Indicator:
    code: str
    area: str
    label: Promise
    computed: bool
    unit: str = NUMBER  # number / percent for computed; the answer type for manual ones
    evidence: str = ""  # where the records behind a computed figure are listed
    help: Promise | str = ""


INDICATORS: tuple[Indicator, ...] = (
    # Structure of the cluster participants
    Indicator("members_active", "structure", _("Active members"), True, evidence="members"),
    Indicator("sme_share", "structure", _("SMEs among members"), True, PERCENT, "members"),
    Indicator(
        "research_members",
        "structure",
        _("Research and education members"),
        True,
        evidence="members",
    ),
    Indicator(
        "large_members", "structure", _("Large companies among members"), True, evidence="members"
    ),
    Indicator(
        "kind_mix", "structure", _("Kinds of organisation among members"), True, evidence="members"
    ),
    Indicator(
        "creative_share", "structure", _("Creative firms among members"), True, PERCENT, "members"
    ),
    Indicator(
        "regional_concentration",
        "structure",
        _("Members in the cluster's own regions"),
        True,
        PERCENT,
        "members",
    ),
    Indicator("countries", "structure", _("Countries of members"), True, evidence="members"),
    Indicator(
        "retention_12m",
        "structure",
        _("Members a year ago who are still members"),
        True,
        PERCENT,
        "members",
        _("Stability of membership over the last 12 months."),
    ),
    Indicator(
        "new_members_12m",
        "structure",
        _("New members in the last 12 months"),
        True,
        evidence="members",
    ),
    # Governance and management
    Indicator(
        "managers_on_platform",
        "governance",
        _("Cluster managers on the platform"),
        True,
        evidence="profile",
    ),
    Indicator(
        "cluster_age",
        "governance",
        _("Years since the cluster was founded"),
        True,
        evidence="profile",
    ),
    Indicator(
        "staff_fte",
        "governance",
        _("Staff of the cluster management (full-time equivalents)"),
        False,
        NUMBER,
    ),
    Indicator(
        "manager_experience",
        "governance",
        _("Years of experience of the cluster manager"),
        False,
        NUMBER,
    ),
    Indicator(
        "board_with_members",
        "governance",
        _("A board or steering committee in which members take part"),
        False,
        YES_NO,
    ),
    Indicator("roles_documented", "governance", _("Roles and decisions documented"), False, YES_NO),
    # Financing
    Indicator(
        "pilot_budget", "financing", _("Budget of pilot actions led (EUR)"), True, evidence="pilots"
    ),
    Indicator(
        "annual_budget",
        "financing",
        _("Annual budget of the cluster management (EUR)"),
        False,
        NUMBER,
    ),
    Indicator(
        "public_share", "financing", _("Share of public funding in the budget (%)"), False, NUMBER
    ),
    Indicator(
        "fee_share", "financing", _("Share of membership fees in the budget (%)"), False, NUMBER
    ),
    Indicator(
        "financing_secured_years", "financing", _("Years of financing secured ahead"), False, NUMBER
    ),
    # Strategy, objectives and services
    Indicator(
        "services_12m",
        "strategy",
        _("Services delivered in the last 12 months"),
        True,
        evidence="services",
    ),
    Indicator(
        "service_uptake",
        "strategy",
        _("Members served in the last 12 months"),
        True,
        PERCENT,
        "services",
    ),
    Indicator(
        "service_kinds", "strategy", _("Kinds of service delivered"), True, evidence="services"
    ),
    Indicator(
        "strategy_documented", "strategy", _("A written strategy with objectives"), False, YES_NO
    ),
    Indicator(
        "strategy_review_year", "strategy", _("Year of the last strategy review"), False, NUMBER
    ),
    Indicator(
        "kpis_monitored", "strategy", _("Objectives monitored with indicators"), False, YES_NO
    ),
    # Interaction within the cluster
    Indicator(
        "events_12m",
        "interaction",
        _("Events organised in the last 12 months"),
        True,
        evidence="events",
    ),
    Indicator(
        "event_registrations_12m",
        "interaction",
        _("Registrations for those events"),
        True,
        evidence="events",
    ),
    Indicator(
        "introductions_accepted_12m",
        "interaction",
        _("Accepted introductions of members in the last 12 months"),
        True,
        evidence="introductions",
    ),
    Indicator(
        "members_linked_outside_sector",
        "interaction",
        _("Members with ties outside their sector"),
        True,
        PERCENT,
        "network",
    ),
    Indicator(
        "members_linked_outside_cluster",
        "interaction",
        _("Members with ties outside the cluster"),
        True,
        PERCENT,
        "network",
    ),
    Indicator("working_groups", "interaction", _("Active working groups"), False, NUMBER),
    Indicator(
        "communication", "interaction", _("Channels of communication with members"), False, TEXT
    ),
    # Achievements and recognition
    Indicator("pilots_led", "achievements", _("Pilot actions led"), True, evidence="pilots"),
    Indicator(
        "pilots_partner",
        "achievements",
        _("Pilot actions joined as partner"),
        True,
        evidence="pilots",
    ),
    Indicator(
        "lessons",
        "achievements",
        _("Lessons learned recorded from pilots led"),
        True,
        evidence="pilots",
    ),
    Indicator(
        "introduction_successes",
        "achievements",
        _("Introductions that led to an agreement or project"),
        True,
        evidence="introductions",
    ),
    Indicator("labels", "achievements", _("Labels obtained (e.g. ESCA bronze 2024)"), False, TEXT),
    Indicator(
        "recognition", "achievements", _("Awards, media coverage, success stories"), False, TEXT
    ),
    Indicator(
        "international_projects", "achievements", _("International projects running"), False, NUMBER
    ),
)

BY_CODE = {i.code: i for i in INDICATORS}
MANUAL = tuple(i for i in INDICATORS if not i.computed)
COMPUTED = tuple(i for i in INDICATORS if i.computed)
