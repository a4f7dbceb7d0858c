"""Slots: the names of what an axis sweeps (a parameter, or one element of a forward argument)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from explorer.catalog import LossSpec
from explorer.checks import (
    RecipeError,
    show,
)
from explorer.messages import Message


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


def sweepable(
    spec: LossSpec, params: dict[str, Any], inputs: dict[str, Any], per_argument: int = 256
) -> list[Slot]:
    """Every slot an axis may sweep in this recipe, in the catalog's order: each element of each
    float argument (the first `per_argument` of each), each float parameter, each element of a
    tensor parameter that is set. Each parses with `parse_slot` (the one rule for both)."""
    try:
        arrays = {k: np.asarray(v, dtype=float) for k, v in inputs.items()}
    except (ValueError, TypeError, OverflowError, RecursionError):  # ragged or not numbers
        arrays = {}
    slots: list[Slot] = []
    for a in spec.args:
        try:
            if spec.is_index(a, arrays):
                continue
            shape = arrays[a.name].shape
        except (KeyError, ValueError):
            continue
        elements = itertools.islice(np.ndindex(*shape), per_argument)
        slots += [Slot(a.name, tuple(i), False) for i in elements]
    for p in spec.params:
        value = params.get(p.name)
        if p.kind == "float":
            slots.append(Slot(p.name, (), True))
        elif p.kind == "tensor" and value is not None and np.ndim(value) == 1:
            slots += [Slot(p.name, (i,), True) for i in range(len(value))]
    return slots
