"""Between the recipe model and the compute worker: requests, pacing, progress and cancel.

Edits made in one event-loop turn are coalesced into one request. A request younger than
SUPERSEDE_AFTER_S (or 3x the last one's time, so that a steady drag over a slow grid still shows
frames) is let finish, and the edits that waited are sent as soon as it is answered, to be
computed while its frame is drawn; an older one is superseded, and the worker drops it at its
next chunk. Only the newest request's outcome is passed on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ui.compute.worker import ComputeWorker, Outcome, Request

SUPERSEDE_AFTER_S = 0.15


class Scheduler(QObject):
    outcome = Signal(object)  # the newest request's Outcome: a result to draw, or an error
    progress = Signal(float)  # fraction done of the newest request, while it runs long
    ended = Signal()  # the newest request was answered or cancelled

    def __init__(
        self, worker: ComputeWorker, recipe: Callable[[], dict[str, Any]], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self._recipe = recipe
        self.latest = 0  # id of the newest request sent to the worker
        self.in_flight: tuple[int, float] | None = None  # (id, time sent)
        self.dirty = False  # edits not yet sent
        self.last_compute_s = 0.0  # how long the last request took, sent to answered
        self._cancelled = 0  # the last request cancelled: its outcome is dropped if it comes
        self._coalesce = QTimer(self)
        self._coalesce.setObjectName("loss-explorer-coalesce")
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(0)
        self._coalesce.timeout.connect(self._submit)
        worker.done.connect(self._on_done)
        worker.progress.connect(self._on_progress)

    def request(self) -> None:
        """Ask for the current recipe, coalescing the edits of one event-loop turn."""
        if not self._coalesce.isActive():
            self._coalesce.start()

    @property
    def idle(self) -> bool:
        """No edit waiting and no request in flight: what is shown is final."""
        return not self._coalesce.isActive() and not self.dirty and self.in_flight is None

    def cancel(self) -> None:
        """Stop the request in flight (at its next chunk) and forget the waiting edits."""
        self._coalesce.stop()
        self.dirty = False
        self.in_flight = None
        self._cancelled = self.latest  # (it may finish before the worker sees the cancel)
        self.worker.cancel()
        self.ended.emit()

    def stop(self) -> None:
        self._coalesce.stop()
        self.worker.stop(1000)

    def _submit(self) -> None:
        """Send the recipe now, unless a young request is in flight: then wait for it, so that
        a fast drag shows frames at the worker's pace instead of cancelling every one."""
        patience = max(SUPERSEDE_AFTER_S, 3 * self.last_compute_s)
        if self.in_flight and time.perf_counter() - self.in_flight[1] < patience:
            self.dirty = True
            return
        self.dirty = False
        self.latest += 1
        self.in_flight = (self.latest, time.perf_counter())
        self.worker.submit(Request.make(self.latest, self._recipe()))

    def _on_progress(self, request_id: int, fraction: float) -> None:
        if request_id == self.latest and self.in_flight is not None:
            self.progress.emit(fraction)

    def _on_done(self, out: Outcome) -> None:
        if self.in_flight and out.id == self.in_flight[0]:
            self.last_compute_s = time.perf_counter() - self.in_flight[1]
            self.in_flight = None
        if out.id != self.latest or out.cancelled or out.id == self._cancelled:
            return  # stale (a newer request was sent after this one) or cancelled
        self.ended.emit()
        if self.dirty and self.in_flight is None:
            self._submit()  # the edits that waited: computed while this frame is drawn
        self.outcome.emit(out)
