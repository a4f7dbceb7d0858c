"""The catalog: what the explorer knows about each loss (table), what an entry is made of
(specs), the pieces entries share (parts), each loss's formula and guide."""

from collections.abc import Callable

from explorer.catalog.specs import GROUPS as GROUPS
from explorer.catalog.specs import Arg as Arg
from explorer.catalog.specs import Domain as Domain
from explorer.catalog.specs import LossSpec as LossSpec
from explorer.catalog.specs import Param as Param
from explorer.catalog.specs import ParamKind as ParamKind
from explorer.catalog.table import CATALOG as CATALOG

# the distances live with the losses; named here too, where callers have always found them
from explorer.losses.distances import DISTANCES as DISTANCES
from explorer.losses.distances import register_distance as register_distance

DEFAULT_LOSS = "HuberLoss"  # what the window shows first


def spec(name: str) -> LossSpec:
    return CATALOG[name]


def loss_names() -> list[str]:
    """The 21 loss names, in the browser's groups."""
    return [n for g in GROUPS for n, s in CATALOG.items() if s.group == g]


# Who may add an entry on demand (explorer.custom: a recipe naming your trusted loss). The
# catalog asks them instead of importing them, so recipes never import the code that runs losses.
LOADERS: list[Callable[[str], None]] = []


def register_loader(loader: Callable[[str], None]) -> None:
    if loader not in LOADERS:
        LOADERS.append(loader)


def find(name: str) -> LossSpec | None:
    """The entry called name, after asking the loaders; None when no one knows it.

    A loader may raise (a RecipeError saying why your loss cannot load): that reaches the caller."""
    if name not in CATALOG:
        for load in LOADERS:
            load(name)
            if name in CATALOG:
                break
    return CATALOG.get(name)
