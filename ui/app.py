"""Starting the desktop app."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication


def run(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Loss Explorer")
    app.setOrganizationName("LossExplorer")
    from ui.window import MainWindow

    window = MainWindow()
    window.resize(1400, 850) if not window.settings.value("geometry") else None
    window.show()
    return app.exec()
