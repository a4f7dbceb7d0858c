"""Files the app ships, installed with the package: example recipes (from the tutorials) and an
example model file for landscapes."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def example_recipes() -> list[Path]:
    """The example recipes, sorted by name; found in the installed package, not the checkout."""
    folder = resources.files(__name__) / "recipes"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".json"))


def example_title(path: Path) -> str:
    """The menu's name of an example recipe: its file name in words."""
    return path.stem.replace("_", " ")


def translations_folder() -> Path:
    """The interface's translations: .ts sources and the compiled .qm the app loads."""
    return Path(str(resources.files(__name__) / "i18n"))


def models_folder() -> Path:
    """The example model files (`main.py landscape`), their data and checkpoints."""
    return Path(str(resources.files(__name__) / "models"))
