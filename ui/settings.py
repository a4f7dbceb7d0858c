"""The window's state between runs (QSettings): geometry, splitter, the last recipe.
A settings file that cannot be used is ignored with a message, never trusted half-way."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QByteArray

from explorer.recipes import normalize
from ui.i18n import translate

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QSplitter, QStatusBar

    from ui.editors.model import RecipeModel


class SettingsHost(Protocol):
    """What is saved and restored of the window (a QWidget: its geometry too)."""

    settings: QSettings
    splitter: QSplitter
    model: RecipeModel
    status: QStatusBar

    def restoreGeometry(self, geometry: QByteArray) -> bool: ...

    def saveGeometry(self) -> QByteArray: ...


SETTINGS_VERSION = 1


def restore_state(w: SettingsHost) -> None:
    s = w.settings
    problems = []
    try:
        version = s.value("version")
        if version is not None and int(version) != SETTINGS_VERSION:
            raise ValueError(f"settings version {version}")
        geometry, split = s.value("geometry"), s.value("splitter")
        if isinstance(geometry, QByteArray) and not w.restoreGeometry(geometry):
            problems.append(translate("settings", "window geometry"))
        if isinstance(split, QByteArray) and not w.splitter.restoreState(split):
            problems.append(translate("settings", "splitter positions"))
        text = s.value("recipe")
        if text:
            try:
                w.model.recipe = normalize(json.loads(str(text)))
            except (ValueError, TypeError) as e:
                problems.append(translate("settings", "last recipe ({error})").format(error=e))
    except (ValueError, TypeError) as e:
        problems.append(str(e))
    if problems:
        ignored = translate("settings", "Ignored saved settings: {what}")
        w.status.showMessage(ignored.format(what=", ".join(problems)), 10000)


def save_state(w: SettingsHost) -> None:
    s = w.settings
    s.setValue("version", SETTINGS_VERSION)
    s.setValue("geometry", w.saveGeometry())
    s.setValue("splitter", w.splitter.saveState())
    s.setValue("recipe", json.dumps(w.model.recipe))
    s.sync()
