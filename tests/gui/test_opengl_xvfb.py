"""The 3-D surface under a real X server with Mesa (Xvfb): it renders, in the colour map."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import sys
import numpy as np
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
import explorer
from ui.window import MainWindow
w = MainWindow(settings=QSettings(sys.argv[1], QSettings.Format.IniFormat))
w.resize(1200, 800)
w.show()
r = explorer.default_recipe("TripletMarginLoss")
for ax in r["axes"]:
    ax["num"] = 1024  # drawn as a decimated 256x256 mesh
w.model.load(r)
w.three_d.setChecked(True)
assert w.three_d.isChecked(), w.three_d.toolTip()
def check():
    assert w.views.currentWidget() is w.views.view3d, "3-D view not shown"
    img = w.views.view3d.widget.renderToArray((320, 240))
    colours = len(np.unique(img.reshape(-1, 4)[:, :3], axis=0))
    assert colours > 50, colours
    caption = w.views.view3d.caption.text()
    assert "256x256 mesh of 1024x1024" in caption, caption
    w.three_d.setChecked(False)  # off: the mesh and its GL buffers are given back
    assert w.views.view3d is None and w.views.currentWidget() is w.views.surface
    from explorer.landscape import store
    tab = w.landscape_tab  # a model's landscape as a surface too
    w.tabs.setCurrentWidget(tab)
    tab.data = store.read(sys.argv[2])
    tab.three_d.setChecked(True)
    assert tab.stack.currentWidget() is tab.view3d, tab.three_d.toolTip()
    caption = tab.view3d.caption.text()
    assert caption.startswith("m.py: loss") and "6x5 mesh of 6x5" in caption, caption
    print("OK", colours)
    QTimer.singleShot(300, finish)  # as a user would: not in the turn the figures got data


def finish():
    w.close()
    app.quit()
QTimer.singleShot(3000, check)
sys.exit(app.exec())
"""


@pytest.mark.slow
def test_three_d_surface_renders_under_xvfb(display: str, tmp_path: Path, monkeypatch) -> None:
    from explorer.landscape.command import prepare, run
    from tests.cli.test_landscape import BATCHED_MODEL, args, drain

    monkeypatch.setenv("LOSS_EXPLORER_TRUST", str(tmp_path / "trust.json"))
    (tmp_path / "m.py").write_text(BATCHED_MODEL)
    h5 = tmp_path / "m.h5"
    drain(run(prepare(args(str(tmp_path / "m.py"), "--grid", "6x5", "--out", str(h5), "--trust"))))
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
    p = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "s.ini"), str(h5)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert p.returncode == 0 and "OK" in p.stdout, p.stdout + p.stderr
