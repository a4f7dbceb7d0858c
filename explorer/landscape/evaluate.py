"""Evaluating a landscape fast: the data on the device once, the weights stepped in place.

Each grid point sets every parameter to origin + a*dx + b*dy in place (no state_dict reload, no
DataLoader) and runs the model over the cached batches in inference mode; the loss of several
batches is their size-weighted mean. With `points` > 1 (on CUDA by default, chunked by free
memory) several grid points go through one forward pass, through torch.func.functional_call
under vmap. A row of the grid is the unit of progress, cancel, writing and resuming.
"""

from __future__ import annotations

import contextlib
import copy
import time
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import torch

from explorer.checks import RecipeError
from explorer.curvature.batched import batched_products, iter_extremes_batched
from explorer.curvature.lanczos import iter_extremes
from explorer.curvature.operator import HessianOperator
from explorer.engine import _is_oom, device_free_bytes
from explorer.landscape.directions import Plan
from explorer.progress import drain, scaled

Batches = list[tuple[torch.Tensor, torch.Tensor]]
MAX_POINTS_PER_FORWARD = 256
TWIN_BYTES = 512 * 2**20  # a model this small gets a second copy for two lanes on the CPU


@dataclass
class Evaluator:
    model: torch.nn.Module
    plan: Plan
    batches: Batches
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
    accuracy: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] | None
    device: torch.device
    autocast: torch.dtype | None = None  # bfloat16: a fast preview
    points: int = 1  # grid points per forward pass
    notes: list[str] = field(default_factory=list)
    curvature: bool = False  # also max_eig and min_eig of the Hessian at every point
    bn_recompute: bool = False  # BatchNorm statistics recomputed on the data at every point
    tol: float = 1e-3  # of the curvature's eigenvalues (relative residual)

    def __post_init__(self) -> None:
        self._twin: tuple | None = None  # the second lane's model and parameters, or () for none
        self._pool: ThreadPoolExecutor | None = None  # its thread, made with the twin
        self.model = self.model.to(self.device).eval()
        named = dict(self.model.named_parameters())
        names = list(self.plan.origin)
        if sorted(named) != sorted(names):
            raise RecipeError("model", "the model's parameters differ from the plan's")
        self.trainable = [n for n in names if named[n].requires_grad]  # (the curvature's)
        for p in named.values():
            p.requires_grad_(False)
        self.params = [named[n] for n in names]

        def put(w):
            return [w[n].to(self.device, torch.float32) for n in names]

        self.origin, self.dx = put(self.plan.origin), put(self.plan.dx)
        self.dy = put(self.plan.dy) if self.plan.dy is not None else None
        self.names = names
        self._row: list[torch.Tensor] = []  # origin + b*dy for the row at y = b
        self._row_b: float | None = None
        self.batches = [(x.to(self.device), y.to(self.device)) for x, y in self.batches]
        self.samples = sum(len(y) for _, y in self.batches)

    def _context(self):
        if self.autocast is None:
            return contextlib.nullcontext()
        return torch.autocast(self.device.type, dtype=self.autocast)

    def set_point(self, a: float, b: float = 0.0, params: list[torch.Tensor] | None = None) -> None:
        """The weights at origin + a*dx + b*dy, written in place: one add per tensor, since
        origin + b*dy is made once per row. `params`: another copy's (the second lane)."""
        for p, o, d1 in zip(params or self.params, self._row_origin(b), self.dx, strict=True):
            torch.add(o, d1, alpha=a, out=p)

    def _row_origin(self, b: float) -> list[torch.Tensor]:
        if self.dy is None:
            return self.origin
        if self._row_b != b:
            self._row = [
                torch.add(o, d2, alpha=b) for o, d2 in zip(self.origin, self.dy, strict=True)
            ]
            self._row_b = b
        return self._row

    def _norms(self, model: torch.nn.Module) -> list[torch.nn.modules.batchnorm._BatchNorm]:
        return [m for m in model.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]

    def recompute_bn(self, model: torch.nn.Module | None = None) -> None:
        """BatchNorm's running statistics made again at these weights from eval_data() (momentum
        None: the average over its batches, as torch.optim.swa_utils.update_bn does), as
        mode-connectivity work does at each point of a path."""
        model = model or self.model
        norms = self._norms(model)
        if not norms:
            return
        saved = [m.momentum for m in norms]
        for m in norms:
            m.reset_running_stats()
            m.momentum = None
            m.train()
        with torch.no_grad():
            for x, _ in self.batches:
                model(x)
        for m, momentum in zip(norms, saved, strict=True):
            m.momentum = momentum
            m.eval()

    def measure(
        self, model: torch.nn.Module | None = None
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """The loss (and accuracy) of the model as it stands, over every batch, on the device.
        `model`: another copy (the second lane)."""
        model = model or self.model
        if self.bn_recompute:
            self.recompute_bn(model)
        if len(self.batches) == 1:  # the mean over one batch is its own: nothing to weigh
            x, y = self.batches[0]
            with self._context():
                out = model(x)
                loss = self.loss_fn(out, y)
                acc = torch.as_tensor(self.accuracy(out, y)) if self.accuracy else None
            return loss, acc
        loss = torch.zeros((), device=self.device, dtype=torch.float64)
        acc = torch.zeros((), device=self.device, dtype=torch.float64) if self.accuracy else None
        with self._context():
            for x, y in self.batches:
                out = model(x)
                loss += self.loss_fn(out, y).double() * len(y)
                if acc is not None:
                    acc += torch.as_tensor(self.accuracy(out, y)).double() * len(y)
        return loss / self.samples, (acc / self.samples if acc is not None else None)

    def row(self, b: float) -> tuple[np.ndarray, np.ndarray | None]:
        """One row of the grid at y = b (the whole line when 1-D)."""
        with torch.inference_mode():
            if self.points > 1 and not self.bn_recompute:
                try:
                    return self._row_batched(b)
                except Exception as e:
                    if _is_oom(e):
                        self.points = max(1, self.points // 2)
                        self.notes.append(f"out of memory: {self.points} points per forward")
                        torch.cuda.empty_cache()
                        return self.row(b)
                    self.points = 1
                    self.notes.append(
                        f"loss_fn or the model does not run under vmap ({type(e).__name__}); "
                        "one grid point per forward pass"
                    )
            if not self.bn_recompute and self._lanes() == 2:
                return self._row_two_lanes(b)
            losses, accs = [], []
            for a in self.plan.xs:
                self.set_point(float(a), b)
                loss, acc = self.measure()
                losses.append(loss)
                if acc is not None:
                    accs.append(acc)
            return _numpy(losses), (_numpy(accs) if accs else None)

    def _lanes(self) -> int:
        """Two grid points in flight on a CPU with two or more threads (each forward on one
        thread): a small model's forward leaves a core idle between its operations, and the
        per-point work (set_point, the accuracy, Python) runs beside the other lane's. Measured
        on the 99,126-parameter MLP, in turns, with the command's malloc settings: rows 1-6%
        faster than one lane of two threads (docs/FINDINGS.md)."""
        if self._twin is None:
            lanes = self.device.type == "cpu" and torch.get_num_threads() >= 2
            small = sum(p.numel() * p.element_size() for p in self.params) <= TWIN_BYTES
            if not (lanes and small):
                self._twin = ()
            else:
                twin = copy.deepcopy(self.model)
                named = dict(twin.named_parameters())
                self._twin = (twin, [named[n] for n in self.names])
                self._pool = ThreadPoolExecutor(1, thread_name_prefix="landscape-lane")
        return 2 if self._twin else 1

    def _row_two_lanes(self, b: float) -> tuple[np.ndarray, np.ndarray | None]:
        """Even grid points on this thread's model, odd ones on the twin's, each forward on one
        thread; the results in the row's order."""
        twin, twin_params = self._twin
        assert self._pool is not None
        xs = [float(a) for a in self.plan.xs]
        losses: list[torch.Tensor | None] = [None] * len(xs)
        accs: list[torch.Tensor | None] = [None] * len(xs)
        self._row_origin(b)  # made once, read by both lanes

        def lane(k: int) -> None:
            model, params = (self.model, self.params) if k == 0 else (twin, twin_params)
            torch.set_num_threads(1)
            with torch.inference_mode():
                for i in range(k, len(xs), 2):
                    self.set_point(xs[i], b, params)
                    losses[i], accs[i] = self.measure(model)

        threads = torch.get_num_threads()
        try:
            other = self._pool.submit(lane, 1)
            lane(0)
            other.result()
        finally:
            torch.set_num_threads(threads)
        acc_row = _numpy(accs) if accs[0] is not None else None
        return _numpy(losses), acc_row

    def _row_batched(self, b: float) -> tuple[np.ndarray, np.ndarray | None]:
        from torch.func import functional_call, vmap

        buffers = dict(self.model.named_buffers())

        def one(params: dict[str, torch.Tensor], x: torch.Tensor, y: torch.Tensor):
            out = functional_call(self.model, (params, buffers), (x,))
            loss = self.loss_fn(out, y)
            acc = self.accuracy(out, y) if self.accuracy else loss
            return loss, torch.as_tensor(acc)

        losses, accs = [], []
        xs = torch.as_tensor(self.plan.xs, dtype=torch.float32, device=self.device)
        for lo in range(0, len(xs), self.points):
            a = xs[lo : lo + self.points]
            stacked = {}
            for n, o, d1, k in zip(
                self.names, self.origin, self.dx, range(len(self.names)), strict=True
            ):
                shape = (-1,) + (1,) * o.ndim
                w = o + a.reshape(shape) * d1
                if self.dy is not None:
                    w = w + b * self.dy[k]
                stacked[n] = w
            loss = torch.zeros(len(a), device=self.device, dtype=torch.float64)
            acc = torch.zeros_like(loss)
            with self._context():
                for x, y in self.batches:
                    lv, av = vmap(one, in_dims=(0, None, None))(stacked, x, y)
                    loss += lv.double() * len(y)
                    acc += av.double() * len(y)
            losses.append(loss / self.samples)
            accs.append(acc / self.samples)
        loss_row = torch.cat(losses).cpu().numpy()
        acc_row = torch.cat(accs).cpu().numpy() if self.accuracy else None
        return loss_row, acc_row


def _numpy(values: list[torch.Tensor]) -> np.ndarray:
    """float64 (numpy has no bfloat16; it holds every float32 exactly), one transfer a row."""
    return torch.stack(values).double().cpu().numpy()


def curvature_row(ev: Evaluator, b: float) -> Generator[float, None, dict[str, np.ndarray]]:
    """max_eig and min_eig of the Hessian of the mean loss at every point of the row at y = b:
    one Lanczos run a point, which converges to both ends of the spectrum at once. With
    `ev.points` > 1 (on CUDA, by free memory) that many points run in lockstep, each step one
    batched product; else one point at a time through a kept graph (the fastest on the CPU).
    Yields the fraction of the row done (a long row can be cancelled between points)."""
    xs = [float(a) for a in ev.plan.xs]
    high: list[float] = []
    low: list[float] = []
    gen = torch.Generator().manual_seed(0)
    batched = ev.points > 1 and not ev.bn_recompute and len(ev.trainable) == len(ev.names)
    while len(high) < len(xs):
        if batched:
            chunk = xs[len(high) : len(high) + ev.points]
            try:
                c = len(chunk)  # (the chunk's fraction as the row's)
                inner = _extremes_batched(ev, chunk, b, gen)
                pairs = yield from scaled(inner, len(high) / c, len(xs) / c)
            except Exception as e:
                if not (_is_oom(e) and ev.points > 1):
                    raise
                ev.points = max(1, ev.points // 2)
                ev.notes.append(f"out of memory: curvature of {ev.points} points at once")
                torch.cuda.empty_cache()
                batched = ev.points > 1
                continue
        else:
            pairs = [_extremes_at(ev, xs[len(high)], b, gen)]
        for hi, lo in pairs:
            high.append(hi)
            low.append(lo)
        yield len(high) / len(xs)
    return {"max_eig": np.array(high), "min_eig": np.array(low)}


def _extremes_at(ev: Evaluator, a: float, b: float, gen: torch.Generator) -> tuple[float, float]:
    named = dict(ev.model.named_parameters())
    trainable = [named[n] for n in ev.trainable]
    ev.set_point(a, b)
    if ev.bn_recompute:
        ev.recompute_bn()
    for p in trainable:
        p.requires_grad_(True)
    try:
        op = HessianOperator(ev.model, ev.batches, ev.loss_fn)
        hi, lo, _ = drain(iter_extremes(op.matvec, op.dim, ev.tol, 200, gen, op.device))
    finally:
        for p in trainable:
            p.requires_grad_(False)
    return hi, lo


def _extremes_batched(
    ev: Evaluator, chunk: list[float], b: float, gen: torch.Generator
) -> Generator[float, None, list[tuple[float, float]]]:
    row = ev._row_origin(b)
    weights = {
        n: torch.stack([torch.add(o, d, alpha=a) for a in chunk])
        for n, o, d in zip(ev.names, row, ev.dx, strict=True)
    }
    product = batched_products(ev.model, ev.names, ev.batches, ev.loss_fn)
    dim = sum(t[0].numel() for t in weights.values())
    out = yield from iter_extremes_batched(
        lambda vs: product(weights, vs), len(chunk), dim, ev.tol, 200, gen, ev.device
    )
    return [(hi, lo) for hi, lo, _ in out]


def auto_points(ev: Evaluator, requested: int) -> int:
    """Points per forward: as asked; else on CUDA as many as half the free memory holds."""
    if requested > 0:
        return min(requested, MAX_POINTS_PER_FORWARD)
    if ev.device.type != "cuda":
        return 1
    free = device_free_bytes(ev.device) or 0
    params = sum(p.numel() for p in ev.params) * 4
    widest = max(x.numel() for x, _ in ev.batches) * 4
    per_point = 3 * params + 8 * widest  # the stacked weights, and activations of a few layers
    return int(max(1, min(MAX_POINTS_PER_FORWARD, len(ev.plan.xs), free // 2 // per_point)))


def iter_rows(
    ev: Evaluator,
    rows: list[int],
    write: Callable[..., None],
) -> Generator[float, None, float]:
    """Evaluate and write each row (`write(row, loss, acc, extra)`, extra: the curvature or
    None), yielding the fraction of `rows` done; returns seconds."""
    t0 = time.perf_counter()
    ys = ev.plan.ys if ev.plan.ys is not None else np.zeros(1)
    for k, iy in enumerate(rows):
        loss, acc = ev.row(float(ys[iy]))
        extra = None
        if ev.curvature:
            extra = yield from scaled(curvature_row(ev, float(ys[iy])), k, len(rows))
        write(iy, loss, acc, extra)
        yield (k + 1) / len(rows)
    return time.perf_counter() - t0


def loss_from_scratch(
    model: torch.nn.Module,
    plan: Plan,
    batches: Batches,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    a: float,
    b: float = 0.0,
) -> float:
    """The loss at (a, b) with nothing reused: weights built, loaded, the data run in batches."""
    state = {
        n: plan.origin[n] + a * plan.dx[n] + (b * plan.dy[n] if plan.dy is not None else 0.0)
        for n in plan.origin
    }
    model.load_state_dict(state, strict=False)
    total, n = 0.0, 0
    with torch.no_grad():
        for x, y in batches:
            total += float(loss_fn(model(x), y)) * len(y)
            n += len(y)
    return total / n
