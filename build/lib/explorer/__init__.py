"""Loss Explorer's Qt-free core: the loss catalog, recipes and exact batched evaluation."""

from explorer.catalog import CATALOG, register_distance
from explorer.catalog import loss_names as loss_names
from explorer.engine import Result, evaluate, iter_evaluate
from explorer.recipes import RecipeError, default_recipe, normalize

__all__ = [
    "CATALOG",
    "RecipeError",
    "Result",
    "default_recipe",
    "evaluate",
    "iter_evaluate",
    "loss_names",
    "normalize",
    "register_distance",
]
