"""`main.py fuzz`: random recipes, valid and broken, against the engine.

Every recipe must either evaluate or raise a RecipeError naming a field; anything else (another
exception, a run past the time limit, a message quoting more than a few hundred characters of
the user's value) is a defect, printed with the recipe that caused it.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from explorer.catalog import loss_names
from explorer.checks import SHOW_CHARS, RecipeError
from explorer.engine import iter_evaluate
from explorer.recipes import default_recipe

WEIRD: list[Any] = [
    None,
    True,
    -1,
    0,
    1,
    2**63,
    -(2**63) - 1,
    10**400,
    1e308,
    -1e308,
    1e-320,
    float("inf"),
    float("nan"),
    "",
    "x" * 5000,
    "input[0]",
    "input[" + "9" * 3000 + "]",
    [],
    [[]],
    [1, [2]],
    [[1, 2], [3]],
    {},
    {"a": 1},
    ["L1Loss"],
    [["L1Loss"]],
    [0.5] * 3,
    [[0.1, 0.2, 0.3]],
    [[[1.0]]],
    [-1.0, 2.0],
    [0, 1, 2],
    "sum",
    "none",
    "batchmean",
    "cosine",
    "sigmoid",
    "softmax",
    "log_softmax",
    "float16",
    "bfloat16",
    0.5,
    -0.5,
    3.0,
]


def _deep(n: int) -> Any:
    v: Any = []
    for _ in range(n):
        v = [v]
    return v


def mutate(recipe: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One to three random edits of a valid recipe: a value replaced, a key added or removed."""
    r = copy.deepcopy(recipe)
    for _ in range(rng.randint(1, 3)):
        paths = _paths(r)
        path = rng.choice(paths)
        node = r
        for k in path[:-1]:
            node = node[k]
        value = rng.choice(WEIRD) if rng.random() < 0.9 else _deep(rng.choice([100, 5000]))
        roll = rng.random()
        if roll < 0.75:
            node[path[-1]] = value
        elif roll < 0.85 and isinstance(node, dict):
            node.pop(path[-1])
        elif isinstance(node, dict):
            node[rng.choice(["extra", 7, "size_average", "version", "activation"])] = value
    return r


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out: list[tuple] = [prefix] if prefix else []
    if len(prefix) > 6:  # inside a deeply nested value: edit it whole, not within
        return out
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list) and len(node) <= 8:
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    defects: list[str] = field(default_factory=list)
    slowest: float = 0.0


def run(n: int, seed: int = 0, limit_s: float = 10.0) -> Report:
    rng = random.Random(seed)
    bases = {name: default_recipe(name) for name in loss_names()}
    rep = Report()
    for i in range(n):
        name = rng.choice(loss_names())
        recipe = bases[name] if rng.random() < 0.1 else mutate(bases[name], rng)
        for ax in recipe.get("axes", []) if isinstance(recipe.get("axes"), list) else []:
            if isinstance(ax, dict) and isinstance(ax.get("num"), int) and ax["num"] > 64:
                ax["num"] = 32  # keep valid recipes quick; the budget tests cover big grids
        t0 = time.perf_counter()
        try:
            gen = iter_evaluate(recipe)
            for _ in gen:
                if time.perf_counter() - t0 > limit_s:
                    gen.close()
                    raise TimeoutError
            rep.counts["evaluated"] += 1
        except RecipeError as e:
            rep.counts["RecipeError"] += 1
            if len(str(e)) > SHOW_CHARS * 3 or not (e.field or str(e)):
                rep.defects.append(f"#{i} long or unnamed message ({len(str(e))} chars)")
        except TimeoutError:
            rep.defects.append(f"#{i} ran past {limit_s} s: {_short(recipe)}")
        except Exception as e:
            rep.defects.append(f"#{i} {type(e).__name__}: {str(e)[:120]} in {_short(recipe)}")
        rep.slowest = max(rep.slowest, time.perf_counter() - t0)
    return rep


def _short(recipe: Any) -> str:
    try:
        return json.dumps(recipe, default=str)[:300]
    except (ValueError, RecursionError):
        return "<unprintable recipe>"


def main(argv: list[str]) -> int:
    """`main.py fuzz`: exit 1 when any recipe raised something other than a RecipeError."""
    z = argparse.ArgumentParser(prog="main.py fuzz", description=__doc__.split("\n")[0])
    z.add_argument("-n", type=int, default=12000)
    z.add_argument("--seed", type=int, default=0)
    z.add_argument("--limit", type=float, default=10.0, help="seconds one recipe may take")
    args = z.parse_args(argv)
    rep = run(args.n, args.seed, args.limit)
    for d in rep.defects:
        print(d)
    print(
        f"{args.n} random recipes: {rep.counts['evaluated']} evaluated, "
        f"{rep.counts['RecipeError']} refused with a RecipeError, {len(rep.defects)} defects; "
        f"slowest {rep.slowest:.2f} s"
    )
    return 1 if rep.defects else 0
