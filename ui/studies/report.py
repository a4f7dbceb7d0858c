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
import json
import shutil
import sys
import time
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
import torch

from explorer.catalog.formulas import formula
from explorer.checks import RecipeError
from explorer.drawing.geometry import overlay
from explorer.engine import Result, evaluate, iter_evaluate
from explorer.export import read_recipe, recipe_text, write_data, written
from explorer.landscape import store
from explorer.progress import scaled
from explorer.recipes import compare_recipes, normalize
from explorer.studies.paths import Paths, PathsSpec, write_paths_npz
from explorer.studies.recording import Recording, split_recording
from ui.figures.figure import figure_for, value_text
from ui.figures.landscape_view import caption as landscape_caption
from ui.figures.paths import PathLayer
from ui.figures.spectrum_view import caption as spectrum_caption
from ui.figures.spectrum_view import read_report


@dataclass
class Figure:
    name: str
    result: Result | None  # None for a model landscape
    compare: list[Result]
    caption: str
    recording: Recording | None = None  # a slot varied over frames: a GIF in the HTML page
    paths: Paths | None = None  # optimizer paths drawn over the figure
    animation: Path | None = None  # the recording's GIF, once written
    landscape: dict[str, Any] | None = None  # a model landscape's arrays (explorer.landscape)
    source: Path | None = None  # a model landscape's .h5 or a spectrum's .json, copied along
    spectrum: dict[str, Any] | None = None  # `main.py hessian`'s report
    still: str = ""  # which frame of a recording the still is, in its title

    def draw(self, quantity: str = "train_loss") -> pg.GraphicsLayoutWidget:
        if self.spectrum is not None:
            from ui.figures.spectrum_view import SpectrumFigure

            spectrum = SpectrumFigure()
            spectrum.show_data(self.spectrum)
            return spectrum
        if self.landscape is not None:
            from ui.figures.landscape_view import LandscapeFigure

            fig = LandscapeFigure()
            fig.show_data(self.landscape, quantity=quantity)
            return fig
        assert self.result is not None
        fig = figure_for(self.result, overlay(self.result), self.compare, self.still)
        if self.paths is not None:
            PathLayer(fig, self.paths.labels).show(self.paths.points, self.paths.loss)
        return fig


def caption_of(result: Result, extra: str = "") -> str:
    r = result.recipe
    params = ", ".join(f"{k}={value_text(v)}" for k, v in r["params"].items())
    axes = "; ".join(
        f"{a['slot']} from {a['start']:g} to {a['stop']:g} ({a['num']} points)" for a in r["axes"]
    )
    return (
        f"torch.nn.{r['loss']}({params}): {formula(r['loss'])}, then the reduction. "
        f"Axes: {axes or 'none'}. {result.device}, {r['dtype']}, torch {torch.__version__}.{extra}"
    )


@dataclass(frozen=True)
class Item:
    """One entry of a report: a recipe or a recording's JSON, and the user's words on it."""

    name: str
    raw: dict
    note: str = ""


def items_from_files(paths: list[Path]) -> list[Item]:
    items = []
    for k, path in enumerate(paths, 1):
        if path.suffix == ".h5":
            items.append(Item(f"{k:02d}-{path.stem}", {"landscape": str(path)}))
            continue
        if is_spectrum(path):
            items.append(Item(f"{k:02d}-{path.stem}", {"hessian": str(path)}))
            continue
        try:
            raw = read_recipe(path)
        except RecipeError as e:
            raise RecipeError(str(path), str(e).removeprefix("recipe: ")) from None
        items.append(Item(f"{k:02d}-{path.stem}", raw))
    return items


def is_spectrum(path: Path) -> bool:
    """`main.py hessian`'s JSON (not a recipe)."""
    if path.suffix != ".json":
        return False
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(raw, dict) and "eigenvalues" in raw and "model_sha256" in raw


def compute(items: list[Item]) -> Generator[float, None, list[Figure]]:
    """Every item evaluated (no Qt here: this runs on the job lane's thread)."""
    figures = []
    for k, item in enumerate(items):
        note = f" {item.note}" if item.note else ""
        if "hessian" in item.raw:  # a Hessian spectrum: computed by `main.py hessian`
            source = Path(item.raw["hessian"])
            data = read_report(source)
            text = f"Hessian spectrum: {spectrum_caption(data)}{note}"
            figures.append(Figure(item.name, None, [], text, spectrum=data, source=source))
            yield (k + 1) / len(items)
            continue
        if "landscape" in item.raw:  # a model landscape: already computed, read from its file
            source = Path(item.raw["landscape"])
            data = store.read(source)
            text = f"Model loss landscape: {landscape_caption(data)}{note}"
            figures.append(Figure(item.name, None, [], text, landscape=data, source=source))
            yield (k + 1) / len(items)
            continue
        recipe, study = split_recording(item.raw)
        try:
            if isinstance(study, PathsSpec):
                rec = yield from scaled(study.run(normalize(recipe)), k, len(items))
                extra = f" {rec.summary()}.{note}"
                res = rec.surface
                figures.append(Figure(item.name, res, [], caption_of(res, extra), paths=rec))
            elif study is None:
                res = yield from scaled(iter_evaluate(normalize(recipe)), k, len(items))
                compare = (
                    [evaluate(c) for c in compare_recipes(res.recipe)] if res.y is None else []
                )
                figures.append(Figure(item.name, res, compare, caption_of(res, note)))
            else:
                rec = yield from scaled(study.run(normalize(recipe)), k, len(items))
                res, still = rec.still()
                extra = f" A recording: {rec.summary()}; the still is {still}.{note}"
                figures.append(
                    Figure(item.name, res, [], caption_of(res, extra), recording=rec, still=still)
                )
        except RecipeError as e:
            raise RecipeError(f"{item.name}: {e.field}", str(e).split(": ", 1)[-1]) from None
        yield (k + 1) / len(items)
    return figures


def share_levels(figures: list[Figure]) -> None:
    """One colour range for every surface: small multiples compare by colour."""
    surfaces = [f for f in figures if f.result is not None and f.result.y is not None]
    finite = [z[np.isfinite(z)] for z in (f.result.surface for f in surfaces)]
    finite = [z for z in finite if z.size]
    if not finite:
        return
    lo, hi = min(float(z.min()) for z in finite), max(float(z.max()) for z in finite)
    for f in surfaces:
        view = {**f.result.recipe["view"], "levels": [lo, hi if hi > lo else lo + 1.0]}
        f.result = dataclasses.replace(f.result, recipe={**f.result.recipe, "view": view})


def write(
    figures: list[Figure], out: Path, title: str, columns: int, width: int, height: int
) -> Generator[float, None, Path]:
    """The page, the PDF and every figure's files; paints, so it runs on the GUI thread, a
    figure per step."""
    from ui.figures.export import FIGURE_WRITERS
    from ui.studies.record import write_recording

    out.mkdir(parents=True, exist_ok=True)
    if columns > 1:
        share_levels(figures)
    sections = []
    for k, f in enumerate(figures):
        folder = out / f.name
        folder.mkdir(exist_ok=True)
        if f.recording is not None:  # the GIF, every frame's data and the recording's JSON
            f.animation = folder / f"{f.name}.gif"
            write_recording(f.recording, f.animation, 8.0, width, height)
        maps = [""]  # the figure; a landscape with --curvature: its eigenvalue maps beside it
        if f.landscape is not None and "max_eig" in f.landscape:
            maps += ["max_eig", "min_eig", "ratio"]
        extra_images = []
        for quantity in maps:
            fig = f.draw(quantity or "train_loss")
            stem = f"{f.name}-{quantity}" if quantity else f.name
            try:
                for ext in (".png", ".svg"):
                    with written(folder / f"{stem}{ext}") as tmp:
                        FIGURE_WRITERS[ext](fig, tmp, width, height)
            finally:
                fig.close()
                fig.deleteLater()
            if quantity:
                extra_images.append((folder / f"{stem}.png").read_bytes())
        png = (folder / f"{f.name}.png").read_bytes()
        recipe: dict[str, Any] | None
        if f.spectrum is not None:  # its JSON is its data; the eigenvectors stay in its NPZ
            assert f.source is not None
            with written(folder / f"{f.name}.json") as tmp:
                shutil.copyfile(f.source, tmp)
            recipe = None
        elif f.landscape is not None:
            with written(folder / f"{f.name}.npz") as tmp:
                store.write_npz(tmp, f.landscape)
            if f.source is not None:  # the file itself: Li et al.'s scripts read it
                with written(folder / f"{f.name}.h5") as tmp:
                    shutil.copyfile(f.source, tmp)
            recipe = f.landscape["settings"]
        elif f.recording is not None:  # the still's own data; the recording wrote the rest
            assert f.result is not None
            write_data(f.result, folder / f"{f.name}-still.csv")
            recipe = None
        else:
            assert f.result is not None
            for ext in (".npz", ".csv"):
                write_data(f.result, folder / f"{f.name}{ext}", f.compare)
            if f.paths is not None:
                with written(folder / f"{f.name}-paths.npz") as tmp:
                    write_paths_npz(f.paths, tmp)
            recipe = f.paths.to_json() if f.paths is not None else f.result.recipe
        if recipe is not None:
            with written(folder / f"{f.name}.json") as tmp:
                tmp.write_text(recipe_text(recipe), encoding="utf-8")
        shown = f.animation.read_bytes() if f.animation else png
        mime = "image/gif" if f.animation else "image/png"
        more = "".join(
            f'<img alt="{html.escape(f.name)}-{q}" src="data:image/png;base64,'
            f'{base64.b64encode(b).decode()}">'
            for q, b in zip(maps[1:], extra_images, strict=True)
        )
        sections.append(
            f'<figure><img alt="{html.escape(f.name)}" src="data:{mime};base64,'
            f'{base64.b64encode(shown).decode()}">{more}<figcaption><b>{html.escape(f.name)}</b>. '
            f"{html.escape(f.caption)}</figcaption></figure>"
        )
        yield (k + 1) / (len(figures) + 1)
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

    from ui.figures.export import PDF_DPI, lay_out

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
    p.add_argument(
        "inputs",
        nargs="+",
        type=Path,
        help="recipes (.json, .npz), recordings (.json), model landscapes (.h5) and Hessian "
        "spectra (main.py hessian's .json)",
    )
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
        from explorer.progress import run_with_progress

        figures = run_with_progress(compute(items_from_files(args.inputs)), "evaluating")
        index = run_with_progress(
            write(figures, args.out, args.title, args.columns, args.width, args.height), "writing"
        )
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
