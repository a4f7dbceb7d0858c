"""The Optimizer panel: which torch.optim optimizers to run on the figure, from where, for how
many steps; then play, pause and step through their paths."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QWidget,
)

from explorer.checks import RecipeError
from explorer.studies.paths import MAX_STEPS, OPTIMIZERS, PathsSpec, parse_start
from ui.editors.fields import ERROR_STYLE
from ui.i18n import message, translate

DEFAULT_OPTIMIZERS = "sgd:lr=0.1\nsgd:lr=0.1,momentum=0.9\nadam:lr=0.1"
PLAY_INTERVAL_MS = 40


class PathsPanel(QGroupBox):
    run_requested = Signal(object)  # a PathsSpec, checked
    step_changed = Signal(int)  # the step shown
    cleared = Signal()

    def __init__(self) -> None:
        super().__init__(translate("studies", "Optimizer paths"))
        form = QFormLayout(self)
        self.optimizers = QPlainTextEdit(DEFAULT_OPTIMIZERS)
        self.optimizers.setToolTip(
            translate(
                "paths_panel",
                "One per line, NAME:key=value,...; a tuple is betas=0.9/0.99. Optimizers: {names}",
            ).format(names=", ".join(OPTIMIZERS))
        )
        self.optimizers.setFixedHeight(72)
        self.start = QLineEdit()
        self.start.setPlaceholderText(
            translate("paths_panel", "the inputs' point; or click the figure")
        )
        self.steps = QSpinBox()
        self.steps.setRange(1, MAX_STEPS)
        self.steps.setValue(100)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.run_button = QPushButton(translate("paths_panel", "Run"))
        self.run_button.setToolTip(
            translate("paths_panel", "Run every optimizer from the start on the swept slots")
        )
        self.play_button = QPushButton(translate("paths_panel", "Play"))
        self.step_button = QPushButton(translate("paths_panel", "Step"))
        self.clear_button = QPushButton(translate("paths_panel", "Clear"))
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for b in (self.run_button, self.play_button, self.step_button, self.clear_button):
            row.addWidget(b)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.step_label = QLabel(translate("paths_panel", "no paths yet"))
        self.step_label.setWordWrap(True)
        form.addRow(translate("paths_panel", "optimizers"), self.optimizers)
        form.addRow(translate("paths_panel", "start"), self.start)
        form.addRow(translate("paths_panel", "steps"), self.steps)
        form.addRow(self.error)
        form.addRow(buttons)
        form.addRow(translate("paths_panel", "step"), self.slider)
        form.addRow(self.step_label)
        self._timer = QTimer(self)
        self._timer.setInterval(PLAY_INTERVAL_MS)
        self._timer.timeout.connect(self._advance)
        self.run_button.clicked.connect(self.run)
        self.play_button.clicked.connect(self.toggle_play)
        self.step_button.clicked.connect(self._advance)
        self.clear_button.clicked.connect(self.clear)
        self.slider.valueChanged.connect(self._slid)
        self.stopped: list[str] = []
        self.labels: list[str] = []
        self._set_playable(False)

    def spec(self) -> PathsSpec:
        """The panel's settings, checked by torch.optim; RecipeError names the field."""
        lines = [t.strip() for t in self.optimizers.toPlainText().splitlines() if t.strip()]
        start = parse_start(self.start.text()) if self.start.text().strip() else None
        return PathsSpec.make(lines, start, self.steps.value(), "paths")

    def run(self) -> None:
        try:
            spec = self.spec()
        except RecipeError as e:
            self.show_error(e.text(message))
            return
        self.show_error("")
        self.run_requested.emit(spec)

    def place_start(self, coords: list[float]) -> None:
        """A click on the figure: start there and run."""
        self.start.setText(", ".join(f"{v:.6g}" for v in coords))
        self.run()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def show_paths(self, steps: int, labels: list[str], stopped: list[str]) -> None:
        """New paths arrived: show them whole; play starts from the beginning."""
        self.labels, self.stopped = labels, stopped
        self.slider.blockSignals(True)
        self.slider.setRange(0, steps)
        self.slider.setValue(steps)
        self.slider.blockSignals(False)
        self._set_playable(True)
        self._describe()

    def clear(self) -> None:
        self._timer.stop()
        self.play_button.setText(translate("paths_panel", "Play"))
        self.slider.setRange(0, 0)
        self.labels, self.stopped = [], []
        self.step_label.setText(translate("paths_panel", "no paths yet"))
        self._set_playable(False)
        self.cleared.emit()

    def toggle_play(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.play_button.setText(translate("paths_panel", "Play"))
            return
        if self.slider.value() >= self.slider.maximum():
            self.slider.setValue(0)
        self._timer.start()
        self.play_button.setText(translate("paths_panel", "Pause"))

    def _advance(self) -> None:
        if self.slider.value() >= self.slider.maximum():
            self._timer.stop()
            self.play_button.setText(translate("paths_panel", "Play"))
            return
        self.slider.setValue(self.slider.value() + 1)

    def _slid(self, value: int) -> None:
        self._describe()
        self.step_changed.emit(value)

    def _describe(self) -> None:
        pairs = zip(self.labels, self.stopped, strict=True)
        ended = [f"{label}: {why}" for label, why in pairs if why]
        text = translate("paths_panel", "step {step} of {steps}").format(
            step=self.slider.value(), steps=self.slider.maximum()
        )
        self.step_label.setText("; ".join([text, *ended]))

    def _set_playable(self, on: bool) -> None:
        for w in (self.play_button, self.step_button, self.clear_button, self.slider):
            w.setEnabled(on)
