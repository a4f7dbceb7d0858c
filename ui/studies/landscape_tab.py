"""The Landscape tab: open a model file, choose the directions and the grid, and watch the
landscape arrive row by row (on the job lane), with the usual exports.

The trust question is asked here, on the GUI thread, before anything of the file runs; the
file is then imported and evaluated on the lane, exactly as `main.py landscape` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QWidget,
)

from explorer.checks import RecipeError
from explorer.engine import cuda_available
from explorer.export import written
from explorer.landscape import store
from explorer.landscape.command import prepare, run
from explorer.landscape.spec import DIRECTIONS, MAX_GRID, LandscapeSpec, parse_range
from explorer.trust import require_trust
from resources import models_folder
from ui.editors.fields import ERROR_STYLE
from ui.editors.trust_dialog import ask_trust
from ui.figures.export import export_dialog, figure_writer
from ui.figures.landscape_view import (
    QUANTITIES,
    LandscapeFigure,
    caption,
    quantities,
    quantity_label,
    quantity_of,
)
from ui.i18n import message, translate
from ui.studies.curvature_panel import CurvaturePanel, beside

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget, QStatusBar

    from ui.editors.custom_losses import Lane
    from ui.studies.report_panel import ReportPanel


class LandscapeHost(Protocol):
    """What the tab uses of the window (a QWidget: the dialogs' parent)."""

    studies: Lane
    last_dir: Path
    status: QStatusBar
    report_panel: ReportPanel
    report_dock: QDockWidget


class LandscapeTab(QWidget):
    def __init__(self, window: LandscapeHost) -> None:
        super().__init__()
        self.w = window
        self.model_path: Path | None = None
        self.data: dict[str, Any] | None = None  # what the figure shows, filled row by row
        self.out_path: Path | None = None
        self.figure = LandscapeFigure()
        self.open_button = QPushButton(translate("landscape_tab", "Open model file…"))
        self.example_button = QPushButton(translate("landscape_tab", "Open the example"))
        self.example = QComboBox()  # resources/models
        self.example.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.example.setMinimumContentsLength(14)  # (the long names must not widen the side)
        self.example.addItem(translate("landscape_tab", "MLP on digits"), "digits_mlp.py")
        self.example.addItem(
            translate("landscape_tab", "CNN with BatchNorm on digits"), "digits_cnn.py"
        )
        self.example.addItem(
            translate("landscape_tab", "tiny transformer language model (tied weights)"),
            "tiny_lm.py",
        )
        self.file_label = QLabel(translate("landscape_tab", "no model file"))
        self.file_label.setWordWrap(True)
        # a long path must not widen the settings: it wraps anywhere, and shows whole on hover
        self.file_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.grid = QSpinBox()
        self.grid.setRange(2, MAX_GRID)
        self.grid.setValue(31)
        self.lo, self.hi = QDoubleSpinBox(), QDoubleSpinBox()
        for s, v in ((self.lo, -1.0), (self.hi, 1.0)):
            s.setRange(-1e6, 1e6)
            s.setDecimals(4)
            s.setValue(v)
        self.dims = QComboBox()
        self.dims.addItems(["2", "1"])
        self.directions = QComboBox()
        self.directions.addItems(list(DIRECTIONS))
        self.directions.setToolTip(
            translate(
                "landscape_tab",
                "random: filter-normalized Gaussian directions; pca: the top principal "
                "directions of the checkpoints, with the training path; line: first to last "
                "checkpoint (1-D); hessian: the top eigenvectors of the Hessian at the centre",
            )
        )
        self.curvature = QCheckBox(translate("landscape_tab", "curvature: max and min eigenvalue"))
        self.curvature.setToolTip(
            translate(
                "landscape_tab", "the Hessian's largest and smallest eigenvalue at every point"
            )
        )
        self.bn_recompute = QCheckBox(translate("landscape_tab", "recompute BatchNorm statistics"))
        self.quantity = QComboBox()
        for q in QUANTITIES:
            self.quantity.addItem(quantity_label(q), q)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.keep_bias = QCheckBox(
            translate("landscape_tab", "move biases and normalization weights too")
        )
        self.device = QComboBox()
        self.device.addItems(["auto", "cpu"] + (["cuda"] if cuda_available() else []))
        self.dtype = QComboBox()
        self.dtype.addItems(["float32", "bfloat16"])
        self.dtype.setToolTip(translate("landscape_tab", "bfloat16: a faster, coarser preview"))
        self.out = QLineEdit()
        self.out.setPlaceholderText(
            translate("landscape_tab", "FILE.h5 (the same settings again resume it)")
        )
        self.log = QCheckBox(translate("landscape_tab", "log colour scale"))
        self.three_d = QCheckBox(translate("landscape_tab", "3-D surface"))
        self.view3d = None  # built on first use, where OpenGL works
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.run_button = QPushButton(translate("landscape_tab", "Run"))
        self.export_buttons = {
            ext: QPushButton(
                translate("landscape_tab", "Export {format}…").format(format=ext[1:].upper())
            )
            for ext in (".png", ".svg", ".pdf", ".npz")
        }
        self.report_button = QPushButton(translate("landscape_tab", "Add to report"))

        self.stack = QStackedWidget()
        self.curvature_panel = CurvaturePanel(
            window, lambda: self.model_path, self.device.currentText, self._show_spectrum
        )
        self.stack.addWidget(self.curvature_panel.figure)
        side = QWidget()
        form = QFormLayout(side)
        form.addRow(self.open_button)
        form.addRow(self.example, self.example_button)
        form.addRow(self.file_label)
        form.addRow(translate("landscape_tab", "grid points per side"), self.grid)
        form.addRow(translate("landscape_tab", "from"), self.lo)
        form.addRow(translate("landscape_tab", "to"), self.hi)
        form.addRow(translate("landscape_tab", "dimensions"), self.dims)
        form.addRow(translate("landscape_tab", "directions"), self.directions)
        form.addRow(translate("landscape_tab", "seed"), self.seed)
        form.addRow(self.keep_bias)
        form.addRow(self.curvature)
        form.addRow(self.bn_recompute)
        form.addRow(translate("landscape_tab", "device"), self.device)
        form.addRow(translate("landscape_tab", "dtype"), self.dtype)
        form.addRow(translate("landscape_tab", "file"), self.out)
        form.addRow(self.run_button)
        form.addRow(self.error)
        form.addRow(translate("landscape_tab", "show"), self.quantity)
        form.addRow(self.log)
        form.addRow(self.three_d)
        for b in self.export_buttons.values():
            form.addRow(b)
        form.addRow(self.report_button)
        form.addRow(self.info)
        form.addRow(self.curvature_panel)
        lay = QHBoxLayout(self)
        self.stack.addWidget(self.figure)
        self.stack.setCurrentWidget(self.figure)
        lay.addWidget(self.stack, 1)
        scroll = QScrollArea()  # the settings and the curvature box are taller than a laptop
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMaximumWidth(420)
        scroll.setMinimumWidth(360)
        lay.addWidget(scroll)

        self.open_button.clicked.connect(self.open_dialog)
        self.example_button.clicked.connect(
            lambda: self.set_model(models_folder() / self.example.currentData())
        )
        self.quantity.currentIndexChanged.connect(self._redraw)
        self.run_button.clicked.connect(self.start)
        self.log.toggled.connect(self._redraw)
        self.three_d.toggled.connect(self._toggle_3d)
        for ext, b in self.export_buttons.items():
            b.clicked.connect(lambda _=False, e=ext: self.export_dialog(e))
        self.report_button.clicked.connect(self.add_to_report)
        self._set_exportable(False)

    # ---- choosing

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("landscape_tab", "Open model file"),
            str(self.w.last_dir),
            translate("landscape_tab", "Python (*.py)"),
        )
        if path:
            self.set_model(Path(path))

    def set_model(self, path: Path) -> None:
        old = self.model_path
        self.model_path = path
        self.file_label.setText(str(path))
        self.file_label.setToolTip(str(path))
        made = str(beside(old, "-landscape.h5", self.w.last_dir)) if old else ""
        if self.out.text().strip() in ("", made):  # the name we made for the last model: anew
            self.out.setText(str(beside(path, "-landscape.h5", self.w.last_dir)))
        self.error.setText("")

    def spec(self) -> LandscapeSpec:
        """The fields as they are (typed text is never parsed as a command line)."""
        if self.model_path is None:
            raise RecipeError("model", translate("landscape_tab", "open a model file first"))
        out = self.out.text().strip() or str(self.model_path.with_suffix(".h5"))
        n = self.grid.value()
        x = parse_range(f"{self.lo.value()!r}:{self.hi.value()!r}", "--range")
        return LandscapeSpec(
            model=self.model_path,
            out=Path(out),
            grid=(n, n),
            range=x,
            yrange=x,
            dims=int(self.dims.currentText()),
            directions=self.directions.currentText(),
            seed=self.seed.value(),
            device=self.device.currentText(),
            dtype=self.dtype.currentText(),
            keep_bias=self.keep_bias.isChecked(),
            curvature=self.curvature.isChecked(),
            bn_recompute=self.bn_recompute.isChecked(),
        )

    # ---- running

    def start(self) -> bool:
        try:
            args = self.spec()
            if args.out.suffix != ".h5":
                raise RecipeError("file", translate("landscape_tab", "must end in .h5"))
            require_trust(args.model, ask=lambda f, sha, changed: ask_trust(self, f, sha, changed))
        except RecipeError as e:
            self.error.setText(e.text(message))
            return False
        self.error.setText("")
        self.out_path = args.out
        self.data = None
        tab = self

        def job():
            prepared = prepare(args)  # imports and builds on the lane: the file's code runs here
            tab._begin(prepared)
            return (yield from run(prepared, tab._row))

        return self.w.studies.start(translate("studies", "Landscape"), job(), self._finished)

    def _begin(self, prepared) -> None:
        """On the lane, before the first row: an empty picture of the right shape."""
        plan = prepared.plan
        data: dict[str, Any] = {
            "xcoordinates": plan.xs,
            "train_loss": np.full(plan.shape, np.nan),
            "rows_done": np.zeros(plan.rows, dtype=bool),
            "settings": prepared.settings,
            "explained_variance": plan.explained,
        }
        if plan.ys is not None:
            data["ycoordinates"] = plan.ys
        if plan.trajectory is not None:
            data["trajectory"] = plan.trajectory
        if plan.eigenvalues:
            data["hessian_eigenvalues"] = plan.eigenvalues
        if prepared.spec.curvature:
            data["max_eig"] = np.full(plan.shape, np.nan)
            data["min_eig"] = np.full(plan.shape, np.nan)
        if self.out_path is not None and self.out_path.exists():  # resuming: what is done
            try:
                old = store.read(self.out_path)
                if old["settings"] == prepared.settings:
                    data.update({k: v for k, v in old.items() if k in store.ROW_DATASETS})
                    data["rows_done"] = old["rows_done"]
            except RecipeError:
                pass
        self.data = data

    def _row(
        self, row: int, loss: np.ndarray, acc: np.ndarray | None, extra: dict | None = None
    ) -> None:
        """On the lane: each finished row into the picture's arrays (drawn on progress)."""
        if self.data is None:
            return
        for name, values in {"train_loss": loss, **(extra or {})}.items():
            if name not in self.data:
                continue
            if self.data[name].ndim == 2:
                self.data[name][row] = values
            else:
                self.data[name][:] = values
        self.data["rows_done"][row] = True

    def on_progress(self, label: str, _: float) -> None:
        if label == translate("studies", "Landscape"):
            self._redraw()

    def _finished(self, report: dict[str, Any]) -> None:
        assert self.out_path is not None
        self.data = store.read(self.out_path)
        self._redraw()
        self._set_exportable(True)
        text = translate("landscape_tab", "{rows} rows in {seconds} s ({ms} ms a point)").format(
            rows=report["rows"],
            seconds=f"{report['seconds']:.1f}",
            ms=f"{report['ms_per_point']:.2f}",
        )
        if report["resumed"]:
            done = translate("landscape_tab", "{rows} rows were already done")
            text += "; " + done.format(rows=report["resumed"])
        for n in report["notes"]:
            text += "\n" + translate("landscape_tab", "note: {note}").format(note=n)
        self.info.setText(text + "\n" + caption(self.data))
        wrote = translate("files", "Wrote {files}").format(files=self.out_path)
        self.w.status.showMessage(wrote, 8000)

    def _show_spectrum(self, figure: Any) -> None:
        self.stack.setCurrentWidget(figure)

    def _redraw(self, *_: Any) -> None:
        if self.data is None:
            return
        shown = quantities(self.data)
        for k in range(self.quantity.count()):  # the eigenvalue maps, where the file has them
            self.quantity.model().item(k).setEnabled(self.quantity.itemData(k) in shown)
        quantity = self.quantity.currentData()
        if quantity not in shown:
            quantity = "train_loss"
        self.figure.show_data(self.data, log=self.log.isChecked(), quantity=quantity)
        three_d = self.view3d is not None and self.three_d.isChecked()
        if self.stack.currentWidget() is self.curvature_panel.figure:
            self.stack.setCurrentWidget(self.view3d if three_d else self.figure)
        z = quantity_of(self.data, quantity)
        if three_d and z.ndim == 2:
            self.view3d.show_array(z, "viridis", self.data["settings"]["model_file"])

    def _toggle_3d(self, on: bool) -> None:
        from ui.figures.views import Surface3DView, opengl_problem

        if on and (problem := opengl_problem()):
            self.three_d.blockSignals(True)
            self.three_d.setChecked(False)
            self.three_d.blockSignals(False)
            self.three_d.setEnabled(False)
            self.three_d.setToolTip(problem)
            staying = translate("window", "{problem}; staying 2-D").format(problem=problem)
            self.w.status.showMessage(staying, 8000)
            return
        if on and self.view3d is None:
            self.view3d = Surface3DView()
            self.stack.addWidget(self.view3d)
            self.stack.setCurrentWidget(self.view3d)
        elif not on and self.view3d is not None:  # give the mesh and its GL buffers back
            self.stack.setCurrentWidget(self.figure)
            self.stack.removeWidget(self.view3d)
            self.view3d.deleteLater()
            self.view3d = None
        self._redraw()

    # ---- exports

    def _set_exportable(self, on: bool) -> None:
        for b in (*self.export_buttons.values(), self.report_button):
            b.setEnabled(on)

    def export(self, path: Path, width: int = 1200, height: int = 900) -> Path:
        if self.data is None:
            raise RecipeError("landscape", translate("landscape_tab", "nothing computed yet"))
        if path.suffix.lower() == ".npz":
            with written(path) as tmp:
                store.write_npz(tmp, self.data)
            return path
        write = figure_writer(path, "file", also=(".npz",))
        fig = LandscapeFigure()
        try:
            fig.show_data(self.data, log=self.log.isChecked())
            with written(path) as tmp:
                write(fig, tmp, width, height)
        finally:
            fig.close()
            fig.deleteLater()
        return path

    def export_dialog(self, ext: str) -> None:
        if self.out_path is not None:
            default = self.out_path.with_suffix(ext)
            export_dialog(self, default, self.export, self.error, self.w.status)

    def add_to_report(self) -> None:
        if self.out_path is not None:
            self.w.report_panel.add({"landscape": str(self.out_path)})
            self.w.report_dock.show()
