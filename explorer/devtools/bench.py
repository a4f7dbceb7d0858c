"""`main.py bench`: the batched engine against one torch module call per grid point, where the
time goes (inside torch's forward and backward, or around them), and one device against another.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from explorer.catalog import CATALOG, loss_names
from explorer.engine import base_inputs, iter_evaluate, resolve_device
from explorer.losses import module_for
from explorer.recipes import axis_values, default_recipe, parse_slot


@dataclass(frozen=True)
class BenchRow:
    loss: str
    device: str
    batched_ms: float
    torch_ms: float  # of batched_ms, inside torch's forward and backward
    loop_ms: float | None  # estimated for the whole grid from a timed subgrid

    @property
    def ratio(self) -> float:
        return (self.loop_ms or 0.0) / self.batched_ms

    @property
    def outside(self) -> float:
        """Share of the time spent outside torch's forward and backward."""
        return max(0.0, 1.0 - self.torch_ms / self.batched_ms)


def per_point_seconds(recipe: dict[str, Any], points: int) -> float:
    """Seconds per grid point for one module call and backward per point (the naive way)."""
    spec = CATALOG[recipe["loss"]]
    dtype = getattr(torch, recipe["dtype"])
    device = torch.device("cpu")
    base = base_inputs(spec, recipe, device, dtype)
    slots = [parse_slot(spec, ax["slot"], recipe["params"]) for ax in recipe["axes"]]
    module = module_for(spec, recipe["params"], device, dtype, recipe["params"]["reduction"])
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


def _timed(recipe: dict[str, Any], device: torch.device) -> tuple[float, float]:
    """Wall seconds of one evaluation (to the host arrays) and seconds inside torch."""
    profile: dict[str, float] = {}
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    t0 = time.perf_counter()
    gen = iter_evaluate(recipe, profile)
    for _ in gen:
        pass
    return time.perf_counter() - t0, profile.get("torch", 0.0)


def bench_loss(
    name: str,
    size: int = 256,
    repeat: int = 7,
    loop_points: int = 300,
    device: str = "cpu",
    dtype: str = "float64",
) -> BenchRow:
    recipe = default_recipe(name)
    recipe["device"], recipe["dtype"] = device, dtype
    for ax in recipe["axes"]:
        ax["num"] = size
    dev = resolve_device(device)
    # Wall time without profiling (profiling synchronises a GPU), then the torch share.
    _timed(recipe, dev)  # warm up
    plain = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in iter_evaluate(recipe):
            pass
        plain.append(time.perf_counter() - t0)
    profiled = [_timed(recipe, dev) for _ in range(max(1, repeat // 2))]
    wall = statistics.median(plain)
    share = statistics.median(t / w for w, t in profiled)
    loop = per_point_seconds(recipe, loop_points) * size * size * 1e3 if loop_points else None
    return BenchRow(name, str(dev), wall * 1e3, wall * share * 1e3, loop)


def format_table(rows: list[BenchRow], size: int) -> str:
    lines = [
        f"| loss ({size}x{size}, values+gradients) | device | batched ms | outside torch "
        "| per-point loop ms | ratio |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        loop = f"{r.loop_ms:.0f} | {r.ratio:.0f}x" if r.loop_ms else "- | -"
        lines.append(f"| {r.loss} | {r.device} | {r.batched_ms:.1f} | {r.outside:.0%} | {loop} |")
    return "\n".join(lines)


def format_speedup(fast: list[BenchRow], slow: list[BenchRow], size: int) -> str:
    lines = [
        f"| loss ({size}x{size}) | {fast[0].device} ms | {slow[0].device} ms | speed-up |",
        "|---|---:|---:|---:|",
    ]
    for f, s in zip(fast, slow, strict=True):
        lines.append(
            f"| {f.loss} | {f.batched_ms:.1f} | {s.batched_ms:.1f} | "
            f"{s.batched_ms / f.batched_ms:.1f}x |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """`main.py bench`: the table of every loss (or --loss ones), and the targets missed."""
    b = argparse.ArgumentParser(prog="main.py bench", description=__doc__.split("\n")[0])
    b.add_argument("--size", type=int, default=256)
    b.add_argument("--repeat", type=int, default=7)
    b.add_argument("--loss", action="append", choices=loss_names(), metavar="NAME")
    b.add_argument("--device", choices=("auto", "cpu", "cuda"), default="cpu")
    b.add_argument("--dtype", choices=("float32", "float64"), default="float64")
    b.add_argument("--loop-points", type=int, default=300, help="points of the per-point loop")
    b.add_argument("--no-loop", action="store_true", help="skip the per-point loop")
    b.add_argument("--against", choices=("cpu", "cuda"), help="also time this device; speed-up")
    args = b.parse_args(argv)
    names = args.loss or loss_names()
    loop = 0 if args.no_loop else args.loop_points
    rows = []
    for name in names:
        rows.append(bench_loss(name, args.size, args.repeat, loop, args.device, args.dtype))
        r = rows[-1]
        print(
            f"{r.loss:31s} {r.device:6s} {r.batched_ms:8.1f} ms  outside torch {r.outside:4.0%}",
            file=sys.stderr,
        )
    print(format_table(rows, args.size))
    if loop:
        slow = [
            r.loss for r in rows if r.ratio < 100 or (r.batched_ms > 30 and not _sequence(r.loss))
        ]
        print(
            f"\nmissed targets (>= 100x the loop, < 30 ms but CTCLoss): {', '.join(slow) or 'none'}"
        )
    heavy = [r.loss for r in rows if r.outside > 0.3]
    print(f"outside torch's forward+backward over 30%: {', '.join(heavy) or 'none'}")
    if args.against:
        base = [bench_loss(n, args.size, args.repeat, 0, args.against, args.dtype) for n in names]
        print()
        print(format_speedup(rows, base, args.size))
        slow = [f.loss for f, b in zip(rows, base, strict=True) if b.batched_ms < 20 * f.batched_ms]
        slow = [n for n in slow if not _sequence(n)]
        print(
            f"\nunder 20x faster than {args.against} (CTCLoss aside): {', '.join(slow) or 'none'}"
        )
    return 0


def _sequence(name: str) -> bool:
    """The sequence family (CTCLoss) is exempt from the targets: its own time is a dynamic
    program over every point's sequence, not an elementwise call."""
    return CATALOG[name].layout == "ctc"
