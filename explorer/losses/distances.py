"""Distances for TripletMarginWithDistanceLoss's `distance_function`, by name (a recipe is JSON,
so it names one): torch's pairwise distance, and two more, plus any registered. All reduce over
the last dim, so batches work. Here, not in the catalog, so that calling a loss
(explorer.losses.torch_call) needs no import of the catalog: no circle."""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch.nn import functional as F


def _cosine_distance(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return 1.0 - F.cosine_similarity(a, b, dim=-1)


def _linf_distance(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return (a - b).abs().amax(dim=-1)


DISTANCES: dict[str, Callable[[torch.Tensor, torch.Tensor], torch.Tensor]] = {
    "pairwise": F.pairwise_distance,
    "cosine": _cosine_distance,
    "linf": _linf_distance,
}


def register_distance(name: str, fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]) -> None:
    """Make a custom distance usable as `distance_function` by name.

    It must map two (batch, dim) tensors to a (batch,) tensor, row by row.
    """
    if not name.isidentifier():
        raise ValueError(f"distance name must be an identifier, got {name!r}")
    DISTANCES[name] = fn
