"""Loss Explorer. No arguments: the desktop app. With a command: the CLI (`main.py --help`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _write_figures(result, overlay, paths: list[Path], width: int, height: int, compare) -> None:
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # rendering files needs no screen
    app = QApplication.instance() or QApplication([])
    from ui.export import render_files

    render_files(result, overlay, paths, width, height, compare)
    del app


def _write_recording(rec, path: Path, fps: float, width: int, height: int, fixed: bool):
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication([])
    from ui.record import write_recording

    paths = write_recording(rec, path, fps, width, height, fixed)
    del app
    return paths


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        from ui.app import run

        return run()
    if argv[0] == "bench-gui":
        from ui.bench import main as bench_gui

        return bench_gui(argv[1:])
    if argv[0] == "report":
        from ui.report import main as report

        return report(argv[1:])
    if argv[0] == "soak":
        from ui.soak import main as soak

        return soak(argv[1:])
    from explorer.cli import main as cli

    return cli(argv, figure_writer=_write_figures, animation_writer=_write_recording)


if __name__ == "__main__":
    sys.exit(main())
