"""Losses between two distributions."""

from __future__ import annotations

from explorer.catalog.parts import (
    ELEMENTWISE,
    log_probabilities,
    reduction,
)
from explorer.catalog.specs import Arg, LossSpec, Param
from explorer.domains import NON_NEGATIVE

ENTRIES: tuple[LossSpec, ...] = (
    LossSpec(
        "KLDivLoss",
        "distributions",
        "Kullback-Leibler divergence of the input (log-probabilities) from the target "
        "distribution.",
        (
            reduction("batchmean"),
            Param("log_target", "bool", False, "The target is given as log-probabilities."),
        ),
        (
            Arg("input", [-1.2, -0.8, -1.4], "Log-probabilities."),
            Arg(
                "target",
                [0.2, 0.5, 0.3],
                "Probabilities (>= 0), or log-probabilities with log_target.",
                expect=lambda p: None if p["log_target"] else NON_NEGATIVE,
            ),
        ),
        (("input[0]", -4.0, 0.0), ("input[1]", -4.0, 0.0)),
        ELEMENTWISE,
        advice=log_probabilities("KLDivLoss"),
        decomposition="kl",
        formula="ℓ = y·(log y − x), x log-probabilities (log_target: exp(y)·(y − x))",
        use=(
            "Matching a predicted distribution to a target distribution (distillation, "
            "VAEs); the input must be log-probabilities."
        ),
        pitfalls=(
            (
                "The input must be log-probabilities (log_softmax); the target "
                "probabilities unless log_target."
            ),
            (
                "reduction='mean' averages over every element, not per sample: use "
                "'batchmean' for the mathematical KL."
            ),
        ),
    ),
)
