"""Value domains: what a parameter or an input element may hold, and how to say so."""

from __future__ import annotations

import math
from dataclasses import dataclass

from explorer.messages import Message


@dataclass(frozen=True)
class Interval:
    """A real interval; open or closed at either end, unbounded with +-inf."""

    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False

    def contains(self, value: float) -> bool:
        if not math.isfinite(value):
            return False
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return above and below

    def describe(self) -> str:
        lo, hi = math.isfinite(self.low), math.isfinite(self.high)
        if lo and hi:
            left = "(" if self.low_open else "["
            right = ")" if self.high_open else "]"
            return Message(
                "in {left}{low}, {high}{right}",
                left=left,
                low=f"{self.low:g}",
                high=f"{self.high:g}",
                right=right,
            )
        if lo:
            return Message(
                "{value} {low}", value=">" if self.low_open else ">=", low=f"{self.low:g}"
            )
        if hi:
            return Message(
                "{value} {high}", value="<" if self.high_open else "<=", high=f"{self.high:g}"
            )
        return Message("finite")

    def contains_range(self, start: float, stop: float) -> bool:
        return self.contains(start) and self.contains(stop)


@dataclass(frozen=True)
class OneOf:
    """A discrete set of values, such as the labels -1 and 1."""

    values: tuple[float, ...]

    def contains(self, value: float) -> bool:
        return value in self.values

    def describe(self) -> str:
        return Message("one of {values}", values=", ".join(f"{v:g}" for v in self.values))

    def contains_range(self, start: float, stop: float) -> bool:
        return False  # a sweep over a continuous range never stays inside a finite set


REAL = Interval()
POSITIVE = Interval(0.0, low_open=True)
NON_NEGATIVE = Interval(0.0)
UNIT = Interval(0.0, 1.0)
NON_POSITIVE = Interval(high=0.0)
SIGN = OneOf((-1.0, 1.0))
