"""The Model landscape tab's Curvature box: the Hessian spectrum of the open model file (top
eigenvalues, trace, density, sharpness) on the job lane, exactly as `main.py hessian` makes it,
drawn in the tab with its exports and "Add to report"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
)

from explorer.checks import RecipeError
from explorer.export import written
from explorer.landscape.hessian import MAX_TOP_K, HessianSpec, prepare, run, write
from explorer.trust import require_trust
from resources import models_folder
from ui.editors.fields import ERROR_STYLE
from ui.editors.trust_dialog import ask_trust
from ui.figures.export import export_dialog, figure_writer
from ui.figures.spectrum_view import SpectrumFigure, caption
from ui.i18n import message, translate


def beside(model: Path, suffix: str, last_dir: Path) -> Path:
    """Where what a model file makes goes: beside the file, but for the examples the app ships
    (its own folder may not be writable, and is no place for your results) the last folder."""
    folder = model.parent
    if folder.resolve() == models_folder().resolve():
        folder = Path(last_dir)
    return folder / (model.stem + suffix)


class CurvaturePanel(QGroupBox):
    """`model()` and `device()` say what the tab has chosen; `show(figure)` puts the spectrum
    in the tab's figure area; `host` is the window (its lane, status bar and report)."""

    def __init__(
        self,
        host: Any,
        model: Callable[[], Path | None],
        device: Callable[[], str],
        show: Callable[[SpectrumFigure], None],
    ) -> None:
        super().__init__(translate("curvature_panel", "Curvature"))
        self.host, self.model, self.device, self.show_figure = host, model, device, show
        self.figure = SpectrumFigure()
        self.data: dict[str, Any] | None = None
        self.out_path: Path | None = None
        self.top_k = QSpinBox()
        self.top_k.setRange(1, MAX_TOP_K)
        self.top_k.setValue(5)
        self.trace = QCheckBox(translate("curvature_panel", "trace (Hutchinson)"))
        self.density = QCheckBox(translate("curvature_panel", "eigenvalue density (SLQ)"))
        self.density.setChecked(True)
        self.rho = QDoubleSpinBox()
        self.rho.setRange(0.0, 1e3)
        self.rho.setDecimals(4)
        self.rho.setValue(0.05)
        self.rho.setToolTip(translate("curvature_panel", "0: no sharpness"))
        self.log = QCheckBox(translate("curvature_panel", "log density"))
        self.run_button = QPushButton(translate("curvature_panel", "Hessian spectrum"))
        self.export_buttons = {
            ext: QPushButton(
                translate("landscape_tab", "Export {format}…").format(format=ext[1:].upper())
            )
            for ext in (".png", ".svg", ".pdf")
        }
        self.report_button = QPushButton(translate("landscape_tab", "Add to report"))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.info = QLabel()
        self.info.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(translate("curvature_panel", "top eigenvalues"), self.top_k)
        form.addRow(self.trace)
        form.addRow(self.density)
        form.addRow(translate("curvature_panel", "sharpness radius"), self.rho)
        form.addRow(self.run_button)
        form.addRow(self.error)
        form.addRow(self.log)
        for b in (*self.export_buttons.values(), self.report_button):
            form.addRow(b)
            b.setEnabled(False)
        form.addRow(self.info)
        self.run_button.clicked.connect(self.start)
        self.log.toggled.connect(self.redraw)
        for ext, b in self.export_buttons.items():
            b.clicked.connect(lambda _=False, e=ext: self.export_dialog(e))
        self.report_button.clicked.connect(self.add_to_report)

    def spec(self) -> HessianSpec:
        path = self.model()
        if path is None:
            raise RecipeError("model", translate("landscape_tab", "open a model file first"))
        rho = self.rho.value()
        return HessianSpec(
            path,
            beside(path, "-hessian.json", self.host.last_dir),
            top_k=self.top_k.value(),
            trace=self.trace.isChecked(),
            density=self.density.isChecked(),
            sharpness=rho if rho > 0 else None,
            device=self.device(),
        )

    def start(self) -> bool:
        try:
            spec = self.spec()
            require_trust(spec.model, ask=lambda f, sha, ch: ask_trust(self, f, sha, ch))
        except RecipeError as e:
            self.error.setText(e.text(message))
            return False
        self.error.setText("")
        npz = spec.out.with_suffix(".npz")

        def job():
            report = yield from run(prepare(spec))  # the file's code runs on the lane
            write(report, spec.out, npz)
            return {k: v for k, v in report.items() if k not in ("eigenvectors", "names")}

        def done(report: dict[str, Any]) -> None:
            self.data, self.out_path = report, spec.out
            self.redraw()
            self.show_figure(self.figure)
            for b in (*self.export_buttons.values(), self.report_button):
                b.setEnabled(True)
            self.info.setText(caption(report))
            wrote = translate("files", "Wrote {files}").format(files=f"{spec.out}, {npz}")
            self.host.status.showMessage(wrote, 8000)

        label = translate("curvature_panel", "Hessian spectrum")
        return self.host.studies.start(label, job(), done)

    def redraw(self, *_: Any) -> None:
        if self.data is not None:
            self.figure.show_data(self.data, log=self.log.isChecked())

    def export(self, path: Path, width: int = 1200, height: int = 800) -> Path:
        if self.data is None:
            raise RecipeError("hessian", translate("landscape_tab", "nothing computed yet"))
        write_figure = figure_writer(path, "file")
        fig = SpectrumFigure()
        try:
            fig.resize(width, height)
            fig.show_data(self.data, log=self.log.isChecked())
            with written(path) as tmp:
                write_figure(fig, tmp, width, height)
        finally:
            fig.close()
            fig.deleteLater()
        return path

    def export_dialog(self, ext: str) -> None:
        if self.out_path is not None:
            default = self.out_path.with_suffix(ext)
            export_dialog(self, default, self.export, self.error, self.host.status)

    def add_to_report(self) -> None:
        if self.out_path is not None:
            self.host.report_panel.add({"hessian": str(self.out_path)})
            self.host.report_dock.show()
