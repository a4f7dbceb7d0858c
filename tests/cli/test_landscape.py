"""Model landscapes: every stored loss is the model's loss at theta + a*d1 + b*d2 computed from
scratch; the file is in Li et al.'s layout, resumes where it stopped and refuses other settings;
the model file runs only once trusted; torchrun's ranks merge to the one-process file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest
import torch

from explorer.checks import RecipeError
from explorer.cli import parser
from explorer.landscape import store
from explorer.landscape.command import fix_negative_values, prepare, run
from explorer.landscape.directions import random_direction
from explorer.landscape.evaluate import loss_from_scratch
from explorer.trust import TrustStore, require_trust
from tests.commands import ROOT
from tests.commands import run as run_main

EXAMPLE = ROOT / "resources" / "models" / "digits_mlp.py"

BATCHED_MODEL = """
import torch
from torch import nn

def build_model():
    torch.manual_seed(1)
    return nn.Sequential(nn.Linear(5, 16), nn.Tanh(), nn.Linear(16, 3))

def eval_data():
    g = torch.Generator().manual_seed(2)
    x = torch.randn(70, 5, generator=g)
    y = torch.randint(0, 3, (70,), generator=g)
    return [(x[i:i + 32], y[i:i + 32]) for i in range(0, 70, 32)]  # batches of 32, 32, 6

def loss_fn(output, target):
    return nn.functional.cross_entropy(output, target)

def accuracy(output, target):
    return (output.argmax(-1) == target).float().mean()
"""


@pytest.fixture(autouse=True)
def trust_store(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "trust.json"
    monkeypatch.setenv("LOSS_EXPLORER_TRUST", str(path))
    return path


def args(*argv: str):
    return parser().parse_args(fix_negative_values(["landscape", *argv]))


def drain(gen):
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


def model_file(tmp_path: Path, text: str = BATCHED_MODEL, name: str = "m.py") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


@pytest.mark.parametrize("directions", ["random", "pca"])
def test_stored_losses_equal_the_model_from_scratch(tmp_path: Path, directions: str) -> None:
    out = tmp_path / "l.h5"
    rng = "-1:1" if directions == "random" else "-6:6"
    job = prepare(
        args(
            str(EXAMPLE),
            "--grid",
            "9x7",
            "--range",
            rng,
            "--directions",
            directions,
            "--out",
            str(out),
            "--trust",
        )
    )
    drain(run(job))
    with h5py.File(out, "r") as f:
        loss, acc = f["train_loss"][()], f["train_acc"][()]
        assert loss.shape == (7, 9) and f["rows_done"][()].all()
        plan = store.read_plan(f)
    model = job.model_file.build_model()
    batches = job.model_file.eval_data()
    rng_ = np.random.default_rng(0)
    for _ in range(6):
        iy, ix = rng_.integers(7), rng_.integers(9)
        want = loss_from_scratch(
            model, plan, batches, job.model_file.loss_fn, plan.xs[ix], plan.ys[iy]
        )
        np.testing.assert_allclose(loss[iy, ix], want, rtol=1e-5)
    assert np.all((acc >= 0) & (acc <= 100))  # percent, as Li et al.'s files hold it
    x, y = batches[0]
    plan_model = job.evaluator
    plan_model.set_point(float(plan.xs[3]), float(plan.ys[2]))
    with torch.no_grad():
        out = plan_model.model(x.to(plan_model.device))
    right = (out.argmax(-1).cpu() == y).float().mean().item()
    np.testing.assert_allclose(acc[2, 3], 100.0 * right, rtol=1e-6)
    if directions == "pca":
        assert plan.trajectory.shape == (7, 2) and np.all(plan.trajectory[-1] == 0)


def test_batches_vmap_and_the_1d_line(tmp_path: Path) -> None:
    m = model_file(tmp_path)
    one = prepare(args(str(m), "--grid", "8x5", "--out", str(tmp_path / "a.h5"), "--trust"))
    drain(run(one))
    many = prepare(
        args(str(m), "--grid", "8x5", "--out", str(tmp_path / "b.h5"), "--points-per-forward", "3")
    )
    assert many.evaluator.points == 3
    drain(run(many))
    a, b = store.read(tmp_path / "a.h5"), store.read(tmp_path / "b.h5")
    np.testing.assert_allclose(b["train_loss"], a["train_loss"], rtol=1e-5)
    plan = many.evaluator.plan
    want = loss_from_scratch(
        one.model_file.build_model(),
        plan,
        one.model_file.eval_data(),
        one.model_file.loss_fn,
        plan.xs[5],
        plan.ys[2],
    )
    np.testing.assert_allclose(a["train_loss"][2, 5], want, rtol=1e-5)
    line = prepare(args(str(m), "--dims", "1", "--grid", "12", "--out", str(tmp_path / "c.h5")))
    drain(run(line))
    c = store.read(tmp_path / "c.h5")
    assert c["train_loss"].shape == (12,) and "ycoordinates" not in c
    np.testing.assert_allclose(
        c["train_loss"][6],
        loss_from_scratch(
            line.model_file.build_model(),
            line.evaluator.plan,
            line.model_file.eval_data(),
            line.model_file.loss_fn,
            line.evaluator.plan.xs[6],
        ),
        rtol=1e-5,
    )


def test_filter_normalization_and_fixed_biases() -> None:
    w = {"w": torch.randn(4, 3) * torch.tensor([[1.0], [2.0], [3.0], [4.0]]), "b": torch.ones(4)}
    d = random_direction(w, torch.Generator().manual_seed(0), keep_bias=False)
    np.testing.assert_allclose(d["w"].norm(dim=1), w["w"].norm(dim=1), rtol=1e-5)
    assert torch.all(d["b"] == 0)
    kept = random_direction(w, torch.Generator().manual_seed(0), keep_bias=True)
    assert torch.equal(kept["b"], w["b"])


def test_a_stopped_run_resumes_and_other_settings_are_refused(tmp_path: Path) -> None:
    m = model_file(tmp_path)
    out = tmp_path / "r.h5"
    argv = [str(m), "--grid", "6x6", "--out", str(out), "--trust"]
    gen = run(prepare(args(*argv)))
    for _ in range(3):  # three rows, then the run stops (cancel, a crash)
        next(gen)
    gen.close()
    assert store.read(out)["rows_done"].sum() == 3
    report = drain(run(prepare(args(*argv))))
    assert report["resumed"] == 3 and report["rows"] == 3
    drain(run(prepare(args(*[a if a != str(out) else str(tmp_path / "w.h5") for a in argv]))))
    np.testing.assert_array_equal(
        store.read(out)["train_loss"], store.read(tmp_path / "w.h5")["train_loss"]
    )
    with pytest.raises(RecipeError, match=r"other settings \(grid, range\)"):
        drain(run(prepare(args(str(m), "--grid", "5", "--range", "-2:2", "--out", str(out)))))


def test_li_et_al_layout(tmp_path: Path) -> None:
    m = model_file(tmp_path)
    out = tmp_path / "li.h5"
    drain(run(prepare(args(str(m), "--grid", "4x3", "--out", str(out), "--seed", "7", "--trust"))))
    with h5py.File(out, "r") as f:
        assert f["xcoordinates"].shape == (4,) and f["ycoordinates"].shape == (3,)
        assert f["train_loss"].shape == (3, 4)  # [iy, ix]
        assert set(f["directions/x"]) == {"0.weight", "0.bias", "2.weight", "2.bias"}
        assert np.all(f["directions/y/0.bias"][()] == 0)
        s = json.loads(f.attrs["settings"])
        assert s["seed"] == 7 and f.attrs["model_sha256"] == s["model_sha256"]


def test_the_model_file_runs_only_when_trusted(tmp_path: Path, trust_store: Path) -> None:
    m = model_file(tmp_path)
    with pytest.raises(RecipeError, match="has not been trusted yet"):
        prepare(args(str(m), "--out", str(tmp_path / "x.h5")))
    asked = []
    require_trust(m, ask=lambda f, sha, changed: asked.append(changed) or True)
    assert asked == [False] and TrustStore().is_trusted(m)
    m.write_text(BATCHED_MODEL + "\n# edited\n")
    with pytest.raises(RecipeError, match="has changed since it was trusted"):
        prepare(args(str(m), "--out", str(tmp_path / "x.h5")))
    bad = model_file(tmp_path, "raise ValueError('no data here')\n", "bad.py")
    with pytest.raises(RecipeError, match="raised ValueError on import: no data here"):
        prepare(args(str(bad), "--out", str(tmp_path / "x.h5"), "--trust"))
    half = model_file(tmp_path, "def build_model(): pass\n", "half.py")
    with pytest.raises(RecipeError, match="must define eval_data, loss_fn"):
        prepare(args(str(half), "--out", str(tmp_path / "x.h5"), "--trust"))


@pytest.mark.slow
def test_concurrent_trust_writes_keep_the_store_whole(tmp_path: Path, trust_store: Path) -> None:
    files = [model_file(tmp_path, f"# {k}\n", f"f{k}.py") for k in range(8)]
    code = (
        "import sys; from explorer.trust import TrustStore; from pathlib import Path; "
        "TrustStore().trust(Path(sys.argv[1]))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", code, str(f)], env=env) for f in files]
    assert all(p.wait(60) == 0 for p in procs)
    entries = json.loads(trust_store.read_text())
    assert set(entries) == {str(f.resolve()) for f in files}


@pytest.mark.slow
def test_command_line_range_png_npz_and_errors(tmp_path: Path, trust_store: Path) -> None:
    env_args = ["--grid", "5", "--range", "-0.5:0.5", "--trust"]
    p = run_main(
        "landscape",
        str(EXAMPLE),
        *env_args,
        "--out",
        "l.h5",
        "--png",
        "l.png",
        "--npz",
        "l.npz",
        cwd=tmp_path,
    )
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "l.png").stat().st_size > 1000
    z = np.load(tmp_path / "l.npz")
    assert z["train_loss"].shape == (5, 5) and z["xcoordinates"][0] == -0.5
    for extra, says in [
        (["--range", "1:-1"], "--range: must be finite with LOW < HIGH"),
        (["--grid", "1"], "--grid: each side must be in [2,"),
        (["--directions", "line"], "--dims: the line between two checkpoints is 1-D"),
        (["--out", "x.txt"], "--out: must end in .h5"),
        (["--png", "x.gif"], "--png: 'x.gif': must end in .png, .svg, .pdf"),
    ]:
        p = run_main("landscape", str(EXAMPLE), "--out", "e.h5", "--trust", *extra, cwd=tmp_path)
        assert p.returncode == 2 and says in p.stderr, (extra, p.stderr)
        assert len(p.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_torchrun_ranks_merge_to_the_one_process_file(tmp_path: Path) -> None:
    m = model_file(tmp_path)
    common = [str(ROOT / "main.py"), "landscape", str(m), "--grid", "6x5", "--trust"]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    one = subprocess.run(
        [sys.executable, *common, "--out", str(tmp_path / "one.h5")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert one.returncode == 0, one.stderr
    two = subprocess.run(
        [
            sys.executable,
            "-m",
            "torch.distributed.run",
            "--nproc-per-node",
            "2",
            "--master-port",
            "29531",
            *common,
            "--out",
            str(tmp_path / "two.h5"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert two.returncode == 0, two.stderr
    a, b = _datasets(tmp_path / "one.h5"), _datasets(tmp_path / "two.h5")
    assert set(a) == set(b) and {"train_loss", "train_acc", "rows_done"} <= set(a)
    assert np.isfinite(b["train_acc"]).all() and b["rows_done"].all()
    for name in a:  # every dataset: losses to float rounding, everything else bit for bit
        if name == "train_loss":
            np.testing.assert_allclose(b[name], a[name], rtol=1e-6)
        else:
            np.testing.assert_array_equal(b[name], a[name], err_msg=name)
    assert not list(tmp_path.glob("two.h5.part*"))  # rank 0 merged and removed the parts


def _datasets(path: Path) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda n, d: out.update({n: d[()]}) if isinstance(d, h5py.Dataset) else None)
    return out


@pytest.mark.slow
def test_bench_landscape_short() -> None:
    p = run_main("bench-landscape", "--grid", "3")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert "99,126 parameters, 1,797 samples, 3x3 grid" in out
    # the command as a user runs it, in its own process, with its phases, beside the floor
    assert "main.py landscape digits_mlp_wide.py --grid 3" in out
    assert out.count("round ") == 2 and "start and imports" in out and "rows" in out
    assert "floor process" in out.split("round 2")[1]  # timed in each round
    # the rows against the floor, and the whole process against a process that only does that
    assert re.search(r"rows, accuracy and file: +[\d.]+ ms a point += [\d.]+x the floor", out)
    assert re.search(r"whole process: [\d.]+ s = [\d.]+x the floor process", out)
    assert "loss-landscapes 3.0.6" in out and "faster" in out


def test_bfloat16_preview_and_out_of_memory_halving(tmp_path: Path, monkeypatch) -> None:
    m = model_file(tmp_path)
    full = prepare(args(str(m), "--grid", "5", "--out", str(tmp_path / "f.h5"), "--trust"))
    drain(run(full))
    quick = prepare(
        args(str(m), "--grid", "5", "--out", str(tmp_path / "q.h5"), "--dtype", "bfloat16")
    )
    drain(run(quick))
    f, q = store.read(tmp_path / "f.h5"), store.read(tmp_path / "q.h5")
    np.testing.assert_allclose(q["train_loss"], f["train_loss"], rtol=0.05)
    assert not np.array_equal(q["train_loss"], f["train_loss"])  # it did run in bfloat16
    ev = prepare(
        args(str(m), "--grid", "5", "--out", str(tmp_path / "o.h5"), "--points-per-forward", "4")
    ).evaluator
    real = type(ev)._row_batched
    calls = []

    def once_out_of_memory(self, b):
        calls.append(self.points)
        if len(calls) == 1:
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return real(self, b)

    monkeypatch.setattr(type(ev), "_row_batched", once_out_of_memory)
    loss, _ = ev.row(0.0)
    assert calls == [4, 2] and ev.notes == ["out of memory: 2 points per forward"]
    np.testing.assert_allclose(loss, f["train_loss"][2], rtol=1e-5)  # b = 0: the middle row


@pytest.mark.parametrize("grid, dims", [("5", "2"), ("6x4", "2"), ("7", "1")])
def test_read_as_li_et_al_plotting_scripts_read(tmp_path: Path, grid: str, dims: str) -> None:
    """plot_2D.py, plot_1D.py and h52vtp.py read xcoordinates, ycoordinates, train_loss and
    train_acc with `f[name][:]`, mesh them with np.meshgrid(x, y) and plot the accuracy (and
    `100 - train_acc` as the error) on a 0-100 axis: read our file the same way."""
    out = tmp_path / "li.h5"
    drain(
        run(
            prepare(
                args(str(EXAMPLE), "--grid", grid, "--dims", dims, "--out", str(out), "--trust")
            )
        )
    )
    with h5py.File(out, "r") as f:
        x = f["xcoordinates"][:]
        loss, acc = np.array(f["train_loss"][:]), np.array(f["train_acc"][:])
        if dims == "2":
            y = f["ycoordinates"][:]
            xx, yy = np.meshgrid(x, y)
            assert xx.shape == yy.shape == loss.shape == acc.shape  # Z[iy, ix]
        else:
            assert "ycoordinates" not in f and loss.shape == acc.shape == x.shape
    err = 100 - acc
    assert np.all((acc >= 0) & (acc <= 100)) and np.all((err >= 0) & (err <= 100))
    assert acc.max() > 50  # the trained digits model: a percentage, not a fraction


def test_two_lanes_on_the_cpu_equal_one(tmp_path: Path, monkeypatch) -> None:
    """Two grid points in flight (a second copy of the model, each forward on one thread) give
    the row one lane gives, in its order, accuracy included."""
    import explorer.landscape.evaluate as evaluate

    job = prepare(args(str(EXAMPLE), "--grid", "7x3", "--out", str(tmp_path / "a.h5"), "--trust"))
    ev = job.evaluator
    if torch.get_num_threads() < 2:
        torch.set_num_threads(2)
    two = ev.row(0.25)
    assert ev._lanes() == 2 and ev._twin  # the two-lane path ran
    monkeypatch.setattr(evaluate, "TWIN_BYTES", 0)  # too big for a twin: one lane
    ev._twin = None
    one = ev.row(0.25)
    assert ev._lanes() == 1
    np.testing.assert_allclose(two[0], one[0], rtol=1e-6)
    np.testing.assert_array_equal(two[1], one[1])


def test_a_landscape_spec_refuses_what_the_command_refuses(tmp_path: Path) -> None:
    from explorer.landscape.spec import LandscapeSpec

    m, out = tmp_path / "m.py", tmp_path / "o.h5"
    for bad, field in (
        ({"directions": "hessain"}, "--directions"),
        ({"device": "tpu"}, "--device"),
        ({"dims": 3}, "--dims"),
        ({"directions": "line"}, "--dims"),  # a line is 1-D
    ):
        with pytest.raises(RecipeError) as e:
            LandscapeSpec(m, out, **bad)
        assert e.value.field == field
    assert LandscapeSpec.from_args(args(str(m), "--grid", "7x3", "--out", str(out))).grid == (7, 3)


FAULTS = """
import resource, sys
import torch
from explorer.cli import parser
from explorer.landscape.command import fix_negative_values, prepare
from explorer.landscape.heap import keep_freed_memory

print(keep_freed_memory())
torch.set_num_threads(2)
argv = ["landscape", sys.argv[1], "--grid", "9", "--trust", "--out", sys.argv[2]]
ev = prepare(parser().parse_args(fix_negative_values(argv))).evaluator
for b in ev.plan.ys:  # the first pass: the twin, its thread, the memory touched a first time
    ev.row(float(b))
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for b in ev.plan.ys:  # the second pass needs no memory the first did not
    ev.row(float(b))
print(ev._lanes(), (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 81)
"""


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_the_second_lane_keeps_its_memory(tmp_path: Path, trust_store: Path) -> None:
    """With the command's malloc settings, the second lane no longer faults its activations in
    at every grid point: 0-6 page faults a point of the wide MLP on a second pass over the grid,
    against 23-107 without them (30 to 950 in a 51x51 command).
    In a process of its own: the settings are for the command's process, not the tests'."""
    from explorer.devtools.bench_landscape import bench_model

    model, _, env = bench_model(tmp_path, None, False)
    env["PYTHONPATH"] = str(ROOT)
    p = subprocess.run(
        [sys.executable, "-c", FAULTS, str(model), str(tmp_path / "f.h5")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert p.returncode == 0, p.stderr
    took, lanes_faults = p.stdout.split("\n")[:2]
    lanes, faults = lanes_faults.split()
    assert took == "True" and lanes == "2"
    # a 64-300-256-10 forward of 1,797 samples touches about 900 pages of activations
    assert float(faults) < 15


def test_the_command_sets_the_heap_up_for_its_own_process(tmp_path: Path, monkeypatch) -> None:
    import explorer.landscape.command as command

    calls = []
    monkeypatch.setattr(command, "keep_freed_memory", lambda: calls.append(1) or True)
    p = model_file(tmp_path)
    code = command.cmd_landscape(
        args(str(p), "--grid", "3", "--trust", "--out", str(tmp_path / "c.h5")), None
    )
    assert code == 0 and calls == [1]


@pytest.mark.slow
def test_the_floor_process_must_compute_the_commands_grid(monkeypatch, capsys) -> None:
    """The bench's floor process is checked against the command's file: one that evaluated
    other weights (here the x steps made half as long again) is refused, not timed."""
    from explorer.devtools import bench_landscape

    wrong = bench_landscape.FLOOR_PROCESS.replace("alpha=a,", "alpha=a * 1.5,")
    assert wrong != bench_landscape.FLOOR_PROCESS
    monkeypatch.setattr(bench_landscape, "FLOOR_PROCESS", wrong)
    assert bench_landscape.main(["--grid", "3", "--repeat", "2", "--no-loss-landscapes"]) == 1
    assert "floor process's mean loss" in capsys.readouterr().err
