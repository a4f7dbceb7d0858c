"""The compute process (the app's default): the same outcomes as the worker's thread, newest
request wins, cancel and close stop it, a dead child is replaced, your losses stay here."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from dataclasses import fields

import numpy as np
import pytest
from PySide6.QtCore import QObject, Signal, Slot

import explorer
from explorer.catalog import CATALOG
from ui.compute import process as compute_process
from ui.compute import worker
from ui.compute.frame import Outcome, ResultCache, Superseded, compute
from ui.compute.process import Channel
from ui.compute.worker import ComputeWorker, Request


@pytest.fixture(scope="module")
def child():
    proc = compute_process.shared()
    assert proc.wait_ready(120), "the compute process did not start"
    return proc


class Relay(QObject):
    """Brings the worker's outcomes to this thread, as the window's scheduler does."""

    got = Signal(object)

    @Slot(object)
    def take(self, out: Outcome) -> None:
        self.got.emit(out)


_RELAYS: dict[int, Relay] = {}


def _worker(mode: str, process: compute_process.ComputeProcess | None = None) -> ComputeWorker:
    w = ComputeWorker(1, mode)
    if process is not None:  # a worker in process mode, on this child
        w.process = process
    relay = _RELAYS[id(w)] = Relay()
    w.done.connect(relay.take)
    return w


def _answer(qtbot, w: ComputeWorker, request: Request, timeout: int = 30_000) -> Outcome:
    got = _RELAYS[id(w)].got
    with qtbot.waitSignal(got, timeout=timeout, check_params_cb=lambda o: o.id == request.id) as b:
        w.submit(request)
    return b.args[0]


def _twin_recipe() -> dict:
    r = explorer.default_recipe("BCELoss")
    r.update(activation="sigmoid", inputs={"input": [0.3, -0.2], "target": [1.0, 0.0]})
    r["axes"] = [
        {"slot": s, "start": -3.0, "stop": 2.0, "num": 9} for s in ("input[0]", "input[1]")
    ]
    return r


def _cases() -> list[dict]:
    huber = explorer.default_recipe("HuberLoss")
    curve = explorer.default_recipe("MSELoss")
    curve["axes"] = curve["axes"][:1]
    curve["view"]["compare"] = ["L1Loss", "HuberLoss"]
    bad = explorer.default_recipe("HuberLoss")
    bad["params"]["delta"] = -1.0
    return [
        huber,
        explorer.default_recipe("CrossEntropyLoss"),  # distributions, per point and per grid
        explorer.default_recipe("TripletMarginLoss"),  # embedding points and margin boundary
        curve,
        _twin_recipe(),
        bad,
    ]


def _same(a, b, where: str = "") -> None:
    """Equal to the bit, arrays (NaN where NaN) and dataclasses field by field."""
    if isinstance(a, np.ndarray):
        np.testing.assert_array_equal(a, b, err_msg=where)
    elif hasattr(a, "__dataclass_fields__"):
        assert type(a) is type(b), where
        for f in fields(a):
            if f.name not in ("seconds", "phases", "evaluations", "stamps", "where"):
                _same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), where
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{where}[{k}]")
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for k in a:
            _same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, float) and np.isnan(a):
        assert np.isnan(b), where
    else:
        assert a == b, where


def test_the_process_answers_as_the_thread_does(qtbot, child) -> None:
    here, there = _worker("thread"), _worker("process")
    try:
        answers = []
        for k, recipe in enumerate(_cases(), start=1):
            request = Request.make(k, recipe)
            a, b = _answer(qtbot, here, request), _answer(qtbot, there, request)
            _same(a, b, recipe["loss"])
            assert (a.where, b.where) == ("thread", "process")
            assert a.error == b.error and a.twin == b.twin
            # the child's times are on the GUI process's clock: the bench follows edits by them
            s = b.stamps
            assert s["taken"] <= s["computing"] <= s["computed"] <= s["returned"], s
            answers.append(b)
        assert there.where == {"process": len(_cases()), "thread": 0}
        assert here.evaluations == there.evaluations > len(_cases())  # the point readouts too
        assert b.error.startswith("params.delta: must be > 0")
        assert b.error_field == "params.delta" and b.result is None
        assert "BCEWithLogitsLoss" in answers[4].twin  # sigmoid then BCE, against its twin
        assert answers[1].decomposition is not None and len(answers[3].compare) == 2
    finally:
        here.stop()
        there.stop()


def test_a_cancel_lands_in_the_overlay_and_the_evaluation_is_kept() -> None:
    """At 4096x4096 the overlay takes over a second: a cancel must not wait for it."""
    cache, calls = ResultCache(), []

    def check() -> None:  # one call per evaluation chunk, then the overlay's
        calls.append(1)
        if len(calls) == 2:
            raise Superseded

    request = Request.make(1, explorer.default_recipe("HuberLoss"))  # 256x256: one chunk
    with pytest.raises(Superseded):
        compute(request, cache, check, lambda f: None)
    assert len(calls) == 2 and cache.overlays_made == 0  # stopped in the overlay
    again = compute(request, cache, lambda: None, lambda f: None)
    assert again.evaluations == 0 and again.overlay is not None  # torch's work was kept


def test_results_arrive_writable_and_whole_through_the_channel() -> None:
    a, b = socket.socketpair()
    send, recv = Channel(a), Channel(b)
    big = np.random.default_rng(0).standard_normal((2048, 2048))  # 32 MB, past socket buffers
    got: list = []
    reader = threading.Thread(target=lambda: got.append(recv.recv()))
    reader.start()
    send.send(("done", 3, {"big": big, "empty": np.empty((0, 2)), "text": "ok"}))
    reader.join(30)
    kind, job, data = got[0]
    assert (kind, job, data["text"]) == ("done", 3, "ok")
    np.testing.assert_array_equal(data["big"], big)
    assert data["big"].flags.writeable and data["empty"].shape == (0, 2)
    send.close()
    with pytest.raises(EOFError):
        recv.recv()
    recv.close()


def _big(num: int = 2048) -> dict:
    r = explorer.default_recipe("CTCLoss")
    for ax in r["axes"]:
        ax["num"] = num  # seconds of work
    return r


def test_newest_request_wins_and_cancel_stops_the_process(qtbot, child) -> None:
    w = _worker("process")
    relay = _RELAYS[id(w)]
    seen: list[Outcome] = []
    relay.got.connect(seen.append)
    try:
        w.submit(Request.make(1, _big()))
        qtbot.wait(300)
        t0 = time.perf_counter()
        with qtbot.waitSignal(relay.got, timeout=10_000):
            w.submit(Request.make(2, explorer.default_recipe("HuberLoss")))
        assert [o.id for o in seen] == [2] and time.perf_counter() - t0 < 1.5  # 1 dropped
        w.submit(Request.make(3, _big()))
        qtbot.wait(300)
        t0 = time.perf_counter()
        with qtbot.waitSignal(relay.got, timeout=10_000):
            w.cancel()
        assert seen[-1].id == 3 and seen[-1].cancelled and time.perf_counter() - t0 < 1.0
        assert w.where["thread"] == 0
    finally:
        w.stop()


def test_a_dead_process_is_replaced_and_nothing_is_lost(qtbot, child) -> None:
    w = _worker("process")
    try:
        os.kill(child.pid, signal.SIGKILL)
        qtbot.waitUntil(lambda: not child.alive, timeout=5000)
        out = _answer(qtbot, w, Request.make(1, explorer.default_recipe("HuberLoss")))
        assert out.result is not None and w.where["thread"] == 1  # answered here meanwhile
        assert out.where == "thread"
        assert child.wait_ready(120)  # and a new child started
        out = _answer(qtbot, w, Request.make(2, explorer.default_recipe("MSELoss")))
        assert out.result is not None and w.where["process"] == 1 and out.where == "process"
    finally:
        w.stop()


def test_your_losses_are_computed_in_the_thread(monkeypatch) -> None:
    """Their catalog entries exist only in this process (their code runs in their own)."""

    class Remote:
        remote = object()

    spec = CATALOG["HuberLoss"]
    monkeypatch.setitem(
        CATALOG, "/x/mine.py:loss", type(spec)(**{**vars(spec), "family": Remote()})
    )
    mine = {**explorer.default_recipe("HuberLoss"), "loss": "/x/mine.py:loss"}
    assert not worker._in_child_catalog(Request.make(1, mine).recipe_json)
    compared = explorer.default_recipe("MSELoss")
    compared["view"]["compare"] = ["/x/mine.py:loss"]
    assert not worker._in_child_catalog(Request.make(1, compared).recipe_json)
    assert worker._in_child_catalog(Request.make(1, explorer.default_recipe("MSELoss")).recipe_json)


def test_a_window_in_process_mode_draws_torch_and_closes_promptly(qtbot, new_window, child) -> None:
    w = new_window(timeout=30_000, compute="process")
    w.model.set_param("delta", 0.5)
    qtbot.waitUntil(lambda: w.idle and w.shown.id == w.latest, timeout=30_000)
    assert w.worker.where["process"] >= 1
    assert w.status_label.text().startswith("cpu, compute process  |  256x256 points  |  computed")
    want = explorer.evaluate(w.model.recipe)
    np.testing.assert_array_equal(w.shown.result.loss, want.loss)
    np.testing.assert_array_equal(w.shown.result.grad, want.grad)
    before = w.worker.evaluations
    w.model.set_view("colormap", "magma")  # view only: the child's cache answers
    qtbot.waitUntil(lambda: w.idle and w.shown.id == w.latest, timeout=30_000)
    assert w.worker.evaluations == before and w.worker.cache_bytes() > 0
    assert "redrawn from the kept result" in w.status_label.text()
    w.model.load(_big())
    qtbot.wait(300)
    t0 = time.perf_counter()
    w.close()
    assert not w.worker.running and time.perf_counter() - t0 < 1.5


@pytest.mark.slow
def test_soak_in_process_mode_raises_nothing(qapp, monkeypatch, child) -> None:
    """A short `main.py soak` of the app as it runs: it reports the compute process's memory."""
    from ui.devtools.soak import run

    monkeypatch.setenv("LOSS_EXPLORER_COMPUTE", "process")
    rep = run(steps=40, seed=1, warmup=10)
    assert rep.steps == 40 and not rep.exceptions, rep.exceptions[:3]
    assert rep.child_pids == {child.pid} and min(rep.child_mb) > 100  # torch is loaded there


def test_a_child_that_cannot_start_is_given_up_and_the_thread_computes(qtbot, monkeypatch) -> None:
    """A broken install (the child dies on import) costs a few tries, then nothing."""
    monkeypatch.setattr(compute_process, "CHILD_CODE", "raise SystemExit(3)")
    proc = compute_process.ComputeProcess()
    w = _worker("thread", proc)
    try:
        for k in range(1, 7):
            proc.start()
            qtbot.waitUntil(lambda: not proc.alive, timeout=10_000)
            out = _answer(qtbot, w, Request.make(k, explorer.default_recipe("HuberLoss")))
            assert out.result is not None  # every request is answered, by the thread
        assert w.where == {"process": 0, "thread": 6}
        assert proc.restarts == compute_process.MAX_RESTARTS + 1 and not proc.alive
    finally:
        w.stop()
        proc.stop()


def test_clearing_the_cache_never_waits_for_a_running_job(qtbot, child) -> None:
    w = _worker("process")
    try:
        _answer(qtbot, w, Request.make(1, explorer.default_recipe("MSELoss")))
        w.submit(Request.make(2, _big()))
        qtbot.wait(300)  # the 2048x2048 job runs in the child
        t0 = time.perf_counter()
        w.clear_cache()
        assert time.perf_counter() - t0 < 0.05 and w.cache_bytes() == 0
        huber = explorer.default_recipe("HuberLoss")
        out = _answer(qtbot, w, Request.make(3, huber))  # supersedes the job, then clears
        one = out.result.loss.nbytes + out.result.grad.nbytes
        assert w.cache_bytes() == one  # only this answer is kept: the MSE result went
    finally:
        w.stop()
