"""What `main.py hessian` reports beside the top eigenpairs: the trace (Hutchinson), the
spectral density (stochastic Lanczos quadrature) and sharpness (worst and average loss rise in
a ball of radius rho). Random vectors come from one seeded generator, the same on every rank."""

from __future__ import annotations

import math
from collections.abc import Generator
from dataclasses import dataclass

import numpy as np
import torch

from explorer.curvature.lanczos import broadened_density, iter_lanczos, slq_nodes
from explorer.curvature.operator import HessianOperator


def rademacher(n: int, dim: int, generator: torch.Generator) -> torch.Tensor:
    return torch.randint(0, 2, (n, dim), generator=generator).double() * 2 - 1


@dataclass
class Trace:
    estimate: float
    stderr: float
    samples: int


def iter_trace(
    op: HessianOperator,
    generator: torch.Generator,
    tol: float = 1e-2,
    max_samples: int = 200,
    block: int = 4,
) -> Generator[float, None, Trace]:
    """Hutchinson: tr H = E[v^T H v] over Rademacher v, sampled in blocks until the standard
    error is below tol * |estimate| (at least 16 samples) or max_samples are spent."""
    values: list[float] = []
    while len(values) < max_samples:
        vs = rademacher(min(block, max_samples - len(values)), op.dim, generator).to(op.device)
        hv = op.matmat(vs) if len(vs) > 1 else op.matvec(vs[0])[None]
        values += (hv * vs).sum(1).tolist()
        mean = float(np.mean(values))
        err = float(np.std(values, ddof=1) / math.sqrt(len(values)))
        yield len(values) / max_samples
        if len(values) >= 16 and err <= tol * abs(mean):
            break
    mean = float(np.mean(values))
    err = float(np.std(values, ddof=1) / math.sqrt(len(values)))
    return Trace(mean, err, len(values))


@dataclass
class Density:
    x: np.ndarray
    y: np.ndarray
    sigma: float
    runs: int
    steps: int


def iter_density(
    op: HessianOperator, generator: torch.Generator, runs: int = 4, steps: int = 60
) -> Generator[float, None, Density]:
    """SLQ: `runs` Lanczos runs of `steps` products from Rademacher vectors; their Gauss
    quadratures, each node a Gaussian, averaged (Ghorbani et al. 2019; PyHessian's method)."""
    nodes, weights = [], []
    steps = min(steps, op.dim)
    for r in range(runs):
        v = rademacher(1, op.dim, generator)[0].to(op.device)
        gen = iter_lanczos(op.matvec, v, steps)
        try:
            while True:
                f = next(gen)
                yield (r + f) / runs
        except StopIteration as stop:
            alpha, beta, _ = stop.value
        th, w = slq_nodes(alpha, beta)
        nodes.append(th)
        weights.append(w)
    x, y, sigma = broadened_density(nodes, weights)
    return Density(x, y, sigma, runs, steps)


@dataclass
class Sharpness:
    rho: float
    worst: float  # the largest L(theta + e) - L(theta) found, ||e|| <= rho
    sam: float  # SAM's one step, e = rho g / ||g||: worst is at least this
    average: float  # mean over e uniform on the sphere ||e|| = rho
    stderr: float
    samples: int


class _Moved:
    """The model's weights moved by e (flat), restored on exit."""

    def __init__(self, op: HessianOperator, e: torch.Tensor) -> None:
        self.op, self.e = op, e

    def __enter__(self) -> None:
        self.saved = [p.detach().clone() for p in self.op.params]
        with torch.no_grad():
            for p, d in zip(self.op.params, self.op.split(self.e), strict=True):
                p.add_(d.to(p.dtype))

    def __exit__(self, *exc: object) -> None:
        with torch.no_grad():
            for p, s in zip(self.op.params, self.saved, strict=True):
                p.copy_(s)


def iter_sharpness(
    op: HessianOperator,
    rho: float,
    generator: torch.Generator,
    top_vector: torch.Tensor | None = None,
    ascent_steps: int = 10,
    samples: int = 32,
) -> Generator[float, None, Sharpness]:
    """worst: from SAM's step (and +-rho along the top eigenvector when given), normalized
    gradient ascent on the sphere of radius rho, keeping the largest rise seen; average: the mean
    rise over `samples` directions uniform on the sphere, with its standard error."""
    base, g = op.loss_and_grad()
    total = ascent_steps + samples + 3
    done = 0

    def rise(e: torch.Tensor) -> float:
        with _Moved(op, e):
            return op.loss() - base

    gn = float(g.norm())
    e = rho * g / gn if gn > 0 else torch.zeros_like(g)
    sam = rise(e)
    best, best_e = sam, e
    if top_vector is not None:
        for sign in (1.0, -1.0):
            cand = sign * rho * top_vector.to(g) / top_vector.norm()
            r = rise(cand)
            if r > best:
                best, best_e = r, cand
    done += 3
    yield done / total
    e = best_e
    for _ in range(ascent_steps):
        with _Moved(op, e):
            _, ge = op.loss_and_grad()
        n = float(ge.norm())
        if n == 0:
            break
        step = e + rho * ge / n
        e = rho * step / step.norm()
        r = rise(e)
        if r > best:
            best, best_e = r, e
        done += 1
        yield done / total
    rises = []
    for _ in range(samples):
        d = torch.randn(op.dim, generator=generator, dtype=torch.float64).to(op.device)
        rises.append(rise(rho * d / d.norm()))
        done += 1
        yield min(done / total, 1.0)
    err = float(np.std(rises, ddof=1) / math.sqrt(len(rises))) if len(rises) > 1 else float("nan")
    return Sharpness(rho, best, sam, float(np.mean(rises)), err, len(rises))
