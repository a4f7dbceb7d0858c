"""The distributions behind the losses whose catalog entry names a `decomposition` (cross
entropy from logits, negative log-likelihood, KL divergence) at the recipe's own point:
the target p and the prediction q of its first sample, and cross entropy decomposed,
CE(p, q) = H(p) + KL(p || q), with torch's own value of the loss beside it.

Label smoothing is part of p, as torch applies it: p = (1 - e) * target + e / C. With class weights
the loss is a weighted mean that no such decomposition holds; it is said instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch.nn import functional as F

from explorer.catalog import find
from explorer.messages import same

# What the readout says, as templates: the window translates them (ui.i18n collects MESSAGES)
DECOMPOSED = "CE(p, q) = H(p) + KL(p || q): {ce} = {h} + {kl}; torch's {term}: {value}"
KL_SUMMED = "torch's KL is summed over classes here; its reduction changes only the divisor"
WEIGHTED = "with class weights torch's loss is weighted; p and q are not"
NOT_LOG_PROBS = "exp(input) sums to {total}, not 1: the input is not log-probabilities"
AT_POINTER = "at the pointer"
MESSAGES = (DECOMPOSED, KL_SUMMED, WEIGHTED, NOT_LOG_PROBS, AT_POINTER)


@dataclass(frozen=True)
class Decomposition:
    p: np.ndarray  # target distribution over the C classes
    q: np.ndarray  # predicted distribution
    entropy: float  # H(p)
    kl: float  # KL(p || q)
    cross_entropy: float  # -sum p log q = H + KL
    torch_value: float  # torch's loss of this sample, as the formula above reads it
    notes: tuple[tuple[str, dict[str, str]], ...] = ()  # (template, its values)
    torch_is: str = "CE"  # which term torch's loss is: CE (CrossEntropy, NLL) or KL (KLDiv)

    @property
    def note(self) -> str:
        return "; ".join(t.format(**values) for t, values in self.notes)

    def text(self, tr: Callable[[str], str] = same) -> str:
        """The readout; `tr` translates the templates (the window's language)."""
        h, kl, ce = (f"{v + 0.0:.6g}" for v in (self.entropy, self.kl, self.cross_entropy))
        value = f"{self.torch_value:.6g}"
        text = tr(DECOMPOSED).format(ce=ce, h=h, kl=kl, term=self.torch_is, value=value)
        notes = "; ".join(tr(t).format(**values) for t, values in self.notes)
        return text + (f". {notes}" if notes else "")


def _xlogy(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(p > 0, p * np.log(np.where(p > 0, q, 1.0)), 0.0)


def decompose(recipe: dict[str, Any]) -> Decomposition | None:
    """For a normalized recipe of a loss with a decomposition (its first sample); else None."""
    entry = find(recipe["loss"])
    kind = entry.decomposition if entry is not None else None
    if kind is None:
        return None
    params, inputs = recipe["params"], recipe["inputs"]
    x = np.asarray(inputs["input"], dtype=np.float64)
    if recipe.get("activation"):
        return None  # the input is a logit before another activation: not these formulas
    if x.ndim > 2 or x.size == 0 or (kind != "kl" and x.ndim == 2 and x.shape[0] == 0):
        return None
    if x.ndim == 0:
        return None
    row = x if x.ndim == 1 else x[0]
    c = row.shape[-1]
    target = np.asarray(inputs["target"])
    if kind == "kl":
        t = target.astype(np.float64)
        if t.ndim == 0 or t.shape[-1] != c:
            return None  # a target broadcast against the input: no one distribution to show
        t = t if t.ndim == 1 else t[0]
        p = np.exp(t) if params["log_target"] else t
        q = np.exp(row)
        log_q = row
        kl = float(np.sum(_xlogy(p, p)) - np.sum(p * log_q))
        value = float(
            F.kl_div(
                torch.tensor(row), torch.tensor(t), reduction="sum", log_target=params["log_target"]
            )
        )
        h = float(-np.sum(_xlogy(p, p)))
        return Decomposition(p, q, h, kl, h + kl, value, ((KL_SUMMED, {}),), "KL")
    # from logits or log-probabilities
    probs = np.issubdtype(target.dtype, np.floating) and target.shape == x.shape
    if probs:
        t_row = target if target.ndim == 1 else target[0]
        p = t_row.astype(np.float64)
        cls = None
    else:
        cls = int(target.reshape(-1)[0]) if target.size else None
        if cls is None or not 0 <= cls < c:
            return None  # ignored (ignore_index) or out of range: nothing to decompose
        p = np.eye(c)[cls]
    eps = float(params.get("label_smoothing", 0.0) or 0.0)
    if eps:
        p = (1 - eps) * p + eps / c
    if kind == "logits":
        t = torch.tensor(row)
        log_q = torch.log_softmax(t, -1).numpy()
        tgt = torch.tensor(t_row) if probs else torch.tensor(cls)  # torch smooths it itself
        value = float(F.cross_entropy(t[None], tgt[None], label_smoothing=eps))
    else:
        log_q = row
        value = float(F.nll_loss(torch.tensor(row)[None], torch.tensor([cls])))
    q = np.exp(log_q)
    h = float(-np.sum(_xlogy(p, p)))
    ce = float(-np.sum(np.where(p > 0, p * log_q, 0.0)))
    notes = []
    if params.get("weight") is not None:
        notes.append((WEIGHTED, {}))
    if kind == "log_probs" and not np.isclose(q.sum(), 1.0, atol=1e-3):
        notes.append((NOT_LOG_PROBS, {"total": f"{q.sum():.4g}"}))
    return Decomposition(p, q, h, ce - h, ce, value, tuple(notes))


@dataclass(frozen=True)
class GridDecomposition:
    """p, q, H, KL and CE at every grid point (flat, row-major), for a live readout on hover."""

    p: np.ndarray  # (points, C)
    q: np.ndarray  # (points, C)
    entropy: np.ndarray  # (points,)
    kl: np.ndarray
    cross_entropy: np.ndarray
    torch_is: str = "CE"

    def at(self, k: int) -> Decomposition:
        return Decomposition(
            self.p[k],
            self.q[k],
            float(self.entropy[k]),
            float(self.kl[k]),
            float(self.cross_entropy[k]),
            float(self.cross_entropy[k] if self.torch_is == "CE" else self.kl[k]),
            ((AT_POINTER, {}),),
            self.torch_is,
        )


def decompose_grid(result: Any) -> GridDecomposition | None:
    """The decomposition at every grid point of a result whose axes sweep elements of the first
    sample's logits (or its target distribution); None otherwise (or for large grids of many
    classes, beyond 4 M numbers)."""
    r = result.recipe
    d = decompose(r)
    if d is None or not r["axes"]:
        return None
    c = len(d.p)
    vals = [result.x] if result.y is None else [result.x, result.y]
    grids = np.meshgrid(*vals, indexing="xy") if len(vals) == 2 else [vals[0]]
    n = grids[0].size
    if n * c > 4_000_000:
        return None
    x = np.asarray(r["inputs"]["input"], dtype=np.float64)
    row = np.tile(x if x.ndim == 1 else x[0], (n, 1))
    target = np.asarray(r["inputs"]["target"])
    kind = find(r["loss"]).decomposition
    probs_target = kind == "kl" or (
        np.issubdtype(target.dtype, np.floating) and target.shape == x.shape
    )
    t_row = (target if target.ndim == 1 else target[0]).astype(np.float64) if probs_target else None
    t = np.tile(t_row, (n, 1)) if t_row is not None else None
    for ax, g in zip(r["axes"], grids, strict=True):
        name, _, idx = ax["slot"].partition("[")
        index = [int(i) for i in idx.rstrip("]").split(",") if i.strip()]
        if not index or (len(index) == 2 and index[0] != 0) or len(index) > 2:
            return None  # not an element of the first sample
        col = index[-1]
        if name == "input":
            row[:, col] = g.reshape(-1)
        elif name == "target" and t is not None:
            t[:, col] = g.reshape(-1)
        else:
            return None
    eps = float(r["params"].get("label_smoothing", 0.0) or 0.0)
    if kind == "kl":
        p = np.exp(t) if r["params"]["log_target"] else t
        log_q = row
    else:
        # a swept target distribution is smoothed as torch does; a class index gives the same
        # p at every point, smoothed already (unsmoothing it divided by zero at smoothing 1)
        p = np.tile(d.p, (n, 1)) if t is None else (1 - eps) * t + eps / c
        logits = kind == "logits"
        log_q = torch.log_softmax(torch.from_numpy(row), -1).numpy() if logits else row
    h = -np.sum(_xlogy(p, p), axis=1)
    ce = -np.sum(np.where(p > 0, p * log_q, 0.0), axis=1)
    return GridDecomposition(p, np.exp(log_q), h, ce - h, ce, "KL" if kind == "kl" else "CE")
