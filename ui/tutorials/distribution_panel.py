"""Target and predicted distributions as bars (CrossEntropyLoss, NLLLoss, KLDivLoss), with cross
entropy decomposed into H(p) + KL(p || q) at the recipe's own point
(explorer.drawing.distributions)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from explorer.drawing.distributions import Decomposition
from ui.figures.figure import no_si_prefix
from ui.i18n import message, translate


class DistributionPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.plot_widget = pg.PlotWidget()
        self.plot_widget.setFixedHeight(170)
        self.plot: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(False, False)
        self.plot.addLegend(offset=(-5, 5))
        self.plot.setYRange(0, 1, padding=0.05)
        self.plot.setLabel("bottom", translate("distribution_panel", "class"))
        no_si_prefix(self.plot)
        self.p_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush="#1f77b4")
        self.q_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush="#ff7f0e")
        self.plot.addItem(self.p_bars)
        self.plot.addItem(self.q_bars)
        self.plot.legend.addItem(self.p_bars, translate("distribution_panel", "target p"))
        self.plot.legend.addItem(self.q_bars, translate("distribution_panel", "predicted q"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.plot_widget)
        lay.addWidget(self.text)
        self.hide()

    def show_decomposition(self, d: Decomposition | None) -> None:
        if d is None:
            self.hide()
            return
        k = np.arange(len(d.p))
        self.p_bars.setOpts(x=k - 0.2, height=d.p)
        self.q_bars.setOpts(x=k + 0.2, height=d.q)
        self.plot.setXRange(-0.6, len(d.p) - 0.4, padding=0)
        self.plot.getAxis("bottom").setTicks([[(int(i), str(i)) for i in k]])
        self.plot.setYRange(0, max(1.0, float(np.max(d.q)), float(np.max(d.p))), padding=0.05)
        self.text.setText(d.text(message))
        self.show()
