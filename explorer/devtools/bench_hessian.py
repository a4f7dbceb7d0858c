"""`main.py bench-hessian`: the top-5 Hessian eigenvalues of a model, as `main.py hessian` finds
them and as PyHessian 0.1 does, each timed in its own process, beside ARPACK's `eigsh` on the
same operator for accuracy, and the ways to make a product and the solvers, measured.

- ours: `main.py hessian MODEL.py --top-k 5 --out H.json --trust`, wall clock from the process's
  start to its exit (Python, imports, the model file, the products, the JSON);
- PyHessian: a script that imports it, builds the same model and data and calls
  `hessian(model, criterion, data=(x, y), cuda=False).eigenvalues(top_n=5)` (its defaults:
  maxIter=100, tol=1e-3), wall clock likewise;
- the reference: scipy's `eigsh(k=5, which="LA")` (ARPACK) on our operator, to 1e-10.

The model is the example MLP made wide (64-300-256-10: 99,126 parameters) at its seeded initial
weights on the 1,797 digits, unless `--model` names another file. Rounds alternate the two
processes, so that a machine whose speed drifts slows both alike; the medians are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

import numpy as np
import torch

from explorer.devtools.bench_landscape import ROOT, bench_model

PYHESSIAN = r"""
import importlib.util, json, sys, time
t0 = time.perf_counter()
import torch
from pyhessian import hessian
spec = importlib.util.spec_from_file_location("m", sys.argv[1])
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
torch.manual_seed(int(sys.argv[3]))
model = m.build_model()
data = m.eval_data()
data = data if isinstance(data, tuple) else next(iter(data))
t1 = time.perf_counter()
h = hessian(model, m.loss_fn, data=data, cuda=False)
values, _ = h.eigenvalues(top_n=int(sys.argv[2]))
t2 = time.perf_counter()
print(json.dumps({"eigenvalues": values, "seconds": t2 - t1, "startup": t1 - t0}))
"""


def run_ours(model: Path, k: int, out: Path, env: dict[str, str], trust: bool) -> dict:
    argv = [sys.executable, str(ROOT / "main.py"), "hessian", str(model), "--top-k", str(k)]
    argv += ["--out", str(out), "--device", "cpu"] + (["--trust"] if trust else [])
    t = time.perf_counter()
    p = subprocess.run(argv, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise RuntimeError(f"main.py hessian failed: {p.stderr.strip()[-500:]}")
    report = json.loads(out.read_text())
    return {"wall": wall, "seconds": report["seconds"], "eigenvalues": report["eigenvalues"],
            "hvps": report["hvps"]}  # fmt: skip


def run_pyhessian(model: Path, k: int, seed: int, env: dict[str, str]) -> dict | None:
    t = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-c", PYHESSIAN, str(model), str(k), str(seed)],
        capture_output=True,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - t
    if p.returncode != 0:
        if "No module named 'pyhessian'" in p.stderr:
            return None
        raise RuntimeError(f"PyHessian failed: {p.stderr.strip()[-500:]}")
    return {"wall": wall, **json.loads(p.stdout.strip().splitlines()[-1])}


def reference(model: Path, k: int, trust: bool) -> np.ndarray:
    """ARPACK on our operator (float32 products, as the command makes them), to 1e-10."""
    from scipy.sparse.linalg import LinearOperator, eigsh

    from explorer.curvature.operator import HessianOperator
    from explorer.landscape.model_file import load_model_file

    mf = load_model_file(model, trust=trust)
    op = HessianOperator(mf.build_model(), mf.eval_data(), mf.loss_fn)
    lin = LinearOperator(
        (op.dim, op.dim),
        matvec=lambda v: op.matvec(torch.from_numpy(np.ravel(v))).numpy(),
        dtype=np.float64,
    )
    return np.sort(eigsh(lin, k=k, which="LA", tol=1e-10)[0])[::-1]


def products(model: Path, trust: bool, seconds: float = 1.5) -> list[str]:
    """Milliseconds a product, each way, one vector and blocks of 4 and 8."""
    from explorer.curvature.operator import HessianOperator
    from explorer.landscape.model_file import load_model_file

    mf = load_model_file(model, trust=trust)
    lines = []
    for method in ("graph", "forward"):
        op = HessianOperator(mf.build_model(), mf.eval_data(), mf.loss_fn, method)
        op.matvec(torch.randn(op.dim))  # (builds the graph: the first product is not timed)
        cells = []
        for k in (1, 4, 8):
            vs = torch.randn(k, op.dim, dtype=torch.float64)
            n, t = 0, time.perf_counter()
            while time.perf_counter() - t < seconds or n < 2:
                op.matmat(vs)
                n += 1
            cells.append(f"{1e3 * (time.perf_counter() - t) / (n * k):.1f}")
        lines.append(f"| {method} | {' | '.join(cells)} |")
    return lines


def lobpcg_products(model: Path, k: int, trust: bool, tol: float) -> tuple[int, float, np.ndarray]:
    """scipy's LOBPCG with our batched products: products spent, seconds, values."""
    from scipy.sparse.linalg import LinearOperator, lobpcg

    from explorer.curvature.operator import HessianOperator
    from explorer.landscape.model_file import load_model_file

    mf = load_model_file(model, trust=trust)
    op = HessianOperator(mf.build_model(), mf.eval_data(), mf.loss_fn)
    lin = LinearOperator(
        (op.dim, op.dim),
        matvec=lambda v: op.matvec(torch.from_numpy(np.ravel(v))).numpy(),
        matmat=lambda m: op.matmat(torch.from_numpy(np.ascontiguousarray(m.T))).numpy().T,
        dtype=np.float64,
    )
    x = np.random.default_rng(0).standard_normal((op.dim, k))
    t = time.perf_counter()
    values, _ = lobpcg(lin, x, largest=True, tol=tol * 1e-1, maxiter=200)
    return op.hvps, time.perf_counter() - t, np.sort(values)[::-1]


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="main.py bench-hessian", description=__doc__.split("\n")[0])
    p.add_argument("--model", help="a model file (default: the example MLP made wide)")
    p.add_argument("--trust", action="store_true", help="run --model's code (read it first)")
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--repeat", type=int, default=3, help="rounds of both processes")
    p.add_argument("--quick", action="store_true", help="skip the product and solver tables")
    a = p.parse_args(argv)
    if a.repeat < 1 or a.top_k < 1:
        print("error: --repeat and --top-k must be >= 1", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="loss-explorer-bench-") as tmp:
        model, trust, env = bench_model(Path(tmp), a.model, a.trust)
        ours, theirs = [], []
        for _ in range(a.repeat):
            ours.append(run_ours(model, a.top_k, Path(tmp) / "h.json", env, trust))
            if (t := run_pyhessian(model, a.top_k, 0, env)) is not None:
                theirs.append(t)
        with mock.patch.dict(os.environ, env):  # (the bench's trust store, in this process)
            ref = reference(model, a.top_k, trust)
        print(f"{model.name}: {ours[0]['hvps']} products for the top {a.top_k} (ours), "
              f"torch {torch.__version__}, {torch.get_num_threads()} threads, CPU")  # fmt: skip
        print("\n| | wall s (process) | compute s | top eigenvalue | max rel. error vs eigsh |")
        print("|---|---:|---:|---:|---:|")

        def row(name: str, runs: list[dict]) -> tuple[float, float]:
            wall = statistics.median(r["wall"] for r in runs)
            comp = statistics.median(r["seconds"] for r in runs)
            vals = np.asarray(runs[0]["eigenvalues"][: len(ref)])
            err = float(np.max(np.abs(vals - ref) / np.abs(ref)))
            print(f"| {name} | {wall:.2f} | {comp:.2f} | {vals[0]:.6g} | {err:.2%} |")
            return wall, comp

        w_ours, c_ours = row("main.py hessian (Lanczos)", ours)
        print(f"| ARPACK eigsh (reference) | | | {ref[0]:.6g} | 0 |")
        if theirs:
            w_them, c_them = row("PyHessian 0.1 eigenvalues(top_n)", theirs)
            print(f"\nspeed-up over PyHessian: {w_them / w_ours:.2f}x (whole processes), "
                  f"{c_them / c_ours:.2f}x (computation only); target 2.5x")  # fmt: skip
        else:
            print("\nPyHessian is not installed: pip install PyHessian==0.1")
        if not a.quick:  # in a process of their own, numpy's BLAS on one thread (its idle
            # threads spin beside torch's on 2 cores: measured 2x slower products)
            argv = [
                sys.executable,
                "-m",
                "explorer.devtools.bench_hessian",
                "--tables",
                str(model),
                str(a.top_k),
                str(ours[0]["hvps"]),
                f"{c_ours:.2f}",
                str(trust),
            ]
            tenv = {
                **env,
                "OPENBLAS_NUM_THREADS": "1",
                "OMP_NUM_THREADS": env.get("OMP_NUM_THREADS", str(torch.get_num_threads())),
            }
            t = subprocess.run(argv, capture_output=True, text=True, env=tenv, cwd=ROOT)
            print(t.stdout if t.returncode == 0 else f"tables failed: {t.stderr[-500:]}")
    return 0


def tables(model: Path, k: int, hvps: int, seconds: float, trust: bool) -> None:
    print("ms a Hessian-vector product | 1 vector | 4 at once | 8 at once |")
    print("|---|---:|---:|---:|")
    for line in products(model, trust):
        print(line)
    ref = reference(model, k, trust)
    n, s, vals = lobpcg_products(model, k, trust, 1e-3)
    err = float(np.max(np.abs(vals - ref) / np.abs(ref)))
    print(f"\nLOBPCG (scipy, block {k}, batched products): {n} products in {s:.2f} s, max rel. "
          f"error {err:.2%}; Lanczos: {hvps} products in {seconds:.2f} s")  # fmt: skip


if __name__ == "__main__" and sys.argv[1:2] == ["--tables"]:
    m, k, n, sec, tr = sys.argv[2:7]
    tables(Path(m), int(k), int(n), float(sec), tr == "True")
