"""The Custom family: in the worker process it calls your code; here it asks the worker.
Also how a recipe names your loss (its key) and the time limit."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from explorer.checks import RecipeError
from explorer.messages import Message

GROUP = "your losses"
DEFAULT_LIMIT_S = 10.0
HEARTBEAT_EVERY = 64  # points of a per-point loop between signs of life


def limit_s() -> float:
    try:
        return float(os.environ.get("LOSS_EXPLORER_CUSTOM_TIMEOUT", DEFAULT_LIMIT_S))
    except ValueError:
        return DEFAULT_LIMIT_S


def custom_key(path: str | Path, name: str) -> str:
    """How a recipe names your loss: `/abs/path/file.py:NAME`."""
    return f"{Path(path).resolve()}:{name}"


def split_key(key: Any) -> tuple[Path, str] | None:
    if not isinstance(key, str):
        return None
    path, sep, name = key.rpartition(":")
    if not sep or not path.endswith(".py") or not name.isidentifier():
        return None
    return Path(path), name


# ---- the family: in the worker process it calls your code; here it asks the worker

_VMAP_FAILED: set[str] = set()  # losses whose code does not run under vmap
_heartbeat: Callable[[], None] = lambda: None  # noqa: E731 (set in the worker process)


def set_heartbeat(beat: Callable[[], None]) -> None:
    """What a per-point loop calls between points, to say the worker is alive."""
    global _heartbeat
    _heartbeat = beat


@dataclass(frozen=True)
class Custom:
    """The explorer.losses.Family of your losses."""

    remote: Any = field(default=None, compare=False)  # its CustomProcess; None in the worker
    name: str = "custom"
    owns_reduction: bool = True  # your parameters are passed as they are, reduction too
    scalar_only: bool = True  # one number per point
    # points per chunk: each chunk ends with a progress message, the worker's sign of life, and
    # a point-by-point loss with its backward must not outlast the time limit in one chunk
    max_chunk: int = 4096

    def check(self, spec: Any, params: dict[str, Any], x: dict[str, np.ndarray], warn) -> None:
        pass

    def classes(self, x: dict[str, np.ndarray], spec: Any) -> int | None:
        return None

    def call(
        self, spec: Any, module: torch.nn.Module, args: dict[str, torch.Tensor], n: int
    ) -> torch.Tensor:
        tensors = [args[a.name] for a in spec.args]
        if spec.name not in _VMAP_FAILED:
            try:
                out = torch.func.vmap(lambda *a: torch.as_tensor(module(*a)))(*tensors)
                return _scalar_per_point(spec, out, n)
            except RecipeError:
                raise
            except Exception:
                _VMAP_FAILED.add(spec.name)  # .item(), data-dependent branches, ...: one by one
        outs = []
        for i in range(n):
            outs.append(torch.as_tensor(module(*(t[i] for t in tensors))))
            if i % HEARTBEAT_EVERY == HEARTBEAT_EVERY - 1:
                _heartbeat()
        if any(o.ndim for o in outs):
            shape = next(tuple(o.shape) for o in outs if o.ndim)
            raise RecipeError(
                "loss",
                Message(
                    "{name} returns shape {shape}; a scalar is due", name=spec.name, shape=shape
                ),
            )
        return torch.stack(outs)

    def reduce(
        self, spec: Any, params: dict[str, Any], out: torch.Tensor, base: dict[str, torch.Tensor]
    ) -> torch.Tensor:
        return out


def _scalar_per_point(spec: Any, out: torch.Tensor, n: int) -> torch.Tensor:
    if out.shape != (n,):
        raise RecipeError(
            "loss",
            Message(
                "{name} returns shape {shape} for a point; a scalar is due",
                name=spec.name,
                shape=tuple(out.shape[1:]),
            ),
        )
    return out
