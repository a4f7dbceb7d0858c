"""`main.py landscape MODEL.py ...`: plan, evaluate row by row into the HDF5 file, resume,
and split rows across the ranks of torchrun."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from explorer.checks import RecipeError, show
from explorer.engine import resolve_device
from explorer.landscape import store
from explorer.landscape.directions import (
    Plan,
    hessian_plan,
    line_plan,
    parameters_of,
    pca_plan,
    random_plan,
)
from explorer.landscape.evaluate import Evaluator, auto_points, iter_rows
from explorer.landscape.heap import keep_freed_memory
from explorer.landscape.model_file import ModelFile, load_model_file, load_weights
from explorer.landscape.spec import DIRECTIONS, LandscapeSpec
from explorer.landscape.spec import MAX_GRID as MAX_GRID
from explorer.messages import Message
from explorer.progress import run_with_progress


@dataclass
class Job:
    """Everything a run needs, ready to evaluate."""

    model_file: ModelFile
    spec: LandscapeSpec
    plan: Plan
    settings: dict[str, Any]
    out: Path
    evaluator: Evaluator


def prepare(
    spec: LandscapeSpec | argparse.Namespace, ask: Callable[[Path, str, bool], bool] | None = None
) -> Job:
    args = spec if isinstance(spec, LandscapeSpec) else LandscapeSpec.from_args(spec)
    mf = load_model_file(args.model, trust=args.trust, ask=ask)
    (nx, ny), (x_lo, x_hi), (y_lo, y_hi) = args.grid, args.range, args.yrange
    xs = np.linspace(x_lo, x_hi, nx)
    ys = np.linspace(y_lo, y_hi, ny) if args.dims == 2 else None
    model = mf.build_model()
    ckpts = mf.checkpoints()
    if ckpts:  # the centre's buffers (BatchNorm's statistics); the parameters are set per point
        model.load_state_dict(load_weights(ckpts[-1]), strict=False)
    if args.directions in ("pca", "line") and len(ckpts) < 2:
        raise RecipeError(
            "--directions",
            Message(
                "{directions} needs checkpoints(); {name} gives none",
                directions=args.directions,
                name=mf.path.name,
            ),
        )
    if args.directions == "random":
        centre = load_weights(ckpts[-1]) if ckpts else None
        plan = random_plan(parameters_of(model, centre), xs, ys, args.seed, args.keep_bias)
    elif args.directions == "pca":
        path = [parameters_of(model, load_weights(p)) for p in ckpts]
        plan = pca_plan(path, xs, ys, args.keep_bias)
    elif args.directions == "hessian":  # at the centre, on the run's device
        device = _device(args.device)
        batches = [(x.to(device), y.to(device)) for x, y in mf.eval_data()]
        plan = hessian_plan(model.to(device), batches, mf.loss_fn, xs, ys, args.seed)
        model.cpu()
    else:
        a, b = (parameters_of(model, load_weights(p)) for p in (ckpts[0], ckpts[-1]))
        plan = line_plan(a, b, xs)
    if args.directions == "line":
        centre = f"{ckpts[0].name} to {ckpts[-1].name}"
    else:
        centre = ckpts[-1].name if ckpts else "build_model()"
    settings = {
        "model_file": mf.path.name,
        "model_sha256": mf.sha256,
        "centre": centre,
        "directions": args.directions,
        "seed": args.seed if args.directions in ("random", "hessian") else None,
        "keep_bias": bool(args.keep_bias),
        "dims": args.dims,
        "grid": [nx, ny] if ys is not None else [nx],
        "range": [x_lo, x_hi] + ([y_lo, y_hi] if ys is not None else []),
        "dtype": args.dtype,
        "parameters": list(plan.origin),
    }
    if args.curvature:  # (only when asked: files made before these options still resume)
        settings["curvature"] = True
    if args.bn_recompute:
        settings["bn_recompute"] = True
    device = _device(args.device)
    ev = Evaluator(
        model,
        plan,
        mf.eval_data(),
        mf.loss_fn,
        mf.accuracy,
        device,
        torch.bfloat16 if args.dtype == "bfloat16" else None,
    )
    ev.points = auto_points(ev, args.points_per_forward)
    ev.curvature, ev.bn_recompute = args.curvature, args.bn_recompute
    return Job(mf, args, plan, settings, args.out, ev)


def _device(name: str) -> torch.device:
    device = resolve_device(name)
    if device.type == "cuda" and "LOCAL_RANK" in os.environ:
        device = torch.device("cuda", int(os.environ["LOCAL_RANK"]))
    return device


RowCallback = Callable[[int, np.ndarray, np.ndarray | None], None]


def run(job: Job, on_row: RowCallback | None = None) -> Generator[float, None, dict[str, Any]]:
    """Evaluate the rows not yet done (this rank's share under torchrun), yielding progress;
    `on_row(row, loss, acc)` sees each row as it is written (the window draws it)."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    dist = None
    if world > 1:
        import torch.distributed as dist

        if not dist.is_initialized():
            backend = "nccl" if job.evaluator.device.type == "cuda" else "gloo"
            dist.init_process_group(backend)
    out = job.out
    if rank == 0:
        if out.exists():
            store.open_existing(out, job.settings)  # refuses other settings
            store.merge_parts(out)  # rows a stopped run left in its parts
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            store.create(
                out,
                job.plan,
                job.settings,
                job.evaluator.accuracy is not None,
                job.spec.curvature,
            )
    if dist is not None:
        dist.barrier()
    plan, done = store.open_existing(out, job.settings)
    job.evaluator.plan = plan
    todo = [r for r in range(plan.rows) if not done[r] and r % world == rank]
    target = store.part_path(out, rank) if world > 1 else out

    def write(row: int, loss: np.ndarray, acc: np.ndarray | None, extra=None) -> None:
        store.write_row(target, row, loss, acc, plan.shape, extra)
        if on_row is not None:
            on_row(row, loss, acc)

    seconds = 0.0
    if todo:
        seconds = yield from iter_rows(job.evaluator, todo, write)
    if dist is not None:
        dist.barrier()
        if rank == 0:
            store.merge_parts(out)
        dist.barrier()
    if plan.kind == "line" and rank == 0:
        store.write_barrier(out, barrier_height(job.evaluator, out))
    points = len(todo) * len(plan.xs)
    return {
        "rows": len(todo),
        "resumed": int(done.sum()),
        "seconds": seconds,
        "ms_per_point": 1e3 * seconds / points if points else 0.0,
        "rank": rank,
        "world": world,
        "notes": job.evaluator.notes,
    }


@dataclass
class Landscape:
    """A landscape's file as a Study (explorer.studies.study): its arrays, the settings that
    make it again, and a line that says what it holds."""

    path: Path
    data: dict[str, Any]

    @staticmethod
    def read(path: Path) -> Landscape:
        return Landscape(path, store.read(path))

    @property
    def recipe(self) -> dict[str, Any]:
        return self.data["settings"]

    def to_json(self) -> dict[str, Any]:
        return self.data["settings"]

    def write_npz(self, path: str | Path) -> None:
        store.write_npz(Path(path), self.data)

    def frame_count(self) -> int:
        return 1

    def still(self) -> tuple[dict[str, Any], str]:
        return self.data, ""

    def summary(self) -> str:
        d, s = self.data, self.data["settings"]
        z = np.asarray(d["train_loss"], dtype=float)
        finite = z[np.isfinite(z)]
        parts = [f"{s['model_file']} along {s['directions']} directions, grid "
                 f"{' x '.join(map(str, s['grid']))}"]  # fmt: skip
        if finite.size:
            parts.append(f"loss {finite.min():.6g} to {finite.max():.6g}")
        if "barrier_height" in d:
            parts.append(
                f"barrier height {d['barrier_height']:.6g} (loss {d['loss_start']:.6g} at the "
                f"first checkpoint, {d['loss_end']:.6g} at the last)"
            )
        if "max_eig" in d:
            hi, lo = d["max_eig"], d["min_eig"]
            parts.append(f"max_eig {np.nanmin(hi):.4g} to {np.nanmax(hi):.4g}, min_eig "
                         f"{np.nanmin(lo):.4g} to {np.nanmax(lo):.4g}")  # fmt: skip
        return "; ".join(parts)


def barrier_height(ev: Evaluator, out: Path) -> dict[str, float]:
    """Along the line between two checkpoints (a = 0 and a = 1): the largest loss on the grid
    within [0, 1] minus the mean of the loss at the two ends (evaluated there)."""
    ends = []
    with torch.inference_mode():
        for a in (0.0, 1.0):
            ev.set_point(a)
            ends.append(float(ev.measure()[0]))
    data = store.read(out)
    xs, z = data["xcoordinates"], np.asarray(data["train_loss"], dtype=float)
    inside = (xs >= 0) & (xs <= 1) & np.isfinite(z)
    peak = max([*z[inside].tolist(), *ends])
    return {"barrier_height": peak - (ends[0] + ends[1]) / 2, "loss_start": ends[0],
            "loss_end": ends[1]}  # fmt: skip


LandscapeWriter = Callable[[Path, Path, int, int], None]  # (h5, png, width, height)


def add_parser(sub: Any) -> None:
    p = sub.add_parser("landscape", help="the loss landscape of a model (a .py model file)")
    p.add_argument("model", help="a .py file defining build_model, eval_data, loss_fn")
    p.add_argument("--grid", default="51", help="points per side: 51, or 51x41")
    p.add_argument("--range", default="-1:1", help="LOW:HIGH of the x direction (and y)")
    p.add_argument("--yrange", help="LOW:HIGH of the y direction, when it differs")
    p.add_argument("--dims", type=int, choices=(1, 2), default=2)
    p.add_argument(
        "--directions",
        choices=DIRECTIONS,
        default="random",
        help="random (filter-normalized), pca (of the checkpoints), line (first to last "
        "checkpoint, --dims 1), hessian (the top eigenvectors at the centre, unit norm)",
    )
    p.add_argument("--seed", type=int, default=0, help="of the random directions")
    p.add_argument(
        "--keep-bias",
        action="store_true",
        help="move biases and normalization weights too (Li et al. zero them)",
    )
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    p.add_argument("--dtype", choices=("float32", "bfloat16"), default="float32")
    p.add_argument(
        "--points-per-forward",
        type=int,
        default=0,
        help="grid points in one forward pass (vmap); 0: by free memory on CUDA, 1 on the CPU",
    )
    p.add_argument(
        "--curvature",
        action="store_true",
        help="also max_eig and min_eig of the Hessian at every point (Li et al.'s names)",
    )
    p.add_argument(
        "--bn-recompute",
        action="store_true",
        help="recompute BatchNorm statistics on eval_data() at every point",
    )
    p.add_argument("--out", required=True, help="FILE.h5 (the same command again resumes it)")
    p.add_argument("--png", help="also draw it: FILE.png (or .svg, .pdf)")
    p.add_argument("--npz", help="also write its arrays: FILE.npz")
    p.add_argument("--width", type=int, default=900)
    p.add_argument("--height", type=int, default=700)
    p.add_argument("--trust", action="store_true", help="run the model file's code (read it first)")


def fix_negative_values(argv: list[str]) -> list[str]:
    """`--range -1:1` as written: argparse would take -1:1 for an option."""
    out, it = [], iter(argv)
    for a in it:
        if a in ("--range", "--yrange"):
            value = next(it, None)
            out.append(a if value is None else f"{a}={value}")
        else:
            out.append(a)
    return out


def cmd_landscape(args: argparse.Namespace, writer: LandscapeWriter | None) -> int:
    if args.out and not args.out.endswith(".h5"):
        raise RecipeError("--out", Message("must end in .h5, got {out}", out=show(args.out)))
    if args.device == "cuda" and not torch.cuda.is_available():
        raise RecipeError("--device", "CUDA is not available on this machine; use cpu or auto")
    t0 = time.perf_counter()
    keep_freed_memory()  # this process ends with the command
    job = prepare(args)
    report = run_with_progress(run(job), "rows")
    if report["rank"] != 0:
        return 0
    study = Landscape.read(job.out)
    data = study.data
    left = int((~data["rows_done"]).sum())
    print(
        f"{job.out}: {report['rows']} rows in {report['seconds']:.2f} s "
        f"({report['ms_per_point']:.2f} ms a point, {job.evaluator.points} per forward, "
        f"{job.evaluator.device}, {report['world']} process(es))"
        + (f"; {report['resumed']} rows were already done" if report["resumed"] else "")
        + (f"; {left} rows left" if left else "")
    )
    print(study.summary())
    for note in report["notes"]:
        print(f"note: {note}", file=sys.stderr)
    if args.npz:
        study.write_npz(args.npz)
    if args.png:
        if writer is None:
            raise RecipeError("--png", "figures need the Qt figure writer (run main.py)")
        writer(job.out, Path(args.png), args.width, args.height)
    print(f"total {time.perf_counter() - t0:.2f} s")
    return 0
