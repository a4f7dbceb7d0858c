"""What one request computes, without Qt: the result, its overlay, the readout at the inputs and
the extras of its loss. The compute worker runs `compute` in its thread or in its compute process
(ui.compute.process); both keep their results in a `ResultCache`.

Text for the user leaves here untranslated: an error is its explorer.messages line (a `Message`,
which is a `str`), and the window's side says it in the interface's language.
"""

from __future__ import annotations

import dataclasses
import json
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from explorer.drawing.distributions import decompose, decompose_grid
from explorer.drawing.geometry import Overlay, overlay
from explorer.engine import Result, iter_evaluate
from explorer.losses.compose import twin_recipe, twin_text
from explorer.messages import Message
from explorer.recipes import RecipeError, compare_recipes, normalize_view, point_recipe
from ui.compute.memory import LARGE_BYTES, give_back, result_bytes

CACHE_BYTES = 64 * 1024**2  # older results kept for redraws; the newest is always kept
OVERLAY_VIEW = ("contours", "log", "arrows")  # the view options an overlay depends on
OVERLAYS_KEPT = 8
PROGRESS_EVERY_S = 0.1


@dataclass(frozen=True)
class Request:
    """What the worker computes. The recipe travels as JSON text, frozen: the worker never
    shares a mutable object with the GUI thread."""

    id: int
    recipe_json: str

    @staticmethod
    def make(id: int, recipe: dict[str, Any]) -> Request:
        return Request(id, json.dumps(recipe))


@dataclass
class Outcome:
    id: int
    result: Result | None = None
    overlay: Overlay | None = None
    compare: list[Result] = field(default_factory=list)
    error_field: str = ""
    error: str = ""  # a Message until the worker translates it
    seconds: float = 0.0
    cancelled: bool = False
    point: Result | None = None  # the loss and gradients at the recipe's own inputs
    twin: str = ""  # an activation-then-loss against its built-in twin (explorer.losses.compose)
    twin_refused: tuple[str, Message] | None = None  # (twin loss, why it cannot take the inputs)
    decomposition: Any = None  # CE = H + KL at the recipe's point (explorer.drawing.distributions)
    decomposition_grid: Any = None  # and at every grid point, for the hover readout
    evaluations: int = 0  # torch evaluations this request ran (cache misses)
    where: str = ""  # who computed it: "process" (the compute process) or "thread" (the worker)
    # where the worker's time went: part -> (wall s, this thread's CPU s); wall - CPU is time
    # spent waiting for a core or for the GIL (main.py bench-gui prints it)
    phases: dict[str, tuple[float, float]] = field(default_factory=dict)
    # when each step of the request happened, as time.perf_counter(): the compute process
    # shares the clock (a monotonic clock of the system), so the bench can follow an edit
    stamps: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def timing(self, part: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            yield
        finally:
            w0, c0 = self.phases.get(part, (0.0, 0.0))
            self.phases[part] = (
                w0 + time.perf_counter() - wall,
                c0 + time.thread_time() - cpu,
            )


class Superseded(Exception):
    """A newer request arrived while this one was computing (or it was cancelled)."""


class ResultCache:
    """The newest results by compute recipe (JSON without the view), bounded in bytes."""

    def __init__(self, max_bytes: int = CACHE_BYTES, max_items: int = 32) -> None:
        self.max_bytes, self.max_items = max_bytes, max_items
        self._items: OrderedDict[str, Result] = OrderedDict()
        # contours, arrows and the minimum of recent results, by compute recipe and the view
        # options they depend on: a colour map or a fixed colour range redraws without them
        self._overlays: OrderedDict[str, Overlay] = OrderedDict()
        self.overlays_made = 0  # for tests

    @staticmethod
    def key(recipe: dict[str, Any]) -> str:
        return json.dumps({k: v for k, v in recipe.items() if k != "view"}, sort_keys=True)

    def get(self, key: str) -> Result | None:
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        return None

    def put(self, key: str, result: Result) -> None:
        self._items[key] = result
        self._items.move_to_end(key)
        freed = 0
        while len(self._items) > 1 and (
            self.nbytes > self.max_bytes or len(self._items) > self.max_items
        ):
            freed += result_bytes(self._items.popitem(last=False)[1])
        if freed >= LARGE_BYTES:
            give_back()

    @property
    def nbytes(self) -> int:
        return sum(r.loss.nbytes + r.grad.nbytes for r in self._items.values())

    def clear(self) -> None:
        self._items.clear()
        self._overlays.clear()

    def overlay(self, result: Result, check: Callable[[], None]) -> Overlay:
        """The kept overlay of `result`'s compute recipe and view, or a new one; `check()` may
        stop making it by raising."""
        view = result.recipe["view"]
        key = self.key(result.recipe) + json.dumps([view[k] for k in OVERLAY_VIEW])
        if (hit := self._overlays.get(key)) is not None:
            self._overlays.move_to_end(key)
            return hit
        made = self._overlays[key] = overlay(result, check)
        self.overlays_made += 1
        while len(self._overlays) > OVERLAYS_KEPT:
            self._overlays.popitem(last=False)
        return made


def compute(
    request: Request,
    cache: ResultCache,
    check: Callable[[], None],
    progress: Callable[[float], None],
) -> Outcome:
    """Everything the window draws for `request`. `check()` raises Superseded to stop at the
    next chunk; `progress(fraction)` is called a few times a second on long evaluations.
    Errors come back in the outcome, never raised (Superseded excepted)."""
    t0 = time.perf_counter()
    out = Outcome(request.id, stamps={"computing": t0})

    def evaluate(recipe: dict[str, Any], checked: bool = False, point: bool = False) -> Result:
        key = ResultCache.key(recipe)
        if (hit := cache.get(key)) is not None:  # only the view changed: no torch
            view = normalize_view(recipe.get("view", {}))
            return dataclasses.replace(hit, recipe={**hit.recipe, "view": view})
        gen = iter_evaluate(recipe, checked=checked, with_point=point)
        last = time.perf_counter()
        while True:
            try:
                fraction = next(gen)
            except StopIteration as stop:
                result: Result = stop.value
                break
            check()
            now = time.perf_counter()
            if now - last > PROGRESS_EVERY_S:
                last = now
                progress(fraction)
        out.evaluations += 1
        cache.put(key, result)
        return result

    try:
        with out.timing("evaluate"):
            # with the loss at the inputs as one more point of the batch, where it can be
            out.result = evaluate(json.loads(request.recipe_json), point=True)
        with out.timing("overlay"):
            out.overlay = cache.overlay(out.result, check)  # (a Cancel lands in it too)
        try:
            with out.timing("point"):
                out.point = out.result.point or evaluate(
                    point_recipe(out.result.recipe),
                    checked=True,  # (probed when checked)
                )
        except Exception:  # the readout is extra: it must never cost the figure
            traceback.print_exc()
            out.point = None
        try:  # extras, like the point readout: they must never cost the figure
            with out.timing("distributions"):
                out.decomposition = decompose(out.result.recipe)
                out.decomposition_grid = decompose_grid(out.result)
        except Exception:
            traceback.print_exc()
        if (twin := twin_recipe(out.result.recipe)) is not None:
            try:
                other = evaluate(twin)
                out.twin = twin_text(out.result.recipe, out.result.surface, other.surface)
            except RecipeError as e:  # the twin cannot take these inputs: say why
                out.twin_refused = (twin["loss"], e.line)
        if out.result.y is None:
            with out.timing("compare"):
                out.compare = [evaluate(r) for r in compare_recipes(out.result.recipe)]
    except Superseded:
        raise
    except RecipeError as e:
        out.result, out.error_field, out.error = None, e.field, e.line
    except Exception as e:  # anything else: shown to the user, the app keeps working
        out.result, out.error_field = None, ""
        out.error = f"{type(e).__name__}: {e}"
        traceback.print_exc()
    out.stamps["computed"] = time.perf_counter()
    out.seconds = out.stamps["computed"] - t0
    return out
