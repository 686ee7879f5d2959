"""Plain-language reasons for the kept pairs, as structured data for the Django layer.

A reason is ``(kind, detail)`` where kind is a block name of ``features.BLOCKS`` and
detail holds the column ids (capabilities, sectors, languages, countries) that the
adapter maps back to translated labels. Reasons come strongest first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from .features import BLOCKS, MatchIndex

Reason = tuple[str, object]


def _row(matrix: sp.csr_array, r: int) -> np.ndarray:
    """Return the column ids of one CSR row."""
    return matrix.indices[matrix.indptr[r] : matrix.indptr[r + 1]]


def _shared(a: sp.csr_array, i: int, b: sp.csr_array, j: int) -> list[int]:
    """Return the sorted column ids present in row i of a and row j of b."""
    return [int(c) for c in np.intersect1d(_row(a, i), _row(b, j))]


def _top_terms(index: MatchIndex, i: int, j: int, limit: int) -> list[str]:
    """Return the shared description terms that weigh most in the text similarity."""
    product = index.text[[i]].multiply(index.text[[j]]).tocsr()
    best = product.indices[np.argsort(-product.data, kind="stable")[:limit]]
    return [str(index.vocabulary[t]) for t in best]


def _detail(index: MatchIndex, kind: str, i: int, j: int, limit: int) -> object:
    """Return the detail of one reason kind for the pair (i, j)."""
    if kind == "offers_what_you_seek":
        return _shared(index.sought, i, index.offered, j)
    if kind == "seeks_what_you_offer":
        return _shared(index.offered, i, index.sought, j)
    if kind == "sector_sought":
        return _shared(index.sectors_sought, i, index.sectors, j)
    if kind == "similar_description":
        return _top_terms(index, i, j, limit)
    if kind == "cross_border":
        return (int(index.country[i]), int(index.country[j]))
    if kind == "target_country":
        return int(index.country[j])
    if kind == "shared_languages":
        return _shared(index.languages, i, index.languages, j)
    if kind == "size_fit":
        return (int(index.size[i]), int(index.size[j]))
    return None  # creative_traditional needs no detail


def explain_pair(
    index: MatchIndex, i: int, j: int, blocks: Mapping[str, float], *, max_terms: int = 5
) -> list[Reason]:
    """Return the reasons why row j suits row i, strongest contributing block first."""
    positive = [name for name in BLOCKS if blocks.get(name, 0.0) > 1e-12]
    positive.sort(key=lambda name: -blocks[name])  # stable: BLOCKS order breaks ties
    return [(name, _detail(index, name, i, j, max_terms)) for name in positive]


def explain(
    index: MatchIndex,
    i: int,
    indices: Sequence[int] | np.ndarray,
    block_scores: Mapping[str, np.ndarray],
) -> list[list[Reason]]:
    """Return the reasons for each recommended row, as returned by recommend()."""
    return [
        explain_pair(index, i, int(j), {name: float(v[pos]) for name, v in block_scores.items()})
        for pos, j in enumerate(indices)
    ]
