"""Pieces many catalog entries share: advice (checks beyond a domain) and parameter builders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from explorer.catalog.specs import Arg, Param
from explorer.domains import (
    NON_NEGATIVE,
    Interval,
)
from explorer.losses import Elementwise, Samples

# the distances live with the losses; named here too, where callers have always found them
from explorer.losses.distances import DISTANCES as DISTANCES
from explorer.losses.distances import register_distance as register_distance
from explorer.messages import Message


def no_zero_vectors(
    params: dict[str, Any], x: dict[str, np.ndarray], warn: Callable[[str, str], None]
) -> None:
    for name in ("input1", "input2"):
        if x[name].size and np.any(np.all(x[name] == 0, axis=-1)):
            warn(f"inputs.{name}", "holds a zero vector: its cosine is 0/0 (torch clamps it)")


def log_probabilities(name: str) -> Callable[..., None]:
    """KLDivLoss and NLLLoss read their input as log-probabilities: probabilities are a
    common slip (torch computes, and the numbers mean nothing)."""

    def advice(
        params: dict[str, Any], x: dict[str, np.ndarray], warn: Callable[[str, str], None]
    ) -> None:
        a = x["input"]
        if a.size and np.all(a >= 0) and np.any(a > 0):
            warn(
                "inputs.input",
                Message(
                    "is all >= 0: {name} expects log-probabilities (<= 0), and "
                    "these look like probabilities; apply log (or log_softmax to "
                    "logits) first",
                    name=name,
                ),
            )

    return advice


def logits_not_probabilities(
    params: dict[str, Any], x: dict[str, np.ndarray], warn: Callable[[str, str], None]
) -> None:
    """CrossEntropyLoss applies log_softmax itself: probabilities in are a softmax twice."""
    a = x["input"]
    if a.size < 2 or np.any(a < 0) or np.any(a > 1):
        return
    sums = a.sum(axis=0 if a.ndim == 1 else 1)
    if np.allclose(sums, 1.0, atol=1e-6):
        warn(
            "inputs.input",
            "looks like probabilities (each sample sums to 1): CrossEntropyLoss expects "
            "logits and applies the softmax itself, so it would be applied twice",
        )


# ---- parameter builders shared by many losses


def reduction(*extra: str) -> Param:
    return Param(
        "reduction",
        "choice",
        "mean",
        "How per-element losses are combined: none keeps them, mean averages, sum adds.",
        choices=("none", "mean", "sum", *extra),
    )


def weight(help_text: str) -> Param:
    return Param("weight", "tensor", None, help_text, expect=NON_NEGATIVE)


def margin(default: float, help_text: str, domain: Interval | None = None) -> Param:
    """A margin; torch refuses only the triplet losses' margins <= 0 (`domain`), the others
    just give a loss of 0 when negative."""
    expect = None if domain is not None else NON_NEGATIVE
    return Param(
        "margin", "float", default, help_text, domain=domain, expect=expect, ui_range=(0.0, 3.0)
    )


IGNORE = Param(
    "ignore_index",
    "int",
    -100,
    "Targets equal to this class index contribute nothing, neither to the loss nor to the mean.",
    domain=Interval(-(2**31), 2**31 - 1),
)
EPS_HELP = "Small constant that keeps the logarithm finite."

REG_INPUTS = (
    Arg("input", [1.0, 2.0, 3.0], "Predictions."),
    Arg("target", [1.0, 2.0, 5.0], "Ground truth, the same shape as input."),
)
HUBER_INPUTS = (
    Arg("input", [0.5, -1.0], "Predictions."),
    Arg("target", [0.0, 0.3], "Ground truth, the same shape as input."),
)
TRIPLET_INPUTS = (
    Arg("anchor", [[0.0, 0.0]], "Anchor embeddings, (N, D) or (D,).", sample_rank=1),
    Arg("positive", [[0.5, 0.5]], "Embeddings that should be close to the anchor.", sample_rank=1),
    Arg("negative", [[1.0, -0.5]], "Embeddings that should be far from the anchor.", sample_rank=1),
)
SWAP = Param(
    "swap",
    "bool",
    False,
    "Use the smaller of d(anchor, negative) and d(positive, negative) (distance swap).",
)
TRIPLET_AXES = (("negative[0,0]", -2.0, 2.0), ("negative[0,1]", -2.0, 2.0))


ELEMENTWISE = Elementwise()
SAMPLES = Samples()
REGRESSION_SET = ("L1Loss", "MSELoss", "HuberLoss", "SmoothL1Loss")  # their comparison set
