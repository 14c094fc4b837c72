"""Collect garbage less often during heavy rendering (board papers, charts).

WeasyPrint makes about a million short-lived objects for a 25-page report; at
Python's default threshold (700 allocations) the collector rescans them
thousands of times, a quarter of the render. The threshold is process-wide, so
threads count themselves in and the last one out puts the usual one back.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

RENDER_THRESHOLD = 50_000  # objects: a few tens of MB more at most, for the length of a render

_lock = threading.Lock()
_renders = 0
_saved: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's first threshold while any thread is inside; restore it after the last.

    A context manager, or a decorator: `@fewer_collections()`.
    """
    global _renders, _saved
    with _lock:
        if _renders == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(max(RENDER_THRESHOLD, _saved[0]), *_saved[1:])
        _renders += 1
    try:
        yield
    finally:
        with _lock:
            _renders -= 1
            if _renders == 0:
                gc.set_threshold(*_saved)
