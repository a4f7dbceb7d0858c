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


def time_floor_and_ours(
    model, plan, x, y, m, device: torch.device, points: int
) -> tuple[float, float, int]:
    """Seconds per point of the floor and of ours, row by row in turn, so that a machine whose
    speed drifts (a shared VM) slows both alike.

    The floor is a bare forward + loss over the cached data at each grid point's own weights
    (set outside the timed part: how fast a forward runs depends on the values); ours is the
    Evaluator's row, everything included."""
    ev = Evaluator(model, plan, [(x, y)], m.loss_fn, None, device)
    ev.points = auto_points(ev, points)
    floor = ours = 0.0
    with torch.inference_mode():
        m.loss_fn(model(x), y).item()
        ev.row(float(plan.ys[0]))  # warm-up
        for b in plan.ys:
            for a in plan.xs:
                ev.set_point(float(a), float(b))
                _sync(device)
                t = time.perf_counter()
                m.loss_fn(model(x), y).item()
                floor += time.perf_counter() - t
            _sync(device)
            t = time.perf_counter()
            ev.row(float(b))
            _sync(device)
            ours += time.perf_counter() - t
    n = len(plan.xs) * len(plan.ys)
    return floor / n, ours / n, ev.points


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
    floors, ourses = [], []
    for _ in range(a.repeat):
        floor, ours, k = time_floor_and_ours(model, plan, x, y, m, device, a.points_per_forward)
        floors.append(floor)
        ourses.append(ours)
    floor, ours = min(floors), min(ourses)
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
