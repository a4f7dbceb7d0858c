"""The compute process: a child that runs `ui.compute.frame.compute` for the worker.

Why a process: torch releases the GIL, but contourpy, numpy's small operations and the engine's
Python do not, and neither does PySide6 while it paints. In one process the worker's frame and
the GUI's paint took turns on the GIL (evaluate: 21 ms wall for 11 ms of CPU at 256x256); in a
child each has a core (docs/FINDINGS.md).

One child serves every worker of the GUI process, one job at a time, and keeps its own result
cache. It is a plain `python -c` subprocess on two socket pairs, so it never re-imports the
program that started it. Results come back with their arrays as raw buffers (pickle 5): a 400 MB
result is copied once, into arrays the window may write. A job is stopped at its next chunk by
sending its number on the second socket; the child answers "superseded".

The worker computes in its own thread until the child says it is ready (it imports torch), for
losses registered in this process only (your losses), and when the child has died; the next
request starts another, a few times at most.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import select
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ui.compute.frame import Outcome, Request, ResultCache, Superseded, compute
from ui.compute.memory import TRIM_AFTER_BYTES, give_back, keep_freed_memory, result_bytes, trim

MAX_RESTARTS = 3  # a child that keeps dying is not started again: the worker's thread computes
IDLE_TRIM_S = 1.0
CHILD_CODE = "from ui.compute.process import main; main()"
ROOT = Path(__file__).resolve().parents[2]  # where `ui` and `explorer` are imported from


class ProcessGone(Exception):
    """The child exited or broke its pipe; the worker computes this request itself."""


class Channel:
    """Pickled messages over a stream socket, arrays as raw buffers (pickle 5).

    A message is read with one `recv_into(..., MSG_WAITALL)` per part: each read of
    multiprocessing's Connection takes the GIL again, and the GUI thread holds it while it
    paints (5.5 ms a 256x256 frame in the pipe, against 2 ms this way: docs/FINDINGS.md).
    """

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def send(self, obj: Any) -> None:
        buffers: list[pickle.PickleBuffer] = []
        head = pickle.dumps(obj, protocol=5, buffer_callback=buffers.append)
        raws = [b.raw() for b in buffers]
        sizes = struct.pack(f"<{len(raws) + 2}q", len(head), len(raws), *(r.nbytes for r in raws))
        self.sock.sendall(struct.pack("<q", len(sizes)) + sizes + head)
        for raw in raws:
            self.sock.sendall(raw)

    def _read(self, n: int) -> bytearray:
        buf = bytearray(n)
        view, got = memoryview(buf), 0
        while got < n:  # one call unless a signal cuts it short
            k = self.sock.recv_into(view[got:], n - got, socket.MSG_WAITALL)
            if k == 0:
                raise EOFError("the other end closed")
            got += k
        return buf

    def recv(self) -> Any:
        (n,) = struct.unpack("<q", self._read(8))
        sizes = self._read(n)
        head_len, count = struct.unpack_from("<2q", sizes)
        lengths = struct.unpack_from(f"<{count}q", sizes, 16)
        head = self._read(head_len)
        data = memoryview(self._read(sum(lengths)))  # writable: the arrays built on it are too
        parts, at = [], 0
        for length in lengths:
            parts.append(data[at : at + length])
            at += length
        return pickle.loads(head, buffers=parts)

    def poll(self, timeout: float) -> bool:
        return bool(select.select([self.sock], [], [], timeout)[0])

    def close(self) -> None:
        self.sock.close()


def _serve(conn: Channel, cancels: Channel, threads: int) -> None:
    """The child's loop: ("run", job, Request) | ("clear",) | ("stop",)."""
    import torch

    if threads:
        torch.set_num_threads(threads)
    keep_freed_memory()
    cache = ResultCache()
    stopped: set[int] = set()  # jobs the GUI process asked to stop
    conn.send(("ready",))
    while True:
        if not conn.poll(IDLE_TRIM_S):
            trim()  # a second without work: what the last jobs freed goes back
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return  # the GUI process is gone
        if msg[0] == "stop":
            return
        if msg[0] == "clear":
            cache.clear()
            give_back()
            continue
        _, job, request = msg

        def check(job: int = job) -> None:
            while cancels.poll(0):
                stopped.add(cancels.recv())
            if job in stopped:
                raise Superseded

        def progress(fraction: float, job: int = job) -> None:
            conn.send(("progress", job, fraction))

        try:
            out = compute(request, cache, check, progress)  # errors come back in `out`
        except Superseded:
            conn.send(("superseded", job, cache.nbytes))
            continue
        finally:
            stopped.difference_update([j for j in stopped if j <= job])
        conn.send(("done", job, out, cache.nbytes))
        big = result_bytes(out.result) >= TRIM_AFTER_BYTES
        del out
        if big:
            trim()  # the evaluation's temporaries and the sent copy are free now


def main() -> None:
    """The child's entry: `python -c "..." <job fd> <cancel fd> <threads>`."""
    job_fd, cancel_fd, threads = (int(a) for a in sys.argv[1:4])
    _serve(Channel(socket.socket(fileno=job_fd)), Channel(socket.socket(fileno=cancel_fd)), threads)


class ComputeProcess:
    """The GUI process's side of the child: start, run a job, cancel it, clear, stop."""

    def __init__(self, threads: int = 1) -> None:
        self.threads = threads
        self._lock = threading.Lock()  # one job at a time, whichever worker asks
        self._jobs = 0
        self._conn: Channel | None = None
        self._cancels: Channel | None = None
        self._proc: subprocess.Popen | None = None
        self.ready = False
        self.cache_bytes = 0  # the child's cache, as of its last answer
        self.restarts = 0
        self._clear = False  # empty the child's cache before its next job

    def start(self) -> None:
        """Start the child; returns at once (the child imports torch on its own)."""
        if self.alive:
            return
        if self._proc is not None:  # it died, perhaps before it was ready: that counts too
            self._gone()
        if self.restarts > MAX_RESTARTS:
            return
        self.ready = False
        jobs, child_jobs = socket.socketpair()
        cancels, child_cancels = socket.socketpair()
        fds = (child_jobs.fileno(), child_cancels.fileno())
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": path}
        self._proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD_CODE,
                *map(str, fds),
                str(self.threads),
            ],
            pass_fds=fds,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        child_jobs.close()
        child_cancels.close()
        self._conn, self._cancels = Channel(jobs), Channel(cancels)

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def usable(self) -> bool:
        """Started, alive and past its imports. Never waits. (A dead child is replaced by
        the next `start`.)"""
        if not self.alive:
            return False
        if self.ready:
            return True
        with self._lock:
            try:
                if self._conn.poll(0):
                    self.ready = self._conn.recv()[0] == "ready"
            except (EOFError, OSError):
                self._gone()
        return self.ready

    def wait_ready(self, timeout_s: float = 60.0) -> bool:
        """Block until the child is ready (tests, benches); False if it is not by then."""
        self.start()
        if not self.ready and self._conn.poll(timeout_s):
            self.usable()
        return self.ready

    def next_job(self) -> int:
        with self._lock:
            self._jobs += 1
            return self._jobs

    def cancel(self, job: int) -> None:
        """Ask the child to stop `job` at its next chunk (any thread; never waits)."""
        conn = self._cancels
        if conn is not None:
            with contextlib.suppress(OSError):  # the child is gone: nothing runs there
                conn.send(job)

    def run(self, job: int, request: Request, progress: Callable[[float], None]) -> Outcome:
        """Compute `request` in the child. Raises Superseded when it was cancelled, ProcessGone
        when the child died."""
        with self._lock:
            try:
                if self._clear:
                    self._conn.send(("clear",))
                    self._clear = False
                self._conn.send(("run", job, request))
                while True:
                    while not self._conn.poll(0.05):  # (a killed child sends nothing)
                        if not self.alive:
                            raise EOFError
                    msg = self._conn.recv()
                    if msg[0] == "progress" and msg[1] == job:
                        progress(msg[2])
                    elif msg[0] == "superseded" and msg[1] == job:
                        self.cache_bytes = msg[2]
                        raise Superseded
                    elif msg[0] == "done" and msg[1] == job:
                        self.cache_bytes = msg[3]
                        return msg[2]
            except (EOFError, OSError, pickle.UnpicklingError) as e:
                self._gone()
                raise ProcessGone(str(e)) from e

    def clear(self) -> None:
        """Empty the child's result cache (and give its memory back) before its next job.
        Never waits: the GUI thread calls it, maybe while a long job runs."""
        self._clear = True
        self.cache_bytes = 0

    def _gone(self) -> None:
        """The child died (or broke the pipe): forget it; `start` makes another."""
        self.ready = False
        self.restarts += 1
        self._close(kill=True)

    def _close(self, kill: bool) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            if kill and proc.poll() is None:
                proc.kill()
            try:
                proc.wait(2)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(1)
        for conn in (self._conn, self._cancels):
            if conn is not None:
                conn.close()
        self._conn = self._cancels = None

    def stop(self) -> None:
        """End the child (it finishes nothing: a job running is dropped)."""
        self.ready = False
        if self._proc is None:
            return
        if self._proc.poll() is None:
            try:
                self.cancel(self._jobs)
                self._conn.send(("stop",))
            except (OSError, ValueError):
                pass
        self._close(kill=False)

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None


_SHARED: ComputeProcess | None = None


def shared(threads: int = 1) -> ComputeProcess:
    """The GUI process's one compute process, started on first use."""
    global _SHARED
    if _SHARED is None:
        _SHARED = ComputeProcess(threads)
        atexit.register(_SHARED.stop)
    _SHARED.start()
    return _SHARED
