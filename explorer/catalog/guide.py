"""What each loss is for and how it goes wrong, in a few lines: the window's "About this loss",
made from the loss's catalog entry (its use, pitfalls and formula) and its parameters' help."""

from __future__ import annotations

from typing import Any

from explorer.catalog import CATALOG
from explorer.catalog.formulas import formula
from explorer.catalog.table import BUILT_IN

# the 21 built-in losses' lines, each from its catalog entry (`LossSpec.use`, `.pitfalls`)
USE: dict[str, str] = {spec.name: spec.use for spec in BUILT_IN}
PITFALLS: dict[str, tuple[str, ...]] = {spec.name: spec.pitfalls for spec in BUILT_IN}


def about(name: str) -> dict[str, Any]:
    """Formula, use, parameters and pitfalls of a loss (built-in, or your own: its docstring)."""
    spec = CATALOG[name]
    return {
        "formula": formula(name),
        "use": spec.use or spec.help,
        "params": [(p.name, p.help) for p in spec.params],
        "pitfalls": list(spec.pitfalls),
    }
