"""Files the app ships, installed with the package: example recipes (from the tutorials) and an
example model file for landscapes."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def example_recipes() -> list[Path]:
    """The example recipes, sorted by name; found in the installed package, not the checkout."""
    folder = resources.files(__name__) / "recipes"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".json"))


def models_folder() -> Path:
    """The example model files (`main.py landscape`), their data and checkpoints."""
    return Path(str(resources.files(__name__) / "models"))
