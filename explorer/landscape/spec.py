"""What a landscape run is asked for (LandscapeSpec), made from the command's options or from
the window's fields, checked before any of the model file runs."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from explorer.checks import RecipeError, show
from explorer.messages import Message

DIRECTIONS = ("random", "pca", "line", "hessian")
DEVICES = ("auto", "cpu", "cuda")
DTYPES = ("float32", "bfloat16")

MAX_GRID = 1001


def parse_range(text: str, flag: str) -> tuple[float, float]:
    try:
        lo, hi = (float(v) for v in text.split(":"))
    except ValueError:
        raise RecipeError(flag, Message("must be LOW:HIGH, got {text}", text=show(text))) from None
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise RecipeError(
            flag, Message("must be finite with LOW < HIGH, got {text}", text=show(text))
        )
    return lo, hi


def parse_grid(text: str) -> tuple[int, int]:
    """`51` or `51x41` (x points by y points)."""
    try:
        parts = [int(v) for v in text.lower().split("x")]
    except ValueError:
        raise RecipeError(
            "--grid", Message("must be N or NXxNY, got {text}", text=show(text))
        ) from None
    nx, ny = (parts * 2)[:2] if len(parts) == 1 else parts
    if len(parts) > 2 or not (2 <= nx <= MAX_GRID and 2 <= ny <= MAX_GRID):
        raise RecipeError(
            "--grid",
            Message(
                "each side must be in [2, {MAX_GRID}], got {text}",
                MAX_GRID=MAX_GRID,
                text=show(text),
            ),
        )
    return nx, ny


@dataclass(frozen=True)
class LandscapeSpec:
    """One landscape: the model file, the directions, the grid and where it is written."""

    model: Path
    out: Path
    grid: tuple[int, int] = (51, 51)  # x points, y points (y unused in 1-D)
    range: tuple[float, float] = (-1.0, 1.0)
    yrange: tuple[float, float] = (-1.0, 1.0)
    dims: int = 2
    directions: str = "random"
    seed: int = 0
    keep_bias: bool = False
    device: str = "auto"
    dtype: str = "float32"
    points_per_forward: int = 0  # 0: by free memory on CUDA, 1 on the CPU
    trust: bool = False
    curvature: bool = False  # max_eig and min_eig at every point
    bn_recompute: bool = False  # BatchNorm statistics recomputed on eval_data() at each point

    def __post_init__(self) -> None:
        if self.dims not in (1, 2):
            raise RecipeError("--dims", Message("must be 1 or 2, got {dims}", dims=show(self.dims)))
        for flag, value, allowed in (
            ("--directions", self.directions, DIRECTIONS),
            ("--device", self.device, DEVICES),
            ("--dtype", self.dtype, DTYPES),
        ):
            if value not in allowed:
                raise RecipeError(
                    flag,
                    Message(
                        "must be one of {allowed}, got {value}",
                        allowed=", ".join(allowed),
                        value=show(value),
                    ),
                )
        if self.directions == "line" and self.dims != 1:
            raise RecipeError("--dims", "the line between two checkpoints is 1-D: give --dims 1")

    @staticmethod
    def from_args(args: argparse.Namespace) -> LandscapeSpec:
        """From `main.py landscape`'s options (GRID and LOW:HIGH strings, parsed here)."""
        x = parse_range(args.range, "--range")
        return LandscapeSpec(
            model=Path(args.model),
            out=Path(args.out),
            grid=parse_grid(args.grid),
            range=x,
            yrange=parse_range(args.yrange, "--yrange") if args.yrange else x,
            dims=args.dims,
            directions=args.directions,
            seed=args.seed,
            keep_bias=bool(args.keep_bias),
            device=args.device,
            dtype=args.dtype,
            points_per_forward=args.points_per_forward,
            trust=bool(args.trust),
            curvature=bool(getattr(args, "curvature", False)),
            bn_recompute=bool(getattr(args, "bn_recompute", False)),
        )
