"""A model's loss landscape drawn: heatmap, contours and the training path for 2-D, a curve for
1-D; rows not yet computed stay grey. Shared by the window's Landscape tab, `landscape --png`
and reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg

from explorer.export import written
from explorer.geometry import contour_levels, contour_lines, finite_range
from explorer.landscape import store
from ui.export import FIGURE_WRITERS
from ui.figure import _cell_rect, no_si_prefix, set_label, set_title


def caption(data: dict[str, Any]) -> str:
    s = data["settings"]
    how = {
        "random": f"random filter-normalized directions (seed {s['seed']})",
        "pca": "the top PCA directions of the checkpoints",
        "line": f"the line {s['centre']}",
    }[s["directions"]]
    bias = "biases moved" if s["keep_bias"] else "biases and normalization weights fixed"
    text = (
        f"{s['model_file']} (sha256 {s['model_sha256'][:12]}), centred on {s['centre']}; {how}; "
        f"{bias}; grid {' x '.join(map(str, s['grid']))}, {s['dtype']}."
    )
    if data.get("explained_variance"):
        shares = ", ".join(f"{v:.1%}" for v in data["explained_variance"])
        text += f" Variance explained: {shares}."
    return text


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
            name="training path",
        )
        self.curve = pg.PlotDataItem(pen=pg.mkPen("#1f77b4", width=2), connect="finite")
        for item in (self.image, self.contours, self.path, self.curve):
            self.plot.addItem(item)
        self.colorbar = pg.ColorBarItem(colorMap="viridis", interactive=False, width=14)
        self.colorbar.setImageItem(self.image, insert_in=self.plot)
        no_si_prefix(self.plot, self.colorbar.axis)
        self.data: dict[str, Any] | None = None

    def show_data(self, data: dict[str, Any], log: bool = False) -> None:
        """Draw what the file holds (rows not yet done are NaN)."""
        self.data = data
        z = np.asarray(data["train_loss"], dtype=np.float64)
        x = data["xcoordinates"]
        s = data["settings"]
        done = int(data["rows_done"].sum())
        state = (
            "" if done == len(data["rows_done"]) else f"  {done} of {len(data['rows_done'])} rows"
        )
        if z.ndim == 1:
            self._show_curve(x, z, s)
            set_title(self.plot, f"{s['model_file']}: loss along {s['directions']}{state}")
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
        set_label(self.colorbar.axis, "log10 loss" if log else "loss")
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
        names = ("direction 1", "direction 2") if s["directions"] != "pca" else ("PC 1", "PC 2")
        set_label(self.plot.getAxis("bottom"), names[0])
        set_label(self.plot.getAxis("left"), names[1])
        finite_z = z[np.isfinite(z)]
        low = f"  min {finite_z.min():.4g}" if finite_z.size else ""
        set_title(self.plot, f"{s['model_file']}: loss landscape{low}{state}")
        self.plot.setRange(xRange=(x[0], x[-1]), yRange=(y[0], y[-1]), padding=0)

    def _show_curve(self, x: np.ndarray, z: np.ndarray, s: dict[str, Any]) -> None:
        self.image.setVisible(False)
        self.colorbar.setVisible(False)
        self.contours.setData([], [])
        self.path.setData([], [])
        self.curve.setData(x, np.where(np.isfinite(z), z, np.nan))
        set_label(self.plot.getAxis("bottom"), "a" if s["directions"] == "line" else "direction 1")
        set_label(self.plot.getAxis("left"), "loss")
        self.plot.enableAutoRange()


def write_landscape_figure(h5: Path, out: Path, width: int, height: int) -> None:
    """`landscape --png FILE` (.png, .svg or .pdf)."""
    suffix = out.suffix.lower()
    if suffix not in FIGURE_WRITERS:
        from explorer.checks import RecipeError

        raise RecipeError("--png", f"must end in {', '.join(FIGURE_WRITERS)}, got {out.name!r}")
    fig = LandscapeFigure()
    try:
        fig.show_data(store.read(h5))
        with written(out) as tmp:
            FIGURE_WRITERS[suffix](fig, tmp, width, height)
    finally:
        fig.close()
        fig.deleteLater()
