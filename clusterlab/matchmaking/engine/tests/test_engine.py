"""Engine tests without a database: brute force is the oracle."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterlab.matchmaking.engine import (
    BLOCKS,
    block_scores,
    brute_force_all,
    build_capability_lookup,
    build_index,
    capability_matrix_from_texts,
    explain,
    ids_to_csr,
    map_text_to_capabilities,
    recommend,
    recommend_all,
    tfidf_matrix,
    tokenize,
    top_k_rows,
)

N_CAPABILITIES, N_SECTORS, N_LANGUAGES, N_COUNTRIES = 12, 9, 4, 5
WORDS = ["design", "designer", "designs", "textile", "machine", "tourism", "game", "music"]
PRODUCT_DESIGN = 7
CAPABILITY_LABELS = {
    PRODUCT_DESIGN: ["product design", "Produktdesign", "design de produit", "diseño de producto"],
    3: ["3D visualisation", "3D-Visualisierung", "visualisation 3D"],
    5: ["branding", "Markenentwicklung"],
}


def random_index_data(n: int, seed: int, *, with_text: bool = True) -> dict[str, object]:
    """Return build_index arguments for n random rows (ties included on purpose)."""
    rng = np.random.default_rng(seed)

    def id_lists(n_columns: int, most: int) -> list[list[int]]:
        return [list(rng.choice(n_columns, rng.integers(0, most + 1))) for _ in range(n)]

    docs = [(" ".join(rng.choice(WORDS, rng.integers(0, 5))), "en") for _ in range(n)]
    pairs = rng.integers(0, n, size=(n // 3, 2))
    return {
        "offered": ids_to_csr(id_lists(N_CAPABILITIES, 3), N_CAPABILITIES),
        "sought": ids_to_csr(id_lists(N_CAPABILITIES, 2), N_CAPABILITIES),
        "sectors": ids_to_csr(id_lists(N_SECTORS, 2), N_SECTORS),
        "sectors_sought": ids_to_csr(id_lists(N_SECTORS, 2), N_SECTORS),
        "country": rng.integers(-1, N_COUNTRIES, n),
        "region": rng.integers(0, 20, n),
        "languages": ids_to_csr(id_lists(N_LANGUAGES, 2), N_LANGUAGES),
        "size": rng.integers(-1, 5, n),
        "creative": rng.random(n) < 0.5,
        "target_countries": ids_to_csr(id_lists(N_COUNTRIES, 2), N_COUNTRIES),
        "declined": {(int(a), int(b)) for a, b in pairs if a != b},
        "text": docs if with_text else None,
    }


def assert_same_top_k(
    idx: np.ndarray, scores: np.ndarray, oracle_idx: np.ndarray, oracle_scores: np.ndarray
) -> None:
    """Assert equal scores and the same top-k set, up to rows tied with the k-th score."""
    valid, oracle_valid = idx >= 0, oracle_idx >= 0
    assert np.array_equal(valid, oracle_valid)
    np.testing.assert_allclose(scores[valid], oracle_scores[oracle_valid], rtol=1e-9, atol=1e-9)
    for r in range(idx.shape[0]):
        row, oracle_row = idx[r][valid[r]], oracle_idx[r][oracle_valid[r]]
        if set(row) == set(oracle_row):
            continue
        # Any difference must be rows tied with the k-th score.
        last = oracle_scores[r][oracle_valid[r]].min()
        for j in set(row) ^ set(oracle_row):
            in_ours = row == j
            score = scores[r][valid[r]][in_ours] if in_ours.any() else None
            if score is None:
                score = oracle_scores[r][oracle_valid[r]][oracle_row == j]
            assert float(score[0]) == pytest.approx(last, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 40),
    seed=st.integers(0, 2**32 - 1),
    k=st.integers(1, 12),
    weights=st.dictionaries(st.sampled_from(BLOCKS), st.floats(0, 5), max_size=4),
)
def test_recommend_equals_brute_force(n: int, seed: int, k: int, weights: dict[str, float]) -> None:
    index = build_index(**random_index_data(n, seed))
    oracle_idx, oracle_scores = brute_force_all(index, k, weights)
    for i in range(n):
        idx, scores, _ = recommend(index, i, k, weights)
        width = len(idx)
        assert_same_top_k(
            np.pad(idx, (0, k - width), constant_values=-1)[None, :],
            np.pad(scores, (0, k - width), constant_values=-np.inf)[None, :],
            oracle_idx[i : i + 1],
            oracle_scores[i : i + 1],
        )


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 40), seed=st.integers(0, 2**32 - 1), k=st.integers(1, 50))
def test_self_and_declined_never_recommended(n: int, seed: int, k: int) -> None:
    data = random_index_data(n, seed)
    index = build_index(**data)
    all_idx, _ = recommend_all(index, k)
    for i in range(n):
        idx, _, _ = recommend(index, i, k)
        assert i not in idx
        assert not any((i, int(j)) in data["declined"] for j in idx)
        eligible = n - 1 - sum(1 for a, b in data["declined"] if a == i)
        assert len(idx) == min(k, eligible)
        assert i not in all_idx[i]


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 40), seed=st.integers(0, 2**32 - 1), k=st.integers(1, 12))
def test_scores_are_sums_of_block_scores(n: int, seed: int, k: int) -> None:
    index = build_index(**random_index_data(n, seed))
    for i in range(n):
        idx, scores, blocks = recommend(index, i, k)
        assert set(blocks) == set(BLOCKS)
        np.testing.assert_allclose(sum(blocks.values()), scores, rtol=1e-9, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_cols=st.integers(1, 64 * 45),
    k=st.integers(1, 11),
    levels=st.integers(1, 6),
)
def test_top_k_rows_is_exact_with_ties(seed: int, n_cols: int, k: int, levels: int) -> None:
    # Few distinct levels force ties; wide rows take the two-level chunked path.
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, levels, size=(4, n_cols)).astype(float)
    scores[rng.random(scores.shape) < 0.2] = -np.inf
    idx, vals = top_k_rows(scores, k)
    for r in range(4):
        expected = np.sort(scores[r][np.isfinite(scores[r])])[::-1][:k]
        kept = idx[r] >= 0
        np.testing.assert_array_equal(vals[r][kept], expected)
        np.testing.assert_array_equal(scores[r][idx[r][kept]], expected)
        assert len(set(idx[r][kept])) == kept.sum() == len(expected)


def test_exclude_and_candidates_are_respected() -> None:
    index = build_index(**random_index_data(30, seed=4))
    idx, _, _ = recommend(index, 0, 30, exclude=[1, 2, 3])
    assert not {1, 2, 3} & set(idx)
    mask = np.zeros(30, dtype=bool)
    mask[[5, 6, 7]] = True
    idx, _, _ = recommend(index, 0, 10, candidates=mask)
    assert set(idx) <= {5, 6, 7}


def test_recommend_all_equals_brute_force_all_on_500_rows() -> None:
    index = build_index(**random_index_data(500, seed=11))
    idx, scores = recommend_all(index, 10, batch=64)
    oracle_idx, oracle_scores = brute_force_all(index, 10)
    assert_same_top_k(idx, scores, oracle_idx, oracle_scores)
    single, single_scores, _ = recommend(index, 123, 10)
    np.testing.assert_allclose(single_scores, scores[123], rtol=1e-12)


def test_stemming_matches_inflections_within_a_language() -> None:
    assert tokenize("Designer", "en") == tokenize("designs", "en") == ["design"]
    matrix, vocabulary = tfidf_matrix([("Designer", "en"), ("designs", "en"), ("tourism", "en")])
    assert list(vocabulary) == ["design", "tourism"]
    assert (matrix[[0]] @ matrix[[1]].T).toarray()[0, 0] == pytest.approx(1.0)


def test_frequent_terms_are_dropped_from_tfidf() -> None:
    docs = [(f"agency unique{i}", "en") for i in range(100)]
    docs[1] = ("agency unique0", "en")
    _, vocabulary = tfidf_matrix(docs, max_df=0.05)
    assert "agenc" not in set(vocabulary)
    assert "unique0" in set(vocabulary)


def test_german_produktdesign_request_maps_to_english_product_design() -> None:
    lookup = build_capability_lookup(CAPABILITY_LABELS)
    assert map_text_to_capabilities("Wir suchen Produktdesign", "de", lookup) == [PRODUCT_DESIGN]
    assert map_text_to_capabilities("We offer product design.", "en", lookup) == [PRODUCT_DESIGN]
    assert map_text_to_capabilities("3D-Visualisierungen und Produktdesigns", "de", lookup) == [
        3,
        PRODUCT_DESIGN,
    ]
    assert map_text_to_capabilities("Ofrecemos diseño de productos", "es", lookup) == [
        PRODUCT_DESIGN
    ]


def test_german_request_finds_english_offer_through_capabilities() -> None:
    lookup = build_capability_lookup(CAPABILITY_LABELS)
    texts = [
        ("Wir suchen Produktdesign für unsere Maschinen", "de"),  # 0: the request
        ("We offer product design for manufacturers", "en"),  # 1: the good partner
        ("We offer branding", "en"),
        ("Nous proposons une visualisation 3D", "fr"),
    ]
    mentioned = capability_matrix_from_texts(texts, lookup, N_CAPABILITIES)
    empty = ids_to_csr([[] for _ in texts], N_CAPABILITIES)
    index = build_index(
        offered=ids_to_csr([[], *[_row(mentioned, r) for r in (1, 2, 3)]], N_CAPABILITIES),
        sought=ids_to_csr([_row(mentioned, 0), [], [], []], N_CAPABILITIES),
        sectors=empty,
        sectors_sought=empty,
        country=[0, 1, 1, 2],
        region=[0, 1, 1, 2],
        languages=ids_to_csr([[0], [1], [1], [2]], N_LANGUAGES),
        size=[1, 1, 1, 1],
        creative=[False, True, True, True],
        text=texts,
    )
    idx, _, blocks = recommend(index, 0, k=3)
    assert idx[0] == 1
    reasons = explain(index, 0, idx, blocks)
    assert ("offers_what_you_seek", [PRODUCT_DESIGN]) in reasons[0]
    assert reasons[0][0] == ("offers_what_you_seek", [PRODUCT_DESIGN])


def _row(matrix: object, r: int) -> list[int]:
    """Return the column ids of one CSR row."""
    return [int(c) for c in matrix.indices[matrix.indptr[r] : matrix.indptr[r + 1]]]


def test_explanations_name_shared_items() -> None:
    index = build_index(
        offered=ids_to_csr([[1], [4, 9], [2]], N_CAPABILITIES),
        sought=ids_to_csr([[4, 9, 11], [1], []], N_CAPABILITIES),
        sectors=ids_to_csr([[0], [3], [5]], N_SECTORS),
        sectors_sought=ids_to_csr([[3], [], []], N_SECTORS),
        country=[0, 2, 0],
        region=[1, 7, 1],
        languages=ids_to_csr([[0, 1], [1, 2], [3]], N_LANGUAGES),
        size=[1, 2, 4],
        creative=[False, True, False],
        target_countries=ids_to_csr([[2], [], []], N_COUNTRIES),
    )
    idx, _, blocks = recommend(index, 0, k=2)
    assert list(idx) == [1, 2]
    reasons = dict(explain(index, 0, idx, blocks)[0])
    assert reasons == {
        "offers_what_you_seek": [4, 9],
        "seeks_what_you_offer": [1],
        "sector_sought": [3],
        "creative_traditional": None,
        "cross_border": (0, 2),
        "target_country": 2,
        "shared_languages": [1],
        "size_fit": (1, 2),
    }
    third = block_scores(index, 0, np.array([2]))
    assert third["offers_what_you_seek"][0] == 0.0
    assert dict(explain(index, 0, [2], third)[0]) == {"size_fit": (1, 4)}
