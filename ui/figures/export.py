"""One export service for the window and the command line: a figure painted at the asked size
into PNG, SVG or PDF by the same code, so the vector files are twins of the PNG.

pyqtgraph's SVGExporter is not used: with PySide6 it scales images past their axes and loses
curves (pyqtgraph issue #3485). Qt's own QSvgGenerator and QPdfWriter take the same QPainter
calls as a QImage, which is what makes the three agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QMarginsF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageSize, QPaintDevice, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QLabel, QStatusBar, QWidget

from explorer.checks import RecipeError, show
from explorer.drawing.geometry import Overlay
from explorer.engine import Result
from explorer.messages import Message
from ui.figures.figure import describe, figure_for

# A PNG pixel is 1/96 inch, as on screen. Vector devices get the same resolution, because
# pyqtgraph replays cached QPictures (axes, symbols), which Qt scales by the ratio of dpis.
PDF_DPI = 96


def lay_out(fig: pg.GraphicsLayoutWidget, width: int, height: int) -> None:
    """Give the figure exactly width x height and lay it out now.

    Nested graphics layouts (the colour bar sits inside the plot's own layout) settle through
    posted LayoutRequest events; a figure that is never shown (the command line, an export)
    must have them delivered, or the colour bar stays collapsed in a corner.
    """
    fig.resize(width, height)
    for _ in range(2):  # axes size themselves to their tick labels while painting: settle first
        _settle(fig, width, height)
        scratch = QImage(width, height, QImage.Format.Format_ARGB32)
        paint(fig, scratch, width, height)
    _settle(fig, width, height)


def _settle(fig: pg.GraphicsLayoutWidget, width: int, height: int) -> None:
    fig.ci.setGeometry(QRectF(0, 0, width, height))
    for _ in range(4):  # one round per level of nesting, and one to spare
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        fig.ci.layout.activate()
    fig.scene().setSceneRect(QRectF(0, 0, width, height))


def paint(fig: pg.GraphicsLayoutWidget, device: QPaintDevice, width: int, height: int) -> None:
    """Paint the laid-out figure onto any paint device of width x height units.

    Scatter symbols are drawn as paths, not from pyqtgraph's pixmap atlas, so that SVG and PDF
    keep them as vectors (the live view keeps the faster atlas).
    """
    scatters = [i for i in fig.scene().items() if isinstance(i, pg.ScatterPlotItem)]
    cached = [s.opts["useCache"] for s in scatters]
    for s in scatters:
        s.opts["useCache"] = False
    painter = QPainter(device)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(QRectF(0, 0, width, height), Qt.GlobalColor.white)
        target = QRectF(0, 0, width, height)
        fig.scene().render(painter, target, target)
    finally:
        painter.end()
        for s, c in zip(scatters, cached, strict=True):
            s.opts["useCache"] = c


def image(fig: pg.GraphicsLayoutWidget, width: int, height: int) -> QImage:
    lay_out(fig, width, height)
    img = QImage(width, height, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.white)
    paint(fig, img, width, height)
    return img


def write_png(fig: pg.GraphicsLayoutWidget, path: Path, width: int, height: int) -> None:
    if not image(fig, width, height).save(str(path), "PNG"):
        raise OSError(f"Qt could not write {path}")


def write_svg(fig: pg.GraphicsLayoutWidget, path: Path, width: int, height: int) -> None:
    lay_out(fig, width, height)
    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(QSize(width, height))
    gen.setViewBox(QRect(0, 0, width, height))
    gen.setResolution(PDF_DPI)  # QPicture replays (axes, symbols) scale by the dpi ratio
    gen.setTitle("Loss Explorer")
    paint(fig, gen, width, height)


def write_pdf(fig: pg.GraphicsLayoutWidget, path: Path, width: int, height: int) -> None:
    """One page of width x height pixels at 96 dpi (0.75 pt each), no margins."""
    lay_out(fig, width, height)
    pdf = QPdfWriter(str(path))
    pdf.setResolution(PDF_DPI)
    size = QSizeF(width * 72 / PDF_DPI, height * 72 / PDF_DPI)
    pdf.setPageSize(QPageSize(size, QPageSize.Unit.Point, "figure"))
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0))
    pdf.setTitle("Loss Explorer")
    paint(fig, pdf, width, height)


FigureWriter = Callable[[pg.GraphicsLayoutWidget, Path, int, int], None]
FIGURE_WRITERS: dict[str, FigureWriter] = {".png": write_png, ".svg": write_svg, ".pdf": write_pdf}


def figure_writer(path: Path, field: str = "--out", also: Sequence[str] = ()) -> FigureWriter:
    """The writer of `path`'s suffix; a RecipeError naming `field` and every format that can be
    written there (the figure's, and `also`: the data's beside them) for any other suffix."""
    writer = FIGURE_WRITERS.get(path.suffix.lower())
    if writer is None:
        raise RecipeError(
            field,
            Message(
                "{name}: must end in {formats}",
                name=show(path.name),
                formats=", ".join([*FIGURE_WRITERS, *also]),
            ),
        )
    return writer


def render_files(
    result: Result,
    overlay: Overlay,
    paths: Sequence[Path],
    width: int = 900,
    height: int = 700,
    compare: Sequence[Result] = (),
) -> None:
    """Write the figure of `result` to each .png/.svg/.pdf path (a QApplication must exist)."""
    fig = figure_for(result, overlay, compare)
    try:
        for p in paths:
            FIGURE_WRITERS[Path(p).suffix.lower()](fig, Path(p), width, height)
    finally:
        fig.close()
        fig.deleteLater()


__all__ = ["FIGURE_WRITERS", "describe", "figure_writer", "image", "render_files"]


def export_dialog(
    parent: QWidget,
    default: Path,
    export: Callable[[Path], object],
    error: QLabel,
    status: QStatusBar,
) -> None:
    """Ask where to write `default`'s format, write it with `export`, and say so: in the status
    bar, or under the panel (`error`) when it fails. A name typed without a suffix gets the
    dialog's."""
    from ui.i18n import message, translate

    ext = default.suffix
    title = translate("files", "Export {format}").format(format=ext[1:].upper())
    path, _ = QFileDialog.getSaveFileName(parent, title, str(default), f"*{ext}")
    if not path:
        return
    if not Path(path).suffix:
        path += ext
    try:
        export(Path(path))
    except (OSError, RecipeError) as e:
        said = e.text(message) if isinstance(e, RecipeError) else e
        error.setText(translate("files", "Export failed: {error}").format(error=said))
        return
    status.showMessage(translate("files", "Wrote {files}").format(files=path), 8000)
