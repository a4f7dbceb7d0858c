"""The catalog: what the explorer knows about each loss (table), what an entry is made of
(specs), the pieces entries share (parts), each loss's formula and guide."""

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


def spec(name: str) -> LossSpec:
    return CATALOG[name]


def loss_names() -> list[str]:
    """The 21 loss names, in the browser's groups."""
    return [n for g in GROUPS for n, s in CATALOG.items() if s.group == g]
