"""A model's loss landscape drawn: heatmap, contours and the training path for 2-D, a curve for
1-D; rows not yet computed stay grey. Shared by the window's Landscape tab, `landscape --png`
and reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg

from explorer.drawing.geometry import contour_levels, contour_lines, finite_range
from explorer.export import written
from explorer.landscape import store
from ui.figures.export import figure_writer
from ui.figures.figure import _cell_rect, colour_bar, set_label, set_title
from ui.i18n import translate


def caption(data: dict[str, Any]) -> str:
    s = data["settings"]
    how = {
        "random": translate("landscape_view", "random filter-normalized directions (seed {seed})"),
        "pca": translate("landscape_view", "the top PCA directions of the checkpoints"),
        "line": translate("landscape_view", "the line {centre}"),
        "hessian": translate(
            "landscape_view", "the top Hessian eigenvectors (unit norm; eigenvalues {eigs})"
        ),
    }[s["directions"]].format(
        seed=s["seed"],
        centre=s["centre"],
        eigs=", ".join(f"{v:.4g}" for v in data.get("hessian_eigenvalues", [])),
    )
    if s["keep_bias"]:
        bias = translate("landscape_view", "biases moved")
    else:
        bias = translate("landscape_view", "biases and normalization weights fixed")
    text = translate(
        "landscape_view",
        "{file} (sha256 {sha}), centred on {centre}; {directions}; {bias}; grid {grid}, {dtype}.",
    ).format(
        file=s["model_file"],
        sha=s["model_sha256"][:12],
        centre=s["centre"],
        directions=how,
        bias=bias,
        grid=" x ".join(map(str, s["grid"])),
        dtype=s["dtype"],
    )
    if data.get("explained_variance"):
        shares = ", ".join(f"{v:.1%}" for v in data["explained_variance"])
        text += " " + translate("landscape_view", "Variance explained: {shares}.").format(
            shares=shares
        )
    if "barrier_height" in data:
        text += " " + translate(
            "landscape_view",
            "Barrier height {barrier} (the highest loss between the checkpoints minus the mean "
            "of its ends, {start} and {end}).",
        ).format(
            barrier=f"{data['barrier_height']:.6g}",
            start=f"{data['loss_start']:.6g}",
            end=f"{data['loss_end']:.6g}",
        )
    if s.get("bn_recompute"):
        text += " " + translate("landscape_view", "BatchNorm statistics recomputed at each point.")
    if "max_eig" in data:
        text += " " + translate(
            "landscape_view", "Curvature: max_eig and min_eig of the Hessian at every point."
        )
    return text


QUANTITIES = ("train_loss", "max_eig", "min_eig", "ratio")


def quantities(data: dict[str, Any]) -> list[str]:
    """What this file can show: the loss, and with --curvature its eigenvalue maps."""
    return list(QUANTITIES) if "max_eig" in data else ["train_loss"]


def quantity_label(quantity: str) -> str:
    return {
        "train_loss": translate("figure", "loss"),
        "max_eig": translate("landscape_view", "largest Hessian eigenvalue"),
        "min_eig": translate("landscape_view", "smallest Hessian eigenvalue"),
        "ratio": translate("landscape_view", "|min_eig / max_eig|"),
    }[quantity]


def quantity_of(data: dict[str, Any], quantity: str) -> np.ndarray:
    if quantity == "ratio":  # as Li et al.'s plot_2D.py shows the two maps together
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.abs(np.asarray(data["min_eig"]) / np.asarray(data["max_eig"]))
    return np.asarray(data[quantity], dtype=np.float64)


class LandscapeFigure(pg.GraphicsLayoutWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plot: pg.PlotItem = self.addPlot()
        self.plot.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.contours = pg.PlotCurveItem(
            connect="finite", pen=pg.mkPen((255, 255, 255, 200), width=1)
        )
        self.path = pg.PlotDataItem(
            pen=pg.mkPen("#ff7f0e", width=2),
            symbol="o",
            symbolSize=7,
            symbolBrush="#ff7f0e",
            symbolPen="k",
            name=translate("landscape_view", "training path"),
        )
        self.curve = pg.PlotDataItem(pen=pg.mkPen("#1f77b4", width=2), connect="finite")
        for item in (self.image, self.contours, self.path, self.curve):
            self.plot.addItem(item)
        self.colorbar = colour_bar(self.image, self.plot)
        self.data: dict[str, Any] | None = None

    def show_data(
        self, data: dict[str, Any], log: bool = False, quantity: str = "train_loss"
    ) -> None:
        """Draw what the file holds (rows not yet done are NaN): the loss, or with
        --curvature one of its eigenvalue maps."""
        self.data = data
        z = quantity_of(data, quantity)
        what = quantity_label(quantity)
        x = data["xcoordinates"]
        s = data["settings"]
        done = int(data["rows_done"].sum())
        state = ""
        if done < len(data["rows_done"]):
            rows = translate("landscape_view", "{done} of {rows} rows")
            state = "  " + rows.format(done=done, rows=len(data["rows_done"]))
        if z.ndim == 1:
            self._show_curve(x, z, s, what)
            along = translate("landscape_view", "{file}: loss along {directions}")
            set_title(
                self.plot, along.format(file=s["model_file"], directions=s["directions"]) + state
            )
            return
        y = data["ycoordinates"]
        shown = np.log10(np.where(z > 0, z, np.nan)) if log else z
        self.colorbar.setVisible(True)
        self.image.setVisible(True)
        self.curve.setData([], [])
        self.image.setImage(np.where(np.isfinite(shown), shown, np.nan), autoLevels=False)
        self.image.setRect(_cell_rect(x, y))
        levels = finite_range(shown) or (0.0, 1.0)
        if levels[0] == levels[1]:
            levels = (levels[0] - 0.5, levels[1] + 0.5)
        self.colorbar.setLevels(levels)
        set_label(self.colorbar.axis, f"log10 {what}" if log else what)
        finite = np.isfinite(shown)
        if finite.sum() >= 4 and finite.all(axis=1).sum() >= 2:
            lines = contour_lines(x, y, shown, contour_levels(shown, 10, False))
            self.contours.setData(lines[:, 0], lines[:, 1])
        else:
            self.contours.setData([], [])
        t = data.get("trajectory")
        if t is not None and t.shape[1] == 2:
            self.path.setData(t[:, 0], t[:, 1])
        else:
            self.path.setData([], [])
        names = {
            "pca": ("PC 1", "PC 2"),
            "hessian": (
                translate("landscape_view", "eigenvector 1"),
                translate("landscape_view", "eigenvector 2"),
            ),
        }.get(
            s["directions"],
            (
                translate("landscape_view", "direction 1"),
                translate("landscape_view", "direction 2"),
            ),
        )
        set_label(self.plot.getAxis("bottom"), names[0])
        set_label(self.plot.getAxis("left"), names[1])
        finite_z = z[np.isfinite(z)]
        title = (
            translate("landscape_view", "{file}: loss landscape").format(file=s["model_file"])
            if quantity == "train_loss"
            else f"{s['model_file']}: {what}"
        )
        if finite_z.size:
            title += "  " + translate("landscape_view", "min {value}").format(
                value=f"{finite_z.min():.4g}"
            )
        set_title(self.plot, title + state)
        self.plot.setRange(xRange=(x[0], x[-1]), yRange=(y[0], y[-1]), padding=0)

    def _show_curve(self, x: np.ndarray, z: np.ndarray, s: dict[str, Any], what: str) -> None:
        self.image.setVisible(False)
        self.colorbar.setVisible(False)
        self.contours.setData([], [])
        self.path.setData([], [])
        self.curve.setData(x, np.where(np.isfinite(z), z, np.nan))
        bottom = "a" if s["directions"] == "line" else translate("landscape_view", "direction 1")
        set_label(self.plot.getAxis("bottom"), bottom)
        set_label(self.plot.getAxis("left"), what)
        self.plot.enableAutoRange()


def write_landscape_figure(h5: Path, out: Path, width: int, height: int) -> None:
    """`landscape --png FILE` (.png, .svg or .pdf)."""
    write = figure_writer(out, "--png")
    fig = LandscapeFigure()
    try:
        fig.show_data(store.read(h5))
        with written(out) as tmp:
            write(fig, tmp, width, height)
    finally:
        fig.close()
        fig.deleteLater()
