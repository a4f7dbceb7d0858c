"""Optimizer paths: torch.optim run on the loss as a function of a recipe's swept slots.

The swept slots (one for a curve, two for a surface) become one parameter tensor `p`; each
step calls torch's own loss module, with the recipe's reduction, on the recipe's inputs with
`p` written into those slots, then lets the optimizer step. With reduction none the objective is
the sum of the loss's output, as the surface shows it. Paths run on the CPU in the recipe's dtype,
each optimizer from the same start; a path that leaves the grid or reaches a non-finite loss
stops there, and says so.
"""

from __future__ import annotations

import inspect
import json
import math
import warnings
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from explorer.catalog import CATALOG
from explorer.checks import RecipeError, as_float, as_int, show
from explorer.engine import Result, iter_evaluate
from explorer.losses.torch_call import module_for, tensors_for
from explorer.messages import Message
from explorer.progress import drain, scaled
from explorer.recipes import normalize, parse_slot, point_recipe

MAX_STEPS = 10_000
MAX_PATH_FRAMES = 300  # an animation of longer runs shows evenly spaced steps
MAX_OPTIMIZERS = 8


def _optimizers() -> dict[str, type[torch.optim.Optimizer]]:
    """torch.optim's optimizers by lower-case name (sgd, adam, adamw, rmsprop, adagrad, ...)."""
    out = {}
    for name in dir(torch.optim):
        cls = getattr(torch.optim, name)
        if (
            isinstance(cls, type)
            and issubclass(cls, torch.optim.Optimizer)
            and cls is not torch.optim.Optimizer
            and "sparse" not in name.lower()
        ):
            out[name.lower()] = cls
    return out


OPTIMIZERS = _optimizers()


@dataclass(frozen=True)
class OptimizerSpec:
    """`name:key=value,key=value`; a tuple is written `betas=0.9/0.99`."""

    name: str
    settings: tuple[tuple[str, Any], ...] = ()

    @property
    def cls(self) -> type[torch.optim.Optimizer]:
        return OPTIMIZERS[self.name]

    @property
    def text(self) -> str:
        def one(v: Any) -> str:
            if isinstance(v, tuple):
                return "/".join(map(one, v))
            if isinstance(v, bool):
                return "true" if v else "false"
            return f"{v:g}" if isinstance(v, float) else str(v)

        kv = ",".join(f"{k}={one(v)}" for k, v in self.settings)
        return f"{self.name}:{kv}" if kv else self.name

    @property
    def label(self) -> str:
        """As a legend shows it: Adam(lr=0.05)."""
        kv = ", ".join(f"{k}={v}" for k, v in self.settings)
        return f"{self.cls.__name__}({kv})"

    def make(self, params: list[torch.Tensor]) -> torch.optim.Optimizer:
        try:
            return self.cls(params, **dict(self.settings))
        except (ValueError, TypeError, RuntimeError) as e:
            raise RecipeError(
                "--optimizer", Message("{text}: torch.optim refuses: {e}", text=self.text, e=e)
            ) from None


def _value(text: str) -> Any:
    if "/" in text:
        return tuple(_value(t) for t in text.split("/"))
    low = text.strip().lower()
    if low in ("true", "false"):
        return low == "true"
    if low == "none":
        return None
    try:
        return int(low) if low.lstrip("-").isdigit() and len(low) < 20 else float(low)
    except ValueError:
        raise RecipeError(
            "--optimizer", Message("{text} is not a number, a tuple or true/false", text=show(text))
        ) from None


def parse_optimizer(text: Any) -> OptimizerSpec:
    if not isinstance(text, str):
        raise RecipeError(
            "--optimizer", Message("must be NAME:key=value,..., got {text}", text=show(text))
        )
    name, _, rest = text.strip().partition(":")
    name = name.strip().lower()
    if name not in OPTIMIZERS:
        raise RecipeError(
            "--optimizer",
            Message(
                "unknown optimizer {name}; use one of {OPTIMIZERS}",
                name=show(name),
                OPTIMIZERS=", ".join(OPTIMIZERS),
            ),
        )
    kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    known = [
        k
        for k, p in inspect.signature(OPTIMIZERS[name]).parameters.items()
        if k != "params" and p.kind in kinds
    ]
    settings = []
    for item in filter(None, (s.strip() for s in rest.split(","))):
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or key not in known:
            raise RecipeError(
                "--optimizer",
                Message(
                    "{name} has no setting {key}; it takes {known}",
                    name=name,
                    key=show(key),
                    known=", ".join(known),
                ),
            )
        value = _value(raw)
        if isinstance(value, float) and not math.isfinite(value):
            raise RecipeError(
                "--optimizer",
                Message(
                    "{name}: {key} must be finite, got {raw}", name=name, key=key, raw=show(raw)
                ),
            )
        settings.append((key, value))
    spec = OptimizerSpec(name, tuple(settings))
    spec.make([torch.zeros(1, requires_grad=True)])  # torch's own checks, now
    return spec


@dataclass(frozen=True)
class PathsSpec:
    optimizers: tuple[OptimizerSpec, ...]
    start: tuple[float, ...] | None  # None: the recipe's own point
    steps: int

    def to_json(self) -> dict[str, Any]:
        return {
            "optimizers": [o.text for o in self.optimizers],
            "start": None if self.start is None else list(self.start),
            "steps": self.steps,
        }

    @staticmethod
    def make(optimizers: list[Any], start: Any, steps: Any, where: str = "paths") -> PathsSpec:
        if not isinstance(optimizers, list) or not 1 <= len(optimizers) <= MAX_OPTIMIZERS:
            raise RecipeError(
                f"{where}.optimizers",
                Message(
                    "give 1 to {MAX_OPTIMIZERS} optimizers, got {optimizers}",
                    MAX_OPTIMIZERS=MAX_OPTIMIZERS,
                    optimizers=show(optimizers),
                ),
            )
        steps = as_int(f"{where}.steps", steps)
        if not 1 <= steps <= MAX_STEPS:
            raise RecipeError(
                f"{where}.steps",
                Message(
                    "must be in [1, {MAX_STEPS}], got {steps}", MAX_STEPS=MAX_STEPS, steps=steps
                ),
            )
        if start is not None:
            if not isinstance(start, list | tuple) or not 1 <= len(start) <= 2:
                raise RecipeError(
                    f"{where}.start", Message("must be X or X,Y, got {start}", start=show(start))
                )
            start = tuple(as_float(f"{where}.start", v) for v in start)
            if not all(math.isfinite(v) for v in start):
                raise RecipeError(
                    f"{where}.start",
                    Message("must be finite, got {start}", start=show(list(start))),
                )
        return PathsSpec(tuple(parse_optimizer(o) for o in optimizers), start, steps)

    def run(self, recipe: dict[str, Any]) -> Generator[float, None, Paths]:
        return iter_paths(recipe, self)

    @staticmethod
    def from_json(raw: Any) -> PathsSpec:
        if not isinstance(raw, dict) or set(raw) != {"optimizers", "start", "steps"}:
            raise RecipeError(
                "paths", Message("must be {{optimizers, start, steps}}, got {raw}", raw=show(raw))
            )
        return PathsSpec.make(raw["optimizers"], raw["start"], raw["steps"])


def parse_start(text: str) -> list[float]:
    try:
        return [float(v) for v in text.split(",")]
    except ValueError:
        raise RecipeError(
            "--start", Message("must be X or X,Y, got {text}", text=show(text))
        ) from None


@dataclass
class Paths:
    """Where each optimizer went: NaN after a path stopped."""

    recipe: dict[str, Any]  # normalized
    spec: PathsSpec
    surface: Result  # the recipe's own figure, under the paths
    points: np.ndarray  # (n_optimizers, steps + 1, n_axes)
    loss: np.ndarray  # (n_optimizers, steps + 1)
    stopped: list[str] = field(default_factory=list)  # per optimizer: "" or why it stopped

    @property
    def labels(self) -> list[str]:
        return [o.label for o in self.spec.optimizers]

    def to_json(self) -> dict[str, Any]:
        """What `record --recipe FILE.json` reads back to make the same recording."""
        return {**self.recipe, "paths": self.spec.to_json()}

    def write_npz(self, path: Any) -> None:
        write_paths_npz(self, path)

    def steps_shown(self) -> np.ndarray:
        """The steps an animation shows: every one, or MAX_PATH_FRAMES evenly spaced."""
        steps = self.points.shape[1] - 1
        n = min(steps + 1, MAX_PATH_FRAMES)
        return np.unique(np.linspace(0, steps, n).round().astype(int))

    def frame_count(self) -> int:
        return len(self.steps_shown())

    def still(self) -> tuple[Result, str]:
        return self.surface, ""  # the surface, every path drawn whole over it

    def summary(self) -> str:
        runs = "; ".join(
            f"{label}{' (' + why + ')' if why else ''}"
            for label, why in zip(self.labels, self.stopped, strict=True)
        )
        start = ", ".join(f"{v:.4g}" for v in self.points[0, 0])
        return (
            f"{len(self.spec.optimizers)} optimizer path(s) of {self.spec.steps} steps "
            f"from ({start}): {runs}"
        )


class Objective:
    """The loss at one point of the swept slots, through torch's own module."""

    def __init__(self, recipe: dict[str, Any]) -> None:
        self.spec = CATALOG[recipe["loss"]]
        self.recipe = recipe
        self.dtype = getattr(torch, recipe["dtype"])
        cpu = torch.device("cpu")
        params = recipe["params"]
        self.slots = [parse_slot(self.spec, a["slot"], params) for a in recipe["axes"]]
        for s in self.slots:
            arg = self.spec.arg(s.name)
            if s.is_param or arg is None:
                raise RecipeError(
                    "--optimizer",
                    Message(
                        "{text} is a parameter of the loss; optimizer paths move "
                        "forward arguments (sweep input[...] or another argument's "
                        "element)",
                        text=s.text,
                    ),
                )
            arrays = {k: np.asarray(v) for k, v in recipe["inputs"].items()}
            if self.spec.is_index(arg, arrays):
                raise RecipeError(
                    "--optimizer",
                    Message(
                        "{text} holds class indices; an optimizer needs a float slot", text=s.text
                    ),
                )
        self.module = module_for(self.spec, params, cpu, self.dtype, params["reduction"])
        self.base = tensors_for(
            self.spec, {k: np.asarray(v) for k, v in recipe["inputs"].items()}, cpu, self.dtype
        )

    def __call__(self, p: torch.Tensor) -> torch.Tensor:
        args = dict(self.base)
        for k, s in enumerate(self.slots):
            if not s.index:  # a 0-dim argument
                args[s.name] = p[k].reshape(())
                continue
            if args[s.name] is self.base[s.name]:
                args[s.name] = self.base[s.name].clone()
            args[s.name][s.index] = p[k]  # autograd records the write into the copy
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = self.module(*(args[a.name] for a in self.spec.args))
        return out.sum() if out.ndim else out


def _start(recipe: dict[str, Any], spec: PathsSpec) -> list[float]:
    own = [a["start"] for a in point_recipe(recipe)["axes"]]
    if spec.start is None:
        return own
    if len(spec.start) != len(own):
        raise RecipeError(
            "--start",
            Message(
                "give {own} coordinate(s), one per axis, got {start}",
                own=len(own),
                start=len(spec.start),
            ),
        )
    return list(spec.start)


def run_path(
    objective: Objective, opt: OptimizerSpec, start: list[float], steps: int, box: np.ndarray
) -> Generator[float, None, tuple[np.ndarray, np.ndarray, str]]:
    """One optimizer from `start`, yielding the share of its steps done now and then; returns
    its points, the loss at each, and why it stopped ("" when it ran every step)."""
    p = torch.tensor(start, dtype=objective.dtype, requires_grad=True)
    optimizer = opt.make([p])
    points = np.full((steps + 1, len(start)), np.nan)
    loss = np.full(steps + 1, np.nan)

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        value = objective(p)
        try:
            value.backward()
        except RuntimeError as e:
            raise RecipeError(
                "--optimizer",
                Message("torch cannot differentiate here: {reason}", reason=_reason(e)),
            ) from None
        return value

    for k in range(steps + 1):
        points[k] = _host(p)
        try:
            with torch.no_grad():
                loss[k] = float(objective(p))
        except RecipeError:
            raise
        except (RuntimeError, ValueError) as e:  # torch refuses the point (BCELoss past 1)
            return points, loss, f"left the loss's domain at step {k}: {_reason(e)}"
        if not np.isfinite(loss[k]):
            return points, loss, f"the loss is not finite at step {k}"
        if np.any(points[k] < box[:, 0]) or np.any(points[k] > box[:, 1]):
            return points, loss, f"left the grid at step {k}"
        if k < steps:
            try:
                optimizer.step(closure)
            except RecipeError:
                raise
            except (RuntimeError, ValueError) as e:  # a step's own evaluations (L-BFGS's)
                points[k + 1] = _host(p)
                return points, loss, f"left the loss's domain in step {k + 1}: {_reason(e)}"
        if k % 50 == 49:
            yield (k + 1) / (steps + 1)
    return points, loss, ""


def _host(p: torch.Tensor) -> np.ndarray:
    """The point as float64 (numpy has no bfloat16; float64 holds every value exactly)."""
    return p.detach().to(torch.float64).numpy()


def _reason(e: BaseException) -> str:
    return " ".join(str(e).split())[:200]


def iter_paths(recipe: dict[str, Any], spec: PathsSpec) -> Generator[float, None, Paths]:
    """The recipe's surface, then each optimizer's path; yields the fraction done."""
    if not 1 <= len(recipe["axes"]) <= 2:
        raise RecipeError("axes", "optimizer paths need one or two swept axes")
    objective = Objective(recipe)
    start = _start(recipe, spec)
    surface: Result = yield from scaled(iter_evaluate(recipe), 0, 2)
    box = np.array([sorted((a["start"], a["stop"])) for a in recipe["axes"]], dtype=np.float64)
    n = len(spec.optimizers)
    points = np.full((n, spec.steps + 1, len(start)), np.nan)
    loss = np.full((n, spec.steps + 1), np.nan)
    stopped = []
    for i, opt in enumerate(spec.optimizers):
        path = run_path(objective, opt, start, spec.steps, box)
        points[i], loss[i], why = yield from scaled(path, n + i, 2 * n)
        stopped.append(why)
        yield 0.5 + 0.5 * (i + 1) / n
    return Paths(recipe, spec, surface, points, loss, stopped)


def paths(recipe: dict[str, Any], spec: PathsSpec) -> Paths:
    return drain(iter_paths(normalize(recipe), spec))


def write_paths_npz(rec: Paths, path: Any) -> None:
    s = rec.surface
    np.savez_compressed(
        path,
        loss=s.surface,
        x=s.x,
        y=s.y if s.y is not None else np.empty(0),
        paths=rec.points,
        path_loss=rec.loss,
        optimizers=np.array(json.dumps([o.text for o in rec.spec.optimizers])),
        stopped=np.array(rec.stopped),
        recipe=np.array(json.dumps(rec.to_json())),
    )
