"""Optimizer paths: every step is what torch.optim does with torch's own loss module at that
point (replayed here from scratch), paths stop where they leave the grid or the loss is not
finite, and `main.py record --optimizer` writes the animation, its data and a recipe that
reproduces it."""

from __future__ import annotations

import json
from pathlib import Path

import imageio.v2 as imageio
import numpy as np
import pytest
import torch

import explorer
from explorer.checks import RecipeError
from explorer.studies.paths import PathsSpec, parse_optimizer, paths
from tests.commands import run

OPTIMIZERS = {
    "sgd:lr=0.05,momentum=0.9,nesterov=true": (
        torch.optim.SGD,
        {"lr": 0.05, "momentum": 0.9, "nesterov": True},
    ),
    "adam:lr=0.05,betas=0.8/0.99": (torch.optim.Adam, {"lr": 0.05, "betas": (0.8, 0.99)}),
    "adamw:lr=0.02,weight_decay=0.1": (torch.optim.AdamW, {"lr": 0.02, "weight_decay": 0.1}),
    "rmsprop:lr=0.01,momentum=0.5": (torch.optim.RMSprop, {"lr": 0.01, "momentum": 0.5}),
    "adagrad:lr=0.3": (torch.optim.Adagrad, {"lr": 0.3}),
    "lbfgs:lr=0.5,max_iter=5": (torch.optim.LBFGS, {"lr": 0.5, "max_iter": 5}),
}


def surface(loss: str, inputs: dict, axes: list[tuple[str, float, float]], **params) -> dict:
    r = explorer.default_recipe(loss)
    r["params"].update(params)
    r["inputs"] = inputs
    r["axes"] = [{"slot": s, "start": a, "stop": b, "num": 16} for s, a, b in axes]
    return r


CASES = {
    "mse 2-D": surface(
        "MSELoss",
        {"input": [1.0, 2.0, 0.5], "target": [0.0, 0.5, 0.0]},
        [("input[0]", -3, 3), ("input[1]", -3, 3)],
    ),
    "huber curve, sum": surface(
        "HuberLoss",
        {"input": [2.5, -1.0], "target": [0.0, 0.0]},
        [("input[0]", -4, 4)],
        reduction="sum",
        delta=0.7,
    ),
    "cross entropy, logits of one sample": surface(
        "CrossEntropyLoss",
        {"input": [[0.5, -0.5, 1.0]], "target": [2]},
        [("input[0,0]", -4, 4), ("input[0,2]", -4, 4)],
        label_smoothing=0.1,
    ),
    "triplet, reduction none": surface(
        "TripletMarginLoss",
        {
            "anchor": [[0.0, 0.0]],
            "positive": [[1.0, 0.5]],
            "negative": [[0.3, 0.2]],
        },
        [("negative[0,0]", -3, 3), ("negative[0,1]", -3, 3)],
        reduction="none",
    ),
}


def replay(recipe: dict, cls: type, kw: dict, start: list[float], steps: int) -> np.ndarray:
    """The same path from scratch: torch.nn.<Loss>, the inputs rebuilt from the recipe's lists
    at every step with the swept elements taken from the optimized tensor."""
    params = {k: v for k, v in recipe["params"].items() if v is not None}
    module = getattr(torch.nn, recipe["loss"])(**params)
    slots = []
    for ax in recipe["axes"]:
        name, idx = ax["slot"].rstrip("]").split("[")
        slots.append((name, tuple(int(i) for i in idx.split(","))))
    x = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = cls([x], **kw)

    def loss() -> torch.Tensor:
        args = []
        for name, value in recipe["inputs"].items():
            t = torch.tensor(
                value,
                dtype=torch.int64
                if name == "target" and recipe["loss"] == "CrossEntropyLoss"
                else torch.float64,
            )
            if t.is_floating_point():
                flat = list(t.reshape(-1).unbind())
                for k, (slot_name, idx) in enumerate(slots):
                    if slot_name == name:
                        flat[int(np.ravel_multi_index(idx, t.shape))] = x[k]
                t = torch.stack(flat).reshape(t.shape)
            args.append(t)
        out = module(*args)
        return out.sum()

    def closure() -> torch.Tensor:
        opt.zero_grad()
        value = loss()
        value.backward()
        return value

    points = [x.detach().numpy().copy()]
    for _ in range(steps):
        opt.step(closure)
        points.append(x.detach().numpy().copy())
    return np.array(points)


@pytest.mark.parametrize("case", CASES)
def test_every_step_is_torch_optim_on_torch_loss(case: str) -> None:
    recipe = CASES[case]
    start = [1.5, -1.0][: len(recipe["axes"])]
    spec = PathsSpec.make(list(OPTIMIZERS), start, 25)
    rec = paths(recipe, spec)
    assert rec.points.shape == (len(OPTIMIZERS), 26, len(start))
    for i, (cls, kw) in enumerate(OPTIMIZERS.values()):
        n = 26 if not rec.stopped[i] else int(np.isfinite(rec.points[i, :, 0]).sum())
        want = replay(recipe, cls, kw, start, n - 1)
        np.testing.assert_allclose(rec.points[i, :n], want, rtol=1e-12, atol=1e-14, err_msg=case)
    assert np.all(np.isfinite(rec.loss[~np.isnan(rec.points[..., 0])]))


def test_path_loss_is_the_loss_at_each_point() -> None:
    recipe = CASES["mse 2-D"]
    rec = paths(recipe, PathsSpec.make(["adam:lr=0.2"], [2.0, 2.0], 10))
    inp = torch.tensor(recipe["inputs"]["input"], dtype=torch.float64)
    target = torch.tensor(recipe["inputs"]["target"], dtype=torch.float64)
    for k in (0, 4, 10):
        inp[0], inp[1] = (float(v) for v in rec.points[0, k])
        assert rec.loss[0, k] == float(torch.nn.MSELoss()(inp, target))
    assert rec.loss[0, -1] < rec.loss[0, 0]  # Adam went down hill


def test_a_path_that_leaves_the_grid_stops_there() -> None:
    rec = paths(CASES["mse 2-D"], PathsSpec.make(["sgd:lr=5", "sgd:lr=0.1"], [2.0, -2.0], 20))
    assert rec.stopped[0] == "left the grid at step 1" and rec.stopped[1] == ""
    assert np.isnan(rec.points[0, 2:]).all() and np.isfinite(rec.points[0, :2]).all()
    assert np.isfinite(rec.points[1]).all()


@pytest.mark.parametrize(
    "loss, axes, says",
    [
        ("BCELoss", ["input[0]", "input[1]"], "all elements of input should be between 0 and 1"),
        ("GaussianNLLLoss", ["input[0]", "var[0]"], "var has negative entry"),
    ],
)
@pytest.mark.parametrize("optimizer", ["sgd:lr=50", "lbfgs:lr=50"])
def test_a_path_that_leaves_the_losss_domain_stops_there(loss, axes, says, optimizer) -> None:
    """torch refuses the point: that path stops with torch's words, the others run on."""
    r = explorer.default_recipe(loss)
    r["axes"] = [
        {"slot": a, "start": 0.05, "stop": 0.95, "num": 8}
        if a != "input[0]" or loss == "BCELoss"
        else {"slot": a, "start": -2.0, "stop": 2.0, "num": 8}
        for a in axes
    ]
    start = [0.5, 0.5]
    rec = paths(r, PathsSpec.make([optimizer, "sgd:lr=0.001"], start, 10))
    assert rec.stopped[0].startswith("left the loss's domain") and says in rec.stopped[0]
    assert rec.stopped[1] == "" and np.isfinite(rec.points[1]).all()
    assert np.isfinite(rec.points[0, 0]).all()


def test_the_default_start_is_the_recipes_own_point() -> None:
    rec = paths(CASES["mse 2-D"], PathsSpec.make(["sgd:lr=0.1"], None, 3))
    np.testing.assert_array_equal(rec.points[0, 0], [1.0, 2.0])


@pytest.mark.parametrize(
    "text, says",
    [
        ("nadamw", "unknown optimizer"),
        ("sgd:lr=-1", "Invalid learning rate"),
        ("adam:bogus=1", "adam has no setting 'bogus'"),
        ("adam:lr=fast", "not a number"),
        ("adam:lr=inf", "must be finite"),
        ("sgd:momentum", "has no setting"),
    ],
)
def test_bad_optimizer_specs_name_the_flag(text: str, says: str) -> None:
    with pytest.raises(RecipeError, match=says) as e:
        parse_optimizer(text)
    assert e.value.field == "--optimizer"


def test_parameter_and_class_index_slots_are_refused() -> None:
    r = explorer.default_recipe("TripletMarginLoss")
    r["axes"] = [{"slot": "margin", "start": 0.1, "stop": 2, "num": 8}]
    with pytest.raises(RecipeError, match="parameter of the loss"):
        paths(r, PathsSpec.make(["sgd"], None, 3))
    r = explorer.default_recipe("CrossEntropyLoss")
    r["inputs"] = {"input": [[0.1, 0.2]], "target": [1]}
    r["axes"] = [{"slot": "target[0]", "start": 0, "stop": 1, "num": 2}]
    with pytest.raises(RecipeError, match="class indices"):
        paths(r, PathsSpec.make(["sgd"], None, 3))


@pytest.mark.slow
def test_record_optimizers_writes_animation_data_and_a_reproducing_recipe(tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text(json.dumps(CASES["mse 2-D"]))
    common = ["--out", "p.gif", "--width", "320", "--height", "240"]
    p = run(
        "record",
        "--recipe",
        "r.json",
        "--optimizer",
        "sgd:lr=0.1,momentum=0.9",
        "--optimizer",
        "adam:lr=0.1",
        "--start",
        "2.5,-2",
        "--steps",
        "12",
        *common,
        cwd=tmp_path,
    )
    assert p.returncode == 0, p.stderr
    frames = imageio.mimread(tmp_path / "p.gif")
    assert len(frames) == 13 and frames[0].shape[:2] == (240, 320)
    assert not np.array_equal(frames[0], frames[-1])  # the paths grow
    data = np.load(tmp_path / "p.npz")
    assert data["paths"].shape == (2, 13, 2) and data["path_loss"].shape == (2, 13)
    assert json.loads(str(data["optimizers"])) == ["sgd:lr=0.1,momentum=0.9", "adam:lr=0.1"]
    assert data["loss"].shape == (16, 16)
    saved = json.loads((tmp_path / "p.json").read_text())
    assert saved["paths"] == {
        "optimizers": ["sgd:lr=0.1,momentum=0.9", "adam:lr=0.1"],
        "start": [2.5, -2.0],
        "steps": 12,
    }
    again = run("record", "--recipe", "p.json", "--out", "q.mp4", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    np.testing.assert_array_equal(np.load(tmp_path / "q.npz")["paths"], data["paths"])


@pytest.mark.slow
def test_record_optimizer_errors_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text(json.dumps(CASES["mse 2-D"]))
    base = ["record", "--recipe", "r.json", "--out", "p.gif"]
    for extra, says in [
        (["--optimizer", "sgd", "--start", "1"], "--start: give 2 coordinate(s)"),
        (["--optimizer", "sgd", "--start", "a,b"], "--start: must be X or X,Y"),
        (["--optimizer", "sgd", "--steps", "0"], "--optimizer.steps: must be in [1,"),
        (["--optimizer", "sgd", "--vary", "params.reduction=0:1:3"], "not both"),
    ]:
        p = run(*base, *extra, cwd=tmp_path)
        assert p.returncode == 2 and says in p.stderr, (extra, p.stderr)
        assert len(p.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("dtype", ["float32", "bfloat16"])
def test_paths_in_lower_precision_keep_torchs_values(dtype: str) -> None:
    """numpy has no bfloat16: points come back as float64, which holds them exactly."""
    r = {**CASES["mse 2-D"], "dtype": dtype}
    rec = paths(r, PathsSpec.make(["sgd:lr=0.1"], [2.0, -2.0], 5))
    assert rec.stopped == [""] and rec.points.dtype == np.float64
    p = torch.tensor([2.0, -2.0], dtype=getattr(torch, dtype), requires_grad=True)
    assert np.array_equal(rec.points[0, 0], p.detach().double().numpy())
