"""Batched evaluation of a recipe's grid: values and gradients, exactly as torch's module gives.

Every grid point becomes one entry of a batch. Torch's own module is called once per chunk with
`reduction="none"`, then each point's own reduction is applied with torch's rules (weighted means
for CrossEntropy/NLL, KLDiv batchmean, CTC's mean over target lengths). Gradients with respect to
each swept slot come from one autograd pass, since points never mix.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from explorer.catalog import CATALOG, DISTANCES, LossSpec
from explorer.recipes import (
    RecipeError,
    Slot,
    axis_values,
    is_index,
    normalize,
    parse_slot,
)

CHUNK_ELEMENTS = 1 << 21  # tensor elements per argument and chunk: bounds peak memory


@dataclass
class Result:
    """What `evaluate` returns; arrays are numpy, rows are y and columns x."""

    loss: np.ndarray
    grad: np.ndarray
    x: np.ndarray
    y: np.ndarray | None
    recipe: dict[str, Any]
    device: str = "cpu"
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def surface(self) -> np.ndarray:
        """The loss on the grid; with reduction none, summed over the loss's own output."""
        extra = tuple(range(len(self.recipe["axes"]), self.loss.ndim))
        return self.loss.sum(axis=extra) if extra else self.loss

    @property
    def nonfinite(self) -> int:
        return int(np.size(self.loss) - np.count_nonzero(np.isfinite(self.loss)))


def cuda_available() -> bool:
    try:
        return bool(torch.cuda.is_available())
    except Exception:  # a broken driver must not take the app down
        return False


def resolve_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if cuda_available() else "cpu")
    if name == "cuda" and not cuda_available():
        raise RecipeError("device", "CUDA is not available on this machine; use cpu or auto")
    return torch.device(name)


def module_kwargs(
    spec: LossSpec, params: dict[str, Any], device: torch.device, dtype: torch.dtype
) -> dict[str, Any]:
    """The constructor arguments torch expects, from a recipe's JSON parameters."""
    kw: dict[str, Any] = {}
    for p in spec.params:
        v = params[p.name]
        if p.kind == "tensor" and v is not None:
            v = torch.tensor(v, dtype=dtype, device=device)
        elif p.kind == "distance":
            v = DISTANCES[v]
        kw[p.name] = v
    return kw


def base_inputs(
    spec: LossSpec, recipe: dict[str, Any], device: torch.device, dtype: torch.dtype
) -> dict[str, torch.Tensor]:
    arrays = {k: np.asarray(v) for k, v in recipe["inputs"].items()}
    return {
        a.name: torch.as_tensor(
            arrays[a.name],
            dtype=torch.int64 if is_index(spec, a, arrays) else dtype,
            device=device,
        )
        for a in spec.args
    }


def batch_loss(
    spec: LossSpec,
    params: dict[str, Any],
    base: dict[str, torch.Tensor],
    slots: list[Slot],
    values: list[torch.Tensor],
) -> torch.Tensor:
    """The loss at `n` points, where point i sets each slot k to values[k][i].

    Only argument slots are allowed here (parameters are fixed per call). Returns (n, *out),
    differentiable with respect to `values`.
    """
    n = int(values[0].shape[0]) if values else 1
    inputs: dict[str, torch.Tensor] = {}
    for name, t in base.items():
        mine = [(s, v) for s, v in zip(slots, values, strict=True) if s.name == name]
        b = t.unsqueeze(0).expand(n, *t.shape)
        if mine:
            b = b.clone()
            for s, v in mine:
                b[(slice(None), *s.index)] = v
        inputs[name] = b
    dtype = next(t.dtype for t in base.values() if t.is_floating_point())
    device = next(iter(base.values())).device
    module = spec.module_class(
        **{**module_kwargs(spec, params, device, dtype), "reduction": "none"}
    )
    reduction = params["reduction"]
    args = [inputs[a.name] for a in spec.args]

    if spec.layout == "elementwise":
        out = module(*args)
        dims = tuple(range(1, out.ndim))
        if reduction == "sum":
            return out.sum(dims)
        if reduction == "mean":
            return out.mean(dims)
        if reduction == "batchmean":
            return out.sum(dims) / base[spec.args[0].name].shape[0]
        return out

    if spec.layout == "ctc":
        lp, targets, il, tl = args
        _, t_len, batch, c = lp.shape
        lp = lp.permute(1, 0, 2, 3).reshape(t_len, n * batch, c)
        out = module(lp, targets.reshape(n * batch, -1), il.reshape(-1), tl.reshape(-1))
        out = out.reshape(n, batch)
        if reduction == "sum":
            return out.sum(1)
        if reduction == "mean":
            return (out / base["target_lengths"].clamp_min(1).to(out.dtype)).mean(1)
        return out

    # samples: each argument is (N, ...) per point or unbatched; fold N into the batch
    batched = base[spec.args[0].name].ndim == 2
    if batched:
        batch = base[spec.args[0].name].shape[0]
        args = [a.reshape(n * batch, *a.shape[2:]) for a in args]
    out = module(*args).reshape(n, -1)
    if reduction == "none":
        return out if batched else out[:, 0]
    if reduction == "sum":
        return out.sum(1)
    target = base.get("target")
    if (
        spec.name in ("CrossEntropyLoss", "NLLLoss")
        and target is not None
        and not target.is_floating_point()
    ):
        # torch's weighted mean: divide by the summed weight of the non-ignored targets
        keep = target.reshape(-1) != params["ignore_index"]
        w = params["weight"]
        if w is None:
            total = keep.sum().to(out.dtype)
        else:
            total = torch.tensor(w, dtype=out.dtype, device=out.device)[target.reshape(-1)[keep]]
            total = total.sum()
        return out.sum(1) / total
    return out.mean(1)


def _grid(recipe: dict[str, Any]) -> tuple[list[np.ndarray], tuple[int, ...], list[np.ndarray]]:
    vals = [axis_values(ax) for ax in recipe["axes"]]
    if len(vals) == 2:
        xx, yy = np.meshgrid(vals[0], vals[1])  # (ny, nx): rows are y
        return vals, xx.shape, [xx.ravel(), yy.ravel()]
    return vals, (len(vals[0]),), [vals[0]]


def _with_param_values(
    params: dict[str, Any], slots: list[Slot], values: np.ndarray
) -> dict[str, Any]:
    out = {k: (list(v) if isinstance(v, list) else v) for k, v in params.items()}
    for s, v in zip(slots, values, strict=True):
        if s.index:
            out[s.name][s.index[0]] = float(v)
        else:
            out[s.name] = float(v)
    return out


def iter_evaluate(recipe: dict[str, Any]) -> Generator[float, None, Result]:
    """Evaluate chunk by chunk, yielding the fraction done; returns the Result.

    Each yield is a point where a caller may stop (a newer request arrived).
    """
    t0 = time.perf_counter()
    r = normalize(recipe)
    spec = CATALOG[r["loss"]]
    device = resolve_device(r["device"])
    dtype = getattr(torch, r["dtype"])
    slots = [parse_slot(spec, ax["slot"], r["params"]) for ax in r["axes"]]
    vals, shape, coords = _grid(r)
    points = math.prod(shape)
    data_k = [k for k, s in enumerate(slots) if not s.is_param]
    param_k = [k for k, s in enumerate(slots) if s.is_param]

    if param_k:  # one torch call per distinct parameter setting
        keys = np.stack([coords[k] for k in param_k], axis=1)
        uniq, inverse = np.unique(keys, axis=0, return_inverse=True)
        order = np.argsort(inverse.ravel(), kind="stable")
        bounds = np.searchsorted(inverse.ravel()[order], np.arange(len(uniq) + 1))
        groups = [
            (
                _with_param_values(r["params"], [slots[k] for k in param_k], u),
                order[bounds[i] : bounds[i + 1]],
            )
            for i, u in enumerate(uniq)
        ]
    else:
        groups = [(r["params"], np.arange(points))]

    loss: np.ndarray | None = None
    grad = np.full((len(slots), points), np.nan)
    done = 0
    try:
        base = base_inputs(spec, r, device, dtype)
        per_point = sum(max(t.numel(), 1) for t in base.values())
        chunk = max(1, CHUNK_ELEMENTS // per_point)
        for params, idx in groups:
            for lo in range(0, len(idx), chunk):
                sub = idx[lo : lo + chunk]
                leaves = [
                    torch.tensor(coords[k][sub], dtype=dtype, device=device, requires_grad=True)
                    for k in data_k
                ]
                if not leaves:  # only parameters swept: the batch is the points themselves
                    leaves_n = len(sub)
                    out = batch_loss(spec, params, base, [], [])
                    out = out.expand(leaves_n, *out.shape[1:])
                else:
                    out = batch_loss(spec, params, base, [slots[k] for k in data_k], leaves)
                if loss is None:
                    loss = np.empty((points, *out.shape[1:]), dtype=np.float64)
                if leaves and out.requires_grad:
                    gs = torch.autograd.grad(out.sum(), leaves, allow_unused=True)
                    for k, g in zip(data_k, gs, strict=True):
                        grad[k, sub] = 0.0 if g is None else g.detach().cpu().double().numpy()
                loss[sub] = out.detach().cpu().double().numpy()
                done += len(sub)
                yield done / points
    except RecipeError:
        raise
    except Exception as e:  # torch's own complaint, with the recipe's context
        if device.type == "cuda" and "CUDA" in str(e):
            raise RecipeError("device", f"CUDA failed: {e}") from e
        if _is_oom(e):
            raise RecipeError(
                "axes", f"out of memory on {device} for {points} points; lower num or use the cpu"
            ) from e
        raise RecipeError("loss", f"{spec.name} rejected the inputs: {e}") from e

    assert loss is not None
    result = Result(
        loss=loss.reshape(*shape, *loss.shape[1:]),
        grad=grad.reshape(len(slots), *shape),
        x=vals[0],
        y=vals[1] if len(vals) == 2 else None,
        recipe=r,
        device=str(device),
        seconds=time.perf_counter() - t0,
    )
    if result.nonfinite:
        result.warnings.append(f"{result.nonfinite} non-finite loss values (NaN or inf)")
    return result


def _is_oom(e: BaseException) -> bool:
    oom = getattr(torch.cuda, "OutOfMemoryError", None)
    return (oom is not None and isinstance(e, oom)) or isinstance(e, MemoryError)


def evaluate(recipe: dict[str, Any], between_chunks: Callable[[], None] | None = None) -> Result:
    """Evaluate a recipe on its whole grid. Raises RecipeError for any invalid recipe.

    `between_chunks` runs after each chunk; an exception it raises abandons the evaluation.
    """
    gen = iter_evaluate(recipe)
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value
        if between_chunks is not None:
            between_chunks()
