"""The pure network engine (NumPy, SciPy, igraph; no Django): measures, aggregation, data."""

from .aggregate import AggregateGraph, aggregate, layout_positions
from .generate import generate_network
from .graph import NetworkInput, TieKind, build_graph, empty_input, simple_edges
from .measures import (
    Broker,
    ClusterFigures,
    Communities,
    NetworkReport,
    YearFigures,
    analyse,
    nmi,
    pick_sources,
)

__all__ = [
    "AggregateGraph",
    "Broker",
    "ClusterFigures",
    "Communities",
    "NetworkInput",
    "NetworkReport",
    "TieKind",
    "YearFigures",
    "aggregate",
    "analyse",
    "build_graph",
    "empty_input",
    "generate_network",
    "layout_positions",
    "nmi",
    "pick_sources",
    "simple_edges",
]
