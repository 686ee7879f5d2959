"""Pure cluster-mapping computations (NumPy only, no Django)."""

from .figures import ClusterFigures, cluster_figures, top_decile

__all__ = ["ClusterFigures", "cluster_figures", "top_decile"]
