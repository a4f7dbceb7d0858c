"""The largest and smallest Hessian eigenvalue at several weight points at once: one Lanczos per
point, run in lockstep, each step one batched product (torch.func forward-over-reverse under
vmap over the points' weights and vectors). For curvature maps on a GPU, where a batch of
products costs little more than one; on the CPU one point at a time through a kept graph
measured faster (bench-hessian), so the landscape batches only where it batches its forwards."""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence

import torch
from torch.func import functional_call, grad, jvp, vmap

Batch = tuple[torch.Tensor, torch.Tensor]
BatchedProduct = Callable[[dict[str, torch.Tensor], torch.Tensor], torch.Tensor]


def batched_products(
    model: torch.nn.Module,
    names: list[str],
    batches: Sequence[Batch],
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
) -> BatchedProduct:
    """(weights (B, ...) per trainable name, vectors (B, P)) -> H_b v_b (B, P), float64: the
    Hessian of the size-weighted mean loss over `batches` at each point's weights."""
    named = dict(model.named_parameters())
    mine = {id(named[n]) for n in names}
    fixed = {
        n: t.detach()
        for n, t in model.state_dict(keep_vars=True).items()
        if n not in names and id(t) not in mine
    }
    total = float(sum(len(y) for _, y in batches))
    shapes = [named[n].shape for n in names]
    sizes = [named[n].numel() for n in names]
    dtype = named[names[0]].dtype

    def one(weights: dict[str, torch.Tensor], v: torch.Tensor) -> torch.Tensor:
        tangent = {
            n: t.reshape(s) for n, t, s in zip(names, v.to(dtype).split(sizes), shapes, strict=True)
        }
        out = torch.zeros(v.shape, dtype=dtype, device=v.device)
        for x, y in batches:
            w = len(y) / total

            def f(p: dict[str, torch.Tensor], x=x, y=y, w=w) -> torch.Tensor:
                return loss_fn(functional_call(model, {**fixed, **p}, (x,)), y) * w

            hv = jvp(grad(f), (weights,), (tangent,))[1]
            out = out + torch.cat([hv[n].reshape(-1) for n in names])
        return out

    def product(weights: dict[str, torch.Tensor], vs: torch.Tensor) -> torch.Tensor:
        return vmap(one)(weights, vs).double()

    return product


def iter_extremes_batched(
    product: Callable[[torch.Tensor], torch.Tensor],
    points: int,
    dim: int,
    tol: float = 1e-3,
    max_steps: int = 200,
    generator: torch.Generator | None = None,
    device: torch.device | str = "cpu",
) -> Generator[float, None, list[tuple[float, float, bool]]]:
    """`points` Lanczos runs in lockstep (`product`: (B, P) -> (B, P)), full reorthogonalization
    per point; each stops counting once its largest and smallest Ritz pairs have converged,
    the batch when all have. Returns (max, min, converged) per point."""
    steps = min(max_steps, dim)
    q = torch.randn(points, dim, generator=generator, dtype=torch.float64).to(device)
    q /= q.norm(dim=1, keepdim=True)
    basis = torch.empty(points, steps, dim, dtype=torch.float64, device=device)
    alpha = torch.zeros(points, steps, dtype=torch.float64)
    beta = torch.zeros(points, steps, dtype=torch.float64)
    done = [None] * points  # (max, min, converged) once settled
    m = 0
    for j in range(steps):
        basis[:, j] = q
        w = product(q)
        a = (w * q).sum(1)
        alpha[:, j] = a.cpu()
        qb = basis[:, : j + 1]
        for _ in range(2):
            w = w - torch.bmm(qb.transpose(1, 2), torch.bmm(qb, w.unsqueeze(2))).squeeze(2)
        b = w.norm(dim=1)
        beta[:, j] = b.cpu()
        m = j + 1
        yield m / steps
        for i in range(points):
            if done[i] is not None:
                continue
            t = (
                torch.diag(alpha[i, :m])
                + torch.diag(beta[i, : m - 1], 1)
                + torch.diag(beta[i, : m - 1], -1)
            )
            theta, s = torch.linalg.eigh(t)
            scale = max(float(theta.abs().max()), 1e-30)
            res = (beta[i, m - 1] * s[-1, [-1, 0]]).abs()
            exact = float(beta[i, m - 1]) <= 1e-10 * scale
            if exact or bool((res <= tol * scale).all()) or m == steps:
                done[i] = (
                    float(theta[-1]),
                    float(theta[0]),
                    exact or bool((res <= tol * scale).all()),
                )
        if all(d is not None for d in done):
            break
        q = w / b.clamp_min(1e-300).unsqueeze(1)
    return [d for d in done if d is not None]
