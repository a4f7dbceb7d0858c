"""Interactive views around the shared figures: hover readouts, crosshair, the 3-D surface."""

from __future__ import annotations

import os

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from explorer.drawing.geometry import Overlay
from explorer.engine import Result
from explorer.studies.paths import Paths
from ui.figures.figure import CurveFigure, SurfaceFigure, curves_of, describe
from ui.figures.paths import PathLayer
from ui.i18n import translate


def _fmt(v: float) -> str:
    return f"{v:.6g}"


def _refresh(view: QWidget, old: Result | None, new: Result, text) -> None:
    """Keep the hover readout true to what is drawn: the new values under the same pointer,
    or nothing when the loss or the swept slots changed (the old position means nothing)."""
    same = old is not None and (
        old.recipe["loss"] == new.recipe["loss"]
        and [a["slot"] for a in old.recipe["axes"]] == [a["slot"] for a in new.recipe["axes"]]
    )
    if same and view._last is not None:
        view.readout.setText(text())
    else:
        view._last = None
        view.readout.setText(" ")


class SurfaceView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self._last: tuple[float, float] | None = None  # where the pointer last was
        self.figure = SurfaceFigure()
        self.readout = QLabel(" ")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.figure, 1)
        lay.addWidget(self.readout)
        self.figure.scene().sigMouseMoved.connect(self._hover)
        self.figure.scene().sigMouseClicked.connect(self._click)
        self.clicked = None  # (coordinates) -> None, set by the ViewStack
        # embedding vectors you can drag: (arg, x index, y index, x, y) -> None, set by the window
        self.dragged = None
        self.handles: dict[str, pg.TargetItem] = {}
        self.hovered = None  # (flat grid index) -> None: what the pointer is over

    def _show_handles(self, overlay: Overlay) -> None:
        """A draggable handle on each drawn embedding vector; one under the pointer stays put."""
        t = overlay.touch
        wanted = {}
        if t is not None:  # the points and the slots come in the same order, one per vector
            wanted = {s[0]: (s, p) for s, p in zip(t.slots, overlay.points, strict=True)}
        for arg in [a for a in self.handles if a not in wanted]:
            self.figure.plot.removeItem(self.handles.pop(arg))
        for arg, (slot, (_, x, y)) in wanted.items():
            h = self.handles.get(arg)
            if h is None:
                h = pg.TargetItem(
                    (x, y),
                    size=18,
                    movable=True,
                    pen=pg.mkPen("w", width=1.5),
                    brush=(0, 0, 0, 0),
                    hoverBrush=(255, 255, 255, 60),
                )
                h.setZValue(30)
                h.setToolTip(translate("views", "drag {arg}").format(arg=arg))
                h.sigPositionChanged.connect(lambda item, s=slot: self._drag(s, item))
                self.figure.plot.addItem(h)
                self.handles[arg] = h
            h.slot = slot
            if not h.moving:
                h.blockSignals(True)
                h.setPos(x, y)
                h.blockSignals(False)

    def _drag(self, slot, item) -> None:
        if self.dragged is not None and item.moving:
            pos = item.pos()
            self.dragged(*slot, float(pos.x()), float(pos.y()))

    def _click(self, ev) -> None:
        vb = self.figure.plot.vb
        if (
            self.clicked is None
            or self.figure.result is None
            or ev.button() != Qt.MouseButton.LeftButton
            or ev.double()
            or not vb.sceneBoundingRect().contains(ev.scenePos())
        ):
            return
        p = vb.mapSceneToView(ev.scenePos())
        self.clicked([p.x(), p.y()])

    def show_result(self, result: Result, overlay: Overlay) -> None:
        old = self.figure.result
        self.figure.show_result(result, overlay)
        self._show_handles(overlay)
        _refresh(self, old, result, lambda: self.readout_at(*self._last))

    def readout_at(self, x: float, y: float) -> str:
        r = self.figure.result
        if r is None or r.y is None:
            return ""
        j = int(np.abs(r.x - x).argmin())
        i = int(np.abs(r.y - y).argmin())
        sx, sy = (ax["slot"] for ax in r.recipe["axes"])
        z = r.surface[i, j]
        loss = translate("views", "loss = {value}").format(value=_fmt(z))
        return (
            f"{sx} = {_fmt(r.x[j])}   {sy} = {_fmt(r.y[i])}   {loss}   "
            f"d/d{sx} = {_fmt(r.grad[0, i, j])}   d/d{sy} = {_fmt(r.grad[1, i, j])}"
        )

    def _hover(self, pos: QPointF) -> None:
        vb = self.figure.plot.vb
        if self.figure.result is None or not vb.sceneBoundingRect().contains(pos):
            return
        p = vb.mapSceneToView(pos)
        self._last = (p.x(), p.y())
        self.readout.setText(self.readout_at(*self._last))
        r = self.figure.result
        if self.hovered is not None and r is not None and r.y is not None:
            j, i = int(np.abs(r.x - p.x()).argmin()), int(np.abs(r.y - p.y()).argmin())
            self.hovered(i * len(r.x) + j)


class CurveView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self._last: tuple[float] | None = None
        self._shown: Result | None = None
        self.figure = CurveFigure()
        self.readout = QLabel(" ")
        self.readout.setWordWrap(True)  # one entry per compared loss
        self.cross = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen((120, 120, 120), width=1)
        )
        self.figure.plot.addItem(self.cross, ignoreBounds=True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.figure, 1)
        lay.addWidget(self.readout)
        self.figure.scene().sigMouseMoved.connect(self._hover)
        self.figure.scene().sigMouseClicked.connect(self._click)
        self.clicked = None  # (coordinates) -> None, set by the ViewStack
        self.hovered = None  # (grid index) -> None: what the pointer is over

    def _click(self, ev) -> None:
        vb = self.figure.plot.vb
        if (
            self.clicked is None
            or not self.figure.curves
            or ev.button() != Qt.MouseButton.LeftButton
            or ev.double()
            or not vb.sceneBoundingRect().contains(ev.scenePos())
        ):
            return
        self.clicked([vb.mapSceneToView(ev.scenePos()).x()])

    def show_results(self, result: Result, compare: list[Result]) -> None:
        old, self._shown = self._shown, result
        curves = curves_of(result) + [c for r in compare for c in curves_of(r)]
        self.figure.show_curves(
            curves,
            result.recipe["axes"][0]["slot"],
            describe(result),
            result.recipe["view"]["log_y"],
        )
        _refresh(self, old, result, lambda: self.readout_at(self._last[0]))

    def readout_at(self, x: float) -> str:
        parts = []
        for c in self.figure.curves:
            i = int(np.abs(c.x - x).argmin())
            if not parts:
                parts.append(f"x = {_fmt(c.x[i])}")
            name = c.label.split("(")[0]
            loss = translate("views", "loss = {value}").format(value=_fmt(c.loss[i]))
            parts.append(f"{name}: {loss}, d/dx = {_fmt(c.grad[i])}")
        return "   ".join(parts)

    def _hover(self, pos: QPointF) -> None:
        vb = self.figure.plot.vb
        if not self.figure.curves or not vb.sceneBoundingRect().contains(pos):
            return
        x = vb.mapSceneToView(pos).x()
        self._last = (x,)
        self.cross.setPos(x)
        self.readout.setText(self.readout_at(x))
        if self.hovered is not None and self._shown is not None:
            self.hovered(int(np.abs(self._shown.x - x).argmin()))


def opengl_problem() -> str:
    """Why a 3-D view cannot be shown here, or "" when it can."""
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return translate(
            "views", "3-D needs OpenGL, which the offscreen Qt platform does not provide"
        )
    try:
        import OpenGL.GL  # noqa: F401
        from PySide6.QtGui import QOffscreenSurface, QOpenGLContext
    except Exception as e:  # PyOpenGL missing or broken
        return translate("views", "3-D needs PyOpenGL: {error}").format(error=e)
    ctx = QOpenGLContext()
    if not ctx.create():
        return translate("views", "3-D needs OpenGL, and no OpenGL context could be created")
    surface = QOffscreenSurface()
    surface.create()
    ok = ctx.makeCurrent(surface)
    ctx.doneCurrent()
    return (
        ""
        if ok
        else translate("views", "3-D needs OpenGL, and the context could not be made current")
    )


MESH_SIDE = 256  # vertices per side of the 3-D mesh at most


class Surface3DView(QWidget):
    """The loss as a height field in the same colour map; built only where OpenGL works."""

    def __init__(self) -> None:
        super().__init__()
        import pyqtgraph.opengl as gl

        self.gl = gl
        self.widget = gl.GLViewWidget()
        self.widget.setCameraPosition(distance=3.2, elevation=30, azimuth=-60)
        self.surface = gl.GLSurfacePlotItem(shader=None, smooth=False, computeNormals=False)
        self.widget.addItem(self.surface)
        self.widget.addItem(gl.GLGridItem(size=pg.Vector(2, 2, 1), color=(150, 150, 150, 120)))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.widget, 1)
        self.caption = QLabel(" ")
        lay.addWidget(self.caption)

    def show_result(self, result: Result) -> None:
        self.show_array(result.surface, result.recipe["view"]["colormap"], describe(result))

    def show_array(self, surface: np.ndarray, colormap: str, title: str) -> None:
        """A (ny, nx) height field (a loss, or a model's landscape)."""
        # a mesh of at most MESH_SIDE^2 vertices: a 4096^2 grid as one mesh took 40 s and 8 GB;
        # the full grid stays in the Result for the 2-D figure and the exports
        sy, sx = (max(1, -(-n // MESH_SIDE)) for n in surface.shape)
        z = surface[::sy, ::sx]
        finite = np.isfinite(z)
        if not finite.any():
            return
        lo, hi = float(z[finite].min()), float(z[finite].max())
        scale = (hi - lo) or 1.0
        # normalized to a unit cube so every loss looks comparable; the caption gives the range
        zz = np.where(finite, (z - lo) / scale, np.nan).T
        xs = np.linspace(-1, 1, z.shape[1])
        ys = np.linspace(-1, 1, z.shape[0])
        cmap = pg.colormap.get(colormap)
        colors = cmap.map(np.nan_to_num(zz, nan=0.0), mode="float")
        colors[~np.isfinite(zz)] = (0.6, 0.6, 0.6, 1.0)
        # pyqtgraph 0.14 indexes vertex colours flat: one row per vertex
        self.surface.setData(x=xs, y=ys, z=np.nan_to_num(zz, nan=0.0), colors=colors.reshape(-1, 4))
        self.caption.setText(
            translate(
                "views", "{title}: loss {low} .. {high} (height scaled; {mesh} mesh of {full})"
            ).format(
                title=title,
                low=f"{lo:.4g}",
                high=f"{hi:.4g}",
                mesh=f"{z.shape[1]}x{z.shape[0]}",
                full=f"{surface.shape[1]}x{surface.shape[0]}",
            )
        )


class ViewStack(QStackedWidget):
    """Curve for one axis, surface for two, 3-D on request where OpenGL is available."""

    clicked = Signal(list)  # the swept coordinates under a left click on the 2-D figure

    def __init__(self) -> None:
        super().__init__()
        self.surface = SurfaceView()
        self.curve = CurveView()
        self.surface.clicked = self.curve.clicked = self.clicked.emit
        self.paths: Paths | None = None  # optimizer paths drawn over the figure
        self._layer: PathLayer | None = None
        self.addWidget(self.surface)
        self.addWidget(self.curve)
        self.view3d: Surface3DView | None = None
        self.want_3d = False
        self.gl_problem: str | None = None

    def enable_3d(self, on: bool) -> str:
        """Switch 3-D on or off; returns why it cannot be on, or ""."""
        if on and self.gl_problem is None:
            self.gl_problem = opengl_problem()
        if on and self.gl_problem:
            self.want_3d = False
            return self.gl_problem
        self.want_3d = on
        if on and self.view3d is None:
            self.view3d = Surface3DView()
            self.addWidget(self.view3d)
        elif not on and self.view3d is not None:  # give its mesh and GL buffers back
            if self.currentWidget() is self.view3d:
                self.setCurrentWidget(self.surface)
            self.removeWidget(self.view3d)
            self.view3d.deleteLater()
            self.view3d = None
        return ""

    def show_outcome(self, result: Result, overlay: Overlay, compare: list[Result]) -> None:
        if result.y is None:
            self.curve.show_results(result, compare)
            self.setCurrentWidget(self.curve)
            return
        self.surface.show_result(result, overlay)
        if self.want_3d and self.view3d is not None:
            self.view3d.show_result(result)
            self.setCurrentWidget(self.view3d)
        else:
            self.setCurrentWidget(self.surface)

    def show_paths(self, paths: Paths, upto: int | None = None) -> None:
        """Optimizer paths over the 2-D figure on screen, steps 0..upto (all when None)."""
        fig = self.figure
        if self._layer is None or self._layer.fig is not fig or self.paths is not paths:
            self.clear_paths()
            self._layer = PathLayer(fig, paths.labels)
        self.paths = paths
        self._layer.show(paths.points, paths.loss, upto)

    def clear_paths(self) -> None:
        if self._layer is not None:
            self._layer.remove()
        self._layer, self.paths = None, None

    @property
    def figure(self) -> pg.GraphicsLayoutWidget:
        """The 2-D figure on screen (exports use it; the 3-D view exports as its 2-D twin)."""
        return self.curve.figure if self.currentWidget() is self.curve else self.surface.figure

    def reset_view(self) -> None:
        self.figure.reset_view()
