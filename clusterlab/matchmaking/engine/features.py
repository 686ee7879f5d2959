"""The recommendation index: sparse feature blocks for N organisations or profiles.

Column ids in every matrix are whatever the adapter laid out (capability, NACE class,
language and country codes); explanations return those same column ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .text import TextDoc, tfidf_matrix

# Score blocks, in the order explanations are listed when contributions tie.
SPARSE_BLOCKS: tuple[str, ...] = (
    "offers_what_you_seek",  # I seek × you offer, share of my needs you cover
    "seeks_what_you_offer",  # you seek × I offer, share of your needs I cover
    "sector_sought",  # sectors I seek × your sectors, share of my sought sectors
    "similar_description",  # cosine of the TF-IDF description vectors
)
ATTRIBUTE_BLOCKS: tuple[str, ...] = (
    "creative_traditional",  # one creative, the other traditional industry
    "cross_border",  # different (known) countries
    "target_country",  # your country is one I target
    "shared_languages",  # at least one working language in common
    "size_fit",  # 1 - |size difference| / 4 on the 0–4 size scale
)
BLOCKS: tuple[str, ...] = SPARSE_BLOCKS + ATTRIBUTE_BLOCKS
MAX_SIZE = 4

DEFAULT_WEIGHTS: dict[str, float] = {
    "offers_what_you_seek": 3.0,
    "seeks_what_you_offer": 2.0,
    "sector_sought": 1.5,
    "similar_description": 1.0,
    "creative_traditional": 0.5,
    "cross_border": 0.3,
    "target_country": 0.7,
    "shared_languages": 0.5,
    "size_fit": 0.2,
}


@dataclass(frozen=True, eq=False)
class MatchIndex:
    """Feature blocks of N rows plus the stacked query/document matrices used to score."""

    n: int
    offered: sp.csr_array  # N×C binary
    sought: sp.csr_array  # N×C binary
    sectors: sp.csr_array  # N×S binary
    sectors_sought: sp.csr_array  # N×S binary
    languages: sp.csr_array  # N×L binary
    target_countries: sp.csr_array  # N×K binary, K > every country code
    text: sp.csr_array  # N×V TF-IDF, L2-normalised rows (V may be 0)
    vocabulary: np.ndarray  # V stemmed terms
    country: np.ndarray  # N int, -1 unknown
    region: np.ndarray  # N int, -1 unknown (kept for display and sharding)
    size: np.ndarray  # N int 0–4, -1 unknown
    creative: np.ndarray  # N bool
    declined: sp.csr_array  # N×N bool: row i never gets column j
    sought_scale: np.ndarray  # N: 1 / number of capabilities sought (0 when none)
    sectors_sought_scale: np.ndarray  # N: 1 / number of sectors sought (0 when none)
    # [sought·scale | offered | sectors_sought·scale | text] — one row per query.
    query: sp.csr_array
    # [offered | sought·scale | sectors | text]ᵀ — F×N, so a query row × doc_t scores all rows.
    doc_t: sp.csr_array
    block_columns: dict[str, slice]  # the query columns of each sparse block
    # Attribute blocks depend only on (country, creative, size, languages): rows share
    # a few "profiles", scored once per query and gathered with attr_code.
    attr_code: np.ndarray  # N → profile
    lang_bits: np.ndarray  # N×W uint64 language bitmasks
    profile_country: np.ndarray  # U
    profile_creative: np.ndarray  # U
    profile_size: np.ndarray  # U
    profile_lang_bits: np.ndarray  # U×W


def ids_to_csr(id_lists: Sequence[Iterable[int]], n_columns: int) -> sp.csr_array:
    """Return the binary N×n_columns CSR matrix whose row r holds the ids in id_lists[r]."""
    rows = [sorted({int(c) for c in ids}) for ids in id_lists]
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    cols = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(lengths.sum()))
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    return sp.csr_array((np.ones(len(cols)), cols, indptr), shape=(len(rows), n_columns))


def _binary(matrix: object, n: int, name: str) -> sp.csr_array:
    """Return a matrix as canonical binary float64 CSR with n rows."""
    out = sp.csr_array(matrix, dtype=np.float64)
    if out.shape[0] != n:
        raise ValueError(f"{name} has {out.shape[0]} rows, expected {n}")
    out.sum_duplicates()
    out.eliminate_zeros()
    out.data[:] = 1.0
    return out


def _inverse_counts(matrix: sp.csr_array) -> np.ndarray:
    """Return 1 / non-zeros per row, 0 for empty rows."""
    counts = np.diff(matrix.indptr).astype(np.float64)
    return np.divide(1.0, counts, out=np.zeros_like(counts), where=counts > 0)


def _scale_rows(matrix: sp.csr_array, scale: np.ndarray) -> sp.csr_array:
    """Return a copy of a CSR matrix with row r multiplied by scale[r]."""
    out = matrix.copy()
    out.data *= np.repeat(scale, np.diff(out.indptr))
    return out


def _bitmasks(matrix: sp.csr_array) -> np.ndarray:
    """Return N×W uint64 bitmasks of a binary matrix's columns (64 columns per word)."""
    words = max(1, -(-matrix.shape[1] // 64))
    bits = np.zeros((matrix.shape[0], words), dtype=np.uint64)
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    cols = matrix.indices.astype(np.int64)
    np.bitwise_or.at(
        bits, (rows, cols // 64), np.left_shift(np.uint64(1), (cols % 64).astype(np.uint64))
    )
    return bits


def _declined_matrix(declined: Iterable[tuple[int, int]], n: int) -> sp.csr_array:
    """Return the N×N boolean matrix of declined (i, j) pairs."""
    pairs = np.array(sorted(set(declined)), dtype=np.int64).reshape(-1, 2)
    if pairs.size and (pairs.min() < 0 or pairs.max() >= n):
        raise ValueError("declined pair outside the index")
    data = np.ones(len(pairs), dtype=bool)
    return sp.csr_array((data, (pairs[:, 0], pairs[:, 1])), shape=(n, n))


def build_index(
    *,
    offered: object,
    sought: object,
    sectors: object,
    sectors_sought: object,
    country: Sequence[int] | np.ndarray,
    region: Sequence[int] | np.ndarray,
    languages: object,
    size: Sequence[int] | np.ndarray,
    creative: Sequence[bool] | np.ndarray,
    declined: Iterable[tuple[int, int]] = (),
    text: Sequence[TextDoc] | None = None,
    target_countries: object | None = None,
    max_df: float = 0.05,
) -> MatchIndex:
    """Build the recommendation index from per-row arrays in one vectorised pass."""
    country_a = np.asarray(country, dtype=np.int64)
    n = len(country_a)
    offered_m = _binary(offered, n, "offered")
    sought_m = _binary(sought, n, "sought")
    sectors_m = _binary(sectors, n, "sectors")
    sectors_sought_m = _binary(sectors_sought, n, "sectors_sought")
    languages_m = _binary(languages, n, "languages")
    n_countries = int(country_a.max(initial=-1)) + 1
    if target_countries is None:
        target_m = sp.csr_array((n, n_countries), dtype=np.float64)
    else:
        target_m = _binary(target_countries, n, "target_countries")
    # Pad so every country code is a column, plus one always-empty column that
    # country -1 (unknown) indexes from the end.
    width = max(target_m.shape[1], n_countries) + 1
    target_m = sp.csr_array((target_m.data, target_m.indices, target_m.indptr), shape=(n, width))
    if text is None:
        text_m, vocabulary = sp.csr_array((n, 0), dtype=np.float64), np.array([], dtype=object)
    else:
        if len(text) != n:
            raise ValueError(f"text has {len(text)} rows, expected {n}")
        text_m, vocabulary = tfidf_matrix(text, max_df=max_df)

    sought_scale = _inverse_counts(sought_m)
    sectors_sought_scale = _inverse_counts(sectors_sought_m)
    sought_norm = _scale_rows(sought_m, sought_scale)
    query_blocks = [sought_norm, offered_m, _scale_rows(sectors_sought_m, sectors_sought_scale)]
    doc_blocks = [offered_m, sought_norm, sectors_m]
    query_blocks.append(text_m)
    doc_blocks.append(text_m)
    bounds = np.cumsum([0] + [b.shape[1] for b in query_blocks])
    block_columns = {
        name: slice(int(bounds[b]), int(bounds[b + 1])) for b, name in enumerate(SPARSE_BLOCKS)
    }
    query = sp.hstack(query_blocks, format="csr")
    doc_t = sp.hstack(doc_blocks, format="csr").T.tocsr()

    size_a = np.asarray(size, dtype=np.int64)
    creative_a = np.asarray(creative, dtype=bool)
    region_a = np.asarray(region, dtype=np.int64)
    for name, values in (("region", region_a), ("size", size_a), ("creative", creative_a)):
        if len(values) != n:
            raise ValueError(f"{name} has {len(values)} rows, expected {n}")
    lang_bits = _bitmasks(languages_m)
    attributes = np.column_stack([country_a, creative_a, size_a, lang_bits.view(np.int64)])
    profiles, attr_code = np.unique(attributes, axis=0, return_inverse=True)
    return MatchIndex(
        n=n,
        offered=offered_m,
        sought=sought_m,
        sectors=sectors_m,
        sectors_sought=sectors_sought_m,
        languages=languages_m,
        target_countries=target_m,
        text=text_m,
        vocabulary=vocabulary,
        country=country_a,
        region=region_a,
        size=size_a,
        creative=creative_a,
        declined=_declined_matrix(declined, n),
        sought_scale=sought_scale,
        sectors_sought_scale=sectors_sought_scale,
        query=query,
        doc_t=doc_t,
        block_columns=block_columns,
        attr_code=attr_code.ravel().astype(np.intp),
        lang_bits=lang_bits,
        profile_country=profiles[:, 0],
        profile_creative=profiles[:, 1].astype(bool),
        profile_size=profiles[:, 2],
        profile_lang_bits=np.ascontiguousarray(profiles[:, 3:]).view(np.uint64),
    )
