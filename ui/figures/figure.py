"""The figures, shared by the window and `main.py render`: one recipe, one picture.

`SurfaceFigure`: heatmap, colour bar, contour lines, -grad arrows, the minimum, non-finite cells.
`CurveFigure`: one or more loss curves with their derivatives on a second y axis.
Both only draw arrays they are given; nothing here computes a loss.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage

from explorer.catalog import CATALOG
from explorer.custom import short_name
from explorer.drawing.geometry import Colour, Overlay, colour
from explorer.engine import Result
from ui.i18n import message, translate

pg.setConfigOptions(antialias=True, background="w", foreground="k")

NAN_RGBA = (150, 150, 150, 255)  # NaN cells: grey
POSINF_RGBA = (255, 0, 255, 255)  # +inf: magenta
NEGINF_RGBA = (0, 200, 255, 255)  # -inf: cyan
POINT_COLOURS = {
    "anchor": "#1f77b4",
    "positive": "#2ca02c",
    "negative": "#d62728",
    "input1": "#1f77b4",
    "input2": "#ff7f0e",
}
VALLEY_DOTS = 128  # dots drawn along a valley minimum
FLAT_SHARE = 0.01  # a minimum shared by more of the grid is a region, not a point: no star
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"]


def describe(result: Result) -> str:
    """A title: the loss and the parameters that differ from torch's defaults."""
    r = result.recipe
    spec = CATALOG[r["loss"]]
    changed = [
        f"{p.name}={value_text(r['params'][p.name])}"
        for p in spec.params
        if r["params"][p.name] != p.default or p.name == "reduction"
    ]
    name, _, file = short_name(r["loss"]).partition(" ")  # your loss: "focal (file.py)"
    title = f"{name}({', '.join(changed)})"
    if r.get("activation"):
        title = translate("figure", "{loss} after {activation}").format(
            loss=title, activation=r["activation"]
        )
    if file:
        title = translate("figure", "{loss} from {file}").format(loss=title, file=file.strip("()"))
    return title


def value_text(value: object) -> str:
    """A parameter as a title shows it: floats to 6 significant digits (the recipe is exact)."""
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    return str(value)


def colour_label(c: Colour) -> str:
    """What the colour bar says the colour shows."""
    if not c.log:
        return translate("figure", "loss")
    if c.shift is None:
        return translate("figure", "log10 loss")
    return translate("figure", "log10(loss + {shift})").format(shift=f"{c.shift:.3g}")


def nonfinite_rgba(z: np.ndarray) -> np.ndarray | None:
    if np.isfinite(z).all():
        return None
    rgba = np.zeros((*z.shape, 4), np.uint8)
    rgba[np.isnan(z)] = NAN_RGBA
    rgba[np.isposinf(z)] = POSINF_RGBA
    rgba[np.isneginf(z)] = NEGINF_RGBA
    return rgba


def _cell_rect(x: np.ndarray, y: np.ndarray) -> QRectF:
    """Pixel centres on the grid values."""
    dx = (x[-1] - x[0]) / max(len(x) - 1, 1) or 1.0
    dy = (y[-1] - y[0]) / max(len(y) - 1, 1) or 1.0
    return QRectF(x[0] - dx / 2, y[0] - dy / 2, dx * len(x), dy * len(y))


def set_label(axis: pg.AxisItem, text: str) -> None:
    if axis.labelText != text or not axis.label.isVisible():
        axis.setLabel(text)


def set_title(plot: pg.PlotItem, text: str) -> None:
    """A title that never widens the figure: a long one would push the plot and its colour bar
    out of view. Parts joined by "  " go on separate lines."""
    html = "<br>".join(text.split("  "))
    if getattr(plot, "_title_html", None) == html:
        return
    plot._title_html = html
    label = plot.titleLabel
    if getattr(plot, "_title_height", None) is None:
        plot.setTitle(html)  # the first time: shows the title row (at pyqtgraph's 30 px)
        plot._title_height = 30
    else:
        label.setText(html)  # not setTitle: it resets the row to 30 px, a relayout per frame
    hint = label._sizeHint  # LabelItem asks for its text's full width as its minimum
    h = hint[Qt.SizeHint.MinimumSize][1]
    hint[Qt.SizeHint.MinimumSize] = hint[Qt.SizeHint.PreferredSize] = (0, h)
    label.setMinimumWidth(0)
    # PlotItem fixes the title row at 30 px: a title of three lines would run into the plot
    # (set only when the height changes: a relayout each frame of a drag costs paint time)
    if plot._title_height != max(30, h):
        plot._title_height = max(30, h)
        label.setMaximumHeight(plot._title_height)
        plot.layout.setRowFixedHeight(0, plot._title_height)
    label.updateGeometry()


def no_si_prefix(plot: pg.PlotItem, *more: pg.AxisItem) -> None:
    """Plain numbers on every axis: "(x0.001)" scaling on probabilities and losses misleads."""
    for axis in (*(plot.getAxis(k) for k in ("left", "bottom", "right", "top")), *more):
        axis.enableAutoSIPrefix(False)


def colour_bar(image: pg.ImageItem, plot: pg.PlotItem) -> pg.ColorBarItem:
    """A colour bar beside `plot`, labelled at major ticks only, as matplotlib's colour bars
    are: its range moves with every frame of a drag, and regenerating pyqtgraph's three tick
    levels (76 ticks in 714 px) cost 2.4 ms a frame against 0.5 ms (docs/FINDINGS.md)."""
    bar = pg.ColorBarItem(colorMap="viridis", interactive=False, width=14)
    bar.setImageItem(image, insert_in=plot)
    bar.axis.setStyle(maxTickLevel=0, maxTextLevel=0)
    no_si_prefix(plot, bar.axis)
    return bar


def set_scatter(item: pg.ScatterPlotItem, x: Any, y: Any, **style: Any) -> None:
    """`item.setData`, skipped when the points and their style are those drawn: a drag of a
    parameter often leaves the minimum where it was, and a scatter's setData costs ~1 ms."""
    key = (np.asarray(x, float).tobytes(), np.asarray(y, float).tobytes(), sorted(style.items()))
    if getattr(item, "_drawn", None) == key:
        return
    item._drawn = key
    xs, ys = np.asarray(x, float), np.asarray(y, float)
    if xs.size and not (np.isfinite(xs) & np.isfinite(ys)).any():
        item.clear()  # nothing to draw (a path that stopped): pyqtgraph warns on all-NaN bounds
        return
    item.setData(x, y, **style)


class HeatmapItem(pg.ImageItem):
    """An ImageItem whose colour-mapped image is converted once to premultiplied ARGB.

    pyqtgraph renders a colour map as an 8-bit indexed QImage (RGBA8888 when there are NaN
    cells), which Qt converts again in every scaled drawImage: 1.5-2.1 ms against 0.54 ms for
    conversion and drawing together, at 256x256 into 748x756, all of it with the GIL held
    (docs/FINDINGS.md)."""

    FAST = (QImage.Format.Format_ARGB32_Premultiplied, QImage.Format.Format_RGB32)

    def render(self) -> None:
        super().render()
        if self.qimage is not None and self.qimage.format() not in self.FAST:
            self.qimage = self.qimage.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


class SurfaceFigure(pg.GraphicsLayoutWidget):
    """A loss over two axes."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plot: pg.PlotItem = self.addPlot()
        self.plot.setMenuEnabled(False)
        self.image = HeatmapItem(axisOrder="row-major")
        self.bad = pg.ImageItem(axisOrder="row-major")
        self.contours = pg.PlotCurveItem(
            connect="finite", pen=pg.mkPen((255, 255, 255, 200), width=1)
        )
        self.arrows = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen((20, 20, 20, 220), width=1))
        self.marker = pg.ScatterPlotItem(symbol="star", size=16, brush="r", pen="w")
        self.points = pg.ScatterPlotItem(size=11, pen=pg.mkPen("k", width=1.5))
        self.point_labels: list[pg.TextItem] = []
        self._points: Sequence[tuple[str, float, float]] | None = None  # as drawn
        # embedding geometry: the margin boundary and each vector's -gradient at the inputs
        self.ball = pg.PlotCurveItem(
            connect="finite",
            pen=pg.mkPen((255, 255, 255, 230), width=2, style=Qt.PenStyle.DashLine),
        )
        self.point_grads = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen("#ff3030", width=2.5))
        for item in (
            self.image,
            self.bad,
            self.contours,
            self.arrows,
            self.ball,
            self.point_grads,
            self.marker,
            self.points,
        ):
            self.plot.addItem(item)
        self.colorbar = colour_bar(self.image, self.plot)
        self.result: Result | None = None
        self._colormap = "viridis"

    def show_result(self, result: Result, overlay: Overlay, caption: str = "") -> None:
        view = result.recipe["view"]
        z = result.surface
        shade = overlay.colour or colour(z, view["log"])  # (made with the overlay, as a rule)
        values = z if shade.values is None else shade.values
        label = colour_label(shade)
        if result.loss.ndim > 2:  # reduction="none": the colour is the summed output
            label = translate("figure", "{label} (summed over the loss elements)").format(
                label=label
            )
        self.image.setImage(values, autoLevels=False)
        self.image.setRect(_cell_rect(result.x, result.y))
        levels = shade.range or (0.0, 1.0)
        if view["levels"] is not None:  # fixed by the user, in the loss's own units
            lo, hi = view["levels"]
            if not view["log"]:
                levels = (lo, hi)
            elif lo > 0:  # (a shifted log scale keeps its automatic range)
                levels = (math.log10(lo), math.log10(hi))
        if levels[0] == levels[1]:
            levels = (levels[0] - 0.5, levels[1] + 0.5)
        # Labels, colour map and title are set only when they change: each set regenerates the
        # axis' cached picture, which cost about 9 ms a frame during a drag.
        if self._colormap != view["colormap"]:
            self._colormap = view["colormap"]
            self.colorbar.setColorMap(pg.colormap.get(view["colormap"]))
        self.colorbar.setLevels(levels)
        set_label(self.colorbar.axis, label)
        bad = nonfinite_rgba(z)
        self.bad.setVisible(bad is not None)
        if bad is not None:
            self.bad.setImage(bad)
            self.bad.setRect(_cell_rect(result.x, result.y))
        self.contours.setData(overlay.contours[:, 0], overlay.contours[:, 1])
        self.arrows.setData(overlay.arrows[:, 0], overlay.arrows[:, 1])
        m = overlay.minimum
        flat = m is not None and m.share > FLAT_SHARE
        valley = m is not None and not flat and m.count > 1
        if valley:  # a minimum shared along a line: mark tied points along it, small
            ties = m.ties[:: max(1, len(m.ties) // VALLEY_DOTS)]
            set_scatter(self.marker, ties[:, 0], ties[:, 1], size=5, symbol="o")
        elif m and not flat:
            set_scatter(self.marker, [m.x], [m.y], size=16, symbol="star")
        else:
            set_scatter(self.marker, [], [])
        self._show_points(overlay.points)
        self._show_touch(overlay, result)
        axes = result.recipe["axes"]
        set_label(self.plot.getAxis("bottom"), axes[0]["slot"])
        set_label(self.plot.getAxis("left"), axes[1]["slot"])
        title = describe(result)
        if flat:
            title += "  " + translate(
                "figure", "min {value} on a flat region ({share} of the grid)"
            ).format(value=f"{m.value:.4g}", share=f"{m.share:.0%}")
        elif valley:
            title += "  " + translate(
                "figure", "min {value} along a valley of {count} grid points (red dots)"
            ).format(value=f"{m.value:.4g}", count=m.count)
        elif m:
            title += "  " + translate("figure", "min {value} at ({x}, {y})").format(
                value=f"{m.value:.4g}", x=f"{m.x:.3g}", y=f"{m.y:.3g}"
            )
        if result.nonfinite:
            title += "  " + translate("figure", "[{count} non-finite]").format(
                count=result.nonfinite
            )
        if overlay.touch is not None and overlay.touch.notes:
            title += "  " + translate("figure", "{note}; red: -gradients").format(
                note=overlay.touch.text(message)
            )
        if caption:  # a recording's frame: the varied value, on the last line
            title += f"; {caption}"
        set_title(self.plot, title)
        self.plot.setAspectLocked(view["equal_aspect"], ratio=1.0)
        if self.result is None or self.result.recipe["axes"] != axes:
            self.plot.setRange(
                xRange=(result.x[0], result.x[-1]), yRange=(result.y[0], result.y[-1]), padding=0
            )
        self.result = result

    def _show_points(self, points: Sequence[tuple[str, float, float]]) -> None:
        """The other embedding vectors of the sample, labelled, in the swept plane."""
        if points == self._points:
            return  # (a drag of a parameter moves none of them)
        self._points = points
        for t in self.point_labels:
            self.plot.removeItem(t)
        self.point_labels = []
        self.points.setData(
            [p[1] for p in points],
            [p[2] for p in points],
            brush=[POINT_COLOURS.get(p[0].split()[0], "w") for p in points],
            symbol=["o" if "(" not in p[0] else "t" for p in points],
        )
        for label, x, y in points:
            t = pg.TextItem(label, color="k", fill=(255, 255, 255, 190), anchor=(0, 1))
            t.setPos(x, y)
            self.plot.addItem(t)
            self.point_labels.append(t)

    def _show_touch(self, overlay: Overlay, result: Result) -> None:
        t = overlay.touch
        if t is None:
            self.ball.setData([], [])
            self.point_grads.setData([], [])
            return
        self.ball.setData(t.ball[:, 0], t.ball[:, 1])
        span = 0.12 * max(result.x[-1] - result.x[0], result.y[-1] - result.y[0])
        norms = [math.hypot(gx, gy) for gx, gy in t.grads]
        scale = span / max(norms) if norms and max(norms) > 0 else 0.0
        segs = []
        for (_, x, y), (gx, gy) in zip(overlay.points, t.grads, strict=False):
            segs += [(x, y), (x - scale * gx, y - scale * gy)]
        arr = np.asarray(segs, dtype=float).reshape(-1, 2)
        self.point_grads.setData(arr[:, 0], arr[:, 1])

    def reset_view(self) -> None:
        if self.result is not None:
            r = self.result
            self.plot.setRange(xRange=(r.x[0], r.x[-1]), yRange=(r.y[0], r.y[-1]), padding=0)


@dataclass(frozen=True)
class Curve:
    label: str
    x: np.ndarray
    loss: np.ndarray
    grad: np.ndarray


class CurveFigure(pg.GraphicsLayoutWidget):
    """Loss curves (solid, left axis) and their derivatives (dashed, right axis)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plot: pg.PlotItem = self.addPlot()
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.legend = self.plot.addLegend(offset=(10, 10))
        # A second view box over the first, a child of the plot so that exports include it.
        self.grad_box = pg.ViewBox()
        self.grad_box.setParentItem(self.plot)
        self.plot.vb.sigResized.connect(self._sync_boxes)
        self.plot.showAxis("right")
        self.plot.getAxis("right").linkToView(self.grad_box)
        self.grad_box.setXLink(self.plot.vb)
        self.plot.setLabel("left", translate("figure", "loss"))
        self.plot.setLabel("right", translate("figure", "d loss / d x"))
        no_si_prefix(self.plot)
        self.marker = pg.ScatterPlotItem(symbol="star", size=14, brush="r", pen="w")
        self.plot.addItem(self.marker)
        self.curves: list[Curve] = []
        self._items: list[pg.PlotDataItem] = []

    def _sync_boxes(self) -> None:
        self.grad_box.setGeometry(self.plot.vb.geometry())

    def show_curves(
        self, curves: Sequence[Curve], x_label: str, title: str, log_y: bool = False
    ) -> None:
        for item in self._items:  # PlotItem keeps its own lists: remove through the owner
            owner = self.plot if item in self.plot.items else self.grad_box
            owner.removeItem(item)
            self.legend.removeItem(item)
        self._items = []
        for k, c in enumerate(curves):
            color = PALETTE[k % len(PALETTE)]
            loss = pg.PlotDataItem(
                c.x,
                _finite_or_nan(c.loss),
                pen=pg.mkPen(color, width=2),
                name=c.label,
                connect="finite",
            )
            grad = pg.PlotDataItem(
                c.x,
                _finite_or_nan(c.grad),
                pen=pg.mkPen(color, width=1.5, style=Qt.PenStyle.DashLine),
                name=f"d/dx {c.label}",
                connect="finite",
            )
            self.plot.addItem(loss)
            self.grad_box.addItem(grad)
            self.legend.addItem(grad, grad.name())
            self._items += [loss, grad]
        if curves:
            c = curves[0]
            finite = np.isfinite(c.loss)
            if finite.any():
                i = int(np.nanargmin(np.where(finite, c.loss, np.nan)))
                self.marker.setData([c.x[i]], [c.loss[i]])
        set_label(self.plot.getAxis("bottom"), x_label)
        # log10 of the loss axis only: the derivative's own axis stays linear (it changes sign)
        self.plot.setLogMode(y=log_y)
        set_title(self.plot, title)
        self.curves = list(curves)
        self.reset_view()

    def reset_view(self) -> None:
        self.plot.enableAutoRange()
        self.grad_box.enableAutoRange()


def _finite_or_nan(a: np.ndarray) -> np.ndarray:
    return np.where(np.isfinite(a), a, np.nan)


def curves_of(result: Result, label: str | None = None) -> list[Curve]:
    """One curve per result; with reduction none, the summed output (as the gradient is)."""
    return [Curve(label or describe(result), result.x, result.surface, result.grad[0])]


def figure_for(
    result: Result, overlay: Overlay, compare: Sequence[Result] = (), caption: str = ""
) -> pg.GraphicsLayoutWidget:
    fig: pg.GraphicsLayoutWidget = SurfaceFigure() if result.y is not None else CurveFigure()
    show_on(fig, result, overlay, compare, caption)
    return fig


def show_on(
    fig: pg.GraphicsLayoutWidget,
    result: Result,
    overlay: Overlay,
    compare: Sequence[Result] = (),
    caption: str = "",
) -> None:
    """Draw `result` on a figure made by figure_for (a recording reuses one for every frame)."""
    if isinstance(fig, SurfaceFigure):
        fig.show_result(result, overlay, caption)
        return
    curves = curves_of(result) + [c for r in compare for c in curves_of(r)]
    title = describe(result) + (f"  {caption}" if caption else "")
    fig.show_curves(curves, result.recipe["axes"][0]["slot"], title, result.recipe["view"]["log_y"])
