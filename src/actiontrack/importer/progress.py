"""Say how far the reading of a document has got, for the page that waits for it.

The readers and `analyse` call `report("Reading page 3 of 12")`; whoever
reads a document in the background (`sandbox`) listens with `reporting`.
Without a listener a report costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[str], None]
_listeners: list[Listener] = []


def report(stage: str) -> None:
    """Tell whoever listens how far the reading has got."""
    for listener in _listeners:
        listener(stage)


@contextmanager
def reporting(listener: Listener) -> Iterator[None]:
    """Pass every report made inside the block to `listener`."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)
