"""Optimizer paths drawn over a figure (the window, recordings, reports)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg

from ui.figures.figure import PALETTE, CurveFigure

PATH_COLOURS = ["#ffffff", "#ff7f0e", "#ff00ff", "#00e5ff", "#e6194b", "#bfef45", "#000000"]


class PathLayer:
    """Optimizer paths over a figure: a line and dots per optimizer, its head larger, a legend.

    Over a surface a path is drawn in the swept plane; over a curve, as (x, loss) points."""

    def __init__(self, fig: pg.GraphicsLayoutWidget, labels: Sequence[str]) -> None:
        self.fig, self.plot = fig, fig.plot
        self.over_curve = isinstance(fig, CurveFigure)
        # a curve figure has its own legend already; over a heatmap the legend needs a backing
        self.legend = self.plot.addLegend(
            offset=(-10, 10), brush=(30, 30, 30, 200), labelTextColor="w"
        )
        self.legend.setVisible(True)
        self.lines: list[pg.PlotDataItem] = []
        self.heads: list[pg.ScatterPlotItem] = []
        for k, label in enumerate(labels):
            # bright over a heatmap; over a curve, the curve palette after the curve's own blue
            colours = PALETTE[1:] if self.over_curve else PATH_COLOURS
            colour = colours[k % len(colours)]
            line = pg.PlotDataItem(
                pen=pg.mkPen(colour, width=2),
                symbol="o",
                symbolSize=5,
                symbolBrush=colour,
                symbolPen=pg.mkPen("k", width=0.5),
                name=label,
                connect="finite",
            )
            head = pg.ScatterPlotItem(size=12, brush=colour, pen=pg.mkPen("k", width=1.5))
            for item in (line, head):
                item.setZValue(20)
                self.plot.addItem(item)  # a named line joins the legend
            self.lines.append(line)
            self.heads.append(head)

    def show(self, points: np.ndarray, loss: np.ndarray, upto: int | None = None) -> None:
        """Paths (n, steps + 1, axes) and their loss (n, steps + 1), steps 0..upto."""
        end = points.shape[1] if upto is None else upto + 1
        for line, head, pts, ls in zip(self.lines, self.heads, points, loss, strict=True):
            x = pts[:end, 0]
            y = ls[:end] if self.over_curve else pts[:end, 1]
            line.setData(x, y)
            ok = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
            head.setData(x[ok[-1:]], y[ok[-1:]])

    def remove(self) -> None:
        for item in (*self.lines, *self.heads):
            self.plot.removeItem(item)
            self.legend.removeItem(item)
        self.lines, self.heads = [], []
        if not self.legend.items:  # the heatmap's legend held only paths
            self.legend.setVisible(False)
