"""An independent reference: torch's own module called on one grid point's inputs alone."""

from __future__ import annotations

import re
import warnings
from typing import Any

import numpy as np
import torch

from explorer.catalog import CATALOG, DISTANCES


def parse(slot: str) -> tuple[str, tuple[int, ...]]:
    m = re.fullmatch(r"(\w+)(?:(\[)([\d,]*)\])?", slot)
    assert m, slot
    return m.group(1), tuple(int(i) for i in m.group(3).split(",")) if m.group(3) else ()


def point_call(recipe: dict[str, Any], values: list[float]) -> tuple[float | np.ndarray, list]:
    """Loss and gradients (per axis; NaN for parameters) at one point, by torch's module."""
    spec = CATALOG[recipe["loss"]]
    params = {k: (list(v) if isinstance(v, list) else v) for k, v in recipe["params"].items()}
    inputs = {k: np.array(v) for k, v in recipe["inputs"].items()}
    arg_slots = []
    for ax, v in zip(recipe["axes"], values, strict=True):
        name, idx = parse(ax["slot"])
        if name in inputs and "[" in ax["slot"]:
            inputs[name] = inputs[name].astype(np.float64)
            inputs[name][idx] = v
            arg_slots.append((name, idx))
        elif idx:
            params[name][idx[0]] = v
            arg_slots.append(None)
        else:
            params[name] = v
            arg_slots.append(None)
    kwargs = {}
    for p in spec.params:
        v = params[p.name]
        if p.kind == "tensor" and v is not None:
            v = torch.tensor(v, dtype=torch.float64)
        if p.kind == "distance":
            v = DISTANCES[v]
        kwargs[p.name] = v
    module = getattr(torch.nn, spec.name)(**kwargs)
    tensors = {}
    for a in spec.args:
        arr = np.array(recipe["inputs"][a.name])
        integer = np.issubdtype(arr.dtype, np.integer) and spec.is_index(
            a, {k: np.asarray(v) for k, v in recipe["inputs"].items()}
        )
        if integer:
            tensors[a.name] = torch.tensor(arr, dtype=torch.int64)
        else:
            swept = any(s is not None and s[0] == a.name for s in arg_slots)
            tensors[a.name] = torch.tensor(inputs[a.name], dtype=torch.float64, requires_grad=swept)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # KLDiv's advice about reduction="mean"
        try:
            out = module(*(tensors[a.name] for a in spec.args))
            fixed: set[str] = set()
        except RuntimeError as e:  # torch cannot differentiate this argument (a target)
            m = re.search(r"not differentiable with respect to argument '(\w+)'", str(e))
            if not m:
                raise
            fixed = {m.group(1)}
            tensors[m.group(1)] = tensors[m.group(1)].detach()
            out = module(*(tensors[a.name] for a in spec.args))
    grads = []
    for s in arg_slots:
        if s is None or s[0] in fixed:
            grads.append(float("nan"))
            continue
        name, idx = s
        if not out.requires_grad:  # the output does not depend on any input (zero_infinity)
            grads.append(0.0)
            continue
        (g,) = torch.autograd.grad(out.sum(), tensors[name], retain_graph=True, allow_unused=True)
        grads.append(0.0 if g is None else float(g[idx]))
    value = out.detach().numpy()
    return (float(value) if value.ndim == 0 else value), grads
