"""The main window: composes the browser, the panels and the views, and routes the data flow.

widgets -> RecipeModel -> (frozen) Request -> ComputeWorker -> Outcome -> views.
Only the newest request's outcome is drawn; an error marks its field and keeps the last figure.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.messages import say, split_line
from resources import example_recipes, example_title
from ui.compute.memory import (
    LARGE_BYTES,
    TRIM_AFTER_BYTES,
    give_back,
    keep_freed_memory,
    result_bytes,
    trim,
)
from ui.compute.scheduler import Scheduler
from ui.compute.worker import ComputeWorker, Outcome
from ui.editors.custom_losses import CustomLosses
from ui.editors.model import RecipeModel
from ui.editors.panels import AxesPanel, InputsPanel, LossBrowser, ParamPanel, ViewPanel
from ui.figures.views import ViewStack
from ui.files import FileActions
from ui.i18n import LANGUAGES, chosen_language, message, translate
from ui.settings import restore_state, save_state
from ui.status import not_drawn, point_text, status_text
from ui.studies.jobs import JobLane
from ui.studies.landscape_tab import LandscapeTab
from ui.studies.paths_panel import PathsPanel
from ui.studies.report_panel import ReportPanel
from ui.studies.runs import Studies
from ui.tutorials.about_panel import AboutPanel
from ui.tutorials.distribution_panel import DistributionPanel

IDLE_TRIM_MS = 1000


class MainWindow(QMainWindow):
    drawn = Signal(int)  # request id of each outcome drawn (tests and the GUI bench wait on it)
    failed = Signal(int, str)  # request id, message

    def __init__(
        self, settings: QSettings | None = None, threads: int = 0, compute: str | None = None
    ) -> None:
        super().__init__()
        keep_freed_memory()  # (for the whole process: the drawing's temporaries are reused)
        self.setWindowTitle(translate("window", "Loss Explorer"))
        self.settings = settings or QSettings("LossExplorer", "LossExplorer")
        self.model = RecipeModel()
        # torch in the worker leaves one core to the GUI thread, which paints meanwhile
        # compute: "process" (the app's), "thread", or None for LOSS_EXPLORER_COMPUTE's choice
        self.worker = ComputeWorker(threads or max(1, (os.cpu_count() or 2) - 1), compute)
        self.scheduler = Scheduler(self.worker, lambda: self.model.recipe, self)
        self.shown: Outcome | None = None  # the outcome on screen
        self.last_dir = Path.cwd()
        # A second after the last frame (at once after a large one), give the heap's free pages
        # back (5-7 ms at 500 MB): what a session of edits freed goes back to the system.
        self._trim = QTimer(self, singleShot=True)
        self._trim.timeout.connect(trim)

        self.browser = LossBrowser()
        self.params = ParamPanel(self.model)
        self.inputs = InputsPanel(self.model)
        self.axes = AxesPanel(self.model)
        self.view_panel = ViewPanel(self.model)
        self.paths_panel = PathsPanel()
        self.views = ViewStack()
        self.jobs = JobLane(self)  # recordings, paths, reports: one at a time, cancellable
        self.report_panel = ReportPanel()
        self.report_dock = QDockWidget(translate("window", "Report"), self)
        self.report_dock.setObjectName("report-dock")
        self.report_dock.setWidget(self.report_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.report_dock)
        self.report_dock.hide()
        self.point_label = QLabel()  # the loss at the inputs as they stand (the unswept point)
        self.point_label.setWordWrap(True)
        self.point_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.general_error = QLabel()
        self.general_error.setStyleSheet("color: #c0392b;")
        self.general_error.setWordWrap(True)

        side = QWidget()
        side_lay = QVBoxLayout(side)
        self.compare_button = QPushButton(
            translate("window", "Compare L1 / MSE / Huber / SmoothL1")
        )
        self.compare_button.setToolTip(
            translate("window", "Overlay the regression losses on a 1-D curve")
        )
        self.three_d = QCheckBox(translate("window", "3-D surface"))
        self.distributions = DistributionPanel()  # CE, NLL, KLDiv: p, q and CE = H + KL
        for w in (
            self.point_label,
            self.distributions,
            self.general_error,
            self.params,
            self.inputs,
            self.axes,
            self.view_panel,
            self.compare_button,
            self.three_d,
            self.paths_panel,
        ):
            side_lay.addWidget(w)
        side_lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)  # never clip
        scroll.setMinimumWidth(360)

        self.about = AboutPanel()  # what the chosen loss is, under the list
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.browser)
        left.addWidget(self.about)
        left.setSizes([460, 300])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.views)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 760, 410])
        self.landscape_tab = LandscapeTab(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.splitter, translate("window", "Loss functions"))
        self.tabs.addTab(self.landscape_tab, translate("window", "Model landscape"))
        self.setCentralWidget(self.tabs)
        self.status = self.statusBar()
        self.status_label = QLabel()
        self.status.addPermanentWidget(self.status_label)
        # the job lane: progress and Cancel for whatever takes more than a moment
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(180)
        self.cancel_button = QPushButton(translate("window", "Cancel"))
        self.cancel_button.setToolTip(
            translate("window", "Stop this computation; the last figure stays")
        )
        for w in (self.progress, self.cancel_button):
            self.status.addPermanentWidget(w)
            w.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self.jobs.progress.connect(self._on_job_progress)
        self.jobs.finished.connect(lambda *_: self._hide_progress())
        self.jobs.cancelled.connect(self._job_cancelled)
        self.jobs.failed.connect(self._job_failed)
        self.studies = Studies(self)
        self.files = FileActions(self)
        self.custom = CustomLosses(self)
        self.jobs.progress.connect(self.landscape_tab.on_progress)

        self._make_actions()
        self.browser.chosen.connect(self.model.set_loss)
        self.model.reset.connect(self._rebuild)
        self.model.changed.connect(self.recompute)
        self.scheduler.outcome.connect(self._on_done)
        self.scheduler.progress.connect(self._on_progress)
        self.scheduler.ended.connect(self._hide_progress)
        self.compare_button.clicked.connect(self._compare_regression)
        self.views.surface.dragged = self._drag_vector
        self.views.surface.hovered = self.views.curve.hovered = self._hover_point
        self.three_d.toggled.connect(self._toggle_3d)

        restore_state(self)
        self._rebuild()
        self.recompute()

    # ---- menus and shortcuts

    def _make_actions(self) -> None:
        def act(menu, text: str, slot, shortcut: Any = None) -> QAction:
            a = QAction(text, self)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            menu.addAction(a)
            return a

        f = self.menuBar().addMenu(translate("window", "&File"))
        act(
            f,
            translate("window", "&Open recipe…"),
            self.files.open_dialog,
            QKeySequence.StandardKey.Open,
        )
        act(
            f,
            translate("window", "&Save recipe…"),
            self.files.save_recipe_dialog,
            QKeySequence.StandardKey.Save,
        )
        act(
            f,
            translate("window", "Open &your losses…"),
            self.custom.open_dialog,
            "Ctrl+Shift+O",
        )
        self.examples_menu = examples = f.addMenu(translate("window", "&Examples"))
        for path in example_recipes():  # from the tutorials
            act(
                examples,
                translate("examples", example_title(path)),
                lambda _=False, p=path: self.files.open_recipe(p),
            )
        f.addSeparator()
        act(
            f,
            translate("window", "Export &PNG…"),
            lambda: self.files.export_dialog("png"),
            "Ctrl+E",
        )
        act(
            f,
            translate("window", "Export S&VG…"),
            lambda: self.files.export_dialog("svg"),
            "Ctrl+Shift+E",
        )
        act(
            f,
            translate("window", "Export P&DF…"),
            lambda: self.files.export_dialog("pdf"),
            "Ctrl+Shift+P",
        )
        act(f, translate("window", "Export data (&CSV)…"), lambda: self.files.export_dialog("csv"))
        act(f, translate("window", "Export data (&NPZ)…"), lambda: self.files.export_dialog("npz"))
        act(
            f,
            translate("window", "Copy figure"),
            self.files.copy_figure,
            "Ctrl+Shift+C",
        )
        f.addSeparator()
        act(
            f,
            translate("window", "&Record…"),
            self.studies.record_dialog,
            "Ctrl+R",
        )
        act(
            f,
            translate("window", "&Add figure to report"),
            self.studies.add_figure,
            "Ctrl+Shift+R",
        )
        act(f, translate("window", "Add last recording to report"), self.studies.add_recording)
        act(f, translate("window", "Export report…"), lambda: self.studies.export_report())
        f.addSeparator()
        act(f, translate("window", "&Quit"), self.close, QKeySequence.StandardKey.Quit)
        v = self.menuBar().addMenu(translate("window", "&View"))
        act(
            v,
            translate("window", "&Reset view"),
            self.views.reset_view,
            "Ctrl+0",
        )
        act(
            v,
            translate("window", "&Next loss"),
            lambda: self._step_loss(1),
            "Ctrl+Down",
        )
        act(
            v,
            translate("window", "&Previous loss"),
            lambda: self._step_loss(-1),
            "Ctrl+Up",
        )
        act(
            v,
            translate("window", "Filter losses"),
            lambda: self.browser.filter.setFocus(),
            "Ctrl+F",
        )
        v.addAction(self.report_dock.toggleViewAction())
        act(v, translate("window", "Compare &precisions…"), self.studies.precision)
        self.language_menu = languages = v.addMenu(translate("window", "&Language"))
        group = QActionGroup(self)
        current = chosen_language(self.settings)
        for code, name in LANGUAGES.items():  # each language in its own words
            a = act(languages, name, lambda _=False, c=code: self._set_language(c))
            a.setCheckable(True)
            a.setChecked(code == current)
            group.addAction(a)

    def _set_language(self, code: str) -> None:
        self.settings.setValue("language", code)
        self.status.showMessage(
            translate("window", "The language changes when Loss Explorer starts again"), 8000
        )

    def _step_loss(self, delta: int) -> None:
        name = self.browser.step(delta)
        if name is None:
            self.status.showMessage(translate("window", "No loss matches the filter"), 4000)
            return
        self.model.set_loss(name)

    # ---- data flow

    def _rebuild(self) -> None:
        self.browser.select(self.model.recipe["loss"])
        self.about.show_loss(self.model.recipe["loss"])
        for p in (self.params, self.inputs, self.axes, self.view_panel):
            p.rebuild()

    def recompute(self) -> None:
        self.scheduler.request()

    # the scheduler's state, read by tests and the benches
    @property
    def idle(self) -> bool:
        return self.scheduler.idle

    @property
    def latest(self) -> int:
        return self.scheduler.latest

    @latest.setter
    def latest(self, value: int) -> None:
        self.scheduler.latest = value

    def _on_progress(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 1000))
        self.progress.show()
        self.cancel_button.show()

    def _hide_progress(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.progress.setFormat("%p%")

    def _on_job_progress(self, label: str, fraction: float) -> None:
        self.progress.setFormat(label + " %p%")
        self._on_progress(fraction)

    def _job_cancelled(self, label: str) -> None:
        self._hide_progress()
        self.status.showMessage(
            translate("window", "{label}: cancelled; nothing was written").format(label=label), 6000
        )

    def _job_failed(self, label: str, field: str, message: str) -> None:
        self._hide_progress()
        if label == translate("studies", "Optimizer paths"):
            self.paths_panel.show_error(message)
        else:
            self.general_error.setText(
                translate("window", "{label} failed: {message}").format(
                    label=label.split(":")[0], message=message
                )
            )
        self.status.showMessage(
            translate("window", "{label} failed: {message}").format(label=label, message=message),
            10000,
        )

    def cancel(self) -> None:
        """Stop the job or the computation in flight; the figure on screen stays."""
        if self.jobs.busy:
            self.jobs.cancel()
            return
        self.scheduler.cancel()
        self.status.showMessage(translate("window", "Cancelled; the last figure stays"), 6000)

    def _on_done(self, out: Outcome) -> None:
        """The newest request's outcome (the scheduler dropped stale and cancelled ones)."""
        for p in (self.params, self.inputs, self.axes, self.view_panel):
            p.clear_errors()
        self.general_error.setText("")
        if out.result is None:
            self._show_error(out.error_field, out.error)
            self.failed.emit(out.id, out.error)
            return
        self.views.show_outcome(out.result, out.overlay, out.compare)
        dropped = result_bytes(self.shown.result if self.shown else None)
        self.shown = out
        if dropped >= LARGE_BYTES and result_bytes(out.result) < dropped:
            QTimer.singleShot(0, give_back)  # after this frame: the old arrays are free now
        # the drawing's temporaries (colours, image) of a large result: worth a trim at once
        large = max(dropped, result_bytes(out.result)) >= TRIM_AFTER_BYTES
        self.point_label.setText("\n".join(filter(None, [point_text(out.point), out.twin])))
        self.distributions.show_decomposition(out.decomposition)
        self.studies.figure_changed()
        if self.status.currentMessage().startswith(not_drawn("")):
            self.status.clearMessage()  # the problem it named is gone
        r = out.result
        text = status_text(out)
        if r.warnings:
            text += "  |  " + "; ".join(say(w, message) for w in r.warnings)
        self.status_label.setText(text)
        for w in r.warnings:  # "field: message" for values torch computes but are unusual
            field, said = split_line(w, message)
            if field.split(".")[0].split("[")[0] in ("params", "inputs", "axes"):
                for p in (self.params, self.inputs, self.axes):
                    if p.show_error(field, said, warning=True):
                        break
        self._trim.start(0 if large else IDLE_TRIM_MS)
        self.drawn.emit(out.id)

    def _show_error(self, field: str, message: str) -> None:
        shown = (
            any(
                p.show_error(field, message)
                for p in (self.params, self.inputs, self.axes, self.view_panel)
            )
            if field
            else False
        )
        if not shown:
            self.general_error.setText(message)
        self.status.showMessage(not_drawn(message), 8000)

    def _hover_point(self, k: int) -> None:
        """The distributions at the grid point under the pointer (computed by the worker)."""
        grid = self.shown.decomposition_grid if self.shown is not None else None
        if grid is not None and 0 <= k < len(grid.entropy):
            self.distributions.show_decomposition(grid.at(k))

    def _drag_vector(
        self, arg: str, ix: tuple[int, ...], iy: tuple[int, ...], x: float, y: float
    ) -> None:
        """An embedding vector dragged on the figure: its two plotted coordinates move."""
        value = np.array(self.model.recipe["inputs"][arg], dtype=float)
        value[ix], value[iy] = round(x, 6), round(y, 6)
        self.model.set_input(arg, value.tolist())
        if (field := self.inputs.fields.get(f"inputs.{arg}")) is not None:
            field.set_value(value.tolist())

    def _compare_regression(self) -> None:
        self.view_panel.use_regression_set()
        if len(self.model.recipe["axes"]) > 1:
            self.model.set_axis(1, None)
            self.axes.rebuild()

    def _toggle_3d(self, on: bool) -> None:
        problem = self.views.enable_3d(on)
        if problem:
            self.three_d.blockSignals(True)
            self.three_d.setChecked(False)
            self.three_d.blockSignals(False)
            self.three_d.setEnabled(False)
            self.three_d.setToolTip(problem)
            self.status.showMessage(
                translate("window", "{problem}; staying 2-D").format(problem=problem), 8000
            )
            return
        self.recompute()

    def save_settings(self) -> None:
        save_state(self)

    def closeEvent(self, event) -> None:
        self.save_settings()
        self.landscape_tab.three_d.setChecked(False)  # GL widgets go before the window does
        self.jobs.wait(2000)
        self.scheduler.stop()
        self.custom.shutdown()
        if self.report_dock.isFloating():  # a dock floated off is a window of its own
            self.report_dock.close()
        super().closeEvent(event)
