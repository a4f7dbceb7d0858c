"""A loss's parameters normalized, one normalizer per kind of parameter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from explorer.catalog import DISTANCES, Param
from explorer.checks import (
    RecipeError,
    as_array,
    as_bool,
    as_float,
    as_int,
    check_in,
    show,
)
from explorer.domains import REAL
from explorer.messages import Message
from explorer.recipes.values import hard

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
    hard(field, arr, p.domain or REAL)
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
