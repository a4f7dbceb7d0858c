from __future__ import annotations

import os

# Qt aborts without a display unless told to render offscreen (FINDINGS.md); tests never use one.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Windows compute in their worker's thread unless a test asks for the compute process (the app's
# default, tested in tests/test_compute_process.py): one child per test session, not per window.
os.environ.setdefault("LOSS_EXPLORER_COMPUTE", "thread")

import pytest


@pytest.fixture
def window(qtbot, tmp_path):
    """A real main window with its own settings file; closed, and its worker stopped, after."""
    from PySide6.QtCore import QSettings

    from ui.window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.resize(1300, 800)
    w.show()
    qtbot.waitUntil(lambda: w.idle and w.shown is not None, timeout=20_000)
    yield w
    w.close()


@pytest.fixture(autouse=True)
def no_leftovers(request):
    """Fail a test that leaves a compute thread running or a window open."""
    yield
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        return
    from PySide6.QtWidgets import QApplication

    from ui.worker import ComputeWorker

    running = [w for w in list(ComputeWorker.instances) if w.running]
    for w in running:
        w.stop(2000)
    assert not running, "a compute worker thread was left running"
    from PySide6.QtCore import QTimer

    app = QApplication.instance()
    visible = [w for w in app.topLevelWidgets() if w.isVisible()] if app else []
    for w in visible:
        w.close()
    assert not visible, f"windows left open: {visible}"
    timers = [
        t
        for w in app.topLevelWidgets()
        for t in w.findChildren(QTimer)
        if t.isActive() and t.objectName().startswith("loss-explorer")
    ]
    assert not timers, f"active timers left behind: {timers}"
