"""Worker processes beside a writing process: how many, and how they end with it.

Shared by the import (``importing.extracting``) and ``flask analyse`` (``analysis_run``), which
both run pure pipeline code in spawned workers while their own process writes to the
database. Kept free of Flask and SQLAlchemy, like the modules a worker imports.
"""

from __future__ import annotations

import os
import threading
import time


def default_workers() -> int:
    """One worker per core beyond the writer's own, at most four."""
    return max(0, min(4, (os.cpu_count() or 1) - 1))


def exit_with(parent: int) -> None:
    """In a worker: end when the ``parent`` process does, even when it is killed outright
    (kill -9 gives a pool no time to stop its workers)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="exit-with-writer").start()
