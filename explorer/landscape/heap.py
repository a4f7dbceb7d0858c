"""glibc's malloc told to keep what a grid point frees for the next one.

A second thread's malloc arena gives its free memory back to the kernel after each forward, so
the next forward faults every page of its activations in again: 30 to 950 page faults a grid
point of the 99,126-parameter MLP in its second lane, 11% of a 51x51 landscape's rows (see
docs/FINDINGS.md). Fixed thresholds keep the memory mapped. Meant for a command's own process,
whose memory is given back at its exit; the window keeps malloc's defaults.
"""

from __future__ import annotations

import ctypes
import sys

M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3  # glibc's malloc.h
SETTINGS = (
    (M_MMAP_THRESHOLD, 32 * 2**20),  # glibc's largest: blocks below it come from the heap
    (M_TRIM_THRESHOLD, 512 * 2**20),  # free memory kept at the heap's top
    (M_TOP_PAD, 64 * 2**20),  # grown in steps this large
)


def keep_freed_memory() -> bool:
    """Whether malloc took the settings (glibc on Linux); elsewhere nothing changes."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return all([mallopt(option, value) == 1 for option, value in SETTINGS])
