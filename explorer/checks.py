"""Small checkers shared by recipe validation: each raises RecipeError naming its field.

Messages quote at most `SHOW_CHARS` of the user's value, so a 50 MB input never comes back whole.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from explorer.domains import Interval, OneOf
from explorer.messages import Message, excerpt, line, say

SHOW_CHARS = 200
INT64 = Interval(-(2**63), 2**63 - 1)


class RecipeError(ValueError):
    """An invalid recipe; the message starts with the field it names. `text(tr)` says it in the
    window's language (explorer.messages)."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message if isinstance(message, Message) else Message(str(message))
        self.line = line(field, self.message)
        super().__init__(f"{field}: {message}" if field else message)

    def text(self, tr: Callable[[str], str] | None = None) -> str:
        return say(self.line, tr) if tr else str(self)


def show(value: Any) -> str:
    """`repr(value)`, cut to SHOW_CHARS characters."""
    try:
        text = repr(value)
    except (RecursionError, ValueError):  # deeply nested, or an int past Python's digit limit
        return f"<{type(value).__name__}>"
    return excerpt(text, SHOW_CHARS)


def as_float(field: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RecipeError(field, Message("must be a number, got {value}", value=show(value)))
    try:
        v = float(value)
    except OverflowError:  # an int with hundreds of digits
        raise RecipeError(
            field, Message("must be a finite number, got {value}", value=show(value))
        ) from None
    if not math.isfinite(v):
        raise RecipeError(field, Message("must be finite, got {v}", v=v))
    return v


def as_int(field: str, value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecipeError(field, Message("must be an integer, got {value}", value=show(value)))
    if not -(2**63) <= value < 2**63:
        raise RecipeError(field, Message("must fit in 64 bits, got {value}", value=show(value)))
    return value


def as_bool(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise RecipeError(field, Message("must be true or false, got {value}", value=show(value)))
    return value


def check_in(field: str, value: float, domain: Interval | OneOf | None) -> None:
    if domain is not None and not domain.contains(value):
        raise RecipeError(
            field,
            Message(
                "must be {describe}, got {value}", describe=domain.describe(), value=f"{value:g}"
            ),
        )


def index_text(index: tuple[int, ...]) -> str:
    return "[" + ",".join(str(int(i)) for i in index) + "]"


def as_array(field: str, value: Any, integer: bool) -> np.ndarray:
    """A regular nested list of numbers as an int64 or float64 array, checked as a whole.

    Only when the fast conversion fails is the list walked, to name the bad element.
    """
    try:
        arr = np.array(value)
    except (ValueError, TypeError, OverflowError, RecursionError):
        arr = None
    if arr is not None and arr.dtype.kind in "iuf" and arr.dtype.kind != "b":
        if integer:
            if arr.dtype.kind == "f":
                bad = ~np.isfinite(arr) | (arr != np.round(arr)) | (np.abs(arr) >= 2.0**63)
                if bad.any():
                    where = _first(bad)
                    raise RecipeError(
                        field + where,
                        Message(
                            "must be an integer of 64 bits, got {arr}",
                            arr=f"{arr[tuple(_ix(bad))]!r}",
                        ),
                    )
            if arr.dtype.kind == "u" and arr.size and arr.max() > INT64.high:
                raise RecipeError(field + _first(arr > INT64.high), "must fit in 64 bits")
            return arr.astype(np.int64)
        arr = arr.astype(np.float64)
        finite = np.isfinite(arr)
        if not finite.all():
            bad = ~finite
            raise RecipeError(
                field + _first(bad), Message("must be finite, got {arr}", arr=arr[tuple(_ix(bad))])
            )
        return arr
    _walk(field, value, integer, depth=0)
    raise RecipeError(field, "must be a regular nested list of numbers (every row the same length)")


def _ix(mask: np.ndarray) -> tuple[int, ...]:
    return tuple(int(i) for i in np.argwhere(mask)[0]) if mask.ndim else ()


def _first(mask: np.ndarray) -> str:
    return index_text(_ix(mask)) if mask.ndim else ""


def _walk(field: str, value: Any, integer: bool, depth: int, index: tuple[int, ...] = ()) -> None:
    """Name the first element that is not a number (the array conversion failed)."""
    if depth > 32:
        raise RecipeError(field, "is nested more than 32 levels deep")
    where = field + (index_text(index) if index else "")
    if isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _walk(field, v, integer, depth + 1, (*index, i))
        return
    (as_int if integer else as_float)(where, value)
