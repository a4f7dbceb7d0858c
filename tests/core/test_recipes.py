"""The catalog against torch's signatures; recipe validation, JSON round trips, devices."""

from __future__ import annotations

import copy
import inspect
import json

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import explorer
from explorer import engine
from explorer.catalog import CATALOG, GROUPS, register_distance
from explorer.recipes import MAX_AXIS_POINTS, RecipeError, normalize
from explorer.recipes import budget as recipes_budget
from explorer.recipes import schema as recipes_schema

DEPRECATED = {"self", "size_average", "reduce"}


def test_twenty_one_losses_in_design_groups() -> None:
    names = explorer.loss_names()
    assert len(names) == 21 == len(set(names))
    assert {CATALOG[n].group for n in names} == set(GROUPS)


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_catalog_matches_torch_signatures(name: str) -> None:
    spec = CATALOG[name]
    cls = getattr(torch.nn, name)
    init = [p for p in inspect.signature(cls.__init__).parameters if p not in DEPRECATED]
    assert sorted(p.name for p in spec.params) == sorted(init)
    forward = [p for p in inspect.signature(cls.forward).parameters if p != "self"]
    assert [a.name for a in spec.args] == forward
    defaults = {k: v.default for k, v in inspect.signature(cls.__init__).parameters.items()}
    for p in spec.params:
        if p.kind == "distance":
            assert defaults[p.name] is None and p.default == "pairwise"  # torch's default
        else:
            assert p.default == defaults[p.name], p.name
        assert p.help


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_default_recipe_is_valid_and_stable(name: str) -> None:
    r = explorer.default_recipe(name)
    assert normalize(r) == r
    assert len(r["axes"]) == 2
    assert json.loads(json.dumps(r)) == r


recipes = st.builds(
    lambda name, nx, ny, dtype, one: {
        **explorer.default_recipe(name),
        "dtype": dtype,
        "axes": [
            {**ax, "num": n}
            for ax, n in zip(
                explorer.default_recipe(name)["axes"][: 1 if one else 2], (nx, ny), strict=False
            )
        ],
    },
    st.sampled_from(sorted(CATALOG)),
    st.integers(1, 600),
    st.integers(1, 600),
    st.sampled_from(["float32", "float64"]),
    st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(recipes)
def test_recipes_round_trip_through_json(recipe: dict) -> None:
    r = normalize(recipe)
    text = json.dumps(r)
    assert json.loads(text) == r
    assert normalize(json.loads(text)) == r


def _bad(name: str, **changes) -> dict:
    r = copy.deepcopy(explorer.default_recipe(name))
    for path, value in changes.items():
        node = r
        keys = path.split("__")
        for k in keys[:-1]:
            node = node[int(k)] if isinstance(node, list) else node[k]
        last = keys[-1]
        node[int(last) if isinstance(node, list) else last] = value
    return r


BAD = [
    ({"loss": "NoSuchLoss"}, "loss", "unknown loss"),
    (_bad("HuberLoss", params__delta=-1.0), "params.delta", "must be > 0, got -1"),
    (_bad("HuberLoss", params__size_average=True), "params.size_average", "deprecated"),
    (_bad("HuberLoss", params__delta=float("nan")), "params.delta", "finite"),
    (_bad("HuberLoss", params__reduction="foo"), "params.reduction", "none, mean, sum"),
    (_bad("SmoothL1Loss", params__beta=-0.5), "params.beta", ">= 0"),
    (_bad("MultiMarginLoss", params__p=3), "params.p", "in [1, 2]"),
    (_bad("TripletMarginLoss", params__margin=0.0), "params.margin", "> 0"),
    (_bad("CrossEntropyLoss", params__label_smoothing=1.5), "params.label_smoothing", "<= 1"),
    (_bad("CrossEntropyLoss", params__weight=[1.0, 2.0]), "params.weight", "one value per class"),
    (_bad("CrossEntropyLoss", inputs__target=[5]), "inputs.target[0]", "[0, 3)"),
    (_bad("BCELoss", inputs__input=[1.5, 0.2]), "inputs.input[0]", "in [0, 1]"),
    (_bad("BCELoss", axes__0__stop=1.5), "axes[0].stop", "in [0, 1]"),
    (_bad("GaussianNLLLoss", inputs__var=[-1.0, 1.0]), "inputs.var[0]", ">= 0"),
    (_bad("GaussianNLLLoss", axes__1__start=-1.0), "axes[1].start", ">= 0"),
    (_bad("MSELoss", inputs__target=[1.0, 2.0]), "inputs.target", "broadcast"),
    (_bad("L1Loss", inputs__input=[1.0, "a", 3.0]), "inputs.input[1]", "number"),
    (_bad("L1Loss", inputs__input=[[1.0], [2.0, 3.0]]), "inputs.input", "regular"),
    (_bad("CTCLoss", inputs__target_lengths=[5]), "inputs.target_lengths[0]", "[0, 2]"),
    (_bad("CTCLoss", inputs__input_lengths=[9]), "inputs.input_lengths[0]", "[0, 4]"),
    (_bad("CTCLoss", params__blank=3), "params.blank", "[0, 3)"),
    (_bad("CTCLoss", inputs__targets=[[5, 2]]), "inputs.targets[0,0]", "[0, 3)"),
    (_bad("HuberLoss", axes__0__slot="nope[0]"), "axes[0].slot", "unknown slot"),
    (_bad("HuberLoss", axes__0__slot="input[7]"), "axes[0].slot", "out of range"),
    (_bad("HuberLoss", axes__0__slot="input[0"), "axes[0].slot", "name[i,j]"),
    (_bad("HuberLoss", axes__0__slot="reduction"), "axes[0].slot", "cannot be swept"),
    (_bad("HuberLoss", axes__1__slot="input[0]"), "axes[1].slot", "already swept"),
    (_bad("NLLLoss", axes__0__slot="target[0]"), "axes[0].slot", "integers"),
    (_bad("HuberLoss", axes__0__num=0), "axes[0].num", f"[1, {MAX_AXIS_POINTS}]"),
    (_bad("HuberLoss", axes__0__stop=-5.0), "axes[0].stop", "> start"),
    (_bad("HuberLoss", axes__0__start=float("inf")), "axes[0].start", "finite"),
    (_bad("HuberLoss", axes=[{}, {}, {}]), "axes", "at most two"),
    (_bad("HuberLoss", device="tpu"), "device", "cpu"),
    (_bad("HuberLoss", dtype="int32"), "dtype", "float32"),
    (
        _bad("TripletMarginWithDistanceLoss", params__distance_function="manhattan"),
        "params.distance_function",
        "pairwise",
    ),
]


# What torch computes although it is likely a mistake: evaluated exactly, with a warning that
# names the field (DESIGN: accept what torch accepts).
UNUSUAL = [
    (_bad("MarginRankingLoss", params__margin=-1.0), "params.margin", ">= 0"),
    (_bad("HingeEmbeddingLoss", params__margin=-1.0), "params.margin", ">= 0"),
    (_bad("MultiMarginLoss", params__margin=-0.5), "params.margin", ">= 0"),
    (_bad("TripletMarginLoss", params__p=0.0), "params.p", "> 0"),
    (_bad("CrossEntropyLoss", params__label_smoothing=-0.1), "params.label_smoothing", "[0, 1]"),
    (_bad("CrossEntropyLoss", params__ignore_index=0), "params.ignore_index", "every target"),
    (_bad("CrossEntropyLoss", params__weight=[1.0, -2.0, 1.0]), "params.weight[1]", ">= 0"),
    (_bad("BCEWithLogitsLoss", params__pos_weight=[-1.0, 1.0]), "params.pos_weight[0]", ">= 0"),
    (_bad("KLDivLoss", inputs__target=[-0.1, 0.5, 0.6]), "inputs.target[0]", ">= 0"),
    (_bad("GaussianNLLLoss", inputs__var=[0.0, 1.0]), "inputs.var[0]", "> 0"),
    (_bad("GaussianNLLLoss", params__eps=0.0), "params.eps", "> 0"),
    (_bad("PoissonNLLLoss", params__log_input=False), "axes[0].start", ">= 0"),
    (_bad("SoftMarginLoss", inputs__target=[0.5, 1.0]), "inputs.target[0]", "one of -1, 1"),
    (_bad("HingeEmbeddingLoss", inputs__target=[2.0, -1.0]), "inputs.target[0]", "one of -1, 1"),
    (
        _bad("MSELoss", inputs__target=[[1.0], [2.0], [5.0]], axes__1__slot="input[1]"),
        "inputs.target",
        "broadcasts",
    ),
    (_bad("CosineEmbeddingLoss", inputs__input1=[[0.0, 0.0]]), "inputs.input1", "zero vector"),
    (_bad("CTCLoss", inputs__targets=[[0, 2]]), "inputs.targets", "blank"),
]


@pytest.mark.parametrize(("recipe", "field", "words"), UNUSUAL, ids=[u[1] for u in UNUSUAL])
def test_unusual_values_are_computed_with_a_warning(recipe: dict, field: str, words: str) -> None:
    res = explorer.evaluate(recipe)
    mine = [w for w in res.warnings if w.startswith(field + ":")]
    assert mine and words in mine[0], res.warnings
    assert res.loss.shape[:2] == (256, 256)


@pytest.mark.parametrize(("recipe", "field", "words"), BAD, ids=[b[1] + ":" + b[2] for b in BAD])
def test_invalid_recipes_name_the_field(recipe: dict, field: str, words: str) -> None:
    with pytest.raises(RecipeError) as info:
        explorer.evaluate(recipe)
    assert info.value.field == field
    assert str(info.value).startswith(field + ":")
    assert words in str(info.value)


def test_huge_grid_is_refused_before_allocating() -> None:
    r = explorer.default_recipe("HuberLoss")
    r["params"]["reduction"] = "none"
    r["inputs"] = {"input": [0.0] * 64, "target": [0.0] * 64}
    for ax in r["axes"]:
        ax["num"] = 4096
    with pytest.raises(RecipeError, match="GiB"):
        normalize(r)


def test_large_grid_is_evaluated_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recipes_budget, "CHUNK_BYTES", 1000)  # the smallest chunk: 256 points
    r = explorer.default_recipe("CrossEntropyLoss")
    r["axes"][0]["num"], r["axes"][1]["num"] = 90, 70
    progress = []
    gen = explorer.iter_evaluate(r)
    try:
        while True:
            progress.append(next(gen))
    except StopIteration as stop:
        chunked = stop.value
    assert len(progress) > 10 and progress[-1] == 1.0
    monkeypatch.undo()
    whole = explorer.evaluate(r)
    np.testing.assert_array_equal(chunked.loss, whole.loss)
    np.testing.assert_array_equal(chunked.grad, whole.grad)


def test_cuda_missing_is_a_recipe_error() -> None:
    r = explorer.default_recipe("HuberLoss")
    r["device"] = "cuda"
    if torch.cuda.is_available():
        res = explorer.evaluate(r)
        assert res.device.startswith("cuda")
        r["device"] = "cpu"
        np.testing.assert_allclose(res.loss, explorer.evaluate(r).loss, rtol=1e-9)
    else:
        with pytest.raises(RecipeError, match=r"^device: CUDA is not available"):
            explorer.evaluate(r)
        r["device"] = "auto"
        assert explorer.evaluate(r).device == "cpu"


def test_cuda_failure_is_wrapped_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where torch claims CUDA but moving tensors fails, the user gets a RecipeError."""
    if torch.cuda.is_available():
        return  # the real device is exercised above
    monkeypatch.setattr(engine, "cuda_available", lambda: True)
    r = explorer.default_recipe("HuberLoss")
    r["device"] = "cuda"
    with pytest.raises(RecipeError, match=r"^device: CUDA failed"):
        explorer.evaluate(r)


def test_float32_is_close_to_float64() -> None:
    r = explorer.default_recipe("CrossEntropyLoss")
    r64 = explorer.evaluate(r)
    r["dtype"] = "float32"
    r32 = explorer.evaluate(r)
    np.testing.assert_allclose(r32.loss, r64.loss, rtol=1e-5, atol=1e-6)


def test_nonfinite_values_are_counted() -> None:
    r = explorer.default_recipe("CTCLoss")
    r["inputs"]["log_probs"][0][0][1] = -1e5  # far less likely alignment, still finite
    r["params"]["reduction"] = "sum"
    r["axes"] = [{"slot": "log_probs[1,0,2]", "start": -1e4, "stop": 0.0, "num": 5}]
    res = explorer.evaluate(r)
    assert res.nonfinite == int(np.sum(~np.isfinite(res.loss)))
    pl = explorer.default_recipe("PoissonNLLLoss")
    pl["axes"] = [{"slot": "log_input[0]", "start": 0.0, "stop": 800.0, "num": 3}]
    res = explorer.evaluate(pl)
    assert res.nonfinite == 1 and res.warnings  # exp(800) overflows to inf


def test_custom_distance_by_name() -> None:
    register_distance("l1", lambda a, b: (a - b).abs().sum(-1))
    r = explorer.default_recipe("TripletMarginWithDistanceLoss")
    r["params"]["distance_function"] = "l1"
    r["axes"] = [{"slot": "negative[0,0]", "start": -1.0, "stop": 1.0, "num": 3}]
    res = explorer.evaluate(r)
    a, p, n = np.array([0.0, 0.0]), np.array([0.5, 0.5]), np.array([-1.0, -0.5])
    assert res.loss[0] == pytest.approx(max(0.0, np.abs(a - p).sum() - np.abs(a - n).sum() + 1))


def test_random_recipes_are_evaluated_or_refused_cleanly() -> None:
    """A short run of `main.py fuzz`: every random recipe evaluates or names its field."""
    from explorer.devtools.fuzz import run

    rep = run(600, seed=7)
    assert rep.counts["RecipeError"] > 100 and rep.counts["evaluated"] > 30
    assert not rep.defects, rep.defects[:10]


def test_parameter_sweeps_are_lazy_and_cancellable() -> None:
    """margin x p at 4096x4096 is 16.7 M torch calls: it starts at once, in bounded memory,
    and stops at the next chunk."""
    import time

    r = explorer.default_recipe("TripletMarginLoss")
    r["axes"] = [
        {"slot": "margin", "start": 0.1, "stop": 2.0, "num": 4096},
        {"slot": "p", "start": 0.5, "stop": 3.0, "num": 4096},
    ]
    gen = explorer.iter_evaluate(r)
    t0 = time.perf_counter()
    fractions = [next(gen) for _ in range(50)]
    assert fractions[-1] == 50 / 4096**2 and time.perf_counter() - t0 < 30
    gen.close()


def test_inputs_over_the_memory_budget_are_refused_on_inputs() -> None:
    r = explorer.default_recipe("MSELoss")
    r["inputs"] = {"input": [0.5] * 3_000_000, "target": [0.25] * 3_000_000}
    r["axes"] = [{"slot": "input[0]", "start": 0, "stop": 1, "num": 256}]
    with pytest.raises(RecipeError, match=r"^inputs: .*chunk budget"):
        normalize(r)
    r["axes"][0]["num"] = 2  # a few points of the same inputs are fine
    assert explorer.evaluate(r).loss.shape == (2,)


def test_messages_quote_at_most_a_few_hundred_characters() -> None:
    r = explorer.default_recipe("HuberLoss")
    r["params"]["reduction"] = "x" * 100_000
    with pytest.raises(RecipeError) as info:
        normalize(r)
    assert len(str(info.value)) < 400


@pytest.mark.parametrize(
    "where, value",
    [
        ("slot", "input[" + "0," * 3000 + "0]"),  # a 6,008-character index (9,060 before)
        ("slot", "input[0]" + "9" * 6000),
        ("loss", "Z" * 7000),
        ("param", "Z" * 7000),
        ("input", "Z" * 7000),
        ("inputs.target", "x" * 7000),
    ],
)
def test_no_message_quotes_a_long_value_whole(where: str, value) -> None:
    r = explorer.default_recipe("HuberLoss")
    if where == "slot":
        r["axes"][0]["slot"] = value
    elif where == "loss":
        r["loss"] = value
    elif where == "param":
        r["params"][value] = 1.0
    elif where == "input":
        r["inputs"][value] = 1.0
    else:
        r["inputs"]["target"] = value
    with pytest.raises(RecipeError) as info:
        normalize(r)
    text = str(info.value)
    assert len(text) < 1200 and "characters)" in text, text[:300]


def test_zero_axes_is_the_recipes_own_point() -> None:
    r = explorer.default_recipe("HuberLoss")
    r["axes"] = []
    res = explorer.evaluate(r)
    f64 = torch.float64
    want = torch.nn.HuberLoss()(
        torch.tensor([0.5, -1.0], dtype=f64), torch.tensor([0.0, 0.3], dtype=f64)
    )
    assert res.loss.shape == () and res.loss == pytest.approx(float(want), rel=1e-12)


def test_zero_dim_and_empty_inputs_are_evaluated() -> None:
    r = {"loss": "L1Loss", "inputs": {"input": 0.5, "target": 0.0}}
    r["axes"] = [{"slot": "input[]", "start": -1.0, "stop": 1.0, "num": 5}]
    res = explorer.evaluate(r)
    np.testing.assert_allclose(res.loss, np.abs(np.linspace(-1, 1, 5)))
    empty = explorer.evaluate({"loss": "MSELoss", "inputs": {"input": [], "target": []}})
    assert np.isnan(empty.loss)  # torch's mean of nothing, shown as NaN


def test_old_recipes_without_a_version_still_load() -> None:
    r = explorer.default_recipe("HuberLoss")
    del r["version"]
    assert normalize(r)["version"] == recipes_schema.VERSION
    r["version"] = 99
    with pytest.raises(RecipeError, match=r"^version"):
        normalize(r)


def test_out_of_memory_halves_the_chunk_then_gives_a_recipe_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The CUDA paths without a GPU: a chunk that runs out of memory is retried at half the
    size; one that cannot be made to fit becomes a RecipeError on the axes."""
    r = explorer.default_recipe("HuberLoss")
    whole = explorer.evaluate(r)
    real = engine._Run.chunk
    sizes = []

    def tight(self, params, idx, lo, hi):  # a device that holds at most 5,000 points at once
        sizes.append(hi - lo)
        if hi - lo > 5000:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory (simulated)")
        return real(self, params, idx, lo, hi)

    monkeypatch.setattr(engine._Run, "chunk", tight)
    halved = explorer.evaluate(r)
    np.testing.assert_array_equal(halved.loss, whole.loss)
    np.testing.assert_array_equal(halved.grad, whole.grad)
    assert sizes[0] > 5000 and max(sizes[-3:]) <= 5000

    def never(self, params, idx, lo, hi):
        raise torch.cuda.OutOfMemoryError("CUDA out of memory (simulated)")

    monkeypatch.setattr(engine._Run, "chunk", never)
    with pytest.raises(RecipeError, match=r"^axes: out of memory"):
        explorer.evaluate(r)


def test_chunks_follow_the_devices_free_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    assert recipes_budget.chunk_points(10) == recipes_budget.CHUNK_BYTES // 80
    assert recipes_budget.chunk_points(10, free_bytes=8 * 80 * 1000) == 1000
    assert recipes_budget.chunk_points(10**6, free_bytes=1) == recipes_budget.MIN_CHUNK_POINTS
    assert engine.device_free_bytes(torch.device("cpu")) is None
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda device=None: (123, 456))
    assert engine.device_free_bytes(torch.device("cuda")) == 123


def test_float32_results_stay_float32() -> None:
    r = explorer.default_recipe("CrossEntropyLoss")
    r["dtype"] = "float32"
    res = explorer.evaluate(r)
    assert res.loss.dtype == np.float32 and res.grad.dtype == np.float32
    r["dtype"] = "float64"
    np.testing.assert_allclose(res.loss, explorer.evaluate(r).loss, rtol=1e-5)


@pytest.mark.parametrize("name", explorer.loss_names())
def test_every_sweepable_slot_is_one_an_axis_accepts(name: str) -> None:
    """The panel's slot list comes from recipes.sweepable: each one checks as an axis, and what
    it leaves out (class indices, int, bool and choice parameters) is refused as one."""
    from explorer.recipes import parse_slot, sweepable

    r = explorer.default_recipe(name)
    spec = explorer.CATALOG[name]
    for p in spec.params:  # set the per-class weights, so that their elements are slots too
        if p.kind == "tensor":
            r["params"][p.name] = [1.0] * spec.classes(
                {k: np.asarray(v) for k, v in r["inputs"].items()}
            )
    r = explorer.normalize(r)
    slots = sweepable(spec, r["params"], r["inputs"])
    assert slots and len({s.text for s in slots}) == len(slots)
    for s in slots:
        assert parse_slot(spec, s.text, r["params"]) == s
    for s in (slots[0], slots[-1]):
        axis = {"slot": s.text, "start": 0.1, "stop": 0.9, "num": 3}
        explorer.check({**r, "axes": [axis]})
    offered = {s.text for s in slots}
    for p in spec.params:
        if p.kind in ("int", "bool", "choice", "distance"):
            assert p.name not in offered
            with pytest.raises(RecipeError):
                parse_slot(spec, p.name, r["params"])
    for a in spec.args:
        if a.index and np.size(r["inputs"][a.name]):
            assert not any(s.name == a.name for s in slots)
