"""What the soak measures: the report, resident memory, and what holds it."""

from __future__ import annotations

import os
import tracemalloc
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
)


@dataclass
class Report:
    steps: int = 0
    tour_steps: int = 0  # the warm-up's tour of every loss and field, before the random steps
    actions: Counter = field(default_factory=Counter)  # gesture kinds
    reached: Counter = field(default_factory=Counter)  # widget classes acted on
    # the main window's labelled buttons and menu entries acted on, and all it has (at the end)
    pressed: set[str] = field(default_factory=set)
    labelled: set[str] = field(default_factory=set)
    dialogs: Counter = field(default_factory=Counter)  # dialogs and popups that came up
    exceptions: list[str] = field(default_factory=list)
    driver_errors: list[str] = field(default_factory=list)  # the stranger's own mistakes
    warnings: Counter = field(default_factory=Counter)  # Python warnings printed, by where
    input: str = "qt"
    rss_open_mb: float = 0.0  # with the window just open, before the warm-up
    rss_start_mb: float = 0.0
    rss_end_mb: float = 0.0
    seconds: float = 0.0
    imported: list[str] = field(default_factory=list)  # modules first imported after warm-up
    cache_mb: tuple[float, float] = (0.0, 0.0)  # results kept for redraws, at start and end
    # the compute process (ui.compute.process), measured with the window: after warm-up, end
    child_mb: tuple[float, float] = (0.0, 0.0)
    child_pids: set[int] = field(default_factory=set)  # more than one: a child was replaced
    # what Python holds at each measurement (numpy and torch bytes, widgets, generators...),
    # after warm-up and at the end: the holders of a growth
    holdings: tuple[Counter, Counter] = (Counter(), Counter())
    # with trace: where what was allocated after warm-up and is still held was allocated
    # (Python objects and numpy arrays, by tracemalloc), the largest first
    traced: list[str] = field(default_factory=list)
    # where memory grew: (MB, what the step before did), the largest rises between two steps
    rises: list[tuple[float, str]] = field(default_factory=list)
    # torch buffers of 1 MB or more made after warm-up and held at the end, with who holds them
    held_tensors: list[str] = field(default_factory=list)

    @property
    def growth_mb(self) -> float:
        return self.rss_end_mb - self.rss_start_mb


def rss_mb(pid: int | None = None) -> float:
    try:
        with open(f"/proc/{pid or os.getpid()}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # the child is gone
        return 0.0


def traced(top: int = 8) -> list[str]:
    """The largest holdings allocated since tracemalloc started, by where they were made (the
    innermost frames of ours, not the library's)."""
    snapshot = tracemalloc.take_snapshot().filter_traces(
        [tracemalloc.Filter(False, tracemalloc.__file__)]
    )
    out = []
    for stat in snapshot.statistics("traceback")[:top]:
        frames = [f for f in stat.traceback if "/site-packages/" not in f.filename][-3:]
        where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames))
        out.append(f"{stat.size / 2**20:.1f} MB in {stat.count} blocks at {where or '?'}")
    return out


def holdings() -> Counter:
    """What is held now: glibc's heap (in use, and free but kept), bytes of torch tensors
    (each buffer once), images, generators and frames, and widgets by the window they sit in.
    numpy's arrays are not tracked by gc: `trace` finds them."""
    import gc

    from ui.compute.memory import heap_mb, trim

    gc.collect()
    trim()
    held: Counter = Counter(heap_mb())
    objects = gc.get_objects()
    held["torch MB"] = sum(tensor_buffers().values()) / 2**20
    for o in objects:
        if type(o) is QImage:
            held["QImage MB"] += o.sizeInBytes() / 2**20
        elif type(o).__name__ in ("generator", "frame", "coroutine"):
            held[type(o).__name__ + "s"] += 1
    for w in QApplication.allWidgets():
        held[f"widgets in {type(w.window()).__name__}"] += 1
        held[f"{type(w).__name__} widgets"] += 1  # which kind a growth of widgets is
    held["Python objects"] = len(objects)
    return held


def tensor_buffers() -> dict[int, int]:
    """Every torch buffer Python holds: data pointer -> bytes."""
    import gc

    import torch

    buffers: dict[int, int] = {}
    for o in gc.get_objects():
        if issubclass(type(o), torch.Tensor):
            try:
                storage = o.untyped_storage()
                buffers[storage.data_ptr()] = storage.nbytes()
            except RuntimeError:  # no storage (a meta or sparse tensor)
                continue
    return buffers


def held_tensors(before: set[int], top: int = 6, min_bytes: int = 2**20) -> list[str]:
    """The largest torch buffers held now that were not held at `before`, each with a chain of
    what holds it (referrers, up to a module, a class or a widget): the holders of a growth."""
    import gc

    import torch

    gc.collect()
    new: dict[int, torch.Tensor] = {}
    for o in gc.get_objects():
        if issubclass(type(o), torch.Tensor):
            try:
                storage = o.untyped_storage()
            except RuntimeError:
                continue
            if storage.data_ptr() not in before and storage.nbytes() >= min_bytes:
                new.setdefault(storage.data_ptr(), o)
    largest = sorted(new.values(), key=lambda t: -t.untyped_storage().nbytes())[:top]
    ours = {id(new), id(largest)}
    out = []
    for t in largest:
        mb = t.untyped_storage().nbytes() / 2**20
        out.append(f"{mb:.1f} MB {tuple(t.shape)} {t.dtype} held by {holder_chain(t, ours)}")
    return out


def holder_chain(obj: object, ignore: set[int], depth: int = 8) -> str:
    """What holds `obj`, and what holds that, as far as `depth`: the first referrer each time
    that is not this search's own (its frames, its lists in `ignore`)."""
    import gc
    import inspect

    chain, seen = [], {id(obj), *ignore}
    for _ in range(depth):
        referrers: list = []
        referrers = [
            r
            for r in gc.get_referrers(obj)
            if id(r) not in seen and not (inspect.isframe(r) and r.f_code.co_filename == __file__)
        ]
        seen.add(id(referrers))  # (this list holds them too)
        if not referrers:
            break
        obj = referrers[0]
        seen.add(id(obj))
        chain.append(_name(obj))
        if inspect.ismodule(obj) or isinstance(obj, type):
            break
    return " <- ".join(chain) or "nothing the garbage collector tracks (a numpy array, C++)"


def _name(o: object) -> str:
    import inspect

    if inspect.isframe(o):
        return f"frame {o.f_code.co_name} ({Path(o.f_code.co_filename).name}:{o.f_lineno})"
    if inspect.isgenerator(o):
        code = o.gi_code
        return f"generator {code.co_name} ({Path(code.co_filename).name}:{code.co_firstlineno})"
    if isinstance(o, dict):
        keys = ", ".join(str(k) for k in list(o)[:4])
        return f"dict of {len(o)} ({keys})"
    if isinstance(o, list | tuple):
        return f"{type(o).__name__} of {len(o)}"
    return type(o).__qualname__
