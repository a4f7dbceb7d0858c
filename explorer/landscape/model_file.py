"""A user's model file: build_model(), eval_data(), loss_fn(output, target), and optionally
accuracy(output, target) and checkpoints(). It is Python code, so it runs only once trusted."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import torch

from explorer.checks import RecipeError
from explorer.messages import Message
from explorer.trust import require_trust

REQUIRED = ("build_model", "eval_data", "loss_fn")


@dataclass
class ModelFile:
    path: Path
    sha256: str
    module: ModuleType

    def _call(self, name: str, *args: Any) -> Any:
        try:
            return getattr(self.module, name)(*args)
        except Exception as e:
            raise RecipeError(
                self.path.name,
                Message(
                    "{name}() raised {name2}: {value}",
                    name=name,
                    name2=type(e).__name__,
                    value=_short(e),
                ),
            ) from e

    def build_model(self) -> torch.nn.Module:
        model = self._call("build_model")
        if not isinstance(model, torch.nn.Module):
            raise RecipeError(
                self.path.name,
                Message(
                    "build_model() must return a torch.nn.Module, not {model}", model=type(model)
                ),
            )
        return model

    def eval_data(self) -> list[tuple[torch.Tensor, torch.Tensor]]:
        """(inputs, targets) as batches: one pair, or an iterable of pairs."""
        data = self._call("eval_data")
        if isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], torch.Tensor):
            batches = [data]
        else:
            try:
                batches = [tuple(b) for b in data]
            except TypeError:
                batches = []
        if not batches or not all(
            len(b) == 2 and all(isinstance(t, torch.Tensor) for t in b) for b in batches
        ):
            raise RecipeError(
                self.path.name,
                "eval_data() must return (inputs, targets) tensors or an iterable of such pairs",
            )
        return [(x, y) for x, y in batches]

    @property
    def loss_fn(self) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
        return self.module.loss_fn

    @property
    def accuracy(self) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor] | None:
        return getattr(self.module, "accuracy", None)

    def checkpoints(self) -> list[Path]:
        if not hasattr(self.module, "checkpoints"):
            return []
        paths = [Path(p) for p in self._call("checkpoints")]
        missing = [p for p in paths if not p.is_file()]
        if missing:
            raise RecipeError(
                self.path.name, Message("checkpoints(): no such file {missing}", missing=missing[0])
            )
        return paths


def _short(e: BaseException) -> str:
    return " ".join(str(e).split())[:300]


def load_model_file(
    path: str | Path,
    trust: bool = False,
    ask: Callable[[Path, str, bool], bool] | None = None,
) -> ModelFile:
    """Import the file once it is trusted (see explorer.trust); a RecipeError otherwise."""
    path = Path(path)
    digest = require_trust(path, trust, ask)
    name = f"loss_explorer_model_{digest[:16]}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise RecipeError(path.name, "is not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look modules up by name
    try:
        spec.loader.exec_module(module)
    except Exception as e:
        sys.modules.pop(name, None)
        raise RecipeError(
            path.name,
            Message("raised {name} on import: {value}", name=type(e).__name__, value=_short(e)),
        ) from e
    missing = [n for n in REQUIRED if not callable(getattr(module, n, None))]
    if missing:
        raise RecipeError(
            path.name,
            Message("must define {missing} (see the example)", missing=", ".join(missing)),
        )
    return ModelFile(path, digest, module)


def load_weights(path: Path) -> dict[str, torch.Tensor]:
    """A state_dict: safetensors, or torch.load with weights_only (no pickled code runs)."""
    try:
        if path.suffix == ".safetensors":
            from safetensors.torch import load_file

            return load_file(str(path))
        state = torch.load(path, map_location="cpu", weights_only=True)
    except ImportError:
        raise RecipeError(str(path), "reading .safetensors needs the safetensors package") from None
    except Exception as e:
        raise RecipeError(
            str(path), Message("cannot load weights: {value}", value=_short(e))
        ) from e
    if not isinstance(state, dict):
        raise RecipeError(str(path), "is not a state_dict")
    return state
