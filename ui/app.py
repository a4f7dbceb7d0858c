"""Starting the desktop app, with a clear word when the machine cannot show a window."""

from __future__ import annotations

import ctypes.util
import faulthandler
import os
import sys

# Debian/Ubuntu packages Qt's xcb platform plugin needs (PySide6 wheels do not carry them).
XCB_LIBS = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}


def display_problem() -> str:
    """Why Qt would abort instead of opening a window here, or ""."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return (
            "no display: run Loss Explorer from a desktop session, or on a headless "
            "machine under Xvfb (xvfb-run -a python main.py); the CLI needs no display "
            "(python main.py --help)"
        )
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return ""
    missing = [pkg for lib, pkg in XCB_LIBS.items() if ctypes.util.find_library(lib) is None]
    if missing:
        return (
            "Qt's X11 plugin needs system libraries that are missing: "
            f"sudo apt-get install {' '.join(missing)}"
        )
    return ""


def run(argv: list[str] | None = None) -> int:
    problem = display_problem()
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    if sys.stderr is not None:  # a crash in Qt's C++ then says which Python call led to it
        faulthandler.enable()
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Loss Explorer")
    app.setOrganizationName("LossExplorer")
    from PySide6.QtCore import QSettings

    from ui.i18n import chosen_language, install

    settings = QSettings("LossExplorer", "LossExplorer")
    install(app, chosen_language(settings))  # before any widget is built
    from ui.window import MainWindow

    window = MainWindow(settings)
    if window.settings.value("geometry") is None:
        window.resize(1400, 850)
    window.show()
    return app.exec()
