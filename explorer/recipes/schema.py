"""What a recipe holds: its fields, versions, devices, dtypes, limits and the view's defaults."""

from __future__ import annotations

from typing import Any

VERSION = 2  # recipes without a version are version 1, which reads the same
DEVICES = ("auto", "cpu", "cuda")
DTYPES = ("float64", "float32", "float16", "bfloat16")  # the low ones: to see precision
MAX_AXIS_POINTS = 4096
DEFAULT_NUM = 256
COLORMAPS = ("viridis", "magma", "inferno", "plasma", "cividis", "turbo", "CET-D1")
# How a figure is drawn, so that a recipe reproduces the figure and not only the numbers.
VIEW_DEFAULTS: dict[str, Any] = {
    "colormap": "viridis",
    "log": False,
    "equal_aspect": False,  # one unit of x as long as one of y (embedding geometry)
    "log_y": False,  # a 1-D curve's loss axis on a log scale
    "levels": None,  # a fixed colour range [low, high], to compare figures side by side
    "contours": 8,
    "arrows": 24,
    "compare": [],  # other losses drawn beside a 1-D curve, on the same inputs
}


FIELDS = ("version", "loss", "params", "inputs", "activation", "axes", "device", "dtype", "view")
