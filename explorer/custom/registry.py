"""Loading your files here: one worker per file, its losses in the catalog, and unloading."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch

from explorer.catalog import CATALOG, Arg, LossSpec, register_loader
from explorer.checks import RecipeError
from explorer.custom.family import GROUP, Custom, custom_key, split_key
from explorer.custom.process import CustomProcess
from explorer.custom.signature import custom_param
from explorer.messages import Message
from explorer.trust import require_trust

_PROCESSES: dict[Path, CustomProcess] = {}


def load_file(
    path: str | Path,
    trust: bool = False,
    ask: Callable[[Path, str, bool], bool] | None = None,
) -> list[str]:
    """Register every loss the (trusted) file defines; returns their catalog keys. A file that
    changed is re-read; one no longer trusted is refused."""
    path = Path(path).resolve()
    digest = require_trust(path, trust, ask, field="loss")
    old = _PROCESSES.get(path)
    if old is not None and old.digest == digest:
        with old._lock:
            old.ensure()
        proc = old
    else:
        if old is not None:
            old.stop()
            unload(path)
        proc = CustomProcess(path, digest)
        proc.ensure()
        _PROCESSES[path] = proc
    keys = []
    for name, d in proc.described.items():
        key = custom_key(path, name)
        CATALOG[key] = _remote_spec(key, d, proc)
        keys.append(key)
    if not keys:
        raise RecipeError(
            "loss",
            Message(
                "{name} defines no loss: a function (input, target, **params) "
                "or an nn.Module subclass",
                name=path.name,
            ),
        )
    return keys


def unload(path: Path) -> None:
    for key in [k for k in CATALOG if (s := split_key(k)) and s[0] == path]:
        del CATALOG[key]


def ensure_loaded(key: str) -> None:
    """A recipe names your loss: load it if its file is trusted as it is now (never asks)."""
    where = split_key(key)
    if where is None or key in CATALOG:
        return
    try:
        load_file(where[0])
    except RecipeError as e:
        if "trusted" not in str(e):
            raise
        raise RecipeError(
            "loss",
            Message(
                "{name} is not trusted as it is now; a recipe alone never "
                "runs code: run `main.py render --custom {where}:{where2} "
                "--trust ...` once, or open it in the window",
                name=where[0].name,
                where=where[0],
                where2=where[1],
            ),
        ) from None
    if key not in CATALOG:
        raise RecipeError(
            "loss",
            Message("{name} defines no loss named {where}", name=where[0].name, where=where[1]),
        )


def _remote_spec(key: str, d: dict[str, Any], proc: CustomProcess) -> LossSpec:
    def not_here(**_: Any) -> torch.nn.Module:
        raise RuntimeError("your code runs in its worker process, not here")

    return LossSpec(
        name=key,
        group=GROUP,
        help=d["help"],
        params=tuple(
            custom_param(n, kind, default, tuple(ch)) for n, kind, default, ch in d["params"]
        ),
        args=tuple(Arg(n, default, "an argument of your loss") for n, default in d["args"]),
        axes=tuple(tuple(a) for a in d["axes"]),
        family=Custom(remote=proc),
        factory=not_here,
    )


def stop_all() -> None:
    """Stop every worker and forget their losses (the window is closing)."""
    for path, p in _PROCESSES.items():
        p.stop()
        unload(path)
    _PROCESSES.clear()


def short_name(key: str) -> str:
    """`focal (my_losses.py)` for a key, the name itself for a built-in loss."""
    where = split_key(key)
    return f"{where[1]} ({where[0].name})" if where else key


register_loader(ensure_loaded)  # a recipe that names your trusted loss finds it
