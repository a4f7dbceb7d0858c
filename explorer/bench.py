"""`main.py bench`: the batched engine against one torch module call per grid point."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from explorer.catalog import CATALOG
from explorer.engine import base_inputs, evaluate, module_kwargs
from explorer.recipes import axis_values, default_recipe, parse_slot


@dataclass(frozen=True)
class BenchRow:
    loss: str
    batched_ms: float
    loop_ms: float  # estimated for the whole grid from a timed subgrid

    @property
    def ratio(self) -> float:
        return self.loop_ms / self.batched_ms


def per_point_seconds(recipe: dict[str, Any], points: int) -> float:
    """Seconds per grid point for one module call and backward per point (the naive way)."""
    spec = CATALOG[recipe["loss"]]
    dtype = getattr(torch, recipe["dtype"])
    device = torch.device("cpu")
    base = base_inputs(spec, recipe, device, dtype)
    slots = [parse_slot(spec, ax["slot"], recipe["params"]) for ax in recipe["axes"]]
    module = spec.module_class(**module_kwargs(spec, recipe["params"], device, dtype))
    grids = [axis_values(ax) for ax in recipe["axes"]]
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    for _ in range(points):
        inputs = {k: v.clone() for k, v in base.items()}
        for s, g in zip(slots, grids, strict=True):
            inputs[s.name][s.index] = float(g[rng.integers(len(g))])
        for s in slots:
            inputs[s.name].requires_grad_()
        out = module(*(inputs[a.name] for a in spec.args))
        out.sum().backward()
    return (time.perf_counter() - t0) / points


def bench_loss(name: str, size: int = 256, repeat: int = 7, loop_points: int = 300) -> BenchRow:
    recipe = default_recipe(name)
    recipe["device"] = "cpu"
    for ax in recipe["axes"]:
        ax["num"] = size
    evaluate(recipe)  # warm up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        evaluate(recipe)
        times.append(time.perf_counter() - t0)
    per_point = per_point_seconds(recipe, loop_points)
    return BenchRow(name, statistics.median(times) * 1e3, per_point * size * size * 1e3)


def format_table(rows: list[BenchRow], size: int) -> str:
    lines = [
        f"| loss ({size}x{size}, values+gradients) | batched ms | per-point loop ms | ratio |",
        "|---|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r.loss} | {r.batched_ms:.1f} | {r.loop_ms:.0f} | {r.ratio:.0f}x |")
    return "\n".join(lines)
