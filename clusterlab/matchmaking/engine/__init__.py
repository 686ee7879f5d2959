"""Pure recommendation engine for matchmaking: arrays in, arrays out, no Django."""

from .explain import Reason, explain, explain_pair
from .features import (
    BLOCKS,
    DEFAULT_WEIGHTS,
    MatchIndex,
    build_index,
    ids_to_csr,
)
from .recommend import (
    block_scores,
    brute_force_all,
    recommend,
    recommend_all,
    resolve_weights,
    top_k_rows,
)
from .text import (
    CapabilityLookup,
    build_capability_lookup,
    capability_matrix_from_texts,
    map_text_to_capabilities,
    tfidf_matrix,
    tokenize,
)

__all__ = [
    "BLOCKS",
    "DEFAULT_WEIGHTS",
    "CapabilityLookup",
    "MatchIndex",
    "Reason",
    "block_scores",
    "brute_force_all",
    "build_capability_lookup",
    "build_index",
    "capability_matrix_from_texts",
    "explain",
    "explain_pair",
    "ids_to_csr",
    "map_text_to_capabilities",
    "recommend",
    "recommend_all",
    "resolve_weights",
    "tfidf_matrix",
    "tokenize",
    "top_k_rows",
]
