"""A value against its domain: outside what torch accepts, a RecipeError; outside what is
likely meant, a warning."""

from __future__ import annotations

import numpy as np

from explorer.checks import (
    check_in,
    index_text,
)
from explorer.domains import REAL, Interval, OneOf
from explorer.messages import Message, line

# ---- soft domains: what torch computes but is likely a mistake


class Warnings(list[str]):
    """`field: message` lines, each said once."""

    def __call__(self, field: str, message: str) -> None:
        said = line(field, message)
        if said not in self:
            self.append(said)


def expect(
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


def hard(field: str, values: np.ndarray, domain: Interval | OneOf) -> None:
    if domain is REAL or values.size == 0:
        return
    ok = np.vectorize(domain.contains, otypes=[bool])(values) if values.ndim else None
    if ok is None:
        check_in(field, float(values), domain)
        return
    if not ok.all():
        i = tuple(int(k) for k in np.argwhere(~ok)[0])
        check_in(field + index_text(i), float(values[i]), domain)
