"""Recommendation quality on the demo network: known complementary partners rank high."""

import numpy as np
import pytest
from django.db import transaction

from clusterlab.matchmaking import adapters, engine
from clusterlab.registry.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_mutually_complementary_partners_rank_in_the_top_10():
    with transaction.atomic():
        seed_demo(clusters=6, organisations=400, seed=5, with_history=False)
        built = adapters.index_build()
        transaction.set_rollback(True)
    index = built.index
    offered, sought = index.offered.tocsr(), index.sought.tocsr()
    # The demo generator's known good pairs: each offers something the other seeks.
    complements = ((sought @ offered.T) > 0).toarray() & ((offered @ sought.T) > 0).toarray()
    np.fill_diagonal(complements, False)
    queries = [i for i in range(index.n) if complements[i].any()]
    assert len(queries) > 100
    hits = 0
    for i in queries:
        rows, _scores, _blocks = engine.recommend(index, i, k=10)
        hits += bool(complements[i, rows].any())
    print(f"complementary partner in the top 10 for {hits}/{len(queries)} queries")
    assert hits / len(queries) >= 0.9, hits / len(queries)
