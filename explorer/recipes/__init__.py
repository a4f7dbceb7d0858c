"""Recipes: default ones, and the single place where a recipe is checked and normalized (check).

The package's modules: schema (fields and limits), slots, values (domains), params, check,
view, axes, budget.
"""

from explorer.checks import RecipeError as RecipeError
from explorer.recipes.axes import axis_values as axis_values
from explorer.recipes.axes import place_axis as place_axis
from explorer.recipes.budget import CHUNK_BYTES as CHUNK_BYTES
from explorer.recipes.budget import MAX_CHUNK_BYTES as MAX_CHUNK_BYTES
from explorer.recipes.budget import MAX_INPUT_ELEMENTS as MAX_INPUT_ELEMENTS
from explorer.recipes.budget import MAX_RESULT_BYTES as MAX_RESULT_BYTES
from explorer.recipes.budget import MAX_WORK_ELEMENTS as MAX_WORK_ELEMENTS
from explorer.recipes.budget import MIN_CHUNK_POINTS as MIN_CHUNK_POINTS
from explorer.recipes.budget import chunk_points as chunk_points
from explorer.recipes.budget import output_size as output_size
from explorer.recipes.check import check as check
from explorer.recipes.check import compare_recipes as compare_recipes
from explorer.recipes.check import default_recipe as default_recipe
from explorer.recipes.check import normalize as normalize
from explorer.recipes.check import point_recipe as point_recipe
from explorer.recipes.params import PARAM_KINDS as PARAM_KINDS
from explorer.recipes.schema import COLORMAPS as COLORMAPS
from explorer.recipes.schema import DEFAULT_NUM as DEFAULT_NUM
from explorer.recipes.schema import DEVICES as DEVICES
from explorer.recipes.schema import DTYPES as DTYPES
from explorer.recipes.schema import FIELDS as FIELDS
from explorer.recipes.schema import MAX_AXIS_POINTS as MAX_AXIS_POINTS
from explorer.recipes.schema import VERSION as VERSION
from explorer.recipes.schema import VIEW_DEFAULTS as VIEW_DEFAULTS
from explorer.recipes.slots import Slot as Slot
from explorer.recipes.slots import parse_slot as parse_slot
from explorer.recipes.slots import sweepable as sweepable
from explorer.recipes.values import Warnings as Warnings
from explorer.recipes.view import normalize_view as normalize_view
