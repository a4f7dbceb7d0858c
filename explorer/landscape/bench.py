"""`main.py bench-landscape`: one landscape of a ~100k-parameter MLP on the 1,797 digits, timed
three ways in the same run, per grid point:

- the floor: one forward pass and loss over the cached data at each grid point's weights,
  nothing else timed;
- ours: the Evaluator (weights stepped in place; on CUDA several points per forward);
- loss-landscapes 3.0.6: `random_plane` with a metric driven by a DataLoader (batches of 256),
  as its users write it.

Run torch with OMP_WAIT_POLICY=PASSIVE on a shared machine: busy-waiting threads of one timing
slow the next one down.
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from explorer.engine import resolve_device
from explorer.landscape.directions import parameters_of, random_plan
from explorer.landscape.evaluate import Evaluator, auto_points

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "models" / "digits_mlp.py"
HIDDEN = (300, 256)  # 99,126 parameters


def _example():
    spec = importlib.util.spec_from_file_location("loss_explorer_bench_model", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # our own file: no trust question
    return module


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


@dataclass
class Timing:
    """Seconds a grid point, and the spread of the per-row ratio to the floor."""

    floor: float
    ours: float  # the Evaluator's rows, as `main.py landscape` runs them
    points: int  # grid points per forward
    # one grid point at a time, interleaved with the floor's (one point per forward):
    # (floor, ours) seconds a point, and the per-row ratio's 25th, 50th, 75th percentiles
    interleaved: tuple[float, float] | None = None
    ratios: tuple[float, float, float] | None = None


def time_floor_and_ours(model, plan, x, y, m, device: torch.device, points: int) -> Timing:
    """Seconds per point of the floor and of ours, in the same run.

    The floor is a bare forward + loss over the cached data at each grid point's own weights
    (set outside the timed part: how fast a forward runs depends on the values). Ours is timed
    twice: the Evaluator's row, everything included, beside the floor's row in alternating
    order (so that a machine whose speed drifts, a shared VM, slows both alike); and, one point
    per forward, the row's own steps (set_point, measure) point by point, interleaved with the
    floor's forward at the same point in alternating order, which leaves far less room for
    drift: on this VM the machine's speed changed 40% between two rounds a minute apart while
    the interleaved ratio moved from 1.05x to 1.07x."""
    ev = Evaluator(model, plan, [(x, y)], m.loss_fn, None, device)
    ev.points = auto_points(ev, points)
    floor = ours = 0.0
    pair_floor = pair_ours = 0.0
    ratios = []

    def bare(a: float, b: float) -> float:
        ev.set_point(a, b)
        _sync(device)
        t = time.perf_counter()
        m.loss_fn(model(x), y).item()
        return time.perf_counter() - t

    def whole_row(b: float) -> float:
        _sync(device)
        t = time.perf_counter()
        ev.row(b)
        _sync(device)
        return time.perf_counter() - t

    def step(a: float, b: float, out: list[torch.Tensor]) -> float:
        t = time.perf_counter()
        ev.set_point(a, b)
        out.append(ev.measure()[0])
        return time.perf_counter() - t

    with torch.inference_mode():
        m.loss_fn(model(x), y).item()
        ev.row(float(plan.ys[0]))  # warm-up
        for i, b in enumerate(map(float, plan.ys)):
            if i % 2:  # which goes first alternates: the second of two runs tends to be faster
                row_ours = whole_row(b)
                row_floor = sum(bare(float(a), b) for a in plan.xs)
            else:
                row_floor = sum(bare(float(a), b) for a in plan.xs)
                row_ours = whole_row(b)
            floor, ours = floor + row_floor, ours + row_ours
            if ev.points > 1:
                continue
            f = o = 0.0
            losses: list[torch.Tensor] = []
            for k, a in enumerate(map(float, plan.xs)):
                if k % 2:
                    f, o = f + bare(a, b), o + step(a, b, losses)
                else:
                    o, f = o + step(a, b, losses), f + bare(a, b)
            t = time.perf_counter()
            torch.stack(losses).cpu().numpy()  # the row's one transfer
            o += time.perf_counter() - t
            pair_floor, pair_ours = pair_floor + f, pair_ours + o
            ratios.append(o / f)
    n = len(plan.xs) * len(plan.ys)
    if not ratios:
        return Timing(floor / n, ours / n, ev.points)
    q = tuple(float(v) for v in np.percentile(ratios, [25, 50, 75]))
    return Timing(floor / n, ours / n, ev.points, (pair_floor / n, pair_ours / n), q)


def time_loss_landscapes(model, x, y, loss_fn, steps: int, device: torch.device) -> float | None:
    try:
        import loss_landscapes
        from loss_landscapes.metrics import Metric
    except ImportError:
        return None
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(x, y), batch_size=256, shuffle=False
    )

    class LoaderLoss(Metric):
        def __call__(self, wrapper) -> float:
            total, n = 0.0, 0
            for xb, yb in loader:
                total += loss_fn(wrapper.forward(xb), yb).item() * len(yb)
                n += len(yb)
            return total / n

    with torch.no_grad():
        t = time.perf_counter()
        loss_landscapes.random_plane(
            model,
            LoaderLoss(),
            distance=1,
            steps=steps,
            normalization="filter",
            deepcopy_model=True,
        )
        _sync(device)
    return (time.perf_counter() - t) / steps**2


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="main.py bench-landscape", description=__doc__.split("\n")[0])
    p.add_argument("--grid", type=int, default=51)
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="cpu")
    p.add_argument("--points-per-forward", type=int, default=0)
    p.add_argument("--repeat", type=int, default=1, help="rounds of floor and ours; best kept")
    p.add_argument("--no-loss-landscapes", action="store_true")
    a = p.parse_args(argv)
    device = resolve_device(a.device)
    m = _example()
    torch.manual_seed(0)
    model = m.build_model(HIDDEN).to(device).eval()
    x, y = (t.to(device) for t in m.eval_data())
    n_params = sum(t.numel() for t in model.parameters())
    xs = np.linspace(-1, 1, a.grid)
    plan = random_plan(parameters_of(model), xs, xs, seed=0)
    print(
        f"{n_params:,} parameters, {len(x):,} samples, {a.grid}x{a.grid} grid, {device}, "
        f"torch {torch.__version__}, {torch.get_num_threads()} threads"
    )
    points = a.grid * a.grid
    runs = [
        time_floor_and_ours(model, plan, x, y, m, device, a.points_per_forward)
        for _ in range(a.repeat)
    ]
    floor, ours, k = min(r.floor for r in runs), min(r.ours for r in runs), runs[0].points
    theirs = (
        None
        if a.no_loss_landscapes
        else time_loss_landscapes(
            m.build_model(HIDDEN).to(device).eval(), x, y, m.loss_fn, a.grid, device
        )
    )
    print(f"floor (forward + loss over the cached data): {floor * 1e3:8.3f} ms a point")
    print(
        f"ours ({k} point(s) per forward):             {ours * 1e3:8.3f} ms a point"
        f"  = {ours / floor:.2f}x the floor"
    )
    for r in runs:
        if r.interleaved is not None and r.ratios is not None:
            f, o = r.interleaved
            lo, mid, hi = r.ratios
            print(
                f"  point by point, interleaved with the floor: {o * 1e3:.3f} against "
                f"{f * 1e3:.3f} ms = {o / f:.2f}x (per row: median {mid:.2f}x, "
                f"quartiles {lo:.2f}-{hi:.2f}x)"
            )
    if theirs is not None:
        print(
            f"loss-landscapes 3.0.6, DataLoader of 256:   {theirs * 1e3:8.3f} ms a point"
            f"  = {theirs / floor:.2f}x the floor; ours is {theirs / ours:.1f}x faster"
        )
    elif not a.no_loss_landscapes:
        print("loss-landscapes is not installed: pip install loss-landscapes==3.0.6")
    print(
        f"whole grid: ours {ours * points:.1f} s"
        + (f", loss-landscapes {theirs * points:.1f} s" if theirs is not None else "")
    )
    return 0
