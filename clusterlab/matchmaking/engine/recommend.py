"""Exact top-k partner recommendations scored in named, explainable blocks.

score(i, j) = Σ_block weight[block] · block(i, j), with the blocks of ``features.BLOCKS``.
One query is a sparse row × matrix product plus a gather over a few attribute profiles:
no Python loop over rows. ``brute_force_all`` is the dense NumPy baseline and test oracle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import scipy.sparse as sp

from .features import BLOCKS, DEFAULT_WEIGHTS, MAX_SIZE, MatchIndex

BlockScores = dict[str, np.ndarray]
_CHUNK = 64  # columns per chunk in the two-level top-k


def resolve_weights(weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """Return the default block weights updated with the given ones."""
    unknown = set(weights or {}) - set(BLOCKS)
    if unknown:
        raise ValueError(f"unknown score blocks: {sorted(unknown)}")
    return {**DEFAULT_WEIGHTS, **(weights or {})}


def _size_fit(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return 1 - |a - b| / MAX_SIZE where both sizes are known, else 0."""
    fit = 1.0 - np.abs(a - b) / MAX_SIZE
    return np.where((a >= 0) & (b >= 0), fit, 0.0)


def _attribute_table(index: MatchIndex, rows: np.ndarray, w: Mapping[str, float]) -> np.ndarray:
    """Return the B×U weighted attribute-block scores of query rows against every profile."""
    pc = index.profile_country
    table = np.zeros((len(rows), len(pc)))
    country = index.country[rows][:, None]
    if w["creative_traditional"]:
        table += w["creative_traditional"] * (
            index.creative[rows][:, None] != index.profile_creative
        )
    if w["cross_border"]:
        table += w["cross_border"] * ((country != pc) & (country >= 0) & (pc >= 0))
    if w["target_country"]:
        # Column -1 of target_countries is always empty: unknown countries never match.
        table += w["target_country"] * index.target_countries[rows].toarray()[:, pc]
    if w["shared_languages"]:
        common = index.lang_bits[rows][:, None, :] & index.profile_lang_bits[None, :, :]
        table += w["shared_languages"] * (common != 0).any(axis=2)
    if w["size_fit"]:
        table += w["size_fit"] * _size_fit(index.size[rows][:, None], index.profile_size)
    return table


def _column_weights(index: MatchIndex, w: Mapping[str, float]) -> np.ndarray:
    """Return the weight of every column of index.query."""
    colw = np.empty(index.query.shape[1])
    for name, cols in index.block_columns.items():
        colw[cols] = w[name]
    return colw


def _score_rows(index: MatchIndex, rows: np.ndarray, w: Mapping[str, float]) -> np.ndarray:
    """Return the dense B×N total scores of query rows against every row."""
    q = index.query[rows]
    q.data *= _column_weights(index, w)[q.indices]
    scores = (q @ index.doc_t).toarray()
    scores += np.take(_attribute_table(index, rows, w), index.attr_code, axis=1)
    return scores


def _mask_excluded(
    index: MatchIndex, rows: np.ndarray, scores: np.ndarray, candidates: np.ndarray | None
) -> None:
    """Set -inf on self, declined pairs and non-candidates, in place."""
    b = np.arange(len(rows))
    scores[b, rows] = -np.inf
    declined = index.declined[rows].tocsr()
    scores[np.repeat(b, np.diff(declined.indptr)), declined.indices] = -np.inf
    if candidates is not None:
        scores[:, ~np.asarray(candidates, dtype=bool)] = -np.inf


def _top_k_candidates(scores: np.ndarray, kk: int) -> np.ndarray | None:
    """Return per-row candidate columns that contain an exact top-kk, or None if not worth it.

    Two-level selection (../shared/PERFORMANCE.md): the best of every 64-column chunk, then
    the kk chunks with the best maxima. Every top-kk value lies in a chunk whose maximum is at
    least the kk-th value, so those chunks (plus the ragged tail) hold an exact top-kk.
    """
    n_rows, n_cols = scores.shape
    n_full = n_cols // _CHUNK
    if n_full < 4 * kk:
        return None
    chunk_max = scores[:, : n_full * _CHUNK].reshape(n_rows, n_full, _CHUNK).max(axis=2)
    best = np.argpartition(chunk_max, n_full - kk, axis=1)[:, n_full - kk :]
    cols = (best[:, :, None] * _CHUNK + np.arange(_CHUNK)).reshape(n_rows, kk * _CHUNK)
    tail = np.broadcast_to(np.arange(n_full * _CHUNK, n_cols), (n_rows, n_cols - n_full * _CHUNK))
    return np.concatenate([cols, tail], axis=1)


def top_k_rows(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the exact top-k columns and scores of every row, best first, -1/-inf padded."""
    n_rows, n_cols = scores.shape
    kk = min(k, n_cols)
    if kk <= 0:
        return np.full((n_rows, k), -1, dtype=np.int64), np.full((n_rows, k), -np.inf)
    cols = _top_k_candidates(scores, kk)
    if cols is None:
        cols = np.broadcast_to(np.arange(n_cols), (n_rows, n_cols))
        vals = scores
    else:
        vals = np.take_along_axis(scores, cols, axis=1)
    width = vals.shape[1]
    part = np.argpartition(vals, width - kk, axis=1)[:, width - kk :]
    idx = np.take_along_axis(cols, part, axis=1).astype(np.int64)
    vals = np.take_along_axis(vals, part, axis=1)
    # Best score first; ties by lower row index so results are deterministic.
    order = np.lexsort((idx, -vals), axis=1)
    idx = np.take_along_axis(idx, order, axis=1)
    vals = np.take_along_axis(vals, order, axis=1)
    idx[~np.isfinite(vals)] = -1
    pad = k - kk
    if pad:
        idx = np.pad(idx, ((0, 0), (0, pad)), constant_values=-1)
        vals = np.pad(vals, ((0, 0), (0, pad)), constant_values=-np.inf)
    return idx, vals


def block_scores(
    index: MatchIndex, i: int, js: np.ndarray, weights: Mapping[str, float] | None = None
) -> BlockScores:
    """Return each block's weighted contribution to score(i, j) for the given js."""
    w = resolve_weights(weights)
    js = np.asarray(js, dtype=np.int64)

    def overlap(mine: sp.csr_array, theirs: sp.csr_array) -> np.ndarray:
        """Return |row i of mine ∩ row j of theirs| (weighted) for every j in js."""
        return np.asarray(theirs[js] @ mine[[i]].T.toarray()).ravel()

    raw = {
        "offers_what_you_seek": overlap(index.sought, index.offered) * index.sought_scale[i],
        "seeks_what_you_offer": overlap(index.offered, index.sought) * index.sought_scale[js],
        "sector_sought": overlap(index.sectors_sought, index.sectors)
        * index.sectors_sought_scale[i],
        "similar_description": overlap(index.text, index.text),
        "creative_traditional": (index.creative[i] != index.creative[js]).astype(float),
        "cross_border": (
            (index.country[i] != index.country[js])
            & (index.country[i] >= 0)
            & (index.country[js] >= 0)
        ).astype(float),
        "target_country": index.target_countries[[i]].toarray()[0, index.country[js]],
        "shared_languages": (overlap(index.languages, index.languages) > 0).astype(float),
        "size_fit": _size_fit(index.size[i], index.size[js]),
    }
    return {name: w[name] * raw[name] for name in BLOCKS}


def recommend(
    index: MatchIndex,
    i: int,
    k: int = 10,
    weights: Mapping[str, float] | None = None,
    exclude: Iterable[int] | None = None,
    candidates: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, BlockScores]:
    """Return the exact top-k partners of row i: indices, scores and per-block scores.

    Self, declined pairs, ``exclude`` and rows outside the boolean ``candidates`` mask are
    never returned; fewer than k come back when fewer rows are eligible.
    """
    w = resolve_weights(weights)
    rows = np.array([i], dtype=np.int64)
    scores = _score_rows(index, rows, w)
    _mask_excluded(index, rows, scores, candidates)
    if exclude is not None:
        scores[0, np.fromiter(exclude, dtype=np.int64)] = -np.inf
    idx, vals = top_k_rows(scores, k)
    keep = idx[0] >= 0
    idx, vals = idx[0][keep], vals[0][keep]
    return idx, vals, block_scores(index, i, idx, w)


def recommend_all(
    index: MatchIndex,
    k: int = 10,
    weights: Mapping[str, float] | None = None,
    batch: int = 256,
    candidates: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return the exact top-k partners of every row as N×k indices and scores (-1/-inf padded)."""
    w = resolve_weights(weights)
    indices = np.full((index.n, k), -1, dtype=np.int64)
    scores = np.full((index.n, k), -np.inf)
    for start in range(0, index.n, batch):
        rows = np.arange(start, min(start + batch, index.n))
        block = _score_rows(index, rows, w)
        _mask_excluded(index, rows, block, candidates)
        indices[rows], scores[rows] = top_k_rows(block, k)
    return indices, scores


def brute_force_all(
    index: MatchIndex,
    k: int = 10,
    weights: Mapping[str, float] | None = None,
    batch: int = 256,
) -> tuple[np.ndarray, np.ndarray]:
    """Return every row's top-k by dense NumPy over the same features (baseline and oracle)."""
    w = resolve_weights(weights)
    offered, sought = index.offered.toarray(), index.sought.toarray()
    sectors, sectors_sought = index.sectors.toarray(), index.sectors_sought.toarray()
    languages, text = index.languages.toarray(), index.text.toarray()
    sought_norm = sought / np.maximum(sought.sum(axis=1, keepdims=True), 1)
    sectors_sought_norm = sectors_sought / np.maximum(sectors_sought.sum(axis=1, keepdims=True), 1)
    country, size, creative = index.country, index.size.astype(float), index.creative
    known = country >= 0
    indices = np.full((index.n, k), -1, dtype=np.int64)
    scores = np.full((index.n, k), -np.inf)
    for start in range(0, index.n, batch):
        b = slice(start, min(start + batch, index.n))
        s = w["offers_what_you_seek"] * (sought_norm[b] @ offered.T)
        s += w["seeks_what_you_offer"] * (offered[b] @ sought_norm.T)
        s += w["sector_sought"] * (sectors_sought_norm[b] @ sectors.T)
        s += w["similar_description"] * (text[b] @ text.T)
        s += w["creative_traditional"] * (creative[b, None] != creative[None, :])
        cross = (country[b, None] != country[None, :]) & known[b, None] & known[None, :]
        s += w["cross_border"] * cross
        targets = index.target_countries[b].toarray()
        s += w["target_country"] * np.where(known[None, :], targets[:, np.maximum(country, 0)], 0)
        s += w["shared_languages"] * ((languages[b] @ languages.T) > 0)
        sized = (size[b, None] >= 0) & (size[None, :] >= 0)
        s += w["size_fit"] * np.where(sized, 1 - np.abs(size[b, None] - size[None, :]) / 4, 0)
        rows = np.arange(b.start, b.stop)
        s[rows - start, rows] = -np.inf
        s[index.declined[b].toarray()] = -np.inf
        kk = min(k, index.n)
        part = np.argpartition(-s, kk - 1, axis=1)[:, :kk]
        vals = np.take_along_axis(s, part, axis=1)
        order = np.argsort(-vals, axis=1, kind="stable")
        top, vals = np.take_along_axis(part, order, axis=1), np.take_along_axis(vals, order, axis=1)
        top[~np.isfinite(vals)] = -1
        indices[rows, :kk], scores[rows, :kk] = top, vals
    return indices, scores
