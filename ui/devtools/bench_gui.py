"""`main.py bench-gui`: drag a parameter through 200 values in a real (offscreen) window.

Reports, per grid size, the latency from each slider move to the first repainted frame that
includes it (p50, p95), the frames drawn, and the longest stall of the GUI event loop, with
contour lines and the gradient field on. The drag moves the slider every 16 ms (a 60 Hz mouse);
moves made while a frame is computing are shown together by the next one. Then where the time
goes: each part's wall and CPU time a frame, and an edit's latency split into its steps (the
compute process stamps its times on the same monotonic clock).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

import numpy as np

# An edit's journey to the screen: the times the bench follows, and the steps between them.
OUTCOME_STAMPS = ("computing", "computed", "returned")  # in Outcome.stamps
STAMPS = ("edit", "sent", *OUTCOME_STAMPS, "painting", "painted")
STEPS = (
    "waiting for the request before it",
    "to the compute (worker thread, compute process)",
    "computing",
    "back to the worker thread",
    "to the GUI thread, drawing, until the paint",
    "painting",
)


def drag_recipe(loss: str, size: int) -> dict:
    """The loss's default recipe on a size x size grid; RecipeError when it is not valid."""
    import explorer

    r = explorer.default_recipe(loss)
    for ax in r["axes"]:
        ax["num"] = size
    return explorer.check(r)[0]


def run_size(size: int, values: int, loss: str, param: str, interval_ms: int) -> dict:
    from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.window import MainWindow

    app = QApplication.instance()
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(os.path.join(tmp, "s.ini"), QSettings.Format.IniFormat)
        w = MainWindow(settings=settings)
        w.resize(1400, 850)
        w.show()
        r = drag_recipe(loss, size)
        if w.worker.process is not None:  # measure the app as it runs once started
            w.worker.process.wait_ready()
        w.model.load(r)
        slider = w.params.fields[f"params.{param}"].slider
        sent: dict[int, float] = {}  # request id -> time it went to the worker
        edits: list[float] = []  # times of slider moves not yet on screen
        latencies: list[float] = []
        journeys: list[list[float]] = []  # per edit: the time of each of STAMPS
        gaps: list[float] = []
        submit = w.worker.submit

        def submit_and_note(request) -> None:
            sent[request.id] = time.perf_counter()
            submit(request)

        w.worker.submit = submit_and_note

        frames = [0]
        awaiting: list[int] = []  # drawn request ids whose frame is not painted yet
        worker_s: list[float] = []  # per drawn frame: the worker's evaluation + overlay
        parts: dict[str, list[tuple[float, float]]] = {}  # worker part -> (wall, CPU) a frame
        paint_start = [0.0, 0.0]
        show = w.views.show_outcome

        def timed_show(result, overlay, compare) -> None:
            t0, c0 = time.perf_counter(), time.thread_time()
            show(result, overlay, compare)
            wall, cpu = time.perf_counter() - t0, time.thread_time() - c0
            parts.setdefault("GUI draw", []).append((wall, cpu))

        w.views.show_outcome = timed_show

        def on_drawn(request_id: int) -> None:
            awaiting.append(request_id)
            if w.shown is not None:
                worker_s.append(w.shown.seconds)
                for part, times in w.shown.phases.items():
                    parts.setdefault(f"worker {part}", []).append(times)

        class PaintWatch(QObject):
            """Times the end of the viewport's paint that follows each drawn result."""

            def eventFilter(self, obj, event) -> bool:
                if event.type() == QEvent.Type.Paint and awaiting:
                    paint_start[:] = time.perf_counter(), time.thread_time()
                    QTimer.singleShot(0, painted)  # runs once this paint event is done
                return False

        def painted() -> None:
            if not awaiting:
                return
            request_id = max(awaiting)
            awaiting.clear()
            frames[0] += 1
            now = time.perf_counter()
            paint = (now - paint_start[0], time.thread_time() - paint_start[1])
            parts.setdefault("GUI paint", []).append(paint)
            shown = [t for t in edits if t <= sent.get(request_id, -1.0)]
            latencies.extend(now - t for t in shown)  # each edit's wait for a frame with it
            del edits[: len(shown)]
            st = w.shown.stamps if w.shown is not None and w.shown.id == request_id else {}
            if shown and all(k in st for k in OUTCOME_STAMPS):
                marks = [sent[request_id], *(st[k] for k in OUTCOME_STAMPS), paint_start[0], now]
                journeys.extend([t, *marks] for t in shown)

        watch = PaintWatch()
        for view in (w.views.surface.figure, w.views.curve.figure):
            view.viewport().installEventFilter(watch)
        w.drawn.connect(on_drawn)
        loop = QEventLoop()
        deadline = time.perf_counter() + 120
        while w.shown is None or w.shown.id != w.latest:  # first frame, not measured
            if time.perf_counter() > deadline:
                raise RuntimeError("the first frame was not drawn within 120 s")
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)

        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        heartbeat = QTimer()
        heartbeat.setInterval(2)
        heartbeat.timeout.connect(tick)
        step = [0]

        def drag() -> None:
            k = step[0]
            if k == values:
                driver.stop()
                QTimer.singleShot(500, loop.quit)  # let the last frame land
                return
            edits.append(time.perf_counter())
            slider.setValue(round(slider.maximum() * (0.02 + 0.98 * k / (values - 1))))
            step[0] += 1

        driver = QTimer()
        driver.setInterval(interval_ms)
        driver.timeout.connect(drag)
        heartbeat.start()
        driver.start()
        loop.exec()
        heartbeat.stop()
        w.close()
        w.deleteLater()
    lat = sorted(x * 1e3 for x in latencies)
    return {
        "size": size,
        "frames": frames[0],
        "p50": statistics.median(lat) if lat else float("nan"),
        "p95": lat[min(len(lat) - 1, int(0.95 * len(lat)))] if lat else float("nan"),
        "stall": max(gaps) if gaps else float("nan"),
        # where the time goes, medians per frame
        "worker": _median_ms(worker_s),
        "draw": _median_ms([p[0] for p in parts.get("GUI draw", [])]),
        "paint": _median_ms([p[0] for p in parts.get("GUI paint", [])]),
        "steps": _steps(journeys),
        "parts": {
            k: (_median_ms([p[0] for p in v]), _median_ms([p[1] for p in v]))
            for k, v in sorted(parts.items())
        },
    }


def _steps(journeys: list[list[float]]) -> dict[str, tuple[float, float]]:
    """Each step's median and its mean over the slowest 10% of edits, in ms."""
    if not journeys:
        return {}
    steps = np.diff(np.array(journeys), axis=1) * 1e3
    slow = steps.sum(1) >= np.percentile(steps.sum(1), 90)
    return {
        step: (float(np.median(steps[:, k])), float(steps[slow, k].mean()))
        for k, step in enumerate(STEPS)
    }


def _median_ms(xs: list[float]) -> float:
    return statistics.median(xs) * 1e3 if xs else float("nan")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="main.py bench-gui", description=__doc__)
    p.add_argument("--sizes", type=int, nargs="+", default=[128, 256, 512])
    p.add_argument("--values", type=int, default=200)
    p.add_argument("--loss", help="default: the window's first loss")
    p.add_argument("--param", help="the float parameter dragged (default: the loss's first)")
    p.add_argument("--interval", type=int, default=16, help="ms between drag steps")
    args = p.parse_args(argv)
    if args.values < 2:
        p.error("--values: a drag needs at least 2 values")
    from explorer.catalog import CATALOG, DEFAULT_LOSS
    from explorer.recipes import RecipeError

    args.loss = args.loss or DEFAULT_LOSS
    if args.param is None and args.loss in CATALOG:
        floats = [q.name for q in CATALOG[args.loss].params if q.kind == "float"]
        args.param = floats[0] if floats else ""

    for size in args.sizes:
        try:
            recipe = drag_recipe(args.loss, size)
        except RecipeError as e:
            p.error(f"--loss {args.loss} --sizes {size}: {e}")
        if args.param not in recipe["params"] or isinstance(recipe["params"][args.param], str):
            p.error(f"--param: {args.loss} has no numeric parameter {args.param!r}")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    rows = [run_size(s, args.values, args.loss, args.param, args.interval) for s in args.sizes]
    print(
        f"| {args.loss} drag of {args.param}, {args.values} values | frames drawn "
        "| latency p50 ms | latency p95 ms | longest GUI stall ms "
        "| worker ms/frame | draw ms/frame | paint ms/frame |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['size']}x{r['size']} | {r['frames']} | {r['p50']:.1f} | {r['p95']:.1f} "
            f"| {r['stall']:.0f} | {r['worker']:.1f} | {r['draw']:.1f} | {r['paint']:.1f} |"
        )
    # Where the time goes: a part's wall time beyond its own thread's CPU time was spent waiting
    # for a core or for the GIL (two cores here, shared by the worker and the GUI thread).
    print()
    heads = " | ".join(f"{r['size']}² wall / CPU" for r in rows)
    print(f"| part, median ms a frame | {heads} |")
    print("|---|" + "---:|" * len(rows))
    for part in sorted({p for r in rows for p in r["parts"]}):
        cells = [
            "{:.1f} / {:.1f}".format(*r["parts"][part]) if part in r["parts"] else "" for r in rows
        ]
        print(f"| {part} | " + " | ".join(cells) + " |")
    # Where an edit's latency goes: each step's median, and its mean over the slowest 10% edits
    print()
    heads = " | ".join(f"{r['size']}² median / slowest 10%" for r in rows)
    print(f"| an edit's steps, ms | {heads} |")
    print("|---|" + "---:|" * len(rows))
    for step in STEPS:
        cells = [
            "{:.1f} / {:.1f}".format(*r["steps"][step]) if step in r["steps"] else "" for r in rows
        ]
        print(f"| {step} | " + " | ".join(cells) + " |")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
