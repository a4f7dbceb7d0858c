"""What a catalog entry is made of: a loss's parameters (Param), its forward's arguments (Arg)
and the entry itself (LossSpec), with the groups the browser shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import torch

from explorer.domains import (
    REAL,
    Interval,
    OneOf,
)
from explorer.losses import Family

# the distances live with the losses; named here too, where callers have always found them
from explorer.losses.distances import DISTANCES as DISTANCES
from explorer.losses.distances import register_distance as register_distance

ParamKind = Literal["float", "int", "bool", "choice", "tensor", "distance"]
Domain = Interval | OneOf

GROUPS = (
    "regression",
    "probabilistic regression",
    "classification",
    "distributions",
    "ranking and embedding",
    "sequence",
)


@dataclass(frozen=True)
class Param:
    """One constructor parameter of a loss."""

    name: str
    kind: ParamKind
    default: Any
    help: str
    domain: Interval | None = None  # what torch accepts (floats, ints, tensor elements)
    expect: Domain | None = None  # what is likely meant: outside it, a warning, not an error
    choices: tuple[Any, ...] = ()
    ui_range: tuple[float, float] | None = None  # slider span where the domain is unbounded

    def slider_range(self) -> tuple[float, float]:
        if self.ui_range is not None:
            return self.ui_range
        d = self.domain or REAL
        lo = d.low if d.low > -1e300 else -10.0
        hi = d.high if d.high < 1e300 else lo + 10.0
        return (lo, hi)


@dataclass(frozen=True)
class Arg:
    """One argument of the loss's forward, under torch's own name."""

    name: str
    default: Any
    help: str
    domain: Domain = REAL  # what torch accepts; outside it a RecipeError
    expect: Domain | Callable[[dict[str, Any]], Domain | None] | None = None  # else a warning
    index: bool = False  # integer class indices or lengths: JSON integers, never swept
    sample_rank: int = 0  # dims of one sample, for losses that reduce over a sample dim
    probs_like: str | None = None  # floats (probabilities) when shaped like this argument

    def expected(self, params: dict[str, Any]) -> Domain | None:
        return self.expect(params) if callable(self.expect) else self.expect


@dataclass(frozen=True)
class LossSpec:
    name: str
    group: str
    help: str
    params: tuple[Param, ...]
    args: tuple[Arg, ...]
    axes: tuple[tuple[str, float, float], ...]  # default (slot, start, stop)
    family: Family
    # Advice beyond per-element domains: (params, arrays, warn) for what torch computes but is
    # likely a mistake, such as a zero vector for a cosine.
    advice: (
        Callable[[dict[str, Any], dict[str, np.ndarray], Callable[[str, str], None]], None] | None
    ) = None
    factory: Callable[..., torch.nn.Module] | None = None  # your loss; None: torch.nn.<name>
    # What is drawn beside the loss, where it is (explorer.drawing reads these, never a name):
    # p, q, H(p) and KL(p || q) of the first sample, from logits (q = softmax(input)), from
    # log-probabilities (q = exp(input)) or as KL (p = target, torch's value is the KL term)
    decomposition: Literal["logits", "log_probs", "kl"] | None = None
    overlay: Literal["cosine", "triplet"] | None = None  # the rays, or the margin's ball
    compare: tuple[str, ...] = ()  # the one-click comparison set (the loss itself left out)
    # What the window's "About this loss" and the captions say of it: the formula per element
    # or sample before the reduction (plain Unicode: x the input, y the target, σ the sigmoid,
    # w a class weight, C the classes, N the samples), when to reach for it, what goes wrong
    formula: str = ""
    use: str = ""
    pitfalls: tuple[str, ...] = ()

    @property
    def layout(self) -> str:
        return self.family.name

    def is_index(self, arg: Arg, arrays: dict[str, np.ndarray]) -> bool:
        """Integer class indices or lengths? CrossEntropyLoss's target is probabilities when it
        has the input's shape."""
        if arg.probs_like is not None:
            return np.shape(arrays[arg.name]) != np.shape(arrays[arg.probs_like])
        return arg.index

    def classes(self, arrays: dict[str, np.ndarray]) -> int:
        """Classes (or last-dim entries) a per-class weight needs: the family's class dim."""
        first = arrays[self.args[0].name]
        c = self.family.classes(arrays, self)
        return c if c is not None else int(first.shape[-1]) if first.ndim else 1

    @property
    def module_class(self) -> Callable[..., torch.nn.Module]:
        return self.factory if self.factory is not None else getattr(torch.nn, self.name)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def arg(self, name: str) -> Arg | None:
        return next((a for a in self.args if a.name == name), None)
