"""Recipes: default ones, and the single place where a recipe is checked and normalized.

`normalize` accepts a recipe (a JSON-style dict) and returns a new one with every default filled
in, or raises `RecipeError` naming the first bad field and the accepted range. Nothing builds a
tensor from a recipe that has not passed through here.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from explorer.catalog import CATALOG, DISTANCES, LossSpec, Param
from explorer.checks import (
    RecipeError,
    as_array,
    as_bool,
    as_float,
    as_int,
    check_in,
    index_text,
    show,
)
from explorer.compose import activate_numpy, check_activation
from explorer.domains import REAL, Interval, OneOf
from explorer.losses import probe
from explorer.losses.torch_call import guess_field
from explorer.messages import Message, line, without

VERSION = 2  # recipes without a version are version 1, which reads the same
DEVICES = ("auto", "cpu", "cuda")
DTYPES = ("float64", "float32", "float16", "bfloat16")  # the low ones: to see precision
MAX_AXIS_POINTS = 4096
MAX_RESULT_BYTES = 2 * 1024**3  # result arrays held in memory at once
MAX_INPUT_ELEMENTS = 1 << 24  # forward-argument elements of one recipe (128 MiB in float64)
MAX_WORK_ELEMENTS = 1 << 32  # grid points x elements per point: minutes of work, not hours
MIN_CHUNK_POINTS = 256  # a chunk smaller than this wastes the batch: refuse instead
CHUNK_BYTES = 16 * 1024**2  # input bytes of one chunk on the CPU: about 0.1 s of work at most
MAX_CHUNK_BYTES = 1024**3  # the least chunk (MIN_CHUNK_POINTS) must fit in this
DEFAULT_NUM = 256
COLORMAPS = ("viridis", "magma", "inferno", "plasma", "cividis", "turbo", "CET-D1")
# How a figure is drawn, so that a recipe reproduces the figure and not only the numbers.
VIEW_DEFAULTS: dict[str, Any] = {
    "colormap": "viridis",
    "log": False,
    "equal_aspect": False,  # one unit of x as long as one of y (embedding geometry)
    "log_y": False,  # a 1-D curve's loss axis on a log scale
    "levels": None,  # a fixed colour range [low, high], to compare figures side by side
    "contours": 8,
    "arrows": 24,
    "compare": [],  # other losses drawn beside a 1-D curve, on the same inputs
}


@dataclass(frozen=True)
class Slot:
    """What an axis sweeps: one element of a forward argument (`input[]` for a 0-dim one), a
    float parameter or one element of a tensor parameter."""

    name: str
    index: tuple[int, ...]
    is_param: bool

    @property
    def text(self) -> str:
        if self.is_param and not self.index:
            return self.name
        return self.name + "[" + ",".join(map(str, self.index)) + "]"


_SLOT_RE = re.compile(
    r"^\s*([A-Za-z_]\w{0,63})\s*(?:\[\s*(-?\d{1,9}(?:\s*,\s*-?\d{1,9})*)?\s*\])?\s*$"
)


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


# ---- slots


def parse_slot(spec: LossSpec, text: Any, params: dict[str, Any]) -> Slot:
    if not isinstance(text, str) or not (m := _SLOT_RE.match(text)):
        raise RecipeError(
            "slot",
            Message(
                "must look like name[i,j], name[] or a parameter name, got {text}", text=show(text)
            ),
        )
    name = m.group(1)
    bracket = "[" in text
    index = tuple(int(i) for i in m.group(2).split(",")) if m.group(2) else ()
    if bracket and spec.arg(name) is not None:  # PoissonNLLLoss has an arg and a param log_input
        return Slot(name, index, False)
    if (p := spec.param(name)) is not None:
        if p.kind == "float" and not bracket:
            return Slot(name, (), True)
        if p.kind == "tensor" and len(index) == 1:
            value = params.get(name)
            if value is None:
                raise RecipeError(
                    "slot", Message("{name} is not set; give params.{name} a list first", name=name)
                )
            if np.ndim(value) != 1 or not 0 <= index[0] < len(value):
                raise RecipeError(
                    "slot",
                    Message(
                        "index {index} out of range for {name} of shape {shape}",
                        index=index[0],
                        name=name,
                        shape=np.shape(value),
                    ),
                )
            return Slot(name, index, True)
        raise RecipeError(
            "slot",
            Message(
                "parameter {name} ({kind}) cannot be swept; float parameters "
                "and elements of tensor parameters can",
                name=name,
                kind=p.kind,
            ),
        )
    if spec.arg(name) is None:
        names = [a.name for a in spec.args] + [p.name for p in spec.params if p.kind == "float"]
        raise RecipeError(
            "slot",
            Message(
                "unknown slot {name} for {name2}; use one of {names}",
                name=show(name),
                name2=spec.name,
                names=", ".join(names),
            ),
        )
    raise RecipeError(
        "slot",
        Message(
            "{name} is a forward argument: name one element, like {name}[0] ({name}[] if 0-dim)",
            name=name,
        ),
    )


# ---- parameters: one normalizer per kind


def _choice(p: Param, field: str, value: Any) -> Any:
    if not isinstance(value, (str, int, float)) or value not in p.choices:
        raise RecipeError(
            field,
            Message(
                "must be one of {value}, got {value2}",
                value=", ".join(map(str, p.choices)),
                value2=show(value),
            ),
        )
    return value


def _distance(p: Param, field: str, value: Any) -> str:
    if not isinstance(value, str) or value not in DISTANCES:
        raise RecipeError(
            field,
            Message(
                "must be one of {DISTANCES}, got {value}",
                DISTANCES=", ".join(DISTANCES),
                value=show(value),
            ),
        )
    return value


def _tensor(p: Param, field: str, value: Any) -> list[Any] | float | None:
    """null, a number or a (nested) list of numbers: torch broadcasts it where it may."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return as_float(field, value)
    if not isinstance(value, list) or not value:
        raise RecipeError(
            field,
            Message("must be null, a number or a list of numbers, got {value}", value=show(value)),
        )
    arr = as_array(field, value, integer=False)
    _hard(field, arr, p.domain or REAL)
    return arr.tolist()


def _number(p: Param, field: str, value: Any) -> float | int:
    v = as_int(field, value) if p.kind == "int" else as_float(field, value)
    check_in(field, v, p.domain)
    return v


PARAM_KINDS: dict[str, Callable[[Param, str, Any], Any]] = {
    "float": _number,
    "int": _number,
    "bool": lambda p, field, value: as_bool(field, value),
    "choice": _choice,
    "distance": _distance,
    "tensor": _tensor,
}


# ---- soft domains: what torch computes but is likely a mistake


class Warnings(list[str]):
    """`field: message` lines, each said once."""

    def __call__(self, field: str, message: str) -> None:
        said = line(field, message)
        if said not in self:
            self.append(said)


def _expect(
    field: str, values: np.ndarray, domain: Interval | OneOf | None, warn: Warnings, why: str
) -> None:
    if domain is None or values.size == 0:
        return
    if isinstance(domain, OneOf):
        bad = ~np.isin(values, domain.values)
    else:
        lo = values > domain.low if domain.low_open else values >= domain.low
        hi = values < domain.high if domain.high_open else values <= domain.high
        bad = ~(lo & hi)
    if bad.any():
        i = tuple(int(k) for k in np.argwhere(bad)[0]) if values.ndim else ()
        count = int(bad.sum())
        more = Message(" ({count} values)", count=count) if count > 1 else ""
        warn(
            field + (index_text(i) if i else ""),
            Message(
                "{values} is not {describe}{more}; torch computes it, {why}",
                values=f"{values[i]:g}",
                describe=domain.describe(),
                more=more,
                why=why,
            ),
        )


def _hard(field: str, values: np.ndarray, domain: Interval | OneOf) -> None:
    if domain is REAL or values.size == 0:
        return
    ok = np.vectorize(domain.contains, otypes=[bool])(values) if values.ndim else None
    if ok is None:
        check_in(field, float(values), domain)
        return
    if not ok.all():
        i = tuple(int(k) for k in np.argwhere(~ok)[0])
        check_in(field + index_text(i), float(values[i]), domain)


# ---- normalize

FIELDS = ("version", "loss", "params", "inputs", "activation", "axes", "device", "dtype", "view")


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
    if isinstance(name, str) and name not in CATALOG:
        from explorer.custom import ensure_loaded

        ensure_loaded(name)  # your loss, if its file is trusted as it is now
    if not isinstance(name, str) or name not in CATALOG:
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
            _expect(field, np.asarray(params[p.name]), p.expect, warn, Message("but it is unusual"))

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
        _hard(field, seen[a.name], a.domain)
        _expect(
            field, seen[a.name], a.expected(params), warn, Message("but it is likely a mistake")
        )
    said: list[str] = []
    point_shape = tuple(probe(s, params, seen, said))
    for message in dict.fromkeys(said):  # torch's own warnings, shown instead of lost
        warn(guess_field(s, message), Message("torch warns: {message}", message=message))

    axes = _normalize_axes(s, recipe.get("axes", []), params, arrays, warn, activation)

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
    _check_budget(out, arrays, point_shape)
    return out, list(warn)


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


def _normalize_axes(
    s: LossSpec,
    raw: Any,
    params: dict[str, Any],
    arrays: dict[str, np.ndarray],
    warn: Warnings,
    activation: str | None = None,
) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or len(raw) > 2:
        raise RecipeError("axes", "must be a list of at most two axes (none: the one point)")
    axes, seen = [], set()
    for k, ax in enumerate(raw):
        f = f"axes[{k}]"
        if not isinstance(ax, dict):
            raise RecipeError(f, "must be an object with slot, start, stop, num")
        extra = sorted(str(e) for e in ax if e not in ("slot", "start", "stop", "num"))
        if extra:
            raise RecipeError(f"{f}.{show(extra[0]).strip(chr(39))}", "unknown axis field")
        try:
            slot = parse_slot(s, ax.get("slot"), params)
        except RecipeError as e:
            raise RecipeError(f"{f}.slot", without("slot", e.field, e.message)) from None
        if slot.text in seen:
            raise RecipeError(
                f"{f}.slot", Message("{text} is already swept by another axis", text=slot.text)
            )
        seen.add(slot.text)
        start = as_float(f"{f}.start", ax.get("start"))
        stop = as_float(f"{f}.stop", ax.get("stop"))
        num = as_int(f"{f}.num", ax.get("num", DEFAULT_NUM))
        if not 1 <= num <= MAX_AXIS_POINTS:
            raise RecipeError(
                f"{f}.num",
                Message(
                    "must be in [1, {MAX_AXIS_POINTS}], got {num}",
                    MAX_AXIS_POINTS=MAX_AXIS_POINTS,
                    num=num,
                ),
            )
        if stop < start or (stop == start and num > 1):
            raise RecipeError(
                f"{f}.stop",
                Message(
                    "must be > start ({start}), got {stop}", start=f"{start:g}", stop=f"{stop:g}"
                ),
            )
        if not math.isfinite(stop - start):
            raise RecipeError(
                f"{f}.stop",
                Message(
                    "the range [{start}, {stop}] is wider than a float can hold",
                    start=f"{start:g}",
                    stop=f"{stop:g}",
                ),
            )
        expect: Interval | OneOf | None
        if slot.is_param:
            p = s.param(slot.name)
            assert p is not None
            dom, expect = p.domain or REAL, p.expect
        else:
            a = s.arg(slot.name)
            assert a is not None
            if s.is_index(a, arrays):
                raise RecipeError(
                    f"{f}.slot",
                    Message(
                        "{name} holds integers (class indices or lengths) and cannot be swept",
                        name=slot.name,
                    ),
                )
            shape = arrays[slot.name].shape
            if len(slot.index) != len(shape) or any(
                not 0 <= i < n for i, n in zip(slot.index, shape, strict=False)
            ):
                raise RecipeError(
                    f"{f}.slot",
                    Message(
                        "index {index} out of range for {name} of shape {shape}",
                        index=show(list(slot.index)),
                        name=slot.name,
                        shape=tuple(shape),
                    ),
                )
            dom, expect = a.domain, a.expected(params)
            if activation is not None and slot.name == "input":  # a logit: any real
                dom, expect = REAL, None
        if not dom.contains_range(start, stop):
            what = "start" if not dom.contains(start) else "stop"
            raise RecipeError(
                f"{f}.{what}",
                Message(
                    "{text} must be {describe}, got [{start}, {stop}]",
                    text=slot.text,
                    describe=dom.describe(),
                    start=f"{start:g}",
                    stop=f"{stop:g}",
                ),
            )
        if isinstance(expect, Interval) and not expect.contains_range(start, stop):
            warn(
                f"{f}.stop" if expect.contains(start) else f"{f}.start",
                Message(
                    "{text} leaves {describe}; torch computes it, but it is unusual",
                    text=slot.text,
                    describe=expect.describe(),
                ),
            )
        axes.append({"slot": slot.text, "start": start, "stop": stop, "num": num})
    return axes


def output_size(point_shape: tuple[int, ...]) -> int:
    """Elements of one grid point's loss output (1 unless reduction is none)."""
    return math.prod(point_shape)


def _check_budget(
    recipe: dict[str, Any], arrays: dict[str, np.ndarray], point_shape: tuple[int, ...]
) -> None:
    """Refuse up front what would exhaust memory or run for hours, naming what to lower."""
    points = math.prod(ax["num"] for ax in recipe["axes"])
    per_point = output_size(point_shape) + len(recipe["axes"])
    need = points * per_point * 8
    if need > MAX_RESULT_BYTES:
        raise RecipeError(
            "axes",
            Message(
                "the grid needs about {value} GiB for its results, more than "
                "the {value2} GiB budget; lower num or use a reduction",
                value=f"{need / 1024**3:.1f}",
                value2=f"{MAX_RESULT_BYTES / 1024**3:.0f}",
            ),
        )
    elements = sum(max(a.size, 1) for a in arrays.values())
    if min(points, MIN_CHUNK_POINTS) * elements * 8 > MAX_CHUNK_BYTES:
        raise RecipeError(
            "inputs",
            Message(
                "the inputs hold {elements} numbers: even {value} grid points "
                "at once exceed the {value2} MiB chunk budget; use smaller "
                "inputs or fewer points",
                elements=f"{elements:,}",
                value=min(points, MIN_CHUNK_POINTS),
                value2=MAX_CHUNK_BYTES // 1024**2,
            ),
        )
    if points * elements > MAX_WORK_ELEMENTS:
        raise RecipeError(
            "inputs",
            Message(
                "{points} grid points x {elements} input numbers is more than "
                "{MAX_WORK_ELEMENTS} evaluations; use smaller inputs or fewer "
                "points",
                points=f"{points:,}",
                elements=f"{elements:,}",
                MAX_WORK_ELEMENTS=f"{MAX_WORK_ELEMENTS:,}",
            ),
        )


def chunk_points(arrays_elements: int, free_bytes: int | None = None) -> int:
    """Grid points per chunk: as many as fit the chunk budget (or a device's free memory)."""
    budget = CHUNK_BYTES if free_bytes is None else min(CHUNK_BYTES * 8, free_bytes // 8)
    return max(MIN_CHUNK_POINTS, budget // (8 * max(arrays_elements, 1)))


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
