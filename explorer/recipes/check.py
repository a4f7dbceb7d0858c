"""The single place where a recipe is checked and normalized.

`normalize` accepts a recipe (a JSON-style dict) and returns a new one with every default filled
in, or raises `RecipeError` naming the first bad field and the accepted range. Nothing builds a
tensor from a recipe that has not passed through here. Also the recipes made from a checked one:
the default, the one point, the compared losses.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np

from explorer.catalog import CATALOG, find
from explorer.checks import (
    RecipeError,
    as_array,
    show,
)
from explorer.losses import probe
from explorer.losses.compose import activate_numpy, check_activation
from explorer.losses.torch_call import guess_field
from explorer.messages import Message
from explorer.recipes.axes import normalize_axes
from explorer.recipes.budget import MAX_INPUT_ELEMENTS, check_budget
from explorer.recipes.params import PARAM_KINDS
from explorer.recipes.schema import (
    DEFAULT_NUM,
    DEVICES,
    DTYPES,
    FIELDS,
    VERSION,
)
from explorer.recipes.slots import parse_slot
from explorer.recipes.values import Warnings, expect, hard
from explorer.recipes.view import normalize_view


def normalize(recipe: Any) -> dict[str, Any]:
    """Check `recipe` and return a new, complete one; raise RecipeError otherwise."""
    return check(recipe)[0]


def check(recipe: Any) -> tuple[dict[str, Any], list[str]]:
    """The normalized recipe and its warnings (`field: message`): values torch computes that are
    likely a mistake. Raises RecipeError for what torch or the explorer refuses."""
    try:
        return _check(recipe)
    except RecursionError:
        raise RecipeError("", "the recipe is nested too deeply") from None


def _check(recipe: Any) -> tuple[dict[str, Any], list[str]]:
    if not isinstance(recipe, dict):
        raise RecipeError(
            "", Message("a recipe must be a JSON object, got {name}", name=type(recipe).__name__)
        )
    unknown = sorted(str(k) for k in recipe if k not in FIELDS)
    if unknown:
        raise RecipeError(show(unknown[0]).strip("'"), "unknown recipe field")
    version = recipe.get("version", 1)
    if isinstance(version, bool) or version not in (1, VERSION):
        raise RecipeError(
            "version",
            Message(
                "must be 1 or {VERSION}, got {version}", VERSION=VERSION, version=show(version)
            ),
        )
    name = recipe.get("loss")
    if not isinstance(name, str) or find(name) is None:  # find may load your trusted loss
        raise RecipeError(
            "loss",
            Message(
                "unknown loss {name}; choose one of {CATALOG}",
                name=show(name),
                CATALOG=", ".join(CATALOG),
            ),
        )
    s = CATALOG[name]
    warn = Warnings()

    raw_params = recipe.get("params", {})
    if not isinstance(raw_params, dict):
        raise RecipeError("params", "must be an object")
    for k in raw_params:
        if not isinstance(k, str) or s.param(k) is None:
            hint = (
                Message(" (deprecated, use reduction)") if k in ("size_average", "reduce") else ""
            )
            raise RecipeError(
                f"params.{show(k).strip(chr(39))}",
                Message(
                    "unknown parameter of {name}{hint}; known: {value}",
                    name=name,
                    hint=hint,
                    value=", ".join(p.name for p in s.params),
                ),
            )
    params = {}
    for p in s.params:
        field = f"params.{p.name}"
        params[p.name] = PARAM_KINDS[p.kind](p, field, raw_params.get(p.name, p.default))
        if params[p.name] is not None and p.expect is not None and p.kind != "bool":
            expect(field, np.asarray(params[p.name]), p.expect, warn, Message("but it is unusual"))

    raw_inputs = recipe.get("inputs", {})
    if not isinstance(raw_inputs, dict):
        raise RecipeError("inputs", "must be an object")
    for k in raw_inputs:
        if not isinstance(k, str) or s.arg(k) is None:
            raise RecipeError(
                f"inputs.{show(k).strip(chr(39))}",
                Message(
                    "unknown input of {name}; known: {value}",
                    name=name,
                    value=", ".join(a.name for a in s.args),
                ),
            )
    arrays: dict[str, np.ndarray] = {}
    total = 0
    for a in s.args:
        # CrossEntropy's target kind depends on its shape: read it as floats first.
        integer = a.index and a.probs_like is None
        arrays[a.name] = as_array(f"inputs.{a.name}", raw_inputs.get(a.name, a.default), integer)
        total += arrays[a.name].size
        if total > MAX_INPUT_ELEMENTS:
            raise RecipeError(
                f"inputs.{a.name}",
                Message(
                    "the inputs hold more than {MAX_INPUT_ELEMENTS} numbers; use smaller inputs",
                    MAX_INPUT_ELEMENTS=f"{MAX_INPUT_ELEMENTS:,}",
                ),
            )
    for a in s.args:
        if a.probs_like is not None and s.is_index(a, arrays):
            arrays[a.name] = as_array(f"inputs.{a.name}", raw_inputs.get(a.name, a.default), True)
    activation = check_activation(s, recipe.get("activation"), arrays)
    # what the loss itself receives: with an activation, activation(input)
    seen = (
        {**arrays, "input": activate_numpy(activation, arrays["input"])} if activation else arrays
    )
    s.family.check(s, params, seen, warn)
    if s.advice is not None:
        s.advice(params, seen, warn)
    for a in s.args:
        if s.is_index(a, arrays):
            continue
        field = f"inputs.{a.name}"
        hard(field, seen[a.name], a.domain)
        expect(field, seen[a.name], a.expected(params), warn, Message("but it is likely a mistake"))
    said: list[str] = []
    point_shape = tuple(probe(s, params, seen, said))
    for message in dict.fromkeys(said):  # torch's own warnings, shown instead of lost
        warn(guess_field(s, message), Message("torch warns: {message}", message=message))

    axes = normalize_axes(s, recipe.get("axes", []), params, arrays, warn, activation)

    device = recipe.get("device", "auto")
    if not isinstance(device, str) or device not in DEVICES:
        raise RecipeError(
            "device",
            Message(
                "must be one of {DEVICES}, got {device}",
                DEVICES=", ".join(DEVICES),
                device=show(device),
            ),
        )
    dtype = recipe.get("dtype", "float64")
    if not isinstance(dtype, str) or dtype not in DTYPES:
        raise RecipeError(
            "dtype",
            Message(
                "must be one of {DTYPES}, got {dtype}", DTYPES=", ".join(DTYPES), dtype=show(dtype)
            ),
        )

    out = {
        "version": VERSION,
        "loss": name,
        "params": params,
        "inputs": {k: v.tolist() for k, v in arrays.items()},
        "axes": axes,
        "device": device,
        "dtype": dtype,
        "view": normalize_view(recipe.get("view", {})),
    }
    if activation is not None:  # only when set: recipes without one stay as they were
        out["activation"] = activation
    check_budget(out, arrays, point_shape)
    return out, list(warn)


def default_recipe(name: str) -> dict[str, Any]:
    """A valid starting recipe for `name`: torch's defaults and two axes inside the domain."""
    if name not in CATALOG:
        raise RecipeError(
            "loss",
            Message(
                "unknown loss {name}; choose one of {CATALOG}",
                name=f"{name!r}",
                CATALOG=", ".join(CATALOG),
            ),
        )
    s = CATALOG[name]
    recipe = {
        "loss": name,
        "params": {p.name: copy.deepcopy(p.default) for p in s.params},
        "inputs": {a.name: copy.deepcopy(a.default) for a in s.args},
        "axes": [
            {"slot": slot, "start": start, "stop": stop, "num": DEFAULT_NUM}
            for slot, start, stop in s.axes
        ],
        "device": "auto",
        "dtype": "float64",
    }
    return normalize(recipe)


def point_recipe(recipe: dict[str, Any]) -> dict[str, Any]:
    """The normalized recipe at its own point: each axis pinned to the slot's current value,
    so that evaluating it gives the loss and its gradients at the inputs as they stand."""
    spec = CATALOG[recipe["loss"]]
    axes = []
    for ax in recipe["axes"]:
        s = parse_slot(spec, ax["slot"], recipe["params"])
        value = recipe["params" if s.is_param else "inputs"][s.name]
        for i in s.index:
            value = value[i]
        axes.append({"slot": ax["slot"], "start": float(value), "stop": float(value), "num": 1})
    return {**recipe, "axes": axes, "view": {**recipe["view"], "compare": []}}


def compare_recipes(recipe: dict[str, Any]) -> list[dict[str, Any]]:
    """Recipes of the losses in view.compare on the same inputs and first axis, at torch's
    default parameters; a loss that cannot take these inputs is left out."""
    out = []
    for name in recipe["view"]["compare"]:
        if name == recipe["loss"]:
            continue
        base = default_recipe(name)
        try:
            out.append(
                normalize(
                    {
                        **base,
                        "inputs": recipe["inputs"],
                        "axes": recipe["axes"][:1],
                        "device": recipe["device"],
                        "dtype": recipe["dtype"],
                        "view": {**recipe["view"], "compare": []},
                    }
                )
            )
        except RecipeError:
            continue
    return out
