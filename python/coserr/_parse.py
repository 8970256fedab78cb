"""The entry points: the exception for a response, or for a body alone."""

from . import _ffi
from ._bytes import body_bytes
from ._errors import exception_for
from ._record import from_body, from_response
from ._response import check_status


def error_from_response(status, body, headers=None, method=None, url=None, _all_headers=False):
    """The exception for an HTTP response, or ``None`` when it is not an error.

    ``status`` is the HTTP status (0 = unknown); ``body`` bytes or str (str is
    sent as UTF-8); ``headers`` a mapping or a list of ``(name, value)``
    pairs, names in any case; ``method`` (``"HEAD"``...) and ``url`` optional.
    Returns a :class:`CosServiceError` or a :class:`CosClientError` (to raise).
    A status of 400 or more is always an error: a service error when the
    body is an error document or empty, or when ``x-cos-error-code`` is
    sent; a client error when the body cannot be read as one. Below 400,
    only a body that is an error document makes one (see docs/semantics.md
    in the coserr repository for the whole table). The library's decisions
    (``retry``, ``from_cos``, ``clock_skew``, ``location``, ``region``) come
    with the error: for a non-error, a redirect included, there is none.
    """
    if type(body) is not bytes:
        body = body_bytes(body)
    if type(status) is not int or not 0 <= status <= 0xFFFFFFFF:
        status = check_status(status)
    rc, record, wholes = from_response(status, body, headers, method, url, _all_headers)
    if rc == _ffi.NOT_AN_ERROR:
        return None
    return exception_for(record, status, body, method, url, wholes)


def error_from_requests(resp):
    """:func:`error_from_response` for a ``requests.Response`` (duck-typed:
    ``status_code``, ``content``, ``headers``, ``request.method``, ``url``;
    requests itself is never imported)."""
    request = getattr(resp, "request", None)
    method = getattr(request, "method", None) if request is not None else None
    return error_from_response(
        resp.status_code, resp.content, resp.headers, method, getattr(resp, "url", None)
    )


def parse_body(body):
    """The body alone, status unknown (``coserr_parse_body``): a
    :class:`CosServiceError` for an error document, a :class:`CosClientError`
    for a body that is not XML or is malformed, else ``None``."""
    body = body_bytes(body)
    rc, record = from_body(body)
    if rc == _ffi.NOT_AN_ERROR:
        return None
    return exception_for(record, record.status, body)
