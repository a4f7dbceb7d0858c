"""Contour lines, the -grad arrows, the minimum and embedding points, against their definitions."""

from __future__ import annotations

import numpy as np
import pytest

import explorer
from explorer.drawing.geometry import arrow_field, contour_levels, contour_lines, minimum, overlay


def test_contour_lines_lie_on_their_levels() -> None:
    x = np.linspace(-2, 2, 101)
    y = np.linspace(-1, 1, 81)
    xx, yy = np.meshgrid(x, y)
    z = xx**2 + 4 * yy**2
    levels = contour_levels(z, 4)
    assert np.allclose(levels, np.linspace(z.min(), z.max(), 6)[1:-1])
    pts = contour_lines(x, y, z, levels[:1])
    pts = pts[np.isfinite(pts).all(1)]
    assert len(pts) > 50
    np.testing.assert_allclose(pts[:, 0] ** 2 + 4 * pts[:, 1] ** 2, levels[0], rtol=2e-2)


def test_contours_skip_nonfinite_cells() -> None:
    x = y = np.linspace(0, 1, 20)
    z = np.add.outer(y, x)
    z[5:8, 5:8] = np.nan
    z[0, 0] = np.inf
    assert len(contour_lines(x, y, z, contour_levels(z, 5))) > 0


def test_arrows_point_down_the_gradient() -> None:
    x = y = np.linspace(-1, 1, 9)
    gx, gy = np.full((9, 9), 2.0), np.full((9, 9), -1.0)
    pairs = arrow_field(x, y, gx, gy, density=9).reshape(-1, 6, 2)
    shaft = pairs[:, 1] - pairs[:, 0]
    direction = shaft / np.linalg.norm(shaft, axis=1, keepdims=True)
    np.testing.assert_allclose(direction, np.tile([-2, 1] / np.sqrt(5), (81, 1)), atol=1e-12)
    assert np.all(np.linalg.norm(shaft, axis=1) <= 0.9 * 2 / 9 + 1e-12)


def test_minimum_prefers_the_centre_of_a_flat_valley() -> None:
    x = y = np.linspace(-1, 1, 5)
    xx, yy = np.meshgrid(x, y)
    m = minimum(x, y, np.abs(xx - yy))  # zero along the diagonal
    assert (m.x, m.y, m.value) == (0.0, 0.0, 0.0)
    assert minimum(x, None, np.array([np.nan, 3, 1, 1, np.inf])).x == 0.0
    assert minimum(x, None, np.full(5, np.nan)) is None


def test_embedding_points_for_triplets() -> None:
    r = explorer.default_recipe("TripletMarginLoss")
    r["axes"] = [{**ax, "num": 8} for ax in r["axes"]]
    o = overlay(explorer.evaluate(r))
    assert o.points == (
        ("anchor", 0.0, 0.0),
        ("positive", 0.5, 0.5),
        ("negative (inputs)", 1.0, -0.5),
    )
    r["axes"][1]["slot"] = "anchor[0,1]"  # two different vectors: no map of one vector
    assert overlay(explorer.evaluate(r)).points == ()


@pytest.mark.parametrize("name", ["HuberLoss", "CTCLoss"])
def test_one_axis_overlay_has_only_the_minimum(name: str) -> None:
    r = explorer.default_recipe(name)
    r["axes"] = r["axes"][:1]
    o = overlay(explorer.evaluate(r))
    assert o.contours.shape == (0, 2) and o.arrows.shape == (0, 2) and o.minimum is not None


def test_a_minimum_along_a_line_is_a_valley_not_a_point() -> None:
    x = y = np.linspace(-1, 1, 101)
    xx, yy = np.meshgrid(x, y)
    m = minimum(x, y, np.abs(xx - yy) + 0.4)  # 0.4 on the whole diagonal
    assert m.count == 101 and m.share < 0.01
    np.testing.assert_allclose(m.ties[:, 0], m.ties[:, 1])  # the tied points are the diagonal
    single = minimum(x, y, (xx - 0.3) ** 2 + (yy + 0.2) ** 2)
    assert single.count == 1 and (single.x, single.y) == pytest.approx((0.3, -0.2))


def test_cosine_embedding_is_drawn_as_angles_and_the_zero_vector_explained() -> None:
    import explorer
    from explorer.drawing.geometry import overlay

    r = explorer.default_recipe("CosineEmbeddingLoss")  # sweeps input2; input1 = (1, 0.5)
    t = overlay(explorer.evaluate(r)).touch
    a, b = np.array([1.0, 0.5]), np.array([0.3, 1.0])
    angle = np.degrees(np.arccos(a @ b / np.linalg.norm(a) / np.linalg.norm(b)))
    assert f"angle(input1, input2) = {angle:.1f} deg" in t.note
    np.testing.assert_array_equal(t.ball[0:2], [[0, 0], [1.0, 0.5]])  # a ray from the origin
    r["inputs"]["input1"] = [[0.0, 0.0]]
    res = explorer.evaluate(r)
    assert np.ptp(res.surface) == 0  # a constant map, which the note explains
    assert "input1 is the zero vector" in overlay(res).touch.note


def test_triplet_margin_ball_is_where_the_loss_starts() -> None:
    import explorer
    from explorer.drawing.geometry import overlay

    r = explorer.default_recipe("TripletMarginLoss")
    res = explorer.evaluate(r)
    ball = overlay(res).touch.ball
    ring = ball[np.isfinite(ball[:, 0])]
    radius = np.linalg.norm(np.array([0.0, 0.0]) - [0.5, 0.5] + 1e-6) + 1.0
    # torch's distance is ||a - n + eps||: the ball is centred at a + eps
    np.testing.assert_allclose(np.linalg.norm(ring - 1e-6, axis=1), radius, rtol=1e-9)
    # the loss is positive inside the ball and zero outside, as torch computes it
    xx, yy = np.meshgrid(res.x, res.y)
    inside = np.hypot(xx, yy) < radius - 0.02
    outside = np.hypot(xx, yy) > radius + 0.02
    assert (res.surface[inside] > 0).all() and (res.surface[outside] == 0).all()


@pytest.mark.parametrize("swap", [False, True])
def test_triplet_ball_is_exact_in_a_slice_of_a_higher_dimension(swap) -> None:
    """D = 3: the plot is the slice through the negative's third coordinate, which uses up part
    of the margin; the dashed boundary is where torch's loss turns zero in that slice."""
    import explorer
    from explorer.drawing.geometry import SLICE, overlay

    r = explorer.default_recipe("TripletMarginLoss")
    r["params"]["swap"] = swap
    r["inputs"] = {
        "anchor": [[0.0, 0.0, 0.0]],
        "positive": [[0.4, 0.3, -0.2]],
        "negative": [[0.5, 0.5, 0.8]],
    }
    r["axes"] = [
        {"slot": "negative[0,0]", "start": -3, "stop": 3, "num": 241},
        {"slot": "negative[0,1]", "start": -3, "stop": 3, "num": 241},
    ]
    res = explorer.evaluate(r)
    touch = overlay(res).touch
    assert touch.notes[-1] == (SLICE, {})
    a, pos, neg = (np.array(r["inputs"][v][0]) for v in ("anchor", "positive", "negative"))
    eps = 1e-6
    big = np.linalg.norm(a - pos + eps) + 1.0
    rings = np.split(touch.ball, np.flatnonzero(np.isnan(touch.ball[:, 0])))
    rings = [g[np.isfinite(g[:, 0])] for g in rings if np.isfinite(g).any()]
    assert len(rings) == (2 if swap else 1)
    for ring, c in zip(rings, [a, pos], strict=False):
        want = np.sqrt(big**2 - (c[2] - neg[2] + eps) ** 2)
        np.testing.assert_allclose(np.linalg.norm(ring - c[:2] - eps, axis=1), want, rtol=1e-9)
    # inside a ring torch's loss is positive, outside every ring it is zero
    xx, yy = np.meshgrid(res.x, res.y)
    d = [np.hypot(xx - c[0], yy - c[1]) - np.sqrt(big**2 - (c[2] - neg[2]) ** 2) for c in
         ([a, pos] if swap else [a])]  # fmt: skip
    inside = np.min(d, axis=0) < -0.03
    outside = np.min(d, axis=0) > 0.03
    assert inside.any() and outside.any()
    assert (res.surface[inside] > 0).all() and (res.surface[outside] == 0).all()


def test_no_boundary_when_the_other_coordinates_already_keep_the_negative_away() -> None:
    import explorer
    from explorer.drawing.geometry import NO_BALL_IN_SLICE, overlay

    r = explorer.default_recipe("TripletMarginLoss")
    r["inputs"] = {"anchor": [[0.0, 0.0, 0.0]], "positive": [[0.1, 0.0, 0.0]],
                   "negative": [[0.0, 0.0, 5.0]]}  # fmt: skip
    r["axes"] = [
        {"slot": "negative[0,0]", "start": -2, "stop": 2, "num": 41},
        {"slot": "negative[0,1]", "start": -2, "stop": 2, "num": 41},
    ]
    res = explorer.evaluate(r)
    touch = overlay(res).touch
    assert len(touch.ball) == 0 and touch.notes[-1] == (NO_BALL_IN_SLICE, {})
    assert (res.surface == 0).all()  # torch agrees: nowhere in this slice does it cost


class Stop(Exception):
    pass


def test_overlay_checks_between_levels_and_stops_where_check_raises() -> None:
    result = explorer.evaluate(explorer.default_recipe("HuberLoss"))
    calls = []
    made = overlay(result, lambda: calls.append(1))
    assert len(made.levels) == 8 and len(calls) >= 8 + 2  # each level, and between parts
    calls.clear()

    def stop_at_third() -> None:
        calls.append(1)
        if len(calls) == 3:
            raise Stop

    with pytest.raises(Stop):
        overlay(result, stop_at_third)
    assert len(calls) == 3
