"""The Hessian of a model's mean loss over its data, as an operator v -> Hv on the flattened
parameters (every parameter that requires grad, in the order of `model.parameters()`; a tied
weight is one parameter, so it is counted, and stepped, once).

The mean is size-weighted over batches, model in eval mode. Two ways to make a product, measured
by `main.py bench-hessian`:
- "graph": the gradient's graph is built once per batch (create_graph) and every product is one
  double backward through it (retain_graph); the cheapest per product where it fits in memory.
- "forward": torch.func forward-over-reverse (jvp of grad), rebuilt per product: no graph kept.
`matmat` makes several products at once (autograd's batched grads, a vmap), for block solvers.

Under torchrun each rank holds its share of the samples; every product, loss and gradient is
summed over the ranks (all-reduce), so each rank sees the Hessian of the whole data set.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

import torch

from explorer.engine import _is_oom

Batch = tuple[torch.Tensor, torch.Tensor]
LossFn = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
Method = Literal["graph", "forward"]


def shard(batches: Sequence[Batch], rank: int, world: int) -> list[Batch]:
    """This rank's share of the samples: every batch cut into `world` near-equal slices, the
    rank's slice kept (so each rank evaluates only its own samples, whatever the batching)."""
    if world == 1:
        return list(batches)
    out = []
    for x, y in batches:
        n = len(y)
        lo, hi = n * rank // world, n * (rank + 1) // world
        if hi > lo:
            out.append((x[lo:hi], y[lo:hi]))
    return out


class HessianOperator:
    """H of the mean loss at the model's current weights (they are not changed here)."""

    def __init__(
        self,
        model: torch.nn.Module,
        batches: Sequence[Batch],
        loss_fn: LossFn,
        method: Method = "graph",
        group: Any = None,
    ) -> None:
        self.model = model.eval()
        self.loss_fn = loss_fn
        self.params = [p for p in model.parameters() if p.requires_grad]
        self.shapes = [p.shape for p in self.params]
        self.sizes = [p.numel() for p in self.params]
        self.dim = sum(self.sizes)
        self.device = self.params[0].device
        self.dtype = self.params[0].dtype
        self.batches = list(batches)
        self.group = group  # torch.distributed: sum over the ranks when set
        local = float(sum(len(y) for _, y in self.batches))
        self.samples = self._sum(torch.tensor(local, dtype=torch.float64)).item()
        if self.samples == 0:
            raise ValueError("no samples to take the Hessian over")
        self.method = method
        self.hvps = 0  # products made (a block of k counts k)
        self.notes: list[str] = []  # what changed on the way (said by the command)
        self._graphs: list[tuple[torch.Tensor, ...]] | None = None
        self._names = [n for n, p in model.named_parameters() if p.requires_grad]

    # ---- helpers

    def _sum(self, t: torch.Tensor) -> torch.Tensor:
        if self.group is not None:
            import torch.distributed as dist

            t = t.to(self.device)
            dist.all_reduce(t, group=self.group)
        return t

    def _weight(self, y: torch.Tensor) -> float:
        return len(y) / self.samples

    def split(self, v: torch.Tensor) -> list[torch.Tensor]:
        """A flat vector (P,) or block (k, P) as per-parameter tensors."""
        lead = v.shape[:-1]
        return [
            t.reshape(*lead, *s)
            for t, s in zip(v.to(self.dtype).split(self.sizes, -1), self.shapes, strict=True)
        ]

    def flat(self, parts: Sequence[torch.Tensor], lead: tuple[int, ...] = ()) -> torch.Tensor:
        return torch.cat([p.reshape(*lead, -1) for p in parts], -1)

    # ---- loss and gradient

    def loss_and_grad(self) -> tuple[float, torch.Tensor]:
        """The mean loss and its gradient (flat, float64)."""
        total = torch.zeros((), dtype=torch.float64, device=self.device)
        grad = torch.zeros(self.dim, dtype=torch.float64, device=self.device)
        for x, y in self.batches:
            loss = self.loss_fn(self.model(x), y) * self._weight(y)
            g = torch.autograd.grad(loss, self.params, allow_unused=True)
            grad += self.flat([torch.zeros_like(p) if d is None else d for d, p in
                               zip(g, self.params, strict=True)]).double()  # fmt: skip
            total += loss.detach().double()
        return float(self._sum(total)), self._sum(grad)

    def loss(self) -> float:
        with torch.no_grad():
            total = sum(
                float(self.loss_fn(self.model(x), y)) * self._weight(y) for x, y in self.batches
            )
        return float(self._sum(torch.tensor(float(total), dtype=torch.float64)))

    # ---- products

    def _build(self) -> list[tuple[torch.Tensor, ...]]:
        graphs = []
        for x, y in self.batches:
            loss = self.loss_fn(self.model(x), y) * self._weight(y)
            graphs.append(torch.autograd.grad(loss, self.params, create_graph=True))
        return graphs

    def release(self) -> None:
        """Drop the kept gradient graphs (the weights changed, or the memory is wanted)."""
        self._graphs = None

    def matvec(self, v: torch.Tensor) -> torch.Tensor:
        """H v for a flat v (P,); returned in float64 on the operator's device."""
        return self.matmat(v.reshape(1, -1))[0]

    def matmat(self, vs: torch.Tensor) -> torch.Tensor:
        """H V for a block V (k, P): k products in one batched pass."""
        k = vs.shape[0]
        parts = self.split(vs.to(self.device))
        if self.method == "graph":
            try:
                out = self._graph_products(parts, k)
            except Exception as e:
                if not _is_oom(e):
                    raise
                # the kept graphs do not fit (a large model or data set on a GPU): rebuild
                # per product instead, which keeps nothing between products
                self.release()
                self.method = "forward"
                self.notes.append("out of memory with a kept gradient graph: forward-over-reverse")
                if self.device.type == "cuda":
                    torch.cuda.empty_cache()
                out = self._forward_products(parts, k)
        else:
            out = self._forward_products(parts, k)
        self.hvps += k
        return self._sum(out.double())

    def _graph_products(self, parts: list[torch.Tensor], k: int) -> torch.Tensor:
        if self._graphs is None:
            self._graphs = self._build()
        total = None
        for g in self._graphs:
            if k == 1:
                # the gradient of g . v: a scalar's backward, so autograd makes no grad_outputs
                # (passing them costs a first call 0.3 s: torch imports sympy to check shapes)
                dot = sum((a * b).sum() for a, b in zip(g, parts, strict=True))
                outs = torch.autograd.grad(dot, self.params, retain_graph=True, allow_unused=True)
                outs = tuple(None if o is None else o[None] for o in outs)
            else:
                outs = torch.autograd.grad(
                    g, self.params, grad_outputs=parts, retain_graph=True, allow_unused=True,
                    is_grads_batched=True,
                )  # fmt: skip
            flat = self.flat(
                [
                    torch.zeros(k, *p.shape, dtype=self.dtype, device=self.device)
                    if o is None
                    else o
                    for o, p in zip(outs, self.params, strict=True)
                ],
                (k,),
            )
            total = flat if total is None else total + flat
        assert total is not None
        return total

    def _forward_products(self, parts: list[torch.Tensor], k: int) -> torch.Tensor:
        from torch.func import functional_call, grad, jvp, vmap

        named = dict(zip(self._names, self.params, strict=True))
        mine = {id(p) for p in self.params}  # a tied weight's other names follow it (tie_weights)
        fixed = {
            n: t
            for n, t in self.model.state_dict(keep_vars=True).items()
            if n not in named and id(t) not in mine
        }
        primals = {n: p.detach() for n, p in named.items()}
        total = torch.zeros(k, self.dim, dtype=self.dtype, device=self.device)
        for x, y in self.batches:
            w = self._weight(y)

            def f(p: dict[str, torch.Tensor], x=x, y=y, w=w) -> torch.Tensor:
                return self.loss_fn(functional_call(self.model, {**fixed, **p}, (x,)), y) * w

            def hvp(*tangent: torch.Tensor, f=f) -> torch.Tensor:
                t = dict(zip(self._names, tangent, strict=True))
                out = jvp(grad(f), (primals,), (t,))[1]
                return torch.cat([out[n].reshape(-1) for n in self._names])

            total += vmap(hvp)(*parts) if k > 1 else hvp(*(p[0] for p in parts))[None]
        return total

    def dense(self) -> torch.Tensor:
        """The whole Hessian (P, P), one product per column: for small models and tests only."""
        eye = torch.eye(self.dim, dtype=torch.float64, device=self.device)
        cols = [self.matvec(e) for e in eye]
        return torch.stack(cols, 1)
