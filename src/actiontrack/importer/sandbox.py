"""Read a document in a child process whose memory and time are capped.

The limits in `limits` refuse every hostile document we know of before the
work it would cause; this is the belt to their braces. The child is forked
(so it starts at once, with the readers already imported), caps its own
address space (RLIMIT_AS: READ_MEMORY_BYTES more than it started with) and
processor time (RLIMIT_CPU), and sends back the reading, the refusal, or
how far it has got (`progress`). The parent gives it READ_WALL_SECONDS of
the clock and kills it after that. Whatever happens in the child (a parser
that runs out of memory, crashes or never finishes), the caller gets the
reading or an UnreadableDocument, and the process that asked (a worker, the
command line) carries on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from actiontrack.importer import limits
from actiontrack.importer.analysis import Conversion, analyse
from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.progress import reporting

logger = logging.getLogger(__name__)

Progress = Callable[[str], None]


def read_bounded(
    data: bytes,
    filename: str,
    column_roles: dict[str, str | None] | None = None,
    on_progress: Progress | None = None,
) -> Conversion:
    """Return `analyse(data, filename, column_roles)`, worked out in a child process with capped resources.

    `on_progress` hears how far the reading has got ("Reading page 3 of 12").
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_read_in_child, args=(sender, data, filename, column_roles), daemon=True)
    child.start()
    sender.close()
    try:
        return _wait_for(child, receiver, filename, on_progress or (lambda stage: None))
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(timeout=5)


def _wait_for(child: Any, receiver: Connection, filename: str, on_progress: Progress) -> Conversion:
    deadline = time.monotonic() + limits.READ_WALL_SECONDS
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _out_of_time(filename, limits.READ_WALL_SECONDS)
        if not receiver.poll(min(remaining, 1.0)):
            continue
        try:
            kind, value = receiver.recv()
        except (EOFError, OSError):
            child.join(timeout=5)
            raise _died(child.exitcode, filename) from None
        if kind == "progress":
            on_progress(value)
        elif kind == "read":
            return value  # type: ignore[no-any-return]
        else:
            raise UnreadableDocument(value)


def _read_in_child(sender: Connection, data: bytes, filename: str, column_roles: Any) -> None:
    try:
        _cap_resources()
        with reporting(lambda stage: sender.send(("progress", stage))):
            conversion = analyse(data, filename, column_roles)
        sender.send(("read", conversion))
    except UnreadableDocument as error:
        sender.send(("refused", str(error)))
    except MemoryError:
        sender.send(("refused", str(_out_of_memory(filename))))
    except BaseException:  # noqa: BLE001 - the child answers something whatever happens in it
        logger.warning("Reading %s failed in its child process", filename, exc_info=True)
        sender.send(("refused", f"{filename} could not be read: ActionTrack did not understand it."))
    finally:
        sender.close()


def _cap_resources() -> None:
    """Cap this process's memory at what it holds now plus READ_MEMORY_BYTES, and its processor time."""
    try:
        with open("/proc/self/statm") as statm:
            in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        in_use = 0
    memory = in_use + limits.READ_MEMORY_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = limits.READ_CPU_SECONDS
    # The soft limit sends SIGXCPU, which ends the process; the hard limit is a second later.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _died(exitcode: int | None, filename: str) -> UnreadableDocument:
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return _out_of_time(filename, limits.READ_CPU_SECONDS)
    logger.warning("The process reading %s ended with %s", filename, exitcode)
    return _out_of_memory(filename)


def _out_of_time(filename: str, seconds: int) -> UnreadableDocument:
    return UnreadableDocument(
        f"{filename} took too long to read: ActionTrack gives one document at most {seconds} seconds. "
        "Upload the action plan on its own, without other parts."
    )


def _out_of_memory(filename: str) -> UnreadableDocument:
    return UnreadableDocument(
        f"{filename} needs more memory to read than ActionTrack gives one document "
        f"({limits.size_in_words(limits.READ_MEMORY_BYTES)}). Upload the action plan on its own, "
        "without other parts."
    )
