"""The trust question for a user's file (a model file, a file of losses): asked on the GUI
thread before anything of the file runs; the answer is remembered by explorer.trust."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.i18n import translate


def ask_trust(parent: QWidget, file: Path, sha: str, changed: bool) -> bool:
    if changed:
        text = translate("trust_dialog", "{file} has changed since you trusted it.")
    else:
        text = translate("trust_dialog", "{file} has not been run here before.")
    answer = QMessageBox.question(
        parent,
        translate("trust_dialog", "Run this file?"),
        text.format(file=file)
        + f"\n\nsha256 {sha}\n\n"
        + translate(
            "trust_dialog",
            "Running it runs its Python code with your permissions. "
            "Run it only if you know what it does.",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
