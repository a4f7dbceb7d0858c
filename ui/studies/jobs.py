"""The job lane: one long piece of work at a time (a recording, optimizer paths, a report's
evaluations) in a thread, with progress and cancel.

A job is a generator that yields the fraction done and returns its result, such as
`explorer.studies.recording.iter_record`. It runs in superqt's GeneratorWorker, which stops it at
its next yield when cancelled; errors come back as a message on the field they name, never
raised on the GUI thread. Work that must paint (Qt widgets live on the GUI thread) runs as
`steps`: a generator advanced one step per event-loop turn, so the window stays responsive.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from superqt.utils import GeneratorWorker

from explorer.checks import RecipeError
from ui.i18n import message


@dataclass(frozen=True)
class Failure:
    field: str
    message: str


def _guarded(gen: Generator[float, None, Any]) -> Generator[float, None, Any]:
    """The job's generator, its exceptions turned into a Failure (GeneratorWorker would treat a
    RuntimeError as a deleted worker and drop it)."""
    try:
        return (yield from gen)
    except RecipeError as e:
        return Failure(e.field, e.text(message))
    except Exception as e:  # a bug of ours or torch's: said in one line, the job ends
        traceback.print_exc()
        return Failure("", f"{type(e).__name__}: {' '.join(str(e).split())[:300]}")


class JobLane(QObject):
    progress = Signal(str, float)  # the job's label, fraction done
    finished = Signal(str, object)  # label, the job's result
    failed = Signal(str, str, str)  # label, field, message
    cancelled = Signal(str)  # label

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = ""
        self._worker: GeneratorWorker | None = None
        self._steps: Iterator[float] | None = None
        self._on_steps_done: Callable[[], None] | None = None
        self._on_done: Callable[[Any], None] | None = None
        # the job's own generator: closed when the job is cancelled, so that its suspended
        # frame lets go of what it holds (tensors, a recording's frames)
        self._job: Generator[float, None, Any] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    @property
    def busy(self) -> bool:
        return self._worker is not None or self._steps is not None

    def start(
        self,
        label: str,
        job: Generator[float, None, Any],
        done: Callable[[Any], None] | None = None,
    ) -> bool:
        """Run `job` in a thread; `done(result)` runs on this thread when it returns (not when
        it fails or is cancelled). False, and the job is not run, if another one is running."""
        if self.busy:
            job.close()
            return False
        self.label, self._on_done, self._job = label, done, job
        worker = GeneratorWorker(_guarded, job)
        worker.yielded.connect(lambda f: self.progress.emit(label, float(f)))
        worker.returned.connect(lambda result: self._returned(worker, result))
        worker.aborted.connect(lambda: self._ended(worker, cancelled=True))
        self._worker = worker
        worker.start()
        return True

    def steps(
        self, label: str, gen: Iterator[float], done: Callable[[], None] | None = None
    ) -> bool:
        """Advance `gen` (yielding the fraction done) once per event-loop turn, on this thread;
        `done` runs when it is exhausted (not when cancelled)."""
        if self.busy:
            return False
        self.label, self._steps, self._on_steps_done = label, gen, done
        self._timer.start()
        return True

    def cancel(self) -> None:
        """Stop the job at its next yield; its result is dropped."""
        if self._worker is not None:
            self._worker.quit()
        if self._steps is not None:
            self._timer.stop()
            close = getattr(self._steps, "close", None)
            if close is not None:
                close()
            self._steps = self._on_steps_done = None
            self.cancelled.emit(self.label)

    def wait(self, msecs: int = 2000) -> bool:
        """Cancel and wait for the thread to end (the window is closing)."""
        self.cancel()
        return QThreadPool.globalInstance().waitForDone(msecs)

    def _step(self) -> None:
        assert self._steps is not None
        try:
            fraction = next(self._steps)
        except StopIteration:
            self._timer.stop()
            self._steps, done, self._on_steps_done = None, self._on_steps_done, None
            if done is not None:
                done()
            return
        except Exception as e:
            self._timer.stop()
            self._steps = self._on_steps_done = None
            self.failed.emit(self.label, "", f"{type(e).__name__}: {e}")
            return
        self.progress.emit(self.label, float(fraction))

    def _returned(self, worker: GeneratorWorker, result: Any) -> None:
        if worker is not self._worker:
            return
        self._worker = self._job = None
        done, self._on_done = self._on_done, None
        if isinstance(result, Failure):
            self.failed.emit(self.label, result.field, result.message)
            return
        if done is not None:
            done(result)
        self.finished.emit(self.label, result)

    def _ended(self, worker: GeneratorWorker, cancelled: bool) -> None:
        if worker is self._worker:
            job, self._worker, self._job, self._on_done = self._job, None, None, None
            if job is not None:  # its frame, and what it holds, go now (ValueError: it still
                with contextlib.suppress(ValueError):  # runs in the worker's thread, ends there)
                    job.close()
            if cancelled:
                self.cancelled.emit(self.label)
