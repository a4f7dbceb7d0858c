"""The compute worker: evaluates frozen recipes off the GUI thread, newest request wins.

The GUI thread calls `submit(request)`; the worker keeps only the newest pending request, drops
a running one at its next chunk when a newer one arrives (or `cancel()` is called), and emits
`done(Outcome)` with the request id so the window can ignore stale results. Errors come back as
outcomes, never raised. Long requests report `progress(id, fraction)` a few times a second.

The work itself is `ui.compute.frame.compute`. In "process" mode (the app's) the worker's
thread hands it to the compute process (ui.compute.process), so that torch, contourpy and
numpy do not take turns on the GIL with the GUI's painting; in "thread" mode, or until that
process is ready, or for your losses, it runs in the worker's thread.
`LOSS_EXPLORER_COMPUTE` chooses the mode.

Results are kept per compute recipe (the recipe without its `view`), so a change of colour map,
contours or arrows redraws from the last result instead of running torch again.
"""

from __future__ import annotations

import json
import os
import threading
import time
import weakref
from typing import ClassVar

import torch
from PySide6.QtCore import QObject, QThread, Signal, Slot

from explorer.catalog import CATALOG
from explorer.messages import say
from ui.compute import process as compute_process
from ui.compute.frame import Outcome, Request, ResultCache, Superseded, compute
from ui.compute.memory import TRIM_AFTER_BYTES, result_bytes, trim
from ui.compute.process import ComputeProcess, ProcessGone
from ui.i18n import message, translate

__all__ = ["ComputeWorker", "Outcome", "Request"]

MODES = ("process", "thread")


def default_mode() -> str:
    mode = os.environ.get("LOSS_EXPLORER_COMPUTE", "process")
    return mode if mode in MODES else "process"


def _in_child_catalog(recipe_json: str) -> bool:
    """Whether the compute process knows every loss the request names: the built-in ones.
    Your losses are registered in this process only (their code runs in their own)."""
    try:
        recipe = json.loads(recipe_json)
        names = [recipe.get("loss"), *recipe.get("view", {}).get("compare", [])]
    except (ValueError, AttributeError, TypeError):
        return True  # the child answers a broken recipe as the thread would
    for name in names:
        spec = CATALOG.get(name) if isinstance(name, str) else None
        if spec is not None and spec.family.remote is not None:
            return False
    return True


class ComputeWorker(QObject):
    done = Signal(object)  # Outcome
    progress = Signal(int, float)  # request id, fraction done
    _wake = Signal()
    # every worker made, for leak checks in tests
    instances: ClassVar[weakref.WeakSet[ComputeWorker]] = weakref.WeakSet()

    def __init__(self, threads: int = 0, mode: str | None = None) -> None:
        super().__init__()
        ComputeWorker.instances.add(self)
        self.mode = mode or default_mode()
        self._lock = threading.Lock()
        self._pending: Request | None = None
        self._threads = threads
        self._job = 0  # the compute process's job running now (0: none)
        self._thread = QThread()
        self._thread.setObjectName("compute-worker")
        self.moveToThread(self._thread)
        self._wake.connect(self._run)
        self._thread.started.connect(self._setup)
        self._stopping = False
        self._cancel = False
        self.cache = ResultCache()  # this thread's results (the process keeps its own)
        self.process: ComputeProcess | None = (
            compute_process.shared(threads or 1) if self.mode == "process" else None
        )
        self.evaluations = 0  # torch evaluations run (cache misses), for tests and the bench
        self.where: dict[str, int] = {"process": 0, "thread": 0}  # requests answered by each
        self._thread.start()

    # ---- GUI thread

    def submit(self, request: Request) -> None:
        with self._lock:
            self._pending = request
            self._stop_job()
        self._wake.emit()

    def cancel(self) -> None:
        """Drop the running request at its next chunk, and any pending one."""
        with self._lock:
            self._cancel = True
            self._pending = None
            self._stop_job()
        self._wake.emit()

    def stop(self, timeout_ms: int = 1000) -> bool:
        """Ask the thread to end and wait for it; a running request stops at its next chunk."""
        with self._lock:
            self._stopping = True
            self._pending = None
            self._stop_job()
        self._thread.quit()
        return self._thread.wait(timeout_ms)

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    def clear_cache(self) -> None:
        """Forget every kept result, here and in the compute process."""
        self.cache.clear()
        if self.process is not None:
            self.process.clear()

    def cache_bytes(self) -> int:
        return self.cache.nbytes + (self.process.cache_bytes if self.process else 0)

    def _stop_job(self) -> None:  # with the lock held
        if self._job and self.process is not None:
            self.process.cancel(self._job)

    # ---- worker thread

    @Slot()
    def _setup(self) -> None:
        if self._threads:
            torch.set_num_threads(self._threads)  # per OS thread: set it here

    def _check(self) -> None:
        with self._lock:
            if self._pending is not None or self._stopping or self._cancel:
                raise Superseded

    def _progress(self, request_id: int):
        return lambda fraction: self.progress.emit(request_id, fraction)

    @Slot()
    def _run(self) -> None:
        with self._lock:
            request, self._pending = self._pending, None
            self._cancel = False
        if request is None:  # coalesced into an earlier wake-up
            return
        taken = time.perf_counter()
        try:
            out = self._compute(request)
        except Superseded:
            with self._lock:
                cancelled, self._cancel = self._cancel, False
            if cancelled:
                self.done.emit(Outcome(request.id, cancelled=True))
            return
        out.stamps.update(taken=taken, returned=time.perf_counter())
        self.where[out.where] += 1
        self.evaluations += out.evaluations
        out.error = say(out.error, message)  # in the interface's language
        if out.twin_refused is not None:
            loss, why = out.twin_refused
            out.twin = translate("worker", "{loss} not compared: {error}").format(
                loss=loss, error=say(why, message)
            )
        self.done.emit(out)
        if result_bytes(out.result) >= TRIM_AFTER_BYTES:
            trim()  # the evaluation's and the overlay's temporaries are free now

    def _compute(self, request: Request) -> Outcome:
        proc = self.process
        if proc is not None and _in_child_catalog(request.recipe_json):
            proc.start()  # again, if it died (a few times at most)
            if proc.usable():
                with self._lock:  # (a newer request arriving from now on cancels this job)
                    if self._pending is not None or self._stopping or self._cancel:
                        raise Superseded
                    self._job = proc.next_job()
                try:
                    out = proc.run(self._job, request, self._progress(request.id))
                    out.where = "process"
                    return out
                except ProcessGone:
                    pass  # computed here instead, below
                finally:
                    with self._lock:
                        self._job = 0
        out = compute(request, self.cache, self._check, self._progress(request.id))
        out.where = "thread"
        return out
