"""Every grid value and gradient equals torch's own module called on that point alone."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from torch.autograd.gradcheck import GradcheckError

import explorer
from explorer.catalog import CATALOG, LossSpec
from explorer.domains import Interval, OneOf
from explorer.engine import base_inputs, batch_loss
from explorer.progress import drain
from explorer.recipes import normalize, parse_slot
from tests.reference import point_call

CASES = [
    (n, red)
    for n in explorer.loss_names()
    for red in next(p for p in CATALOG[n].params if p.name == "reduction").choices
]


def _within(draw, dom, lo: float, hi: float) -> float:
    if isinstance(dom, OneOf):
        return draw(st.sampled_from(dom.values))
    lo = max(lo, dom.low + 1e-3) if math.isfinite(dom.low) else lo
    hi = min(hi, dom.high - 1e-3) if math.isfinite(dom.high) else hi
    return draw(st.floats(min(lo, hi), max(lo, hi), allow_nan=False))


def draw_params(draw, spec: LossSpec, reduction: str, classes: int) -> dict[str, Any]:
    params: dict[str, Any] = {"reduction": reduction}
    for p in spec.params:
        if p.name == "reduction":
            continue
        if p.kind == "float":
            lo, hi = p.slider_range()
            params[p.name] = _within(draw, p.expect or p.domain or Interval(), lo, hi)
        elif p.kind == "bool":
            params[p.name] = draw(st.booleans())
        elif p.kind == "int" and p.name == "p":
            params[p.name] = draw(st.sampled_from([1, 2]))
        elif p.kind == "int" and p.name == "ignore_index":
            params[p.name] = draw(st.sampled_from([-100, *range(classes)]))
        elif p.kind == "tensor":
            params[p.name] = draw(
                st.none() | st.lists(st.floats(0.1, 3.0), min_size=classes, max_size=classes)
            )
        elif p.kind == "distance":
            params[p.name] = draw(st.sampled_from(["pairwise", "cosine", "linf"]))
    return params


def draw_inputs(draw, spec: LossSpec, params: dict[str, Any]) -> dict[str, Any]:
    """Random inputs around the defaults; several samples for sample-reducing losses."""
    if spec.layout == "ctc":
        return {a.name: a.default for a in spec.args}
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n = draw(st.sampled_from([0, 1, 3])) if spec.layout == "samples" else None
    out: dict[str, Any] = {}
    for a in spec.args:
        row = np.array(a.default)
        if spec.layout == "samples":
            row = row[0] if (a.sample_rank == 1 or spec.args[0] is a) else row.reshape(())
            if spec.name == "CrossEntropyLoss" and a.name == "target" and draw(st.booleans()):
                classes = np.shape(out["input"])[-1]  # probability targets
                out[a.name] = rng.dirichlet(np.ones(classes), size=n or None).tolist()
                continue
            arr = np.stack([row] * n) if n else row
        else:
            arr = row
        if a.index or (spec.name == "CrossEntropyLoss" and a.name == "target"):
            c = np.shape(out[spec.args[0].name])[-1]
            if spec.name != "MultiLabelMarginLoss":
                arr = rng.integers(0, c, size=arr.shape)
            out[a.name] = arr.tolist()
            continue
        dom = a.expected(params) or a.domain
        if isinstance(dom, OneOf):
            arr = rng.choice(dom.values, size=arr.shape)
        else:
            arr = arr + rng.normal(0, 0.5, size=arr.shape)
            arr = np.clip(arr, dom.low + 1e-3, dom.high - 1e-3)
        out[a.name] = arr.tolist()
    return out


def fit_axes(spec: LossSpec, recipe: dict[str, Any], nx: int, ny: int) -> list[dict]:
    axes = []
    for (slot, start, stop), num in zip(spec.axes, (nx, ny), strict=True):
        s = parse_slot(spec, slot, recipe["params"])
        if not s.is_param and len(s.index) > np.ndim(recipe["inputs"][s.name]):
            slot = f"{s.name}[{','.join(map(str, s.index[1:]))}]"  # unbatched: no sample dim
        a = spec.arg(s.name)
        dom = (a.expected(recipe["params"]) or a.domain) if a else Interval()
        if spec.name == "CrossEntropyLoss" and s.name == "target":
            dom = Interval(0, 1)
        if isinstance(dom, Interval):
            start = max(start, dom.low + 1e-2) if math.isfinite(dom.low) else start
            stop = min(stop, dom.high - 1e-2) if math.isfinite(dom.high) else stop
        axes.append({"slot": slot, "start": start, "stop": stop, "num": num})
    return axes


def check_against_torch(recipe: dict[str, Any], points: int = 12) -> None:
    res = explorer.evaluate(recipe)
    r = res.recipe
    grid = res.loss.shape[: len(r["axes"])]
    rng = np.random.default_rng(0)
    flat = rng.choice(math.prod(grid), size=min(points, math.prod(grid)), replace=False)
    for f in flat:
        ij = np.unravel_index(f, grid)
        values = [float(res.x[ij[-1]])] + ([float(res.y[ij[0]])] if res.y is not None else [])
        want, grads = point_call(r, values)
        np.testing.assert_allclose(
            res.loss[ij], want, rtol=1e-9, atol=1e-12, err_msg=f"{r['loss']} value at {values}"
        )
        for k, g in enumerate(grads):
            np.testing.assert_allclose(
                res.grad[(k, *ij)],
                g,
                rtol=1e-9,
                atol=1e-12,
                err_msg=f"{r['loss']} d/d{r['axes'][k]['slot']} at {values}",
            )


@pytest.mark.parametrize(("name", "reduction"), CASES)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_values_and_gradients_match_torch_per_point(name: str, reduction: str, data) -> None:
    spec = CATALOG[name]
    classes = np.shape(spec.args[0].default)[-1]
    params = data.draw(st.composite(lambda d: draw_params(d, spec, reduction, classes))())
    inputs = data.draw(st.composite(lambda d: draw_inputs(d, spec, params))())
    recipe = {"loss": name, "params": params, "inputs": inputs, "dtype": "float64", "device": "cpu"}
    recipe["axes"] = fit_axes(spec, recipe, 5, 4)
    try:
        normalize(recipe)
    except explorer.RecipeError as e:  # e.g. every class-index target ignored: rejected by design
        assert "ignore_index" in str(e), e
        return
    check_against_torch(recipe)


SWEEPABLE = [
    n
    for n in explorer.loss_names()
    if any(p.kind in ("float", "tensor") for p in CATALOG[n].params)
]


@pytest.mark.parametrize("name", SWEEPABLE)
def test_parameter_sweep_matches_torch(name: str) -> None:
    """A float parameter (or a class weight) on x, its gradient NaN; an input element on y."""
    spec = CATALOG[name]
    floats = [p for p in spec.params if p.kind == "float"]
    recipe = explorer.default_recipe(name)
    if not floats:
        tensors = [p for p in spec.params if p.kind == "tensor"]
        classes = np.shape(spec.args[0].default)[-1]
        recipe["params"][tensors[0].name] = [1.0] * classes
        recipe["axes"] = [
            {"slot": f"{tensors[0].name}[0]", "start": 0.1, "stop": 3.0, "num": 4},
            {**recipe["axes"][0], "num": 3},
        ]
    else:
        p = floats[0]
        lo, hi = p.slider_range()
        lo = lo + 1e-3 if p.domain and not p.domain.contains(lo) else lo
        hi = hi - 1e-3 if p.domain and not p.domain.contains(hi) else hi
        recipe["axes"] = [
            {"slot": p.name, "start": lo, "stop": hi, "num": 4},
            {**recipe["axes"][0], "num": 3},
        ]
    recipe["params"]["reduction"] = "sum"
    res = explorer.evaluate(recipe)
    assert np.isnan(res.grad[0]).all()
    check_against_torch(recipe, points=12)


@pytest.mark.parametrize("name", explorer.loss_names())
def test_one_axis_curve_shapes(name: str) -> None:
    recipe = explorer.default_recipe(name)
    recipe["axes"] = [{**recipe["axes"][0], "num": 7}]
    res = explorer.evaluate(recipe)
    assert res.loss.shape == (7,) and res.grad.shape == (1, 7) and res.y is None
    check_against_torch(recipe, points=7)


@pytest.mark.parametrize("name", explorer.loss_names())
def test_reduction_none_appends_the_output_shape(name: str) -> None:
    recipe = explorer.default_recipe(name)
    recipe["params"]["reduction"] = "none"
    for ax, num in zip(recipe["axes"], (3, 2), strict=True):
        ax["num"] = num
    res = explorer.evaluate(recipe)
    want, _ = point_call(res.recipe, [res.x[0], res.y[0]])
    assert res.loss.shape == (2, 3, *np.shape(want))
    assert res.grad.shape == (2, 2, 3)


@pytest.mark.parametrize("name", explorer.loss_names())
def test_gradcheck(name: str) -> None:
    """Autograd through the batched path agrees with finite differences."""
    spec = CATALOG[name]
    recipe = explorer.default_recipe(name)
    params = recipe["params"]
    base = base_inputs(spec, recipe, torch.device("cpu"), torch.float64)
    slots = [parse_slot(spec, ax["slot"], params) for ax in recipe["axes"]]
    gen = torch.Generator().manual_seed(1)
    values = [
        (
            ax["start"]
            + (ax["stop"] - ax["start"]) * torch.rand(3, generator=gen, dtype=torch.float64)
        ).requires_grad_()
        for ax in recipe["axes"]
    ]

    def ours(*v: torch.Tensor) -> torch.Tensor:
        return batch_loss(spec, params, base, slots, list(v))

    if name != "CTCLoss":
        assert torch.autograd.gradcheck(ours, values, atol=1e-6)
        return
    # torch's CTC backward is the gradient for log_softmax-normalized log_probs, so finite
    # differences on a single raw element disagree: for torch's own module as for ours.
    with pytest.raises(GradcheckError):
        torch.autograd.gradcheck(ours, values, atol=1e-6)
    lp = base["log_probs"].clone().requires_grad_()
    with pytest.raises(GradcheckError):
        torch.autograd.gradcheck(
            lambda x: torch.nn.CTCLoss()(
                x, base["targets"], base["input_lengths"], base["target_lengths"]
            ),
            (lp,),
        )
    # Composed with log_softmax, as in training, the gradient is right.
    assert torch.autograd.gradcheck(
        lambda x: torch.nn.CTCLoss()(
            x.log_softmax(-1), base["targets"], base["input_lengths"], base["target_lengths"]
        ),
        (lp,),
    )


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_a_pair_is_reduced_as_torch_reduces_it(dtype) -> None:
    """The engine adds the two elements of a point itself (torch's inner reduction over two is
    20x slower): sum and mean equal torch's to the bit, signed zeros, infinities, NaN and
    subnormals included."""
    from explorer.losses.families import row_mean, row_sum

    info = torch.finfo(dtype)
    special = [0.0, -0.0, 1.0, -1.0, math.inf, -math.inf, math.nan, info.tiny / 4, info.max]
    pairs = [[a, b] for a in special for b in special]
    rng = np.random.default_rng(0)
    pairs += (rng.standard_normal((500, 2)) * 10.0 ** rng.integers(-30, 30, (500, 1))).tolist()
    flat = torch.tensor(pairs, dtype=dtype)
    for ours, theirs in ((row_sum, torch.sum), (row_mean, torch.mean)):
        got = ours(flat)
        want = torch.stack([theirs(row) for row in flat])  # each point alone, as torch does it
        same = (got == want) | (got.isnan() & want.isnan())
        assert same.all() and torch.equal(got.signbit(), want.signbit()), ours.__name__


@pytest.mark.parametrize("name, reduction", CASES)
def test_the_point_in_the_batch_is_the_point_alone(name: str, reduction: str) -> None:
    """The readout at the inputs rides with the grid as one more point of its batch: it equals
    evaluating the recipe's own point alone, and the grid is what it is without it."""
    from explorer.engine import iter_evaluate
    from explorer.recipes import point_recipe

    r = explorer.default_recipe(name)
    r["params"]["reduction"] = reduction
    for ax in r["axes"]:
        ax["num"] = 7
    res = drain(iter_evaluate(r, with_point=True))
    alone = explorer.evaluate(r)
    for got, want in ((res, alone), (res.point, explorer.evaluate(point_recipe(res.recipe)))):
        assert got.loss.shape == want.loss.shape and got.grad.shape == want.grad.shape
        np.testing.assert_array_equal(got.loss, want.loss)
        np.testing.assert_array_equal(got.grad, want.grad)
    assert res.point.recipe == point_recipe(res.recipe)


def test_a_swept_parameter_leaves_the_point_to_its_own_evaluation() -> None:
    from explorer.engine import iter_evaluate

    r = explorer.default_recipe("HuberLoss")
    r["axes"] = [{"slot": "delta", "start": 0.5, "stop": 2.0, "num": 5}]
    assert drain(iter_evaluate(r, with_point=True)).point is None  # each group has its params


def _mixed_cases() -> list[tuple[str, str, str]]:
    """(loss, reduction, other argument): the first input's element on x and an element of
    another float argument on y, for every loss whose forward takes one."""
    out = []
    for name, reduction in CASES:
        spec = CATALOG[name]
        arrays = {a.name: np.asarray(a.default) for a in spec.args}
        for a in spec.args[1:]:
            if not spec.is_index(a, arrays) and np.size(a.default):
                out.append((name, reduction, a.name))
    return out


@pytest.mark.parametrize(("name", "reduction", "other"), _mixed_cases())
def test_mixed_axes_match_torch_where_torch_refuses_a_gradient(name, reduction, other) -> None:
    """Sweeping an argument torch cannot differentiate (SoftMarginLoss's target) beside one it
    can draws the values and the input's gradient, with the other's named unavailable (NaN)."""
    spec = CATALOG[name]
    r = explorer.default_recipe(name)
    r["params"]["reduction"] = reduction
    first = spec.args[0]

    def axis(arg, num: int) -> dict[str, Any]:
        value = np.asarray(r["inputs"][arg.name], dtype=float)
        at = np.unravel_index(0, value.shape) if value.ndim else ()
        v = float(value[at])
        dom = arg.expected(r["params"]) or arg.domain
        if isinstance(dom, OneOf):
            lo, hi = min(dom.values), max(dom.values)
        else:
            lo = max(v - 0.4, dom.low + 1e-2) if math.isfinite(dom.low) else v - 0.4
            hi = min(v + 0.4, dom.high - 1e-2) if math.isfinite(dom.high) else v + 0.4
        slot = f"{arg.name}[{','.join(map(str, at))}]"
        return {"slot": slot, "start": lo, "stop": hi, "num": num}

    r["axes"] = [axis(first, 4), axis(spec.arg(other), 3)]
    check_against_torch(r, points=12)
