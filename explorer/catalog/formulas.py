"""Each loss's formula, per element or per sample before the reduction, as torch documents it.

Plain Unicode so that captions, HTML, PDF and tooltips show it without a math renderer. Symbols:
x the input, y the target, σ the sigmoid, w a class weight, C the classes, N the samples.
"""

from __future__ import annotations

FORMULAS: dict[str, str] = {
    "L1Loss": "ℓ = |x − y|",
    "MSELoss": "ℓ = (x − y)²",
    "HuberLoss": "ℓ = ½(x − y)² if |x − y| < δ, else δ(|x − y| − ½δ)",
    "SmoothL1Loss": "ℓ = ½(x − y)²/β if |x − y| < β, else |x − y| − ½β",
    "PoissonNLLLoss": "ℓ = exp(x) − y·x (log_input), else x − y·log(x + eps); "
    "full adds Stirling's y·log y − y + ½log(2πy)",
    "GaussianNLLLoss": "ℓ = ½(log max(var, eps) + (x − y)²/max(var, eps)); full adds ½log 2π",
    "CrossEntropyLoss": "ℓₙ = −w_yₙ · log( exp(x_{n,yₙ}) / Σ_c exp(x_{n,c}) ); "
    "with label smoothing ε the target is (1 − ε)·onehot + ε/C",
    "NLLLoss": "ℓₙ = −w_yₙ · x_{n,yₙ}",
    "BCELoss": "ℓ = −w·[y·log x + (1 − y)·log(1 − x)], logs clamped at −100",
    "BCEWithLogitsLoss": "ℓ = −w·[p·y·log σ(x) + (1 − y)·log(1 − σ(x))], p the pos_weight",
    "SoftMarginLoss": "ℓ = log(1 + exp(−y·x))",
    "MultiMarginLoss": "ℓₙ = Σ_{i≠yₙ} w_yₙ·max(0, margin − x_yₙ + x_i)^p / C",
    "MultiLabelMarginLoss": "ℓₙ = Σ_{j∈targets} Σ_{i∉targets} max(0, 1 − (x_j − x_i)) / C",
    "MultiLabelSoftMarginLoss": "ℓₙ = −(1/C)·Σ_c w_c·[y_c·log σ(x_c) + (1 − y_c)·log σ(−x_c)]",
    "KLDivLoss": "ℓ = y·(log y − x), x log-probabilities (log_target: exp(y)·(y − x))",
    "MarginRankingLoss": "ℓ = max(0, −y·(x₁ − x₂) + margin)",
    "HingeEmbeddingLoss": "ℓ = x if y = 1, max(0, margin − x) if y = −1",
    "CosineEmbeddingLoss": "ℓ = 1 − cos(x₁, x₂) if y = 1, max(0, cos(x₁, x₂) − margin) if y = −1",
    "TripletMarginLoss": "ℓ = max(0, ‖a − p‖_p − ‖a − n‖_p + margin) (swap: the nearer of ‖a − n‖, "
    "‖p − n‖)",
    "TripletMarginWithDistanceLoss": "ℓ = max(0, d(a, p) − d(a, n) + margin), d the distance "
    "function",
    "CTCLoss": "ℓₙ = −log Σ_{π ∈ B⁻¹(yₙ)} Π_t p_t(π_t), over every alignment π that collapses "
    "to the target",
}


def formula(loss: str) -> str:
    """The loss's formula, or '' for a loss this table does not know (a user's own)."""
    return FORMULAS.get(loss, "")
