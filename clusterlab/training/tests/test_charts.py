"""The radar chart is pure geometry: every point stays inside the drawing."""

from hypothesis import given
from hypothesis import strategies as st

from clusterlab.training.charts import HEIGHT, WIDTH, Series, radar

levels = st.one_of(st.none(), st.integers(min_value=1, max_value=5))


@given(
    st.integers(min_value=3, max_value=12).flatmap(
        lambda n: st.lists(levels, min_size=n, max_size=n)
    )
)
def test_radar_points_stay_inside_and_match_the_axes(values):
    chart = radar([f"c{i}" for i in range(len(values))], [Series("self", "self", values)])
    if all(v is None for v in values):
        assert chart is None
        return
    (polygon,) = chart["polygons"]
    points = [tuple(map(float, p.split(","))) for p in polygon["points"].split()]
    assert len(points) == len(values) == len(chart["axes"])
    assert all(0 <= x <= WIDTH and 0 <= y <= HEIGHT for x, y in points)


def test_fewer_than_three_axes_draw_nothing():
    assert radar(["a", "b"], [Series("self", "self", [3, 4])]) is None
