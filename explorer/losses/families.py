"""One home per loss family: how a grid of points is folded into one call of torch's module, and
how each point's own reduction is then applied with torch's rules.

Every grid point becomes one entry of a batch. Torch's module is called with `reduction="none"`
on the whole batch, so the values are torch's own; only the final per-point reduction is applied
here, and it follows torch's code for that family (weighted class means, KLDiv batchmean, CTC's
mean over target lengths).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import torch

from explorer.checks import RecipeError, index_text
from explorer.messages import Message

Warn = Callable[[str, str], None]  # (field, message)


class Family(Protocol):
    """What the engine and the checks ask of a loss's family (one per catalog entry).

    The built-in families below call torch's module in this process; explorer.custom's family
    runs your code in a worker process and says so through these same attributes."""

    name: str
    remote: Any  # None, or what evaluates a whole recipe elsewhere (`.evaluate(recipe)`)
    owns_reduction: bool  # the loss takes `reduction` among its parameters as given
    scalar_only: bool  # one number per point; what its code raises is the loss's own error
    max_chunk: int | None  # at most this many points per chunk (a sign of life between chunks)

    def check(
        self, spec: Any, params: dict[str, Any], x: dict[str, np.ndarray], warn: Warn
    ) -> None: ...

    def classes(self, x: dict[str, np.ndarray], spec: Any) -> int | None: ...

    def call(
        self, spec: Any, module: torch.nn.Module, args: dict[str, torch.Tensor], n: int
    ) -> torch.Tensor: ...

    def reduce(
        self, spec: Any, params: dict[str, Any], out: torch.Tensor, base: dict[str, torch.Tensor]
    ) -> torch.Tensor: ...


class Local:
    """The built-in families' answers: torch's own module, in this process."""

    remote = None
    owns_reduction = False
    scalar_only = False
    max_chunk: int | None = None


STACK_ELEMENTS = 8  # arguments up to this size are stacked per point in grid_args


def grid_args(
    base: dict[str, torch.Tensor], n: int, slots: list[Any], values: list[torch.Tensor]
) -> dict[str, torch.Tensor]:
    """Each forward argument repeated for `n` points, with the swept slots set per point.

    A small argument is stacked from its elements' columns: the same values as writing the swept
    columns into a copy, without the copy's backward (a clone and a fill of the whole gradient:
    about 1 ms of 5 at 256x256)."""
    out: dict[str, torch.Tensor] = {}
    for name, t in base.items():
        b = t.unsqueeze(0).expand(n, *t.shape)
        mine = [(s, v) for s, v in zip(slots, values, strict=True) if s.name == name]
        if mine and 0 < t.numel() <= STACK_ELEMENTS and all(v.dtype == t.dtype for _, v in mine):
            flat = t.reshape(-1)
            swept = {int(np.ravel_multi_index(s.index, t.shape)): v for s, v in mine}
            columns = [swept.get(j, flat[j].expand(n)) for j in range(t.numel())]
            b = torch.stack(columns, 1).reshape(n, *t.shape)
        elif mine:
            b = b.clone()
            for s, v in mine:
                b[(slice(None), *s.index)] = v
        out[name] = b
    return out


def _flat(out: torch.Tensor, n: int) -> torch.Tensor:
    return out.reshape(n, math.prod(out.shape[1:]))


def row_sum(flat: torch.Tensor) -> torch.Tensor:
    """`flat.sum(1)`, bit for bit. torch's reduction over an inner dimension of two is slow
    (2 ms at 65,536 x 2 against 0.1 ms for one add), so a pair of float32/float64 values is
    added as torch's kernel adds it: from 0, which also makes -0 + -0 give +0 as torch does."""
    if flat.shape[1] == 2 and flat.dtype in (torch.float32, torch.float64):
        return (flat[:, 0] + 0.0) + flat[:, 1]
    return flat.sum(1)


def row_mean(flat: torch.Tensor) -> torch.Tensor:
    """`flat.mean(1)`, bit for bit (torch's CPU mean is the sum divided by the count)."""
    if flat.shape[1] == 2 and flat.dtype in (torch.float32, torch.float64):
        return row_sum(flat) / 2
    return flat.mean(1)


def _none_or_sum(out: torch.Tensor, reduction: str) -> torch.Tensor | None:
    """reduction none and sum, alike for every family; None leaves the mean to the family."""
    if reduction == "none":
        return out
    if reduction == "sum":
        return row_sum(_flat(out, out.shape[0]))
    return None


@dataclass(frozen=True)
class Elementwise(Local):
    """Losses computed element by element over inputs of any shape (0-dim and empty too).

    The arguments broadcast against each other as torch's elementwise ops do (torch warns for
    MSE/L1 with different shapes but computes); `align` names those that do (None: all).
    GaussianNLLLoss matches `var` to `input` by its own rule, so only its target broadcasts.
    """

    align: tuple[str, ...] | None = None
    name: str = "elementwise"

    def _aligned(self, spec: Any) -> list[str]:
        first = spec.args[0].name
        rest = [a.name for a in spec.args[1:] if self.align is None or a.name in self.align]
        return [first, *rest]

    def check(
        self, spec: Any, params: dict[str, Any], x: dict[str, np.ndarray], warn: Warn
    ) -> None:
        shapes = {n: x[n].shape for n in self._aligned(spec)}
        if len(set(shapes.values())) > 1:
            last = list(shapes)[-1]
            try:
                np.broadcast_shapes(*shapes.values())
            except ValueError:
                raise RecipeError(
                    f"inputs.{last}",
                    "shapes " + ", ".join(map(str, shapes.values())) + " do not broadcast",
                ) from None
            warn(
                f"inputs.{last}",
                Message(
                    "shapes {value} differ; torch broadcasts them",
                    value=", ".join(map(str, shapes.values())),
                ),
            )

    def classes(self, x: dict[str, np.ndarray], spec: Any) -> int | None:
        return None

    def call(
        self, spec: Any, module: torch.nn.Module, args: dict[str, torch.Tensor], n: int
    ) -> torch.Tensor:
        names = self._aligned(spec)
        if len({args[m].shape for m in names}) > 1:
            rank = max(args[m].ndim for m in names)
            lifted = [
                args[m].reshape(n, *([1] * (rank - args[m].ndim)), *args[m].shape[1:])
                for m in names
            ]
            args = {**args, **dict(zip(names, torch.broadcast_tensors(*lifted), strict=True))}
        return module(*(args[a.name] for a in spec.args))

    def reduce(
        self, spec: Any, params: dict[str, Any], out: torch.Tensor, base: dict[str, torch.Tensor]
    ) -> torch.Tensor:
        r, n = params["reduction"], out.shape[0]
        if r == "none":
            return out
        if r == "mean":
            return row_mean(_flat(out, n))
        total = row_sum(_flat(out, n))
        first = base[spec.args[0].name]
        if r == "batchmean" and first.ndim:  # torch divides by input.size(0), not the numel
            return total / first.shape[0]
        return total


@dataclass(frozen=True)
class Samples(Local):
    """Losses over a batch of samples (N, ...) or one unbatched sample; the grid is folded into N.

    `class_targets`: the target holds class indices (from `lowest`, CE's and NLL's ignore_index
    aside); `weighted_mean`: the mean divides by the summed class weight of the kept targets;
    `fold`: False where torch's module already treats every leading dim as a batch dim
    (MultiLabelSoftMarginLoss, whose weight may broadcast over N too), so the grid is one more.
    """

    class_targets: bool = False
    lowest: int = 0
    weighted_mean: bool = False
    fold: bool = True
    name: str = "samples"

    @staticmethod
    def batched(spec: Any, base_first: Any) -> bool:
        return np.ndim(base_first) >= 2

    def classes(self, x: dict[str, np.ndarray], spec: Any) -> int | None:
        first = x[spec.args[0].name]
        if first.ndim == 0:
            return None
        return int(first.shape[1] if first.ndim >= 2 else first.shape[0])

    def check(
        self, spec: Any, params: dict[str, Any], x: dict[str, np.ndarray], warn: Warn
    ) -> None:
        c = self.classes(x, spec)
        for p in spec.params:
            w = params.get(p.name)
            if not self.class_targets or p.kind != "tensor" or w is None or c is None:
                continue  # other weights broadcast as torch does; the probe checks them
            if np.ndim(w) != 1 or np.size(w) != c:
                raise RecipeError(
                    f"params.{p.name}",
                    Message(
                        "must have one value per class ({c}), got {size}", c=c, size=np.size(w)
                    ),
                )
        if not self.class_targets or c is None or "target" not in x:
            return
        t = x["target"]
        if t.dtype.kind == "f":  # CrossEntropyLoss with class probabilities
            if params.get("ignore_index", -100) != -100:
                raise RecipeError(
                    "params.ignore_index",
                    Message(
                        "must stay -100 with probability targets, got {params}",
                        params=params["ignore_index"],
                    ),
                )
            return
        ignore = params.get("ignore_index")
        bad = ((t < self.lowest) | (t >= c)) & (t != ignore if ignore is not None else True)
        if bad.any():
            i = tuple(int(k) for k in np.argwhere(bad)[0]) if t.ndim else ()
            raise RecipeError(
                f"inputs.target{index_text(i) if i else ''}",
                Message(
                    "must be a class index in [{lowest}, {c}), got {t}",
                    lowest=self.lowest,
                    c=c,
                    t=t[i],
                ),
            )
        if ignore is not None and t.size and np.all(t == ignore):
            warn(
                "params.ignore_index",
                Message("ignores every target ({ignore}); the mean is 0/0 (NaN)", ignore=ignore),
            )

    def call(
        self, spec: Any, module: torch.nn.Module, args: dict[str, torch.Tensor], n: int
    ) -> torch.Tensor:
        a = [args[s.name] for s in spec.args]
        first = a[0]
        if first.ndim == 1:  # 0-dim: torch takes it as one sample of one class
            a = [
                t.reshape(n, 1) if s.sample_rank or s is spec.args[0] else t
                for s, t in zip(spec.args, a, strict=True)
            ]
            return module(*a).reshape(n)
        if first.ndim - 1 < 2:  # unbatched: the grid points are the batch
            # a one-element per-sample argument, (1,) as torch allows for one sample, becomes (n,)
            a = [
                t.reshape(n) if not s.sample_rank and t.ndim > 1 and t[0].numel() == 1 else t
                for s, t in zip(spec.args, a, strict=True)
            ]
            a[0] = first
            return module(*a)
        if not self.fold:
            return module(*a)
        batch = first.shape[1]
        out = module(*[t.reshape(n * batch, *t.shape[2:]) for t in a])
        return out.reshape(n, batch, *out.shape[1:])

    def reduce(
        self, spec: Any, params: dict[str, Any], out: torch.Tensor, base: dict[str, torch.Tensor]
    ) -> torch.Tensor:
        if (done := _none_or_sum(out, params["reduction"])) is not None:
            return done
        flat = _flat(out, out.shape[0])
        target = base.get("target")
        if self.weighted_mean and target is not None and not target.is_floating_point():
            # torch's weighted mean: divide by the summed weight of the targets not ignored
            t = target.reshape(-1)
            kept = t[t != params["ignore_index"]]
            w = params["weight"]
            if w is None:
                total = torch.tensor(float(kept.numel()), dtype=out.dtype, device=out.device)
            else:
                total = torch.as_tensor(w, dtype=out.dtype, device=out.device)[kept].sum()
            return row_sum(flat) / total
        return row_mean(flat)


@dataclass(frozen=True)
class Sequence(Local):
    """CTCLoss: log_probs (T, N, C) or unbatched (T, C); targets padded (N, S) or concatenated
    (sum(target_lengths),); the grid is folded into the batch dimension N."""

    name: str = "ctc"

    def classes(self, x: dict[str, np.ndarray], spec: Any) -> int | None:
        return int(x["log_probs"].shape[-1]) if x["log_probs"].ndim in (2, 3) else None

    def check(
        self, spec: Any, params: dict[str, Any], x: dict[str, np.ndarray], warn: Warn
    ) -> None:
        c = self.classes(x, spec)
        if c is None:
            return  # torch's own message comes from the probe
        if not 0 <= params["blank"] < c:
            raise RecipeError(
                "params.blank",
                Message("must be in [0, {c}), got {params}", c=c, params=params["blank"]),
            )
        t, il, tl = x["targets"], x["input_lengths"], x["target_lengths"]
        frames = x["log_probs"].shape[0]
        for name, lengths, hi in (("input_lengths", il, frames), ("target_lengths", tl, None)):
            if hi is None and t.ndim == 2:
                hi = t.shape[1]
            bad = (lengths < 0) | (lengths > hi if hi is not None else False)
            if np.any(bad):
                i = tuple(int(k) for k in np.argwhere(bad)[0]) if lengths.ndim else ()
                limit = f"[0, {hi}]" if hi is not None else ">= 0"
                raise RecipeError(
                    f"inputs.{name}{index_text(i) if i else ''}",
                    Message("must be in {limit}, got {lengths}", limit=limit, lengths=lengths[i]),
                )
        used = np.ones(t.shape, dtype=bool)
        if t.ndim == 2 and x["target_lengths"].shape == (t.shape[0],):
            used = np.arange(t.shape[1])[None, :] < x["target_lengths"][:, None]
        elif t.ndim == 1 and x["target_lengths"].ndim == 0:
            used = np.arange(t.shape[0]) < x["target_lengths"]
        bad = used & ((t < 0) | (t >= c))
        if bad.any():  # torch reads out of bounds here instead of refusing
            i = tuple(int(k) for k in np.argwhere(bad)[0])
            raise RecipeError(
                f"inputs.targets{index_text(i)}",
                Message("must be a class in [0, {c}), got {t}", c=c, t=t[i]),
            )
        if (used & (t == params["blank"])).any():
            warn(
                "inputs.targets",
                Message("a target label equals blank ({params})", params=params["blank"]),
            )

    def call(
        self, spec: Any, module: torch.nn.Module, args: dict[str, torch.Tensor], n: int
    ) -> torch.Tensor:
        lp, targets, il, tl = (args[a.name] for a in spec.args)
        if lp.ndim == 3:  # unbatched (T, C): the grid points are the batch
            return module(lp.permute(1, 0, 2), targets.reshape(n, -1), il, tl)
        _, t_len, batch, c = lp.shape
        lp = lp.permute(1, 0, 2, 3).reshape(t_len, n * batch, c)
        targets = targets.reshape(n * batch, -1) if targets.ndim == 3 else targets.reshape(-1)
        out = module(lp, targets, il.reshape(-1), tl.reshape(-1))
        return out.reshape(n, batch)

    def reduce(
        self, spec: Any, params: dict[str, Any], out: torch.Tensor, base: dict[str, torch.Tensor]
    ) -> torch.Tensor:
        if (done := _none_or_sum(out, params["reduction"])) is not None:
            return done
        flat = _flat(out, out.shape[0])
        lengths = base["target_lengths"].reshape(1, -1).clamp_min(1).to(out.dtype)
        return row_mean(flat / lengths)
