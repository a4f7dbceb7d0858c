"""The command line: `losses`, `render` and `bench` (no arguments starts the GUI, see main.py)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from explorer.catalog import CATALOG, loss_names
from explorer.engine import Result, evaluate
from explorer.export import DATA_SUFFIXES, read_recipe, write_data
from explorer.geometry import Overlay, overlay
from explorer.recipes import RecipeError, default_recipe, normalize, place_axis

FIGURE_SUFFIXES = (".png", ".svg")
FigureWriter = Callable[[Result, Overlay, list[Path], int, int], None]


def _parse_axis(text: str, flag: str) -> dict[str, Any] | None:
    if text.lower() == "none":
        return None
    parts = text.rsplit(":", 3)
    if len(parts) != 4:
        raise RecipeError(flag, f"must be SLOT:START:STOP:NUM, got {text!r}")
    slot, start, stop, num = parts
    try:
        return {"slot": slot, "start": float(start), "stop": float(stop), "num": int(num)}
    except ValueError:
        raise RecipeError(
            flag, f"START and STOP must be numbers and NUM an integer: {text!r}"
        ) from None


def _apply_set(recipe: dict[str, Any], assignment: str) -> None:
    key, sep, raw = assignment.partition("=")
    if not sep:
        raise RecipeError("--set", f"must be KEY=VALUE, got {assignment!r}")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw  # a bare word such as sum or cosine
    spec = CATALOG.get(recipe.get("loss", ""))
    section, _, name = key.rpartition(".")
    if not section:
        is_param = spec is not None and spec.param(name) is not None
        section = "params" if is_param else "inputs"
        if spec is not None and spec.arg(name) is not None and isinstance(value, list):
            section = "inputs"  # PoissonNLLLoss's log_input is both
    if section in ("device", "dtype"):
        recipe[section] = value
        return
    if section not in ("params", "inputs", "view"):
        raise RecipeError("--set", f"unknown key {key!r}; use a parameter, an input or view.NAME")
    recipe.setdefault(section, {})[name] = value


def build_recipe(args: argparse.Namespace) -> dict[str, Any]:
    if args.recipe:
        try:
            recipe = read_recipe(args.recipe)
        except (OSError, ValueError, KeyError) as e:
            raise RecipeError("--recipe", f"cannot read {args.recipe}: {e}") from None
    else:
        recipe = default_recipe(args.loss)
    for a in args.set or []:
        _apply_set(recipe, a)
    axes = list(recipe.get("axes", []))
    for k, (text, flag) in enumerate(((args.x, "--x"), (args.y, "--y"))):
        if text is None:
            continue
        place_axis(axes, k, _parse_axis(text, flag))
    recipe["axes"] = axes
    if args.device:
        recipe["device"] = args.device
    if args.dtype:
        recipe["dtype"] = args.dtype
    return normalize(recipe)


def cmd_losses(_: argparse.Namespace) -> int:
    for name in loss_names():
        s = CATALOG[name]
        params = ", ".join(f"{p.name}={p.default}" for p in s.params)
        print(f"{name:31s} {s.group:26s} {params}")
    return 0


def cmd_render(args: argparse.Namespace, figure_writer: FigureWriter | None) -> int:
    outs = [Path(o) for o in args.out]
    bad = [o for o in outs if o.suffix.lower() not in FIGURE_SUFFIXES + DATA_SUFFIXES]
    if bad:
        raise RecipeError(
            "--out",
            f"unknown file type {bad[0].suffix!r}; use "
            f"{', '.join(FIGURE_SUFFIXES + DATA_SUFFIXES)}",
        )
    result = evaluate(build_recipe(args))
    figures = [o for o in outs if o.suffix.lower() in FIGURE_SUFFIXES]
    for o in outs:
        o.parent.mkdir(parents=True, exist_ok=True)
        if o.suffix.lower() in DATA_SUFFIXES:
            write_data(result, o)
    if figures:
        if figure_writer is None:
            raise RecipeError("--out", "PNG and SVG need the Qt figure writer (run main.py)")
        figure_writer(result, overlay(result), figures, args.width, args.height)
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(
        f"{result.recipe['loss']}: {result.loss.shape} grid in {result.seconds * 1e3:.1f} ms "
        f"on {result.device}; wrote {', '.join(map(str, outs))}"
    )
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from explorer.bench import bench_loss, format_table

    rows = []
    for name in args.loss or loss_names():
        rows.append(bench_loss(name, args.size, args.repeat))
        r = rows[-1]
        print(
            f"{r.loss:31s} {r.batched_ms:8.1f} ms  loop {r.loop_ms:9.0f} ms  {r.ratio:6.0f}x",
            file=sys.stderr,
        )
    print(format_table(rows, args.size))
    slow = [r.loss for r in rows if r.ratio < 100 or (r.batched_ms > 30 and r.loss != "CTCLoss")]
    print(f"\nmissed targets (ratio >= 100x, < 30 ms but CTCLoss): {', '.join(slow) or 'none'}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="main.py",
        description="Loss Explorer: see torch.nn losses. "
        "Without a command, the desktop app starts.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("losses", help="list the 21 losses with group and parameters")
    r = sub.add_parser("render", help="evaluate a recipe and write figures and data")
    src = r.add_mutually_exclusive_group(required=True)
    src.add_argument("--recipe", help="a recipe .json (or an .npz written by render)")
    src.add_argument("--loss", choices=loss_names(), metavar="NAME", help="start from the default")
    r.add_argument(
        "--set",
        action="append",
        metavar="KEY=VALUE",
        help="a parameter, an input (JSON value) or view.colormap etc.",
    )
    r.add_argument("--x", metavar="SLOT:START:STOP:NUM", help="the x axis")
    r.add_argument("--y", metavar="SLOT:START:STOP:NUM", help="the y axis, or none for a curve")
    r.add_argument("--device", choices=("auto", "cpu", "cuda"))
    r.add_argument("--dtype", choices=("float32", "float64"))
    r.add_argument(
        "--out",
        action="append",
        required=True,
        metavar="FILE",
        help=".png .svg .csv .npz .json; repeat for several",
    )
    r.add_argument("--width", type=int, default=900, help="PNG width in pixels")
    r.add_argument("--height", type=int, default=700, help="PNG height in pixels")
    b = sub.add_parser("bench", help="time the engine against a per-point loop")
    b.add_argument("--size", type=int, default=256)
    b.add_argument("--repeat", type=int, default=7)
    b.add_argument("--loss", action="append", choices=loss_names(), metavar="NAME")
    return p


def main(argv: Sequence[str] | None = None, figure_writer: FigureWriter | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "losses":
            return cmd_losses(args)
        if args.command == "render":
            return cmd_render(args, figure_writer)
        return cmd_bench(args)
    except RecipeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
