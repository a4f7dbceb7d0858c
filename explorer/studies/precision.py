"""One recipe in float16, bfloat16, float32 and float64: where each loses precision, overflows
or has no kernel. Each dtype is a separate evaluation of the same recipe; float64 is the
reference, and each other dtype's error is |loss - loss_float64| per grid point."""

from __future__ import annotations

import json
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from explorer.checks import RecipeError
from explorer.engine import Result, iter_evaluate
from explorer.messages import same
from explorer.progress import drain, scaled
from explorer.recipes import normalize

COMPARED = ("float32", "bfloat16", "float16")

# The summary's templates: the window translates them (ui.i18n collects MESSAGES)
NOT_COMPUTED = "{dtype}: not computed: {why}"
WORST = "{dtype}: max |difference| {worst}"
NO_FINITE = "{dtype}: no finite difference"
NEW_NONFINITE = "{count} non-finite where float64 is not"
NONFINITE = "{count} non-finite"
MESSAGES = (NOT_COMPUTED, WORST, NO_FINITE, NEW_NONFINITE, NONFINITE)


@dataclass
class Precision:
    reference: Result  # float64
    results: dict[str, Result] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)  # dtype -> why it was not computed

    def error(self, dtype: str) -> np.ndarray:
        """|loss(dtype) - loss(float64)|; inf where one is finite and the other not."""
        a = self.results[dtype].surface.astype(np.float64)
        b = self.reference.surface
        with np.errstate(invalid="ignore"):
            d = np.abs(a - b)
        return np.where(np.isfinite(a) == np.isfinite(b), np.nan_to_num(d, nan=0.0), np.inf)

    @property
    def recipe(self) -> dict[str, Any]:
        return self.reference.recipe

    def to_json(self) -> dict[str, Any]:
        """What `main.py precision --recipe` reads to make it again (the dtype is its own)."""
        return self.reference.recipe

    def write_npz(self, path: Any) -> None:
        write_npz(self, path)

    def summary(self) -> str:
        return "; ".join(self.said(d) for d in COMPARED)

    def frame_count(self) -> int:
        return 1

    def still(self) -> tuple[Result, str]:
        return self.reference, "float64"

    def said(self, dtype: str, tr: Callable[[str], str] = same) -> str:
        """What `dtype` did, in a line; `tr` translates the templates (the window's language)."""
        if dtype in self.refused:
            return tr(NOT_COMPUTED).format(dtype=dtype, why=self.refused[dtype])
        e = self.error(dtype)
        bad = int(np.count_nonzero(~np.isfinite(self.results[dtype].surface)))
        finite = e[np.isfinite(e)]
        if finite.size:
            text = tr(WORST).format(dtype=dtype, worst=f"{finite.max():.3g}")
        else:
            text = tr(NO_FINITE).format(dtype=dtype)
        if np.isinf(e).any():
            return text + ", " + tr(NEW_NONFINITE).format(count=bad)
        return text + (" (" + tr(NONFINITE).format(count=bad) + ")" if bad else "")


def iter_precision(recipe: dict[str, Any]) -> Generator[float, None, Precision]:
    base = normalize({**recipe, "dtype": "float64"})
    n = len(COMPARED) + 1
    ref = yield from scaled(iter_evaluate(base), 0, n)
    out = Precision(ref)
    for k, dtype in enumerate(COMPARED, 1):
        try:
            out.results[dtype] = yield from scaled(iter_evaluate({**base, "dtype": dtype}), k, n)
        except RecipeError as e:
            out.refused[dtype] = str(e).split(": ", 1)[-1]
    return out


def precision(recipe: dict[str, Any]) -> Precision:
    return drain(iter_precision(recipe))


def write_npz(p: Precision, path: Any) -> None:
    r = p.reference
    arrays = {"x": r.x, "y": r.y if r.y is not None else np.empty(0), "loss_float64": r.surface}
    for dtype, res in p.results.items():
        arrays[f"loss_{dtype}"] = res.surface
        arrays[f"error_{dtype}"] = p.error(dtype)
    np.savez_compressed(
        path,
        **arrays,
        recipe=np.array(json.dumps(r.recipe)),
        refused=np.array(json.dumps(p.refused)),
    )
