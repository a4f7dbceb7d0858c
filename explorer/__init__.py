"""Loss Explorer's Qt-free core: the loss catalog, recipes and exact batched evaluation."""

from explorer.catalog import CATALOG, register_distance
from explorer.catalog import loss_names as loss_names
from explorer.engine import Result, evaluate, iter_evaluate
from explorer.recipes import RecipeError, check, default_recipe, normalize

# the catalog's loader for your own losses: recipes that name them find them
import explorer.custom  # noqa: F401  isort: skip

__all__ = [
    "CATALOG",
    "RecipeError",
    "Result",
    "check",
    "default_recipe",
    "evaluate",
    "iter_evaluate",
    "loss_names",
    "normalize",
    "register_distance",
]
