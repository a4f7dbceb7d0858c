"""Ranking and embedding losses: pairs, margins, cosines and triplets."""

from __future__ import annotations

from explorer.catalog.parts import (
    ELEMENTWISE,
    SAMPLES,
    SWAP,
    TRIPLET_AXES,
    TRIPLET_INPUTS,
    margin,
    no_zero_vectors,
    reduction,
)
from explorer.catalog.specs import Arg, LossSpec, Param
from explorer.domains import NON_NEGATIVE, POSITIVE, SIGN, Interval

ENTRIES: tuple[LossSpec, ...] = (
    LossSpec(
        "MarginRankingLoss",
        "ranking and embedding",
        "max(0, -target*(input1 - input2) + margin): input1 should rank above input2 when "
        "target is 1.",
        (margin(0.0, "Required gap between the two scores."), reduction()),
        (
            Arg("input1", [0.5], "First scores."),
            Arg("input2", [0.2], "Second scores, the same shape."),
            Arg("target", [1.0], "1 if input1 should rank higher, -1 otherwise.", expect=SIGN),
        ),
        (("input1[0]", -3.0, 3.0), ("input2[0]", -3.0, 3.0)),
        ELEMENTWISE,
        formula="ℓ = max(0, −y·(x₁ − x₂) + margin)",
        use=(
            "Learning to rank pairs: input1 should score above input2 by a margin when "
            "target is 1, below when -1."
        ),
        pitfalls=("Labels other than +-1 scale the loss instead of choosing a direction.",),
    ),
    LossSpec(
        "HingeEmbeddingLoss",
        "ranking and embedding",
        "input for similar pairs (target 1), max(0, margin - input) for dissimilar ones "
        "(target -1); input is usually a distance.",
        (
            margin(1.0, "Distance beyond which dissimilar pairs cost nothing."),
            reduction(),
        ),
        (
            Arg("input", [0.5, 1.5], "Distances (or scores)."),
            Arg("target", [1.0, -1.0], "1 for similar pairs, -1 for dissimilar.", expect=SIGN),
        ),
        (("input[0]", -1.0, 3.0), ("input[1]", -1.0, 3.0)),
        ELEMENTWISE,
        formula="ℓ = x if y = 1, max(0, margin − x) if y = −1",
        use=(
            "Learning whether pairs are similar from a distance: small for similar (1), "
            "at least margin for dissimilar (-1)."
        ),
        pitfalls=("The input is a distance (non-negative), not a similarity.",),
    ),
    LossSpec(
        "CosineEmbeddingLoss",
        "ranking and embedding",
        "1 - cos(x1, x2) for similar pairs, max(0, cos(x1, x2) - margin) for dissimilar.",
        (
            Param(
                "margin",
                "float",
                0.0,
                "Cosine above which dissimilar pairs cost.",
                expect=Interval(-1.0, 1.0),
                ui_range=(-1.0, 1.0),
            ),
            reduction(),
        ),
        (
            Arg("input1", [[1.0, 0.5]], "First vectors, (N, D) or (D,).", sample_rank=1),
            Arg("input2", [[0.3, 1.0]], "Second vectors, the same shape.", sample_rank=1),
            Arg(
                "target",
                [1.0],
                "1 for similar pairs, -1 for dissimilar, (N,) or ().",
                expect=SIGN,
            ),
        ),
        (("input2[0,0]", -2.0, 2.0), ("input2[0,1]", -2.0, 2.0)),
        SAMPLES,
        advice=no_zero_vectors,
        overlay="cosine",
        formula="ℓ = 1 − cos(x₁, x₂) if y = 1, max(0, cos(x₁, x₂) − margin) if y = −1",
        use=(
            "Similarity learning by angle: similar pairs should point the same way, "
            "dissimilar ones apart beyond margin."
        ),
        pitfalls=("A zero vector has no direction: cos is undefined and torch's eps decides.",),
    ),
    LossSpec(
        "TripletMarginLoss",
        "ranking and embedding",
        "max(0, d(a, p) - d(a, n) + margin) with the p-norm distance.",
        (
            margin(1.0, "Required gap between the negative and positive distances.", POSITIVE),
            Param(
                "p",
                "float",
                2.0,
                "Norm degree of the pairwise distance.",
                expect=POSITIVE,
                ui_range=(0.5, 4.0),
            ),
            Param(
                "eps",
                "float",
                1e-6,
                "Added to the difference before the norm.",
                expect=NON_NEGATIVE,
                ui_range=(0.0, 0.1),
            ),
            SWAP,
            reduction(),
        ),
        TRIPLET_INPUTS,
        TRIPLET_AXES,
        SAMPLES,
        overlay="triplet",
        formula=(
            "ℓ = max(0, ‖a − p‖_p − ‖a − n‖_p + margin) (swap: the nearer of ‖a − n‖, ‖p − n‖)"
        ),
        use=(
            "Metric learning: the anchor should be nearer the positive than the negative "
            "by a margin (p-norm distance)."
        ),
        pitfalls=(
            "Easy triplets give exactly zero loss and gradient: mine hard negatives.",
            (
                "swap changes which distance counts; it is not symmetric in the positive "
                "and negative."
            ),
        ),
    ),
    LossSpec(
        "TripletMarginWithDistanceLoss",
        "ranking and embedding",
        "The triplet margin loss with a distance of your choice.",
        (
            Param(
                "distance_function",
                "distance",
                "pairwise",
                "pairwise (Euclidean), cosine (1 - cosine similarity), linf (max |a - b|) "
                "or a registered custom distance.",
            ),
            margin(1.0, "Required gap between the negative and positive distances.", POSITIVE),
            SWAP,
            reduction(),
        ),
        TRIPLET_INPUTS,
        TRIPLET_AXES,
        SAMPLES,
        overlay="triplet",
        formula="ℓ = max(0, d(a, p) − d(a, n) + margin), d the distance function",
        use="The triplet loss with a distance of your choice (cosine, L-inf, ...).",
        pitfalls=("The distance must be non-negative for the margin to mean anything.",),
    ),
)
