"""The edited recipe: the one piece of state the panels change and the worker receives a copy of."""

from __future__ import annotations

import contextlib
import copy
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from explorer.catalog import CATALOG, DEFAULT_LOSS
from explorer.recipes import RecipeError, default_recipe, normalize, place_axis


class RecipeModel(QObject):
    """Holds the recipe being edited. It may be invalid; the worker says why, field by field."""

    changed = Signal()  # any edit: recompute
    reset = Signal()  # a new loss or a loaded recipe: rebuild the panels

    def __init__(self, recipe: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.recipe: dict[str, Any] = recipe or default_recipe(DEFAULT_LOSS)

    @property
    def spec(self):
        return CATALOG[self.recipe["loss"]]

    def snapshot(self) -> dict[str, Any]:
        return copy.deepcopy(self.recipe)

    def load(self, recipe: dict[str, Any]) -> None:
        """Replace the recipe; raises RecipeError (and keeps the old one) if it is invalid.
        A recipe of one point (no axes) is drawn over its loss's default axes."""
        recipe = normalize(recipe)
        if not recipe["axes"]:
            with contextlib.suppress(RecipeError):  # the default axes do not fit its inputs
                recipe = normalize({**recipe, "axes": default_recipe(recipe["loss"])["axes"]})
        self.recipe = recipe
        self.reset.emit()
        self.changed.emit()

    def set_loss(self, name: str) -> None:
        if name == self.recipe["loss"]:
            return
        new = default_recipe(name)
        view = {
            **self.recipe["view"],
            "compare": [c for c in self.recipe["view"]["compare"] if c != name],
        }
        # each loss starts at its own default grid (a 4096-point grid chosen for one loss would
        # make every next one slow); only the choice of a curve or a surface carries over
        if len(self.recipe["axes"]) == 1:
            new["axes"] = new["axes"][:1]
        new.update(view=view, device=self.recipe["device"], dtype=self.recipe["dtype"])
        self.recipe = new
        self.reset.emit()
        self.changed.emit()

    def set_param(self, name: str, value: Any) -> None:
        self.recipe["params"][name] = value
        self.changed.emit()

    def set_input(self, name: str, value: Any) -> None:
        self.recipe["inputs"][name] = value
        if name == self.spec.args[0].name:
            self._fit_tensor_params()
        self.changed.emit()

    def set_axis(self, k: int, axis: dict[str, Any] | None) -> None:
        place_axis(self.recipe["axes"], k, axis)
        self.changed.emit()

    def set_view(self, key: str, value: Any) -> None:
        self.recipe["view"][key] = value
        self.changed.emit()

    def set_top(self, key: str, value: Any) -> None:
        """device, dtype or activation (None removes it)"""
        if value is None:
            self.recipe.pop(key, None)
        else:
            self.recipe[key] = value
        self.changed.emit()

    def _fit_tensor_params(self) -> None:
        """Keep class weights one per class when the class count changes."""
        try:
            arrays = {k: np.asarray(v) for k, v in self.recipe["inputs"].items()}
            classes = self.spec.classes(arrays)
        except (ValueError, IndexError, KeyError):
            return
        resized = False
        for p in self.spec.params:
            w = self.recipe["params"].get(p.name)
            if p.kind == "tensor" and w is not None and np.size(w) != classes:
                flat = np.ravel(w).tolist()
                self.recipe["params"][p.name] = (flat + [1.0] * classes)[:classes]
                resized = True
        if resized:
            self.reset.emit()


def compare_defaults(name: str) -> list[str]:
    """The one-click comparison: the loss's comparison set (the catalog's), without itself."""
    entry = CATALOG.get(name)
    return [n for n in (entry.compare if entry else ()) if n != name]
