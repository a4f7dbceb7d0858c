"""About this loss: its formula, when to use it, each parameter in a line, and its pitfalls
(explorer.catalog.guide), beside the list of losses."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser

from explorer.catalog.guide import about
from ui.i18n import translate


class AboutPanel(QTextBrowser):
    def __init__(self) -> None:
        super().__init__()
        self.setOpenExternalLinks(False)
        self.name = ""

    def show_loss(self, name: str) -> None:
        if name == self.name:
            return
        self.name = name
        a = about(name)
        parts = []
        if a["formula"]:
            parts.append(
                f"<p style='font-family: serif; font-size: 12pt'>"
                f"{html.escape(translate('formulas', a['formula']))}</p>"
            )
        parts.append(f"<p>{html.escape(translate('guide', a['use']))}</p>")
        if a["params"]:
            rows = "".join(
                f"<li><b>{html.escape(n)}</b>: {html.escape(translate('guide', h))}</li>"
                for n, h in a["params"]
            )
            title = translate("about_panel", "Parameters")
            parts.append(f"<p><b>{title}</b></p><ul>{rows}</ul>")
        if a["pitfalls"]:
            rows = "".join(f"<li>{html.escape(translate('guide', t))}</li>" for t in a["pitfalls"])
            title = translate("about_panel", "Pitfalls")
            parts.append(f"<p><b>{title}</b></p><ul>{rows}</ul>")
        self.setHtml("".join(parts))
