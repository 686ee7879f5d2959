"""The map as data for the template: region outlines coloured by LQ or stars, clusters on top."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import geo
from .selectors import ClusterPlace, RegionFigure

NO_DATA = "#e4e4e4"
# ColorBrewer "Blues" (Cynthia Brewer, colorbrewer2.org): sequential, colour-blind safe.
LQ_CLASSES = (
    (0.5, "#eff3ff", "< 0.5"),
    (0.8, "#c6dbef", "0.5–0.8"),
    (1.25, "#9ecae1", "0.8–1.25"),
    (2.0, "#4292c6", "1.25–2"),
    (float("inf"), "#08519c", "≥ 2"),
)
# ColorBrewer "OrRd" for 0–3 stars.
STAR_COLOURS = ("#fef0d9", "#fdcc8a", "#fc8d59", "#d7301f")


@dataclass(frozen=True)
class MapRegion:
    code: str
    path: str
    fill: str
    title: str
    has_data: bool


def _lq_fill(lq: float | None) -> str:
    if lq is None:
        return NO_DATA
    return next(colour for upper, colour, _label in LQ_CLASSES if lq < upper)


def legend(show: str) -> list[tuple[str, str]]:
    """Return (colour, label) pairs of the map's legend."""
    if show == "stars":
        return [(c, "★" * n or _("no star")) for n, c in enumerate(STAR_COLOURS)]
    return [(colour, f"LQ {label}") for _upper, colour, label in LQ_CLASSES]


def _title(name: str, code: str, figure: RegionFigure | None) -> str:
    if figure is None:
        return f"{name} ({code}): " + _("no data")
    lq = number_format(round(figure.lq, 2), 2) if figure.lq is not None else "–"
    employment = number_format(round(figure.employment), 0, force_grouping=True)
    return (
        f"{name} ({code}): LQ {lq}, "
        + _("%(n)s employed") % {"n": employment}
        + (f", {'★' * figure.stars}" if figure.stars else "")
    )


def map_regions(figures: list[RegionFigure], show: str) -> list[MapRegion]:
    """Return every drawn NUTS 2 region with its fill colour and hover title."""
    by_code = {f.region_code: f for f in figures}
    # Statistics coded in NUTS 2024 are drawn on the NUTS 2021 region they continue.
    for figure in figures:
        drawn = geo.to_2021(figure.region_code)
        if drawn and drawn not in by_code:
            by_code[drawn] = figure
    out = []
    for shape in geo.europe_map().regions:
        figure = by_code.get(shape.code)
        if figure is None:
            fill = NO_DATA
        elif show == "stars":
            fill = STAR_COLOURS[figure.stars]
        else:
            fill = _lq_fill(figure.lq)
        out.append(
            MapRegion(
                shape.code,
                shape.path,
                fill,
                _title(shape.name, shape.code, figure),
                figure is not None,
            )
        )
    return out


def map_context(figures: list[RegionFigure], places: list[ClusterPlace], show: str) -> dict:
    """Return everything the map template draws."""
    europe = geo.europe_map()
    return {
        "width": europe.width,
        "height": europe.height,
        "regions": map_regions(figures, show),
        "countries": europe.countries,
        "clusters": places,
        "legend": legend(show),
        "attribution": geo.ATTRIBUTION,
    }
