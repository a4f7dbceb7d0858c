"""Activation, then loss: values and gradients are torch's module applied to the activation of
the swept logit, per point; NLLLoss after log_softmax is CrossEntropyLoss, and BCELoss after a
sigmoid saturates where BCEWithLogitsLoss does not."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

import explorer
from explorer.checks import RecipeError
from explorer.losses.compose import twin_recipe, twin_text
from resources import example_recipes

CASES = [
    ("BCELoss", "sigmoid", {"input": [0.3, -1.0], "target": [1.0, 0.0]}, ["input[0]", "input[1]"]),
    ("MSELoss", "sigmoid", {"input": [0.3], "target": [0.9]}, ["input[0]", "target[0]"]),
    ("NLLLoss", "log_softmax", {"input": [[1.0, 0.2, -0.5]], "target": [2]},
     ["input[0,0]", "input[0,2]"]),
    ("KLDivLoss", "log_softmax", {"input": [1.0, 0.2, -0.5], "target": [0.2, 0.5, 0.3]},
     ["input[0]", "input[1]"]),
    ("CrossEntropyLoss", "softmax", {"input": [[1.0, 0.2, -0.5]], "target": [1]},
     ["input[0,0]", "input[0,1]"]),
]  # fmt: skip


def recipe(loss, activation, inputs, slots, num=9) -> dict:
    r = explorer.default_recipe(loss)
    r.update(activation=activation, inputs=inputs)
    r["axes"] = [{"slot": s, "start": -3.0, "stop": 2.0, "num": num} for s in slots]
    return r


def _act(name: str, t: torch.Tensor) -> torch.Tensor:
    if name == "sigmoid":
        return torch.sigmoid(t)
    dim = 0 if t.ndim == 1 else 1
    return torch.softmax(t, dim) if name == "softmax" else torch.log_softmax(t, dim)


@pytest.mark.parametrize("loss, activation, inputs, slots", CASES)
def test_values_and_gradients_through_the_activation(loss, activation, inputs, slots) -> None:
    res = explorer.evaluate(recipe(loss, activation, inputs, slots))
    r = res.recipe
    module = getattr(torch.nn, loss)(**{k: v for k, v in r["params"].items() if v is not None})
    for iy, ix in [(0, 0), (4, 7), (8, 3)]:
        tensors = {}
        for name, value in r["inputs"].items():
            index = name == "target" and loss in ("NLLLoss", "CrossEntropyLoss")
            t = torch.tensor(value, dtype=torch.int64 if index else torch.float64)
            tensors[name] = t if index else t.requires_grad_(True)
        leaves = []
        for k, slot in enumerate(slots):
            name, idx = slot.rstrip("]").split("[")
            with torch.no_grad():
                tensors[name][tuple(int(i) for i in idx.split(","))] = (res.x, res.y)[k][
                    (ix, iy)[k]
                ]
            leaves.append((name, tuple(int(i) for i in idx.split(","))))
        args = dict(tensors, input=_act(activation, tensors["input"]))
        out = module(*(args[a] for a in r["inputs"]))
        grads = torch.autograd.grad(out, [tensors[n] for n, _ in leaves], allow_unused=True)
        np.testing.assert_allclose(res.loss[iy, ix], out.item(), rtol=1e-7, atol=1e-12)
        for k, ((_, idx), g) in enumerate(zip(leaves, grads, strict=True)):
            np.testing.assert_allclose(res.grad[k, iy, ix], g[idx].item(), rtol=1e-7, atol=1e-12)


def test_nll_after_log_softmax_is_cross_entropy() -> None:
    res = explorer.evaluate(recipe(*CASES[2], num=33))
    twin = explorer.evaluate(twin_recipe(res.recipe))
    assert twin.recipe["loss"] == "CrossEntropyLoss"
    np.testing.assert_allclose(res.loss, twin.loss, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(res.grad, twin.grad, rtol=1e-9, atol=1e-12)
    assert twin_text(res.recipe, res.surface, twin.surface).startswith(
        "NLLLoss after log_softmax equals CrossEntropyLoss"
    )


def test_bce_after_sigmoid_saturates_where_bce_with_logits_does_not() -> None:
    path = next(p for p in example_recipes() if p.stem == "bce_after_sigmoid_saturates")
    res = explorer.evaluate(json.loads(path.read_text()))
    twin = explorer.evaluate(twin_recipe(res.recipe))
    assert res.recipe["dtype"] == "float32" and res.x[0] == -110
    assert res.surface[0] == pytest.approx(100.0)  # BCELoss clamps its log at -100
    assert twin.surface[0] == pytest.approx(110.0)  # the logit form keeps going
    assert abs(res.grad[0, 0]) < 1e-30 and twin.grad[0, 0] == pytest.approx(-1.0)
    assert "differs from BCEWithLogitsLoss by up to" in twin_text(
        res.recipe, res.surface, twin.surface
    )


def test_activation_errors_name_their_field() -> None:
    for loss, act, says in [
        ("CTCLoss", "softmax", "has no float input"),
        ("MSELoss", "tanh", "must be null or one of sigmoid"),
    ]:
        r = explorer.default_recipe(loss)
        r["activation"] = act
        with pytest.raises(RecipeError, match=says) as e:
            explorer.evaluate(r)
        assert e.value.field == "activation"
    r = explorer.default_recipe("MSELoss")
    r.update(activation="softmax", inputs={"input": 0.5, "target": 0.1}, axes=[])
    with pytest.raises(RecipeError, match="needs a class dim"):
        explorer.evaluate(r)
    r = explorer.default_recipe("BCELoss")  # the logit is any real; without, [0, 1]
    r["axes"] = [{"slot": "input[0]", "start": -5.0, "stop": 5.0, "num": 4}]
    with pytest.raises(RecipeError, match=r"input\[0\] must be in \[0, 1\]"):
        explorer.evaluate(r)
    r["activation"] = "sigmoid"
    assert explorer.evaluate(r).recipe["activation"] == "sigmoid"
