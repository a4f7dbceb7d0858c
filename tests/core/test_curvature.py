"""The Hessian's operator, eigenpairs, trace, density and sharpness against their definitions:
dense Hessians of small models (torch.autograd.functional.hessian) and a quadratic loss."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from torch import nn
from torch.func import functional_call
from torch.nn import functional as F

from explorer.curvature.estimates import iter_density, iter_sharpness, iter_trace
from explorer.curvature.lanczos import iter_top_eigen
from explorer.curvature.operator import HessianOperator, shard
from explorer.progress import drain


def small_model(seed: int = 0) -> tuple[nn.Module, list]:
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(4, 6), nn.Tanh(), nn.Linear(6, 3)).double()
    x, y = torch.randn(30, 4, dtype=torch.float64), torch.randint(0, 3, (30,))
    return model, [(x[:11], y[:11]), (x[11:], y[11:])]  # two batches of unequal size


def dense_hessian(model: nn.Module, batches: list, loss_fn) -> torch.Tensor:
    """The reference: autograd.functional.hessian of the size-weighted mean loss."""
    names = [n for n, p in model.named_parameters() if p.requires_grad]
    ps = tuple(p.detach() for p in model.parameters() if p.requires_grad)
    total = sum(len(y) for _, y in batches)

    def f(*p):
        out = 0
        for x, y in batches:
            out = out + loss_fn(
                functional_call(model, dict(zip(names, p, strict=True)), (x,)), y
            ) * (len(y) / total)
        return out

    blocks = torch.autograd.functional.hessian(f, ps)
    return torch.cat(
        [
            torch.cat([blocks[i][j].reshape(a.numel(), b.numel()) for j, b in enumerate(ps)], 1)
            for i, a in enumerate(ps)
        ]
    )


@pytest.mark.parametrize("method", ["graph", "forward"])
def test_products_equal_the_dense_hessian(method: str) -> None:
    model, batches = small_model()
    op = HessianOperator(model, batches, F.cross_entropy, method)
    want = dense_hessian(model, batches, F.cross_entropy)
    assert op.dim == sum(p.numel() for p in model.parameters())
    torch.testing.assert_close(op.dense(), want, rtol=1e-10, atol=1e-12)
    vs = torch.randn(5, op.dim, dtype=torch.float64)
    torch.testing.assert_close(op.matmat(vs), vs @ want.T, rtol=1e-10, atol=1e-12)
    assert op.hvps == op.dim + 5


@pytest.mark.parametrize("method", ["graph", "forward"])
def test_a_tied_weight_is_one_parameter(method: str) -> None:
    """An embedding tied to the output layer: one block of the Hessian, stepped once."""
    torch.manual_seed(1)
    emb = nn.Embedding(5, 3).double()
    head = nn.Linear(3, 5, bias=False).double()
    head.weight = emb.weight
    model = nn.Sequential(emb, nn.Tanh(), head)
    x, y = torch.randint(0, 5, (12,)), torch.randint(0, 5, (12,))
    op = HessianOperator(model, [(x, y)], F.cross_entropy, method)
    assert op.dim == 15
    torch.testing.assert_close(op.dense(), dense_hessian(model, [(x, y)], F.cross_entropy))


def test_top_eigenpairs_equal_a_dense_eigh() -> None:
    model, batches = small_model(3)
    op = HessianOperator(model, batches, F.cross_entropy)
    h = dense_hessian(model, batches, F.cross_entropy).numpy()
    values, vectors = np.linalg.eigh(h)
    top = drain(iter_top_eigen(op.matvec, op.dim, 4, tol=1e-8, generator=torch.Generator()))
    assert top.converged and top.steps < op.dim
    np.testing.assert_allclose(top.values, values[::-1][:4], rtol=1e-7)
    for k in range(4):  # each vector, up to its sign
        assert abs(float(top.vectors[k] @ torch.from_numpy(vectors[:, -1 - k]))) > 1 - 1e-6
        assert math.isclose(float(top.vectors[k].norm()), 1.0, rel_tol=1e-12)


def test_trace_is_within_its_own_error_and_density_integrates_to_one() -> None:
    model, batches = small_model(4)
    op = HessianOperator(model, batches, F.cross_entropy)
    h = dense_hessian(model, batches, F.cross_entropy).numpy()
    tr = drain(iter_trace(op, torch.Generator().manual_seed(0), tol=1e-3, max_samples=400))
    assert abs(tr.estimate - np.trace(h)) <= 4 * tr.stderr and tr.stderr > 0
    d = drain(iter_density(op, torch.Generator().manual_seed(0), runs=3, steps=op.dim))
    assert math.isclose(np.trapezoid(d.y, d.x), 1.0, rel_tol=1e-9) and (d.y >= 0).all()
    values = np.linalg.eigvalsh(h)  # a full Lanczos run puts its nodes on the eigenvalues
    assert d.x[0] <= values[0] and d.x[-1] >= values[-1]
    mean = np.trapezoid(d.x * d.y, d.x)  # the density's mean is tr(H) / P, in expectation
    assert abs(mean - np.trace(h) / len(h)) < 0.2 * np.abs(values).max()


def test_sharpness_of_a_quadratic_meets_its_definitions() -> None:
    """Least squares at its minimum: L(theta + e) - L(theta) = e^T H e / 2 exactly, so the worst
    rise in the ball is rho^2 lambda_max / 2 and the average over the sphere rho^2 tr(H) / 2P."""
    torch.manual_seed(5)
    x, y = torch.randn(40, 3, dtype=torch.float64), torch.randn(40, 1, dtype=torch.float64)
    model = nn.Linear(3, 1).double()
    design = torch.cat([x, torch.ones(40, 1, dtype=torch.float64)], 1)
    solution = torch.linalg.lstsq(design, y).solution
    with torch.no_grad():
        model.weight.copy_(solution[:3].T)
        model.bias.copy_(solution[3])
    op = HessianOperator(model, [(x, y)], F.mse_loss)
    h = op.dense().numpy()
    lam = np.linalg.eigvalsh(h)
    rho = 0.1
    top = drain(iter_top_eigen(op.matvec, op.dim, 1, tol=1e-10))
    s = drain(iter_sharpness(op, rho, torch.Generator().manual_seed(0), top.vectors[0],
                             samples=400))  # fmt: skip
    assert s.worst >= s.sam
    assert math.isclose(s.worst, rho**2 * lam[-1] / 2, rel_tol=1e-6)
    assert abs(s.average - rho**2 * np.trace(h) / (2 * len(h))) <= 4 * s.stderr
    before = [p.detach().clone() for p in model.parameters()]
    drain(iter_sharpness(op, rho, torch.Generator(), samples=2))
    for p, b in zip(model.parameters(), before, strict=True):
        assert torch.equal(p, b)  # the weights are put back


def test_sharpness_off_a_minimum_is_at_least_sams_step() -> None:
    model, batches = small_model(6)
    op = HessianOperator(model, batches, F.cross_entropy)
    base, g = op.loss_and_grad()
    s = drain(iter_sharpness(op, 0.05, torch.Generator(), samples=8))
    with torch.no_grad():  # SAM's step, by hand
        step = op.split(0.05 * g / g.norm())
        for p, d in zip(op.params, step, strict=True):
            p.add_(d)
        sam = op.loss() - base
        for p, d in zip(op.params, step, strict=True):
            p.sub_(d)
    assert math.isclose(s.sam, sam, rel_tol=1e-9) and s.worst >= s.sam > 0


def test_shards_split_every_batch_between_the_ranks() -> None:
    x, y = torch.arange(23.0)[:, None], torch.arange(23)
    batches = [(x[:10], y[:10]), (x[10:], y[10:])]
    for world in (1, 2, 3, 5):
        seen = torch.cat([b[1] for r in range(world) for b in shard(batches, r, world)])
        assert sorted(seen.tolist()) == list(range(23))  # each sample on exactly one rank


def test_out_of_memory_with_a_kept_graph_falls_back_to_forward_over_reverse(monkeypatch) -> None:
    """A graph that does not fit (on a GPU) is given up for products that keep nothing: the
    same numbers, and the change is said."""
    model, batches = small_model(7)
    op = HessianOperator(model, batches, F.cross_entropy)
    v = torch.randn(op.dim, dtype=torch.float64)
    want = op.matvec(v)

    def full(*a, **k):
        raise torch.cuda.OutOfMemoryError("CUDA out of memory (simulated)")

    monkeypatch.setattr(op, "_graph_products", full)
    torch.testing.assert_close(op.matvec(v), want, rtol=1e-10, atol=1e-12)
    assert op.method == "forward" and op._graphs is None and "out of memory" in op.notes[0]
