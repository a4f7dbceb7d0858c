"""How a figure is drawn (the recipe's `view`), checked."""

from __future__ import annotations

from typing import Any

from explorer.catalog import CATALOG
from explorer.checks import (
    RecipeError,
    as_bool,
    as_float,
    as_int,
    check_in,
    show,
)
from explorer.domains import Interval
from explorer.messages import Message
from explorer.recipes.schema import COLORMAPS, VIEW_DEFAULTS


def normalize_view(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise RecipeError("view", "must be an object")
    for k in raw:
        if k not in VIEW_DEFAULTS:
            raise RecipeError(
                f"view.{show(k).strip(chr(39))}",
                Message(
                    "unknown view field; known: {VIEW_DEFAULTS}",
                    VIEW_DEFAULTS=", ".join(VIEW_DEFAULTS),
                ),
            )
    view = {**VIEW_DEFAULTS, **raw}
    compare = view["compare"]
    if not isinstance(compare, list) or any(
        not isinstance(c, str) or c not in CATALOG for c in compare
    ):
        raise RecipeError(
            "view.compare",
            Message("must be a list of loss names, got {compare}", compare=show(compare)),
        )
    view["compare"] = list(dict.fromkeys(compare))
    if not isinstance(view["colormap"], str) or view["colormap"] not in COLORMAPS:
        raise RecipeError(
            "view.colormap",
            Message(
                "must be one of {COLORMAPS}, got {view}",
                COLORMAPS=", ".join(COLORMAPS),
                view=show(view["colormap"]),
            ),
        )
    as_bool("view.log", view["log"])
    as_bool("view.equal_aspect", view["equal_aspect"])
    as_bool("view.log_y", view["log_y"])
    if view["levels"] is not None:
        lv = view["levels"]
        if not isinstance(lv, list) or len(lv) != 2:
            raise RecipeError(
                "view.levels", Message("must be null or [low, high], got {lv}", lv=show(lv))
            )
        lo, hi = as_float("view.levels[0]", lv[0]), as_float("view.levels[1]", lv[1])
        if not lo < hi:
            raise RecipeError(
                "view.levels",
                Message("low must be below high, got [{lo}, {hi}]", lo=f"{lo:g}", hi=f"{hi:g}"),
            )
        view["levels"] = [lo, hi]
    for k, hi in (("contours", 50), ("arrows", 64)):
        view[k] = as_int(f"view.{k}", view[k])
        check_in(f"view.{k}", view[k], Interval(0, hi))
    return view
