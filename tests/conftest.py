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


def wait_drawn(qtbot, w, timeout: int = 20_000) -> None:
    """Until the window is idle with its newest request on screen."""
    qtbot.waitUntil(
        lambda: w.idle and w.shown is not None and w.shown.id == w.latest, timeout=timeout
    )


@pytest.fixture
def settings(tmp_path):
    """A settings file of the test's own (never the user's)."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def new_window(qtbot, settings):
    """Makes real main windows: `new_window(drawn=True, size=(1300, 800), settings=...,
    compute=...)`, shown, with the test's settings file unless given one; closed after the test."""
    from ui.window import MainWindow

    made = []

    def make(drawn: bool = True, timeout: int = 20_000, size=(1300, 800), **kw):
        w = MainWindow(**{"settings": settings, **kw})
        made.append(w)
        qtbot.addWidget(w)
        if size is not None:  # (None: as the settings restored it)
            w.resize(*size)
        w.show()
        if drawn:
            wait_drawn(qtbot, w, timeout)
        return w

    yield make
    for w in made:
        w.close()


@pytest.fixture
def window(new_window):
    """A real main window with its own settings file, drawn; closed, its worker stopped, after."""
    return new_window()


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
