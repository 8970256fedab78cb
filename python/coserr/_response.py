"""A ``coserr_response`` over the caller's status, body, headers, method
and URL, sharing their bytes (no copy)."""

from . import _ffi
from ._bytes import to_bytes
from ._headers import header_array

_Response = _ffi.Response
# Methods as bytes, without an encode per call.
_METHODS = {m: m.encode("ascii") for m in ("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS", "PATCH")}


def check_status(status):
    """The HTTP status as the C ``uint32_t`` (0 = unknown)."""
    if type(status) is not int:
        status = int(status)
    if not 0 <= status <= 0xFFFFFFFF:
        raise ValueError("coserr: status out of range: %r" % (status,))
    return status


def url_bytes(url):
    """A URL: ``str`` (sent as UTF-8) or bytes-like."""
    return url.encode("utf-8") if type(url) is str else to_bytes(url, "url")


def response(status, body, headers=None, method=None, url=None, all_headers=False):
    """The ``coserr_response``; it keeps alive every input its pointers
    point into. ``body`` is bytes, ``status`` checked by :func:`check_status`."""
    resp = _Response()
    resp.status = status
    if body:
        resp.body = body
        resp.body_len = len(body)
    if method:
        m = _METHODS.get(method)
        if m is None:
            m = method.encode("latin-1", "replace") if type(method) is str else to_bytes(method, "method")
        resp.method = m
        resp.method_len = len(m)
    if url:
        u = url_bytes(url)
        resp.url = u
        resp.url_len = len(u)
    if headers:
        packed, n, keep = header_array(headers, all_headers)
        if n:
            resp.headers = packed  # the Response keeps the array alive,
            resp.header_count = n
            resp.keep = keep  # and the text it points into
    return resp
