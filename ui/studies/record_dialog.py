"""The Record dialog: what a recording varies (a slot over frames, or the Optimizer panel's
paths), and how it is written (GIF or MP4, size, frame rate)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from explorer.checks import RecipeError
from explorer.studies.paths import PathsSpec
from explorer.studies.recording import MAX_FRAMES, Vary, parse_vary
from ui.editors.fields import ERROR_STYLE
from ui.i18n import message, translate


def _spin(lo: float, hi: float, value: float, decimals: int = 6) -> QDoubleSpinBox:
    s = QDoubleSpinBox()
    s.setRange(lo, hi)
    s.setDecimals(decimals)
    s.setValue(value)
    return s


class RecordDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        slots: list[str],
        paths: PathsSpec | str | None,
        out: Path,
    ) -> None:
        """`slots`: what may be varied (params.NAME, inputs.NAME[i,j]); `paths`: the Optimizer
        panel's settings, or why they cannot be used."""
        super().__init__(parent)
        self.setWindowTitle(translate("record_dialog", "Record"))
        self.paths_spec = paths if isinstance(paths, PathsSpec) else None
        form = QFormLayout(self)
        self.vary_mode = QRadioButton(translate("record_dialog", "vary a slot over frames"))
        self.paths_mode = QRadioButton(
            translate("record_dialog", "optimizer paths (the Optimizer panel's settings)")
        )
        self.vary_mode.setChecked(True)
        self.paths_mode.setEnabled(self.paths_spec is not None)
        if isinstance(paths, str):
            self.paths_mode.setToolTip(paths)
        self.slot = QComboBox()
        self.slot.setEditable(True)
        self.slot.addItems(slots)
        self.start, self.stop = _spin(-1e12, 1e12, 0.1), _spin(-1e12, 1e12, 2.0)
        self.frames = QSpinBox()
        self.frames.setRange(2, MAX_FRAMES)
        self.frames.setValue(60)
        self.fps = _spin(0.1, 120.0, 10.0, 1)
        self.format = QComboBox()
        self.format.addItems(["GIF", "MP4"])
        self.width_px, self.height_px = QSpinBox(), QSpinBox()
        for s, v in ((self.width_px, 900), (self.height_px, 700)):
            s.setRange(16, 4096)
            s.setValue(v)
        self.fixed = QCheckBox(translate("record_dialog", "one colour range for all frames"))
        self.fixed.setChecked(True)
        self.path = QLineEdit(str(out))
        browse = QPushButton(translate("record_dialog", "Choose…"))
        browse.clicked.connect(self._browse)
        where = QWidget()
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form.addRow(self.vary_mode)
        form.addRow(translate("record_dialog", "slot"), self.slot)
        form.addRow(translate("record_dialog", "from"), self.start)
        form.addRow(translate("record_dialog", "to"), self.stop)
        form.addRow(translate("record_dialog", "frames"), self.frames)
        form.addRow(self.paths_mode)
        form.addRow(translate("record_dialog", "frames per second"), self.fps)
        form.addRow(translate("record_dialog", "format"), self.format)
        form.addRow(translate("record_dialog", "width (px)"), self.width_px)
        form.addRow(translate("record_dialog", "height (px)"), self.height_px)
        form.addRow(self.fixed)
        form.addRow(translate("record_dialog", "file"), where)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("record_dialog", "Record")
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.format.currentTextChanged.connect(self._format_changed)
        self.vary_mode.toggled.connect(self._mode_changed)
        self._mode_changed(True)

    def study(self) -> Vary | PathsSpec:
        """What to record; RecipeError when a field is wrong."""
        if self.paths_mode.isChecked():
            assert self.paths_spec is not None
            return self.paths_spec
        text = f"{self.slot.currentText().strip()}={self.start.value()!r}:{self.stop.value()!r}"
        return parse_vary(f"{text}:{self.frames.value()}")

    def out(self) -> Path:
        return Path(self.path.text()).with_suffix("." + self.format.currentText().lower())

    def _accept(self) -> None:
        try:
            self.study()
        except RecipeError as e:
            self.error.setText(
                e.text(message).replace("--vary", translate("record_dialog", "slot"), 1)
            )
            return
        if not self.path.text().strip():
            self.error.setText(
                translate("record_dialog", "file: choose where to write the recording")
            )
            return
        self.accept()

    def _browse(self) -> None:
        ext = self.format.currentText().lower()
        path, _ = QFileDialog.getSaveFileName(
            self, translate("record_dialog", "Record to"), self.path.text(), f"*.{ext}"
        )
        if path:
            self.path.setText(path)

    def _format_changed(self, text: str) -> None:
        if self.path.text().strip():
            self.path.setText(str(Path(self.path.text()).with_suffix("." + text.lower())))

    def _mode_changed(self, vary: bool) -> None:
        for w in (self.slot, self.start, self.stop, self.frames, self.fixed):
            w.setEnabled(vary)
