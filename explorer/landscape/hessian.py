"""`main.py hessian MODEL.py`: the Hessian of a model file's mean loss over `eval_data()`, at
the model or a checkpoint: its top eigenpairs, trace, spectral density and sharpness, as JSON
(and NPZ, and a figure), with progress; under torchrun the samples are split across the ranks."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Generator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from explorer.checks import RecipeError, show
from explorer.curvature.estimates import iter_density, iter_sharpness, iter_trace
from explorer.curvature.lanczos import iter_top_eigen
from explorer.curvature.operator import HessianOperator, shard
from explorer.engine import resolve_device
from explorer.export import FIGURE_SUFFIXES, written
from explorer.landscape.model_file import ModelFile, load_model_file, load_weights
from explorer.messages import Message
from explorer.progress import run_with_progress, scaled

MAX_TOP_K = 100


@dataclass(frozen=True)
class HessianSpec:
    """What `main.py hessian` is asked for (the window's Curvature tab makes the same)."""

    model: Path
    out: Path
    top_k: int = 5
    trace: bool = False
    density: bool = False
    sharpness: float | None = None  # rho
    at: str | None = None  # a checkpoint: a path, or a name among the file's checkpoints()
    dtype: str = "float32"
    seed: int = 0
    device: str = "auto"
    tol: float = 1e-3
    method: str = "graph"
    trust: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.top_k <= MAX_TOP_K:
            raise RecipeError(
                "--top-k",
                Message("must be in [1, {n}], got {k}", n=MAX_TOP_K, k=show(self.top_k)),
            )
        if not 0 < self.tol < 1:
            raise RecipeError("--tol", Message("must be in (0, 1), got {tol}", tol=show(self.tol)))
        if self.sharpness is not None and not (np.isfinite(self.sharpness) and self.sharpness > 0):
            raise RecipeError(
                "--sharpness", Message("must be > 0, got {rho}", rho=show(self.sharpness))
            )
        if self.out.suffix != ".json":
            raise RecipeError(
                "--out", Message("must end in .json, got {name}", name=show(self.out.name))
            )
        if self.device == "cuda" and not torch.cuda.is_available():
            raise RecipeError("--device", "CUDA is not available on this machine; use cpu or auto")

    @staticmethod
    def from_args(a: argparse.Namespace) -> HessianSpec:
        return HessianSpec(
            Path(a.model), Path(a.out), a.top_k, a.trace, a.density, a.sharpness, a.at,
            a.dtype, a.seed, a.device, a.tol, a.method, a.trust,
        )  # fmt: skip

    def settings(self) -> dict[str, Any]:
        s = asdict(self)
        for k in ("model", "out", "trust"):
            s.pop(k)
        return s


@dataclass
class HessianJob:
    spec: HessianSpec
    model_file: ModelFile
    centre: str
    op: HessianOperator
    rank: int
    world: int


def _checkpoint(mf: ModelFile, at: str | None) -> Path | None:
    ckpts = mf.checkpoints()
    if at is None:
        return ckpts[-1] if ckpts else None
    named = {p.name: p for p in ckpts} | {p.stem: p for p in ckpts}
    if at in named:
        return named[at]
    path = Path(at)
    if not path.is_file():
        raise RecipeError(
            "--at",
            Message(
                "no checkpoint {at}: give a file, or one of {names}",
                at=show(at),
                names=", ".join(p.name for p in ckpts) or "(the file names none)",
            ),
        )
    return path


def _to(t: torch.Tensor, device: torch.device, dtype: torch.dtype) -> torch.Tensor:
    return t.to(device, dtype) if t.is_floating_point() else t.to(device)


def prepare(spec: HessianSpec, ask: Callable[[Path, str, bool], bool] | None = None) -> HessianJob:
    mf = load_model_file(spec.model, trust=spec.trust, ask=ask)
    model = mf.build_model()
    ckpt = _checkpoint(mf, spec.at)
    if ckpt is not None:
        try:
            model.load_state_dict(load_weights(ckpt))
        except RuntimeError as e:
            raise RecipeError("--at", Message("{name}: {e}", name=ckpt.name, e=str(e)[:300])) from e
    device = resolve_device(spec.device)
    dtype = getattr(torch, spec.dtype)
    model = model.to(device, dtype)
    if not any(p.requires_grad for p in model.parameters()):
        raise RecipeError(spec.model.name, "build_model() has no parameter that requires grad")
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    group = None
    if world > 1:
        import torch.distributed as dist

        if not dist.is_initialized():
            dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
        group = dist.group.WORLD
    batches = [(_to(x, device, dtype), _to(y, device, dtype)) for x, y in mf.eval_data()]
    op = HessianOperator(model, shard(batches, rank, world), mf.loss_fn, spec.method, group)
    return HessianJob(spec, mf, ckpt.name if ckpt else "build_model()", op, rank, world)


def run(job: HessianJob) -> Generator[float, None, dict[str, Any]]:
    """Everything asked, in order (eigenpairs, trace, density, sharpness); yields the fraction
    done; returns the report (with `eigenvectors`, a tensor, for the NPZ)."""
    s, op = job.spec, job.op
    t0 = time.perf_counter()
    gen = torch.Generator().manual_seed(s.seed)
    parts = 1 + s.trace + s.density + (s.sharpness is not None)
    k = 0
    top = yield from scaled(iter_top_eigen(op.matvec, op.dim, s.top_k, s.tol, 300, gen,
                                           op.device), k, parts)  # fmt: skip
    k += 1
    report: dict[str, Any] = {
        "eigenvalues": [float(v) for v in top.values],
        "residuals": [float(r) for r in top.residuals],
        "converged": top.converged,
    }
    if s.trace:
        tr = yield from scaled(iter_trace(op, gen, tol=max(s.tol, 1e-2)), k, parts)
        k += 1
        report["trace"] = {"estimate": tr.estimate, "stderr": tr.stderr, "samples": tr.samples}
    if s.density:
        d = yield from scaled(iter_density(op, gen), k, parts)
        k += 1
        report["density"] = {
            "x": d.x.tolist(), "y": d.y.tolist(), "sigma": d.sigma, "runs": d.runs,
            "steps": d.steps,
        }  # fmt: skip
    if s.sharpness is not None:
        op.release()  # the weights move: the kept graphs would be of the old ones
        sh = yield from scaled(iter_sharpness(op, s.sharpness, gen, top.vectors[0]), k, parts)
        report["sharpness"] = {
            "rho": sh.rho, "worst": sh.worst, "sam": sh.sam, "average": sh.average,
            "stderr": sh.stderr, "samples": sh.samples,
        }  # fmt: skip
    report.update(
        {
            "hvps": op.hvps,
            "seconds": time.perf_counter() - t0,
            "parameters": op.dim,
            "samples": int(op.samples),
            "model_file": job.model_file.path.name,
            "model_sha256": job.model_file.sha256,
            "centre": job.centre,
            "torch": torch.__version__,
            "device": str(op.device),
            "world": job.world,
            "method": op.method,
            "notes": op.notes,
            "settings": s.settings(),
        }
    )
    report["eigenvectors"] = top.vectors
    names = [n for n, p in op.model.named_parameters() if p.requires_grad]
    report["names"] = names
    return report


def write(report: dict[str, Any], out: Path, npz: Path | None) -> None:
    data = {k: v for k, v in report.items() if k not in ("eigenvectors", "names")}
    with written(out) as tmp:
        tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if npz is not None:
        with written(npz) as tmp:
            np.savez_compressed(
                tmp,
                eigenvalues=np.array(report["eigenvalues"]),
                eigenvectors=report["eigenvectors"].cpu().numpy().astype(np.float32),
                names=np.array(report["names"]),
            )


# (H.json, figure, width, height, log density)
HessianWriter = Callable[[Path, Path, int, int, bool], None]


def add_parser(sub: Any) -> None:
    p = sub.add_parser("hessian", help="a model's Hessian: top eigenvalues, trace, density")
    p.add_argument("model", help="a .py file defining build_model, eval_data, loss_fn")
    p.add_argument("--top-k", type=int, default=5, help="the K largest eigenvalues")
    p.add_argument("--trace", action="store_true", help="Hutchinson's estimate of the trace")
    p.add_argument("--density", action="store_true", help="the eigenvalue density (SLQ)")
    p.add_argument("--sharpness", type=float, metavar="RHO", help="worst and average rise, radius")
    p.add_argument("--at", metavar="CHECKPOINT", help="a checkpoint (default: the file's last)")
    p.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    p.add_argument("--tol", type=float, default=1e-3, help="relative residual of the eigenpairs")
    p.add_argument(
        "--method",
        choices=("graph", "forward"),
        default="graph",
        help="Hessian-vector products: double backward through a kept graph, or forward-over-"
        "reverse (see bench-hessian)",
    )
    p.add_argument("--out", required=True, help="H.json")
    p.add_argument("--npz", help="also the eigenvectors: H.npz")
    p.add_argument("--png", help="also the figure: H.png (or .svg, .pdf)")
    p.add_argument("--width", type=int, default=900)
    p.add_argument("--height", type=int, default=600)
    p.add_argument("--log-density", action="store_true", help="the figure's density on a log scale")
    p.add_argument("--trust", action="store_true", help="run the model file's code (read it first)")


def cmd_hessian(args: argparse.Namespace, writer: HessianWriter | None) -> int:
    spec = HessianSpec.from_args(args)
    if args.npz and not args.npz.endswith(".npz"):
        raise RecipeError("--npz", Message("must end in .npz, got {n}", n=show(args.npz)))
    if args.png and Path(args.png).suffix.lower() not in FIGURE_SUFFIXES:
        # (before any work; the figure writer says the same)
        raise RecipeError(
            "--png", Message("{name}: must end in .png, .svg, .pdf", name=show(Path(args.png).name))
        )
    job = prepare(spec)
    report = run_with_progress(run(job), "hessian")
    if job.rank != 0:
        return 0
    write(report, spec.out, Path(args.npz) if args.npz else None)
    eig = ", ".join(f"{v:.6g}" for v in report["eigenvalues"])
    print(
        f"{spec.out}: top {len(report['eigenvalues'])} eigenvalues {eig}; "
        f"{report['hvps']} Hessian-vector products in {report['seconds']:.2f} s "
        f"({report['parameters']:,} parameters, {report['samples']} samples, {job.world} "
        "process(es))"
    )
    if not report["converged"]:
        print(f"note: not converged to --tol {spec.tol} in 300 steps", file=sys.stderr)
    for note in report["notes"]:
        print(f"note: {note}", file=sys.stderr)
    if args.png:
        if writer is None:
            raise RecipeError("--png", "figures need the Qt figure writer (run main.py)")
        writer(spec.out, Path(args.png), args.width, args.height, args.log_density)
    return 0
