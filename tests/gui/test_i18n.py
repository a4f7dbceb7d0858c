"""The Chinese interface: translation files complete and in step with the code, the compiled .qm
what the window loads, and a real window in zh_CN with no English word left in what it shows."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QWidget,
)

from explorer.catalog import CATALOG, DISTANCES
from explorer.recipes import COLORMAPS, DTYPES
from explorer.studies.paths import OPTIMIZERS
from ui import i18n
from ui.devtools import translations

UI_TS, CONTENT_TS = translations.ts_files("zh_CN")
QM = i18n.FOLDER / "loss_explorer_zh_CN.qm"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _entries() -> dict[tuple[str, str], str | None]:
    return {**translations.read_ts(UI_TS), **translations.read_ts(CONTENT_TS)}


def test_every_string_is_translated_with_its_placeholders_and_accelerators() -> None:
    entries = _entries()
    assert len(entries) > 300
    unfinished = [k for k, t in entries.items() if not t]
    assert not unfinished, unfinished
    for (context, source), text in entries.items():
        words = re.findall(r"[A-Za-z]{2,}", re.sub(r"\{\w*\}", "", text))
        assert CJK.search(text) or not words, (context, source, text)  # Chinese, or math only
        assert sorted(re.findall(r"\{\w*\}", source)) == sorted(re.findall(r"\{\w*\}", text))
        if re.search(r"&\w", source):  # a menu accelerator: kept, the Chinese way "文件(&F)"
            assert re.search(r"&\w", text), (source, text)
        if source.startswith(("Recording: ", "Report: ")):  # the job lane splits at ":"
            assert ":" in text, text


def _lupdate() -> str:
    found = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    assert found, "pyside6-lupdate comes with PySide6"
    return found


@pytest.mark.slow
def test_ts_files_are_in_step_with_the_code(tmp_path) -> None:
    """Every translate() call in ui/ and every text of the content has an entry, and no entry
    is left over: `python -m ui.devtools.translations` was run after the last change of a string."""
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [
            _lupdate(),
            *map(str, sorted(translations.UI.rglob("*.py"))),
            "-no-obsolete",
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    assert set(translations.read_ts(fresh)) == set(translations.read_ts(UI_TS))
    want = {(c, t) for c, texts in translations.content_texts().items() for t in texts}
    assert want == set(translations.read_ts(CONTENT_TS))


def test_the_compiled_file_holds_every_translation(qapp) -> None:
    t = QTranslator()
    assert t.load(str(QM))
    for (context, source), text in _entries().items():
        assert t.translate(context, source) == text, source


def test_language_comes_from_the_environment_then_the_menu_then_the_system(
    tmp_path, monkeypatch
) -> None:
    s = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.delenv("LOSS_EXPLORER_LANG", raising=False)
    monkeypatch.setattr(i18n.QLocale, "system", lambda: i18n.QLocale("zh_TW"))
    assert i18n.chosen_language(s) == "zh_CN"
    monkeypatch.setattr(i18n.QLocale, "system", lambda: i18n.QLocale("de_DE"))
    assert i18n.chosen_language(s) == "en"
    s.setValue("language", "zh_CN")
    assert i18n.chosen_language(s) == "zh_CN"
    monkeypatch.setenv("LOSS_EXPLORER_LANG", "en")
    assert i18n.chosen_language(s) == "en"


# ---- the window in Chinese

# Words that are names, not language: losses, their parameters and inputs, choices, dtypes,
# file formats, devices, the app's own name.
NAMES = {
    *CATALOG,
    *(p.name for s in CATALOG.values() for p in (*s.params, *s.args)),
    *(str(c) for s in CATALOG.values() for p in s.params for c in (p.choices or ())),
    *DTYPES,
    *COLORMAPS,
    *OPTIMIZERS,
    *("PNG", "SVG", "PDF", "CSV", "NPZ", "JSON", "GIF", "MP4", "HDF5", "MLP", "PCA", "CUDA"),
    *("OpenGL", "PyOpenGL", "sha256", "auto", "cpu", "cuda", "none", "viridis", "English"),
    *("sigmoid", "softmax", "log_softmax", "Loss", "Explorer", "grad", "log10", "digits"),
    *("Huber", "SmoothL1", "MSE", "index", "html", "report", "pdf", "CET", "BCE", "NLL", "CTC"),
    *("BCEWithLogits", "logit", "logits", "forward", "betas", "log", "exp", "max", "cos", "inf"),
    *("torch", "activation", "SVM", "VAE", "Stirling", "True", "False"),
    *DISTANCES,
    *("random", "pca", "line", "hessian"),  # the landscape's directions, as the command spells
    *("Hessian", "BatchNorm", "CNN", "Transformer", "SLQ", "Hutchinson", "SAM", "rho"),
    *("max_eig", "min_eig", "min", "eig"),  # Li et al.'s names of the curvature maps
}


def _words(text: str) -> list[str]:
    """English words of three letters or more that are not names."""
    text = re.sub(r"\b\w+\.(?:py|json|h5|png|html|pdf)\b", "", text)  # file names
    text = re.sub(r"\b(?:params|inputs|axes)\.\w+", "", text)  # fields: params.margin
    text = re.sub(r"\w+\[[\d, ]*\]", "", text)  # slots: input[0], target[1, 2]
    text = re.sub(r"\d+x\d+", "", text)  # grid sizes
    text = re.sub(r"\b[A-Za-z]_\w+", "", text)  # subscripts in formulas: x_i, p_t
    text = re.sub(r"torch warns: .*|「[^」]*」", "", text)  # torch's own words, quoted
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_0-9]{2,}", text) if w not in NAMES]


def _shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """What a person can read in `root`: labels, buttons, titles, tabs, menus, tooltips,
    placeholders, list items, help text (what they typed, values in fields, is not included)."""
    out: list[tuple[str, str]] = []
    widgets = [root, *(w for w in root.findChildren(QWidget) if w.isVisibleTo(root))]
    widgets += [m for m in root.findChildren(QMenu) if m not in widgets]  # menus, while closed
    for w in widgets:
        name = type(w).__name__
        if w.toolTip():
            out.append((f"{name} tooltip", w.toolTip()))
        if isinstance(w, QLabel | QAbstractButton):
            out.append((name, w.text()))
        if isinstance(w, QGroupBox):
            out.append((name, w.title()))
        if isinstance(w, QLineEdit):
            out.append((f"{name} placeholder", w.placeholderText()))
        if isinstance(w, QTextBrowser):
            out.append((name, w.toPlainText()))
        if isinstance(w, QDockWidget) or w.isWindow():
            out.append((f"{name} title", w.windowTitle()))
        if isinstance(w, QTabWidget):
            out += [("tab", w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QComboBox):  # choices that are words, not names
            out += [("combo", w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QTreeWidget):
            items = [w.topLevelItem(i) for i in range(w.topLevelItemCount())]
            for group in items:
                out.append(("group", group.text(0)))
                for k in range(group.childCount()):
                    out.append(("item tooltip", group.child(k).toolTip(0)))
        if isinstance(w, QMenu):
            out.append(("menu", w.title()))
            out += [("action", a.text()) for a in w.actions() if not a.isSeparator()]
    return [(where, text) for where, text in out if text]


@pytest.fixture
def chinese(qapp):
    translators = i18n.install(qapp, "zh_CN")
    assert translators, "the zh_CN translation did not load"
    yield
    for t in translators:
        QApplication.removeTranslator(t)


def _figure_texts(window) -> list[tuple[str, str]]:
    """The figure on screen: its title (loss, minimum, the geometry's notes) and axis labels."""
    view = window.views.currentWidget()
    plot = getattr(getattr(view, "figure", None), "plot", None)
    if plot is None:
        return []
    out = [("figure title", re.sub(r"<[^>]+>", " ", plot.titleLabel.text))]
    for side in ("left", "bottom", "right"):
        axis = plot.getAxis(side)
        if axis.isVisible():
            out.append((f"{side} axis", axis.labelText))
    return out


def _english_left(root: QWidget) -> list[tuple[str, str, list[str]]]:
    texts = _shown_texts(root) + (_figure_texts(root) if hasattr(root, "views") else [])
    return [(where, text, w) for where, text in texts if (w := _words(text))]


def test_the_window_in_chinese_shows_no_english(chinese, qtbot, new_window, tmp_path) -> None:
    from ui.studies.record_dialog import RecordDialog

    w = new_window(drawn=False)
    found: list = []
    # every loss: its parameter panel, its "About this loss", the distributions where shown
    for name in CATALOG:
        w.model.set_loss(name)
        qtbot.waitUntil(lambda n=name: w.idle and w.shown is not None
                        and w.shown.result.recipe["loss"] == n, timeout=20_000)  # fmt: skip
        found += [(name, *f) for f in _english_left(w)]
    assert w.menuBar().actions()[0].text() == "文件(&F)"
    assert w.tabs.tabText(0) == "损失函数"
    w.report_dock.show()  # the report dock and the model landscape tab
    w.tabs.setCurrentIndex(1)
    found += [("landscape", *f) for f in _english_left(w)]
    w.tabs.setCurrentIndex(0)
    # the dialogs (precision on a loss every dtype computes: torch's refusals are its words)
    w.model.set_loss("MSELoss")
    qtbot.waitUntil(lambda: w.idle and w.shown.result.recipe["loss"] == "MSELoss", timeout=20_000)
    record = RecordDialog(w, ["params.margin"], None, tmp_path / "x.gif")
    found += [("record", *f) for f in _english_left(record)]
    record.close()
    assert w.studies.precision()
    qtbot.waitUntil(lambda: w.studies.precision_dialog is not None, timeout=30_000)
    found += [("precision", *f) for f in _english_left(w.studies.precision_dialog)]
    w.studies.precision_dialog.close()
    assert not found, "\n".join(map(str, found))
    w.close()


def test_the_word_check_finds_english(chinese, qtbot) -> None:
    """The check above can fail: an untranslated label is caught, a translated one is not."""
    box = QWidget()
    qtbot.addWidget(box)
    QLabel("Filter the losses", box)
    QLabel(i18n.translate("window", "Loss functions"), box)
    assert [t for _, t, _ in _english_left(box)] == ["Filter the losses"]


def test_the_language_menu_remembers_the_choice(window, monkeypatch) -> None:
    monkeypatch.delenv("LOSS_EXPLORER_LANG", raising=False)
    languages = window.language_menu
    assert languages.title() == "&Language"
    assert [a.text() for a in languages.actions()] == ["English", "简体中文"]
    before = list(i18n.LANGUAGES).index(i18n.chosen_language(window.settings))
    assert languages.actions()[before].isChecked()
    chinese = languages.actions()[1]
    chinese.trigger()
    assert window.settings.value("language") == "zh_CN"
    assert i18n.chosen_language(window.settings) == "zh_CN"
    assert "starts again" in window.status.currentMessage()


def test_errors_and_warnings_of_the_engine_are_said_in_chinese(chinese, qtbot, new_window) -> None:
    """A value torch refuses (an error under its field and in the status bar) and one it computes
    but is likely a mistake (a warning): the core's sentences, translated, with its values."""
    w = new_window()
    with qtbot.waitSignal(w.failed, timeout=20_000) as failed:
        w.model.set_param("delta", -1.0)
    field = w.params.fields["params.delta"]
    assert failed.args[1] == "params.delta: 必须 > 0，得到的是 -1"
    assert field.error.text() == failed.args[1]
    assert w.status.currentMessage() == "未绘制：params.delta: 必须 > 0，得到的是 -1"
    assert not _english_left(w)
    w.model.set_loss("SoftMarginLoss")
    qtbot.waitUntil(lambda: w.idle and w.shown.result.recipe["loss"] == "SoftMarginLoss")
    w.model.set_input("target", [0.5, 1.0])
    qtbot.waitUntil(lambda: w.idle and w.shown.result.recipe["inputs"]["target"] == [0.5, 1.0])
    warning = w.inputs.fields["inputs.target"].error.text()
    assert warning == "警告：0.5 不满足 ∈ {-1, 1}；torch 仍会计算，但这很可能是个错误", warning
    assert not _english_left(w)
    w.close()


def test_errors_from_the_process_of_your_losses_keep_their_template(chinese) -> None:
    """Your loss runs in another process: its errors cross the pipe pickled, as Messages."""
    import pickle

    from explorer.checks import RecipeError
    from explorer.custom.process import _error

    try:
        raise ValueError("boom")
    except ValueError as e:
        field, said = pickle.loads(pickle.dumps(_error(e)))
    assert field == "loss" and str(said).startswith("your loss raised ValueError: boom (")
    assert (
        RecipeError(field, said)
        .text(i18n.message)
        .startswith("loss: 自定义损失抛出 ValueError：「boom (")
    )
