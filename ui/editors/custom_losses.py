"""Your own losses in the window: File > Open your losses…, the trust question, the losses
listed in the browser, and a reload (asked again) whenever the file changes on disk."""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QFileSystemWatcher, QObject
from PySide6.QtWidgets import QFileDialog

from explorer.checks import RecipeError
from explorer.custom import load_file, split_key, stop_all, unload
from explorer.trust import require_trust
from ui.editors.trust_dialog import ask_trust
from ui.i18n import message, translate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QStatusBar

    from ui.compute.worker import ComputeWorker
    from ui.editors.model import RecipeModel
    from ui.editors.panels import LossBrowser

Done = Callable[[Any], None]


class Lane(Protocol):
    """Where a job runs (the window's studies): False, with a message, while another runs."""

    def start(self, label: str, job: Generator[float, None, Any], done: Done) -> bool: ...


class CustomHost(Protocol):
    """What your losses' loader uses of the window (a QWidget: the dialogs' parent)."""

    model: RecipeModel
    browser: LossBrowser
    worker: ComputeWorker
    studies: Lane
    last_dir: Path
    status: QStatusBar
    general_error: QLabel

    def recompute(self) -> None: ...


class CustomLosses(QObject):
    def __init__(self, window: CustomHost) -> None:
        super().__init__(window)
        self.w = window
        self.files: dict[Path, list[str]] = {}  # file -> its catalog keys
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.w,
            translate("custom_losses", "Open your losses"),
            str(self.w.last_dir),
            translate("custom_losses", "Python (*.py)"),
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path, changed: bool = False) -> bool:
        """Ask (on this thread) before anything runs; then start its worker on the lane."""
        path = path.resolve()
        try:
            require_trust(path, ask=lambda f, sha, ch: ask_trust(self.w, f, sha, ch or changed))
        except RecipeError as e:
            self._drop(path, e.text(message))
            return False

        def job() -> Generator[float, None, list[str]]:
            yield 0.0
            return load_file(path)  # spawns the worker, imports the file there

        return self.w.studies.start(
            translate("custom_losses", "Your losses"), job(), lambda keys: self._loaded(path, keys)
        )

    def _loaded(self, path: Path, keys: list[str]) -> None:
        gone = [k for k in self.files.get(path, []) if k not in keys]
        self.w.browser.remove(gone)
        self.files[path] = keys
        self.w.browser.add_custom(keys)
        if str(path) not in self.watcher.files():
            self.watcher.addPath(str(path))
        self.w.worker.clear_cache()  # results of the old code must not be drawn again
        self.w.last_dir = path.parent
        current = self.w.model.recipe["loss"]
        if current in keys:
            self.w.recompute()
        else:
            self.w.model.set_loss(keys[0])
        names = ", ".join(k.rpartition(":")[2] for k in keys)
        self.w.status.showMessage(f"{path.name}: {names}", 8000)

    def _changed(self, name: str) -> None:
        path = Path(name)
        if not path.exists():  # an editor that saves by replacing: watch the new file
            return
        if name not in self.watcher.files():
            self.watcher.addPath(name)
        self.load(path, changed=True)

    def _drop(self, path: Path, why: str) -> None:
        """A file not (or no longer) trusted: its losses leave the browser."""
        keys = self.files.pop(path, [])
        self.w.browser.remove(keys)
        unload(path)
        where = split_key(self.w.model.recipe["loss"])
        if where is not None and where[0] == path:
            self.w.model.set_loss("L1Loss")
        msg = translate("custom_losses", "Your losses not loaded: {why}").format(why=why)
        self.w.general_error.setText(msg)
        self.w.status.showMessage(msg, 10000)

    def shutdown(self) -> None:
        stop_all()
