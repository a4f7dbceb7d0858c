"""Each loss's formula, per element or per sample before the reduction, as torch documents it:
kept with its catalog entry (`LossSpec.formula`), in plain Unicode so that captions, HTML, PDF
and tooltips show it without a math renderer."""

from __future__ import annotations

from explorer.catalog.table import BUILT_IN, CATALOG

# the 21 built-in losses' formulas, each from its catalog entry
FORMULAS: dict[str, str] = {spec.name: spec.formula for spec in BUILT_IN}


def formula(loss: str) -> str:
    """The loss's formula, or '' for a loss without one (a user's own)."""
    spec = CATALOG.get(loss)
    return spec.formula if spec is not None else ""
