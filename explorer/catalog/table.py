"""The 21 torch.nn losses as data (parameters, arguments, domains, axes, what is drawn beside
them); checks, evaluation, panels and the CLI read it: nothing is written by hand for one loss."""

from __future__ import annotations

from explorer.catalog.parts import (
    EPS_HELP,
    HUBER_INPUTS,
    IGNORE,
    REG_INPUTS,
    SWAP,
    TRIPLET_AXES,
    TRIPLET_INPUTS,
    log_probabilities,
    logits_not_probabilities,
    margin,
    no_zero_vectors,
    reduction,
    weight,
)
from explorer.catalog.specs import Arg, LossSpec, Param
from explorer.domains import NON_NEGATIVE, NON_POSITIVE, POSITIVE, SIGN, UNIT, Interval
from explorer.losses import Elementwise, Samples, Sequence

ELEMENTWISE = Elementwise()
SAMPLES = Samples()
REGRESSION_SET = ("L1Loss", "MSELoss", "HuberLoss", "SmoothL1Loss")

CATALOG: dict[str, LossSpec] = {
    s.name: s
    for s in (
        LossSpec(
            "L1Loss",
            "regression",
            "Mean absolute error |input - target|: constant gradient, robust to outliers.",
            (reduction(),),
            REG_INPUTS,
            (("input[2]", 0.0, 8.0), ("target[2]", 0.0, 8.0)),
            ELEMENTWISE,
            compare=REGRESSION_SET,
        ),
        LossSpec(
            "MSELoss",
            "regression",
            "Mean squared error (input - target)^2: smooth, punishes large errors hard.",
            (reduction(),),
            REG_INPUTS,
            (("input[2]", 0.0, 8.0), ("target[2]", 0.0, 8.0)),
            ELEMENTWISE,
            compare=REGRESSION_SET,
        ),
        LossSpec(
            "HuberLoss",
            "regression",
            "Quadratic for errors below delta, linear above: MSE near zero, L1 far away.",
            (
                reduction(),
                Param(
                    "delta",
                    "float",
                    1.0,
                    "Error size where the loss turns from quadratic to linear.",
                    domain=POSITIVE,
                    ui_range=(0.05, 5.0),
                ),
            ),
            HUBER_INPUTS,
            (("input[0]", -3.0, 3.0), ("target[0]", -3.0, 3.0)),
            ELEMENTWISE,
            compare=REGRESSION_SET,
        ),
        LossSpec(
            "SmoothL1Loss",
            "regression",
            "Huber loss divided by beta: quadratic below beta, linear (slope 1) above.",
            (
                reduction(),
                Param(
                    "beta",
                    "float",
                    1.0,
                    "Error size where the loss turns from quadratic to linear; 0 gives L1.",
                    domain=NON_NEGATIVE,
                    ui_range=(0.0, 5.0),
                ),
            ),
            HUBER_INPUTS,
            (("input[0]", -3.0, 3.0), ("target[0]", -3.0, 3.0)),
            ELEMENTWISE,
            compare=REGRESSION_SET,
        ),
        LossSpec(
            "PoissonNLLLoss",
            "probabilistic regression",
            "Negative log-likelihood of a Poisson count target given a predicted rate.",
            (
                Param(
                    "log_input",
                    "bool",
                    True,
                    "The input is the log of the rate (exp(input) - target*input); "
                    "otherwise the rate itself (input - target*log(input + eps)).",
                ),
                Param("full", "bool", False, "Add the Stirling term for log(target!)."),
                Param("eps", "float", 1e-8, EPS_HELP, expect=POSITIVE, ui_range=(1e-8, 0.1)),
                reduction(),
            ),
            (
                Arg(
                    "log_input",
                    [0.5, 1.0],
                    "Predicted log-rate (or rate, see log_input).",
                    expect=lambda p: None if p["log_input"] else NON_NEGATIVE,
                ),
                Arg("target", [2.0, 1.0], "Observed counts, >= 0.", expect=NON_NEGATIVE),
            ),
            (("log_input[0]", -2.0, 3.0), ("target[0]", 0.0, 6.0)),
            ELEMENTWISE,
        ),
        LossSpec(
            "GaussianNLLLoss",
            "probabilistic regression",
            "Negative log-likelihood of the target under a Gaussian with predicted mean and "
            "variance.",
            (
                Param("full", "bool", False, "Add the constant 0.5*log(2*pi)."),
                Param(
                    "eps",
                    "float",
                    1e-6,
                    "Lower clamp of var for stability (the gradient still flows).",
                    expect=POSITIVE,
                    ui_range=(1e-6, 0.5),
                ),
                reduction(),
            ),
            (
                Arg("input", [0.5, 1.0], "Predicted mean."),
                Arg("target", [0.0, 1.5], "Observed value."),
                Arg(
                    "var",
                    [1.0, 0.5],
                    "Predicted variance, >= 0: the input's shape, one dim fewer, or last dim 1.",
                    NON_NEGATIVE,
                    expect=POSITIVE,
                ),
            ),
            (("input[0]", -3.0, 3.0), ("var[0]", 0.05, 3.0)),
            Elementwise(align=("input", "target")),
        ),
        LossSpec(
            "CrossEntropyLoss",
            "classification",
            "Log-softmax of the logits, then negative log-likelihood of the target class "
            "(or cross entropy with a target distribution).",
            (
                weight("Rescaling weight of each class, one per class."),
                IGNORE,
                reduction(),
                Param(
                    "label_smoothing",
                    "float",
                    0.0,
                    "Mix this much of the uniform distribution into the target.",
                    domain=Interval(high=1.0),
                    expect=UNIT,
                ),
            ),
            (
                Arg("input", [[2.0, 1.0, 0.1]], "Logits, (N, C, d1, ...) or (C,).", sample_rank=1),
                Arg(
                    "target",
                    [0],
                    "Class indices in [0, C) (integers, (N, d1, ...) or ()), or class "
                    "probabilities of the input's shape (floats).",
                    expect=UNIT,
                    probs_like="input",
                ),
            ),
            (("input[0,0]", -4.0, 4.0), ("input[0,1]", -4.0, 4.0)),
            Samples(class_targets=True, weighted_mean=True),
            advice=logits_not_probabilities,
            decomposition="logits",
        ),
        LossSpec(
            "NLLLoss",
            "classification",
            "Negative log-likelihood: minus the input at the target class (input holds "
            "log-probabilities).",
            (
                weight("Rescaling weight of each class, one per class."),
                IGNORE,
                reduction(),
            ),
            (
                Arg(
                    "input",
                    [[-0.417, -1.417, -2.317]],
                    "Log-probabilities, (N, C, d1, ...) or (C,).",
                    sample_rank=1,
                ),
                Arg("target", [0], "Class indices in [0, C), (N, d1, ...) or ().", index=True),
            ),
            (("input[0,0]", -4.0, 0.0), ("input[0,1]", -4.0, 0.0)),
            Samples(class_targets=True, weighted_mean=True),
            advice=log_probabilities("NLLLoss"),
            decomposition="log_probs",
        ),
        LossSpec(
            "BCELoss",
            "classification",
            "Binary cross entropy between probabilities and binary targets (logs clamped at -100).",
            (weight("Rescaling weight, one per element of the last dim."), reduction()),
            (
                Arg("input", [0.7, 0.2], "Probabilities in [0, 1].", UNIT),
                Arg("target", [1.0, 0.0], "Targets in [0, 1], the same shape as input.", UNIT),
            ),
            (("input[0]", 0.01, 0.99), ("input[1]", 0.01, 0.99)),
            ELEMENTWISE,
        ),
        LossSpec(
            "BCEWithLogitsLoss",
            "classification",
            "Sigmoid and binary cross entropy in one numerically stable step.",
            (
                weight("Rescaling weight, one per element of the last dim."),
                reduction(),
                Param(
                    "pos_weight",
                    "tensor",
                    None,
                    "Weight of positive examples per class (> 1 raises recall).",
                    expect=NON_NEGATIVE,
                ),
            ),
            (
                Arg("input", [0.5, -1.0], "Logits."),
                Arg(
                    "target", [1.0, 0.0], "Targets in [0, 1], the same shape as input.", expect=UNIT
                ),
            ),
            (("input[0]", -6.0, 6.0), ("input[1]", -6.0, 6.0)),
            ELEMENTWISE,
        ),
        LossSpec(
            "SoftMarginLoss",
            "classification",
            "Logistic loss log(1 + exp(-target*input)) for labels -1 and 1.",
            (reduction(),),
            (
                Arg("input", [0.5, -1.0], "Scores."),
                Arg("target", [1.0, -1.0], "Labels, -1 or 1.", expect=SIGN),
            ),
            (("input[0]", -4.0, 4.0), ("input[1]", -4.0, 4.0)),
            ELEMENTWISE,
        ),
        LossSpec(
            "MultiMarginLoss",
            "classification",
            "Multi-class hinge loss: every wrong class should score at least margin below the "
            "target class.",
            (
                Param(
                    "p",
                    "int",
                    1,
                    "1 for the hinge, 2 for the squared hinge.",
                    domain=Interval(1, 2),
                ),
                margin(1.0, "Required gap between the target score and the rest."),
                weight("Rescaling weight of each class, one per class."),
                reduction(),
            ),
            (
                Arg("input", [[0.1, 0.2, 0.4, 0.8]], "Scores, (N, C) or (C,).", sample_rank=1),
                Arg("target", [3], "Class indices in [0, C), (N,) or ().", index=True),
            ),
            (("input[0,0]", -2.0, 2.0), ("input[0,3]", -2.0, 2.0)),
            Samples(class_targets=True),
        ),
        LossSpec(
            "MultiLabelMarginLoss",
            "classification",
            "Multi-label hinge loss: each target class should beat each non-target class by 1.",
            (reduction(),),
            (
                Arg("input", [[0.1, 0.2, 0.4, 0.8]], "Scores, (N, C) or (C,).", sample_rank=1),
                Arg(
                    "target",
                    [[3, 0, -1, 1]],
                    "Target class indices, the input's shape, ended by the first -1.",
                    index=True,
                    sample_rank=1,
                ),
            ),
            (("input[0,0]", -2.0, 2.0), ("input[0,3]", -2.0, 2.0)),
            Samples(class_targets=True, lowest=-1),
        ),
        LossSpec(
            "MultiLabelSoftMarginLoss",
            "classification",
            "Per-class binary logistic loss averaged over classes, for multi-label targets.",
            (weight("Rescaling weight of each class, one per class."), reduction()),
            (
                Arg("input", [[0.5, -1.0, 2.0]], "Scores, (N, C) or (C,).", sample_rank=1),
                Arg(
                    "target",
                    [[1.0, 0.0, 1.0]],
                    "Targets in [0, 1], the input's shape.",
                    expect=UNIT,
                    sample_rank=1,
                ),
            ),
            (("input[0,0]", -4.0, 4.0), ("input[0,1]", -4.0, 4.0)),
            Samples(fold=False),
        ),
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
        ),
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
        ),
        LossSpec(
            "CTCLoss",
            "sequence",
            "Connectionist temporal classification: sums over every alignment of the target "
            "sequence to the input frames.",
            (
                Param(
                    "blank", "int", 0, "Index of the blank label.", domain=Interval(0, 2**31 - 1)
                ),
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
                Arg(
                    "input_lengths", [4], "Frames used per sequence, (N,) or (), <= T.", index=True
                ),
                Arg(
                    "target_lengths",
                    [2],
                    "Target length per sequence, (N,) or (), <= S.",
                    index=True,
                ),
            ),
            (("log_probs[0,0,1]", -4.0, 0.0), ("log_probs[1,0,2]", -4.0, 0.0)),
            Sequence(),
        ),
    )
}
