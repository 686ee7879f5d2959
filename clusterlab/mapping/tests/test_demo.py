"""The demo statistics are deterministic and give the demo's cluster regions stars."""

import pytest

from clusterlab.mapping import demo, selectors
from clusterlab.mapping.models import RegionalEmployment

pytestmark = pytest.mark.django_db


def test_demo_statistics(cast):
    cast.cluster_a.regions.set(["DE11"])
    assert demo.demo_statistics_csv(seed=3) == demo.demo_statistics_csv(seed=3)
    made = demo.extend_demo(seed=3)
    assert made == RegionalEmployment.objects.count() > 0
    assert selectors.mapping_years() == [2022, 2021]
    figures = selectors.region_figures(year=2022, group_key="set:dcms-creative")
    assert len(figures) > 300 and any(f.stars for f in figures)
