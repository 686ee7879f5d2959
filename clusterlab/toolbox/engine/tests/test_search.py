"""The ranking engine without a database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clusterlab.toolbox.engine.search import bm25, document_terms, query_terms, rank, stem, tokenize


def _postings(docs: dict[int, tuple[str, dict[str, str]]], query: str):
    terms = query_terms(query)
    rows = []
    lengths = {}
    for doc, (language, fields) in docs.items():
        weights, length = document_terms(language, fields)
        lengths[doc] = length
        rows += [(doc, t, w, length) for t, w in weights.items() if t in terms]
    average = sum(lengths.values()) / len(lengths)
    return rows, average


DOCS = {
    1: ("de", {"title": "Kreativgutscheine für Handwerksbetriebe", "body": "Gutscheine helfen."}),
    2: ("en", {"title": "Creative vouchers for craft firms", "body": "Vouchers help firms."}),
    3: ("en", {"title": "Pricing design services", "body": "How designers price their work."}),
    4: ("pl", {"title": "Bony na kreatywność", "body": "Bony pomagają firmom."}),
}


def _search(query: str) -> list[int]:
    rows, average = _postings(DOCS, query)
    return rank(bm25(rows, n_documents=len(DOCS), average_length=average))


def test_stemming_is_per_language():
    assert stem(["gutscheine"], "de") == ["de:gutschein"]
    assert stem(["vouchers"], "en") == ["en:voucher"]
    assert stem(["pricing"], "xx") == ["xx:pricing"]


def test_a_german_query_finds_the_german_entry_by_its_stem():
    assert _search("Gutschein") == [1]


def test_an_english_query_ranks_title_matches_first():
    assert _search("vouchers")[0] == 2
    assert _search("designers price") == [3]


def test_polish_and_unknown_words():
    assert _search("bony") == [4]
    assert _search("zzzz") == []


def test_title_counts_more_than_body():
    docs = {
        1: ("en", {"title": "Other", "body": "sprint sprint"}),
        2: ("en", {"title": "Sprint", "body": "other words"}),
    }
    rows, average = _postings(docs, "sprint")
    assert rank(bm25(rows, n_documents=2, average_length=average)) == [2, 1]


def test_rank_filters_and_breaks_ties_by_id():
    assert rank({3: 1.0, 1: 1.0, 2: 2.0}, allowed=[1, 2, 3]) == [2, 1, 3]
    assert rank({3: 1.0, 1: 1.0, 2: 2.0}, allowed=[3]) == [3]


@given(st.text(max_size=200))
def test_tokenize_keeps_only_lowercase_words(text):
    for word in tokenize(text):
        assert word == word.lower()
        assert 2 <= len(word) <= 60
        assert all(ch.isalnum() for ch in word)


@given(
    st.lists(st.text(alphabet="abcdefgh ", max_size=30), min_size=1, max_size=6),
    st.text("abcdefgh ", max_size=12),
)
def test_scores_are_positive_for_every_matching_document(titles, query):
    docs = {i: ("en", {"title": t}) for i, t in enumerate(titles)}
    rows, average = _postings(docs, query)
    scores = bm25(rows, n_documents=len(docs), average_length=average)
    assert set(scores) == {doc for doc, *_ in rows}
    assert all(s > 0 for s in scores.values())
