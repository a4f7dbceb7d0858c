"""Keeping the translation files up to date: `python -m ui.devtools.translations [LANGUAGE]`
extracts the strings into the .ts files (new ones unfinished, translations of unchanged ones kept)
and compiles the .qm the app loads (see ui.i18n)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from ui.i18n import FOLDER

UI = Path(__file__).resolve().parents[1]  # the ui package: lupdate reads its calls


def content_texts() -> dict[str, list[str]]:
    """Context -> its texts: every sentence of "About this loss" in catalog order, once each
    ("guide"), the groups of the loss list ("groups") and the example recipes' menu names
    ("examples")."""
    from explorer.catalog import CATALOG, GROUPS
    from explorer.catalog.formulas import formula
    from explorer.catalog.guide import PITFALLS, USE
    from explorer.custom import GROUP
    from explorer.drawing import distributions, geometry
    from explorer.studies import precision
    from resources import example_recipes, example_title

    texts: list[str] = []
    for name, spec in CATALOG.items():
        texts += [USE.get(name, spec.help), spec.help, *PITFALLS.get(name, ())]
        texts += [p.help for p in (*spec.params, *spec.args)]
    return {
        "guide": list(dict.fromkeys(t for t in texts if t)),
        "groups": [*GROUPS, GROUP],
        "formulas": [f for name in CATALOG if (f := formula(name)) and _has_prose(f, name)],
        "messages": list(
            dict.fromkeys(
                [
                    *distributions.MESSAGES,
                    *precision.MESSAGES,
                    *geometry.MESSAGES,
                    *core_templates(),
                ]
            )
        ),
        "examples": [example_title(p) for p in example_recipes()],
    }


def core_templates() -> list[str]:
    """The sentences of the Qt-free core: the templates of `Message("...", ...)` and the constant
    messages of `RecipeError(field, "...")` and `warn(field, "...")` in explorer/, in file order."""
    import ast

    import explorer

    out: list[str] = []
    for path in sorted(Path(explorer.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            k = {"Message": 0, "RecipeError": 1, "warn": 1}.get(name)
            if k is None or len(node.args) <= k:
                continue
            arg = node.args[k]
            text = arg.value if isinstance(arg, ast.Constant) else None
            if isinstance(text, str) and re.search(r"[A-Za-z]{2,}", re.sub(r"\{\w*\}", "", text)):
                out.append(text)  # words besides the placeholders
    return out


MATH = {"log", "exp", "max", "min", "cos", "sum", "eps"}


def _has_prose(formula: str, name: str) -> bool:
    """Whether a formula has words to translate besides functions and the loss's own names."""
    from explorer.catalog import CATALOG

    spec = CATALOG[name]
    names = MATH | {p.name for p in (*spec.params, *spec.args)}
    words = re.findall(r"[A-Za-z][A-Za-z_]{2,}", formula)
    return any(w not in names and not re.fullmatch(r"[A-Za-z]_\w*", w) for w in words)


def read_ts(path: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation, None where it is unfinished."""
    out: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for m in context.iter("message"):
            t = m.find("translation")
            done = t is not None and t.get("type") not in ("unfinished", "vanished", "obsolete")
            out[(name, m.findtext("source", ""))] = (t.text or "") if done else None
    return out


def write_content_ts(path: Path, language: str) -> None:
    """The content's .ts, keeping the translations of texts that did not change."""
    old = read_ts(path) if path.exists() else {}
    root = ET.Element("TS", version="2.1", language=language)
    for name, texts in content_texts().items():
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for text in texts:
            m = ET.SubElement(context, "message")
            ET.SubElement(m, "source").text = text
            translation = old.get((name, text))
            t = ET.SubElement(m, "translation")
            if translation is None:
                t.set("type", "unfinished")
            else:
                t.text = translation
    ET.indent(root)
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        + ET.tostring(root, encoding="unicode")
        + "\n",
        encoding="utf-8",
    )


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"error: {name} not found (it comes with PySide6)")
    return found


def ts_files(language: str) -> tuple[Path, Path]:
    """The interface's .ts and the content's .ts of a language."""
    return FOLDER / f"loss_explorer_{language}.ts", FOLDER / f"content_{language}.ts"


def update(language: str = "zh_CN") -> None:
    """Extract the strings into the .ts files, then compile both into the .qm the app loads."""
    FOLDER.mkdir(exist_ok=True)
    ui_ts, content_ts = ts_files(language)
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *sources,
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            language,
            "-ts",
            str(ui_ts),
        ],
        check=True,
    )
    write_content_ts(content_ts, language)
    subprocess.run(
        [
            _tool("pyside6-lrelease"),
            str(ui_ts),
            str(content_ts),
            "-qm",
            str(FOLDER / f"loss_explorer_{language}.qm"),
        ],
        check=True,
    )


if __name__ == "__main__":
    update(*sys.argv[1:])
