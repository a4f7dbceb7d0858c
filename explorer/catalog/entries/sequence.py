"""Sequence losses: CTC over every alignment."""

from __future__ import annotations

from explorer.catalog.parts import (
    reduction,
)
from explorer.catalog.specs import Arg, LossSpec, Param
from explorer.domains import NON_POSITIVE, Interval
from explorer.losses import Sequence

ENTRIES: tuple[LossSpec, ...] = (
    LossSpec(
        "CTCLoss",
        "sequence",
        "Connectionist temporal classification: sums over every alignment of the target "
        "sequence to the input frames.",
        (
            Param("blank", "int", 0, "Index of the blank label.", domain=Interval(0, 2**31 - 1)),
            reduction(),
            Param(
                "zero_infinity",
                "bool",
                False,
                "Replace infinite losses (impossible alignments) and their gradients by 0.",
            ),
        ),
        (
            Arg(
                "log_probs",
                [
                    [[-0.555, -1.055, -2.555]],
                    [[-1.7026, -0.4026, -1.9026]],
                    [[-1.6536, -1.4536, -0.5536]],
                    [[-0.6184, -1.4184, -1.5184]],
                ],
                "Log-probabilities per frame, (T, N, C) or unbatched (T, C).",
                expect=NON_POSITIVE,
            ),
            Arg(
                "targets",
                [[1, 2]],
                "Target label sequences: (N, S) padded, or concatenated (sum of lengths,).",
                index=True,
            ),
            Arg("input_lengths", [4], "Frames used per sequence, (N,) or (), <= T.", index=True),
            Arg(
                "target_lengths",
                [2],
                "Target length per sequence, (N,) or (), <= S.",
                index=True,
            ),
        ),
        (("log_probs[0,0,1]", -4.0, 0.0), ("log_probs[1,0,2]", -4.0, 0.0)),
        Sequence(),
        formula=(
            "ℓₙ = −log Σ_{π ∈ B⁻¹(yₙ)} Π_t p_t(π_t), over every alignment π that "
            "collapses to the target"
        ),
        use=(
            "Sequence labelling without alignment (speech, handwriting): sums over every "
            "way the output frames can spell the target."
        ),
        pitfalls=(
            "log_probs must be log_softmax over classes, shaped (T, N, C).",
            (
                "An impossible alignment (target longer than the input allows) is +inf "
                "unless zero_infinity."
            ),
        ),
    ),
)
