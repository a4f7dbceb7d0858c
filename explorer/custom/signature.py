"""What a file defines: catalog entries from a function's or a Module's signature."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import torch

from explorer.catalog import Arg, LossSpec, Param
from explorer.checks import RecipeError
from explorer.custom.family import GROUP, Custom
from explorer.messages import Message

# ---- what a file defines


def signature_spec(key: str, obj: Any, family: Custom) -> LossSpec:
    """A catalog entry from a function's or a Module's signature."""
    is_module = isinstance(obj, type) and issubclass(obj, torch.nn.Module)
    forward = inspect.signature(obj.forward if is_module else obj)
    ctor = inspect.signature(obj.__init__) if is_module else forward
    positional = [
        p.name
        for p in forward.parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        and p.default is p.empty
        and p.name != "self"
    ]
    if not positional:
        raise RecipeError(
            "loss", Message("{key}: a loss needs at least one argument without a default", key=key)
        )
    params = []
    for p in ctor.parameters.values():
        if p.name == "self" or p.default is p.empty or p.name in positional:
            continue
        d = p.default
        if isinstance(d, bool):
            params.append(custom_param(p.name, "bool", d))
        elif isinstance(d, int):
            params.append(custom_param(p.name, "int", d))
        elif isinstance(d, float):
            params.append(custom_param(p.name, "float", d))
        elif p.name == "reduction" and d in ("none", "mean", "sum"):
            params.append(custom_param(p.name, "choice", d, ("none", "mean", "sum")))
        # other defaults (None, strings, objects) stay as your code sets them
    defaults = ([0.3, -0.2], [1.0, 0.0])
    args = tuple(
        Arg(name, defaults[min(k, 1)], f"argument {k + 1} of your loss")
        for k, name in enumerate(positional)
    )
    second = f"{positional[1]}[0]" if len(positional) > 1 else f"{positional[0]}[1]"
    names = [p.name for p in params]

    def make(**kw: Any) -> torch.nn.Module:
        kw = {k: v for k, v in kw.items() if k in names}
        if is_module:
            return obj(**kw)
        return _FunctionLoss(obj, kw)

    doc = inspect.getdoc(obj) or f"your loss {obj.__name__}"
    return LossSpec(
        name=key,
        group=GROUP,
        help=doc.splitlines()[0],
        params=tuple(params),
        args=args,
        axes=((f"{positional[0]}[0]", -3.0, 3.0), (second, -3.0, 3.0)),
        family=family,
        factory=make,
    )


def custom_param(name: str, kind: str, default: Any, choices: tuple[Any, ...] = ()) -> Param:
    """A parameter from its default; a slider around it, as no domain is known."""
    span = max(1.0, 4 * abs(default)) if kind in ("float", "int") else 1.0
    ui = (0.0, span) if kind in ("float", "int") and default >= 0 else (-span, span)
    return Param(name, kind, default, "from your signature", choices=choices, ui_range=ui)  # type: ignore[arg-type]


class _FunctionLoss(torch.nn.Module):
    def __init__(self, fn: Callable[..., Any], kw: dict[str, Any]) -> None:
        super().__init__()
        self.fn, self.kw = fn, kw

    def forward(self, *args: torch.Tensor) -> Any:
        return self.fn(*args, **self.kw)


def losses_in(module: Any) -> list[str]:
    """Functions and Module subclasses defined in the file itself (not imported), public."""
    out = []
    for name, obj in vars(module).items():
        if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
            continue
        if inspect.isfunction(obj) or (isinstance(obj, type) and issubclass(obj, torch.nn.Module)):
            out.append(name)
    return out
