"""Recipes: default ones, and the single place where a recipe is checked and normalized.

`normalize` accepts a recipe (a JSON-style dict) and returns a new one with every default filled
in, or raises `RecipeError` naming the first bad field and the accepted range. Nothing builds a
tensor from a recipe that has not passed through here.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from explorer.catalog import CATALOG, DISTANCES, Arg, LossSpec, Param
from explorer.domains import REAL, UNIT, Interval, OneOf

DEVICES = ("auto", "cpu", "cuda")
DTYPES = ("float32", "float64")
MAX_AXIS_POINTS = 4096
MAX_RESULT_BYTES = 2 * 1024**3  # result arrays held in memory at once
DEFAULT_NUM = 256
COLORMAPS = ("viridis", "magma", "inferno", "plasma", "cividis", "turbo", "CET-D1")
# How a figure is drawn, so that a recipe reproduces the figure and not only the numbers.
VIEW_DEFAULTS: dict[str, Any] = {
    "colormap": "viridis",
    "log": False,
    "contours": 8,
    "arrows": 24,
    "compare": [],  # other losses drawn beside a 1-D curve, on the same inputs
}


class RecipeError(ValueError):
    """An invalid recipe; the message starts with the field it names."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


@dataclass(frozen=True)
class Slot:
    """What an axis sweeps: one element of a forward argument or of a parameter."""

    name: str
    index: tuple[int, ...]
    is_param: bool

    @property
    def text(self) -> str:
        return self.name + (f"[{','.join(map(str, self.index))}]" if self.index else "")


_SLOT_RE = re.compile(r"^\s*([A-Za-z_]\w*)\s*(?:\[\s*(-?\d+(?:\s*,\s*-?\d+)*)\s*\])?\s*$")


def default_recipe(name: str) -> dict[str, Any]:
    """A valid starting recipe for `name`: torch's defaults and two axes inside the domain."""
    if name not in CATALOG:
        raise RecipeError("loss", f"unknown loss {name!r}; choose one of {', '.join(CATALOG)}")
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


# ---- small checkers


def _float(field: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RecipeError(field, f"must be a number, got {value!r}")
    v = float(value)
    if not math.isfinite(v):
        raise RecipeError(field, f"must be finite, got {v}")
    return v


def _int(field: str, value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecipeError(field, f"must be an integer, got {value!r}")
    return value


def _in(field: str, value: float, domain: Interval | OneOf) -> None:
    if not domain.contains(value):
        raise RecipeError(field, f"must be {domain.describe()}, got {value:g}")


def _array(field: str, value: Any, integer: bool) -> np.ndarray:
    """A regular nested list of numbers as an array (int64 or float64)."""
    try:
        arr = np.array(value, dtype=object)
    except ValueError:
        raise RecipeError(field, "must be a regular nested list of numbers") from None
    flat = arr.reshape(-1)
    if any(isinstance(v, (list, tuple)) for v in flat):
        raise RecipeError(field, "must be a regular nested list of numbers")
    for i, v in enumerate(flat):
        where = f"{field}{_index_text(np.unravel_index(i, arr.shape)) if arr.ndim else ''}"
        if integer:
            flat[i] = _int(where, v)
        else:
            flat[i] = _float(where, v)
    return arr.astype(np.int64 if integer else np.float64)


def _index_text(index: tuple[int, ...]) -> str:
    return "[" + ",".join(str(int(i)) for i in index) + "]"


def parse_slot(spec: LossSpec, text: Any, params: dict[str, Any]) -> Slot:
    if not isinstance(text, str) or not (m := _SLOT_RE.match(text)):
        raise RecipeError("slot", f"must look like name[i,j] or a parameter name, got {text!r}")
    name = m.group(1)
    index = tuple(int(i) for i in m.group(2).split(",")) if m.group(2) else ()
    if index and spec.arg(name) is not None:  # PoissonNLLLoss has both an arg and a param log_input
        return Slot(name, index, False)
    if (p := spec.param(name)) is not None:
        if p.kind == "float" and not index:
            return Slot(name, (), True)
        if p.kind == "tensor" and len(index) == 1:
            value = params.get(name)
            if value is None:
                raise RecipeError("slot", f"{name} is not set; give params.{name} a list first")
            if not 0 <= index[0] < len(value):
                raise RecipeError(
                    "slot", f"index {index[0]} out of range for {name} of length {len(value)}"
                )
            return Slot(name, index, True)
        raise RecipeError(
            "slot",
            f"parameter {name} ({p.kind}) cannot be swept; float parameters "
            "and elements of tensor parameters can",
        )
    if spec.arg(name) is None:
        names = [a.name for a in spec.args] + [p.name for p in spec.params if p.kind == "float"]
        raise RecipeError(
            "slot", f"unknown slot {name!r} for {spec.name}; use one of {', '.join(names)}"
        )
    raise RecipeError("slot", f"{name} is a forward argument: name one element, like {name}[0]")


# ---- the loss-specific rules: shapes, class indices, parameter-dependent domains


def is_index(spec: LossSpec, arg: Arg, inputs: dict[str, np.ndarray]) -> bool:
    """CrossEntropyLoss's target is class indices unless it has the input's shape."""
    if spec.name == "CrossEntropyLoss" and arg.name == "target":
        return np.shape(inputs["target"]) != np.shape(inputs["input"])
    return arg.index


def arg_domain(spec: LossSpec, arg: Arg, params: dict[str, Any]) -> Interval | OneOf:
    if spec.name == "PoissonNLLLoss" and arg.name == "log_input" and not params["log_input"]:
        return Interval(0.0)  # the rate itself
    if spec.name == "KLDivLoss" and arg.name == "target" and params["log_target"]:
        return REAL
    return arg.domain


def _shape_rules(spec: LossSpec, params: dict[str, Any], x: dict[str, np.ndarray]) -> None:
    def need(cond: bool, field: str, msg: str) -> None:
        if not cond:
            raise RecipeError(field, msg)

    def shape(name: str) -> tuple[int, ...]:
        return tuple(x[name].shape)

    first = spec.args[0].name
    if spec.layout == "elementwise":
        need(
            len(shape(first)) >= 1 and x[first].size >= 1,
            f"inputs.{first}",
            "must be a non-empty list",
        )
        for a in spec.args[1:]:
            need(
                shape(a.name) == shape(first),
                f"inputs.{a.name}",
                f"must have the shape of {first} {shape(first)}, got {shape(a.name)}",
            )
    elif spec.layout == "samples":
        s = shape(first)
        need(
            len(s) in (1, 2) and s[-1] >= 1 and (len(s) == 1 or s[0] >= 1),
            f"inputs.{first}",
            f"must be (N, C) or (C,) and non-empty, got shape {s}",
        )
        batch = s[:-1]
        for a in spec.args[1:]:
            if spec.name == "CrossEntropyLoss" and a.name == "target":
                need(
                    shape(a.name) in (s, batch),
                    "inputs.target",
                    f"must be class indices of shape {batch} or probabilities of shape {s}, "
                    f"got {shape(a.name)}",
                )
                continue
            want = s if a.sample_rank == 1 else batch
            need(
                shape(a.name) == want,
                f"inputs.{a.name}",
                f"must have shape {want}, got {shape(a.name)}",
            )
    else:  # ctc
        s = shape("log_probs")
        need(len(s) == 3 and min(s) >= 1, "inputs.log_probs", f"must be (T, N, C), got {s}")
        t, n, c = s
        need(
            x["targets"].ndim == 2 and x["targets"].shape[0] == n,
            "inputs.targets",
            f"must be (N, S) with N = {n}, got {shape('targets')}",
        )
        for name in ("input_lengths", "target_lengths"):
            need(
                shape(name) == (n,), f"inputs.{name}", f"must have shape ({n},), got {shape(name)}"
            )
        need(
            0 <= params["blank"] < c, "params.blank", f"must be in [0, {c}), got {params['blank']}"
        )
        S = x["targets"].shape[1]
        for i in range(n):
            il, tl = int(x["input_lengths"][i]), int(x["target_lengths"][i])
            need(1 <= il <= t, f"inputs.input_lengths[{i}]", f"must be in [1, {t}], got {il}")
            need(
                0 <= tl <= min(S, il),
                f"inputs.target_lengths[{i}]",
                f"must be in [0, {min(S, il)}] (S and input_lengths[{i}]), got {tl}",
            )
            for j in range(tl):
                v = int(x["targets"][i, j])
                need(
                    0 <= v < c and v != params["blank"],
                    f"inputs.targets[{i},{j}]",
                    f"must be a class in [0, {c}) other than blank {params['blank']}, got {v}",
                )

    classes = shape(first)[-1] if spec.layout != "ctc" else 0
    for p in spec.params:
        if p.kind == "tensor" and params[p.name] is not None:
            need(
                len(params[p.name]) == classes,
                f"params.{p.name}",
                f"must have one value per class ({classes}), got {len(params[p.name])}",
            )

    if spec.name in ("CrossEntropyLoss", "NLLLoss", "MultiMarginLoss", "MultiLabelMarginLoss"):
        t = x["target"]
        if not np.issubdtype(t.dtype, np.integer):
            need(
                params.get("ignore_index", -100) == -100,
                "params.ignore_index",
                f"must stay -100 with probability targets, got {params.get('ignore_index')}",
            )
            return
        c = shape("input")[-1]
        ignore = params.get("ignore_index")
        lo = -1 if spec.name == "MultiLabelMarginLoss" else 0
        for i, v in np.ndenumerate(t):
            need(
                lo <= v < c or v == ignore,
                f"inputs.target{_index_text(i) if i else ''}",
                f"must be a class index in [{lo}, {c}), got {v}",
            )
        if ignore is not None and t.size and np.all(t == ignore):
            raise RecipeError(
                "params.ignore_index", f"ignores every target ({ignore}); the mean would be 0/0"
            )


# ---- normalize


def _normalize_param(p: Param, value: Any, field: str) -> Any:
    if p.kind == "float":
        v = _float(field, value)
        _in(field, v, p.domain or REAL)
        return v
    if p.kind == "int":
        v = _int(field, value)
        if p.domain is not None:
            _in(field, v, p.domain)
        return v
    if p.kind == "bool":
        if not isinstance(value, bool):
            raise RecipeError(field, f"must be true or false, got {value!r}")
        return value
    if p.kind == "choice":
        if value not in p.choices:
            raise RecipeError(
                field, f"must be one of {', '.join(map(str, p.choices))}, got {value!r}"
            )
        return value
    if p.kind == "distance":
        if value not in DISTANCES:
            raise RecipeError(field, f"must be one of {', '.join(DISTANCES)}, got {value!r}")
        return value
    # tensor: None or a flat list
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        raise RecipeError(field, f"must be null or a non-empty list of numbers, got {value!r}")
    out = [_float(f"{field}[{i}]", v) for i, v in enumerate(value)]
    for i, v in enumerate(out):
        _in(f"{field}[{i}]", v, p.domain or REAL)
    return out


def normalize(recipe: Any) -> dict[str, Any]:
    """Check `recipe` and return a new, complete one; raise RecipeError otherwise."""
    if not isinstance(recipe, dict):
        raise RecipeError("", f"a recipe must be a JSON object, got {type(recipe).__name__}")
    unknown = set(recipe) - {"loss", "params", "inputs", "axes", "device", "dtype", "view"}
    if unknown:
        raise RecipeError(sorted(unknown)[0], "unknown recipe field")
    name = recipe.get("loss")
    if name not in CATALOG:
        raise RecipeError("loss", f"unknown loss {name!r}; choose one of {', '.join(CATALOG)}")
    s = CATALOG[name]

    raw_params = recipe.get("params", {})
    if not isinstance(raw_params, dict):
        raise RecipeError("params", "must be an object")
    for k in raw_params:
        if s.param(k) is None:
            hint = " (deprecated, use reduction)" if k in ("size_average", "reduce") else ""
            raise RecipeError(
                f"params.{k}",
                f"unknown parameter of {name}{hint}; known: {', '.join(p.name for p in s.params)}",
            )
    params = {
        p.name: _normalize_param(p, raw_params.get(p.name, p.default), f"params.{p.name}")
        for p in s.params
    }

    raw_inputs = recipe.get("inputs", {})
    if not isinstance(raw_inputs, dict):
        raise RecipeError("inputs", "must be an object")
    for k in raw_inputs:
        if s.arg(k) is None:
            raise RecipeError(
                f"inputs.{k}",
                f"unknown input of {name}; known: {', '.join(a.name for a in s.args)}",
            )
    merged = {a.name: raw_inputs.get(a.name, a.default) for a in s.args}
    arrays: dict[str, np.ndarray] = {}
    for a in s.args:
        # CrossEntropy's target kind depends on its shape: read it as floats first.
        integer = a.index and s.name != "CrossEntropyLoss"
        arrays[a.name] = _array(f"inputs.{a.name}", merged[a.name], integer)
    for a in s.args:
        if is_index(s, a, arrays):
            arrays[a.name] = _array(f"inputs.{a.name}", merged[a.name], True)
    _shape_rules(s, params, arrays)
    for a in s.args:
        if is_index(s, a, arrays):
            continue
        dom = (
            UNIT
            if (s.name == "CrossEntropyLoss" and a.name == "target")
            else arg_domain(s, a, params)
        )
        for i, v in np.ndenumerate(arrays[a.name]):
            _in(f"inputs.{a.name}{_index_text(i) if i else ''}", float(v), dom)
    if s.name == "CosineEmbeddingLoss":
        for n in ("input1", "input2"):
            if np.any(np.all(arrays[n] == 0, axis=-1)):
                raise RecipeError(f"inputs.{n}", "holds a zero vector; its cosine is undefined")

    axes = _normalize_axes(s, recipe.get("axes", []), params, arrays)

    device = recipe.get("device", "auto")
    if device not in DEVICES:
        raise RecipeError("device", f"must be one of {', '.join(DEVICES)}, got {device!r}")
    dtype = recipe.get("dtype", "float64")
    if dtype not in DTYPES:
        raise RecipeError("dtype", f"must be one of {', '.join(DTYPES)}, got {dtype!r}")

    out = {
        "loss": name,
        "params": params,
        "inputs": {k: v.tolist() for k, v in arrays.items()},
        "axes": axes,
        "device": device,
        "dtype": dtype,
        "view": _normalize_view(recipe.get("view", {})),
    }
    _check_budget(s, out, arrays)
    return out


def _normalize_view(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise RecipeError("view", "must be an object")
    for k in raw:
        if k not in VIEW_DEFAULTS:
            raise RecipeError(f"view.{k}", f"unknown view field; known: {', '.join(VIEW_DEFAULTS)}")
    view = {**VIEW_DEFAULTS, **raw}
    compare = view["compare"]
    if not isinstance(compare, list) or any(c not in CATALOG for c in compare):
        raise RecipeError("view.compare", f"must be a list of loss names, got {compare!r}")
    view["compare"] = list(dict.fromkeys(compare))
    if view["colormap"] not in COLORMAPS:
        raise RecipeError(
            "view.colormap", f"must be one of {', '.join(COLORMAPS)}, got {view['colormap']!r}"
        )
    if not isinstance(view["log"], bool):
        raise RecipeError("view.log", f"must be true or false, got {view['log']!r}")
    for k, hi in (("contours", 50), ("arrows", 64)):
        view[k] = _int(f"view.{k}", view[k])
        _in(f"view.{k}", view[k], Interval(0, hi))
    return view


def _normalize_axes(
    s: LossSpec, raw: Any, params: dict[str, Any], arrays: dict[str, np.ndarray]
) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not 1 <= len(raw) <= 2:
        raise RecipeError("axes", "must be a list of one or two axes")
    axes, seen = [], set()
    for k, ax in enumerate(raw):
        f = f"axes[{k}]"
        if not isinstance(ax, dict):
            raise RecipeError(f, "must be an object with slot, start, stop, num")
        extra = set(ax) - {"slot", "start", "stop", "num"}
        if extra:
            raise RecipeError(f"{f}.{sorted(extra)[0]}", "unknown axis field")
        try:
            slot = parse_slot(s, ax.get("slot"), params)
        except RecipeError as e:
            raise RecipeError(f"{f}.slot", str(e).removeprefix("slot: ")) from None
        if slot.text in seen:
            raise RecipeError(f"{f}.slot", f"{slot.text} is already swept by another axis")
        seen.add(slot.text)
        start = _float(f"{f}.start", ax.get("start"))
        stop = _float(f"{f}.stop", ax.get("stop"))
        num = _int(f"{f}.num", ax.get("num", DEFAULT_NUM))
        if not 1 <= num <= MAX_AXIS_POINTS:
            raise RecipeError(f"{f}.num", f"must be in [1, {MAX_AXIS_POINTS}], got {num}")
        if stop < start or (stop == start and num > 1):
            raise RecipeError(f"{f}.stop", f"must be > start ({start:g}), got {stop:g}")
        if slot.is_param:
            p = s.param(slot.name)
            assert p is not None
            dom = p.domain or REAL
        else:
            a = s.arg(slot.name)
            assert a is not None
            if is_index(s, a, arrays):
                raise RecipeError(
                    f"{f}.slot",
                    f"{slot.name} holds integers (class indices or lengths) and cannot be swept",
                )
            shape = arrays[slot.name].shape
            if len(slot.index) != len(shape) or any(
                not 0 <= i < n for i, n in zip(slot.index, shape, strict=False)
            ):
                raise RecipeError(
                    f"{f}.slot",
                    f"index {list(slot.index)} out of range for "
                    f"{slot.name} of shape {tuple(shape)}",
                )
            dom = (
                UNIT
                if (s.name == "CrossEntropyLoss" and slot.name == "target")
                else arg_domain(s, a, params)
            )
        if not dom.contains_range(start, stop):
            what = "start" if not dom.contains(start) else "stop"
            raise RecipeError(
                f"{f}.{what}", f"{slot.text} must be {dom.describe()}, got [{start:g}, {stop:g}]"
            )
        axes.append({"slot": slot.text, "start": start, "stop": stop, "num": num})
    return axes


def output_size(s: LossSpec, params: dict[str, Any], arrays: dict[str, np.ndarray]) -> int:
    """Elements of one grid point's loss output (1 unless reduction is none)."""
    if params.get("reduction") != "none":
        return 1
    first = arrays[s.args[0].name]
    if s.layout == "elementwise":
        return first.size
    if s.layout == "ctc":
        return first.shape[1]
    return first.shape[0] if first.ndim == 2 else 1


def _check_budget(s: LossSpec, recipe: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
    points = math.prod(ax["num"] for ax in recipe["axes"])
    per_point = output_size(s, recipe["params"], arrays) + len(recipe["axes"])
    need = points * per_point * 8
    if need > MAX_RESULT_BYTES:
        raise RecipeError(
            "axes",
            f"the grid needs about {need / 1024**3:.1f} GiB for its "
            f"results, more than the {MAX_RESULT_BYTES / 1024**3:.0f} GiB budget; "
            "lower num or use a reduction",
        )


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


def place_axis(axes: list[dict[str, Any]], k: int, axis: dict[str, Any] | None) -> None:
    """Set axis k in place: replace it, append it, or (None) drop it and every axis after it."""
    if axis is None:
        del axes[k:]
    elif k < len(axes):
        axes[k] = axis
    else:
        axes.append(axis)


def axis_values(axis: dict[str, Any]) -> np.ndarray:
    return np.linspace(axis["start"], axis["stop"], axis["num"])
