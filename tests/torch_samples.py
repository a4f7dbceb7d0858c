"""torch's own test samples for the 21 losses, as recipes, checked against torch's module.

Two sources: the `ModuleInfo` samples of `torch.nn.<Loss>` (`common_modules`) and the `OpInfo`
samples of `torch.nn.functional.<loss>` (`common_methods_invocations`). Each sample is run by
torch's module as it stands; what torch evaluates, the explorer must accept and evaluate exactly
(each float forward argument swept at two elements, and a float parameter), and what torch
rejects must come back as a RecipeError. Run `python -m tests.torch_samples` for the counts.
"""

from __future__ import annotations

import inspect
import math
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

import explorer
from explorer.catalog import CATALOG, DISTANCES, LossSpec, register_distance
from explorer.domains import Interval
from tests.reference import point_call

FUNCTIONAL = {
    "l1_loss": "L1Loss",
    "mse_loss": "MSELoss",
    "huber_loss": "HuberLoss",
    "smooth_l1_loss": "SmoothL1Loss",
    "poisson_nll_loss": "PoissonNLLLoss",
    "gaussian_nll_loss": "GaussianNLLLoss",
    "cross_entropy": "CrossEntropyLoss",
    "nll_loss": "NLLLoss",
    "binary_cross_entropy": "BCELoss",
    "binary_cross_entropy_with_logits": "BCEWithLogitsLoss",
    "soft_margin_loss": "SoftMarginLoss",
    "multi_margin_loss": "MultiMarginLoss",
    "multilabel_margin_loss": "MultiLabelMarginLoss",
    "multilabel_soft_margin_loss": "MultiLabelSoftMarginLoss",
    "kl_div": "KLDivLoss",
    "margin_ranking_loss": "MarginRankingLoss",
    "hinge_embedding_loss": "HingeEmbeddingLoss",
    "cosine_embedding_loss": "CosineEmbeddingLoss",
    "triplet_margin_loss": "TripletMarginLoss",
    "triplet_margin_with_distance_loss": "TripletMarginWithDistanceLoss",
    "ctc_loss": "CTCLoss",
}
# The functional forms spell a few arguments differently from the module's forward.
RENAMES = {"CTCLoss": {}, "PoissonNLLLoss": {"input": "log_input"}}


@dataclass
class Sample:
    source: str
    loss: str
    params: dict[str, Any]  # constructor arguments, torch objects
    inputs: dict[str, Any]  # forward arguments, torch objects


def module_samples() -> Iterator[Sample]:
    from torch.testing._internal.common_modules import module_db

    for info in module_db:
        name = info.module_cls.__name__
        if name not in CATALOG:
            continue
        spec = CATALOG[name]
        for s in info.module_inputs_func(
            info, device="cpu", dtype=torch.float64, requires_grad=False, training=True
        ):
            ctor = inspect.signature(spec.module_class.__init__).bind(
                None, *s.constructor_input.args, **s.constructor_input.kwargs
            )
            params = {k: v for k, v in ctor.arguments.items() if k != "self"}
            fwd = inspect.signature(spec.module_class.forward).bind(
                None, *s.forward_input.args, **s.forward_input.kwargs
            )
            inputs = {k: v for k, v in fwd.arguments.items() if k != "self"}
            yield Sample("module", name, params, inputs)


def functional_samples() -> Iterator[Sample]:
    from torch.testing._internal.common_methods_invocations import op_db

    for op in op_db:
        short = op.name.removeprefix("nn.functional.")
        if not op.name.startswith("nn.functional.") or short not in FUNCTIONAL:
            continue
        name = FUNCTIONAL[short]
        spec = CATALOG[name]
        fn = getattr(F, short)
        for s in op.sample_inputs("cpu", torch.float64, requires_grad=False):
            bound = inspect.signature(fn).bind(s.input, *s.args, **s.kwargs)
            params, inputs = {}, {}
            for k, v in bound.arguments.items():
                k = RENAMES.get(name, {}).get(k, k)
                if spec.arg(k) is not None and k not in params:
                    inputs[k] = v
                else:
                    params[k] = v
            yield Sample(f"functional:{op.variant_test_name or short}", name, params, inputs)


def torch_value(sample: Sample) -> torch.Tensor:
    """What torch's module gives for the sample, or raises what torch raises."""
    spec = CATALOG[sample.loss]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module = spec.module_class(**sample.params)
        return module(*(sample.inputs[a.name] for a in spec.args if a.name in sample.inputs))


def _json(value: Any) -> Any:
    if torch.is_tensor(value):
        return value.detach().cpu().tolist()
    if isinstance(value, tuple):
        return list(value)
    return value


class NotJson(Exception):
    """A sample that a JSON recipe cannot hold (NaN, deprecated arguments, other objects)."""


def to_recipe(sample: Sample) -> dict[str, Any]:
    spec = CATALOG[sample.loss]
    params: dict[str, Any] = {}
    for k, v in sample.params.items():
        if k in ("size_average", "reduce"):
            if v is None:
                continue
            raise NotJson("deprecated size_average/reduce")
        if k == "distance_function":
            v = _distance_name(v)
        if torch.is_tensor(v) and not torch.isfinite(v).all():
            raise NotJson("non-finite parameter")
        params[k] = _json(v)
    inputs = {}
    for k, v in sample.inputs.items():
        if torch.is_tensor(v) and v.is_floating_point() and not torch.isfinite(v).all():
            raise NotJson("non-finite input")
        inputs[k] = _json(v)
    if not all(a.name in inputs for a in spec.args):
        raise NotJson("a forward argument is missing")
    return {"loss": sample.loss, "params": params, "inputs": inputs, "dtype": "float64"}


def _distance_name(fn: Any) -> str:
    if fn is None or fn is F.pairwise_distance:
        return "pairwise"
    for name, known in DISTANCES.items():
        if known is fn:
            return name
    name = f"sample_{id(fn)}"
    register_distance(name, fn)  # the public way to use one's own distance
    return name


def sweeps(spec: LossSpec, recipe: dict[str, Any], rng: np.random.Generator) -> list[list[dict]]:
    """Axes to try: two elements of each float forward argument, and a float parameter."""
    r = (
        explorer.normalize({**recipe, "axes": [{"slot": "x", "start": 0, "stop": 1}]})
        if False
        else None
    )
    del r
    arrays = {k: np.asarray(v) for k, v in recipe["inputs"].items()}
    out = []
    for a in spec.args:
        if spec.is_index(a, arrays) or arrays[a.name].size == 0:
            continue
        arr = arrays[a.name].astype(np.float64)
        picks = {
            tuple(int(i) for i in np.unravel_index(f, arr.shape))
            for f in rng.choice(arr.size, size=min(2, arr.size), replace=False)
        }
        for idx in sorted(picks):
            v = float(arr[idx]) if idx else float(arr)
            out.append([_axis(f"{a.name}[{','.join(map(str, idx))}]", v, a.domain)])
    for p in spec.params:
        if p.kind == "float" and isinstance(recipe["params"].get(p.name, p.default), (int, float)):
            v = float(recipe["params"].get(p.name, p.default))
            out.append([_axis(p.name, v, p.domain or Interval())])
            break
    return out


def _axis(slot: str, v: float, domain: Any) -> dict[str, Any]:
    d = 0.05 * max(1.0, abs(v))
    start, stop = (v, v + d) if domain.contains(v + d) else (v - d, v)
    return {"slot": slot, "start": start, "stop": stop, "num": 3}


@dataclass
class Outcome:
    kind: str  # exact, rejected-by-both, not-json, ours-refused, torch-refused-we-accept, wrong
    detail: str = ""


def check_sample(sample: Sample, seed: int = 0) -> Outcome:
    spec = CATALOG[sample.loss]
    try:
        recipe = to_recipe(sample)
    except NotJson as e:
        return Outcome("not-json", str(e))
    try:
        torch_value(sample)
        torch_ok, reason = True, ""
    except Exception as e:
        torch_ok, reason = False, str(e)
    try:
        explorer.normalize({**recipe, "axes": []})
        ours_ok, ours = True, ""
    except explorer.RecipeError as e:
        ours_ok, ours = False, str(e)
    if not torch_ok:
        if ours_ok:
            return Outcome("torch-refused-we-accept", reason[:200])
        return Outcome("rejected-by-both", ours)
    if not ours_ok:
        return Outcome("ours-refused", ours)
    rng = np.random.default_rng(seed)
    axes_list = sweeps(spec, recipe, rng) or [[]]
    for axes in axes_list:
        try:
            res = explorer.evaluate({**recipe, "axes": axes})
        except explorer.RecipeError as e:
            return Outcome("ours-refused", f"{axes}: {e}")
        mismatch = compare(res)
        if mismatch:
            return Outcome("wrong", mismatch)
    return Outcome("exact")


def compare(res: explorer.Result, rtol: float = 1e-7) -> str:
    """'' when every grid point equals torch's module called on that point alone."""
    r = res.recipe
    grid = res.loss.shape[: len(r["axes"])]
    for ij in np.ndindex(*grid):
        values = [float(res.x[ij[-1]])] if r["axes"] else []
        want, grads = point_call(r, values)
        got = res.loss[ij]
        if not np.allclose(got, want, rtol=rtol, atol=1e-10, equal_nan=True) or np.shape(
            got
        ) != np.shape(want):
            return f"value at {values}: {got} != {want}"
        for k, g in enumerate(grads):
            if not math.isclose(res.grad[(k, *ij)], g, rel_tol=rtol, abs_tol=1e-10) and not (
                math.isnan(g) and math.isnan(res.grad[(k, *ij)])
            ):
                return f"grad {r['axes'][k]['slot']} at {values}: {res.grad[(k, *ij)]} != {g}"
    return ""


def run_all() -> dict[str, Counter]:
    counts: dict[str, Counter] = {"module": Counter(), "functional": Counter()}
    for source, gen in (("module", module_samples()), ("functional", functional_samples())):
        for i, s in enumerate(gen):
            counts[source][check_sample(s, i).kind] += 1
    return counts


if __name__ == "__main__":
    problems = Counter()
    for source, gen in (("module", module_samples()), ("functional", functional_samples())):
        c: Counter = Counter()
        for i, s in enumerate(gen):
            o = check_sample(s, i)
            c[o.kind] += 1
            if o.kind in ("ours-refused", "torch-refused-we-accept", "wrong"):
                problems[(s.loss, o.kind, o.detail[:150])] += 1
        print(source, sum(c.values()), dict(c))
    for (loss, kind, detail), n in problems.most_common(40):
        print(f"{n:4d} {loss} {kind}: {detail}")
