"""gunicorn settings: ``gunicorn -c gunicorn.conf.py wsgi:app`` (``make run`` uses this file).

Each setting can be changed with the environment variable named beside it. Put a buffering
reverse proxy in front on a public network (README, "Deploying"): gunicorn cannot bound how long
a request body takes to arrive, and a slow body ties up one worker thread until it does.
"""

import os

from gunicorn.http import wsgi

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '5000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "4"))
# A worker that stops answering its master for this long is restarted.
timeout = 30
graceful_timeout = 30
# Idle keep-alive connections are closed after 5 s, so idle clients do not hold threads.
keepalive = 5
# Request line and headers: small caps (gunicorn's defaults are larger) so a flood of headers
# is refused with a 400 before the app sees it.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# gunicorn itself trusts no X-Forwarded-* header: the app's TRUST_PROXY setting decides.
forwarded_allow_ips = ""
accesslog = "-"

_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(self):  # noqa: ANN001, ANN202
    """gunicorn writes ``Server: gunicorn`` itself and has no setting for it: leave it out."""
    return [h for h in _default_headers(self) if not h.lower().startswith("server:")]


wsgi.Response.default_headers = _default_headers_without_server


def pre_request(worker, req):  # noqa: ANN001, ANN201
    """A worker holding more connections than it has threads answers with "Connection: close".

    Each worker takes connections as they come, and a kept-alive connection stays with the
    worker that took it: eight opened at once were seen split 8/0, 7/1 and 6/2 between two
    workers, one core then doing the work of two while the other idled. A connection closed
    here comes back through the queue both workers take from; when each holds no more than
    it has threads, none is closed.
    """
    worker.log.debug("%s %s", req.method, req.path)  # what gunicorn's own pre_request does
    if worker.nr_conns > worker.cfg.threads:
        req.must_close = True
