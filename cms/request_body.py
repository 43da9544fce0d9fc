"""A request body the server cannot parse (a bad chunk size, a cut-off upload) is a 400, not a 500.

Servers report a malformed body from inside ``wsgi.input.read`` with their own exception types
(gunicorn's ``InvalidChunkSize``, Werkzeug's ``OSError("Invalid chunk header")``), which Flask
would treat as a crash. This WSGI middleware turns any of them into ``BadRequest``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from werkzeug.exceptions import BadRequest, HTTPException

MALFORMED = "The request body could not be read: it was cut off or malformed."


class _GuardedInput:
    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def _call(self, method: str, *args: Any) -> Any:
        try:
            return getattr(self._stream, method)(*args)
        except HTTPException:
            raise
        except Exception as error:
            raise BadRequest(MALFORMED) from error

    def read(self, *args: Any) -> bytes:
        return self._call("read", *args)

    def readline(self, *args: Any) -> bytes:
        return self._call("readline", *args)

    def readlines(self, *args: Any) -> list[bytes]:
        return self._call("readlines", *args)

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.readline, b"")


class GuardedRequestBody:
    """Wraps a WSGI app so that errors reading the request body become 400 Bad Request."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if "wsgi.input" in environ:
            environ["wsgi.input"] = _GuardedInput(environ["wsgi.input"])
        return self.app(environ, start_response)
