"""A worker's reading requests take turns (cms/turns.py): in the order they came, none waiting
longer than the bound, and a turn is never lost, whatever the request does."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from werkzeug.test import Client

from cms.turns import TakingTurns, Turns
from tests.conftest import make_app

#: Long enough that no waiter in these tests gives up unless the test means it to.
PATIENT = 10.0


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + PATIENT
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the threads"
        time.sleep(0.001)


def test_the_turn_goes_to_the_waiters_in_the_order_they_came() -> None:
    turns = Turns(PATIENT)
    assert turns.take()
    order: list[int] = []

    def waiter(number: int) -> None:
        assert turns.take()
        order.append(number)
        turns.hand_on()

    threads = []
    for number in range(5):
        thread = threading.Thread(target=waiter, args=(number,))
        thread.start()
        _until(lambda number=number: turns.waiting == number + 1)
        threads.append(thread)
    assert order == []  # nobody runs while the turn is held
    turns.hand_on()
    for thread in threads:
        thread.join(PATIENT)
    assert order == [0, 1, 2, 3, 4]
    assert turns.take(), "the last waiter freed the turn"


def test_a_waiter_whose_wait_runs_out_runs_without_the_turn() -> None:
    turns = Turns(0.02)
    assert turns.take()
    assert turns.take() is False  # the holder never handed on
    assert turns.waiting == 0
    turns.hand_on()
    assert turns.take(), "giving up left no waiter behind to hand the turn to"


def test_a_request_that_waits_too_long_runs_alongside_the_one_holding_the_turn() -> None:
    holding = threading.Event()
    release = threading.Event()
    ran: list[str] = []

    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if environ["PATH_INFO"] == "/slow":
            holding.set()
            release.wait(PATIENT)
        ran.append(environ["PATH_INFO"])
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    client = Client(TakingTurns(app, wait=0.02))
    slow = threading.Thread(target=client.get, args=("/slow",))
    slow.start()
    holding.wait(PATIENT)
    assert client.get("/quick").status_code == 200  # while /slow still holds the turn
    assert ran == ["/quick"]
    release.set()
    slow.join(PATIENT)
    assert ran == ["/quick", "/slow"]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_requests_with_a_body_do_not_take_turns(method: str) -> None:
    seen: list[bool] = []
    middleware: TakingTurns

    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        seen.append(middleware.turns.take())  # free unless this request holds it
        middleware.turns.hand_on()
        start_response("204 No Content", [])
        return []

    middleware = TakingTurns(app, wait=0.02)
    Client(middleware).open("/", method=method)
    Client(middleware).get("/")
    assert seen == [True, False]  # the GET held the turn itself; its own take waited out


def test_the_turn_is_handed_on_when_the_app_raises() -> None:
    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        raise RuntimeError("a bug")

    middleware = TakingTurns(app, wait=PATIENT)
    with pytest.raises(RuntimeError):
        Client(middleware).get("/")
    assert middleware.turns.take()


def _chain(app: Any) -> list[type]:
    found, layer = [], app.wsgi_app
    while layer is not None:
        found.append(type(layer))
        layer = getattr(layer, "app", None)
    return found


def test_the_app_takes_turns_unless_the_setting_is_zero(tmp_path: Path) -> None:
    taking = make_app(tmp_path / "a", tmp_path / "a.sqlite3")
    assert _chain(taking)[0] is TakingTurns
    assert taking.wsgi_app.turns.wait == 0.05  # type: ignore[attr-defined]
    assert TakingTurns not in _chain(
        make_app(tmp_path / "b", tmp_path / "b.sqlite3", REQUEST_TURN_WAIT_MS=0)
    )


def test_pages_answer_through_the_turns(client) -> None:
    assert client.get("/healthz").json == {"status": "ok"}


def _answering(headers: list[tuple[str, str]], body: Iterable[bytes]) -> Any:
    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        start_response("200 OK", headers)
        return body

    return app


def _get(middleware: TakingTurns, **environ: Any) -> Iterable[bytes]:
    return middleware({"REQUEST_METHOD": "GET", **environ}, lambda status, headers: None)


def _turn_is_free(turns: Turns) -> bool:
    if turns.take():
        turns.hand_on()
        return True
    return False


class _Closing(list):
    closed = 0

    def close(self) -> None:
        self.closed += 1


def test_an_answer_of_known_length_keeps_the_turn_until_the_server_closes_it() -> None:
    """Written by the server within the turn: the thread writing it never has to win the
    interpreter lock back from the next request's computing."""
    body = _Closing([b"ok"])
    middleware = TakingTurns(_answering([("Content-Length", "2")], body), wait=0.02)
    answer = _get(middleware)
    assert b"".join(answer) == b"ok"
    assert not _turn_is_free(middleware.turns)  # written, not yet closed
    answer.close()  # type: ignore[attr-defined]
    assert body.closed == 1
    assert _turn_is_free(middleware.turns)
    assert middleware.turns.take()  # the next request's turn
    answer.close()  # type: ignore[attr-defined]  # closed twice: hands nothing more on
    assert not _turn_is_free(middleware.turns)


def test_the_turn_is_handed_on_when_closing_the_body_raises() -> None:
    class Failing(list):
        def close(self) -> None:
            raise OSError("gone")

    middleware = TakingTurns(_answering([("Content-Length", "2")], Failing([b"ok"])), 0.02)
    answer = _get(middleware)
    with pytest.raises(OSError):
        answer.close()  # type: ignore[attr-defined]
    assert _turn_is_free(middleware.turns)


def test_a_streamed_answer_or_a_file_hands_the_turn_on_when_the_app_returns() -> None:
    """Their writing may wait for the client: never within the turn."""

    class FileWrapper(list):
        pass

    streamed = TakingTurns(_answering([], iter([b"a", b"b"])), wait=0.02)
    _get(streamed)
    assert _turn_is_free(streamed.turns)
    sent = TakingTurns(_answering([("Content-Length", "1")], FileWrapper([b"a"])), wait=0.02)
    _get(sent, **{"wsgi.file_wrapper": FileWrapper})
    assert _turn_is_free(sent.turns)
