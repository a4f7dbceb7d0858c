"""`main.py report`: figures for a report from recipes and recordings, as one self-contained HTML
page (figures inline, readable offline), one PDF, and every figure's own files.

Each figure is re-rendered from its recipe by the export service, so it is the figure `render`
draws; with `--columns N` the figures are small multiples that share one colour range.
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import html
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import torch

from explorer.checks import RecipeError
from explorer.engine import Result, evaluate
from explorer.export import read_recipe, recipe_text, write_data, written
from explorer.formulas import formula
from explorer.geometry import overlay
from explorer.recipes import compare_recipes, normalize
from explorer.studies.paths import Paths, PathsSpec, write_paths_npz
from explorer.studies.paths import paths as paths_of
from explorer.studies.recording import record, split_recording
from ui.figure import PathLayer, figure_for


@dataclass
class Figure:
    name: str
    result: Result
    compare: list[Result]
    caption: str
    animation: Path | None = None  # a recording's GIF, shown in the HTML page
    paths: Paths | None = None  # optimizer paths drawn over the figure

    def draw(self) -> pg.GraphicsLayoutWidget:
        fig = figure_for(self.result, overlay(self.result), self.compare)
        if self.paths is not None:
            PathLayer(fig, self.paths.labels).show(self.paths.points, self.paths.loss)
        return fig


def caption_of(result: Result, extra: str = "") -> str:
    r = result.recipe
    params = ", ".join(f"{k}={v}" for k, v in r["params"].items())
    axes = "; ".join(
        f"{a['slot']} from {a['start']:g} to {a['stop']:g} ({a['num']} points)" for a in r["axes"]
    )
    return (
        f"torch.nn.{r['loss']}({params}): {formula(r['loss'])}, then the reduction. "
        f"Axes: {axes or 'none'}. {result.device}, {r['dtype']}, torch {torch.__version__}.{extra}"
    )


def load_figures(paths: list[Path], out: Path, width: int, height: int) -> list[Figure]:
    from ui.record import write_recording

    figures = []
    for k, path in enumerate(paths, 1):
        try:
            raw = read_recipe(path)
        except RecipeError as e:
            raise RecipeError(str(path), str(e).removeprefix("recipe: ")) from None
        recipe, vary = split_recording(raw)
        name = f"{k:02d}-{path.stem}"
        try:
            if isinstance(vary, PathsSpec):
                rec = paths_of(normalize(recipe), vary)
                runs = "; ".join(
                    f"{label}{' (' + why + ')' if why else ''}"
                    for label, why in zip(rec.labels, rec.stopped, strict=True)
                )
                start = ", ".join(f"{v:.4g}" for v in rec.points[0, 0])
                extra = f" Optimizer paths from ({start}), {vary.steps} steps: {runs}."
                res = rec.surface
                figures.append(Figure(name, res, [], caption_of(res, extra), paths=rec))
                continue
            if vary is None:
                res = evaluate(normalize(recipe))
                compare = (
                    [evaluate(c) for c in compare_recipes(res.recipe)] if res.y is None else []
                )
                figures.append(Figure(name, res, compare, caption_of(res)))
                continue
            rec = record(normalize(recipe), vary)
        except RecipeError as e:
            raise RecipeError(f"{path}: {e.field}", str(e).split(": ", 1)[-1]) from None
        gif = out / name / f"{name}.gif"
        write_recording(rec, gif, 8.0, width, height)
        mid = len(rec.frames) // 2
        extra = (
            f" A recording of {vary.slot} from {vary.start:g} to {vary.stop:g} in "
            f"{vary.frames} frames; the still is the frame at {rec.values[mid]:.4g}."
        )
        figures.append(Figure(name, rec.frames[mid], [], caption_of(rec.frames[mid], extra), gif))
    return figures


def share_levels(figures: list[Figure]) -> None:
    """One colour range for every surface: small multiples compare by colour."""
    surfaces = [f for f in figures if f.result.y is not None]
    finite = [z[np.isfinite(z)] for z in (f.result.surface for f in surfaces)]
    finite = [z for z in finite if z.size]
    if not finite:
        return
    lo, hi = min(float(z.min()) for z in finite), max(float(z.max()) for z in finite)
    for f in surfaces:
        view = {**f.result.recipe["view"], "levels": [lo, hi if hi > lo else lo + 1.0]}
        f.result = dataclasses.replace(f.result, recipe={**f.result.recipe, "view": view})


def build(paths: list[Path], out: Path, title: str, columns: int, width: int, height: int) -> Path:
    from ui.export import FIGURE_WRITERS

    out.mkdir(parents=True, exist_ok=True)
    figures = load_figures(paths, out, width, height)
    if columns > 1:
        share_levels(figures)
    sections = []
    for f in figures:
        folder = out / f.name
        folder.mkdir(exist_ok=True)
        fig = f.draw()
        try:
            for ext in (".png", ".svg"):
                with written(folder / f"{f.name}{ext}") as tmp:
                    FIGURE_WRITERS[ext](fig, tmp, width, height)
            png = (folder / f"{f.name}.png").read_bytes()
        finally:
            fig.close()
            fig.deleteLater()
        for ext in (".npz", ".csv"):
            write_data(f.result, folder / f"{f.name}{ext}", f.compare)
        if f.paths is not None:
            with written(folder / f"{f.name}-paths.npz") as tmp:
                write_paths_npz(f.paths, tmp)
        recipe = f.paths.to_json() if f.paths is not None else f.result.recipe
        with written(folder / f"{f.name}.json") as tmp:
            tmp.write_text(recipe_text(recipe), encoding="utf-8")
        shown = f.animation.read_bytes() if f.animation else png
        mime = "image/gif" if f.animation else "image/png"
        sections.append(
            f'<figure><img alt="{html.escape(f.name)}" src="data:{mime};base64,'
            f'{base64.b64encode(shown).decode()}"><figcaption><b>{html.escape(f.name)}</b>. '
            f"{html.escape(f.caption)}</figcaption></figure>"
        )
    page = (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>"
        "body{font-family:sans-serif;margin:2em;max-width:1400px}"
        f".grid{{display:grid;grid-template-columns:repeat({max(1, columns)},1fr);gap:1.5em}}"
        "figure{margin:0}img{width:100%;height:auto;border:1px solid #ddd}"
        "figcaption{font-size:0.85em;color:#333;margin-top:0.4em}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p>Made by Loss Explorer on "
        f"{time.strftime('%Y-%m-%d %H:%M')}; every figure is re-rendered from the recipe beside "
        f"it.</p><div class='grid'>{''.join(sections)}</div></body></html>\n"
    )
    with written(out / "index.html") as tmp:
        tmp.write_text(page, encoding="utf-8")
    _pdf(figures, out / "report.pdf", title, width, height)
    return out / "index.html"


def _pdf(figures: list[Figure], path: Path, title: str, width: int, height: int) -> None:
    """One page per figure: the title, the figure as vectors, its caption."""
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    from ui.export import PDF_DPI, lay_out

    page_h = height + 160
    with written(path) as tmp:
        pdf = QPdfWriter(str(tmp))
        pdf.setResolution(PDF_DPI)
        pdf.setPageSize(QPageSize(QSizeF(width * 0.75, page_h * 0.75), QPageSize.Unit.Point))
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0))
        pdf.setTitle(title)
        painter = QPainter(pdf)
        try:
            for k, f in enumerate(figures):
                if k:
                    pdf.newPage()
                painter.drawText(
                    QRectF(20, 10, width - 40, 40), Qt.AlignmentFlag.AlignLeft, f"{title}: {f.name}"
                )
                fig = f.draw()
                try:
                    lay_out(fig, width, height)
                    painter.save()
                    painter.translate(0, 50)
                    fig.scene().render(
                        painter, QRectF(0, 0, width, height), QRectF(0, 0, width, height)
                    )
                    painter.restore()
                finally:
                    fig.close()
                    fig.deleteLater()
                painter.drawText(
                    QRectF(20, height + 60, width - 40, 95),
                    int(Qt.TextFlag.TextWordWrap),
                    f.caption,
                )
        finally:
            painter.end()


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="main.py report", description=__doc__.splitlines()[0])
    p.add_argument("inputs", nargs="+", type=Path, help="recipes (.json, .npz) and recordings")
    p.add_argument("--out", required=True, type=Path, help="the report's folder")
    p.add_argument("--title", default="Loss Explorer report")
    p.add_argument("--columns", type=int, default=1, help="small multiples, one colour range")
    p.add_argument("--width", type=int, default=800)
    p.add_argument("--height", type=int, default=600)
    args = p.parse_args(argv)
    import os

    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    try:
        if not 1 <= args.columns <= 6:
            raise RecipeError("--columns", f"must be in [1, 6], got {args.columns}")
        for flag, v in (("--width", args.width), ("--height", args.height)):
            if not 64 <= v <= 4096:
                raise RecipeError(flag, f"must be in [64, 4096] pixels, got {v}")
        t0 = time.perf_counter()
        index = build(args.inputs, args.out, args.title, args.columns, args.width, args.height)
    except RecipeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        del app
    print(
        f"{len(args.inputs)} figures in {time.perf_counter() - t0:.1f} s; wrote {index} and "
        f"{args.out / 'report.pdf'}"
    )
    return 0
