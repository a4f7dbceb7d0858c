"""Giving memory back to the system after a large result leaves the screen.

glibc keeps freed memory in its heap for reuse, so after a 4096x4096 surface the process stayed
at 550 MB with a 256x256 one back on screen; `malloc_trim` returns it (measured: 860 -> 440 MB
without, 750 -> 370 MB with, start 355 MB). Elsewhere than glibc this only collects garbage.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc

LARGE_BYTES = 32 * 1024**2  # results at least this big are worth a collection when dropped
# Computing and drawing a result this big leaves tens of MB of freed temporaries (float64 copies
# for the colours, contour and overlay arrays) in glibc's heap: worth a trim (a few ms) after.
TRIM_AFTER_BYTES = 8 * 1024**2


def _malloc_trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


_TRIM = _malloc_trim()
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters
KEEP_BYTES = 64 * 1024**2  # freed heap memory glibc may keep without a trim


def keep_freed_memory() -> None:
    """Let glibc reuse freed blocks up to 32 MB instead of mapping fresh pages for each.

    By default glibc maps big blocks afresh and returns them on free: every 256x256 frame's
    1 MB temporaries then page-faulted in zeroed pages (900 faults a frame, 3 of the 10 ms an
    evaluation took: docs/FINDINGS.md). Kept instead, they are returned by `trim`, which the
    window and the compute process call after large results and when idle."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, 32 * 1024**2)
        libc.mallopt(M_TRIM_THRESHOLD, KEEP_BYTES)
    except (OSError, AttributeError):
        pass  # not glibc: its allocator's own policy stands


def trim() -> None:
    """Return the heap's free pages to the system (what freed temporaries left)."""
    if _TRIM is not None:
        _TRIM(0)


def give_back() -> None:
    """Collect garbage (cycles may hold big arrays), then trim."""
    gc.collect()
    trim()


def result_bytes(result) -> int:
    return 0 if result is None else int(result.loss.nbytes + result.grad.nbytes)


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost",
        )
    ]  # fmt: skip


def heap_mb() -> dict[str, float]:
    """glibc's heap, all arenas: MB in use (mapped blocks included) and free but kept; empty
    elsewhere than glibc (>= 2.33)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        info = libc.mallinfo2()
    except (OSError, AttributeError):
        return {}
    return {
        "heap in use MB": (info.uordblks + info.hblkhd) / 2**20,
        "heap free, kept MB": info.fordblks / 2**20,
    }
