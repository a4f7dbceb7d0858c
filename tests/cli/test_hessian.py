"""`main.py hessian`: the files it writes, its answers against a dense Hessian of the model
file's loss, its refusals, torchrun's split, and a short run of `main.py bench-hessian`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from explorer.landscape.hessian import HessianSpec, prepare, run
from explorer.landscape.model_file import load_model_file
from explorer.progress import drain
from tests.commands import ROOT
from tests.commands import run as run_main
from tests.core.test_curvature import dense_hessian

# The forward logs how many samples it saw, per rank: each rank must see only its share.
MODEL = """
import os
from pathlib import Path
import torch
from torch import nn

HERE = Path(__file__).resolve().parent

class Logged(nn.Sequential):
    def forward(self, x):
        log = os.environ.get("SEEN_LOG")
        if log:
            with open(f"{log}.{os.environ.get('RANK', '0')}", "a") as f:
                f.write(f"{len(x)}\\n")
        return super().forward(x)

def build_model():
    torch.manual_seed(1)
    return Logged(nn.Linear(5, 8), nn.Tanh(), nn.Linear(8, 3))

def eval_data():
    g = torch.Generator().manual_seed(2)
    x = torch.randn(70, 5, generator=g)
    y = torch.randint(0, 3, (70,), generator=g)
    return [(x[i:i + 32], y[i:i + 32]) for i in range(0, 70, 32)]  # batches of 32, 32, 6

def loss_fn(output, target):
    return nn.functional.cross_entropy(output, target)

def checkpoints():
    out = []
    for k in range(2):
        p = HERE / f"ckpt_{k}.pt"
        if not p.exists():
            torch.manual_seed(10 + k)
            torch.save(build_model().state_dict(), p)
        out.append(p)
    return out
"""


@pytest.fixture(autouse=True)
def trust_store(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "trust.json"
    monkeypatch.setenv("LOSS_EXPLORER_TRUST", str(path))
    return path


def model_file(tmp_path: Path) -> Path:
    p = tmp_path / "m.py"
    p.write_text(MODEL)
    return p


def reference(path: Path, at: int = -1) -> np.ndarray:
    """The dense Hessian's eigenvalues at a checkpoint, float64, largest first."""
    mf = load_model_file(path)
    model = mf.build_model().double()
    model.load_state_dict(torch.load(mf.checkpoints()[at]))
    batches = [(x.double(), y) for x, y in mf.eval_data()]
    h = dense_hessian(model, batches, mf.loss_fn)
    return np.linalg.eigvalsh(h.numpy())[::-1], h


def test_the_eigenpairs_trace_and_density_equal_the_dense_hessian(tmp_path: Path) -> None:
    m = model_file(tmp_path)
    spec = HessianSpec(m, tmp_path / "h.json", top_k=4, trace=True, density=True,
                       dtype="float64", tol=1e-8, trust=True)  # fmt: skip
    report = drain(run(prepare(spec)))
    values, h = reference(m)
    np.testing.assert_allclose(report["eigenvalues"], values[:4], rtol=1e-7)
    vecs = report["eigenvectors"].numpy()
    np.testing.assert_allclose(vecs @ h.numpy() @ vecs.T, np.diag(values[:4]), atol=1e-7)
    tr = report["trace"]
    assert abs(tr["estimate"] - float(np.trace(h.numpy()))) <= 4 * tr["stderr"]
    assert report["centre"] == "ckpt_1.pt" and report["parameters"] == len(h)
    first = drain(run(prepare(HessianSpec(m, tmp_path / "h.json", 2, at="ckpt_0.pt",
                                          dtype="float64", tol=1e-8))))  # fmt: skip
    np.testing.assert_allclose(first["eigenvalues"], reference(m, 0)[0][:2], rtol=1e-7)


@pytest.mark.slow
def test_the_command_writes_json_npz_and_a_figure(tmp_path: Path) -> None:
    m = model_file(tmp_path)
    out, npz, png = tmp_path / "h.json", tmp_path / "h.npz", tmp_path / "h.png"
    argv = [
        "--top-k",
        "3",
        "--trace",
        "--density",
        "--sharpness",
        "0.05",
        "--trust",
        "--log-density",
    ]
    p = run_main("hessian", str(m), *argv, "--out", str(out), "--npz", str(npz), "--png", str(png))
    assert p.returncode == 0, p.stderr
    assert "top 3 eigenvalues" in p.stdout
    report = json.loads(out.read_text())
    for key in ("eigenvalues", "trace", "density", "sharpness", "hvps", "seconds", "parameters",
                "model_sha256", "torch", "settings"):  # fmt: skip
        assert key in report, key
    assert report["sharpness"]["worst"] >= report["sharpness"]["sam"]
    x, y = np.asarray(report["density"]["x"]), np.asarray(report["density"]["y"])
    assert abs(np.trapezoid(y, x) - 1) < 1e-9
    data = np.load(npz)
    assert data["eigenvectors"].shape == (3, report["parameters"])
    np.testing.assert_allclose(np.linalg.norm(data["eigenvectors"], axis=1), 1, rtol=1e-6)
    assert list(data["names"]) == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert png.stat().st_size > 5000


@pytest.mark.slow
@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--top-k", "0"], "--top-k: must be in [1, 100]"),
        (["--at", "nowhere.pt"], "--at: no checkpoint 'nowhere.pt'"),
        (["--sharpness", "-1"], "--sharpness: must be > 0"),
        (["--png", "h.gif"], "must end in .png, .svg, .pdf"),
    ],
)
def test_bad_options_exit_2_with_one_line(tmp_path: Path, extra: list[str], says: str) -> None:
    m = model_file(tmp_path)
    p = run_main("hessian", str(m), "--out", str(tmp_path / "h.json"), "--trust", *extra,
                 cwd=tmp_path)  # fmt: skip
    assert p.returncode == 2 and says in p.stderr, p.stderr
    assert len(p.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_untrusted_files_never_run(tmp_path: Path) -> None:
    m = model_file(tmp_path)
    p = run_main("hessian", str(m), "--out", str(tmp_path / "h.json"))
    assert p.returncode == 2 and "trust" in p.stderr and not (tmp_path / "h.json").exists()


@pytest.mark.slow
def test_torchrun_ranks_split_the_samples_and_equal_one_process(tmp_path: Path) -> None:
    m = model_file(tmp_path)
    common = [str(ROOT / "main.py"), "hessian", str(m), "--top-k", "3", "--trace",
              "--dtype", "float64", "--tol", "1e-8", "--trust"]  # fmt: skip
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    one = subprocess.run([sys.executable, *common, "--out", str(tmp_path / "one.json")],
                         capture_output=True, text=True, env=env, timeout=300)  # fmt: skip
    assert one.returncode == 0, one.stderr
    env["SEEN_LOG"] = str(tmp_path / "seen")
    two = subprocess.run(
        [sys.executable, "-m", "torch.distributed.run", "--nproc-per-node", "2",
         "--master-port", "29533", *common, "--out", str(tmp_path / "two.json")],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert two.returncode == 0, two.stderr
    a, b = (json.loads((tmp_path / f"{n}.json").read_text()) for n in ("one", "two"))
    np.testing.assert_allclose(b["eigenvalues"], a["eigenvalues"], rtol=1e-9)
    assert b["hvps"] == a["hvps"] and b["world"] == 2 and b["samples"] == a["samples"] == 70
    assert b["trace"]["estimate"] == pytest.approx(a["trace"]["estimate"], rel=1e-9)
    for rank in (0, 1):  # every forward of a rank saw its half of each batch: 16, 16, 3
        seen = {int(n) for n in (tmp_path / f"seen.{rank}").read_text().split()}
        assert seen == {16, 3}, (rank, seen)


@pytest.mark.slow
def test_bench_hessian_prints_the_ratio_and_the_accuracy(tmp_path: Path) -> None:
    m = model_file(tmp_path)
    p = run_main("bench-hessian", "--model", str(m), "--trust", "--quick", "--repeat", "1",
                 "--top-k", "3")  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "| main.py hessian (Lanczos) |" in p.stdout and "speed-up over PyHessian" in p.stdout
    assert "| ARPACK eigsh (reference) |" in p.stdout
