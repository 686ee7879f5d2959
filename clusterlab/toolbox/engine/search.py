"""Language-aware full-text ranking: Snowball stemming per language and BM25 over weighted fields.

No Django here: the index rows are plain (document, term, weight) tuples, so the same ranking
runs over rows read from SQLite or PostgreSQL, or over an in-memory list in a test.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

import Stemmer

# Snowball algorithm per working language (PyStemmer ships all seven).
STEMMER_NAMES = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pl": "polish",
    "ca": "catalan",
}
# Title words say most about an entry, body words least.
FIELD_WEIGHTS = {"title": 3.0, "tags": 2.0, "summary": 1.5, "body": 1.0}
K1 = 1.2
B = 0.75
MAX_TERM_LENGTH = 60
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def tokenize(text: str) -> list[str]:
    """Return the lower-cased words of a text (letters and digits, at least two characters)."""
    return [w for w in _WORD.findall((text or "").lower()) if 2 <= len(w) <= MAX_TERM_LENGTH]


@lru_cache(maxsize=16)
def _stemmer(language: str):
    name = STEMMER_NAMES.get(language)
    return Stemmer.Stemmer(name) if name else None


def stem(words: list[str], language: str) -> list[str]:
    """Return each word reduced to its stem in that language, prefixed with the language."""
    stemmer = _stemmer(language)
    stems = stemmer.stemWords(words) if stemmer else words
    return [f"{language}:{s}" for s in stems]


def document_terms(language: str, fields: Mapping[str, str]) -> tuple[dict[str, float], float]:
    """Return the weighted term frequencies of one document and its weighted length."""
    weights: dict[str, float] = defaultdict(float)
    length = 0.0
    for field, text in fields.items():
        factor = FIELD_WEIGHTS.get(field, 1.0)
        for term in stem(tokenize(text), language):
            weights[term] += factor
            length += factor
    return dict(weights), length


def query_terms(text: str, languages: Iterable[str] = STEMMER_NAMES) -> dict[str, str]:
    """Return the query's stems in every language, each mapped to the word it stems from.

    Each document matches the stems of its own language only.
    """
    words = tokenize(text)
    terms: dict[str, str] = {}
    for language in languages:
        for word, term in zip(words, stem(words, language), strict=True):
            terms.setdefault(term, word)
    return terms


def term_idf(
    term_documents: Mapping[str, int], *, n_documents: int, words: Mapping[str, str] | None = None
) -> dict[str, float]:
    """Return BM25's inverse document frequency of each term from its document count.

    With `words` (term → query word) a word's document frequency counts its stems in every
    language together ("de:vouch" and "en:voucher": a document has one language, so the counts
    add up), so a word is not rarer, and its matches worth more, just because its language
    has fewer entries.
    """
    group = (lambda term: words.get(term, term)) if words else (lambda term: term)
    per_word: dict[str, int] = defaultdict(int)
    for term, count in term_documents.items():
        per_word[group(term)] += count
    return {
        term: math.log(
            1.0 + (n_documents - per_word[group(term)] + 0.5) / (per_word[group(term)] + 0.5)
        )
        for term in term_documents
    }


def bm25(
    postings: Iterable[tuple[int, str, float, float]],
    *,
    n_documents: int,
    average_length: float,
    words: Mapping[str, str] | None = None,
) -> dict[int, float]:
    """Return BM25 scores per document from its postings (document, term, weight, length).

    `postings` must hold every posting of the query's terms, since document frequencies are
    counted from them (see `term_idf`). The database computes the same sum in SQL for the
    search page; this is the reference it is tested against, and ranks related entries.
    """
    rows = list(postings)
    counts: dict[str, int] = defaultdict(int)
    for _, term, _, _ in rows:
        counts[term] += 1
    idfs = term_idf(counts, n_documents=n_documents, words=words)
    average = average_length or 1.0
    scores: dict[int, float] = defaultdict(float)
    for document, term, weight, length in rows:
        idf = idfs[term]
        norm = weight + K1 * (1.0 - B + B * (length or 0.0) / average)
        scores[document] += idf * weight * (K1 + 1.0) / norm
    return dict(scores)


def rank(scores: Mapping[int, float], allowed: Iterable[int] | None = None) -> list[int]:
    """Return document ids by falling score (ties by id), keeping only the allowed ones."""
    keep = set(allowed) if allowed is not None else None
    items = [(d, s) for d, s in scores.items() if keep is None or d in keep]
    items.sort(key=lambda item: (-item[1], item[0]))
    return [d for d, _ in items]
