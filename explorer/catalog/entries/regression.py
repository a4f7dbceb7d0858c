"""Regression losses: elementwise errors, and the likelihoods of a predicted distribution."""

from __future__ import annotations

from explorer.catalog.parts import (
    ELEMENTWISE,
    EPS_HELP,
    HUBER_INPUTS,
    REG_INPUTS,
    REGRESSION_SET,
    reduction,
)
from explorer.catalog.specs import Arg, LossSpec, Param
from explorer.domains import NON_NEGATIVE, POSITIVE
from explorer.losses import Elementwise

ENTRIES: tuple[LossSpec, ...] = (
    LossSpec(
        "L1Loss",
        "regression",
        "Mean absolute error |input - target|: constant gradient, robust to outliers.",
        (reduction(),),
        REG_INPUTS,
        (("input[2]", 0.0, 8.0), ("target[2]", 0.0, 8.0)),
        ELEMENTWISE,
        compare=REGRESSION_SET,
        formula="ℓ = |x − y|",
        use=(
            "Regression where outliers should not dominate: the gradient has the same "
            "size for every error, so the fit goes for the median."
        ),
        pitfalls=(
            (
                "The gradient does not shrink near the optimum: the last steps oscillate "
                "unless the learning rate decays."
            ),
        ),
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
        formula="ℓ = (x − y)²",
        use=(
            "Regression with roughly Gaussian noise: large errors are punished "
            "quadratically, the fit goes for the mean."
        ),
        pitfalls=(
            "One outlier can dominate the gradient.",
            "Input and target of different shapes broadcast silently (torch warns).",
        ),
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
        formula="ℓ = ½(x − y)² if |x − y| < δ, else δ(|x − y| − ½δ)",
        use=(
            "Regression with some outliers: quadratic (like MSE) for small errors, "
            "linear (like L1) beyond delta."
        ),
        pitfalls=("delta is in the units of the error: rescale it with the target.",),
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
        formula="ℓ = ½(x − y)²/β if |x − y| < β, else |x − y| − ½β",
        use=(
            "Bounding-box regression and the like: Huber scaled by 1/beta, so the slope "
            "far away is always 1."
        ),
        pitfalls=("beta = 0 gives L1; a very small beta makes the quadratic zone tiny.",),
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
        formula=(
            "ℓ = exp(x) − y·x (log_input), else x − y·log(x + eps); full adds Stirling's "
            "y·log y − y + ½log(2πy)"
        ),
        use=(
            "Count data (events per interval): the target is a count, the input a rate or its log."
        ),
        pitfalls=(
            "log_input=True expects log-rates; passing rates makes exp(input) explode.",
            "With log_input=False a rate of 0 needs eps to stay finite.",
        ),
    ),
    LossSpec(
        "GaussianNLLLoss",
        "probabilistic regression",
        "Negative log-likelihood of the target under a Gaussian with predicted mean and variance.",
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
        formula="ℓ = ½(log max(var, eps) + (x − y)²/max(var, eps)); full adds ½log 2π",
        use=(
            "Regression that also predicts its own uncertainty: the model outputs a mean "
            "and a variance."
        ),
        pitfalls=(
            (
                "var must be positive; eps clamps it, so a variance collapsing to 0 "
                "hides behind eps."
            ),
        ),
    ),
)
