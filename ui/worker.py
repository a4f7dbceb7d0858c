"""The compute worker: evaluates frozen recipes in its own thread, newest request wins.

The GUI thread calls `submit(request)`; the worker keeps only the newest pending request, drops
a running one at its next chunk when a newer one arrives (or `cancel()` is called), and emits
`done(Outcome)` with the request id so the window can ignore stale results. Errors come back as
outcomes, never raised. Long requests report `progress(id, fraction)` a few times a second.

Results are kept per compute recipe (the recipe without its `view`), so a change of colour map,
contours or arrows redraws from the last result instead of running torch again.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
import traceback
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar

import torch
from PySide6.QtCore import QObject, QThread, Signal, Slot

from explorer.compose import twin_recipe, twin_text
from explorer.distributions import decompose, decompose_grid
from explorer.engine import Result, iter_evaluate
from explorer.geometry import Overlay, overlay
from explorer.recipes import RecipeError, compare_recipes, normalize_view, point_recipe
from ui.i18n import message, translate
from ui.memory import LARGE_BYTES, TRIM_AFTER_BYTES, give_back, result_bytes, trim

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
    error: str = ""
    seconds: float = 0.0
    cancelled: bool = False
    point: Result | None = None  # the loss and gradients at the recipe's own inputs
    twin: str = ""  # an activation-then-loss against its built-in twin (explorer.compose)
    decomposition: Any = None  # CE = H + KL at the recipe's point (explorer.distributions)
    decomposition_grid: Any = None  # and at every grid point, for the hover readout
    # where the worker's time went: part -> (wall s, this thread's CPU s); wall - CPU is time
    # spent waiting for a core or for the GIL (main.py bench-gui prints it)
    phases: dict[str, tuple[float, float]] = field(default_factory=dict)

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
    """A newer request arrived while this one was computing."""


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

    def overlay(self, result: Result) -> Overlay:
        view = result.recipe["view"]
        key = self.key(result.recipe) + json.dumps([view[k] for k in OVERLAY_VIEW])
        if (hit := self._overlays.get(key)) is not None:
            self._overlays.move_to_end(key)
            return hit
        made = self._overlays[key] = overlay(result)
        self.overlays_made += 1
        while len(self._overlays) > OVERLAYS_KEPT:
            self._overlays.popitem(last=False)
        return made


class ComputeWorker(QObject):
    done = Signal(object)  # Outcome
    progress = Signal(int, float)  # request id, fraction done
    _wake = Signal()
    # every worker made, for leak checks in tests
    instances: ClassVar[weakref.WeakSet[ComputeWorker]] = weakref.WeakSet()

    def __init__(self, threads: int = 0) -> None:
        super().__init__()
        ComputeWorker.instances.add(self)
        self._lock = threading.Lock()
        self._pending: Request | None = None
        self._threads = threads
        self._thread = QThread()
        self._thread.setObjectName("compute-worker")
        self.moveToThread(self._thread)
        self._wake.connect(self._run)
        self._thread.started.connect(self._setup)
        self._stopping = False
        self._cancel = False
        self.cache = ResultCache()
        self.evaluations = 0  # torch evaluations run (cache misses), for tests and the bench
        self._thread.start()

    # ---- GUI thread

    def submit(self, request: Request) -> None:
        with self._lock:
            self._pending = request
        self._wake.emit()

    def cancel(self) -> None:
        """Drop the running request at its next chunk, and any pending one."""
        with self._lock:
            self._cancel = True
            self._pending = None
        self._wake.emit()

    def stop(self, timeout_ms: int = 1000) -> bool:
        """Ask the thread to end and wait for it; a running request stops at its next chunk."""
        with self._lock:
            self._stopping = True
            self._pending = None
        self._thread.quit()
        return self._thread.wait(timeout_ms)

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    # ---- worker thread

    @Slot()
    def _setup(self) -> None:
        if self._threads:
            torch.set_num_threads(self._threads)  # per OS thread: set it here

    def _check(self) -> None:
        with self._lock:
            if self._pending is not None or self._stopping or self._cancel:
                raise Superseded

    @Slot()
    def _run(self) -> None:
        with self._lock:
            request, self._pending = self._pending, None
            self._cancel = False
        if request is None:  # coalesced into an earlier wake-up
            return
        t0 = time.perf_counter()
        out = Outcome(request.id)
        try:
            with out.timing("evaluate"):
                out.result = self._evaluate(json.loads(request.recipe_json), request.id)
            with out.timing("overlay"):
                out.overlay = self.cache.overlay(out.result)
            try:
                with out.timing("point"):
                    out.point = self._evaluate(point_recipe(out.result.recipe), request.id)
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
                    other = self._evaluate(twin, request.id)
                    out.twin = twin_text(out.result.recipe, out.result.surface, other.surface)
                except RecipeError as e:  # the twin cannot take these inputs: say why
                    out.twin = translate("worker", "{loss} not compared: {error}").format(
                        loss=twin["loss"], error=e.text(message)
                    )
            if out.result.y is None:
                with out.timing("compare"):
                    out.compare = [
                        self._evaluate(r, request.id) for r in compare_recipes(out.result.recipe)
                    ]
        except Superseded:
            with self._lock:
                cancelled, self._cancel = self._cancel, False
            if cancelled:
                self.done.emit(Outcome(request.id, cancelled=True))
            return
        except RecipeError as e:
            out.result, out.error_field, out.error = None, e.field, e.text(message)
        except Exception as e:  # anything else: shown to the user, the app keeps working
            out.result, out.error_field = None, ""
            out.error = f"{type(e).__name__}: {e}"
            traceback.print_exc()
        out.seconds = time.perf_counter() - t0
        self.done.emit(out)
        if result_bytes(out.result) >= TRIM_AFTER_BYTES:
            trim()  # the evaluation's and the overlay's temporaries are free now

    def _evaluate(self, recipe: dict[str, Any], request_id: int) -> Result:
        key = ResultCache.key(recipe)
        if (hit := self.cache.get(key)) is not None:  # only the view changed: no torch
            view = normalize_view(recipe.get("view", {}))
            return dataclasses.replace(hit, recipe={**hit.recipe, "view": view})
        gen = iter_evaluate(recipe)
        last = time.perf_counter()
        while True:
            try:
                fraction = next(gen)
            except StopIteration as stop:
                result: Result = stop.value
                break
            self._check()
            now = time.perf_counter()
            if now - last > PROGRESS_EVERY_S:
                last = now
                self.progress.emit(request_id, fraction)
        self.evaluations += 1
        self.cache.put(key, result)
        return result
