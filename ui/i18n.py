"""The interface's languages, through Qt's translation system.

Every string the window shows goes through `translate(context, text)` (the context is the module's
name). `resources/i18n/` holds the sources translators edit (`.ts`, Qt Linguist opens them) and the
compiled files the app loads (`.qm`):

- `loss_explorer_LANG.ts`: the interface's strings, extracted from `ui/` by pyside6-lupdate;
- `content_LANG.ts`: what the Qt-free core and the resources say ("About this
  loss" from explorer.catalog.guide and the catalog's parameter lines; the example recipes'
  names), extracted by `ui.devtools.translations.content_texts`, since lupdate cannot see strings
that are data.

After changing a string: `python -m ui.devtools.translations` updates both `.ts` files (new
strings come out unfinished, translations of unchanged strings stay), then translate, then run it
again to compile.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from resources import translations_folder

translate = QCoreApplication.translate


def message(text: str) -> str:
    """A template of the Qt-free core (its MESSAGES), in the interface's language."""
    return translate("messages", text)


LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
FOLDER = translations_folder()


def chosen_language(settings: QSettings) -> str:
    """$LOSS_EXPLORER_LANG, else the language picked in the menu, else the system's."""
    for wanted in (os.environ.get("LOSS_EXPLORER_LANG"), settings.value("language")):
        if wanted:
            return _supported(str(wanted))
    return _supported(QLocale.system().name())


def _supported(name: str) -> str:
    if name in LANGUAGES:
        return name
    return "zh_CN" if name.lower().startswith("zh") else "en"


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Our translation and Qt's own (standard dialogs, buttons) for `language`."""
    if language == "en":
        return []
    installed = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (
        (f"loss_explorer_{language}", str(FOLDER)),
        (f"qtbase_{language}", qt_folder),
    ):
        t = QTranslator(app)
        if t.load(name, folder):
            app.installTranslator(t)
            installed.append(t)
        else:
            print(f"warning: no translation {name}.qm in {folder}", file=sys.stderr)
    return installed
