"""A recipe's axes: checked, placed, and their values."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from explorer.catalog import LossSpec
from explorer.checks import (
    RecipeError,
    as_float,
    as_int,
    show,
)
from explorer.domains import REAL, Interval, OneOf
from explorer.messages import Message, without
from explorer.recipes.schema import DEFAULT_NUM, MAX_AXIS_POINTS
from explorer.recipes.slots import parse_slot
from explorer.recipes.values import Warnings


def normalize_axes(
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
