"""A small HTTP client for the reliability tests: one keep-alive connection, cookies, forms."""

from __future__ import annotations

import http.client
from html.parser import HTMLParser
from urllib.parse import urlencode

from tests.reliability.conftest import LiveServer


class FormFields(HTMLParser):
    """Every form on a page as {field name: value}, the way a browser would submit it."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({})
        elif not self.forms or "name" not in a:
            if tag == "option" and self._select and "selected" in a:
                self.forms[-1][self._select] = a.get("value", "")
            return
        elif tag == "input" and a.get("type") not in ("submit", "button", "checkbox", "file"):
            self.forms[-1][a["name"]] = a.get("value", "")
        elif tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            self.forms[-1][a["name"]] = a.get("value", "y")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.forms[-1][a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
            self.forms[-1].setdefault(a["name"], "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea and self.forms:
            # Browsers drop the newline that follows <textarea>; so must we.
            text = self.forms[-1][self._textarea]
            self.forms[-1][self._textarea] = text.removeprefix("\r\n").removeprefix("\n")
            self._textarea = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1][self._textarea] += data


def form_with(html: str, field: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(html)
    for form in parser.forms:
        if field in form:
            return form
    raise AssertionError(f"no form with a {field!r} field")


class Browser:
    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.conn = server.connection(timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None):
        body = urlencode(form) if form is not None else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()  # the server closed an idle keep-alive connection
                self.conn = self.server.connection(timeout=60)
                if attempt:
                    raise
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = self.server.connection(timeout=60)
        return response.status, text

    def login(self, username: str, password: str) -> int:
        _, page = self.request("GET", "/login")
        form = form_with(page, "username")
        form.update(username=username, password=password)
        status, _ = self.request("POST", "/login", form)
        return status

    def close(self) -> None:
        self.conn.close()
