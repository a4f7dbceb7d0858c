"""Writing a Result's data and recipe to files: CSV, NPZ and JSON (figures live in ui/)."""

from __future__ import annotations

import csv
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from explorer.checks import RecipeError, show
from explorer.engine import Result
from explorer.messages import Message

DATA_SUFFIXES = (".csv", ".npz", ".json")
FIGURE_SUFFIXES = (".png", ".svg", ".pdf")  # painted by the Qt side (ui.figures.export)


def recipe_text(recipe: dict[str, Any]) -> str:
    return json.dumps(recipe, indent=2) + "\n"


def write_npz(result: Result, path: Path, compare: Sequence[Result] = ()) -> None:
    """The arrays and the recipe; compared losses (a 1-D curve) as compare_loss/compare_grad,
    one row per name in compare_names."""
    extra: dict[str, np.ndarray] = {}
    if compare:
        extra = {
            "compare_names": np.array([c.recipe["loss"] for c in compare]),
            "compare_loss": np.stack([c.surface for c in compare]),
            "compare_grad": np.stack([c.grad[0] for c in compare]),
        }
    np.savez_compressed(
        path,
        loss=result.loss,
        grad=result.grad,
        x=result.x,
        y=result.y if result.y is not None else np.empty(0),
        recipe=np.array(json.dumps(result.recipe)),
        **extra,
    )


def write_csv(result: Result, path: Path, compare: Sequence[Result] = ()) -> None:
    """One row per grid point: the axis values, the loss (each element with reduction none),
    the gradient for each axis slot, then each compared loss and its derivative."""
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
    columns = [*coords, loss, result.grad.reshape(len(axes), points).T]
    for c in compare:
        header += [f"loss:{c.recipe['loss']}", f"grad:{c.recipe['loss']}"]
        columns += [c.surface.reshape(points), c.grad[0].reshape(points)]
    table = np.column_stack(columns)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(table.tolist())


def write_json(result: Result, path: Path, compare: Sequence[Result] = ()) -> None:
    path.write_text(recipe_text(result.recipe), encoding="utf-8")


WRITERS: dict[str, Callable[[Result, Path, Sequence[Result]], None]] = {
    ".csv": write_csv,
    ".npz": write_npz,
    ".json": write_json,
}


def write_data(result: Result, path: str | Path, compare: Sequence[Result] = ()) -> Path:
    """CSV, NPZ or JSON by suffix, written atomically; `compare` adds the compared curves."""
    path = Path(path)
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise RecipeError(
            "--out",
            Message(
                "{name}: the data are written as {formats}",
                name=show(path.name),
                formats=", ".join(WRITERS),
            ),
        )
    with written(path) as tmp:
        writer(result, tmp, compare)
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_umask()  # what open() would have given; mkstemp makes files 0600


@contextmanager
def written(path: Path) -> Iterator[Path]:
    """A temporary path in `path`'s folder, renamed onto `path` once the block wrote it.

    Nothing half-written is left behind: on any failure the temporary file is removed and
    `path` keeps what it had. Raises RecipeError naming the file when it cannot be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
    except OSError as e:
        raise RecipeError(
            "--out", Message("cannot write {path}: {value}", path=path, value=e.strerror or e)
        ) from None
    tmp = Path(name)
    try:
        yield tmp
        if tmp.stat().st_size == 0:
            raise RecipeError("--out", Message("nothing was written to {path}", path=path))
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except OSError as e:
        raise RecipeError(
            "--out", Message("cannot write {path}: {value}", path=path, value=e.strerror or e)
        ) from None
    finally:
        tmp.unlink(missing_ok=True)


def write_all(paths: Sequence[Path], write: Callable[[list[Path]], None]) -> None:
    """Write several files through one call that takes their (temporary) paths, each renamed
    into place only when all of them were written."""
    tmps: list[Path] = []
    with _stack(paths, tmps):
        write(tmps)


@contextmanager
def _stack(paths: Sequence[Path], tmps: list[Path]) -> Iterator[None]:
    if not paths:
        yield
        return
    with written(paths[0]) as tmp:
        tmps.append(tmp)
        with _stack(paths[1:], tmps):
            yield


def read_recipe(path: str | Path) -> dict[str, Any]:
    """A recipe (a JSON object) from a .json file or from an .npz written by write_npz.

    Raises RecipeError on the file for anything that is not one: missing, empty, corrupt,
    not JSON, nested too deeply, or JSON that is not an object.
    """
    path = Path(path)
    try:
        if path.suffix.lower() == ".npz":
            with np.load(path, allow_pickle=False) as data:
                if "recipe" not in data:
                    raise RecipeError(
                        "recipe",
                        Message("{path} holds no recipe (not written by render)", path=path),
                    )
                text = str(data["recipe"])
        else:
            text = path.read_text(encoding="utf-8")
        recipe = json.loads(text)
    except RecipeError:
        raise
    except OSError as e:
        raise RecipeError(
            "recipe", Message("cannot read {path}: {value}", path=path, value=e.strerror or e)
        ) from None
    except RecursionError:
        raise RecipeError(
            "recipe", Message("{path} is nested too deeply to be a recipe", path=path)
        ) from None
    except (ValueError, EOFError, zipfile.BadZipFile, UnicodeDecodeError) as e:
        npz = path.suffix.lower() == ".npz"
        what = Message("an .npz written by render") if npz else "JSON"
        raise RecipeError(
            "recipe",
            Message(
                "{path} is not {what}: {split}",
                path=path,
                what=what,
                split=show(str(e).split(". ")[0])[1:-1],
            ),
        ) from None
    if not isinstance(recipe, dict):
        raise RecipeError(
            "recipe",
            Message(
                "{path} holds {name}, not a recipe object", path=path, name=type(recipe).__name__
            ),
        )
    return recipe
