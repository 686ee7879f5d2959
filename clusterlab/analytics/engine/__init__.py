"""Pure arithmetic of targets and reach: projections, medians, progress (no Django)."""

from .projection import median, progress_share, project_linear

__all__ = ["median", "progress_share", "project_linear"]
