"""What each loss is for and how it goes wrong, in a few lines: the window's "About this loss".

`USE` says when to reach for a loss, `PITFALLS` what people get wrong with it; the formula comes
from explorer.catalog.formulas and each parameter's line from the catalog.
"""

from __future__ import annotations

from typing import Any

from explorer.catalog import CATALOG
from explorer.catalog.formulas import formula

USE: dict[str, str] = {
    "L1Loss": "Regression where outliers should not dominate: the gradient has the same size "
    "for every error, so the fit goes for the median.",
    "MSELoss": "Regression with roughly Gaussian noise: large errors are punished "
    "quadratically, the fit goes for the mean.",
    "HuberLoss": "Regression with some outliers: quadratic (like MSE) for small errors, linear "
    "(like L1) beyond delta.",
    "SmoothL1Loss": "Bounding-box regression and the like: Huber scaled by 1/beta, so the "
    "slope far away is always 1.",
    "PoissonNLLLoss": "Count data (events per interval): the target is a count, the input a "
    "rate or its log.",
    "GaussianNLLLoss": "Regression that also predicts its own uncertainty: the model outputs a "
    "mean and a variance.",
    "CrossEntropyLoss": "Single-label classification from raw logits (softmax is inside); "
    "targets are class indices or class probabilities.",
    "NLLLoss": "Classification when the model already outputs log-probabilities "
    "(log_softmax); with log_softmax it equals CrossEntropyLoss.",
    "BCELoss": "Binary or multi-label targets when the model already outputs probabilities "
    "(after a sigmoid).",
    "BCEWithLogitsLoss": "Binary or multi-label targets from raw logits: the sigmoid is "
    "inside, computed stably; pos_weight rebalances rare positives.",
    "SoftMarginLoss": "Two-class logistic loss with labels -1 and +1.",
    "MultiMarginLoss": "Multi-class hinge (SVM-style): the right class should beat every other "
    "by a margin.",
    "MultiLabelMarginLoss": "Multi-label hinge: every target class should beat every "
    "non-target class by 1.",
    "MultiLabelSoftMarginLoss": "Multi-label classification as one logistic loss per class, "
    "averaged over classes.",
    "KLDivLoss": "Matching a predicted distribution to a target distribution (distillation, "
    "VAEs); the input must be log-probabilities.",
    "MarginRankingLoss": "Learning to rank pairs: input1 should score above input2 by a margin "
    "when target is 1, below when -1.",
    "HingeEmbeddingLoss": "Learning whether pairs are similar from a distance: small for "
    "similar (1), at least margin for dissimilar (-1).",
    "CosineEmbeddingLoss": "Similarity learning by angle: similar pairs should point the same "
    "way, dissimilar ones apart beyond margin.",
    "TripletMarginLoss": "Metric learning: the anchor should be nearer the positive than the "
    "negative by a margin (p-norm distance).",
    "TripletMarginWithDistanceLoss": "The triplet loss with a distance of your choice (cosine, "
    "L-inf, ...).",
    "CTCLoss": "Sequence labelling without alignment (speech, handwriting): sums over every "
    "way the output frames can spell the target.",
}

PITFALLS: dict[str, tuple[str, ...]] = {
    "L1Loss": (
        "The gradient does not shrink near the optimum: the last steps oscillate unless "
        "the learning rate decays.",
    ),
    "MSELoss": (
        "One outlier can dominate the gradient.",
        "Input and target of different shapes broadcast silently (torch warns).",
    ),
    "HuberLoss": ("delta is in the units of the error: rescale it with the target.",),
    "SmoothL1Loss": ("beta = 0 gives L1; a very small beta makes the quadratic zone tiny.",),
    "PoissonNLLLoss": (
        "log_input=True expects log-rates; passing rates makes exp(input) explode.",
        "With log_input=False a rate of 0 needs eps to stay finite.",
    ),
    "GaussianNLLLoss": (
        "var must be positive; eps clamps it, so a variance collapsing to 0 hides behind eps.",
    ),
    "CrossEntropyLoss": (
        "Pass logits, not probabilities: a softmax before it applies softmax twice.",
        "Class weights change the mean: it divides by the summed weights of the targets, not by N.",
    ),
    "NLLLoss": (
        "The input must be log-probabilities: plain logits or probabilities give "
        "meaningless values.",
    ),
    "BCELoss": (
        "Inputs of exactly 0 or 1 hit the log clamp at -100: prefer BCEWithLogitsLoss on logits.",
        "Saturates after a sigmoid: large logits give vanishing gradients.",
    ),
    "BCEWithLogitsLoss": (
        "Do not apply a sigmoid first.",
        "pos_weight is per class (the last dim), not per sample.",
    ),
    "SoftMarginLoss": ("Labels must be -1 and +1, not 0 and 1.",),
    "MultiMarginLoss": ("Divides by the number of classes, so the scale changes with C.",),
    "MultiLabelMarginLoss": (
        "The target lists class indices padded with -1; everything after the first -1 is ignored.",
    ),
    "MultiLabelSoftMarginLoss": (
        "Targets are 0/1 per class; the mean is over classes, then samples.",
    ),
    "KLDivLoss": (
        "The input must be log-probabilities (log_softmax); the target probabilities "
        "unless log_target.",
        "reduction='mean' averages over every element, not per sample: use "
        "'batchmean' for the mathematical KL.",
    ),
    "MarginRankingLoss": ("Labels other than +-1 scale the loss instead of choosing a direction.",),
    "HingeEmbeddingLoss": ("The input is a distance (non-negative), not a similarity.",),
    "CosineEmbeddingLoss": (
        "A zero vector has no direction: cos is undefined and torch's eps decides.",
    ),
    "TripletMarginLoss": (
        "Easy triplets give exactly zero loss and gradient: mine hard negatives.",
        "swap changes which distance counts; it is not symmetric in the positive and negative.",
    ),
    "TripletMarginWithDistanceLoss": (
        "The distance must be non-negative for the margin to mean anything.",
    ),
    "CTCLoss": (
        "log_probs must be log_softmax over classes, shaped (T, N, C).",
        "An impossible alignment (target longer than the input allows) is +inf unless "
        "zero_infinity.",
    ),
}


def about(name: str) -> dict[str, Any]:
    """Formula, use, parameters and pitfalls of a loss (built-in, or your own: its docstring)."""
    spec = CATALOG[name]
    return {
        "formula": formula(name),
        "use": USE.get(name, spec.help),
        "params": [(p.name, p.help) for p in spec.params],
        "pitfalls": list(PITFALLS.get(name, ())),
    }
