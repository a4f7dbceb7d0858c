"""Files the app ships: example recipes (from the tutorials), installed with the package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def example_recipes() -> list[Path]:
    """The example recipes, sorted by name; found in the installed package, not the checkout."""
    folder = resources.files(__name__) / "recipes"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".json"))
