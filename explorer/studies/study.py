"""What every study is, whatever it varies: a plan (`Vary`, `PathsSpec`) that runs on a recipe
with progress, and what it made (`Recording`, `Paths`, `Precision`): its data (NPZ), the JSON
that makes it again (`record --recipe`), and one line that says what it is (commands, captions).

The command line, the window's job lane and reports go through these, never through the kinds.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any, Protocol


class Study(Protocol):
    recipe: dict[str, Any]  # the normalized recipe it was made from

    def to_json(self) -> dict[str, Any]:
        """What `main.py record --recipe FILE.json` (or a report) reads to make it again."""
        ...

    def write_npz(self, path: str | Path) -> None:
        """Its data, with the JSON above inside (`recipe`)."""
        ...

    def summary(self) -> str:
        """One line: what was run and how it ended (the command prints it; captions quote it)."""
        ...

    def frame_count(self) -> int:
        """Frames of its animation (1: a still figure only)."""
        ...

    def still(self) -> tuple[Any, str]:
        """What its still figure draws (an evaluation's Result; a landscape's arrays) and which
        frame that is ('' when there is one)."""
        ...


class StudyPlan(Protocol):
    def run(self, recipe: dict[str, Any]) -> Generator[float, None, Study]:
        """Make the study on a normalized recipe, yielding the fraction done (cancel: close it)."""
        ...

    def to_json(self) -> Any: ...
