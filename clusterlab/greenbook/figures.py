"""Figures from pilot evaluations: the pilots app's server-side SVG charts, as markup."""

from __future__ import annotations

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from clusterlab.pilots import charts
from clusterlab.pilots.models import Pilot
from clusterlab.pilots.selectors import pilot_evaluation


def pilot_figure(pilot: Pilot) -> tuple[str, str]:
    """Return the SVG charts of the pilot's evaluated indicators and a caption ('' if none)."""
    results = [r for r in pilot_evaluation(pilot=pilot) if r.evaluation.groups]
    items = [
        {
            "name": r.indicator.name,
            "bars": charts.group_bars(r.evaluation),
            "whisker": charts.effect_whisker(r.evaluation),
        }
        for r in results
    ]
    items = [i for i in items if i["bars"]["bars"] or i["whisker"]]
    if not items:
        return "", ""
    svg = render_to_string("greenbook/_figure.html", {"items": items})
    caption = _("Evaluation of pilot %(code)s, %(title)s: baseline and endline means by group, "
                "and the effect with its 95%% confidence interval.") % {
        "code": pilot.code,
        "title": pilot.title,
    }  # fmt: skip
    return svg, caption


def entry_figure(entry, allowed: Callable[[Pilot], bool] | None = None) -> tuple[str, str]:
    """A lesson related to a pilot shows that pilot's evaluation charts ('' otherwise).

    `allowed` hides the chart of a pilot the audience may not see.
    """
    related = getattr(entry, "related_pilots", None)
    if entry.kind != "lesson" or related is None:
        return "", ""
    pilot = related.order_by("code").first()
    if pilot is None or (allowed is not None and not allowed(pilot)):
        return "", ""
    return pilot_figure(pilot)
