"""Batched evaluation of a recipe's grid: values and gradients, exactly as torch's module gives.

The grid is folded into the batch of one call of torch's module per chunk (see
`explorer.losses.families` for each family's rule), and gradients with respect to each swept
slot come from one autograd pass, since points never mix. Everything stays on the recipe's
device: the axis values go there once, coordinates are indexed there, results are written into
arrays there and copied to the host once at the end (float32 stays float32). A parameter sweep
makes one call per parameter value, built lazily, so memory stays bounded by the chunk.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from explorer.catalog import CATALOG, LossSpec
from explorer.checks import RecipeError
from explorer.losses import grid_args, module_for, tensors_for
from explorer.losses.compose import activate
from explorer.messages import Message
from explorer.recipes import Slot, axis_values, check, chunk_points, parse_slot, point_recipe


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
    # the loss at the recipe's own inputs, computed as one more point of the grid's batch
    # (iter_evaluate's with_point): what evaluating point_recipe(recipe) returns
    point: Result | None = None

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


def device_free_bytes(device: torch.device) -> int | None:
    """Free memory of a CUDA device (None on the CPU, whose budget is fixed)."""
    if device.type != "cuda":
        return None
    try:
        return int(torch.cuda.mem_get_info(device)[0])
    except Exception:
        return None


def _is_oom(e: BaseException) -> bool:
    oom = getattr(torch.cuda, "OutOfMemoryError", None)
    return (oom is not None and isinstance(e, oom)) or isinstance(e, MemoryError)


@dataclass
class _Grid:
    """The grid's axes on the device, and each axis's coordinate at every flat point index
    (rows are y): made once on the device, so a chunk's coordinates are a slice of them."""

    values: list[np.ndarray]
    shape: tuple[int, ...]
    columns: list[torch.Tensor]
    extra: int = 0  # 1: the columns end with one more point (the recipe's own inputs)

    @classmethod
    def make(
        cls,
        vals: list[np.ndarray],
        dtype: torch.dtype,
        device: torch.device,
        point: list[float] | None = None,
    ) -> _Grid:
        axes = [torch.as_tensor(v, dtype=dtype, device=device) for v in vals]
        shape = tuple(len(v) for v in reversed(vals))  # (ny, nx), (nx,) or () for one point
        if len(axes) == 2:
            columns = [axes[0].repeat(len(vals[1])), axes[1].repeat_interleave(len(vals[0]))]
        else:
            columns = axes
        if point is not None:
            columns = [
                torch.cat([c, torch.tensor([p], dtype=dtype, device=device)])
                for c, p in zip(columns, point, strict=True)
            ]
        return cls(vals, shape, columns, int(point is not None))

    @property
    def points(self) -> int:
        return math.prod(self.shape)

    @property
    def total(self) -> int:
        return self.points + self.extra


def _groups(
    r: dict[str, Any], slots: list[Slot], grid: _Grid, device: torch.device
) -> Iterator[tuple[dict[str, Any], torch.Tensor | None, int]]:
    """(params, flat point indices or None for all, count): one group per parameter setting.

    Built one at a time: a 4096x4096 parameter x parameter sweep holds one group, not 16.7 M.
    """
    param_k = [k for k, s in enumerate(slots) if s.is_param]
    if not param_k:
        yield r["params"], None, grid.total
        return
    nums = [len(grid.values[k]) for k in param_k]
    nx = grid.shape[-1] if grid.shape else 1
    for combo in np.ndindex(*nums):
        params = {k: (list(v) if isinstance(v, list) else v) for k, v in r["params"].items()}
        for k, i in zip(param_k, combo, strict=True):
            s, v = slots[k], float(grid.values[k][i])
            if s.index:
                params[s.name][s.index[0]] = v
            else:
                params[s.name] = v
        fixed = dict(zip(param_k, combo, strict=True))
        if len(grid.shape) == 1 or len(fixed) == 2:
            ix, iy = fixed.get(0, 0), fixed.get(1, 0)
            idx = torch.tensor([iy * nx + ix], device=device)
        elif 0 in fixed:  # x is a parameter: one column
            idx = torch.arange(grid.shape[0], device=device) * nx + fixed[0]
        else:  # y is a parameter: one row
            idx = torch.arange(nx, device=device) + fixed[1] * nx
        yield params, idx, int(idx.numel())


def iter_evaluate(
    recipe: dict[str, Any],
    profile: dict[str, float] | None = None,
    checked: bool = False,
    with_point: bool = False,
) -> Generator[float, None, Result]:
    """Evaluate chunk by chunk, yielding the fraction done; returns the Result.

    Each yield is a point where a caller may stop (a newer request arrived). Yielding does not
    wait for the device. `profile`, when given, collects the seconds spent in torch's forward
    and backward (synchronising a CUDA device to measure them). `checked`: the recipe is one
    `check` returned, or `point_recipe` of one, so it is not checked (and probed) again.
    `with_point`: the result's `point` is the loss at the recipe's own inputs, evaluated as one
    more point of the batch where the axes sweep only data (elsewhere it stays None).
    """
    t0 = time.perf_counter()
    r, warnings = (recipe, []) if checked else check(recipe)
    spec = CATALOG[r["loss"]]
    remote = spec.family.remote
    if remote is not None:  # your loss: the same evaluation, in its worker process
        return (yield from remote.evaluate(r))
    device = resolve_device(r["device"])
    dtype = getattr(torch, r["dtype"])
    slots = [parse_slot(spec, ax["slot"], r["params"]) for ax in r["axes"]]
    vals = [axis_values(ax) for ax in r["axes"]]
    shape = tuple(len(v) for v in reversed(vals))  # (ny, nx), (nx,) or () for the one point
    pinned = None
    if with_point and slots and not any(s.is_param for s in slots):
        pinned = point_recipe(r)
    try:
        point = [ax["start"] for ax in pinned["axes"]] if pinned else None
        grid = _Grid.make(vals, dtype, device, point)
        arrays = {k: np.asarray(v) for k, v in r["inputs"].items()}
        base = tensors_for(spec, arrays, device, dtype)
        elements = sum(max(t.numel(), 1) for t in base.values())
        chunk = chunk_points(elements, device_free_bytes(device))
        if limit := spec.family.max_chunk:  # your loss: short chunks, so
            chunk = min(chunk, limit)  # progress (its sign of life) comes often
        state = _Run(spec, grid, slots, base, device, dtype, profile, r.get("activation"))
        for params, idx, count in _groups(r, slots, grid, device):
            lo = 0
            while lo < count:
                try:
                    n = state.chunk(params, idx, lo, min(count, lo + chunk))
                except Exception as e:
                    if not (_is_oom(e) and chunk > 1):
                        raise
                    chunk //= 2  # the device is fuller than its free memory said: halve
                    if device.type == "cuda":
                        torch.cuda.empty_cache()
                    continue
                lo += n
                state.done += n
                yield state.done / grid.total
        # numpy has no bfloat16: widen it to float32, which holds every bfloat16 value exactly
        wide = torch.float32 if dtype == torch.bfloat16 else dtype
        loss = state.loss.to(wide).cpu().numpy()
        grad = state.grad.to(wide).cpu().numpy()
    except RecipeError:
        raise
    except Exception as e:
        if _is_oom(e):
            raise RecipeError(
                "axes",
                Message(
                    "out of memory on {device} for {points} points; lower num or use cpu",
                    device=device,
                    points=grid.points,
                ),
            ) from e
        if "not implemented for" in str(e):  # no kernel for this dtype (float16 on the CPU, ...)
            raise RecipeError(
                "dtype",
                Message(
                    "torch has no {r} kernel for {name} on {device}: {e}",
                    r=r["dtype"],
                    name=spec.name,
                    device=device,
                    e=e,
                ),
            ) from e
        if device.type == "cuda":
            raise RecipeError("device", Message("CUDA failed: {e}", e=e)) from e
        # torch accepted the recipe's own point (the probe in check), so this is the explorer's
        raise RecipeError(
            "loss",
            Message(
                "the explorer failed to evaluate {name} on this grid: {e}", name=spec.name, e=e
            ),
        ) from e

    if pinned is not None:  # the last point of the batch: the recipe's own inputs
        one = (1,) * len(slots)
        p_vals = [np.array([ax["start"]]) for ax in pinned["axes"]]
        at_point = Result(
            loss=loss[-1:].reshape((*one, *loss.shape[1:])),
            grad=grad[:, -1:].reshape((len(slots), *one)),
            x=p_vals[0],
            y=p_vals[1] if len(p_vals) == 2 else None,
            recipe=pinned,
            device=str(device),
        )
        loss, grad = loss[:-1], grad[:, :-1]
    result = Result(
        loss=loss.reshape((*shape, *loss.shape[1:])),
        grad=grad.reshape((len(slots), *shape)),
        x=vals[0] if vals else np.empty(0),
        y=vals[1] if len(vals) == 2 else None,
        recipe=r,
        device=str(device),
        seconds=time.perf_counter() - t0,
        warnings=warnings,
        point=at_point if pinned is not None else None,
    )
    if bad := result.nonfinite:
        result.warnings.append(f"{bad} non-finite loss values (NaN or inf)")
    return result


class _Run:
    """The arrays being filled on the device, and one chunk's evaluation."""

    def __init__(
        self,
        spec: LossSpec,
        grid: _Grid,
        slots: list[Slot],
        base: dict[str, torch.Tensor],
        device: torch.device,
        dtype: torch.dtype,
        profile: dict[str, float] | None,
        activation: str | None = None,
    ) -> None:
        self.spec, self.grid, self.slots, self.base = spec, grid, slots, base
        self.activation = activation  # on the input before the loss (losses.compose)
        self.device, self.dtype, self.profile = device, dtype, profile
        self.data_k = [k for k, s in enumerate(slots) if not s.is_param]
        self.no_grad: set[str] = set()  # arguments torch cannot differentiate (a target)
        # every data slot's row is written by its chunks; parameter slots' rows stay NaN
        self.grad = torch.empty((len(slots), grid.total), dtype=dtype, device=device)
        for k, s in enumerate(slots):
            if s.is_param or s.name in self.no_grad:
                self.grad[k] = math.nan
        self.loss: torch.Tensor = torch.empty(0)
        self.done = 0
        self._module: tuple[int, torch.nn.Module] | None = None

    def _module_for(self, params: dict[str, Any]) -> torch.nn.Module:
        if self._module is None or self._module[0] != id(params):
            module = module_for(self.spec, params, self.device, self.dtype, "none")
            self._module = (id(params), module)
        return self._module[1]

    def chunk(self, params: dict[str, Any], idx: torch.Tensor | None, lo: int, hi: int) -> int:
        """Evaluate points lo:hi of a group; returns how many."""
        n = hi - lo
        where: slice | torch.Tensor = slice(lo, hi) if idx is None else idx[lo:hi]
        leaves = [
            self.grid.columns[k][where]
            .detach()
            .requires_grad_(self.slots[k].name not in self.no_grad)
            for k in self.data_k
        ]
        t = self._tick()
        family = self.spec.family
        module = self._module_for(params)
        if leaves:
            args = self._activated(
                grid_args(self.base, n, [self.slots[k] for k in self.data_k], leaves)
            )
            try:
                out = family.reduce(
                    self.spec, params, family.call(self.spec, module, args, n), self.base
                )
            except RuntimeError as e:
                m = re.search(r"not differentiable with respect to argument '(\w+)'", str(e))
                if not m or m.group(1) in self.no_grad:
                    raise
                self.no_grad.add(m.group(1))  # its gradient stays NaN, as DESIGN says
                return self.chunk(params, idx, lo, hi)
        else:  # only parameters swept: every point of the group has the recipe's own inputs
            args = self._activated(grid_args(self.base, 1, [], []))
            out = family.reduce(
                self.spec, params, family.call(self.spec, module, args, 1), self.base
            )
            out = out.expand(n, *out.shape[1:])
        gs: list[torch.Tensor | None] = [None] * len(leaves)
        wanted = [i for i, leaf in enumerate(leaves) if leaf.requires_grad]
        if wanted and out.requires_grad:  # a leaf torch cannot differentiate is not asked for
            got = torch.autograd.grad(out.sum(), [leaves[i] for i in wanted], allow_unused=True)
            for i, g in zip(wanted, got, strict=True):
                gs[i] = g
        self._tock(t)
        if self.loss.numel() == 0 and self.grid.total:
            self.loss = torch.empty(
                (self.grid.total, *out.shape[1:]), dtype=self.dtype, device=self.device
            )
        self.loss[where] = out.detach()
        for k, leaf, g in zip(self.data_k, leaves, gs, strict=True):
            if not leaf.requires_grad:
                self.grad[k, where] = math.nan
            else:
                self.grad[k, where] = 0.0 if g is None else g
        return n

    def _activated(self, args: dict[str, torch.Tensor]) -> torch.Tensor:
        if self.activation is None:
            return args
        return {**args, "input": activate(self.activation, args["input"], batched=True)}

    def _tick(self) -> float:
        if self.profile is None:
            return 0.0
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)
        return time.perf_counter()

    def _tock(self, t: float) -> None:
        if self.profile is not None:
            if self.device.type == "cuda":
                torch.cuda.synchronize(self.device)
            self.profile["torch"] = self.profile.get("torch", 0.0) + time.perf_counter() - t


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


def base_inputs(
    spec: LossSpec, recipe: dict[str, Any], device: torch.device, dtype: torch.dtype
) -> dict[str, torch.Tensor]:
    """A normalized recipe's forward arguments as tensors (the unswept point)."""
    return tensors_for(spec, {k: np.asarray(v) for k, v in recipe["inputs"].items()}, device, dtype)


def batch_loss(
    spec: LossSpec,
    params: dict[str, Any],
    base: dict[str, torch.Tensor],
    slots: list[Slot],
    values: list[torch.Tensor],
) -> torch.Tensor:
    """The loss at n points, where point i sets each (argument) slot k to values[k][i]."""
    n = int(values[0].shape[0]) if values else 1
    dtype = next(t.dtype for t in base.values() if t.is_floating_point())
    device = next(iter(base.values())).device
    module = module_for(spec, params, device, dtype, "none")
    out = spec.family.call(spec, module, grid_args(base, n, slots, values), n)
    return spec.family.reduce(spec, params, out, base)
