"""The precision figure: the float64 loss, then each lower dtype's |difference| to it on a log
scale sharing one colour range (a surface), or the curves and their differences (a curve).
Where a dtype overflows (non-finite where float64 is finite) the cell is magenta."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from explorer.checks import RecipeError
from explorer.export import read_recipe, written
from explorer.studies.precision import COMPARED, Precision, precision, write_npz
from ui.editors.fields import ERROR_STYLE
from ui.figures.export import figure_writer
from ui.figures.figure import PALETTE, _cell_rect, describe, no_si_prefix, set_label, set_title
from ui.i18n import message, translate

OVERFLOW_RGBA = (255, 0, 255, 255)


class PrecisionFigure(pg.GraphicsLayoutWidget):
    def show_precision(self, p: Precision) -> None:
        self.clear()
        r = p.reference
        if r.y is None:
            self._curves(p)
        else:
            self._maps(p)
        self.addLabel(describe(r), row=0, col=0, colspan=4)

    def _maps(self, p: Precision) -> None:
        r = p.reference
        rect = _cell_rect(r.x, r.y)
        sx, sy = (a["slot"] for a in r.recipe["axes"])
        errors = {d: p.error(d) for d in p.results}
        logs = {
            d: np.log10(np.where((e > 0) & np.isfinite(e), e, np.nan)) for d, e in errors.items()
        }
        finite = np.concatenate([v[np.isfinite(v)] for v in logs.values()] or [np.empty(0)])
        levels = (float(finite.min()), float(finite.max())) if finite.size else (-16.0, 0.0)
        if levels[0] == levels[1]:
            levels = (levels[0] - 1, levels[1] + 1)
        panels = [("float64", r.surface, None)] + [
            (d, logs.get(d), errors.get(d)) for d in COMPARED
        ]
        bar_items = []
        for k, (dtype, z, err) in enumerate(panels):
            plot = self.addPlot(row=1 + k // 2, col=(k % 2) * 2)
            plot.setMenuEnabled(False)
            set_label(plot.getAxis("bottom"), sx)
            set_label(plot.getAxis("left"), sy)
            no_si_prefix(plot)
            set_title(
                plot,
                translate("precision_view", "float64: the loss")
                if k == 0
                else p.said(dtype, message),
            )
            if z is None:
                continue
            img = pg.ImageItem(axisOrder="row-major")
            img.setImage(np.where(np.isfinite(z), z, np.nan), autoLevels=False)
            img.setRect(rect)
            plot.addItem(img)
            if err is not None and np.isinf(err).any():
                over = np.zeros((*err.shape, 4), np.uint8)
                over[np.isinf(err)] = OVERFLOW_RGBA
                bad = pg.ImageItem(over, axisOrder="row-major")
                bad.setRect(rect)
                plot.addItem(bad)
            plot.setRange(xRange=(r.x[0], r.x[-1]), yRange=(r.y[0], r.y[-1]), padding=0)
            if k == 0:
                zf = z[np.isfinite(z)]
                lv = (float(zf.min()), float(zf.max())) if zf.size else (0.0, 1.0)
                bar = pg.ColorBarItem(
                    values=lv if lv[0] < lv[1] else (lv[0] - 0.5, lv[1] + 0.5),
                    colorMap="viridis",
                    interactive=False,
                    width=12,
                    label="loss",
                )
            else:
                bar = pg.ColorBarItem(
                    values=levels,
                    colorMap="magma",
                    interactive=False,
                    width=12,
                    label=translate("precision_view", "log10 |difference|"),
                )
            bar.setImageItem(img)
            self.addItem(bar, row=1 + k // 2, col=(k % 2) * 2 + 1)
            no_si_prefix(plot, bar.axis)
            bar_items.append(bar)

    def _curves(self, p: Precision) -> None:
        r = p.reference
        top = self.addPlot(row=1, col=0)
        bottom = self.addPlot(row=2, col=0)
        for plot in (top, bottom):
            plot.setMenuEnabled(False)
            plot.showGrid(x=True, y=True, alpha=0.2)
            set_label(plot.getAxis("bottom"), r.recipe["axes"][0]["slot"])
            no_si_prefix(plot)
        bottom.setXLink(top)
        top.addLegend(offset=(10, 10))
        bottom.addLegend(offset=(10, 10))
        set_label(top.getAxis("left"), translate("figure", "loss"))
        set_label(bottom.getAxis("left"), translate("precision_view", "|difference| to float64"))
        top.plot(r.x, r.surface, pen=pg.mkPen(PALETTE[0], width=2), name="float64")
        bottom.setLogMode(y=True)
        for k, dtype in enumerate(COMPARED, 1):
            if dtype not in p.results:
                continue
            pen = pg.mkPen(PALETTE[k], width=1.5)
            z = p.results[dtype].surface.astype(np.float64)
            top.plot(r.x, np.where(np.isfinite(z), z, np.nan), pen=pen, name=dtype)
            e = p.error(dtype)
            bottom.plot(
                r.x,
                np.where((e > 0) & np.isfinite(e), e, np.nan),
                pen=pen,
                name=p.said(dtype, message),
                connect="finite",
            )
        for dtype, why in p.refused.items():
            top.plot([], [], name=f"{dtype}: {why[:60]}")


class PrecisionDialog(QDialog):
    """The window's View > Compare precisions: the figure, what each dtype did, an export."""

    def __init__(self, parent: QWidget, p: Precision) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            translate("precision_view", "Precision: float16, bfloat16, float32 against float64")
        )
        self.p = p
        self.figure = PrecisionFigure()
        self.figure.show_precision(p)
        lay = QVBoxLayout(self)
        lay.addWidget(self.figure, 1)
        text = QLabel("\n".join(p.said(d, message) for d in COMPARED))
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(text)
        export = QPushButton(translate("precision_view", "Export…"))
        export.clicked.connect(self._export)
        lay.addWidget(export)
        self.error = QLabel()  # an export that failed says why here
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        self.resize(1100, 900)

    def _export(self) -> None:
        folder = getattr(self.parent(), "last_dir", Path.cwd())  # the window's folder
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("precision_view", "Export precision"),
            str(Path(folder) / "precision.png"),
            "*.png *.svg *.pdf *.npz",
        )
        if path:
            self.export(Path(path))

    def export(self, out: Path) -> bool:
        """PNG, SVG, PDF or NPZ by suffix (a name without one: PNG); False, and the dialog
        says why, when it cannot be written."""
        if not out.suffix:
            out = out.with_suffix(".png")
        try:
            if out.suffix.lower() == ".npz":
                with written(out) as tmp:
                    write_npz(self.p, tmp)
            else:
                write_precision_figure(self.p, out, 1100, 900)
        except (OSError, RecipeError) as e:
            self.error.setText(
                translate("precision_view", "Export failed: {error}").format(
                    error=e.text(message) if isinstance(e, RecipeError) else e
                )
            )
            return False
        self.error.setText("")
        return True


def write_precision_figure(p: Precision, out: Path, width: int, height: int) -> None:
    write = figure_writer(out, also=(".npz",))
    fig = PrecisionFigure()
    try:
        fig.show_precision(p)
        with written(out) as tmp:
            write(fig, tmp, width, height)
    finally:
        fig.close()
        fig.deleteLater()


def main(argv: list[str]) -> int:
    """`main.py precision --recipe R.json --out P.png [--out P.npz]`."""
    ap = argparse.ArgumentParser(
        prog="main.py precision",
        description="one recipe in float16, bfloat16, float32 and float64, side by side",
    )
    ap.add_argument("--recipe", required=True)
    ap.add_argument("--out", action="append", required=True, help=".png .svg .pdf .npz")
    ap.add_argument("--width", type=int, default=1100)
    ap.add_argument("--height", type=int, default=900)
    a = ap.parse_args(argv)
    import os

    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    try:
        p = precision(read_recipe(a.recipe))
        for out in map(Path, a.out):
            if out.suffix.lower() == ".npz":
                with written(out) as tmp:
                    write_npz(p, tmp)
            else:
                write_precision_figure(p, out, a.width, a.height)
    except RecipeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        del app
    for dtype in COMPARED:
        print(p.said(dtype))
    return 0
