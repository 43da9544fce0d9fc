"""A worker's reading requests take turns: one at a time, first come first served, and none
waits for its turn longer than ``REQUEST_TURN_WAIT_MS``.

gunicorn runs a worker's requests in threads (``THREADS``, 4) that share one interpreter lock.
A thread gives that lock up at every SQLite statement and row, and every write to a socket,
and must then win it back from threads that are busy computing: many times in a search. Which
thread wins is luck, and with four requests in a worker some lose often: a search's 95th
percentile under load was 1.5-1.7 times its median. Taking turns, a request runs with the lock
to itself once its turn comes, and the order is fair: the 95th percentile came down to 1.1-1.4
times the median, 12-19 % lower for every probe word, with the same work done per request
(bench/RESULTS.md, "Session 7: requests take turns").

A request that has waited ``wait`` seconds runs alongside the one holding the turn, as every
request did before: a slow request (a page computing a collection-wide count after a write,
say) delays the others by at most that, and never blocks them. Only GET and HEAD take turns;
a request with a body (an upload, a form) may spend its time waiting for the client.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable
from typing import Any

#: The methods that take turns: reading requests, whose time is the server's own work.
TAKING_TURNS = frozenset({"GET", "HEAD"})


class Turns:
    """One turn, handed to waiters in the order they came."""

    def __init__(self, wait: float) -> None:
        self.wait = wait
        self._lock = threading.Lock()
        self._taken = False
        self._waiting: deque[threading.Event] = deque()

    @property
    def waiting(self) -> int:
        """How many threads wait for the turn now."""
        with self._lock:
            return len(self._waiting)

    def take(self) -> bool:
        """Wait for the turn, up to ``wait`` seconds: True if it is now this thread's (give it
        back with ``hand_on``), False if the wait ran out (then run without it)."""
        with self._lock:
            if not self._taken:
                self._taken = True
                return True
            handed = threading.Event()
            self._waiting.append(handed)
        if handed.wait(self.wait):
            return True
        with self._lock:
            if handed.is_set():  # handed on between the timeout and this lock
                return True
            self._waiting.remove(handed)
            return False

    def hand_on(self) -> None:
        """Give the turn to the longest waiter, or free it if nobody waits."""
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()
            else:
                self._taken = False


class TakingTurns:
    """WSGI middleware: each GET or HEAD request runs in its worker's turn (see the module).

    The turn is handed on when the wrapped app returns, before gunicorn writes the answer to
    the socket; an answer streamed from a generator is produced outside the turn.
    """

    def __init__(self, app: Any, wait: float) -> None:
        self.app = app
        self.turns = Turns(wait)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") not in TAKING_TURNS:
            return self.app(environ, start_response)
        mine = self.turns.take()
        try:
            return self.app(environ, start_response)
        finally:
            if mine:
                self.turns.hand_on()
