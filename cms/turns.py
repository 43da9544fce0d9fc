"""A worker's reading requests take turns: one at a time, first come first served, and none
waits for its turn longer than ``REQUEST_TURN_WAIT_MS``.

gunicorn runs a worker's requests in threads (``THREADS``, 4) that share one interpreter lock.
A thread gives that lock up at every SQLite statement and row, and every write to a socket,
and must then win it back from threads that are busy computing: many times in a search. Which
thread wins is luck, and with four requests in a worker some lose often: a search's 95th
percentile under load was 1.5-1.7 times its median. Taking turns, a request runs with the lock
to itself once its turn comes, and the order is fair: the 95th percentile came down to 1.1-1.4
times the median, 12-19 % lower for every probe word, with the same work done per request
(bench/RESULTS.md, "Session 7: requests take turns"). A page's answer is written to the
socket before its turn goes on: handed on earlier, the writing thread had to win the lock back
from the next request twice more (bench/RESULTS.md, "Session 9: the turn held while the
answer is written").

A request that has waited ``wait`` seconds runs alongside the one holding the turn, as every
request did before: a slow request (a page computing a collection-wide count after a write,
say) delays the others by at most that, and never blocks them. Only GET and HEAD take turns;
a request with a body (an upload, a form) may spend its time waiting for the client.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
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

    An answer whose length is known (every page: Flask builds it whole) is handed back to the
    server with the turn still held, and the turn goes on when the server closes it, after
    writing it to the socket. Handed on before the write, the thread writing had to win the
    interpreter lock back from the next request's computing after each of its two socket
    writes, a switch interval (5 ms) each time. A streamed answer (no length) or a file the
    server sends itself hands the turn on when the app returns, as its writing may wait for
    the client. A client slow to read a whole answer holds the turn while the socket's buffer
    is full; the others wait for it no longer than for any slow request (``wait``).
    """

    def __init__(self, app: Any, wait: float) -> None:
        self.app = app
        self.turns = Turns(wait)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") not in TAKING_TURNS:
            return self.app(environ, start_response)
        if not self.turns.take():
            return self.app(environ, start_response)
        sized = False

        def noting_length(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            nonlocal sized
            sized = any(name.lower() == "content-length" for name, _ in headers)
            return start_response(status, headers, *rest)

        try:
            body = self.app(environ, noting_length)
        except BaseException:
            self.turns.hand_on()
            raise
        file_wrapper = environ.get("wsgi.file_wrapper")
        sent_by_server = isinstance(file_wrapper, type) and isinstance(body, file_wrapper)
        if not sized or sent_by_server:
            self.turns.hand_on()
            return body
        return _HandingOnWhenClosed(body, self.turns)


class _HandingOnWhenClosed:
    """An answer's body that hands the turn on when the server closes it (WSGI: always, once
    the answer is written or the client has gone), after closing the body itself."""

    def __init__(self, body: Iterable[bytes], turns: Turns) -> None:
        self.body = body
        self.turns: Turns | None = turns

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.body)

    def close(self) -> None:
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            if self.turns is not None:
                turns, self.turns = self.turns, None
                turns.hand_on()
