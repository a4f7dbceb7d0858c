"""Your own losses: evaluated in a worker process, exact to your function called per point,
errors and hangs turned into messages, and nothing run before the file is trusted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
import torch

import explorer
from explorer.checks import RecipeError
from explorer.custom import custom_key, load_file, stop_all
from explorer.recipes import default_recipe
from tests.commands import run

LOSSES = '''
"""Losses of my own."""
import os
import time
import torch
from torch import nn

with open(os.environ["IMPORTED_BY"], "a") as f:  # who ran this file's code
    f.write(f"{os.getpid()}\\n")


def focal(input, target, gamma: float = 2.0, alpha: float = 0.25):
    """Binary focal loss on logits, summed."""
    p = torch.sigmoid(input)
    pt = p * target + (1 - p) * (1 - target)
    w = alpha * target + (1 - alpha) * (1 - target)
    bce = nn.functional.binary_cross_entropy_with_logits(input, target, reduction="none")
    return (w * (1 - pt) ** gamma * bce).sum()


class Charbonnier(nn.Module):
    def __init__(self, eps: float = 1e-3, reduction: str = "mean"):
        super().__init__()
        self.eps, self.reduction = eps, reduction

    def forward(self, input, target):
        v = torch.sqrt((input - target) ** 2 + self.eps**2)
        return v.mean() if self.reduction == "mean" else v.sum()


def branchy(input, target, scale: float = 1.0):
    """Not vmap-able: .item() decides."""
    d = (input - target) * scale
    return (d**2).sum() if d.abs().sum().item() > 1 else d.abs().sum()


def vector(input, target):
    return input - target


def raises(input, target):
    raise ValueError("my bug")


def nan(input, target):
    return (input - target).sum() * float("nan")


def hangs(input, target):
    while True:
        time.sleep(0.05)
'''


@pytest.fixture(scope="module")
def losses(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("custom")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LOSS_EXPLORER_TRUST", str(folder / "trust.json"))
        mp.setenv("IMPORTED_BY", str(folder / "imported.txt"))
        mp.setenv("LOSS_EXPLORER_CUSTOM_TIMEOUT", "3")
        path = folder / "mine.py"
        path.write_text(LOSSES)
        load_file(path, trust=True)
        yield path
        stop_all()


def mine(path: Path):
    """The file imported here, by the test, to call the functions directly."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("mine_direct", path)
    m = importlib.util.module_from_spec(spec)
    recorded = os.environ["IMPORTED_BY"]
    os.environ["IMPORTED_BY"] = os.devnull  # this import is the test's own, not the app's
    try:
        spec.loader.exec_module(m)
    finally:
        os.environ["IMPORTED_BY"] = recorded
    return m


def small(key: str, **params) -> dict:
    r = default_recipe(key)
    r["params"].update(params)
    for ax in r["axes"]:
        ax["num"] = 7
    return r


@pytest.mark.parametrize(
    "name, params, call",
    [
        ("focal", {"gamma": 1.5, "alpha": 0.4}, lambda m, p: lambda x, t: m.focal(x, t, **p)),
        ("Charbonnier", {"eps": 0.3, "reduction": "sum"}, lambda m, p: m.Charbonnier(**p)),
        ("branchy", {"scale": 0.7}, lambda m, p: lambda x, t: m.branchy(x, t, **p)),
    ],
)
def test_values_and_gradients_equal_your_function_per_point(losses, name, params, call) -> None:
    res = explorer.evaluate(small(custom_key(losses, name), **params))
    fn = call(mine(losses), params)
    r = res.recipe
    for iy, ix in [(0, 0), (3, 5), (6, 2)]:
        x = torch.tensor(r["inputs"]["input"], dtype=torch.float64, requires_grad=True)
        t = torch.tensor(r["inputs"]["target"], dtype=torch.float64, requires_grad=True)
        with torch.no_grad():
            x[0], t[0] = res.x[ix], res.y[iy]  # the default axes: input[0] x target[0]
        loss = torch.as_tensor(fn(x, t))
        gx, gt = torch.autograd.grad(loss, (x, t))
        np.testing.assert_allclose(res.loss[iy, ix], loss.item(), rtol=1e-7, atol=1e-12)
        np.testing.assert_allclose(res.grad[0, iy, ix], float(gx[0]), rtol=1e-7, atol=1e-12)
        np.testing.assert_allclose(res.grad[1, iy, ix], float(gt[0]), rtol=1e-7, atol=1e-12)


def test_your_code_runs_only_in_the_worker_process(losses) -> None:
    pids = {int(p) for p in Path(os.environ["IMPORTED_BY"]).read_text().split()}
    assert pids and os.getpid() not in pids


def test_bad_losses_get_messages_and_a_hang_is_stopped(losses) -> None:
    with pytest.raises(RecipeError, match=r"returns shape \(2,\); a scalar loss is due"):
        explorer.evaluate(small(custom_key(losses, "vector")))
    with pytest.raises(RecipeError, match="your loss raised ValueError: my bug"):
        explorer.evaluate(small(custom_key(losses, "raises")))
    res = explorer.evaluate(small(custom_key(losses, "nan")))
    assert "49 non-finite loss values" in " ".join(res.warnings)
    with pytest.raises(RecipeError, match=r"did not answer within 3 s \(a hang\?\)"):
        explorer.evaluate(small(custom_key(losses, "hangs")))
    again = explorer.evaluate(small(custom_key(losses, "focal")))  # a fresh worker
    assert np.isfinite(again.loss).all()


def test_trust_rules_and_reload(losses, tmp_path: Path) -> None:
    other = tmp_path / "other.py"
    other.write_text(LOSSES)
    with pytest.raises(RecipeError, match="has not been trusted yet"):
        load_file(other)
    key = custom_key(other, "focal")
    with pytest.raises(RecipeError, match="a recipe alone never runs code"):
        explorer.evaluate({"loss": key})
    load_file(other, trust=True)
    before = explorer.evaluate(small(key))
    other.write_text(LOSSES.replace("return (w * (1 - pt) ** gamma * bce).sum()", "return 2.0"))
    with pytest.raises(RecipeError, match="has changed since it was trusted"):
        load_file(other)
    load_file(other, trust=True)  # trusted again: the new code
    after = explorer.evaluate(small(key))
    assert np.all(after.loss == 2.0) and not np.all(before.loss == 2.0)


@pytest.mark.slow
def test_render_custom_on_the_command_line(losses, tmp_path: Path) -> None:
    p = run("render", "--custom", f"{losses}:Charbonnier", "--set", "eps=0.5",
            "--out", "c.png", "--out", "c.json", cwd=tmp_path)  # fmt: skip
    assert p.returncode == 0, p.stderr
    saved = json.loads((tmp_path / "c.json").read_text())
    assert saved["loss"] == custom_key(losses, "Charbonnier") and saved["params"]["eps"] == 0.5
    again = run("render", "--recipe", "c.json", "--out", "d.npz", cwd=tmp_path)
    assert again.returncode == 0, again.stderr  # the file is trusted as it is
    d = np.load(tmp_path / "d.npz")
    np.testing.assert_array_equal(d["loss"], explorer.evaluate(saved).loss)
