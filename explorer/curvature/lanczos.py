"""Lanczos on a symmetric operator, with full reorthogonalization (in float64): the extreme
eigenpairs from few products, and the quadrature nodes of stochastic Lanczos quadrature.

Convergence is read from the Ritz pairs' residuals, ||H y - theta y|| = |beta_m s_m|, which bound
each Ritz value's error (and its error is about residual^2 / gap, far smaller): a pair has
converged when its residual is below `tol` times the largest |theta|.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass

import numpy as np
import torch

MatVec = Callable[[torch.Tensor], torch.Tensor]


@dataclass
class Ritz:
    values: np.ndarray  # (k,) largest first
    vectors: torch.Tensor  # (k, P) float64, unit norm
    residuals: np.ndarray  # (k,) ||H y - theta y||
    steps: int  # products made
    converged: bool


def _tridiagonal_eigh(alpha: list[float], beta: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """Eigenpairs of the Lanczos tridiagonal, by torch's LAPACK: numpy's OpenBLAS threads would
    spin beside torch's between calls (on 2 cores they made every product 2x slower)."""
    a = torch.tensor(alpha, dtype=torch.float64)
    b = torch.tensor(beta[: len(alpha) - 1], dtype=torch.float64)
    values, vectors = torch.linalg.eigh(torch.diag(a) + torch.diag(b, 1) + torch.diag(b, -1))
    return values.numpy(), vectors.numpy()


def iter_lanczos(
    matvec: MatVec,
    start: torch.Tensor,
    steps: int,
    k: int = 0,
    tol: float = 1e-3,
    check_every: int = 1,
    both_ends: bool = False,
) -> Generator[float, None, tuple[list[float], list[float], torch.Tensor]]:
    """Up to `steps` Lanczos steps from `start`; with k > 0 it stops early once the k largest
    Ritz pairs (and with both_ends the k smallest too) have converged. Yields the fraction of
    `steps` done; returns alpha, beta and the basis Q (m, P), float64."""
    q = start.double() / start.double().norm()
    # the basis grows in blocks: 300 rows of a large model reserved at once would be touched
    # (page by page) only as far as the run goes, and most runs stop after a few dozen
    basis = torch.empty(min(steps, 64), q.numel(), dtype=torch.float64, device=q.device)
    alpha: list[float] = []
    beta: list[float] = []
    for j in range(steps):
        if j == len(basis):
            grown = torch.empty(min(steps, 2 * j), q.numel(), dtype=basis.dtype, device=q.device)
            grown[:j] = basis
            basis = grown
        basis[j] = q
        w = matvec(q).double()
        a = float(w @ q)
        alpha.append(a)
        q_basis = basis[: j + 1]
        # full reorthogonalization; a second pass only where the first cancelled much of w
        # (the DGKS criterion: "twice is enough")
        before = float(w.norm())
        w.addmv_(q_basis.T, q_basis @ w, alpha=-1)
        b = float(w.norm())
        if b < 0.7071 * before:
            w.addmv_(q_basis.T, q_basis @ w, alpha=-1)
            b = float(w.norm())
        beta.append(b)
        yield (j + 1) / steps
        scale = max(abs(x) for x in alpha)
        if b <= 1e-10 * max(scale, 1e-30):  # an invariant subspace: the pairs are exact
            break
        if k and j + 1 >= k and ((j + 1) % check_every == 0 or j + 1 == steps):
            theta, s = _tridiagonal_eigh(alpha, beta)
            order = np.argsort(theta)
            top = np.concatenate([order[::-1][:k], order[:k]]) if both_ends else order[::-1][:k]
            res = np.abs(b * s[-1, top])
            if np.all(res <= tol * max(np.abs(theta).max(), 1e-30)):
                break
        q = w / b
    m = len(alpha)
    return alpha, beta, basis[:m]


def ritz(
    alpha: list[float], beta: list[float], basis: torch.Tensor, k: int, largest: bool = True
) -> tuple[np.ndarray, torch.Tensor, np.ndarray]:
    """The k largest (or smallest) Ritz values, their vectors (k, P) and residual bounds."""
    theta, s = _tridiagonal_eigh(alpha, beta)
    order = np.argsort(theta)
    pick = order[::-1][:k] if largest else order[:k]
    vectors = torch.from_numpy(s[:, pick].T.copy()).to(basis) @ basis
    vectors /= vectors.norm(dim=1, keepdim=True)
    return theta[pick], vectors, np.abs(beta[-1] * s[-1, pick])


def iter_top_eigen(
    matvec: MatVec,
    dim: int,
    k: int,
    tol: float = 1e-3,
    max_steps: int = 300,
    generator: torch.Generator | None = None,
    device: torch.device | str = "cpu",
) -> Generator[float, None, Ritz]:
    """The k algebraically largest eigenpairs. Restarts are not needed at these sizes: the
    basis is kept (max_steps x P float64) and reorthogonalized fully."""
    steps = min(max_steps, dim)
    start = torch.randn(dim, generator=generator, dtype=torch.float64).to(device)
    alpha, beta, basis = yield from iter_lanczos(matvec, start, steps, k, tol)
    values, vectors, res = ritz(alpha, beta, basis, min(k, len(alpha)))
    scale = max(float(np.abs(values).max()), 1e-30)
    done = len(alpha) < steps or bool(np.all(res <= tol * scale))
    return Ritz(values, vectors, res, len(alpha), done)


def iter_extremes(
    matvec: MatVec,
    dim: int,
    tol: float = 1e-3,
    max_steps: int = 200,
    generator: torch.Generator | None = None,
    device: torch.device | str = "cpu",
) -> Generator[float, None, tuple[float, float, bool]]:
    """The largest and the smallest eigenvalue from one Lanczos run (it converges to both ends
    at once); returns (max, min, converged)."""
    steps = min(max_steps, dim)
    start = torch.randn(dim, generator=generator, dtype=torch.float64).to(device)
    alpha, beta, _ = yield from iter_lanczos(matvec, start, steps, 1, tol, both_ends=True)
    theta, s = _tridiagonal_eigh(alpha, beta)
    res = np.abs(beta[-1] * s[-1, [int(np.argmax(theta)), int(np.argmin(theta))]])
    done = len(alpha) < steps or bool(np.all(res <= tol * max(np.abs(theta).max(), 1e-30)))
    return float(theta.max()), float(theta.min()), done


def slq_nodes(alpha: list[float], beta: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """Gauss quadrature of one Lanczos run from a unit vector: nodes (the Ritz values) and
    weights (the first components of the Ritz vectors, squared; they sum to 1)."""
    theta, s = _tridiagonal_eigh(alpha, beta)
    return theta, s[0] ** 2


def broadened_density(
    nodes: list[np.ndarray],
    weights: list[np.ndarray],
    points: int = 400,
    sigma: float | None = None,
) -> tuple[np.ndarray, np.ndarray, float]:
    """The spectral density estimate: each run's nodes as Gaussians of width sigma (default 1% of
    the spectrum's span), averaged over runs, on a grid 4 sigma beyond both ends; y integrates to
    1 over x (trapezoid)."""
    every = np.concatenate(nodes)
    lo, hi = float(every.min()), float(every.max())
    span = max(hi - lo, 1e-12 * max(abs(lo), abs(hi), 1.0))
    sigma = sigma if sigma is not None else 0.01 * span
    x = np.linspace(lo - 4 * sigma, hi + 4 * sigma, points)
    y = np.zeros_like(x)
    for th, w in zip(nodes, weights, strict=True):
        y += (w[None, :] * np.exp(-0.5 * ((x[:, None] - th[None, :]) / sigma) ** 2)).sum(1)
    y /= len(nodes) * sigma * np.sqrt(2 * np.pi)
    y /= np.trapezoid(y, x)
    return x, y, sigma
