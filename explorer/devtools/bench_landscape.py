"""`main.py bench-landscape`: the landscape command timed as a user runs it, beside its floor.

- the command: `main.py landscape MODEL.py --grid N --out FILE.h5 --trust` in its own process,
  wall clock from start to exit: Python's start, the imports, the model file, the directions,
  every row with its accuracy written to the file;
- the floor: one forward pass and loss over the cached data at each grid point's weights (the
  command's own plan, set outside the timed part), nothing else;
- the floor of a process: a process that does only that from its start, Python's start and
  `import torch` included (the model file's model and data, the command's plan from a file, each
  point's weights set in place, one forward and loss a point, no accuracy, no file); the
  command's whole process is compared with it, since no tool that runs torch starts sooner;
- loss-landscapes 3.0.6: `random_plane` with a metric driven by a DataLoader (batches of 256),
  as its users write it.

The model is the example MLP made wide (64-300-256-10: 99,126 parameters) on the 1,797 digits,
unless `--model` names another file. The rounds alternate the command and the floor, so that a
machine whose speed drifts (a shared VM) slows both alike.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

import numpy as np
import torch

from explorer.landscape import store
from explorer.landscape.command import fix_negative_values, prepare
from explorer.landscape.evaluate import Evaluator
from explorer.landscape.heap import keep_freed_memory

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "models" / "digits_mlp.py"
WIDE_MODEL = '''"""The example MLP made wide: 64-300-256-10, 99,126 parameters."""
import importlib.util

import torch

_spec = importlib.util.spec_from_file_location("digits_mlp_example", {example!r})
_example = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_example)
eval_data, loss_fn, accuracy = _example.eval_data, _example.loss_fn, _example.accuracy


def build_model():
    torch.manual_seed(0)
    return _example.build_model((300, 256))
'''


def bench_model(tmp: Path, given: str | None, trust: bool) -> tuple[Path, bool, dict[str, str]]:
    """The model a bench times, whether to trust it, and the environment of its processes: the
    file given, or the example MLP made wide, written to `tmp` and trusted in a store of the
    bench's own (never the user's)."""
    env = dict(os.environ)
    if given is not None:
        return Path(given), trust, env
    model = tmp / "digits_mlp_wide.py"
    model.write_text(WIDE_MODEL.format(example=str(EXAMPLE)), encoding="utf-8")
    env["LOSS_EXPLORER_TRUST"] = str(tmp / "trust.json")
    return model, True, env


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


FLOOR_PROCESS = """
import importlib.util, sys
import torch
heap = importlib.util.spec_from_file_location("heap", sys.argv[4])  # not the package's imports
h = importlib.util.module_from_spec(heap)
heap.loader.exec_module(h)
h.keep_freed_memory()  # the command's malloc settings
spec = importlib.util.spec_from_file_location("model_file", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
device = torch.device(sys.argv[3])
model = m.build_model().to(device).eval()
data = m.eval_data()
one = isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], torch.Tensor)
batches = [(x.to(device), y.to(device)) for x, y in ([data] if one else data)]
plan = torch.load(sys.argv[2], map_location=device)
params = dict(model.named_parameters())
for p in params.values():
    p.requires_grad_(False)
losses = []
with torch.inference_mode():
    for b in plan["ys"]:
        row = {n: o + b * plan["dy"][n] if b is not None else o for n, o in plan["origin"].items()}
        for a in plan["xs"]:
            for n, p in params.items():
                torch.add(row[n], plan["dx"][n], alpha=a, out=p)
            losses.append(sum(m.loss_fn(model(x), y).item() * len(y) for x, y in batches))
print(sum(losses) / len(losses) / sum(len(y) for _, y in batches))  # checked against the file
"""


def save_plan(ev: Evaluator, path: Path) -> None:
    """The evaluator's plan on the CPU, as the floor process reads it."""
    plan = ev.plan
    torch.save(
        {
            "origin": dict(plan.origin),
            "dx": dict(plan.dx),
            "dy": dict(plan.dy) if plan.dy is not None else None,
            "xs": [float(a) for a in plan.xs],
            "ys": [float(b) for b in plan.ys] if plan.ys is not None else [None],
        },
        path,
    )


def time_floor_process(
    model: Path, plan: Path, device: torch.device, env: dict[str, str]
) -> tuple[float, float]:
    """Seconds from the floor process's start to its exit, and the mean loss it found."""
    heap = ROOT / "explorer" / "landscape" / "heap.py"
    argv = [sys.executable, "-c", FLOOR_PROCESS, str(model), str(plan), str(device), str(heap)]
    t = time.perf_counter()
    p = subprocess.run(argv, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise RuntimeError(f"the floor process failed: {p.stderr.strip()[-500:]}")
    return wall, float(p.stdout.split()[-1])


def time_command(argv: list[str], env: dict[str, str]) -> tuple[float, dict[str, float]]:
    """Seconds from the command's start to its exit, and the phases it printed."""
    t = time.perf_counter()
    p = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "landscape", *argv],
        capture_output=True,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise RuntimeError(f"the command failed: {p.stderr.strip()[-500:]}")
    phases = {}
    if m := re.search(r"rows in ([\d.]+) s", p.stdout):
        phases["rows"] = float(m.group(1))
    if m := re.search(r"total ([\d.]+) s", p.stdout):
        phases["total"] = float(m.group(1))
    return wall, phases


def time_floor(job) -> float:
    """Seconds a grid point: forward + loss at each point's weights, over the cached data."""
    ev = job.evaluator
    ys = ev.plan.ys if ev.plan.ys is not None else [0.0]
    total = 0.0
    with torch.inference_mode():
        for b in map(float, ys):
            for a in map(float, ev.plan.xs):
                ev.set_point(a, b)
                _sync(ev.device)
                t = time.perf_counter()
                for x, y in ev.batches:
                    ev.loss_fn(ev.model(x), y).item()
                total += time.perf_counter() - t
    return total / (len(ys) * len(ev.plan.xs))


def time_loss_landscapes(job, steps: int) -> float | None:
    try:
        import loss_landscapes
        from loss_landscapes.metrics import Metric
    except ImportError:
        return None
    (x, y), loss_fn = job.evaluator.batches[0], job.evaluator.loss_fn
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

    model = job.model_file.build_model().to(job.evaluator.device).eval()
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
        _sync(job.evaluator.device)
    return (time.perf_counter() - t) / steps**2


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="main.py bench-landscape", description=__doc__.split("\n")[0])
    p.add_argument("--grid", type=int, default=51)
    p.add_argument("--model", help="a model file (default: the example MLP made wide)")
    p.add_argument("--trust", action="store_true", help="run --model's code (read it first)")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="cpu")
    p.add_argument("--points-per-forward", type=int, default=0)
    p.add_argument("--repeat", type=int, default=2, help="rounds of the command and the floor")
    p.add_argument("--no-loss-landscapes", action="store_true")
    a = p.parse_args(argv)
    if a.grid < 2 or a.repeat < 1:
        print("error: --grid must be >= 2 and --repeat >= 1", file=sys.stderr)
        return 2
    try:
        return bench(a)
    except RuntimeError as e:  # a process failed, or the floor's grid is not the command's
        print(f"error: {e}", file=sys.stderr)
        return 1


def bench(a: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="loss-explorer-bench-") as tmp:
        model, trust, env = bench_model(Path(tmp), a.model, a.trust)
        cmd = [str(model), "--grid", str(a.grid), "--range", "-1:1", "--device", a.device]
        cmd += ["--points-per-forward", str(a.points_per_forward)]
        cmd += ["--trust"] if trust else []
        from explorer.checks import RecipeError
        from explorer.cli import parser

        out = str(Path(tmp) / "f.h5")
        try:  # the command's own plan, in this process, for the floor
            with mock.patch.dict(os.environ, env):
                job = prepare(
                    parser().parse_args(fix_negative_values(["landscape", *cmd, "--out", out]))
                )
        except RecipeError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        ev = job.evaluator
        n_params = sum(t.numel() for t in ev.params)
        points = a.grid * a.grid
        print(
            f"{n_params:,} parameters, {ev.samples:,} samples, {a.grid}x{a.grid} grid, "
            f"{ev.device}, torch {torch.__version__}, {torch.get_num_threads()} threads"
        )
        shown = " ".join(["main.py landscape", model.name, *cmd[1:], "--out", "FILE.h5"])
        print(f"the command: {shown}, in its own process, from its start to its exit")
        plan_file = Path(tmp) / "plan.pt"
        save_plan(ev, plan_file)
        commands, floors, processes, rows_ms = [], [], [], []

        def floor_process() -> float:
            """Timed, and checked to have computed the command's grid (its mean loss; round 1
            runs the command first)."""
            wall, mean = time_floor_process(model, plan_file, ev.device, env)
            file = Path(tmp) / "run0.h5"
            if file.exists():
                ours = float(np.mean(store.read(file)["train_loss"]))
                if not np.isclose(mean, ours, rtol=1e-4, equal_nan=True):
                    raise RuntimeError(
                        f"the floor process's mean loss {mean:.6g} is not the command's {ours:.6g}"
                    )
            return wall

        keep_freed_memory()  # the floor gets the command's allocator settings too
        time_floor(job)  # warm-up
        for r in range(a.repeat):
            argv = [*cmd, "--out", str(Path(tmp) / f"run{r}.h5")]  # a new file: nothing resumed
            if r % 2:  # which goes first alternates
                floors.append(time_floor(job))
                processes.append(floor_process())
            wall, phases = time_command(argv, env)
            if not r % 2:
                processes.append(floor_process())
                floors.append(time_floor(job))
            commands.append(wall)
            rows, total = phases.get("rows", 0.0), phases.get("total", 0.0)
            rows_ms.append(rows / points)
            print(
                f"  round {r + 1}: the command {wall:.2f} s (before its own clock: start and "
                f"imports {wall - total:.2f} s; then model, directions and file "
                f"{total - rows:.2f} s; rows {rows:.2f} s = {rows / points * 1e3:.3f} ms a "
                f"point); floor {floors[-1] * 1e3:.3f} ms a point; floor process "
                f"{processes[-1]:.2f} s"
            )
        floor, ours, process, ours_rows = min(floors), min(commands), min(processes), min(rows_ms)
        print("best of each, over the rounds:")
        print(f"floor (forward + loss over the cached data):  {floor * 1e3:8.3f} ms a point")
        print(
            f"the command's rows, accuracy and file:        {ours_rows * 1e3:8.3f} ms a point"
            f"  = {ours_rows / floor:.2f}x the floor (the figure the command prints)"
        )
        print(
            f"the floor process (Python, import torch, the model, forward + loss a point): "
            f"{process:.2f} s"
        )
        print(
            f"the command, its whole process: {ours:.2f} s = {ours / process:.2f}x the floor "
            f"process ({ours / points / floor:.2f}x the floor's {floor * points:.2f} s of "
            f"forwards alone)"
        )
        theirs = None if a.no_loss_landscapes else time_loss_landscapes(job, a.grid)
        if theirs is not None:
            print(
                f"loss-landscapes 3.0.6, DataLoader of 256:   {theirs * 1e3:8.3f} ms a point"
                f"  = {theirs / floor:.2f}x the floor; the command is "
                f"{theirs * points / ours:.1f}x faster"
            )
        elif not a.no_loss_landscapes:
            print("loss-landscapes is not installed: pip install loss-landscapes==3.0.6")
        print(
            f"whole grid: the command {ours:.1f} s"
            + (f", loss-landscapes {theirs * points:.1f} s" if theirs is not None else "")
        )
    return 0
