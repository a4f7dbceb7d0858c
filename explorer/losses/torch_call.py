"""Building torch's own module and tensors from a recipe, and asking torch about one point."""

from __future__ import annotations

import re
import warnings
from typing import Any

import numpy as np
import torch

from explorer.checks import RecipeError
from explorer.losses.distances import DISTANCES
from explorer.messages import Message


def module_for(
    spec: Any, params: dict[str, Any], device: torch.device, dtype: torch.dtype, reduction: str
) -> torch.nn.Module:
    """torch.nn.<Loss>(**params) with the recipe's JSON parameters as torch expects them."""
    kw: dict[str, Any] = {}
    for p in spec.params:
        v = params[p.name]
        if p.kind == "tensor" and v is not None:
            v = torch.as_tensor(np.asarray(v, dtype=np.float64), dtype=dtype, device=device)
        elif p.kind == "distance":
            v = DISTANCES[v]
        kw[p.name] = v
    if not spec.family.owns_reduction:  # your loss takes its own as given
        kw["reduction"] = reduction
    return spec.module_class(**kw)


def tensors_for(
    spec: Any, arrays: dict[str, np.ndarray], device: torch.device, dtype: torch.dtype
) -> dict[str, torch.Tensor]:
    """The forward arguments as tensors: integers stay int64, the rest take `dtype`."""
    return {
        a.name: torch.as_tensor(
            arrays[a.name], dtype=torch.int64 if spec.is_index(a, arrays) else dtype, device=device
        )
        for a in spec.args
    }


def probe(
    spec: Any,
    params: dict[str, Any],
    arrays: dict[str, np.ndarray],
    torch_warnings: list[str] | None = None,
) -> torch.Size:
    """Call torch's module once on the recipe's own inputs (CPU, float64).

    Returns the shape of its output; what torch rejects becomes a RecipeError with torch's reason,
    on the field its message names. torch's warnings are returned to the caller as messages.
    """
    if spec.family.remote is not None:
        # your loss: its code runs only in its worker process, which probes it there when it
        # evaluates (so checking a recipe here, on any thread, never waits on your code)
        return torch.Size([])
    cpu = torch.device("cpu")
    try:
        module = module_for(spec, params, cpu, torch.float64, params.get("reduction", "mean"))
        args = tensors_for(spec, arrays, cpu, torch.float64)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = module(*(args[a.name] for a in spec.args))
        if torch_warnings is not None:
            torch_warnings += [" ".join(str(w.message).split())[:240] for w in caught]
    except RecipeError:
        raise
    except Exception as e:
        reason = " ".join(str(e).split())[:300]
        if spec.family.scalar_only:  # your code raised
            raise RecipeError(
                "loss",
                Message("your loss raised {name}: {reason}", name=type(e).__name__, reason=reason),
            ) from e
        if not isinstance(e, RuntimeError | ValueError | IndexError | TypeError | AssertionError):
            raise
        raise RecipeError(
            guess_field(spec, reason),
            Message("torch's {name} refuses: {reason}", name=spec.name, reason=reason),
        ) from e
    out = torch.as_tensor(out)
    if spec.family.scalar_only and out.ndim:
        raise RecipeError(
            "loss", Message("returns shape {shape}; a scalar loss is due", shape=tuple(out.shape))
        )
    return out.shape


def guess_field(spec: Any, message: str) -> str:
    """The recipe field a torch error message is about: the last forward argument it names
    (a target rarely is the reference shape), else a parameter, else the inputs as a whole."""
    words = set(re.findall(r"[A-Za-z_]+", message))
    for a in reversed(spec.args):
        if a.name in words:
            return f"inputs.{a.name}"
    for p in spec.params:
        if p.name in words:
            return f"params.{p.name}"
    return "inputs"
