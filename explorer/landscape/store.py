"""The landscape file: HDF5 in the layout of Li et al.'s plotting scripts, written row by row.

`xcoordinates`, `ycoordinates`, `train_loss` and `train_acc` indexed [iy, ix] (rows are y; a 1-D
landscape has no y; the accuracy in percent, 0-100, as theirs), the directions and the origin
one dataset per parameter tensor (`directions/x/NAME`, `directions/y/NAME`, `origin/NAME`), the
training path projected (`trajectory`), and `rows_done`. The settings that made it are an
attribute: the same command again resumes the rows not done; other settings are refused instead of
mixed in.

Under torchrun each rank writes its rows to FILE.partR (HDF5 has one writer per file) and rank 0
merges them into FILE.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import h5py
import numpy as np
import torch

from explorer.checks import RecipeError
from explorer.landscape.directions import Plan, Weights
from explorer.messages import Message

FORMAT = "loss-explorer-landscape/2"
OLD_FORMATS = ("loss-explorer-landscape/1",)  # train_acc a fraction: read, never resumed


CURVATURE = ("max_eig", "min_eig")  # Li et al.'s names; their plot_2D.py plots the ratio
ROW_DATASETS = ("train_loss", "train_acc", *CURVATURE)


def create(
    path: Path, plan: Plan, settings: dict[str, Any], has_acc: bool, curvature: bool = False
) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with h5py.File(tmp, "w") as f:
        f.attrs["format"] = FORMAT
        f.attrs["settings"] = json.dumps(settings, sort_keys=True)
        for k, v in settings.items():  # also one attribute each, for h5dump and Li's scripts
            f.attrs[k] = "" if v is None else v
        f["xcoordinates"] = plan.xs
        if plan.ys is not None:
            f["ycoordinates"] = plan.ys
        f.create_dataset("train_loss", data=np.full(plan.shape, np.nan))
        if has_acc:
            f.create_dataset("train_acc", data=np.full(plan.shape, np.nan))
        for name in CURVATURE if curvature else ():
            f.create_dataset(name, data=np.full(plan.shape, np.nan))
        f.create_dataset("rows_done", data=np.zeros(plan.rows, dtype=np.uint8))
        _write_weights(f, "origin", plan.origin)
        _write_weights(f, "directions/x", plan.dx)
        if plan.dy is not None:
            _write_weights(f, "directions/y", plan.dy)
        if plan.trajectory is not None:
            f["trajectory"] = plan.trajectory
        if plan.explained:
            f.attrs["explained_variance"] = plan.explained
        if plan.eigenvalues:
            f.attrs["hessian_eigenvalues"] = plan.eigenvalues
    tmp.replace(path)  # a file exists whole or not at all


def _write_weights(f: h5py.File, group: str, w: Weights) -> None:
    g = f.require_group(group)
    for name, t in w.items():
        g[name] = t.numpy()


def _read_weights(f: h5py.File, group: str) -> Weights:
    g = f[group]
    names = json.loads(f.attrs["settings"])["parameters"]
    return {n: torch.from_numpy(g[n][()]) for n in names}


def open_existing(path: Path, settings: dict[str, Any]) -> tuple[Plan, np.ndarray]:
    """The plan stored in a file made with the same settings, and which rows are done."""
    try:
        with h5py.File(path, "r") as f:
            if f.attrs.get("format") in OLD_FORMATS:
                raise RecipeError(
                    "--out",
                    Message(
                        "{name} was made by an older version (accuracy as a fraction); "
                        "choose another --out, or delete it to start again",
                        name=path.name,
                    ),
                )
            if f.attrs.get("format") != FORMAT:
                raise RecipeError(
                    "--out", Message("{name} is not a landscape file of ours", name=path.name)
                )
            stored = json.loads(f.attrs["settings"])
            if stored != settings:
                diff = sorted(
                    k for k in set(stored) | set(settings) if stored.get(k) != settings.get(k)
                )
                raise RecipeError(
                    "--out",
                    Message(
                        "{name} holds a landscape made with other settings ({diff}); "
                        "choose another --out, or delete it to start again",
                        name=path.name,
                        diff=", ".join(diff),
                    ),
                )
            plan = read_plan(f)
            done = f["rows_done"][()].astype(bool)
    except OSError as e:
        raise RecipeError(
            "--out", Message("{name} cannot be read ({e}); delete it", name=path.name, e=e)
        ) from None
    return plan, done


def read_plan(f: h5py.File) -> Plan:
    settings = json.loads(f.attrs["settings"])
    return Plan(
        settings["directions"],
        _read_weights(f, "origin"),
        _read_weights(f, "directions/x"),
        _read_weights(f, "directions/y") if "directions/y" in f else None,
        f["xcoordinates"][()],
        f["ycoordinates"][()] if "ycoordinates" in f else None,
        seed=settings.get("seed"),
        trajectory=f["trajectory"][()] if "trajectory" in f else None,
        explained=list(f.attrs.get("explained_variance", [])),
        eigenvalues=list(f.attrs.get("hessian_eigenvalues", [])),
    )


def write_row(
    path: Path,
    row: int,
    loss: np.ndarray,
    acc: np.ndarray | None,
    shape: tuple[int, ...],
    extra: dict[str, np.ndarray] | None = None,
) -> None:
    """Row `row` (the whole line of a 1-D landscape), then its flag, then flush. `extra`: more
    row datasets (the curvature)."""
    with h5py.File(path, "a") as f:
        _put(f, "train_loss", row, loss, shape)
        if acc is not None:  # a part under torchrun gets the dataset with its first row
            _put(f, "train_acc", row, 100.0 * np.asarray(acc), shape)
        for name, values in (extra or {}).items():
            _put(f, name, row, values, shape)
        if "rows_done" not in f:
            f.create_dataset(
                "rows_done", data=np.zeros(shape[0] if len(shape) == 2 else 1, np.uint8)
            )
        f["rows_done"][row] = 1
        f.flush()


def _put(f: h5py.File, name: str, row: int, values: np.ndarray, shape: tuple[int, ...]) -> None:
    if name not in f:
        f.create_dataset(name, data=np.full(shape, np.nan))
    if len(shape) == 2:
        f[name][row, :] = values
    else:
        f[name][:] = values


def write_barrier(path: Path, barrier: dict[str, float]) -> None:
    """The barrier along a line between checkpoints, as attributes of the file."""
    with h5py.File(path, "a") as f:
        for k, v in barrier.items():
            f.attrs[k] = v
        f.flush()


def part_path(path: Path, rank: int) -> Path:
    return path.with_name(f"{path.name}.part{rank}")


def merge_parts(path: Path) -> int:
    """Copy the rows done in FILE.partR into FILE, then remove the parts; returns rows merged."""
    merged = 0
    with h5py.File(path, "a") as f:
        shape = f["train_loss"].shape
        for part in sorted(path.parent.glob(path.name + ".part*")):
            try:
                with h5py.File(part, "r") as p:
                    done = np.flatnonzero(p["rows_done"][()])
                    for r in done:
                        for name in ROW_DATASETS:
                            if name in p and name in f:
                                if len(shape) == 2:
                                    f[name][r, :] = p[name][r, :]
                                else:
                                    f[name][:] = p[name][:]
                        f["rows_done"][r] = 1
                    merged += len(done)
            except OSError:
                continue  # a part that a crash left unreadable: its rows are simply redone
            f.flush()
            part.unlink()
    return merged


def read(path: Path) -> dict[str, Any]:
    """Everything but the weights, as numpy arrays and the settings (for figures and NPZ)."""
    try:
        with h5py.File(path, "r") as f:
            kind = f.attrs.get("format")
            if kind != FORMAT and kind not in OLD_FORMATS:
                raise RecipeError(str(path), "is not a landscape file of ours")
            out: dict[str, Any] = {
                k: f[k][()]
                for k in ("xcoordinates", "ycoordinates", *ROW_DATASETS, "trajectory")
                if k in f
            }
            if kind in OLD_FORMATS and "train_acc" in out:
                out["train_acc"] = 100.0 * out["train_acc"]
            out["rows_done"] = f["rows_done"][()].astype(bool)
            out["settings"] = json.loads(f.attrs["settings"])
            out["explained_variance"] = list(f.attrs.get("explained_variance", []))
            out["hessian_eigenvalues"] = list(f.attrs.get("hessian_eigenvalues", []))
            for k in ("barrier_height", "loss_start", "loss_end"):
                if k in f.attrs:
                    out[k] = float(f.attrs[k])
    except OSError as e:
        raise RecipeError(str(path), Message("cannot be read: {e}", e=e)) from None
    return out


def write_npz(path: Path, data: dict[str, Any]) -> None:
    arrays = {k: v for k, v in data.items() if isinstance(v, np.ndarray)}
    np.savez_compressed(path, **arrays, settings=np.array(json.dumps(data["settings"])))
