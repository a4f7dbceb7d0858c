"""Directions in weight space (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets").

Weights are a dict name -> tensor in `model.named_parameters()` order, on the CPU in float32 for
directions computed from a seed, so that every machine and every rank draws the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from explorer.checks import RecipeError
from explorer.curvature.lanczos import iter_top_eigen
from explorer.curvature.operator import HessianOperator
from explorer.messages import Message
from explorer.progress import drain

Weights = dict[str, torch.Tensor]


@dataclass
class Plan:
    """What to evaluate: origin + a*dx (+ b*dy) for a in xs (and b in ys)."""

    kind: str  # random | pca | line | hessian
    origin: Weights
    dx: Weights
    dy: Weights | None
    xs: np.ndarray
    ys: np.ndarray | None
    seed: int | None = None
    trajectory: np.ndarray | None = None  # (checkpoints, 2): the training path, projected
    explained: list[float] = field(default_factory=list)  # PCA: variance share of each direction
    eigenvalues: list[float] = field(default_factory=list)  # hessian: each direction's

    @property
    def shape(self) -> tuple[int, ...]:
        return (len(self.ys), len(self.xs)) if self.ys is not None else (len(self.xs),)

    @property
    def rows(self) -> int:
        return len(self.ys) if self.ys is not None else 1


def is_filterless(t: torch.Tensor) -> bool:
    """Biases and normalization weights: one number per unit, no filters to normalize."""
    return t.ndim <= 1


def random_direction(weights: Weights, generator: torch.Generator, keep_bias: bool) -> Weights:
    """Gaussian, each filter (row of a weight) scaled to the norm of that filter of the weights;
    biases and normalization parameters zeroed, or (keep_bias) equal to the weights."""
    out = {}
    for name, w in weights.items():
        d = torch.randn(w.shape, generator=generator, dtype=torch.float32)
        if is_filterless(w):
            d = w.detach().clone().float() if keep_bias else torch.zeros_like(d)
        else:
            w2 = w.detach().float().reshape(w.shape[0], -1)
            d2 = d.reshape(w.shape[0], -1)
            d2.mul_(w2.norm(dim=1, keepdim=True) / (d2.norm(dim=1, keepdim=True) + 1e-10))
        out[name] = d
    return out


def random_plan(
    weights: Weights, xs: np.ndarray, ys: np.ndarray | None, seed: int, keep_bias: bool = False
) -> Plan:
    g = torch.Generator().manual_seed(seed)
    dx = random_direction(weights, g, keep_bias)
    dy = random_direction(weights, g, keep_bias) if ys is not None else None
    return Plan("random", _cpu(weights), dx, dy, xs, ys, seed=seed)


def line_plan(start: Weights, end: Weights, xs: np.ndarray) -> Plan:
    """From one checkpoint (a = 0) to another (a = 1)."""
    _same_names(start, end)
    dx = {k: end[k].float() - start[k].float() for k in start}
    return Plan("line", _cpu(start), dx, None, xs, None)


def pca_plan(
    path: list[Weights], xs: np.ndarray, ys: np.ndarray | None, keep_bias: bool = False
) -> Plan:
    """The top principal directions of theta_i - theta_final over the checkpoints, centred on
    the final one, with the path projected onto them."""
    want = 2 if ys is not None else 1
    if len(path) < want + 1:
        raise RecipeError(
            "--directions",
            Message(
                "pca needs at least {value} checkpoints, the file gives {path}",
                value=want + 1,
                path=len(path),
            ),
        )
    final = path[-1]
    for w in path:
        _same_names(w, final)
    names = list(final)
    rows = []
    for w in path[:-1]:
        parts = [
            torch.zeros(final[k].numel(), dtype=torch.float64)
            if is_filterless(final[k]) and not keep_bias
            else (w[k].double() - final[k].double()).reshape(-1)
            for k in names
        ]
        rows.append(torch.cat(parts))
    m = torch.stack(rows)
    _, s, vh = torch.linalg.svd(m, full_matrices=False)
    var = (s**2) / (s**2).sum()
    dirs = [_unflatten(vh[k], final) for k in range(want)]
    coords = (m @ vh[:want].T).numpy()  # rows of vh are unit vectors
    trajectory = np.vstack([coords, np.zeros((1, want))])
    return Plan(
        "pca",
        _cpu(final),
        dirs[0],
        dirs[1] if want == 2 else None,
        xs,
        ys,
        trajectory=trajectory,
        explained=[float(v) for v in var[:want]],
    )


def hessian_plan(
    model: torch.nn.Module,
    batches: list[tuple[torch.Tensor, torch.Tensor]],
    loss_fn,
    xs: np.ndarray,
    ys: np.ndarray | None,
    seed: int,
    tol: float = 1e-3,
) -> Plan:
    """The top one or two eigenvectors of the Hessian of the mean loss at the model's weights,
    each of unit L2 norm over all parameters (no filter normalization: it would break them; the
    parameters that do not require grad do not move), signed so that their largest entry is
    positive (the same directions on every run)."""
    op = HessianOperator(model, batches, loss_fn)
    k = 2 if ys is not None else 1
    top = drain(iter_top_eigen(op.matvec, op.dim, k, tol, 300,
                               torch.Generator().manual_seed(seed), op.device))  # fmt: skip
    trainable = {id(p) for p in op.params}
    directions = []
    for v in top.vectors.cpu():
        v = v * torch.sign(v[v.abs().argmax()])
        parts = iter(op.split(v))
        directions.append(
            {
                n: (next(parts).float().cpu() if id(p) in trainable else torch.zeros(p.shape))
                for n, p in model.named_parameters()
            }
        )
    return Plan(
        "hessian",
        _cpu(parameters_of(model)),
        directions[0],
        directions[1] if ys is not None else None,
        xs,
        ys,
        seed=seed,
        eigenvalues=[float(v) for v in top.values],
    )


def _unflatten(v: torch.Tensor, like: Weights) -> Weights:
    out, at = {}, 0
    for k, t in like.items():
        out[k] = v[at : at + t.numel()].reshape(t.shape).float()
        at += t.numel()
    return out


def _cpu(w: Weights) -> Weights:
    return {k: v.detach().to("cpu", torch.float32).clone() for k, v in w.items()}


def _same_names(a: Weights, b: Weights) -> None:
    if list(a) != list(b) or any(a[k].shape != b[k].shape for k in a):
        raise RecipeError("checkpoints", "the checkpoints do not hold the same parameters")


def parameters_of(model: torch.nn.Module, state: dict[str, torch.Tensor] | None = None) -> Weights:
    """The model's parameters (its state_dict's, when given one), by name."""
    names = [n for n, _ in model.named_parameters()]
    if state is None:
        return {n: p.detach() for n, p in model.named_parameters()}
    missing = [n for n in names if n not in state]
    if missing:
        raise RecipeError(
            "checkpoints", Message("a checkpoint lacks the parameter {missing}", missing=missing[0])
        )
    return {n: state[n] for n in names}
