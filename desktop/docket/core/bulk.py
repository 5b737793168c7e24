"""Reading and computing over a million rows in plain Python: two helpers.

- :func:`fast_json_loads`: ``json.loads`` for the JSON texts a database stores, a third
  faster on small objects;
- :func:`paused_gc`: Python's cycle collector paused while millions of objects that form
  no cycle are built and read. Each collection walks every object still young, and a
  full one every object alive: over a million merged answers (some ten million dicts,
  lists and strings) that is most of the time of a report, for nothing (they are freed
  by reference counting as always).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from json.scanner import make_scanner
from typing import Any, cast

__all__ = ["fast_json_loads", "paused_gc", "retained_heap"]

_scan_json: Callable[[str, int], tuple[Any, int]] = make_scanner(cast(Any, json.JSONDecoder()))


def fast_json_loads(text: str) -> Any:
    """``json.loads(text)``: the decoder's scanner called directly, without the layers
    ``json.loads`` goes through (a third of the time of a small object). A text it does
    not take whole (leading or trailing space, an error) goes to ``json.loads``, which
    gives the same value or raises the same error."""
    try:
        value, end = _scan_json(text, 0)
    except (StopIteration, ValueError, TypeError):
        return json.loads(text)
    return value if end == len(text) else json.loads(text)


@contextmanager
def paused_gc(*, promote: bool = False) -> Iterator[None]:
    """The cycle collector paused inside, and as it was after (nesting is harmless).
    Cycles made inside are collected by the first collection after.

    ``promote``: what was made inside and is still alive when it ends (the rows read) is
    moved to the oldest generation in one step (``gc.freeze`` then ``gc.unfreeze``, a
    splice of the collector's lists), so that the first young collection after does not
    walk it all: that walk was 1.5–3 s after reading 100,000 UltraFeedback rows. Cycles
    made inside are then collected by the next full collection. Docket never freezes
    objects otherwise (this would thaw them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if promote:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


RETAINED_HEAP_BYTES = 256 * 1024 * 1024
"""The C heap a process that turns over gigabytes keeps rather than handing back."""


def retained_heap() -> bool:
    """Have the C allocator keep freed memory for reuse rather than give it back to the
    system at once (glibc's ``mallopt``; elsewhere nothing changes): True if it now does.

    A process that reads, builds and sends batches of megabytes over and over (the
    import's reading process, the merge's) otherwise maps fresh pages for each batch and
    unmaps them after, and the kernel zeroes every page it maps: for a 100,000-task
    import, a gigabyte of pages zeroed and faulted in for nothing. Up to
    :data:`RETAINED_HEAP_BYTES` stay in the heap; blocks from that size are still mapped
    on their own. Meant for a worker process, whose memory goes when it ends."""
    import ctypes
    import platform

    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3
    return bool(
        mallopt(m_trim_threshold, RETAINED_HEAP_BYTES)
        and mallopt(m_mmap_threshold, 32 * 1024 * 1024)
    )
