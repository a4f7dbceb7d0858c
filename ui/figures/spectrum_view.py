"""A model's Hessian spectrum drawn from `main.py hessian`'s JSON: the top eigenvalues as bars,
the eigenvalue density as a curve (log-y on request) with the top eigenvalues marked on it, and a
caption with the trace and sharpness. Shared by `hessian --png`, the window and reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg

from explorer.checks import RecipeError
from explorer.export import written
from explorer.messages import Message
from ui.figures.export import figure_writer
from ui.figures.figure import set_label, set_title
from ui.i18n import translate

BAR = "#1f77b4"
MARK = "#d62728"


def read_report(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("eigenvalues"), list):
            raise ValueError("no eigenvalues")
        return data
    except (OSError, ValueError) as e:
        raise RecipeError(
            str(path), Message("is not a hessian report: {e}", e=str(e)[:200])
        ) from None


def caption(data: dict[str, Any]) -> str:
    s = data["settings"]
    text = translate(
        "spectrum_view",
        "Hessian of the mean loss of {file} (sha256 {sha}) at {centre}, over {samples} samples "
        "and {parameters} parameters; {dtype}; {hvps} Hessian-vector products in {seconds} s.",
    ).format(
        file=data["model_file"],
        sha=data["model_sha256"][:12],
        centre=data["centre"],
        samples=data["samples"],
        parameters=f"{data['parameters']:,}",
        dtype=s["dtype"],
        hvps=data["hvps"],
        seconds=f"{data['seconds']:.2f}",
    )
    if tr := data.get("trace"):
        text += " " + translate(
            "spectrum_view", "Trace {estimate} +- {stderr} (Hutchinson, {samples} samples)."
        ).format(
            estimate=f"{tr['estimate']:.6g}", stderr=f"{tr['stderr']:.2g}", samples=tr["samples"]
        )
    if sh := data.get("sharpness"):
        text += " " + translate(
            "spectrum_view",
            "Sharpness at rho {rho}: worst rise {worst} (SAM's step {sam}), average {average} "
            "+- {stderr} over {samples} directions.",
        ).format(
            rho=f"{sh['rho']:g}",
            worst=f"{sh['worst']:.6g}",
            sam=f"{sh['sam']:.6g}",
            average=f"{sh['average']:.6g}",
            stderr=f"{sh['stderr']:.2g}",
            samples=sh["samples"],
        )
    return text


class SpectrumFigure(pg.GraphicsLayoutWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setBackground("w")
        # the plots in a row of their own: a caption spanning two columns of one grid made Qt
        # give each column the caption's whole width, pushing the density off the figure
        plots = self.addLayout(row=0, col=0)
        self.bars_plot: pg.PlotItem = plots.addPlot(row=0, col=0)
        self.density_plot: pg.PlotItem = plots.addPlot(row=0, col=1)
        for p in (self.bars_plot, self.density_plot):
            p.setMenuEnabled(False)
            p.showGrid(x=False, y=True, alpha=0.3)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=BAR, pen=None)
        self.bars_plot.addItem(self.bars)
        self.curve = pg.PlotDataItem(pen=pg.mkPen(BAR, width=2))
        self.marks = pg.PlotDataItem(pen=pg.mkPen(MARK, width=1.5), connect="pairs")
        self.density_plot.addItem(self.curve)
        self.density_plot.addItem(self.marks)
        self.note = pg.LabelItem(justify="left")
        self.addItem(self.note, row=1, col=0)
        for col in (0, 1):  # the two plots share the width
            plots.layout.setColumnStretchFactor(col, 1)
        self.data: dict[str, Any] | None = None

    def show_data(self, data: dict[str, Any], log: bool = False) -> None:
        self.data = data
        eig = np.asarray(data["eigenvalues"], dtype=float)
        self.bars.setOpts(x=np.arange(1, len(eig) + 1), height=eig)
        self.bars_plot.getAxis("bottom").setTicks([[(k, str(k)) for k in range(1, len(eig) + 1)]])
        set_title(
            self.bars_plot,
            translate("spectrum_view", "top {k} eigenvalues").format(k=len(eig)),
        )
        set_label(self.bars_plot.getAxis("bottom"), translate("spectrum_view", "rank"))
        set_label(self.bars_plot.getAxis("left"), translate("spectrum_view", "eigenvalue"))
        d = data.get("density")
        self.density_plot.setVisible(d is not None)
        if d is not None:
            x, y = np.asarray(d["x"]), np.asarray(d["y"])
            floor = max(float(y.max()) * 1e-8, 1e-300)
            shown = np.log10(np.maximum(y, floor)) if log else y
            self.curve.setData(x, shown)
            lo, hi = float(shown.min()), float(shown.max())
            self.marks.setData(np.repeat(eig, 2), np.tile([lo, hi], len(eig)))
            set_title(self.density_plot, translate("spectrum_view", "eigenvalue density (SLQ)"))
            set_label(self.density_plot.getAxis("bottom"), translate("spectrum_view", "eigenvalue"))
            set_label(
                self.density_plot.getAxis("left"),
                translate("spectrum_view", "log10 density") if log
                else translate("spectrum_view", "density"),
            )  # fmt: skip
        self.note.setText("<span style='color:#222'>" + caption(data) + "</span>", size="9pt")
        self.note.item.setTextWidth(max(self.width() - 40, 300))

    def resizeEvent(self, ev) -> None:
        if getattr(self, "note", None) is not None:  # (Qt resizes during __init__)
            self._wrap_note(ev.size().width())  # before the layout takes the new size
        super().resizeEvent(ev)

    def _wrap_note(self, width: int | None = None) -> None:
        """The caption wrapped to the figure's width (LabelItem asks for its text's width as
        its minimum: wider than the figure, it pushed the density plot off it)."""
        self.note.item.setTextWidth(max((width or self.width()) - 40, 200))
        self.note.setMinimumWidth(0)
        self.note.setMinimumHeight(self.note.item.boundingRect().height())


def write_spectrum_figure(
    report: Path, out: Path, width: int, height: int, log: bool = False
) -> None:
    """`hessian --png FILE` (.png, .svg or .pdf)."""
    write = figure_writer(out, "--png")
    fig = SpectrumFigure()
    try:
        fig.resize(width, height)
        fig.show_data(read_report(report), log=log)
        with written(out) as tmp:
            write(fig, tmp, width, height)
    finally:
        fig.close()
        fig.deleteLater()
