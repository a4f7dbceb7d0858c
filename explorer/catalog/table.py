"""The 21 torch.nn losses as data (parameters, arguments, domains, axes, what is drawn beside
them); checks, evaluation, panels and the CLI read it: nothing is written by hand for one loss."""

from __future__ import annotations

from explorer.catalog.entries import classification, distributions, ranking, regression, sequence
from explorer.catalog.specs import LossSpec

# the 21, in the browser's order
BUILT_IN: tuple[LossSpec, ...] = (
    *regression.ENTRIES,
    *classification.ENTRIES,
    *distributions.ENTRIES,
    *ranking.ENTRIES,
    *sequence.ENTRIES,
)
CATALOG: dict[str, LossSpec] = {s.name: s for s in BUILT_IN}
