"""Activation, then loss: the swept input is the logit before a sigmoid, softmax or log_softmax,
as the tutorials build BCE from a sigmoid and NLL from a log_softmax.

A recipe's `activation` applies to its first forward argument (`input`): torch's own loss module
gets activation(input), and gradients flow back to the logit. The softmaxes act on the class
dim: the only dim of a (C,) input, dim 1 of an (N, C, ...) one. Two compositions have a built-in
twin, which the window evaluates beside them and compares.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from explorer.checks import RecipeError, show
from explorer.messages import Message

ACTIVATIONS = ("sigmoid", "softmax", "log_softmax")
# (loss, activation) -> the built-in that computes the same from logits, and how closely
TWINS = {
    ("NLLLoss", "log_softmax"): "CrossEntropyLoss",
    ("BCELoss", "sigmoid"): "BCEWithLogitsLoss",
}


def class_dim(ndim: int) -> int:
    return 0 if ndim <= 1 else 1


def activate(name: str | None, t: torch.Tensor, batched: bool = False) -> torch.Tensor:
    """The activation of one input, or of a batch of grid points (`batched`: dim 0 is the
    grid, so the class dim moves one along)."""
    if name is None:
        return t
    if name == "sigmoid":
        return torch.sigmoid(t)
    dim = class_dim(t.ndim - batched) + batched
    return torch.softmax(t, dim) if name == "softmax" else torch.log_softmax(t, dim)


def activate_numpy(name: str | None, a: np.ndarray) -> np.ndarray:
    if name is None or a.size == 0:
        return a
    return activate(name, torch.as_tensor(a, dtype=torch.float64)).numpy()


def check_activation(spec: Any, raw: Any, arrays: dict[str, np.ndarray]) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or raw not in ACTIVATIONS:
        raise RecipeError(
            "activation",
            Message(
                "must be null or one of {ACTIVATIONS}, got {raw}",
                ACTIVATIONS=", ".join(ACTIVATIONS),
                raw=show(raw),
            ),
        )
    first = spec.args[0]
    if first.name != "input" or first.index:
        raise RecipeError(
            "activation", Message("{name} has no float input to activate", name=spec.name)
        )
    if raw != "sigmoid" and np.ndim(arrays["input"]) == 0:
        raise RecipeError(
            "activation", Message("{raw} needs a class dim; the input is 0-dim", raw=raw)
        )
    return raw


def twin_recipe(recipe: dict[str, Any]) -> dict[str, Any] | None:
    """The built-in twin of a composition, on the same inputs and axes (None when it has none).
    CrossEntropyLoss keeps NLLLoss's weight, ignore_index and reduction."""
    twin = TWINS.get((recipe["loss"], recipe.get("activation")))
    if twin is None:
        return None
    params = {k: v for k, v in recipe["params"].items() if k in ("weight", "reduction")}
    if twin == "CrossEntropyLoss":
        params["ignore_index"] = recipe["params"]["ignore_index"]
    return {
        "loss": twin,
        "params": params,
        "inputs": recipe["inputs"],
        "axes": recipe["axes"],
        "device": recipe["device"],
        "dtype": recipe["dtype"],
        "view": recipe["view"],
    }


def twin_text(recipe: dict[str, Any], mine: np.ndarray, twin: np.ndarray) -> str:
    """What the view says about a composition and its twin on this grid."""
    name = TWINS[(recipe["loss"], recipe["activation"])]
    both = np.isfinite(mine) & np.isfinite(twin)
    diff = float(np.max(np.abs(mine[both] - twin[both]))) if both.any() else float("nan")
    scale = float(np.max(np.abs(twin[both]))) if both.any() else 0.0
    what = f"{recipe['loss']} after {recipe['activation']}"
    if diff <= 1e-12 * max(1.0, scale):
        return f"{what} equals {name}: max |difference| {diff:.2g} on {mine.size:,} points"
    return (
        f"{what} differs from {name} by up to {diff:.4g} on this grid: where the "
        f"{recipe['activation']} saturates, the composed loss flattens and its gradient vanishes"
    )
