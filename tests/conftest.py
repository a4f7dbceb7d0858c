from __future__ import annotations

import os
import shutil
import subprocess
import time

# Qt aborts without a display unless told to render offscreen (FINDINGS.md); tests never use one.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Windows compute in their worker's thread unless a test asks for the compute process (the app's
# default, tested in tests/gui/test_compute_process.py): one child per test session, not per window.
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

    from ui.compute.worker import ComputeWorker

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


@pytest.fixture
def display():
    """A real X server (Xvfb) for the test, as the DISPLAY to give a subprocess."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        if os.environ.get("CI"):
            pytest.fail("Xvfb is missing: .ci/run installs it")
        pytest.skip("Xvfb is not installed (apt-get install xvfb); CI installs it")
    number = 90 + os.getpid() % 9
    proc = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    yield f":{number}"
    proc.terminate()
    proc.wait(5)
