"""What a recipe may cost: result bytes, work, and the points of one chunk."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from explorer.checks import RecipeError
from explorer.messages import Message

MAX_RESULT_BYTES = 2 * 1024**3  # result arrays held in memory at once
MAX_INPUT_ELEMENTS = 1 << 24  # forward-argument elements of one recipe (128 MiB in float64)
MAX_WORK_ELEMENTS = 1 << 32  # grid points x elements per point: minutes of work, not hours
MIN_CHUNK_POINTS = 256  # a chunk smaller than this wastes the batch: refuse instead
CHUNK_BYTES = 16 * 1024**2  # input bytes of one chunk on the CPU: about 0.1 s of work at most
MAX_CHUNK_BYTES = 1024**3  # the least chunk (MIN_CHUNK_POINTS) must fit in this


def output_size(point_shape: tuple[int, ...]) -> int:
    """Elements of one grid point's loss output (1 unless reduction is none)."""
    return math.prod(point_shape)


def check_budget(
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
