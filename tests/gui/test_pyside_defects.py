"""Regression tests for the two PySide6 defects (docs/FINDINGS.md) that the pin avoids."""

from __future__ import annotations

import sys

import pyqtgraph as pg
from pyqtgraph.exporters import SVGExporter
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath


def test_void_calls_keep_the_refcount_of_none(qapp) -> None:
    """PySide6 6.12.0 on CPython 3.11 dropped None's refcount by one per void call."""
    path, rect = QPainterPath(), QRectF(0, 0, 1, 1)
    for _ in range(100):  # warm caches first
        path.lineTo(1.0, 1.0)
    before = sys.getrefcount(None)
    for i in range(10_000):
        path.lineTo(float(i), 1.0)
        rect.setWidth(float(i))
    assert abs(sys.getrefcount(None) - before) < 100


def test_pyqtgraph_svg_export_works(qapp, tmp_path) -> None:
    """pyqtgraph 0.14.0's SVGExporter raised ValueError with PySide6 6.11.x and 6.12.0."""
    w = pg.plot([1, 3, 2])
    try:
        out = tmp_path / "plot.svg"
        SVGExporter(w.plotItem).export(str(out))
        text = out.read_text()
        assert text.lstrip().startswith("<?xml") and "<svg" in text and "path" in text
    finally:
        w.close()
