"""What the loss tutorials our users learn from teach, reproduced by the engine and presets."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import explorer

RECIPES = sorted((Path(__file__).parents[2] / "resources" / "recipes").glob("*.json"))


def at(recipe: dict, **params) -> float:
    """The loss at the recipe's own inputs: a one-point axis on the first slot."""
    r = json.loads(json.dumps(recipe))
    r["params"].update(params)
    slot = r["axes"][0]["slot"]
    name, idx = slot.split("[")[0], [int(i) for i in slot.split("[")[1][:-1].split(",")]
    value = np.array(r["inputs"][name])[tuple(idx)]
    r["axes"] = [{"slot": slot, "start": float(value), "stop": float(value), "num": 1}]
    return float(explorer.evaluate(r).loss[0])


def test_l1_and_mse_of_1_2_3_against_1_2_5() -> None:
    r = explorer.default_recipe("L1Loss")
    assert at(r) == pytest.approx(2 / 3) and at(r, reduction="sum") == pytest.approx(2.0)
    r["loss"] = "MSELoss"
    assert at(r) == pytest.approx(4 / 3) and at(r, reduction="sum") == pytest.approx(4.0)


def test_cross_entropy_of_0_1_0_2_0_3_with_class_1() -> None:
    r = json.loads((Path(RECIPES[0]).parent / "cross_entropy_tutorial.json").read_text())
    want = -np.log(np.exp(0.2) / np.exp([0.1, 0.2, 0.3]).sum())
    assert at(r) == pytest.approx(want) == pytest.approx(1.1019, abs=1e-4)


def test_cross_entropy_is_entropy_plus_kl() -> None:
    """CE(p, q) = H(p) + KL(p || q) for a probability target p and q = softmax(logits)."""
    logits, p = np.array([2.0, 1.0, 0.1]), np.array([0.7, 0.2, 0.1])
    ce = explorer.default_recipe("CrossEntropyLoss")
    ce["inputs"] = {"input": logits.tolist(), "target": p.tolist()}
    ce["axes"] = [{"slot": "input[0]", "start": 2.0, "stop": 2.0, "num": 1}]
    kl = explorer.default_recipe("KLDivLoss")
    logq = logits - np.log(np.exp(logits).sum())
    kl["inputs"] = {"input": logq.tolist(), "target": p.tolist()}
    kl["params"]["reduction"] = "sum"
    kl["axes"] = [{"slot": "input[0]", "start": logq[0], "stop": logq[0], "num": 1}]
    h = -(p * np.log(p)).sum()
    assert explorer.evaluate(ce).loss[0] == pytest.approx(h + explorer.evaluate(kl).loss[0])


def test_bce_saturates_while_bce_with_logits_does_not() -> None:
    """BCE on sigmoid(x) clamps its log at -100; BCEWithLogits keeps growing linearly."""
    logits = explorer.default_recipe("BCEWithLogitsLoss")
    logits["inputs"] = {"input": [0.0], "target": [0.0]}
    logits["axes"] = [{"slot": "input[0]", "start": 50.0, "stop": 200.0, "num": 4}]
    assert explorer.evaluate(logits).loss == pytest.approx([50, 100, 150, 200])
    bce = explorer.default_recipe("BCELoss")
    bce["inputs"] = {"input": [0.5], "target": [0.0]}
    bce["axes"] = [{"slot": "input[0]", "start": 0.999, "stop": 1.0, "num": 2}]
    assert explorer.evaluate(bce).loss[-1] == pytest.approx(100.0)  # log clamped at -100


def test_multilabel_margin_docs_example() -> None:
    r = explorer.default_recipe("MultiLabelMarginLoss")
    assert at(r) == pytest.approx(0.85)


@pytest.mark.parametrize("path", RECIPES, ids=[p.stem for p in RECIPES])
def test_example_recipes_are_normalized_and_evaluate(path: Path) -> None:
    r = json.loads(path.read_text())
    assert explorer.normalize(r) == r
    res = explorer.evaluate(r)
    assert res.nonfinite == 0
