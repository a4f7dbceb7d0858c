"""SVG and PDF are faithful vector twins of the PNG: rasterised (QtSvg, pdfium) they match it
pixel by pixel within a tolerance, at the asked size, for a curve, a heatmap and an embedding."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

import explorer
from explorer.drawing.geometry import overlay
from tests.pixels import difference, rgb_array
from ui.figures.export import PDF_DPI, render_files

ROOT = Path(__file__).resolve().parents[2]
MEAN, SHARE = 8.0, 0.04  # measured: mean 2.5-5, share 0.3-2% (text antialiasing differs)


def _recipes() -> dict[str, dict]:
    curve = explorer.default_recipe("HuberLoss")
    curve["axes"] = curve["axes"][:1]
    return {
        "curve": curve,
        "heatmap": explorer.default_recipe("CrossEntropyLoss"),
        "embedding": explorer.default_recipe("TripletMarginLoss"),
    }


def svg_pixels(path: Path, w: int, h: int) -> np.ndarray:
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    box = renderer.viewBoxF()
    assert (box.width(), box.height()) == (w, h)
    img = QImage(w, h, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.white)
    p = QPainter(img)
    renderer.render(p)
    p.end()
    return rgb_array(img)


def pdf_pixels(path: Path) -> np.ndarray:
    doc = pypdfium2.PdfDocument(str(path))
    try:
        assert len(doc) == 1
        bgr = doc[0].render(scale=PDF_DPI / 72).to_numpy()
        return np.ascontiguousarray(bgr[..., :3][..., ::-1])
    finally:
        doc.close()


@pytest.mark.parametrize("kind", ["curve", "heatmap", "embedding"])
@pytest.mark.parametrize("size", [(640, 480), (1000, 420)])
def test_svg_and_pdf_match_the_png(qapp, tmp_path: Path, kind: str, size: tuple) -> None:
    w, h = size
    res = explorer.evaluate(_recipes()[kind])
    paths = [tmp_path / f"{kind}.{ext}" for ext in ("png", "svg", "pdf")]
    render_files(res, overlay(res), paths, w, h)
    png = rgb_array(QImage(str(paths[0])))
    assert png.shape == (h, w, 3)
    for name, pixels in (("svg", svg_pixels(paths[1], w, h)), ("pdf", pdf_pixels(paths[2]))):
        assert pixels.shape == png.shape, name
        mean, share = difference(pixels, png)
        assert mean < MEAN and share < SHARE, f"{kind} {name}: mean {mean:.2f}, share {share:.3f}"


def test_the_comparison_can_fail(qapp, tmp_path: Path) -> None:
    """A different figure of the same size is far outside the tolerance."""
    r = _recipes()
    a, b = explorer.evaluate(r["heatmap"]), explorer.evaluate(r["curve"])
    render_files(a, overlay(a), [tmp_path / "a.png"], 640, 480)
    render_files(b, overlay(b), [tmp_path / "b.svg"], 640, 480)
    mean, share = difference(
        svg_pixels(tmp_path / "b.svg", 640, 480), rgb_array(QImage(str(tmp_path / "a.png")))
    )
    assert mean > MEAN and share > SHARE


@pytest.mark.slow
def test_cli_writes_pdf_and_svg_at_the_asked_size(tmp_path: Path) -> None:
    out = [tmp_path / "f.pdf", tmp_path / "f.svg"]
    p = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "render",
            "--loss",
            "BCELoss",
            "--width",
            "500",
            "--height",
            "300",
            *[a for o in out for a in ("--out", str(o))],
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    doc = pypdfium2.PdfDocument(str(out[0]))
    w_pt, h_pt = doc[0].get_size()
    doc.close()
    assert (round(w_pt * PDF_DPI / 72), round(h_pt * PDF_DPI / 72)) == (500, 300)
    assert 'width="500' in out[1].read_text()[:2000]
