"""Classification losses: from logits, log-probabilities or probabilities, one label or many."""

from __future__ import annotations

from explorer.catalog.parts import (
    ELEMENTWISE,
    IGNORE,
    log_probabilities,
    logits_not_probabilities,
    margin,
    reduction,
    weight,
)
from explorer.catalog.specs import Arg, LossSpec, Param
from explorer.domains import NON_NEGATIVE, SIGN, UNIT, Interval
from explorer.losses import Samples

ENTRIES: tuple[LossSpec, ...] = (
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
        formula=(
            "ℓₙ = −w_yₙ · log( exp(x_{n,yₙ}) / Σ_c exp(x_{n,c}) ); with label smoothing "
            "ε the target is (1 − ε)·onehot + ε/C"
        ),
        use=(
            "Single-label classification from raw logits (softmax is inside); targets "
            "are class indices or class probabilities."
        ),
        pitfalls=(
            "Pass logits, not probabilities: a softmax before it applies softmax twice.",
            (
                "Class weights change the mean: it divides by the summed weights of the "
                "targets, not by N."
            ),
        ),
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
        formula="ℓₙ = −w_yₙ · x_{n,yₙ}",
        use=(
            "Classification when the model already outputs log-probabilities "
            "(log_softmax); with log_softmax it equals CrossEntropyLoss."
        ),
        pitfalls=(
            (
                "The input must be log-probabilities: plain logits or probabilities give "
                "meaningless values."
            ),
        ),
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
        formula="ℓ = −w·[y·log x + (1 − y)·log(1 − x)], logs clamped at −100",
        use=(
            "Binary or multi-label targets when the model already outputs probabilities "
            "(after a sigmoid)."
        ),
        pitfalls=(
            (
                "Inputs of exactly 0 or 1 hit the log clamp at -100: prefer "
                "BCEWithLogitsLoss on logits."
            ),
            "Saturates after a sigmoid: large logits give vanishing gradients.",
        ),
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
            Arg("target", [1.0, 0.0], "Targets in [0, 1], the same shape as input.", expect=UNIT),
        ),
        (("input[0]", -6.0, 6.0), ("input[1]", -6.0, 6.0)),
        ELEMENTWISE,
        formula="ℓ = −w·[p·y·log σ(x) + (1 − y)·log(1 − σ(x))], p the pos_weight",
        use=(
            "Binary or multi-label targets from raw logits: the sigmoid is inside, "
            "computed stably; pos_weight rebalances rare positives."
        ),
        pitfalls=(
            "Do not apply a sigmoid first.",
            "pos_weight is per class (the last dim), not per sample.",
        ),
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
        formula="ℓ = log(1 + exp(−y·x))",
        use="Two-class logistic loss with labels -1 and +1.",
        pitfalls=("Labels must be -1 and +1, not 0 and 1.",),
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
        formula="ℓₙ = Σ_{i≠yₙ} w_yₙ·max(0, margin − x_yₙ + x_i)^p / C",
        use=("Multi-class hinge (SVM-style): the right class should beat every other by a margin."),
        pitfalls=("Divides by the number of classes, so the scale changes with C.",),
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
        formula="ℓₙ = Σ_{j∈targets} Σ_{i∉targets} max(0, 1 − (x_j − x_i)) / C",
        use=("Multi-label hinge: every target class should beat every non-target class by 1."),
        pitfalls=(
            (
                "The target lists class indices padded with -1; everything after the "
                "first -1 is ignored."
            ),
        ),
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
        formula="ℓₙ = −(1/C)·Σ_c w_c·[y_c·log σ(x_c) + (1 − y_c)·log σ(−x_c)]",
        use=("Multi-label classification as one logistic loss per class, averaged over classes."),
        pitfalls=("Targets are 0/1 per class; the mean is over classes, then samples.",),
    ),
)
