"""Long work as generators: each yields the fraction done and returns its result. These
helpers are the only places that step one by hand."""

from __future__ import annotations

import sys
from collections.abc import Generator
from typing import Any, TypeVar

R = TypeVar("R")


def drain(gen: Generator[Any, Any, R]) -> R:
    """Run a study to its end, ignoring its progress; returns its result."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


def scaled(gen: Generator[float, Any, R], k: float, n: float) -> Generator[float, None, R]:
    """Part k of n: the inner study's fraction f becomes (k + f) / n of the whole."""
    while True:
        try:
            f = next(gen)
        except StopIteration as stop:
            return stop.value
        yield (k + f) / n


def run_with_progress(gen: Generator[float, Any, R], what: str) -> R:
    """Drive a study's generator, with a progress bar on a terminal (quiet otherwise)."""
    from tqdm import tqdm

    with tqdm(total=1000, desc=what, unit="‰", disable=not sys.stderr.isatty(), leave=False) as bar:
        while True:
            try:
                fraction = next(gen)
            except StopIteration as stop:
                return stop.value
            bar.update(round(1000 * fraction) - bar.n)
