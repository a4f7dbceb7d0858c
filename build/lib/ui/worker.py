"""The compute worker: evaluates frozen recipes in its own thread, newest request wins.

The GUI thread calls `submit(request)`; the worker keeps only the newest pending request, drops
a running one at its next chunk when a newer one arrives, and emits `done(Outcome)` with the
request id so the window can ignore stale results. Errors come back as outcomes, never raised.
"""

from __future__ import annotations

import json
import threading
import time
import traceback
import weakref
from dataclasses import dataclass, field
from typing import Any, ClassVar

import torch
from PySide6.QtCore import QObject, QThread, Signal, Slot

from explorer.engine import Result, evaluate
from explorer.geometry import Overlay, overlay
from explorer.recipes import RecipeError, compare_recipes


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


class Superseded(Exception):
    """A newer request arrived while this one was computing."""


class ComputeWorker(QObject):
    done = Signal(object)  # Outcome
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
        self._thread.start()

    # ---- GUI thread

    def submit(self, request: Request) -> None:
        with self._lock:
            self._pending = request
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
            if self._pending is not None or self._stopping:
                raise Superseded

    @Slot()
    def _run(self) -> None:
        with self._lock:
            request, self._pending = self._pending, None
        if request is None:  # coalesced into an earlier wake-up
            return
        t0 = time.perf_counter()
        out = Outcome(request.id)
        try:
            out.result = self._evaluate(json.loads(request.recipe_json))
            out.overlay = overlay(out.result)
            if out.result.y is None:
                out.compare = [self._evaluate(r) for r in compare_recipes(out.result.recipe)]
        except Superseded:
            return
        except RecipeError as e:
            out.result, out.error_field, out.error = None, e.field, str(e)
        except Exception as e:  # anything else: shown to the user, the app keeps working
            out.result, out.error_field = None, ""
            out.error = f"{type(e).__name__}: {e}"
            traceback.print_exc()
        out.seconds = time.perf_counter() - t0
        self.done.emit(out)

    def _evaluate(self, recipe: dict[str, Any]) -> Result:
        return evaluate(recipe, between_chunks=self._check)
