"""Language-aware tokenisation, TF-IDF and the free-text → capability bridge.

Free-text tokens never match across languages; the language-neutral capability ids of the
taxonomy are the bridge (see ../shared/PERFORMANCE.md, "Matchmaking"). Within one language,
Snowball stemmers (PyStemmer) make "Designer" and "designs" the same term.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
import Stemmer

# Working language code → Snowball algorithm name in PyStemmer.
SNOWBALL_NAMES: dict[str, str] = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "ca": "catalan",
    "pl": "polish",
}
# Only the algorithms this PyStemmer build ships; older builds have no Polish, and a
# language without a stemmer falls back to unstemmed (but accent-folded) tokens.
STEMMED_LANGUAGES: frozenset[str] = frozenset(
    code for code, name in SNOWBALL_NAMES.items() if name in Stemmer.algorithms()
)

# Letters and digits, so "3D-Visualisierung" gives "3d" and "visualisierung".
_TOKEN_RE = re.compile(r"[^\W_]+")
# PyStemmer objects are not thread-safe: one set per thread.
_local = threading.local()

TextDoc = tuple[str, str | None]


def _stemmer(language: str | None) -> Stemmer.Stemmer | None:
    """Return this thread's stemmer for a language code, or None when there is none."""
    if language not in STEMMED_LANGUAGES:
        return None
    cache: dict[str, Stemmer.Stemmer] = _local.__dict__.setdefault("stemmers", {})
    if language not in cache:
        cache[language] = Stemmer.Stemmer(SNOWBALL_NAMES[language])
    return cache[language]


def _fold(token: str) -> str:
    """Strip accents so "diseño" and "diseno" agree after stemming."""
    if token.isascii():
        return token
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str, language: str | None) -> list[str]:
    """Return the stemmed, accent-folded word tokens of a text in a language."""
    # Single letters are mostly elisions ("l'art", "d'un") and carry no meaning.
    words = [w for w in _TOKEN_RE.findall(text.lower()) if len(w) > 1]
    stemmer = _stemmer(language)
    if stemmer is not None:
        words = stemmer.stemWords(words)
    return [_fold(w) for w in words]


def tfidf_matrix(
    docs: Sequence[TextDoc],
    *,
    max_df: float = 0.05,
    max_df_min_docs: int = 2,
    min_df: int = 1,
) -> tuple[sp.csr_array, np.ndarray]:
    """Return the L2-normalised TF-IDF matrix of (text, language) docs and its vocabulary.

    Terms in more than ``max_df`` of the documents are dropped: they make the all-pairs
    product dense and rank badly. ``max_df_min_docs`` keeps the cut from emptying small
    corpora (a term shared by two documents always survives).
    """
    vocab: dict[str, int] = {}
    term_ids: list[int] = []
    lengths = np.zeros(len(docs), dtype=np.int64)
    for d, (text, language) in enumerate(docs):
        tokens = tokenize(text or "", language)
        lengths[d] = len(tokens)
        term_ids.extend(vocab.setdefault(t, len(vocab)) for t in tokens)
    n_docs = len(docs)
    rows = np.repeat(np.arange(n_docs), lengths)
    counts = sp.csr_array(
        (np.ones(len(term_ids)), (rows, np.asarray(term_ids, dtype=np.int64))),
        shape=(n_docs, len(vocab)),
    )
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=len(vocab))
    keep = (df >= min_df) & (df <= max(max_df * n_docs, max_df_min_docs))
    kept = np.flatnonzero(keep)
    counts = counts[:, kept].tocsr()
    # Sublinear tf and smoothed idf, as scikit-learn's TfidfVectorizer(sublinear_tf=True).
    idf = np.log((1.0 + n_docs) / (1.0 + df[kept])) + 1.0
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    terms = np.array(sorted(vocab, key=vocab.__getitem__), dtype=object)[kept]
    return l2_normalize_rows(counts), terms


def l2_normalize_rows(matrix: sp.csr_array) -> sp.csr_array:
    """Return a copy of a CSR matrix with every non-empty row scaled to unit length."""
    out = sp.csr_array(matrix, dtype=np.float64, copy=True)
    norms = np.sqrt(np.asarray((out.multiply(out)).sum(axis=1))).ravel()
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    out.data *= np.repeat(scale, np.diff(out.indptr))
    return out


@dataclass(frozen=True)
class CapabilityLookup:
    """Stemmed label phrases per language, each mapping to capability ids."""

    phrases: dict[str | None, dict[tuple[str, ...], frozenset[int]]] = field(default_factory=dict)
    max_len: int = 0


def build_capability_lookup(
    labels: Mapping[int, Iterable[str] | Mapping[str, Iterable[str]]],
) -> CapabilityLookup:
    """Build a stemmed phrase lookup from {capability_id: labels and synonyms}.

    Labels given as a plain list are stemmed with every working language's stemmer (a
    label's language is not known); labels given as {language: [labels]} only with their
    own. Unstemmed forms serve texts of unknown language.
    """
    found: dict[str | None, dict[tuple[str, ...], set[int]]] = {}
    languages: list[str | None] = [*sorted(SNOWBALL_NAMES), None]
    for cap_id, cap_labels in labels.items():
        if isinstance(cap_labels, Mapping):
            pairs = [(lang, lab) for lang, labs in cap_labels.items() for lab in labs]
        else:
            pairs = [(lang, lab) for lab in cap_labels for lang in languages]
        for lang, label in pairs:
            for key in {lang, None}:
                phrase = tuple(tokenize(label, key))
                if phrase:
                    found.setdefault(key, {}).setdefault(phrase, set()).add(int(cap_id))
    phrases = {
        lang: {p: frozenset(ids) for p, ids in table.items()} for lang, table in found.items()
    }
    max_len = max((len(p) for table in phrases.values() for p in table), default=0)
    return CapabilityLookup(phrases=phrases, max_len=max_len)


def map_text_to_capabilities(
    text: str, language: str | None, lookup: CapabilityLookup
) -> list[int]:
    """Return the sorted capability ids whose labels occur in a text (longest phrase first)."""
    key = language if language in SNOWBALL_NAMES else None
    table = lookup.phrases.get(key, {})
    tokens = tokenize(text, key)
    found: set[int] = set()
    pos = 0
    while pos < len(tokens):
        for length in range(min(lookup.max_len, len(tokens) - pos), 0, -1):
            ids = table.get(tuple(tokens[pos : pos + length]))
            if ids:
                found.update(ids)
                pos += length
                break
        else:
            pos += 1
    return sorted(found)


def capability_matrix_from_texts(
    docs: Sequence[TextDoc], lookup: CapabilityLookup, n_capabilities: int
) -> sp.csr_array:
    """Return the N×C binary matrix of capabilities mentioned in (text, language) docs."""
    id_lists = [map_text_to_capabilities(text or "", lang, lookup) for text, lang in docs]
    lengths = np.fromiter((len(ids) for ids in id_lists), dtype=np.int64, count=len(id_lists))
    cols = np.fromiter((c for ids in id_lists for c in ids), dtype=np.int64, count=lengths.sum())
    return sp.csr_array(
        (np.ones(len(cols)), cols, np.concatenate([[0], np.cumsum(lengths)])),
        shape=(len(docs), n_capabilities),
    )
