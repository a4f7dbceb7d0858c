"""The command line: `losses`, `render` and `bench` (no arguments starts the GUI, see main.py)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from explorer.catalog import CATALOG, loss_names
from explorer.checks import show
from explorer.drawing.geometry import Overlay, overlay
from explorer.engine import Result, evaluate
from explorer.export import DATA_SUFFIXES, FIGURE_SUFFIXES, read_recipe, write_all, write_data
from explorer.messages import Message, without
from explorer.progress import run_with_progress
from explorer.recipes import (
    DTYPES,
    RecipeError,
    compare_recipes,
    default_recipe,
    normalize,
    place_axis,
)

MAX_PIXELS = 16384  # per side of an exported figure
FigureWriter = Callable[[Result, Overlay, list[Path], int, int, list[Result]], None]
# (recording, path, fps, width, height, fixed colour range) -> the files written
AnimationWriter = Callable[[Any, Path, float, int, int, bool], list[Path]]


def _parse_axis(text: str, flag: str) -> dict[str, Any] | None:
    if text.lower() == "none":
        return None
    parts = text.rsplit(":", 3)
    if len(parts) != 4:
        raise RecipeError(flag, Message("must be SLOT:START:STOP:NUM, got {text}", text=show(text)))
    slot, start, stop, num = parts
    try:
        return {"slot": slot, "start": float(start), "stop": float(stop), "num": int(num)}
    except ValueError:
        raise RecipeError(
            flag,
            Message("START and STOP must be numbers and NUM an integer: {text}", text=show(text)),
        ) from None


def _apply_set(recipe: dict[str, Any], assignment: str) -> None:
    key, sep, raw = assignment.partition("=")
    if not sep:
        raise RecipeError(
            "--set", Message("must be KEY=VALUE, got {assignment}", assignment=show(assignment))
        )
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw  # a bare word such as sum or cosine
    except (ValueError, RecursionError):  # an int past Python's digit limit; deep nesting
        raise RecipeError(f"--set {key}", "the value is too large or nested too deeply") from None
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
        raise RecipeError(
            "--set",
            Message("unknown key {key}; use a parameter, an input or view.NAME", key=show(key)),
        )
    recipe.setdefault(section, {})[name] = value


def build_recipe(args: argparse.Namespace) -> dict[str, Any]:
    if args.recipe:
        try:
            recipe = read_recipe(args.recipe)
        except RecipeError as e:
            raise RecipeError("--recipe", without("recipe", e.field, e.message)) from None
    elif args.custom:
        recipe = default_recipe(_custom_key(args.custom, args.trust))
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


def _custom_key(text: str, trust: bool) -> str:
    """`FILE.py:NAME` (or FILE.py when it defines one loss) -> the catalog key, once trusted."""
    from explorer.custom import custom_key, load_file, short_name

    path, sep, name = text.rpartition(":")
    if not sep or not name.isidentifier() or not path.endswith(".py"):
        path, name = text, ""
    if not path.endswith(".py"):
        raise RecipeError("--custom", Message("must be FILE.py:NAME, got {text}", text=show(text)))
    keys = load_file(path, trust=trust)
    if not name:
        if len(keys) > 1:
            names = ", ".join(short_name(k).split(" ")[0] for k in keys)
            raise RecipeError(
                "--custom",
                Message("{name} defines {names}: add :NAME", name=Path(path).name, names=names),
            )
        return keys[0]
    key = custom_key(path, name)
    if key not in keys:
        names = ", ".join(short_name(k).split(" ")[0] for k in keys)
        raise RecipeError(
            "--custom",
            Message(
                "{name} defines no loss {name2}; it has {names}",
                name=Path(path).name,
                name2=f"{name!r}",
                names=names,
            ),
        )
    return key


def cmd_losses(args: argparse.Namespace) -> int:
    from explorer.catalog.formulas import formula

    for name in loss_names():
        s = CATALOG[name]
        params = ", ".join(f"{p.name}={p.default}" for p in s.params)
        print(f"{name:31s} {s.group:26s} {params}")
        if args.formulas:
            print(f"    {formula(name)}")
    return 0


def cmd_render(args: argparse.Namespace, figure_writer: FigureWriter | None) -> int:
    outs = [Path(o) for o in args.out]
    bad = [o for o in outs if o.suffix.lower() not in FIGURE_SUFFIXES + DATA_SUFFIXES]
    if bad:
        raise RecipeError(
            "--out",
            Message(
                "unknown file type {suffix}; use {value}",
                suffix=f"{bad[0].suffix!r}",
                value=", ".join(FIGURE_SUFFIXES + DATA_SUFFIXES),
            ),
        )
    for flag, v in (("--width", args.width), ("--height", args.height)):
        if not 1 <= v <= MAX_PIXELS:
            raise RecipeError(
                flag,
                Message("must be in [1, {MAX_PIXELS}] pixels, got {v}", MAX_PIXELS=MAX_PIXELS, v=v),
            )
    figures = [o for o in outs if o.suffix.lower() in FIGURE_SUFFIXES]
    if figures and figure_writer is None:
        raise RecipeError("--out", "PNG, SVG and PDF need the Qt figure writer (run main.py)")
    result = evaluate(build_recipe(args))
    compare = [evaluate(r) for r in compare_recipes(result.recipe)] if result.y is None else []
    for o in outs:
        if o.suffix.lower() in DATA_SUFFIXES:
            write_data(result, o, compare)
    if figures:
        assert figure_writer is not None
        ov = overlay(result)
        write_all(
            figures, lambda tmps: figure_writer(result, ov, tmps, args.width, args.height, compare)
        )
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(
        f"{result.recipe['loss']}: {result.loss.shape} grid in {result.seconds * 1e3:.1f} ms "
        f"on {result.device}; wrote {', '.join(map(str, outs))}"
    )
    return 0


def cmd_record(args: argparse.Namespace, animation_writer: AnimationWriter | None) -> int:
    from explorer.studies.paths import PathsSpec, parse_start
    from explorer.studies.recording import parse_vary, split_recording

    out = Path(args.out)
    if out.suffix.lower() not in (".gif", ".mp4"):
        raise RecipeError(
            "--out", Message("must end in .gif or .mp4, got {name}", name=show(out.name))
        )
    for flag, v in (("--width", args.width), ("--height", args.height)):
        if not 16 <= v <= 4096:
            raise RecipeError(flag, Message("must be in [16, 4096] pixels, got {v}", v=v))
    if not 0.1 <= args.fps <= 120:
        raise RecipeError("--fps", Message("must be in [0.1, 120], got {fps}", fps=args.fps))
    if args.vary and args.optimizer:
        raise RecipeError("--vary", "give --vary or --optimizer, not both")
    try:
        raw = read_recipe(args.recipe)
    except RecipeError as e:
        raise RecipeError("--recipe", without("recipe", e.field, e.message)) from None
    recipe, study = split_recording(raw)
    if args.vary:
        study = parse_vary(args.vary)
    elif args.optimizer:
        start = parse_start(args.start) if args.start else None
        study = PathsSpec.make(args.optimizer, start, args.steps, "--optimizer")
    if study is None:
        raise RecipeError(
            "--vary", "give --vary SLOT=START:STOP:FRAMES, --optimizer, or a recording's .json"
        )
    if animation_writer is None:
        raise RecipeError("--out", "animations need the Qt figure writer (run main.py)")
    recipe = normalize(recipe)
    rec = run_with_progress(study.run(recipe), "frames")
    paths = animation_writer(rec, out, args.fps, args.width, args.height, not args.free_levels)
    print(f"{rec.summary()}; wrote {', '.join(map(str, paths))}")
    return 0


def parser(more_commands: dict[str, str] | None = None) -> argparse.ArgumentParser:
    """`more_commands`: name -> help of the commands main.py runs itself (each with its own
    parser): listed with the others in --help and in the message for an unknown command."""
    p = argparse.ArgumentParser(
        prog="main.py",
        description="Loss Explorer: see torch.nn losses. "
        "Without a command, the desktop app starts. Each command has --help.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ls = sub.add_parser("losses", help="list the 21 losses with group and parameters")
    ls.add_argument("--formulas", action="store_true", help="each loss's formula below it")
    r = sub.add_parser("render", help="evaluate a recipe and write figures and data")
    src = r.add_mutually_exclusive_group(required=True)
    src.add_argument("--recipe", help="a recipe .json (or an .npz written by render)")
    src.add_argument("--loss", choices=loss_names(), metavar="NAME", help="start from the default")
    src.add_argument("--custom", metavar="FILE.py:NAME", help="your own loss from a .py file")
    r.add_argument("--trust", action="store_true", help="run --custom's file (read it first)")
    r.add_argument(
        "--set",
        action="append",
        metavar="KEY=VALUE",
        help="a parameter, an input (JSON value) or view.colormap etc.",
    )
    r.add_argument("--x", metavar="SLOT:START:STOP:NUM", help="the x axis")
    r.add_argument("--y", metavar="SLOT:START:STOP:NUM", help="the y axis, or none for a curve")
    r.add_argument("--device", choices=("auto", "cpu", "cuda"))
    r.add_argument("--dtype", choices=DTYPES)
    r.add_argument(
        "--out",
        action="append",
        required=True,
        metavar="FILE",
        help=".png .svg .csv .npz .json; repeat for several",
    )
    r.add_argument("--width", type=int, default=900, help="PNG width in pixels")
    r.add_argument("--height", type=int, default=700, help="PNG height in pixels")
    rec = sub.add_parser("record", help="an animation of a recipe with one slot varied")
    rec.add_argument("--recipe", required=True, help="a recipe .json, or a recording's .json")
    rec.add_argument(
        "--vary",
        metavar="SLOT=START:STOP:FRAMES",
        help="params.margin=0:2:60, inputs.target[0]=...",
    )
    rec.add_argument(
        "--optimizer",
        action="append",
        metavar="NAME:KEY=VALUE,...",
        help="torch.optim on the swept slots: sgd:lr=0.1,momentum=0.9 adam:lr=0.05,betas=0.9/0.99;"
        " repeat for several",
    )
    rec.add_argument("--start", metavar="X[,Y]", help="where the paths start (the inputs' point)")
    rec.add_argument("--steps", type=int, default=100, help="optimizer steps")
    rec.add_argument("--out", required=True, metavar="FILE.gif|FILE.mp4")
    rec.add_argument("--fps", type=float, default=10.0)
    rec.add_argument("--width", type=int, default=900)
    rec.add_argument("--height", type=int, default=700)
    rec.add_argument(
        "--free-levels", action="store_true", help="a colour range per frame, not one for all"
    )
    from explorer.landscape.command import add_parser as add_landscape

    add_landscape(sub)
    from explorer.landscape.hessian import add_parser as add_hessian

    add_hessian(sub)
    for name, said in (more_commands or {}).items():
        sub.add_parser(name, help=said, add_help=False)  # (parsed by their own, never here)
    return p


def main(
    argv: Sequence[str] | None = None,
    figure_writer: FigureWriter | None = None,
    animation_writer: AnimationWriter | None = None,
    landscape_writer: Any = None,
    hessian_writer: Any = None,
    more_commands: dict[str, str] | None = None,
) -> int:
    from explorer.landscape.command import fix_negative_values

    argv = sys.argv[1:] if argv is None else list(argv)
    p = parser(more_commands)
    if argv and argv[0] in (more_commands or {}):  # (before parsing: their options are not here)
        p.error(f"{argv[0]} runs through main.py, with its own options")
    args = p.parse_args(fix_negative_values(argv))
    try:
        if args.command == "losses":
            return cmd_losses(args)
        if args.command == "render":
            return cmd_render(args, figure_writer)
        if args.command == "record":
            return cmd_record(args, animation_writer)
        if args.command == "landscape":
            from explorer.landscape.command import cmd_landscape

            return cmd_landscape(args, landscape_writer)
        if args.command == "hessian":
            from explorer.landscape.hessian import cmd_hessian

            return cmd_hessian(args, hessian_writer)
        raise AssertionError(args.command)  # (argparse allows only the commands above)
    except RecipeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `main.py losses | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as e:  # a bug of ours: one line, the traceback only on request
        if os.environ.get("LOSS_EXPLORER_DEBUG"):
            raise
        print(
            f"error: internal error {type(e).__name__}: {show(str(e))[1:-1]} "
            "(set LOSS_EXPLORER_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return 1
