"""Writing a Result's data and recipe to files: CSV, NPZ and JSON (figures live in ui/)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import numpy as np

from explorer.engine import Result

DATA_SUFFIXES = (".csv", ".npz", ".json")


def recipe_text(recipe: dict[str, Any]) -> str:
    return json.dumps(recipe, indent=2) + "\n"


def write_json(result: Result, path: Path) -> None:
    path.write_text(recipe_text(result.recipe), encoding="utf-8")


def write_npz(result: Result, path: Path) -> None:
    np.savez_compressed(
        path,
        loss=result.loss,
        grad=result.grad,
        x=result.x,
        y=result.y if result.y is not None else np.empty(0),
        recipe=np.array(json.dumps(result.recipe)),
    )


def write_csv(result: Result, path: Path) -> None:
    """One row per grid point: the axis values, the loss (each element with reduction none) and
    the gradient for each axis slot."""
    axes = [ax["slot"] for ax in result.recipe["axes"]]
    grid = result.grad.shape[1:]
    points = int(np.prod(grid))
    loss = result.loss.reshape(points, -1)
    if result.y is None:
        coords = [result.x]
    else:
        xx, yy = np.meshgrid(result.x, result.y)
        coords = [xx.ravel(), yy.ravel()]
    loss_cols = (
        ["loss"]
        if loss.shape[1] == 1
        else [
            "loss" + "[" + ",".join(map(str, i)) + "]"
            for i in np.ndindex(*result.loss.shape[len(grid) :])
        ]
    )
    header = [f"axis:{s}" for s in axes] + loss_cols + [f"grad:{s}" for s in axes]
    table = np.column_stack([*coords, loss, result.grad.reshape(len(axes), points).T])
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(table.tolist())


WRITERS = {".csv": write_csv, ".npz": write_npz, ".json": write_json}


def write_data(result: Result, path: str | Path) -> Path:
    path = Path(path)
    WRITERS[path.suffix.lower()](result, path)
    return path


def read_recipe(path: str | Path) -> dict[str, Any]:
    """A recipe from a .json file or from an .npz written by write_npz."""
    path = Path(path)
    if path.suffix.lower() == ".npz":
        with np.load(path) as data:
            return json.loads(str(data["recipe"]))
    return json.loads(path.read_text(encoding="utf-8"))
